"""Halaman isian realisasi triwulan, alurnya, bukti dukung dan pratinjau persentase."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sakip import akses
from sakip.audit.versi import anotasi_versi_rencana_opd
from sakip.core.aggregation import ROMAWI
from sakip.measurement import entry
from sakip.measurement.alur import ALUR_REALISASI
from sakip.measurement.bukti import BuktiError
from sakip.measurement.models import BuktiDukung, KoreksiRealisasi, Periode, Realisasi
from sakip.organisations import permissions
from sakip.organisations.permissions import dapat_melihat
from sakip.planning.models import Indikator, PKIndikator, TargetIndikator
from sakip.workflow import services as alur_services

from . import tembolok
from .formulir.realisasi import FormRealisasi
from .views_alur import jalankan_alur


def _opd(request, slug, tw, anotasi=None):
    if tw not in (1, 2, 3, 4):
        raise Http404("Triwulan harus 1–4")
    return akses.opd(request.user, slug, anotasi=anotasi)


def _rows(opd, tahun, tw, indikator, posted=None, terkini=None, galat=None):
    periode = Periode.triwulan(tw)
    real = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator__in=indikator, tahun=tahun, periode=periode
        ).prefetch_related("bukti_dukung", "koreksi")
    }
    pk_t = {}
    for it in (
        PKIndikator.objects.filter(indikator__in=indikator, perjanjian__tahun=tahun)
        .select_related("perjanjian")
        .prefetch_related("rencana_aksi")
    ):
        if it.indikator_id not in pk_t or it.perjanjian.versi > pk_t[it.indikator_id][0]:
            plan = {r.triwulan: r.target for r in it.rencana_aksi.all()}
            pk_t[it.indikator_id] = (it.perjanjian.versi, it.target, plan.get(tw))
    ren_t = {
        t.indikator_id: t.nilai
        for t in TargetIndikator.objects.filter(indikator__in=indikator, tahun=tahun)
    }
    out = []
    for ind in indikator:
        r = real.get(ind.id)
        val = {
            "n": "" if not r or r.nilai is None else _fmt(r.nilai),
            "p": "" if not r or r.pembilang is None else _fmt(r.pembilang),
            "q": "" if not r or r.penyebut is None else _fmt(r.penyebut),
            "c": r.catatan if r else "",
        }
        versi, sidik = (r.versi if r else 0), entry.sidik_realisasi(r)
        if posted is not None:
            val = {k: posted.get(f"{k}-{ind.id}", "") for k in ("n", "p", "q", "c")}
            if not (terkini and ind.id in terkini):
                # galat biasa: pertahankan versi yang dibaca semula
                versi, sidik = posted.get(f"v-{ind.id}", versi), posted.get(f"h-{ind.id}", sidik)
        tgt = pk_t.get(ind.id)
        out.append(
            {
                "ind": ind,
                "r": r,
                "val": val,
                "versi": versi,
                "sidik": sidik,
                "target_tahun": tgt[1] if tgt else ren_t.get(ind.id),
                "target_tw": tgt[2] if tgt else None,
                "pratinjau": entry.hitung_pratinjau(val["p"], val["q"])
                if ind.is_rumus and val["p"] and val["q"]
                else "",
                # "Nilai ini benar": ditawarkan sesudah nilai ditolak karena jauh dari
                # target/periode lalu (atau bila sudah dicentang)
                "tanya_yakin": posted is not None
                and (f"y-{ind.id}" in posted or f"y-{ind.id}" in (galat or {})),
                "yakin": posted is not None and bool(posted.get(f"y-{ind.id}")),
                "bukti": list(r.bukti_dukung.all()) if r else [],
                "koreksi": list(r.koreksi.all()) if r else [],
            }
        )
    return out


def _fmt(d):
    from sakip.core.numbers import format_angka

    return format_angka(d, None, strip_zeros=True)


@login_required
def realisasi(request, slug: str, tahun: int, tw: int):
    get = request.method == "GET"
    # versi data (kunci halaman) atau versi rencana (kunci daftar indikator) di kueri OPD itu sendiri
    opd = _opd(request, slug, tw, tembolok.anotasi_opd() if get else anotasi_versi_rencana_opd())
    if get:
        # halaman utuh per pengguna dan versi data OPD: isian yang dibuka ulang tanpa perubahan
        # tidak dibangun lagi; setiap simpanan (siapa pun) menaikkan versinya
        kunci = tembolok.kunci_data_opd(opd, f"realisasi:{tahun}:{tw}")
        return tembolok.halaman(request, kunci, lambda: _isian(request, opd, tahun, tw))
    return _isian(request, opd, tahun, tw)


def _isian(request, opd, tahun: int, tw: int):
    slug = opd.slug
    cabang = permissions.cabang_jabatan(request.user, opd)
    semua = request.GET.get("tingkat") == "semua"
    indikator = entry.indikator_isian(
        opd, tahun, semua_tingkat=semua, cabang=cabang if cabang else None
    )
    boleh = cabang is None or bool(cabang)
    galat, posted, terkini = {}, None, None
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied(
                "Hanya Operator OPD ini (atau pejabat untuk cabangnya) yang dapat mengisi realisasi."
            )
        form = FormRealisasi(indikator, request.POST)
        form.is_valid()
        try:
            isian = entry.baca_isian(indikator, form.isian())
            if form.errors:  # angka yang tidak terbaca (galat formulir)
                raise entry.IsianError({})
            n = entry.simpan_triwulan(
                request.user, opd, tahun, tw, isian, form.cleaned_data.get("alasan", "")
            )
        except entry.KonflikError as exc:
            galat, posted, terkini = form.galat(exc.galat), request.POST, exc.terkini
            messages.error(
                request,
                "Realisasi tidak disimpan: sebagian baris sudah diubah orang lain sejak halaman ini "
                "dibuka. Lihat nilai mereka pada baris yang ditandai.",
            )
        except entry.IsianError as exc:
            galat, posted = form.galat(exc.galat), request.POST
            messages.error(request, "Realisasi tidak disimpan: periksa isian yang ditandai.")
        else:
            messages.success(request, f"{n} realisasi triwulan {ROMAWI[tw]} disimpan.")
            return redirect(request.get_full_path())
    st = entry.status_triwulan(opd, tahun, tw)
    terkunci = st.status in ("diajukan",) or (st.status == "disetujui")
    # nilai yang sudah disetujui tampil terkunci; "Koreksi" membukanya (dengan alasan koreksi)
    koreksi = st.status == "disetujui" and (
        request.GET.get("koreksi") == "1" or request.method == "POST"
    )
    ubah = boleh and (not terkunci or koreksi)
    return render(
        request,
        "web/realisasi.html",
        {
            "opd": opd,
            "tahun": tahun,
            "tw": tw,
            "romawi": ROMAWI[tw],
            "rows": _rows(opd, tahun, tw, indikator, posted, terkini, galat),
            "galat": galat,
            "st": st,
            "boleh": boleh,
            "alur": alur_services.tampilan(
                ALUR_REALISASI,
                request.user,
                st,
                lambda aksi: reverse("web:alur_realisasi", args=[slug, tahun, tw, aksi]),
            ),
            "terkunci": terkunci,
            "koreksi": koreksi,
            "ubah": ubah,
            "triwulan": [(i, ROMAWI[i]) for i in (1, 2, 3, 4)],
            "semua_tingkat": semua,
            "cabang": bool(cabang),
        },
    )


@login_required
@require_POST
def alur_realisasi(request, slug: str, tahun: int, tw: int, aksi: str):
    opd = _opd(request, slug, tw)
    st = entry.status_triwulan(opd, tahun, tw)
    kembali = reverse("web:realisasi", args=[slug, tahun, tw])
    return jalankan_alur(request, ALUR_REALISASI, st, aksi, kembali)


@login_required
@require_POST
def bukti(request, slug: str, tahun: int, tw: int, indikator_id: int):
    opd = _opd(request, slug, tw)
    cabang = permissions.cabang_jabatan(request.user, opd)
    ind = get_object_or_404(
        Indikator.objects.select_related(
            "program", "kegiatan__program", "sub_kegiatan__kegiatan__program"
        ),
        pk=indikator_id,
        opd=opd,
    )
    if cabang is not None and ind.jabatan_efektif_id not in cabang:
        raise PermissionDenied("Anda tidak berwenang menambah bukti dukung indikator ini.")
    r = Realisasi.objects.filter(indikator=ind, tahun=tahun, periode=Periode.triwulan(tw)).first()
    if r is None:
        messages.error(
            request, f"Simpan realisasi “{ind.nama}” lebih dahulu, lalu tambahkan bukti dukungnya."
        )
        return redirect("web:realisasi", slug=slug, tahun=tahun, tw=tw)
    ganti = None
    if request.POST.get("ganti"):
        ganti = get_object_or_404(BuktiDukung, pk=request.POST["ganti"], realisasi=r)
    try:
        entry.tambah_bukti(
            request.user,
            r,
            berkas=request.FILES.get("berkas"),
            tautan=request.POST.get("tautan", "").strip(),
            ganti=ganti,
            alasan=request.POST.get("alasan_ganti", ""),
        )
    except BuktiError as exc:
        messages.error(request, f"Bukti dukung “{ind.nama}” tidak disimpan: {exc}.")
    else:
        messages.success(request, f"Bukti dukung “{ind.nama}” disimpan.")
    return redirect("web:realisasi", slug=slug, tahun=tahun, tw=tw)


@login_required
def unduh_bukti(request, pk: int):
    b = get_object_or_404(BuktiDukung.objects.select_related("realisasi__indikator__opd"), pk=pk)
    if not dapat_melihat(request.user, b.realisasi.indikator.opd) or not b.berkas:
        raise PermissionDenied("Anda tidak berwenang membuka bukti dukung ini.")
    from sakip.measurement.bukti import JENIS

    resp = HttpResponse(
        b.berkas.open("rb").read(), content_type=JENIS.get(b.jenis, "application/octet-stream")
    )
    resp["Content-Disposition"] = f'attachment; filename="bukti-{b.pk}.{b.jenis}"'
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


@login_required
@require_POST
def hitung(request):
    p = next((v for k, v in request.POST.items() if k.startswith("p-")), "")
    q = next((v for k, v in request.POST.items() if k.startswith("q-")), "")
    return HttpResponse(entry.hitung_pratinjau(p, q) if p and q else "–")


__all__ = ["KoreksiRealisasi"]
