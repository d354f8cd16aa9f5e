"""Buka tahun baru: PK murni, kerangka Rencana Aksi, PK berjenjang; tahun lama tidak berubah."""

from decimal import Decimal

import pytest

from sakip.akses import AksesDitolak
from sakip.interchange.exporter import export_text
from sakip.organisations.models import Peran, PerangkatDaerah
from sakip.planning.models import PerjanjianKinerja, RencanaAksi, TahunKinerja
from sakip.planning.tahun import BukaTahunError, buka_tahun, dapat_dibuka
from tests.conftest import pengguna


@pytest.fixture
def klk(klungkung):
    return PerangkatDaerah.objects.get(slug="disnaker-klungkung")


def test_opening_2025_prepares_the_pk_and_rencana_aksi_and_leaves_2024_alone(klk):
    op = pengguna("op.klk", Peran.OPERATOR_OPD, klk)
    sebelum = export_text(klk, 2024)
    assert dapat_dibuka(klk, 2025) and not dapat_dibuka(klk, 2024)
    hasil = buka_tahun(op, klk, 2025)
    pk = PerjanjianKinerja.objects.get(opd=klk, tahun=2025, jabatan__isnull=True)
    assert hasil.pk == pk and pk.jenis == "murni"
    assert {(i.indikator.kode, i.target) for i in pk.indikator.all()} == {
        ("S1-1", Decimal("79.01")),
        ("S2-1", 1),
    }
    assert (
        RencanaAksi.objects.filter(pk_indikator__perjanjian=pk).count() == 8 == hasil.rencana_aksi
    )
    tk = TahunKinerja.objects.get(opd=klk, tahun=2025)
    assert (tk.penandatangan_nama, tk.tempat) == ("Wayan Sumarta, S.Sos.", "Semarapura")
    assert "Tahun 2025 dibuka; PK murni dengan 2 indikator IKU" in hasil.ringkasan()
    assert export_text(klk, 2024) == sebelum
    with pytest.raises(BukaTahunError, match="sudah dibuka"):
        buka_tahun(op, klk, 2025)


def test_a_year_outside_the_renstra_or_by_another_role_is_refused(klk):
    with pytest.raises(BukaTahunError, match="Belum ada Renstra yang mencakup tahun 2027"):
        buka_tahun(pengguna("op.klk", Peran.OPERATOR_OPD, klk), klk, 2027)
    with pytest.raises(AksesDitolak):
        buka_tahun(pengguna("kepala.klk", Peran.KEPALA_OPD, klk), klk, 2025)
    assert not TahunKinerja.objects.filter(opd=klk, tahun=2025).exists()


def test_the_renstra_page_offers_to_open_the_year(client, klk):
    client.force_login(pengguna("op.klk", Peran.OPERATOR_OPD, klk))
    html = client.get("/opd/disnaker-klungkung/2025/renstra/").content.decode()
    assert "Buka tahun 2025" in html and "Susun PK murni" not in html
    r = client.post("/opd/disnaker-klungkung/2025/buka-tahun/", follow=True)
    assert "Tahun 2025 dibuka" in r.content.decode()
    assert (
        "Buka tahun 2025"
        not in client.get("/opd/disnaker-klungkung/2025/renstra/").content.decode()
    )
