"""Aturan keselarasan RPJMD (SEL-01…04): memicu di tempat yang salah, diam di tempat yang benar."""

import pytest

from sakip.interchange.importer import import_file
from sakip.paths import SEEDS_DIR
from sakip.planning.models import Sasaran, TargetIndikator, Tujuan
from sakip.review.engine import jalankan, reviu_opd, reviu_pemda
from sakip.review.rules.dasar import Konteks
from sakip.review.rules.tabel import ATURAN_BY_ID, ATURAN_PEMDA
from sakip.rpjmd.models import SasaranRPJMD, TujuanRPJMD


def _sel(opd, tahun, rule):
    return jalankan(Konteks(opd, tahun, klaim=[]), [ATURAN_BY_ID[rule]])


def test_quiet_on_both_seeds_as_printed(rpjmd_denpasar, rpd_klungkung):
    """Both seeds link their tujuan to the RPJMD/RPD sasaran and Denpasar's targets equal the
    RPJMD's: no alignment finding, neither per OPD nor for the Pemda."""
    for opd, tahun in ((rpjmd_denpasar, 2022), (rpd_klungkung, 2024)):
        assert [t for t in reviu_opd(opd, tahun) if t.aturan.startswith("SEL")] == []
        assert reviu_pemda(opd.pemda, tahun) == []


def test_quiet_without_an_rpjmd(denpasar):
    for rule in ("SEL-01", "SEL-02", "SEL-03"):
        assert _sel(denpasar, 2022, rule) == []
    assert reviu_pemda(denpasar.pemda, 2022) == []


def test_sel01_fires_for_an_unlinked_opd_sasaran(rpjmd_denpasar):
    Tujuan.objects.filter(renstra__opd=rpjmd_denpasar).update(sasaran_rpjmd=None)
    found = _sel(rpjmd_denpasar, 2022, "SEL-01")
    assert [t.objek for t in found] == [
        "Meningkatnya Kompetensi Tenaga Kerja [S1]",
        "Meningkatnya Penempatan dan Perluasan Kesempatan Kerja [S2]",
        "Meningkatnya Perlindungan Tenaga Kerja dan Pengembangan Hubungan Industrial [S3]",
    ]
    assert "tidak mendukung sasaran mana pun dalam RPJMD Kota Denpasar 2021–2026" in found[0].pesan
    # one sasaran linked directly: quiet for it
    s2 = Sasaran.objects.get(tujuan__renstra__opd=rpjmd_denpasar, kode="S2")
    s2.sasaran_rpjmd = SasaranRPJMD.objects.get(kode="S-TK")
    s2.save()
    assert len(_sel(rpjmd_denpasar, 2022, "SEL-01")) == 2
    # and the Pemda review reports the same, naming the OPD
    pemda_found = [t for t in reviu_pemda(rpjmd_denpasar.pemda, 2022) if t.aturan == "SEL-01"]
    assert [t.lokasi for t in pemda_found] == [f"Renstra {rpjmd_denpasar.nama}"] * 2


def test_sel02_fires_when_the_opd_target_differs_from_the_rpjmd(rpjmd_denpasar):
    TargetIndikator.objects.filter(
        indikator__opd=rpjmd_denpasar, indikator__kode="S2-1", tahun=2022
    ).update(nilai=40)
    found = _sel(rpjmd_denpasar, 2022, "SEL-02")
    assert len(found) == 1
    t = found[0]
    assert (t.objek, t.tercetak, t.dihitung) == (
        "Besaran Pencari Kerja yang Terdaftar Yang Ditempatkan [S2-1]",
        "40",
        "35",
    )
    assert t.pesan.startswith("Renstra menetapkan target 2022")
    assert _sel(rpjmd_denpasar, 2023, "SEL-02") == []


def test_sel02_compares_the_pk_target_when_there_is_one(rpd_klungkung):
    """Klungkung has a PK; its PK target is the one compared (and the RPD has no indicator: quiet)."""
    assert _sel(rpd_klungkung, 2024, "SEL-02") == []


def test_sel03_fires_only_when_the_rpjmd_lists_programs(rpjmd_denpasar):
    from sakip.rpjmd.models import ProgramRPJMD

    assert _sel(rpjmd_denpasar, 2022, "SEL-03") == []
    rp = SasaranRPJMD.objects.get(kode="S-TK").tujuan.rpjmd
    pr = ProgramRPJMD.objects.create(
        rpjmd=rp, kode="2.07.04", nama="Program Penempatan Tenaga Kerja"
    )
    found = _sel(rpjmd_denpasar, 2022, "SEL-03")
    # the support program (2.07.01) is never asked to link
    assert [t.objek.split()[0] for t in found] == ["2.07.03", "2.07.04", "2.07.05"]
    rpjmd_denpasar.program.filter(kode="2.07.04").update(program_rpjmd=pr)
    assert [t.objek.split()[0] for t in _sel(rpjmd_denpasar, 2022, "SEL-03")] == [
        "2.07.03",
        "2.07.05",
    ]


def test_sel04_fires_for_an_rpjmd_sasaran_no_opd_supports(rpjmd_denpasar):
    rp = SasaranRPJMD.objects.get(kode="S-TK").tujuan.rpjmd
    t = TujuanRPJMD.objects.create(rpjmd=rp, kode="T-M1", uraian="Masyarakat sehat", misi=1)
    SasaranRPJMD.objects.create(tujuan=t, kode="S-KES", uraian="Meningkatnya derajat kesehatan")
    found = [x for x in reviu_pemda(rpjmd_denpasar.pemda, 2022) if x.aturan == "SEL-04"]
    assert [x.objek for x in found] == ["Meningkatnya derajat kesehatan [S-KES]"]
    assert "tidak didukung tujuan atau sasaran Perangkat Daerah mana pun" in found[0].pesan


def test_pemda_rules_are_data_too():
    ids = [a.id for a in ATURAN_PEMDA]
    assert ids == ["SEL-01", "SEL-02", "SEL-03", "SEL-04"]
    for a in ATURAN_PEMDA:
        assert a.tingkat in ("kritis", "peringatan", "info") and a.judul and a.pesan


@pytest.mark.django_db
def test_klungkung_pemda_file_reimport_is_idempotent(rpd_klungkung):
    import_file(SEEDS_DIR / "klungkung-rpd.yaml")
    assert reviu_pemda(rpd_klungkung.pemda, 2024) == []


# Kasus memicu dan diam setiap aturan keselarasan (dibaca tests/review/test_engine.py).
DIPICU = {
    "SEL-01": test_sel01_fires_for_an_unlinked_opd_sasaran,
    "SEL-02": test_sel02_fires_when_the_opd_target_differs_from_the_rpjmd,
    "SEL-03": test_sel03_fires_only_when_the_rpjmd_lists_programs,
    "SEL-04": test_sel04_fires_for_an_rpjmd_sasaran_no_opd_supports,
}
DIAM = {
    "SEL-01": test_quiet_on_both_seeds_as_printed,
    "SEL-02": test_sel02_compares_the_pk_target_when_there_is_one,
    "SEL-03": test_sel03_fires_only_when_the_rpjmd_lists_programs,
    "SEL-04": test_quiet_on_both_seeds_as_printed,
}
