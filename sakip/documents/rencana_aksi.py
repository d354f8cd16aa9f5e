"""Dokumen Rencana Aksi: target triwulan setiap indikator PK."""

from __future__ import annotations

from sakip.documents.document import Dokumen, Paragraf
from sakip.organisations.models import PerangkatDaerah

from .konteks import DokumenError, Konteks, dokumen_satu_bagian
from .tabel import tabel_rencana_aksi


def bangun_rencana_aksi(opd: PerangkatDaerah, tahun: int) -> Dokumen:
    ctx = Konteks(opd, tahun)
    t = tabel_rencana_aksi(ctx)
    if t is None:
        raise DokumenError(
            f"{opd.nama} belum punya Perjanjian Kinerja (dan Rencana Aksi) tahun {tahun}"
        )
    return dokumen_satu_bagian(
        ctx,
        "rencana-aksi",
        f"RENCANA AKSI TAHUN {tahun}",
        f"RENCANA AKSI TAHUN {tahun}",
        Paragraf("Target triwulan yang menjabarkan Perjanjian Kinerja."),
        t,
    )
