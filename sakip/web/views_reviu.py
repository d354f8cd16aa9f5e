"""Halaman reviu: jalankan reviu, status temuan, alur persetujuan LKjIP."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sakip import akses
from sakip.akses import Aksi
from sakip.organisations.permissions import dapat_mengelola_reviu
from sakip.review import pernyataan
from sakip.review.models import LaporanTercetak, TemuanReviu
from sakip.review.rules.dasar import URUTAN_TINGKAT
from sakip.review.rules.tabel import ATURAN
from sakip.review.services import (
    hitung_terbuka,
    lkjip_dapat_disetujui,
    perbarui_temuan,
    ubah_status,
    ubah_status_banyak,
)


@login_required
def reviu(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug)
    temuan = sorted(
        TemuanReviu.objects.filter(opd=opd, tahun=tahun),
        key=lambda t: (not t.masih_berlaku, URUTAN_TINGKAT.get(t.tingkat, 9), t.aturan, t.id),
    )
    status_filter = request.GET.get("status")
    if status_filter in TemuanReviu.Status.values:
        temuan = [t for t in temuan if t.status == status_filter]
    laporan = {
        lap.sumber: lap.nama
        for lap in LaporanTercetak.objects.filter(opd=opd, tahun=tahun).only("pk", "nama")
    }
    sumber_filter = request.GET.get("sumber", "")
    if sumber_filter == "data" or sumber_filter in laporan:
        temuan = [t for t in temuan if t.sumber == sumber_filter]
    else:
        sumber_filter = ""
    tingkat_filter = request.GET.get("tingkat", "")
    if tingkat_filter in URUTAN_TINGKAT:
        temuan = [t for t in temuan if t.tingkat == tingkat_filter]
    else:
        tingkat_filter = ""
    kelompok = request.GET.get("kelompok") == "tabel"
    if kelompok:
        # per tabel/bab tempat angkanya dicetak (letak sebelum koma pertama: "Tabel 3.2", "Bab III")
        temuan.sort(key=lambda t: (t.sumber, _tempat(t.lokasi), URUTAN_TINGKAT.get(t.tingkat, 9)))
    for t in temuan:
        t.nama_laporan = laporan.get(t.sumber, "")
        t.tempat = _tempat(t.lokasi)
    ok, alasan = lkjip_dapat_disetujui(opd, tahun)
    # kartu: temuan terbuka (definisi yang sama dengan gerbang dan beranda) untuk sumber terpilih
    hitung = hitung_terbuka(opd, tahun, sumber_filter or None)
    return render(
        request,
        "web/reviu.html",
        {
            "opd": opd,
            "tahun": tahun,
            "temuan": temuan,
            "boleh_kelola": dapat_mengelola_reviu(request.user, opd),
            "dapat_disetujui": ok,
            "alasan": alasan,
            "hitung": hitung,
            "status_choices": TemuanReviu.Status.choices,
            "status_filter": status_filter or "",
            "tingkat_filter": tingkat_filter,
            "kelompok": kelompok,
            "tingkat_choices": [
                ("kritis", "kritis"),
                ("peringatan", "peringatan"),
                ("info", "info"),
            ],
            "sumber_filter": sumber_filter,
            "laporan": laporan,
            "jumlah_aturan": len(ATURAN),
            "pernyataan": pernyataan.berlaku(opd, tahun),
            "isian_pernyataan": request.session.pop("pernyataan_isian", None)
            or pernyataan.isian_awal(opd, tahun),
            "galat_pernyataan": request.session.pop("pernyataan_galat", {}),
        },
    )


@login_required
@require_POST
def tandatangani_pernyataan(request, slug: str, tahun: int):
    """Inspektorat menandatangani Pernyataan Telah Direviu (masuk ke lampiran LKjIP dan LKE 3.a.4)."""
    opd = akses.opd(request.user, slug, Aksi.REVIU)
    medan = ("tanggal", "nama", "jabatan", "pangkat", "nip", "nomor")
    isian = {k: request.POST.get(k, "")[:200] for k in medan}
    try:
        p = pernyataan.tandatangani(request.user, opd, tahun, pernyataan.IsianPernyataan(**isian))
    except pernyataan.PernyataanError as exc:
        messages.error(request, str(exc))
        request.session["pernyataan_isian"] = isian
        request.session["pernyataan_galat"] = exc.galat
    else:
        messages.success(
            request, f"Pernyataan Telah Direviu ditandatangani {p.nama} ({p.tanggal:%d/%m/%Y})."
        )
    return redirect(reverse("web:reviu", args=[opd.slug, tahun]) + "#pernyataan")


@login_required
@require_POST
def jalankan_reviu(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug)
    if not dapat_mengelola_reviu(request.user, opd):
        raise PermissionDenied("Hanya Inspektorat yang dapat menjalankan reviu.")
    hasil = perbarui_temuan(opd, tahun, oleh=request.user)
    messages.success(
        request,
        f"Reviu selesai: {hasil['ditemukan']} temuan ({hasil['baru']} baru, "
        f"{hasil['tidak_ditemukan_lagi']} tidak ditemukan lagi).",
    )
    return redirect("web:reviu", slug=slug, tahun=tahun)


def _tempat(lokasi: str) -> str:
    return (lokasi or "lainnya").split(",")[0].strip()[:80]


@login_required
@require_POST
def ubah_status_terpilih(request, slug: str, tahun: int):
    """Terima / tandai ditindaklanjuti beberapa temuan sekaligus (satu transaksi)."""
    opd = akses.opd(request.user, slug, Aksi.REVIU)
    ids = [int(x) for x in request.POST.getlist("temuan") if x.isdigit()]
    try:
        n = ubah_status_banyak(
            opd,
            tahun,
            ids,
            request.POST.get("status", ""),
            request.POST.get("tanggapan", ""),
            request.user,
        )
    except ValueError as exc:
        messages.error(request, f"Tidak ada yang diubah: {exc}")
    else:
        label = dict(TemuanReviu.Status.choices).get(request.POST.get("status", ""), "")
        messages.success(request, f"{n} temuan menjadi {label}.")
    kembali = request.POST.get("kembali", "")
    url = reverse("web:reviu", args=[opd.slug, tahun])
    return redirect(url + kembali if kembali.startswith("?") else url)


@login_required
@require_POST
def ubah_status_temuan(request, slug: str, tahun: int, pk: int):
    opd = akses.opd(request.user, slug)
    if not dapat_mengelola_reviu(request.user, opd):
        raise PermissionDenied("Hanya Inspektorat yang dapat mengubah status temuan.")
    temuan = get_object_or_404(TemuanReviu, pk=pk, opd=opd, tahun=tahun)
    try:
        ubah_status(
            temuan, request.POST.get("status", ""), request.POST.get("tanggapan", ""), request.user
        )
    except ValueError as exc:
        messages.error(request, f"Temuan {temuan.aturan} tidak diubah: {exc}")
    else:
        messages.success(
            request, f"Status temuan {temuan.aturan} menjadi {temuan.get_status_display()}."
        )
    return redirect(f"{request.path.rsplit('/temuan/', 1)[0]}/#temuan-{pk}")


@login_required
@require_POST
def alur_lkjip(request, slug: str, tahun: int, aksi: str):
    from sakip.review.alur import ALUR_LKJIP, status_lkjip

    from .views_alur import jalankan_alur

    opd = akses.opd(request.user, slug)
    kembali = reverse("web:opd_tahun", args=[slug, tahun])
    return jalankan_alur(request, ALUR_LKJIP, status_lkjip(opd, tahun), aksi, kembali)
