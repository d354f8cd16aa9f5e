"""Dokumen Rencana Aksi: target triwulan setiap indikator PK."""

from __future__ import annotations

from sakip.documents.document import (
    Bagian,
    Dokumen,
    Paragraf,
    TandaTangan,
    beri_nomor,
)
from sakip.organisations.models import PerangkatDaerah

from .konteks import DokumenError, Konteks
from .tabel import tabel_rencana_aksi


def bangun_rencana_aksi(opd: PerangkatDaerah, tahun: int) -> Dokumen:
    ctx = Konteks(opd, tahun)
    t = tabel_rencana_aksi(ctx)
    if t is None:
        raise DokumenError(
            f"{opd.nama} belum punya Perjanjian Kinerja (dan Rencana Aksi) tahun {tahun}"
        )
    doc = Dokumen(
        "rencana-aksi",
        f"RENCANA AKSI TAHUN {tahun}",
        [opd.nama.upper(), opd.pemda.nama.upper()],
        f"rencana-aksi-{opd.slug}-{tahun}",
        daftar_isi=False,
        daftar_tabel=False,
        sampul=False,
    )
    bag = Bagian(f"RENCANA AKSI TAHUN {tahun}", nomor=opd.nama.upper(), angka_bab=1)
    bag.tambah(
        Paragraf("Target triwulan yang menjabarkan Perjanjian Kinerja."),
        t,
        TandaTangan([ctx.penanda_kepala(ctx.tempat_tanggal())]),
    )
    doc.bagian.append(bag)
    return beri_nomor(doc)
