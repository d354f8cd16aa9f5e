"""Titik baca publik: terbitan (angka yang dibekukan saat disetujui/final) satu Pemda, tanpa kredensial.

Data kerja OPD (pengukuran, realisasi, anggaran, temuan) hanya untuk pengguna yang masuk; publik
membaca apa yang terbit — sama dengan portal publik dan data terbukanya."""

from typing import Any, Literal

from django.shortcuts import get_object_or_404
from ninja import Query, Schema
from ninja.pagination import paginate
from pydantic import Field

from sakip import tautan
from sakip.organisations.models import Pemda
from sakip.publikasi import services as publikasi

from .app import GALAT_BACA, PUBLIK, api
from .skema import SlugPemda


class TerbitanOut(Schema):
    jenis: str
    judul: str
    opd: str | None
    opd_slug: str | None
    tahun: int
    versi: int = Field(description="terbitan ke-n (yang terbaru berlaku)")
    versi_sumber: int = Field(description="versi dokumen asal: PK 1 = murni, 2… = perubahan")
    diterbitkan_pada: str
    berkas: str | None = Field(None, description="alamat PDF (kosong: hasil evaluasi, angka saja)")
    sha256: str | None
    data: dict[str, Any]


class SaringTerbitan(Schema):
    tahun: int | None = Field(None, ge=2000, le=2100, description="hanya tahun ini")
    jenis: Literal["lkjip", "pk", "evaluasi", "lkjip-pemda"] | None = None
    semua_versi: bool = Field(False, description="juga versi sebelumnya (PK Perubahan, koreksi)")


@api.get(
    "/publik/{pemda}/terbitan",
    response={200: list[TerbitanOut], **GALAT_BACA},
    summary="Dokumen yang terbit untuk publik di satu Pemda, dengan angkanya (tanpa kredensial)",
    openapi_extra=PUBLIK,
)
@paginate
def terbitan(request, pemda: SlugPemda, saring: Query[SaringTerbitan]):
    p = get_object_or_404(Pemda, slug=pemda)
    qs = publikasi.terbitan_pemda(p)
    if saring.tahun:
        qs = qs.filter(tahun=saring.tahun)
    if saring.jenis:
        qs = qs.filter(jenis=saring.jenis)
    daftar = list(qs) if saring.semua_versi else publikasi.terbaru(qs)
    daftar.sort(key=lambda t: (-t.tahun, t.opd.nama if t.opd_id else "", t.jenis, -t.versi))
    return [
        TerbitanOut(
            jenis=t.jenis,
            judul=t.judul,
            opd=t.opd.nama if t.opd_id else None,
            opd_slug=t.opd.slug if t.opd_id else None,
            tahun=t.tahun,
            versi=t.versi,
            versi_sumber=t.versi_sumber,
            diterbitkan_pada=t.diterbitkan_pada.isoformat(),
            berkas=tautan.ke("publik_berkas", slug=p.slug, pk=t.pk, nama=t.nama_berkas)
            if publikasi.permintaan(t) is not None
            else None,
            sha256=t.sidik or None,
            data=t.data,
        )
        for t in daftar
    ]
