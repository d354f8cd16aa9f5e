import pytest

from sakip.planning.models import PerjanjianKinerja
from tests.demo_cepat import muat_demo

R = "/opd/disnaker-denpasar/2022/renstra/"
A = "/opd/disnaker-denpasar/2022/pk/"


@pytest.fixture
def demo(db):
    muat_demo()


def _as(client, who):
    client.login(username=who, password="sakip-demo-2022")


@pytest.mark.django_db
def test_pk_murni_then_perubahan_keeps_old_version(client, demo):
    _as(client, "operator.disnaker")
    client.post(A + "buat/")
    pk = PerjanjianKinerja.objects.get(opd__slug="disnaker-denpasar", tahun=2022)
    assert pk.versi == 1 and pk.indikator.count() == 6
    s11 = pk.indikator.get(indikator__kode="S1-1")
    resp = client.post(
        A + "target/",
        {
            "versi": 1,
            **{f"t-{it.indikator_id}": "87" for it in pk.indikator.all()},
            f"t-{s11.indikator_id}": "delapan",
        },
        follow=True,
    )
    assert (
        "Target “Besaran Tenaga Kerja Yang Mendapat Pelatihan Berbasis Kompetensi”: &#x27;delapan&#x27; bukan angka"
        in resp.content.decode()
    )
    client.post(A + "ajukan/", {"versi": 1})
    _as(client, "kepala.disnaker")
    client.post(A + "setujui/", {"versi": 1})
    pk.refresh_from_db()
    assert pk.status == "disetujui"
    _as(client, "operator.disnaker")
    data = {
        "versi": 1,
        **{f"t-{it.indikator_id}": str(it.target).replace(".", ",") for it in pk.indikator.all()},
    }
    data[f"t-{s11.indikator_id}"] = "80"
    resp = client.post(A + "target/", data, follow=True)
    assert "terkunci; buat PK Perubahan" in resp.content.decode()
    resp = client.post(A + "perubahan/", data, follow=True)
    assert "Alasan perubahan wajib diisi" in resp.content.decode()
    client.post(A + "perubahan/", {**data, "alasan": "Refocusing anggaran"})
    v1, v2 = PerjanjianKinerja.objects.filter(tahun=2022).order_by("versi")
    assert v2.jenis == "perubahan" and v2.alasan_perubahan == "Refocusing anggaran"
    assert (
        v1.indikator.get(indikator__kode="S1-1").target == 87
        and v2.indikator.get(indikator__kode="S1-1").target == 80
    )
    from sakip.measurement.services import pengukuran
    from sakip.organisations.models import PerangkatDaerah

    rows = {
        b.indikator.kode: b
        for b in pengukuran(PerangkatDaerah.objects.get(slug="disnaker-denpasar"), 2022)
    }
    assert rows["S1-1"].sumber_target == "PK Perubahan" and rows["S1-1"].target.bawah == 80
    html = client.get(R).content.decode()
    assert (
        "PK Perubahan Dinas Tenaga Kerja" in html and "PK Dinas Tenaga Kerja" in html
    )  # both readable


@pytest.mark.django_db
def test_pk_roles(client, demo):
    _as(client, "kepala.disnaker")
    assert client.post(A + "buat/").status_code == 403
    assert not PerjanjianKinerja.objects.filter(tahun=2022).exists()
    client.login(username="operator.klungkung", password="sakip-demo-2024")
    assert client.post(A + "buat/").status_code == 403


