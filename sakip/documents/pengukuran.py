"""Dokumen Pengukuran Kinerja Triwulan."""

from __future__ import annotations

from sakip.documents.document import (
    Bagian,
    Dokumen,
    TandaTangan,
    beri_nomor,
)
from sakip.organisations.models import PerangkatDaerah

from .konteks import Konteks
from .tabel import tabel_pengukuran, tabel_triwulan


def bangun_pengukuran(opd: PerangkatDaerah, tahun: int) -> Dokumen:
    ctx = Konteks(opd, tahun)
    ctx.tk  # noqa: B018
    rows = [b for b in ctx.ukur if b.indikator.tingkat in ("tujuan", "sasaran")]
    doc = Dokumen(
        "pengukuran",
        f"PENGUKURAN KINERJA TAHUN {tahun}",
        [opd.nama.upper(), opd.pemda.nama.upper()],
        f"pengukuran-{opd.slug}-{tahun}",
        daftar_isi=False,
        daftar_tabel=False,
        sampul=False,
    )
    bag = Bagian(f"PENGUKURAN KINERJA TRIWULAN TAHUN {tahun}", nomor=opd.nama.upper(), angka_bab=1)
    bag.tambah(
        tabel_triwulan(ctx, rows),
        tabel_pengukuran(ctx, rows, f"Pengukuran Kinerja Tahun {tahun}"),
        TandaTangan([ctx.penanda_kepala(ctx.tempat_tanggal())]),
    )
    doc.bagian.append(bag)
    return beri_nomor(doc)
