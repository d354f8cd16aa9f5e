"""Pohon kinerja: bentuknya dari seed, capaian dan anggaran setiap simpul dihitung, dan jumlah kueri
tetap walau OPD dan jabatan bertambah (pohon, halaman pohon, halaman RPJMD, LKjIP Pemda)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.budget.services import rekap_anggaran
from sakip.interchange.importer import import_file
from sakip.organisations.models import Jabatan
from sakip.paths import SEEDS_DIR
from sakip.reporting.pohon import bangun_pohon


def test_denpasar_tree_from_rpjmd_down_to_sub_kegiatan(rpjmd_denpasar):
    pohon = bangun_pohon(rpjmd_denpasar.pemda, 2022)
    akar = pohon.akar
    assert (
        akar.jenis == "rpjmd" and akar.nama == "KOTA KREATIF BERBASIS BUDAYA MENUJU DENPASAR MAJU"
    )
    (t,) = akar.anak
    (s,) = t.anak
    assert s.kode == "S-TK"
    (tujuan_opd,) = s.anak
    assert (tujuan_opd.jenis, tujuan_opd.kode) == ("tujuan", "T1")
    assert [x.kode for x in tujuan_opd.anak] == ["S1", "S2", "S3"]
    s2 = tujuan_opd.anak[1]
    (prog,) = s2.anak
    assert prog.kode == "2.07.04"
    assert prog.jabatan.kode == "kabid-perluasan"
    # budget of the node = the budget recap's program total
    assert prog.anggaran == rekap_anggaran(rpjmd_denpasar, 2022).cari("2.07.04").jumlah
    # a sub kegiatan assigned to a functional post carries it; others inherit the programme's
    kinds = {n.kode: n.jabatan.kode for n in prog.iter() if n.jenis == "sub_kegiatan"}
    assert kinds["2.07.04.2.03.02"] == "pengantar-kerja-perluasan"
    assert kinds["2.07.04.2.01.02"] == "kabid-perluasan"
    # capaian colours on every node with a measurable indicator
    assert all(n.predikat is not None for n in akar.iter() if n.capaian is not None)
    assert s2.capaian is not None and s2.predikat is not None
    # S2-1: 721 of 1.164 placed against a target of 35 → 176,98%
    assert f"{s2.indikator[0].capaian.nilai:.2f}" == "176.98"
    # cross-cutting: Disnaker supports S-TK with its indicators
    (k,) = pohon.kontribusi[s.obj.pk]
    assert k.opd == rpjmd_denpasar and len(k.indikator) == 6
    assert pohon.sasaran_tanpa_opd == [] and pohon.unsur_opd_tanpa_rpjmd == []


def test_rpjmd_indicator_takes_the_one_opd_measuring_the_same_indicator(rpjmd_denpasar):
    pohon = bangun_pohon(rpjmd_denpasar.pemda, 2022)
    rows = {i.kode: b for i, b in pohon.indikator_rpjmd}
    assert rows["IKD-PEN"].sumber.startswith("realisasi Dinas Tenaga Kerja")
    assert f"{rows['IKD-PEN'].realisasi:.4f}" == "61.9416"
    assert rows["IKD-TPT"].realisasi is None  # not printed, not invented


def _extra_opd(n: int) -> None:
    """n more OPDs in Kota Denpasar (copies of the Klungkung file), each with positions."""
    base = (SEEDS_DIR / "klungkung-2024.yaml").read_text(encoding="utf-8")
    base = base.replace("tahun: 2024", "tahun: 2022", 1)
    for i in range(n):
        text = base.replace("slug: kabupaten-klungkung", "slug: kota-denpasar").replace(
            "slug: disnaker-klungkung", f"slug: opd-tambahan-{i}"
        )
        text = text.replace("jenis: kabupaten", "jenis: kota").replace(
            "nama: Kabupaten Klungkung", "nama: Kota Denpasar"
        )
        opd = import_file(text).opd
        kepala = Jabatan.objects.create(opd=opd, kode="kadis", nama="Kepala", jenis="kepala")
        for j in range(3):
            Jabatan.objects.create(
                opd=opd, kode=f"kabid-{j}", nama=f"Kabid {j}", jenis="kepala_bidang", atasan=kepala
            )
        opd.program.update(jabatan=kepala)


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as c:
        fn()
    return len(c.captured_queries)


@pytest.mark.django_db
def test_tree_and_pemda_pages_keep_a_constant_number_of_queries(rpjmd_denpasar, client):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("root", password="x")
    client.login(username="root", password="x")
    pemda = rpjmd_denpasar.pemda
    calls = {
        "pohon": lambda: bangun_pohon(pemda, 2022),
        "halaman pohon": lambda: client.get("/pemda/kota-denpasar/2022/pohon/"),
        "halaman RPJMD": lambda: client.get("/pemda/kota-denpasar/2022/rpjmd/"),
        "pohon OPD": lambda: client.get("/opd/disnaker-denpasar/2022/pohon/"),
        "dasbor Pemda": lambda: client.get("/pemda/kota-denpasar/2022/"),
    }
    for fn in calls.values():
        fn()  # warm caches (sessions, content types)
    before = {k: _count(fn) for k, fn in calls.items()}
    _extra_opd(2)
    for fn in calls.values():
        fn()  # the dashboard refreshes the stored capaian summary of the new OPDs once
    after = {k: _count(fn) for k, fn in calls.items()}
    assert after == before
    pohon = bangun_pohon(pemda, 2022)
    assert len(pohon.opd) == 3
    assert sum(1 for n in pohon.opd.values() for x in n.iter() if x.jenis == "program") == 14
    assert client.get("/pemda/kota-denpasar/2022/pohon/").status_code == 200


def test_the_tree_of_one_opd_needs_only_its_slug(rpjmd_denpasar, tmp_path, capsys):
    """`sakip laporan pohon --opd S` finds the Pemda from the OPD (issue 32)."""
    from django.core.management import call_command

    out = tmp_path / "pohon.html"
    call_command(
        "laporan",
        "pohon",
        "--opd",
        "disnaker-denpasar",
        "--tahun",
        "2022",
        "--format",
        "html",
        "--output",
        str(out),
    )
    html = out.read_text("utf-8")
    assert "Dinas Tenaga Kerja" in html and "2.07.04" in html
    # the OPD's tree names the RPJMD sasaran it hangs from (issue 32)
    assert "mendukung sasaran" in html and "S-TK" in html
    assert "Dinas Tenaga Kerja dan Sertifikasi Kompetensi Kota Denpasar:" in capsys.readouterr().out
