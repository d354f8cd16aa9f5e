"""Realisasi dijumlahkan ke atas bila indikatornya sama (indikator_induk): hitungan dan rumus."""

from decimal import Decimal

import pytest

from sakip.interchange.exporter import export_text
from sakip.interchange.importer import import_file, read_document
from sakip.interchange.schema import InvalidDocument
from sakip.measurement.models import Realisasi
from sakip.measurement.services import pengukuran
from sakip.paths import SEEDS_DIR


def _baris(opd, kode, tahun=2024):
    return next(b for b in pengukuran(opd, tahun) if b.indikator.kode == kode)


def test_programme_counts_are_the_sum_of_its_kegiatan(klungkung):
    """Klungkung prints 60 certified workers for programme 2.07.03 and 20 + 40 for its two kegiatan:
    with the programme's own figure removed, sakip adds its kegiatan up to the same 60."""
    prog = klungkung.indikator.get(kode="2.07.03-1")
    kids = [klungkung.indikator.get(kode=k) for k in ("2.07.03.2.01-1", "2.07.03.2.05-1")]
    for k in kids:
        k.indikator_induk = prog
        k.save()
    assert _baris(klungkung, "2.07.03-1").realisasi == Decimal(60)  # its own row wins
    Realisasi.objects.filter(indikator=prog).delete()
    b = _baris(klungkung, "2.07.03-1")
    assert b.realisasi == Decimal(60) and b.capaian.nilai == Decimal(100)
    assert b.catatan == "dijumlahkan dari 2 indikator turunan"
    # quarters roll up too
    Realisasi.objects.filter(indikator__in=kids).delete()
    for k, (tw1, tw2) in zip(kids, ((5, 15), (10, 30)), strict=True):
        Realisasi.objects.create(indikator=k, tahun=2024, periode="tw1", nilai=tw1)
        Realisasi.objects.create(indikator=k, tahun=2024, periode="tw2", nilai=tw2)
    b = _baris(klungkung, "2.07.03-1")
    assert b.triwulan[1] == Decimal(15) and b.triwulan[2] == Decimal(45)


def test_percentages_without_counts_are_not_added(klungkung):
    tpak = klungkung.indikator.get(kode="S1-1")
    other = klungkung.indikator.get(kode="T1-1")  # a % indicator without counts
    other.indikator_induk = tpak
    other.save()
    Realisasi.objects.filter(indikator=tpak).delete()
    assert not any(
        b.indikator.kode == "S1-1" and b.realisasi is not None for b in pengukuran(klungkung, 2024)
    )


def test_the_link_travels_in_the_opd_file(klungkung):
    prog = klungkung.indikator.get(kode="2.07.03-1")
    kid = klungkung.indikator.get(kode="2.07.03.2.01-1")
    kid.indikator_induk = prog
    kid.save()
    text = export_text(klungkung, 2024)
    assert "sama_dengan: 2.07.03-1" in text
    import_file(text)
    kid.refresh_from_db()
    assert kid.indikator_induk == prog
    bad = (SEEDS_DIR / "klungkung-2024.yaml").read_text(encoding="utf-8")
    bad = bad.replace(
        "        satuan: Orang\n        target: {2024: 20}",
        "        satuan: Orang\n        sama_dengan: X-9\n        target: {2024: 20}",
        1,
    )
    with pytest.raises(
        InvalidDocument, match="sama_dengan: indikator 'X-9' tidak ada di berkas ini"
    ):
        read_document(bad)
