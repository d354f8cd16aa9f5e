import pytest
from django.contrib.auth import get_user_model

from sakip.organisations.models import PerangkatDaerah
from sakip.review.alur import ALUR_LKJIP, status_lkjip
from sakip.review.models import TemuanReviu
from sakip.review.services import perbarui_temuan
from sakip.workflow.alur import AlurError
from sakip.workflow.services import jalankan
from tests.demo_cepat import muat_demo


@pytest.fixture
def setup(db):
    muat_demo()
    u = get_user_model().objects
    return (
        PerangkatDaerah.objects.get(slug="disnaker-klungkung"),
        u.get(username="operator.klungkung"),
        u.get(username="kepala.klungkung"),
    )


def _langkah(user, opd, aksi, alasan=""):
    return jalankan(ALUR_LKJIP, user, status_lkjip(opd, 2024), aksi, alasan)


@pytest.mark.django_db
def test_lkjip_cannot_be_approved_with_open_kritis_findings(setup):
    opd, operator, kepala = setup
    perbarui_temuan(opd, 2024)
    with pytest.raises(AlurError, match="diajukan lebih dahulu"):
        _langkah(kepala, opd, "setujui")
    with pytest.raises(AlurError, match="Hanya Operator"):
        _langkah(kepala, opd, "ajukan")
    _langkah(operator, opd, "ajukan")
    with pytest.raises(AlurError, match="temuan reviu kritis yang terbuka"):
        _langkah(kepala, opd, "setujui")
    with pytest.raises(AlurError, match="Alasan pengembalian wajib"):
        _langkah(kepala, opd, "kembalikan", " ")
    obj = _langkah(kepala, opd, "kembalikan", "Perbaiki capaian TPAK")
    assert obj.status == "dikembalikan" and obj.alasan == "Perbaiki capaian TPAK"
    _langkah(operator, opd, "ajukan")
    TemuanReviu.objects.filter(opd=opd, tingkat="kritis").update(
        status="ditindaklanjuti", tanggapan="diperbaiki"
    )
    with pytest.raises(AlurError, match="Hanya Kepala"):
        _langkah(operator, opd, "setujui")
    assert _langkah(kepala, opd, "setujui").status == "disetujui"
    with pytest.raises(AlurError):
        _langkah(operator, opd, "ajukan")


@pytest.mark.django_db
def test_workflow_through_the_page(client, setup):
    opd, operator, kepala = setup
    client.login(username="operator.klungkung", password="sakip-demo-2024")
    resp = client.post("/opd/disnaker-klungkung/2024/lkjip/ajukan/", follow=True)
    assert "LKjIP diajukan" in resp.content.decode()
    resp = client.post("/opd/disnaker-klungkung/2024/lkjip/setujui/")
    assert resp.status_code == 403 and "Hanya Kepala OPD ini yang dapat menyetujui LKjIP" in (
        resp.content.decode()
    )
    client.login(username="kepala.klungkung", password="sakip-demo-2024")
    resp = client.post("/opd/disnaker-klungkung/2024/lkjip/setujui/", follow=True)
    html = resp.content.decode()
    assert "temuan reviu kritis yang terbuka" in html  # approving runs the reviu first
    assert "Status LKjIP:</b> Diajukan" in html
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    client.post("/opd/disnaker-denpasar/2022/lkjip/ajukan/")
    client.login(username="kepala.disnaker", password="sakip-demo-2022")
    resp = client.post("/opd/disnaker-denpasar/2022/lkjip/setujui/", follow=True)
    assert "Status LKjIP:</b> Disetujui" in resp.content.decode()  # Denpasar: warnings only
    assert client.post("/opd/disnaker-klungkung/2024/lkjip/setujui/").status_code == 403


@pytest.mark.django_db
def test_approval_warns_of_unedited_narrative_and_an_approved_lkjip_prints_no_draf(client, setup):
    """Issue 32: the Kepala sees which narrative sections are still automatic text before approving;
    the approved LKjIP prints that text as approved text, never "DRAF —"."""
    from sakip.documents.services import buat_dokumen
    from sakip.reporting.models import Narasi

    denpasar = PerangkatDaerah.objects.get(slug="disnaker-denpasar")
    sebelum = buat_dokumen("lkjip", denpasar, 2022, "html").isi.decode()
    assert 'class="draf"' in sebelum
    Narasi.objects.filter(opd=denpasar, tahun=2022, kunci="kata_pengantar").delete()
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    client.post("/opd/disnaker-denpasar/2022/lkjip/ajukan/")
    client.login(username="kepala.disnaker", password="sakip-demo-2022")
    html = client.get("/opd/disnaker-denpasar/2022/").content.decode()
    assert "bagian narasi masih teks otomatis yang belum disunting: Kata Pengantar" in html
    assert "tercetak tanpa tanda DRAF" in html
    resp = client.post("/opd/disnaker-denpasar/2022/lkjip/setujui/", follow=True)
    assert "Status LKjIP:</b> Disetujui" in resp.content.decode()
    for fmt in ("html", "docx"):
        isi = buat_dokumen("lkjip", denpasar, 2022, fmt).isi
        teks = isi.decode() if fmt == "html" else _teks_docx(isi)
        assert 'class="draf"' not in teks and "[DRAF" not in teks
    # the warning is gone once nothing is left to approve
    html = client.get("/opd/disnaker-denpasar/2022/").content.decode()
    assert "belum disunting" not in html


def _teks_docx(isi: bytes) -> str:
    import io

    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(isi)).paragraphs)
