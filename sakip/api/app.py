"""Objek API, autentikasi, bentuk galat tunggal dan janji skema (respons, ETag) untuk setiap titik."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from sakip.organisations.models import TokenApi

from .skema import Galat

DESKRIPSI = """API JSON sakip: membaca apa yang ditampilkan halaman (dengan izin yang sama) dan menulis
realisasi triwulan.

**Autentikasi**: header `Authorization: Bearer <token>` (buat dengan `sakip token buat --user NAMA`),
atau sesi login aplikasi. Tanpa keduanya, publik hanya membaca yang terbit
(`/api/publik/{pemda}/terbitan`: angka yang dibekukan saat disetujui/final), daftar Pemda/OPD dan
nilai evaluasi final; data kerja OPD-tahun menjawab 401. Token yang salah selalu 401, tidak pernah
diturunkan menjadi publik.

**Galat** selalu `{"detail": kalimat, "galat": {medan: pesan}}` berbahasa Indonesia: 400 isian yang tidak
dapat disimpan, 401 autentikasi, 403 tidak berwenang, 404 tidak ada,
409 sudah diubah orang lain, 422 bentuk permintaan tidak sesuai skema.

**Daftar** bernomor halaman: `?limit=` (1–500, bawaan 100) dan `?offset=`; jawabannya
`{"items": [...], "count": n}`.

**ETag**: setiap jawaban baca membawa `ETag`; kirim kembali sebagai `If-None-Match` untuk mendapat
`304 Not Modified` tanpa isi bila tidak ada yang berubah.
"""


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


def publik(request):
    """Tanpa kredensial sama sekali: baca sebagai publik. Header Authorization yang ada tetapi salah
    tidak pernah diturunkan menjadi publik (tetap 401)."""
    if request.headers.get("Authorization"):
        return None
    return AnonymousUser()


def pengguna(request):
    """Pengguna permintaan ini (token, sesi, atau AnonymousUser untuk publik)."""
    auth = getattr(request, "auth", None)
    if auth is not None and hasattr(auth, "is_authenticated"):
        return auth
    return request.user


class SakipAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Skema yang jujur: titik baca boleh tanpa kredensial (keamanan kosong `{}`), membawa ETag
        dan dapat menjawab 304."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for path_item in schema.get("paths", {}).values():
            for metode in ("get", "post", "put", "patch", "delete"):
                if metode in path_item:
                    # alamat lebih dari 4 KB ditolak server depan (gunicorn) sebelum sampai ke
                    # sakip, dengan halaman HTML
                    path_item[metode].setdefault("responses", {}).setdefault(
                        "414",
                        {"description": "Alamat terlalu panjang", "content": {"text/html": {}}},
                    )
            op = path_item.get("get")
            if not op:
                continue
            if op.pop("x-publik", False) and {} not in op.get("security", []):
                op.setdefault("security", []).append({})
            responses = op.setdefault("responses", {})
            ok = responses.get(200) or responses.get("200")
            if ok is not None:
                ok.setdefault("headers", {})["ETag"] = {
                    "description": "Sidik isi jawaban; kirim sebagai If-None-Match",
                    "schema": {"type": "string"},
                }
                responses[304] = {"description": "Tidak berubah sejak ETag yang dikirim"}
        return schema


api = SakipAPI(
    title="sakip API",
    version="2",
    description=DESKRIPSI,
    auth=[BearerToken(), django_auth, publik],
    urls_namespace="api",
)

# Jawaban galat yang dapat diberikan setiap titik (di samping jawabannya sendiri).
GALAT_BACA = {401: Galat, 403: Galat, 404: Galat, 422: Galat}
GALAT_TULIS = {400: Galat, 401: Galat, 403: Galat, 404: Galat, 409: Galat, 422: Galat}
PUBLIK = {"x-publik": True}


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
_BATAS = (
    ("ge", "paling kecil"),
    ("le", "paling besar"),
    ("gt", "harus lebih dari"),
    ("lt", "harus kurang dari"),
    ("max_length", "paling banyak"),
    ("min_length", "paling sedikit"),
    ("pattern", "pola"),
    ("expected", "pilihan"),
)


def _pesan_validasi(err: dict) -> str:
    pesan = _JENIS_GALAT.get(err.get("type", ""), "nilainya tidak sah")
    ctx = err.get("ctx") or {}
    for kunci, kata in _BATAS:
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


def jawab_galat(request, status: int, detail: str, galat: dict | None = None):
    return api.create_response(request, {"detail": detail, "galat": galat or {}}, status=status)


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
    return jawab_galat(request, 422, detail, galat)


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
    if exc.status_code == 400 and "parse request body" in message:
        detail = (
            "Isi permintaan bukan JSON yang sah (periksa tanda kurung, koma dan penyandian UTF-8)."
        )
        return jawab_galat(request, 400, detail, {"isi permintaan": "bukan JSON yang sah"})
    if type(exc) is not HttpError or exc.status_code in _HTTP_PESAN and message.isascii():
        # pesan bawaan django-ninja (bahasa Inggris) → kalimat Indonesia menurut kodenya
        return jawab_galat(
            request, exc.status_code, _HTTP_PESAN.get(exc.status_code, "Permintaan ditolak.")
        )
    return jawab_galat(request, exc.status_code, message)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return jawab_galat(request, 403, str(exc) or "Akses ditolak.")


@api.exception_handler(Http404)
def _not_found(request, exc):
    text = str(exc)
    if not text or text.startswith("No ") or text.isascii() and " matches " in text:
        text = "Tidak ditemukan."
    return jawab_galat(request, 404, text)


class ETagMiddleware:
    """ETag untuk setiap jawaban baca API (sidik isi) dan 304 bila If-None-Match cocok: dasbor yang
    menanyakan berulang tidak mengunduh apa pun bila tidak ada yang berubah."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and request.path.startswith("/api/")
            and response.status_code == 200
            and not response.streaming
        ):
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["ETag"] = etag
            response["Cache-Control"] = "private, no-cache"
            diminta = [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]
            if etag in diminta or f"W/{etag}" in diminta:
                kosong = HttpResponse(status=304)
                kosong["ETag"] = etag
                kosong["Cache-Control"] = "private, no-cache"
                return kosong
        return response
