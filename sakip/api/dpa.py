"""Titik tulis pagu dari ekspor DPA/DPPA (.xlsx/.csv): pemetaan kolom yang diingat Pemda atau
dikirim, pratinjau setiap perubahan, dan (terapkan=true) satu versi pagu bertanggal dalam satu
transaksi — layanan yang sama dengan halaman Impor DPA (:mod:`sakip.budget.dpa`)."""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import File, Schema, Status, UploadedFile
from pydantic import StringConstraints

from sakip import akses
from sakip.akses import Aksi
from sakip.budget import dpa

from .app import GALAT_TULIS, api, pengguna
from .rencana import AUTH, _galat
from .skema import TANPA_NUL, Slug, Tahun

MAKS = 5 * 1024 * 1024


class BarisPaguOut(Schema):
    baris: int
    kode: str
    nama: str
    pagu_lama: str | None
    pagu: str
    realisasi: str | None


class DPAOut(Schema):
    diterapkan: bool
    jenis: str
    tanggal: str
    kolom: dict[str, str | None]
    catatan: list[str]
    perubahan: list[BarisPaguOut]


@api.post(
    "/opd/{slug}/{tahun}/dpa",
    auth=AUTH,
    response={200: DPAOut, **GALAT_TULIS},
    summary="Pagu dari ekspor DPA/DPPA: pratinjau, atau terapkan=true sebagai versi pagu "
    "bertanggal (kolom: nomor kolom 0.. bila judulnya belum dikenal Pemda)",
)
def api_dpa(
    request,
    slug: Slug,
    tahun: Tahun,
    berkas: File[UploadedFile],
    jenis: Literal["murni", "perubahan"],
    tanggal: Annotated[str, StringConstraints(max_length=20, pattern=TANPA_NUL)],
    terapkan: bool = False,
    kolom_kode: int | None = None,
    kolom_uraian: int | None = None,
    kolom_pagu: int | None = None,
    kolom_pagu_perubahan: int | None = None,
    kolom_realisasi: int | None = None,
):
    opd = akses.opd(pengguna(request), slug, Aksi.ISI_PENUH)
    if berkas.size is None or berkas.size > MAKS:
        return _galat("Berkas terlalu besar (paling besar 5 MB).", {"berkas": "terlalu besar"})
    try:
        tgl = dpa.baca_tanggal(tanggal, tahun)
        tabel = dpa.baca(berkas.read(), (berkas.name or "dpa.xlsx")[:200])
        peta = dpa.tebak(tabel, opd.pemda)
        n = len(tabel["judul"])
        for medan, i in (
            ("kode", kolom_kode),
            ("uraian", kolom_uraian),
            ("pagu", kolom_pagu),
            ("pagu_perubahan", kolom_pagu_perubahan),
            ("realisasi", kolom_realisasi),
        ):
            if i is not None:
                if not 0 <= i < n:
                    raise dpa.DPAError(
                        [f"kolom_{medan} {i} tidak ada; berkas punya kolom 0–{n - 1}"]
                    )
                peta[medan] = i
        hasil = dpa.pratinjau(opd, tahun, tabel, peta, jenis)
        judul = {m: tabel["judul"][i] for m, i in peta.items() if i is not None}
        if terapkan:
            dpa.terapkan(pengguna(request), opd, tahun, hasil, jenis, tgl, tabel["nama"], judul)
    except dpa.DPAError as exc:
        return _galat(
            "Berkas DPA tidak diterima; tidak ada yang disimpan.",
            {f"berkas[{i}]": g for i, g in enumerate(exc.galat)},
        )
    return Status(
        200,
        DPAOut(
            diterapkan=terapkan,
            jenis=jenis,
            tanggal=tgl.isoformat(),
            kolom={m: judul.get(m) for m in dpa.MEDAN},
            catatan=hasil["catatan"],
            perubahan=[
                BarisPaguOut(**{k: v for k, v in p.items() if k != "key" and k != "real_lama"})
                for p in hasil["perubahan"]
            ],
        ),
    )
