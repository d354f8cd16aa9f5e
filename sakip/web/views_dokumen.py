"""Unduhan dokumen (LKjIP, PK, Rencana Aksi, Pengukuran) dalam PDF/DOCX/HTML."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from sakip.documents.konteks import DokumenError
from sakip.documents.pemda import PEMDA_BUILDERS
from sakip.documents.services import BUILDERS, FORMATS, buat_dokumen, buat_dokumen_pemda
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.organisations.permissions import dapat_melihat, dapat_melihat_pemda


@login_required
def unduh(request, slug: str, tahun: int, jenis: str, fmt: str):
    if jenis not in BUILDERS or fmt not in FORMATS:
        raise Http404("Jenis atau format dokumen tidak dikenal")
    opd = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), slug=slug)
    if jenis == "lhe" and not request.user.is_authenticated:
        # LHE memuat catatan per kriteria; publik melihat nilai dan predikat final di halaman evaluasi
        return redirect_to_login(request.get_full_path())
    if not dapat_melihat(request.user, opd):
        raise PermissionDenied("Anda tidak berwenang mengunduh dokumen Perangkat Daerah ini.")
    kw = {}
    if jenis == "pk" and request.GET.get("jabatan"):
        kw["jabatan"] = request.GET["jabatan"][:60]
    if jenis == "lhe" and request.GET.get("versi", "").isdigit():
        kw["versi"] = int(request.GET["versi"])
    try:
        berkas = buat_dokumen(jenis, opd, tahun, fmt, **kw)
    except DokumenError as exc:
        raise Http404(str(exc)) from exc
    return _kirim(berkas, fmt)


def _kirim(berkas, fmt: str) -> HttpResponse:
    resp = HttpResponse(berkas.isi, content_type=berkas.mime)
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    resp["Content-Disposition"] = f'{disposition}; filename="{berkas.nama}"'
    return resp


@login_required
def unduh_pemda(request, slug: str, tahun: int, jenis: str, fmt: str):
    """LKjIP Pemda, PK Kepala Daerah, pohon kinerja Pemda (atau satu OPD: ``?opd=SLUG``)."""
    if jenis not in PEMDA_BUILDERS or fmt not in FORMATS:
        raise Http404("Jenis atau format dokumen tidak dikenal")
    pemda = get_object_or_404(Pemda, slug=slug)
    opd = None
    if request.GET.get("opd"):
        opd = get_object_or_404(PerangkatDaerah, slug=request.GET["opd"], pemda=pemda)
        if not dapat_melihat(request.user, opd):
            raise PermissionDenied("Anda tidak berwenang mengunduh dokumen Perangkat Daerah ini.")
    elif not dapat_melihat_pemda(request.user, pemda):
        raise PermissionDenied("Anda tidak berwenang mengunduh dokumen Pemda ini.")
    try:
        berkas = buat_dokumen_pemda(jenis, pemda, tahun, fmt, opd=opd)
    except DokumenError as exc:
        raise Http404(str(exc)) from exc
    return _kirim(berkas, fmt)
