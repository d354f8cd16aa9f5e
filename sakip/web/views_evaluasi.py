"""Halaman evaluasi AKIP: LKE satu OPD (mandiri → evaluator → final), unggah/unduh lembar kerja,
tindak lanjut rekomendasi, rekap se-Pemda, dan templat LKE Pemda."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sakip import akses
from sakip.akses import Aksi
from sakip.core.lke import LABEL_JENIS_JAWABAN, TemplatError
from sakip.evaluation import services
from sakip.evaluation.alur import alur_evaluasi
from sakip.evaluation.models import Evaluasi, Rekomendasi, TemplatLKE
from sakip.interchange import excel_lke
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.organisations.permissions import (
    boleh_mengelola_templat_lke,
    boleh_mengevaluasi,
    boleh_menilai_mandiri,
)
from sakip.web import unggah as unggah_lembar
from sakip.web.formulir.evaluasi import FormLHE
from sakip.web.views_alur import jalankan_alur
from sakip.workflow import services as alur

MAKS = unggah_lembar.MAKS_UNGGAHAN


def _ev(unit, tahun, versi=None) -> Evaluasi | None:
    """Evaluasi OPD-tahun, atau Pemda itu sendiri bila ``unit`` sebuah Pemda (versi terakhir)."""
    if versi:
        qs = (
            Evaluasi.objects.filter(pemda=unit, opd__isnull=True)
            if isinstance(unit, Pemda)
            else Evaluasi.objects.filter(opd=unit)
        )
        return (
            qs.filter(tahun=tahun, versi=versi)
            .select_related("templat", "opd__pemda", "pemda")
            .first()
        )
    return services.evaluasi_berlaku(unit, tahun)


def _unit(request, slug: str, tingkat: str) -> PerangkatDaerah | Pemda:
    """Yang dievaluasi, lewat pintu akses: OPD, atau Pemda untuk evaluasi Pemda itu sendiri."""
    if tingkat == "pemda":
        return akses.pemda(request.user, slug)
    return akses.opd(request.user, slug)


def _nama_url(tingkat: str, nama: str) -> str:
    """'web:evaluasi_simpan' → 'web:evaluasi_lke_pemda_simpan' untuk evaluasi tingkat Pemda."""
    return nama.replace("evaluasi", "evaluasi_lke_pemda", 1) if tingkat == "pemda" else nama


def _ke(tingkat: str, nama: str, slug: str, tahun: int, **kw) -> str:
    return reverse(_nama_url(tingkat, f"web:{nama}"), kwargs={"slug": slug, "tahun": tahun, **kw})


def _alamat(tingkat: str, slug: str, tahun: int) -> dict[str, str]:
    """Alamat aksi halaman evaluasi (sama untuk OPD dan Pemda; templat tidak memilih sendiri)."""
    return {
        k: _ke(tingkat, f"evaluasi_{k}" if k != "halaman" else "evaluasi", slug, tahun)
        for k in ("halaman", "mulai", "simpan", "segarkan", "versi", "bukti", "xlsx", "unggah")
    }


def _baris(ev: Evaluasi, h):
    """Baris tabel LKE: komponen, sub komponen, kriteria (dengan jawaban, bukti, panduan)."""
    templat = ev.templat.templat
    jawab = {j.kriteria: j for j in ev.jawaban.prefetch_related("bukti")}
    out = []
    for nk in h.komponen:
        out.append(
            {
                "jenis": "komponen",
                "kode": nk.komponen.kode,
                "nama": nk.komponen.nama,
                "bobot": nk.komponen.bobot,
                "nilai": nk.nilai,
            }
        )
        for ns in nk.sub:
            out.append(
                {
                    "jenis": "sub",
                    "kode": ns.sub.kode,
                    "nama": ns.sub.nama,
                    "sifat": ns.sub.jenis,
                    "bobot": ns.sub.bobot,
                    "nilai": ns.nilai,
                }
            )
            for kr in ns.sub.kriteria:
                out.append(
                    {
                        "jenis": "kriteria",
                        "kr": kr,
                        "j": jawab.get(kr.kode),
                        "pilihan": templat.pilihan(kr),
                        "label_jawaban": LABEL_JENIS_JAWABAN.get(
                            kr.jawaban, "/".join(templat.pilihan(kr))
                        ),
                        "batas": h.dibatasi.get(kr.kode),
                        "panduan": templat.panduan(kr),
                    }
                )
    return out


def _publik(request, unit, tahun):
    """Publik: hasil evaluasi yang terbit (final) ada di portal publik; selain itu 404."""
    from sakip.publikasi.models import Terbitan

    pemda = unit if isinstance(unit, Pemda) else unit.pemda
    qs = Terbitan.objects.filter(pemda=pemda, tahun=tahun, jenis=Terbitan.Jenis.EVALUASI)
    qs = qs.filter(opd__isnull=True) if isinstance(unit, Pemda) else qs.filter(opd=unit)
    if not qs.exists():
        raise Http404("Belum ada hasil evaluasi yang final.")
    if isinstance(unit, Pemda):
        return redirect("web:publik_pemda", pemda.slug)
    return redirect("web:publik_opd", pemda.slug, unit.slug, tahun)


def evaluasi(request, slug: str, tahun: int, tingkat: str = "opd"):
    if not request.user.is_authenticated:
        if tingkat == "pemda":
            unit = get_object_or_404(Pemda, slug=slug)
        else:
            unit = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), slug=slug)
        return _publik(request, unit, tahun)
    unit = _unit(request, slug, tingkat)
    pemda = unit if isinstance(unit, Pemda) else unit.pemda
    versi = request.GET.get("versi")
    ev = _ev(unit, tahun, int(versi) if versi and versi.isdigit() else None)
    ctx = {
        "opd": None if tingkat == "pemda" else unit,
        "pemda": pemda,
        "nama_unit": unit.nama,
        "tingkat_pemda": tingkat == "pemda",
        "tahun": tahun,
        "ev": ev,
        "u": _alamat(tingkat, slug, tahun),
        "boleh_mulai": boleh_menilai_mandiri(request.user, unit)
        or boleh_mengevaluasi(request.user, unit),
        "boleh_tindak_lanjut": boleh_menilai_mandiri(request.user, unit),
        "boleh_evaluator": boleh_mengevaluasi(request.user, unit),
    }
    if ev is not None:
        h = services.hasil(ev)
        rekomendasi = list(ev.rekomendasi_set.all())
        for r in rekomendasi:
            r.url_tindak_lanjut = _ke(tingkat, "evaluasi_tindak_lanjut", slug, tahun, pk=r.pk)
        semua = (
            Evaluasi.objects.filter(pemda=unit, opd__isnull=True)
            if tingkat == "pemda"
            else Evaluasi.objects.filter(opd=unit)
        )
        ctx.update(
            hasil=h,
            baris=_baris(ev, h),
            kolom=services.kolom_boleh(request.user, ev),
            alur=alur.tampilan(
                alur_evaluasi(ev),
                request.user,
                ev,
                lambda a: _ke(tingkat, "evaluasi_alur", slug, tahun, aksi=a),
            ),
            versi_list=list(semua.filter(tahun=tahun).values_list("versi", flat=True)),
            terakhir=services.evaluasi_berlaku(unit, tahun).versi,
            rekomendasi=rekomendasi,
            status_tl=Rekomendasi.Status.choices,
            lalu=services.evaluasi_berlaku(unit, tahun - 1),
        )
        if ctx["lalu"] is not None:
            ctx["rekomendasi_lalu"] = list(ctx["lalu"].rekomendasi_set.all())
    return render(request, "web/evaluasi.html", ctx)


# nama medan formulir dalam pesan galat
LABEL_MEDAN = {
    "tanggal_lhe": "Tanggal LHE",
    "tanggal_tindak_lanjut": "Tanggal tindak lanjut",
    "tautan_bukti": "Tautan bukti",
    "tindak_lanjut": "Uraian tindak lanjut",
    "status": "Status tindak lanjut",
    "alasan": "Alasan koreksi",
    "berkas": "Berkas bukti",
    "tautan": "Tautan bukti",
    "catatan": "Catatan",
}


def pesan_medan(k: str, v: str) -> str:
    """Pesan galat satu medan, diawali nama medannya — sekali saja: pesan yang sudah menyebut
    medannya ("Alasan koreksi wajib diisi.") tidak diawali lagi."""
    label = LABEL_MEDAN.get(k, k)
    if not k or v.startswith("kriteria") or v.lower().startswith(label.lower()):
        return v
    return f"{label}: {v}"


def _pesan_galat(request, e: services.EvaluasiError):
    for k, v in e.galat.items():
        messages.error(request, pesan_medan(k, v))


def _evaluasi_aksi(request, slug: str, tahun: int, kerjakan, tingkat: str = "opd"):
    """Satu aksi atas evaluasi (OPD-tahun atau Pemda) yang sudah dimulai; kembali ke halamannya."""
    unit = _unit(request, slug, tingkat)
    ev = _ev(unit, tahun)
    if ev is None:
        raise Http404("Evaluasi belum dimulai.")
    try:
        messages.success(request, kerjakan(unit, ev))
    except services.EvaluasiError as e:
        _pesan_galat(request, e)
    return redirect(_ke(tingkat, "evaluasi", slug, tahun))


@login_required
@require_POST
def evaluasi_mulai(request, slug: str, tahun: int, tingkat: str = "opd"):
    unit = _unit(request, slug, tingkat)
    if isinstance(unit, Pemda):
        if not boleh_menilai_mandiri(request.user, unit):
            raise PermissionDenied("Hanya Admin Pemda yang dapat memulai evaluasi AKIP Pemda.")
        services.mulai_evaluasi_pemda(unit, tahun, request.user)
    else:
        if not (
            boleh_menilai_mandiri(request.user, unit) or boleh_mengevaluasi(request.user, unit)
        ):
            raise PermissionDenied("Hanya OPD ini atau Inspektorat yang dapat memulai evaluasi.")
        services.mulai_evaluasi(unit, tahun, request.user)
    messages.success(request, "Evaluasi dimulai; jawaban otomatis diusulkan dari data sakip.")
    return redirect(_ke(tingkat, "evaluasi", slug, tahun))


@login_required
@require_POST
def evaluasi_simpan(request, slug: str, tahun: int, tingkat: str = "opd"):
    def kerjakan(opd, ev):
        if not services.kolom_boleh(request.user, ev):
            raise PermissionDenied(services._pesan_kolom(request.user, ev))
        isian = {}
        for _, _, kr in ev.templat.templat.semua_kriteria():
            isi = {
                k: request.POST[f"{k}-{kr.kode}"]
                for k in services.MANDIRI + services.EVALUATOR
                if f"{k}-{kr.kode}" in request.POST
            }
            if isi:
                isian[kr.kode] = isi
        lhe = FormLHE(request.POST)
        if lhe.dikirim() and not lhe.is_valid():
            raise services.EvaluasiError(lhe.galat())
        with transaction.atomic():  # jawaban dan LHE: satu aksi, satu transaksi
            n = services.simpan_jawaban(ev, request.user, isian)
            if lhe.dikirim():
                services.simpan_lhe(ev, request.user, lhe.isian())
        return f"{n} jawaban disimpan."

    return _evaluasi_aksi(request, slug, tahun, kerjakan, tingkat)


@login_required
@require_POST
def evaluasi_segarkan(request, slug: str, tahun: int, tingkat: str = "opd"):
    def kerjakan(opd, ev):
        if not services.kolom_boleh(request.user, ev):
            raise PermissionDenied(services._pesan_kolom(request.user, ev))
        services.segarkan_otomatis(ev)
        return "Usulan otomatis dihitung ulang dari data terkini."

    return _evaluasi_aksi(request, slug, tahun, kerjakan, tingkat)


@login_required
@require_POST
def evaluasi_versi(request, slug: str, tahun: int, tingkat: str = "opd"):
    def kerjakan(unit, ev):
        if not boleh_mengevaluasi(request.user, unit):
            siapa = "Admin Pemda" if isinstance(unit, Pemda) else "Inspektorat"
            raise PermissionDenied(f"Hanya {siapa} yang dapat mengoreksi evaluasi yang final.")
        baru = services.buat_versi_baru(ev, request.user, request.POST.get("alasan", ""))
        return f"Versi {baru.versi} dibuat untuk koreksi."

    return _evaluasi_aksi(request, slug, tahun, kerjakan, tingkat)


@login_required
@require_POST
def evaluasi_bukti(request, slug: str, tahun: int, tingkat: str = "opd"):
    def kerjakan(unit, ev):
        if not boleh_menilai_mandiri(request.user, unit):
            raise PermissionDenied(services._pesan_kolom(request.user, ev))
        j = get_object_or_404(ev.jawaban, kriteria=request.POST.get("kriteria", ""))
        services.tambah_bukti(
            j,
            request.user,
            berkas=request.FILES.get("berkas"),
            tautan=request.POST.get("tautan", "").strip(),
        )
        return f"Bukti kriteria {j.kriteria} ditambahkan."

    return _evaluasi_aksi(request, slug, tahun, kerjakan, tingkat)


@login_required
@require_POST
def evaluasi_alur(request, slug: str, tahun: int, aksi: str, tingkat: str = "opd"):
    """Langkah alur evaluasi lewat penangan alur bersama."""
    ev = _ev(_unit(request, slug, tingkat), tahun)
    if ev is None:
        raise Http404("Evaluasi belum dimulai.")
    return jalankan_alur(
        request, alur_evaluasi(ev), ev, aksi, _ke(tingkat, "evaluasi", slug, tahun)
    )


@login_required
@require_POST
def tindak_lanjut(request, slug: str, tahun: int, pk: int, tingkat: str = "opd"):
    unit = _unit(request, slug, tingkat)
    qs = Rekomendasi.objects.select_related("evaluasi__pemda", "evaluasi__opd")
    if isinstance(unit, Pemda):
        rek = get_object_or_404(qs, pk=pk, evaluasi__pemda=unit, evaluasi__opd__isnull=True)
    else:
        rek = get_object_or_404(qs, pk=pk, evaluasi__opd=unit)
    if not boleh_menilai_mandiri(request.user, unit):
        siapa = "Admin Pemda" if isinstance(unit, Pemda) else "Operator atau Kepala OPD ini"
        raise PermissionDenied(f"Hanya {siapa} yang menindaklanjuti rekomendasi.")
    try:
        services.tindak_lanjut(
            rek,
            request.user,
            request.POST.get("status", ""),
            request.POST.get("tindak_lanjut", ""),
            request.POST.get("tautan_bukti", ""),
            request.POST.get("tanggal_tindak_lanjut", ""),
        )
    except services.EvaluasiError as e:
        _pesan_galat(request, e)
    else:
        messages.success(request, "Tindak lanjut rekomendasi disimpan.")
    return redirect(_ke(tingkat, "evaluasi", slug, rek.evaluasi.tahun))


@login_required
def unduh_lke(request, slug: str, tahun: int, tingkat: str = "opd"):
    unit = _unit(request, slug, tingkat)
    ev = _ev(unit, tahun)
    if ev is None:
        raise Http404("Evaluasi belum dimulai.")
    resp = HttpResponse(
        excel_lke.buat_lembar(ev),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = f'attachment; filename="lke-{unit.slug}-{tahun}-v{ev.versi}.xlsx"'
    return resp


@login_required
def unggah_lke(request, slug: str, tahun: int, tingkat: str = "opd"):
    unit = _unit(request, slug, tingkat)
    ev = _ev(unit, tahun)
    if ev is None:
        raise Http404("Evaluasi belum dimulai.")
    u = unggah_lembar.Unggahan(
        kunci=f"lke:{ev.pk}",
        baca=lambda data, nama: excel_lke.baca_unggahan(ev, request.user, data, nama),
        sebagai_dict=excel_lke.sebagai_dict,
        terapkan=lambda changes: excel_lke.terapkan(ev, request.user, changes),
        halaman=_ke(tingkat, "evaluasi_unggah", slug, tahun),
        hasil=_ke(tingkat, "evaluasi", slug, tahun),
        pesan_selesai="{n} jawaban dari lembar kerja disimpan.",
        pesan_sama="Tidak ada perubahan dibanding jawaban di sakip.",
    )
    return unggah_lembar.layani(
        request,
        u,
        "web/evaluasi_unggah.html",
        {
            "nama_unit": unit.nama,
            "tahun": tahun,
            "ev": ev,
            "kembali": _ke(tingkat, "evaluasi", slug, tahun),
        },
        bool(services.kolom_boleh(request.user, ev)),
        services._pesan_kolom(request.user, ev),
    )


@login_required
def evaluasi_pemda(request, slug: str, tahun: int):
    pemda = akses.pemda(request.user, slug, Aksi.DASBOR)
    rows = services.rekap_pemda(pemda, tahun)
    templat = next((r.evaluasi.templat.templat for r in rows if r.evaluasi), None)
    grafik = [
        {"opd": r.opd.singkatan or r.opd.nama, "nilai": float(round(r.nilai, 2))}
        for r in rows
        if r.evaluasi and r.evaluasi.final
    ]
    return render(
        request,
        "web/evaluasi_pemda.html",
        {
            "pemda": pemda,
            "tahun": tahun,
            "rows": rows,
            "templat": templat,
            "grafik": grafik,
            "tinggi_grafik": 60 + 32 * len(grafik),
        },
    )


@login_required
def templat_pemda(request, slug: str):
    pemda = akses.pemda(request.user, slug, Aksi.DASBOR)
    boleh = boleh_mengelola_templat_lke(request.user, pemda)
    if request.GET.get("unduh"):
        obj = get_object_or_404(TemplatLKE, pk=request.GET["unduh"])
        if obj.pemda_id not in (None, pemda.pk):
            raise Http404
        resp = HttpResponse(
            services.teks_templat(obj), content_type="application/x-yaml; charset=utf-8"
        )
        resp["Content-Disposition"] = f'attachment; filename="{obj.kode}-v{obj.versi}.yaml"'
        return resp
    galat = []
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied("Hanya Admin Pemda yang dapat mengunggah templat LKE.")
        f = request.FILES.get("berkas")
        if request.POST.get("pakai"):
            asal = get_object_or_404(
                TemplatLKE, pk=request.POST["pakai"] if request.POST["pakai"].isdigit() else 0
            )
            try:
                obj = services.pakai_templat(pemda, asal, request.user)
            except (TemplatError, services.EvaluasiError) as e:
                galat = [str(e)]
            else:
                messages.success(request, f"{obj} disimpan; evaluasi baru memakai versi ini.")
                return redirect("web:evaluasi_templat", slug=slug)
        elif f is None:
            galat = ["Pilih berkas templat (.yaml) yang akan diunggah."]
        elif f.size > MAKS:
            galat = ["Berkas terlalu besar (paling besar 5 MB)."]
        else:
            try:
                obj = services.unggah_templat(
                    pemda, f.read(), request.user, request.POST.get("catatan", ""), f.name
                )
            except TemplatError as e:
                galat = e.galat
            except services.EvaluasiError as e:
                galat = list(e.galat.values())
            else:
                messages.success(request, f"{obj} disimpan; evaluasi baru memakai versi ini.")
                return redirect("web:evaluasi_templat", slug=slug)
    services.templat_bawaan()
    daftar = TemplatLKE.objects.filter(pemda__in=[pemda]).order_by("-versi")
    bawaan = TemplatLKE.objects.filter(pemda__isnull=True).order_by("-versi")
    return render(
        request,
        "web/evaluasi_templat.html",
        {
            "pemda": pemda,
            "daftar": list(daftar) + list(bawaan),
            "boleh": boleh,
            "galat": galat,
            "berlaku": services.templat_terbaru(pemda),
        },
    )
