"""Unduhan dokumen (LKjIP, PK, Rencana Aksi, Pengukuran, dokumen Pemda) dalam PDF/DOCX/HTML.

Dokumen disimpan bersama versi data asalnya (``sakip.tugas.dokumen``): data yang tidak berubah
= berkas tersimpan, tanpa membuat ulang. Bila datanya berubah, PDF/DOCX dibuat ulang sebagai
tugas latar (bila ada pekerja yang aktif) dan pengguna melihat progresnya; tanpa pekerja, atau
untuk HTML (cepat), dokumen dibuat langsung lalu disimpan."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect

from sakip.documents.konteks import DokumenError
from sakip.documents.pemda import PEMDA_BUILDERS
from sakip.documents.services import BUILDERS, FORMATS
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.organisations.permissions import (
    dapat_melihat,
    dapat_melihat_pemda,
    dapat_melihat_semua_opd,
)
from sakip.tugas import dokumen as simpanan
from sakip.tugas.services import antrekan_dokumen, pekerja_aktif


def kirim_tersimpan(d) -> FileResponse:
    fmt = d.nama.rsplit(".", 1)[-1]
    resp = FileResponse(d.berkas.open("rb"), content_type=d.mime)
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    resp["Content-Disposition"] = f'{disposition}; filename="{d.nama}"'
    resp["Content-Length"] = str(d.ukuran)
    resp["X-Sakip-Dokumen"] = f"tersimpan; versi-data={d.versi_data}"
    return resp


def _layani(request, p: simpanan.Permintaan):
    v = p.versi()
    d = simpanan.tersimpan(p, v)
    if d is not None:
        return kirim_tersimpan(d)
    if p.fmt != "html" and request.GET.get("langsung") != "1" and pekerja_aktif():
        t, _ = antrekan_dokumen(p, request.user)
        return redirect("web:tugas", t.pk)
    try:
        d, _ = simpanan.ambil_atau_buat(p)
    except DokumenError as exc:
        raise Http404(str(exc)) from exc
    return kirim_tersimpan(d)


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
    if jenis in ("lhe", "pk") and request.GET.get("versi", "").isdigit():
        kw["versi"] = int(request.GET["versi"])
    return _layani(request, simpanan.Permintaan.untuk_opd(jenis, opd, tahun, fmt, **kw))


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
    elif jenis == "pohon" and not dapat_melihat_semua_opd(request.user, pemda):
        # dokumen pohon Pemda memuat setiap OPD; yang tidak dapat melihat semuanya mengunduh
        # pohon OPD-nya (?opd=) — aturan yang sama dengan halaman (reporting.pohon.pohon_untuk)
        raise PermissionDenied(
            "Dokumen pohon kinerja seluruh Pemda memuat semua OPD; unduh pohon OPD Anda."
        )
    if opd is not None and jenis != "pohon":
        raise Http404(f"?opd hanya untuk pohon; {jenis} adalah dokumen seluruh Pemda")
    return _layani(request, simpanan.Permintaan.untuk_pemda(jenis, pemda, tahun, fmt, opd=opd))