@pytest.mark.django_db
def test_rencana_aksi_entry_and_lock(client, demo):
    _as(client, "operator.disnaker")
    client.post(A + "buat/")
    pk = PerjanjianKinerja.objects.get(opd__slug="disnaker-denpasar", tahun=2022)
    item = pk.indikator.get(indikator__kode="S2-1")
    resp = client.post(
        A + "rencana-aksi/",
        {"versi": 1, f"ra-{item.id}-1": "10", f"ra-{item.id}-2": "dua puluh"},
        follow=True,
    )
    assert "TW 2: &#x27;dua puluh&#x27; bukan angka" in resp.content.decode()
    assert not item.rencana_aksi.exists()
    client.post(
        A + "rencana-aksi/", {"versi": 1, f"ra-{item.id}-1": "10", f"ra-{item.id}-2": "20,5"}
    )
    assert {r.triwulan: r.target for r in item.rencana_aksi.all()} == {1: 10, 2: 20.5}
    html = client.get("/opd/disnaker-denpasar/2022/realisasi/tw2/").content.decode()
    assert "20,5" in html  # quarterly target shown on the entry page
    assert f'name="ra-{item.id}-2" value="20,5"' in client.get(R).content.decode()
    client.post(A + "ajukan/", {"versi": 1})
    resp = client.post(A + "rencana-aksi/", {"versi": 1, f"ra-{item.id}-3": "30"}, follow=True)
    assert "Rencana Aksi ikut terkunci" in resp.content.decode()


@pytest.mark.django_db
def test_renstra_targets_per_year(client, demo):
    from sakip.planning.models import Indikator, TargetIndikator

    _as(client, "operator.disnaker")
    url = "/opd/disnaker-denpasar/2022/target/"
    ind = Indikator.objects.get(kode="S1-1", opd__slug="disnaker-denpasar")
    page = client.get(url).content.decode()
    assert f'name="t-{ind.id}-2026" value="90"' in page
    data = {}
    for t in TargetIndikator.objects.filter(
        indikator__opd__slug="disnaker-denpasar", indikator__sasaran__isnull=False
    ):
        data[f"t-{t.indikator_id}-{t.tahun}"] = str(t.nilai).replace(".", ",")
    for t in TargetIndikator.objects.filter(
        indikator__opd__slug="disnaker-denpasar", indikator__tujuan__isnull=False
    ):
        data[f"t-{t.indikator_id}-{t.tahun}"] = str(t.nilai).replace(".", ",")
    bad = {**data, f"t-{ind.id}-2023": "tinggi"}
    assert "tahun 2023: &#x27;tinggi&#x27; bukan angka" in client.post(url, bad).content.decode()
    assert TargetIndikator.objects.get(indikator=ind, tahun=2023).nilai == 88
    client.post(url, {**data, f"t-{ind.id}-2023": "88,5"})
    assert TargetIndikator.objects.get(indikator=ind, tahun=2023).nilai == 88.5


@pytest.mark.django_db
def test_a_refused_pk_form_shows_what_was_typed_and_marks_the_field(client, demo):
    """Issue 28: formulir target PK / Rencana Aksi yang ditolak menampilkan lagi isian pengguna
    dan menandai medannya; tidak ada yang tersimpan."""
    import re

    from sakip.planning.models import PerjanjianKinerja

    client.login(username="operator.disnaker", password="sakip-demo-2022")
    client.post("/opd/disnaker-denpasar/2022/pk/buat/")
    pk = PerjanjianKinerja.objects.get(opd__slug="disnaker-denpasar", tahun=2022, versi=1)
    it = pk.indikator.select_related("indikator").first()
    sebelum = it.target
    data = {"versi": 1}
    for x in pk.indikator.all():
        data[f"t-{x.indikator_id}"] = str(x.target).replace(".", ",")
    data[f"t-{it.indikator_id}"] = "delapan"
    html = client.post("/opd/disnaker-denpasar/2022/pk/target/", data, follow=True).content.decode()
    medan = re.search(rf'<input name="t-{it.indikator_id}"[^>]*>', html).group(0)
    assert 'value="delapan"' in medan and 'aria-invalid="true"' in medan
    assert "&#x27;delapan&#x27; bukan angka" in html
    it.refresh_from_db()
    assert it.target == sebelum
    # halaman berikutnya kembali menampilkan data tersimpan
    html = client.get("/opd/disnaker-denpasar/2022/renstra/").content.decode()
    assert 'value="delapan"' not in html
    html = client.post(
        "/opd/disnaker-denpasar/2022/pk/rencana-aksi/",
        {"versi": 1, f"ra-{it.id}-2": "dua"},
        follow=True,
    ).content.decode()
    medan = re.search(rf'<input name="ra-{it.id}-2"[^>]*>', html).group(0)
    assert 'value="dua"' in medan and 'aria-invalid="true"' in medan
