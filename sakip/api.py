"""API JSON (django-ninja). Skema OpenAPI: /api/openapi.json, dokumentasi: /api/docs.

Autentikasi: header ``Authorization: Bearer <token>`` (buat dengan ``sakip token buat --user NAMA``),
atau sesi login aplikasi. Izinnya sama dengan halaman: data hanya untuk OPD yang boleh dilihat
pengguna; menulis realisasi hanya Operator OPD/Admin Pemda, dan terkunci setelah disetujui.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from sakip.budget.services import rekap_anggaran
from sakip.core.numbers import format_angka
from sakip.measurement import entry
from sakip.measurement.models import Periode, Realisasi
from sakip.measurement.services import pengukuran
from sakip.organisations.models import PerangkatDaerah, TokenApi
from sakip.organisations.permissions import dapat_melihat, opd_terlihat
from sakip.review.models import TemuanReviu


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        obj = (
            TokenApi.objects.select_related("user")
            .filter(sidik=TokenApi.hash(token), aktif=True)
            .first()
        )
        if obj is None or not obj.user.is_active:
            return None
        TokenApi.objects.filter(pk=obj.pk).update(terakhir_dipakai=timezone.now())
        request.user = obj.user
        return obj.user


api = NinjaAPI(
    title="sakip API",
    version="1",
    description=__doc__,
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)


# --- Galat dalam satu bentuk: {"detail": kalimat, "galat": {medan: pesan}}, selalu bahasa Indonesia ---

_JENIS_GALAT = {
    "missing": "wajib diisi",
    "string_type": "harus berupa teks",
    "int_type": "harus bilangan bulat",
    "int_parsing": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat",
    "float_type": "harus angka",
    "float_parsing": "harus angka",
    "decimal_type": "harus angka",
    "decimal_parsing": "harus angka",
    "bool_type": "harus true atau false",
    "bool_parsing": "harus true atau false",
    "list_type": "harus berupa daftar (JSON array)",
    "dict_type": "harus berupa objek JSON",
    "model_type": "harus berupa objek JSON",
    "model_attributes_type": "harus berupa objek JSON",
    "extra_forbidden": "medan tidak dikenal; hapus medan ini",
    "json_invalid": "bukan JSON yang sah",
    "json_type": "bukan JSON yang sah",
    "string_too_long": "terlalu panjang",
    "string_too_short": "terlalu pendek",
    "string_pattern_mismatch": "bentuknya tidak sah",
    "too_long": "terlalu banyak butir",
    "greater_than_equal": "terlalu kecil",
    "less_than_equal": "terlalu besar",
    "greater_than": "terlalu kecil",
    "less_than": "terlalu besar",
    "literal_error": "bukan salah satu nilai yang diizinkan",
    "enum": "bukan salah satu nilai yang diizinkan",
    "union_tag_invalid": "jenis nilainya tidak sah",
}
_TAG_UNION = {"str", "int", "float", "bool", "decimal", "list", "dict", "none"}


def _pesan_validasi(err: dict) -> str:
    jenis = err.get("type", "")
    pesan = _JENIS_GALAT.get(jenis, "nilainya tidak sah")
    ctx = err.get("ctx") or {}
    for kunci, kata in (
        ("ge", "paling kecil"),
        ("le", "paling besar"),
        ("gt", "harus lebih dari"),
        ("lt", "harus kurang dari"),
        ("max_length", "paling banyak"),
        ("min_length", "paling sedikit"),
    ):
        if kunci in ctx:
            pesan = f"{pesan} ({kata} {ctx[kunci]})"
    return pesan


def _lokasi(loc) -> str:
    """('body', 'body', 'isian', 0, 'nilai') → 'isian[0].nilai'; ('path', 'triwulan') → 'triwulan'."""
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[2:] if len(parts) > 1 and parts[1] == "body" else parts[1:]
    elif parts and parts[0] in ("path", "query", "header", "cookie", "form"):
        parts = parts[1:]
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        elif str(p).lower() in _TAG_UNION or "[" in str(p):
            continue  # nama anggota union dari pydantic, bukan medan
        else:
            out += ("." if out else "") + str(p)
    return out or "isi permintaan"


@api.exception_handler(NinjaValidationError)
def _validation(request, exc):
    galat: dict[str, str] = {}
    for err in exc.errors:
        tempat = _lokasi(err.get("loc", ()))
        pesan = _pesan_validasi(err)
        if tempat in galat and galat[tempat] != pesan:
            pesan = "jenis nilainya tidak sah"
        galat[tempat] = pesan
    detail = "Permintaan tidak sah: " + "; ".join(f"{k}: {v}" for k, v in galat.items())
    return api.create_response(request, {"detail": detail, "galat": galat}, status=422)


_HTTP_PESAN = {
    401: "Perlu autentikasi: kirim header 'Authorization: Bearer <token>' (buat dengan "
    "'sakip token buat --user NAMA') atau masuk lewat aplikasi.",
    403: "Akses ditolak.",
    405: "Metode HTTP ini tidak tersedia untuk alamat ini.",
    429: "Terlalu banyak permintaan; coba lagi sebentar lagi.",
}


@api.exception_handler(HttpError)
def _http_error(request, exc):
    message = str(exc.message)
    galat: dict[str, str] = {}
    if exc.status_code == 400 and "parse request body" in message:
        detail = (
            "Isi permintaan bukan JSON yang sah (periksa tanda kurung, koma dan penyandian UTF-8)."
        )
        galat = {"isi permintaan": "bukan JSON yang sah"}
    elif type(exc) is not HttpError or exc.status_code in _HTTP_PESAN and message.isascii():
        # pesan bawaan django-ninja (bahasa Inggris) → kalimat Indonesia menurut kodenya
        detail = _HTTP_PESAN.get(exc.status_code, "Permintaan tidak dapat dilayani.")
    else:
        detail = message
    return api.create_response(request, {"detail": detail, "galat": galat}, status=exc.status_code)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(
        request, {"detail": str(exc) or "Akses ditolak.", "galat": {}}, status=403
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(
        request, {"detail": str(exc) or "Tidak ditemukan.", "galat": {}}, status=404
    )


def _opd(request, slug: str) -> PerangkatDaerah:
    opd = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), slug=slug)
    if not dapat_melihat(
        request.auth if hasattr(request.auth, "is_authenticated") else request.user, opd
    ):
        raise PermissionDenied("Anda tidak berwenang melihat data Perangkat Daerah ini.")
    return opd


class OpdOut(Schema):
    slug: str
    nama: str
    pemda: str


class BarisOut(Schema):
    kode: str
    indikator: str
    tingkat: str
    satuan: str
    polaritas: str
    target: Decimal | None
    realisasi: Decimal | None
    pembilang: Decimal | None
    penyebut: Decimal | None
    capaian: Decimal | None
    capaian_teks: str
    alasan: str | None
    predikat: str | None


class AnggaranOut(Schema):
    tingkat: str
    kode: str
    nama: str
    pagu: Decimal
    realisasi: Decimal
    serapan: Decimal | None


class TemuanOut(Schema):
    aturan: str
    tingkat: str
    judul: str
    lokasi: str
    objek: str
    tercetak: str
    dihitung: str
    pesan: str
    status: str


class IsianIn(Schema):
    model_config = {"extra": "forbid"}

    indikator: str
    nilai: str | None = None
    pembilang: str | None = None
    penyebut: str | None = None
    catatan: str = ""
    versi: int | str | None = Field(
        None,
        description="versi yang dibaca (GET …/realisasi/{triwulan}; 0 = belum ada). Bila diisi dan "
        "realisasi sudah diubah orang lain, simpanan ditolak dengan 409.",
    )


class RealisasiTwOut(Schema):
    kode: str
    indikator: str
    nilai: Decimal | None
    pembilang: Decimal | None
    penyebut: Decimal | None
    catatan: str
    versi: int


class RealisasiIn(Schema):
    model_config = {"extra": "forbid"}

    isian: list[IsianIn]
    alasan_koreksi: str = ""


class HasilSimpan(Schema):
    disimpan: int
    status: str


class Galat(Schema):
    detail: str
    galat: dict[str, str] = {}


@api.get("/opd", response=list[OpdOut], summary="OPD yang boleh dilihat")
def daftar_opd(request):
    return [
        OpdOut(slug=o.slug, nama=o.nama, pemda=o.pemda.nama)
        for o in opd_terlihat(request.user).order_by("pemda__nama", "nama")
    ]


@api.get(
    "/opd/{slug}/{tahun}/pengukuran",
    response=list[BarisOut],
    summary="Target, realisasi, capaian dan predikat",
)
def api_pengukuran(request, slug: str, tahun: int):
    opd = _opd(request, slug)
    out = []
    for b in pengukuran(opd, tahun):
        out.append(
            BarisOut(
                kode=b.indikator.kode,
                indikator=b.indikator.nama,
                tingkat=b.indikator.tingkat,
                satuan=b.indikator.satuan,
                polaritas=b.indikator.polaritas,
                target=b.target.bawah if b.target else None,
                realisasi=b.realisasi,
                pembilang=b.pembilang,
                penyebut=b.penyebut,
                capaian=b.capaian.nilai,
                capaian_teks=b.capaian.teks(),
                alasan=b.capaian.alasan,
                predikat=b.predikat.label if b.predikat else None,
            )
        )
    return out


@api.get(
    "/opd/{slug}/{tahun}/anggaran", response=list[AnggaranOut], summary="Rekap anggaran berjenjang"
)
def api_anggaran(request, slug: str, tahun: int):
    opd = _opd(request, slug)
    return [
        AnggaranOut(
            tingkat=n.tingkat,
            kode=n.kode,
            nama=n.nama,
            pagu=n.jumlah.pagu,
            realisasi=n.jumlah.realisasi,
            serapan=n.jumlah.serapan.nilai,
        )
        for n in rekap_anggaran(opd, tahun).iter()
    ]


@api.get("/opd/{slug}/{tahun}/temuan", response=list[TemuanOut], summary="Temuan reviu tersimpan")
def api_temuan(request, slug: str, tahun: int):
    opd = _opd(request, slug)
    return [
        TemuanOut(
            aturan=t.aturan,
            tingkat=t.tingkat,
            judul=t.judul,
            lokasi=t.lokasi,
            objek=t.objek,
            tercetak=t.tercetak,
            dihitung=t.dihitung,
            pesan=t.pesan,
            status=t.status,
        )
        for t in TemuanReviu.objects.filter(opd=opd, tahun=tahun, masih_berlaku=True)
    ]


@api.get(
    "/opd/{slug}/{tahun}/realisasi/{triwulan}",
    response={200: list[RealisasiTwOut], 400: Galat},
    summary="Realisasi triwulan tersimpan beserta versinya",
)
def api_baca_realisasi(request, slug: str, tahun: int, triwulan: int):
    opd = _opd(request, slug)
    if triwulan not in (1, 2, 3, 4):
        return 400, Galat(detail="triwulan harus 1–4")
    inds = entry.indikator_isian(opd, tahun)
    real = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator__in=inds, tahun=tahun, periode=Periode.triwulan(triwulan)
        )
    }
    out = []
    for ind in inds:
        r = real.get(ind.id)
        out.append(
            RealisasiTwOut(
                kode=ind.kode,
                indikator=ind.nama,
                nilai=r.nilai if r else None,
                pembilang=r.pembilang if r else None,
                penyebut=r.penyebut if r else None,
                catatan=r.catatan if r else "",
                versi=r.versi if r else 0,
            )
        )
    return 200, out


@api.post(
    "/opd/{slug}/{tahun}/realisasi/{triwulan}",
    response={200: HasilSimpan, 400: Galat, 403: Galat, 409: Galat},
    summary="Tulis realisasi triwulan (angka boleh cara Indonesia: '1.164', '8,33')",
)
def api_tulis_realisasi(request, slug: str, tahun: int, triwulan: int, body: RealisasiIn):
    opd = _opd(request, slug)
    if triwulan not in (1, 2, 3, 4):
        return 400, Galat(detail="triwulan harus 1–4")
    if not entry.boleh_mengisi(request.user, opd):
        return 403, Galat(detail="Anda tidak berwenang mengisi realisasi OPD ini.")
    by_code = {i.kode: i for i in entry.indikator_isian(opd, tahun)}
    galat: dict[str, str] = {}
    seen: dict[str, int] = {}
    for n, x in enumerate(body.isian):
        where = f"isian[{n}]"
        ind = by_code.get(x.indikator)
        if ind is None:
            galat[f"{where}.indikator"] = (
                f"indikator '{x.indikator}' tidak dikenal pada OPD-tahun ini"
            )
            continue
        if x.indikator in seen:
            galat[f"{where}.indikator"] = (
                f"indikator '{x.indikator}' sudah disebut di isian[{seen[x.indikator]}]"
            )
        seen.setdefault(x.indikator, n)
        if ind.is_rumus and x.nilai not in (None, ""):
            galat[f"{where}.nilai"] = (
                f"“{ind.nama}” adalah indikator rumus: kirim pembilang dan penyebut, bukan nilai "
                "(persentasenya dihitung sakip)"
            )
        if not ind.is_rumus:
            for medan in ("pembilang", "penyebut"):
                if getattr(x, medan) not in (None, ""):
                    galat[f"{where}.{medan}"] = (
                        f"“{ind.nama}” bukan indikator rumus: kirim nilai, bukan {medan}"
                    )
        if x.versi is not None and not str(x.versi).strip().isdigit():
            galat[f"{where}.versi"] = (
                f"versi “{ind.nama}” ('{x.versi}') bukan bilangan bulat 0 atau lebih"
            )
    if galat:
        return 400, Galat(
            detail="Realisasi tidak disimpan: " + "; ".join(f"{k}: {v}" for k, v in galat.items()),
            galat=galat,
        )
    data = {}
    chosen = []
    medan_api = {}
    for n, x in enumerate(body.isian):
        ind = by_code[x.indikator]
        chosen.append(ind)
        medan_api.update(
            {
                f"n-{ind.id}": f"isian[{n}].nilai",
                f"p-{ind.id}": f"isian[{n}].pembilang",
                f"q-{ind.id}": f"isian[{n}].penyebut",
            }
        )
        data.update(
            {
                f"n-{ind.id}": x.nilai or "",
                f"p-{ind.id}": x.pembilang or "",
                f"q-{ind.id}": x.penyebut or "",
                f"c-{ind.id}": x.catatan,
            }
        )
        if x.versi is not None:
            data[f"v-{ind.id}"] = str(x.versi)
    try:
        isian = entry.baca_isian(chosen, data)
        n = entry.simpan_triwulan(request.user, opd, tahun, triwulan, isian, body.alasan_koreksi)
    except entry.KonflikError as exc:
        return 409, Galat(
            detail="Realisasi tidak disimpan: sudah diubah orang lain sejak versi yang Anda baca.",
            galat=exc.galat,
        )
    except entry.IsianError as exc:
        galat = {medan_api.get(k, k): v for k, v in exc.galat.items()}
        return 400, Galat(
            detail="Realisasi tidak disimpan: " + "; ".join(galat.values()), galat=galat
        )
    return 200, HasilSimpan(disimpan=n, status=entry.status_triwulan(opd, tahun, triwulan).status)


__all__ = ["api", "format_angka"]
