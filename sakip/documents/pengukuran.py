"""Dokumen Pengukuran Kinerja Triwulan."""

from __future__ import annotations

from sakip.documents.document import Dokumen
from sakip.organisations.models import PerangkatDaerah

from .konteks import Konteks, dokumen_satu_bagian
from .tabel import tabel_pengukuran, tabel_triwulan


def bangun_pengukuran(opd: PerangkatDaerah, tahun: int) -> Dokumen:
    ctx = Konteks(opd, tahun)
    ctx.tk  # noqa: B018 - memastikan data tahun ada
    rows = ctx.renstra_rows
    return dokumen_satu_bagian(
        ctx,
        "pengukuran",
        f"PENGUKURAN KINERJA TAHUN {tahun}",
        f"PENGUKURAN KINERJA TRIWULAN TAHUN {tahun}",
        tabel_triwulan(ctx, rows),
        tabel_pengukuran(ctx, rows, f"Pengukuran Kinerja Tahun {tahun}"),
    )
