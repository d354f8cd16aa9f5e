"""Titik baca evaluasi AKIP: satu OPD-tahun (lengkap bagi yang berperan; publik: nilai final saja)
dan rekap se-Pemda (Admin Pemda dan Inspektorat), dengan izin yang sama dengan halamannya."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Schema

from sakip import akses
from sakip.akses import Aksi
from sakip.evaluation import services
from sakip.evaluation.models import Evaluasi
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.organisations.permissions import dapat_melihat

from .app import GALAT_BACA, PUBLIK, api, pengguna
from .skema import Slug, SlugPemda, Tahun


class KomponenNilaiOut(Schema):
    kode: str
    nama: str
    bobot: Decimal
    nilai: Decimal


class KriteriaOut(Schema):
    kode: str
    kriteria: str
    jawaban: str
    sumber: str
    otomatis: str
    alasan_otomatis: str
    mandiri: str
    evaluator: str
    catatan_evaluator: str
    alasan_ubah: str
    rekomendasi: str


class RekomendasiOut(Schema):
    kriteria: str
    teks: str
    status: str
    tindak_lanjut: str


class _EvaluasiDasar(Schema):
    """Medan bersama evaluasi OPD dan evaluasi Pemda sendiri."""

    tahun: int
    versi: int
    status: str
    final: bool
    templat: str
    nilai: Decimal
    predikat: str
    predikat_uraian: str
    komponen: list[KomponenNilaiOut]
    kriteria: list[KriteriaOut] | None = None
    rekomendasi: list[RekomendasiOut] | None = None


class EvaluasiOut(_EvaluasiDasar):
    opd_slug: str


class EvaluasiPemdaOut(Schema):
    peringkat: int | None
    opd_slug: str
    opd: str
    status: str
    nilai: Decimal | None
    predikat: str
    komponen: list[KomponenNilaiOut]
    nilai_tahun_lalu: Decimal | None
    perubahan: Decimal | None


def _dua(d: Decimal) -> Decimal:
    return d.quantize(Decimal("0.01"))


def _komponen(h) -> list[KomponenNilaiOut]:
    return [
        KomponenNilaiOut(
            kode=nk.komponen.kode,
            nama=nk.komponen.nama,
            bobot=nk.komponen.bobot,
            nilai=_dua(nk.nilai),
        )
        for nk in h.komponen
    ]


@api.get(
    "/opd/{slug}/{tahun}/evaluasi",
    response={200: EvaluasiOut, **GALAT_BACA},
    summary="Evaluasi AKIP (LKE) OPD-tahun: nilai, predikat, komponen; kriteria dan rekomendasi bagi yang berperan (publik: hanya evaluasi final, tanpa rincian)",
    openapi_extra=PUBLIK,
)
def api_evaluasi(request, slug: Slug, tahun: Tahun):
    opd = PerangkatDaerah.objects.select_related("pemda").filter(slug=slug).first()
    if opd is None:
        raise Http404(f"Perangkat Daerah '{slug}' tidak ditemukan.")
    user = pengguna(request)
    if user.is_authenticated:
        if not dapat_melihat(user, opd):
            raise PermissionDenied("Anda tidak berwenang melihat evaluasi Perangkat Daerah ini.")
        ev = services.evaluasi_berlaku(opd, tahun)
    else:
        ev = (
            Evaluasi.objects.filter(opd=opd, tahun=tahun, status=Evaluasi.Status.DISETUJUI)
            .select_related("templat")
            .order_by("-versi")
            .first()
        )
    if ev is None:
        raise Http404(f"Evaluasi AKIP {opd.nama} tahun {tahun} belum ada.")
    out = EvaluasiOut(opd_slug=opd.slug, tahun=tahun, **_ringkas(ev))
    if user.is_authenticated:
        _rincian(out, ev)
    return out


def _ringkas(ev: Evaluasi) -> dict:
    """Medan bersama evaluasi OPD dan evaluasi Pemda: versi, status, nilai, predikat, komponen."""
    h = services.hasil(ev)
    return {
        "versi": ev.versi,
        "status": ev.status,
        "final": ev.final,
        "templat": str(ev.templat),
        "nilai": _dua(h.nilai),
        "predikat": h.predikat.predikat,
        "predikat_uraian": h.predikat.uraian,
        "komponen": _komponen(h),
    }


def _rincian(out, ev: Evaluasi) -> None:
    """Jawaban per kriteria dan rekomendasi (hanya bagi pengguna yang berperan)."""
    teks = {kr.kode: kr.teks for _, _, kr in ev.templat.templat.semua_kriteria()}
    out.kriteria = [
        KriteriaOut(
            kode=j.kriteria,
            kriteria=teks.get(j.kriteria, ""),
            jawaban=j.akhir,
            sumber=j.sumber,
            otomatis=j.otomatis,
            alasan_otomatis=j.otomatis_alasan,
            mandiri=j.mandiri,
            evaluator=j.evaluator,
            catatan_evaluator=j.evaluator_catatan,
            alasan_ubah=j.alasan_ubah,
            rekomendasi=j.rekomendasi,
        )
        for j in ev.jawaban.all()
    ]
    out.rekomendasi = [
        RekomendasiOut(
            kriteria=r.kriteria, teks=r.teks, status=r.status, tindak_lanjut=r.tindak_lanjut
        )
        for r in ev.rekomendasi_set.all()
    ]


class EvaluasiAkipPemdaOut(_EvaluasiDasar):
    pemda_slug: str
    nomor_lhe: str
    tanggal_lhe: str | None


@api.get(
    "/pemda/{slug}/{tahun}/evaluasi/lke",
    response={200: EvaluasiAkipPemdaOut, **GALAT_BACA},
    summary="Evaluasi AKIP Pemda itu sendiri (oleh Kementerian PANRB): nilai, predikat, komponen, LHE; kriteria dan rekomendasi bagi yang berperan (publik: hanya evaluasi final, tanpa rincian)",
    openapi_extra=PUBLIK,
)
def api_evaluasi_akip_pemda(request, slug: SlugPemda, tahun: Tahun):
    user = pengguna(request)
    if user.is_authenticated:
        pemda = akses.pemda(user, slug)  # aturan yang sama dengan halamannya
        ev = services.evaluasi_berlaku(pemda, tahun)
    else:
        pemda = Pemda.objects.filter(slug=slug).first()
        if pemda is None:
            raise Http404(f"Pemda '{slug}' tidak ditemukan.")
        ev = (
            Evaluasi.objects.filter(
                pemda=pemda, opd__isnull=True, tahun=tahun, status=Evaluasi.Status.DISETUJUI
            )
            .select_related("templat")
            .order_by("-versi")
            .first()
        )
    if ev is None:
        raise Http404(f"Evaluasi AKIP {pemda.nama} tahun {tahun} belum ada.")
    out = EvaluasiAkipPemdaOut(
        pemda_slug=pemda.slug,
        tahun=tahun,
        nomor_lhe=ev.nomor_lhe,
        tanggal_lhe=ev.tanggal_lhe.isoformat() if ev.tanggal_lhe else None,
        **_ringkas(ev),
    )
    if user.is_authenticated:
        _rincian(out, ev)
    return out


@api.get(
    "/pemda/{slug}/{tahun}/evaluasi",
    response={200: list[EvaluasiPemdaOut], **GALAT_BACA},
    summary="Rekap evaluasi AKIP se-Pemda: nilai per komponen, peringkat, perubahan dari tahun lalu",
)
def api_evaluasi_pemda(request, slug: SlugPemda, tahun: Tahun):
    pemda = akses.pemda(pengguna(request), slug, Aksi.DASBOR)
    return [
        EvaluasiPemdaOut(
            peringkat=r.peringkat,
            opd_slug=r.opd.slug,
            opd=r.opd.nama,
            status=("final" if r.evaluasi.final else r.evaluasi.status) if r.evaluasi else "belum",
            nilai=_dua(r.nilai) if r.nilai is not None else None,
            predikat=r.hasil.predikat.predikat if r.hasil else "",
            komponen=_komponen(r.hasil) if r.hasil else [],
            nilai_tahun_lalu=_dua(r.nilai_lalu) if r.nilai_lalu is not None else None,
            perubahan=_dua(r.perubahan) if r.perubahan is not None else None,
        )
        for r in services.rekap_pemda(pemda, tahun)
    ]
