"""Halaman tingkat Pemda: RPJMD (penyusunan, penetapan, keselarasan OPD, cross-cutting) dan pohon
kinerja Pemda dan OPD."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sakip import akses
from sakip.akses import Aksi
from sakip.core.numbers import bilangan_id
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.organisations.permissions import (
    boleh_mengelola_rpjmd,
    dapat_melihat_semua_opd,
)
from sakip.planning.models import Sasaran, Tujuan
from sakip.planning.pohon_kinerja import crosscutting_pemda
from sakip.planning.selaras import buat_perubahan_rpjmd, tautkan
from sakip.reporting.pohon import bangun_pohon, pohon_untuk, sasaran_rpjmd_didukung
from sakip.review.engine import reviu_pemda
from sakip.rpjmd import services as rpjmd_services
from sakip.rpjmd.alur import ALUR_RPJMD
from sakip.rpjmd.models import RPJMD, IndikatorRPJMD
from sakip.workflow import services as alur_services
from sakip.workflow.models import StatusAlur

from . import unggah as unggah_lembar
from .formulir.rpjmd import (
    FormIndikatorRPJMD,
    FormRealisasiDaerah,
    FormRPJMD,
    FormSasaran,
    FormTujuan,
)
from .views_alur import jalankan_alur
from .views_pohon_kinerja import dengan_tombol, konteks_crosscutting


def _rpjmd_dipilih(request, pemda: Pemda, tahun: int) -> RPJMD | None:
    rp = rpjmd_services.rpjmd_berlaku(pemda, tahun)
    versi = request.GET.get("versi", "")
    if rp is not None and bilangan_id(versi):
        rp = RPJMD.objects.filter(
            pemda=pemda, tahun_awal=rp.tahun_awal, versi=bilangan_id(versi)
        ).first()
        if rp is None:
            from django.http import Http404

            raise Http404("Versi RPJMD tidak ditemukan")
    return rp


def _terbitan_pemda(pemda, tahun: int):
    from sakip.publikasi.models import Terbitan

    return (
        Terbitan.objects.filter(
            pemda=pemda, opd__isnull=True, tahun=tahun, jenis=Terbitan.Jenis.LKJIP_PEMDA
        )
        .order_by("-versi")
        .first()
    )


@login_required
def rpjmd(request, slug: str, tahun: int):
    pemda = akses.pemda(request.user, slug)
    rp = _rpjmd_dipilih(request, pemda, tahun)
    boleh = boleh_mengelola_rpjmd(request.user, pemda)
    ctx = {
        "pemda": pemda,
        "tahun": tahun,
        "rpjmd": rp,
        "boleh": boleh,
        "terbitan": _terbitan_pemda(pemda, tahun),
        "galat": request.session.pop("rpjmd_galat", {}),
        "isian": request.session.pop("rpjmd_isian", {}),
        "form_gagal": request.session.pop("rpjmd_form", ""),
    }
    # isian dan galat per formulir: hanya formulir yang gagal yang diisi ulang dan ditandai
    ctx |= {
        "isian_f": {ctx["form_gagal"]: ctx["isian"]},
        "galat_f": {ctx["form_gagal"]: ctx["galat"]},
    }
    if rp is not None:
        pohon = bangun_pohon(pemda, tahun)
        versi = rpjmd_services.semua_versi(pemda, rp)
        terakhir = versi[-1]
        tujuan = rpjmd_services.muat_pohon(rp)
        sasaran_rpjmd = [s for t in tujuan for s in t.sasaran.all()]
        tujuan_opd = list(
            Tujuan.objects.filter(
                renstra__opd__pemda=pemda,
                renstra__tahun_awal__lte=tahun,
                renstra__tahun_akhir__gte=tahun,
            )
            .select_related("renstra__opd")
            .order_by("renstra__opd__nama", "urutan", "kode")
        )
        sasaran_opd: dict[int, list[Sasaran]] = {}
        for s in Sasaran.objects.filter(tujuan__in=tujuan_opd).order_by("urutan", "kode"):
            sasaran_opd.setdefault(s.tujuan_id, []).append(s)
        temuan = reviu_pemda(pemda, tahun)
        baris_ind = {ind.pk: b for ind, b in pohon.indikator_rpjmd}
        ctx.update(
            {
                "versi": versi,
                "terbaru": rp.pk == terakhir.pk,
                "tujuan": [
                    {
                        "t": t,
                        "indikator": [(i, baris_ind.get(i.pk)) for i in t.indikator.all()],
                        "sasaran": [
                            {
                                "s": s,
                                "indikator": [_ind(i, baris_ind, rp) for i in s.indikator.all()],
                                "kontribusi": pohon.kontribusi.get(s.pk, []),
                            }
                            for s in t.sasaran.all()
                        ],
                    }
                    for t in tujuan
                ],
                "tahun_list": rp.tahun_list,
                # (tahun, isian, galat) target indikator: diisi ulang bila formulir itu gagal
                "target_isian": [
                    (
                        y,
                        ctx["isian_f"].get("indikator", {}).get(f"target_{y}", ""),
                        ctx["galat_f"].get("indikator", {}).get(f"target_{y}", ""),
                    )
                    for y in rp.tahun_list
                ],
                "sasaran_rpjmd": sasaran_rpjmd,
                "keselarasan": [{"t": t, "sasaran": sasaran_opd.get(t.pk, [])} for t in tujuan_opd],
                "program_rpjmd": list(rp.program.all()),
                "temuan": temuan,
                "alur": alur_services.tampilan(
                    ALUR_RPJMD,
                    request.user,
                    rp,
                    lambda aksi: reverse("web:rpjmd_alur", args=[slug, tahun, rp.pk, aksi]),
                ),
                "terbuka": rp.status not in (StatusAlur.DIAJUKAN, StatusAlur.DISETUJUI),
                "ditetapkan": rp.status == StatusAlur.DISETUJUI,
            }
        )
    return render(request, "web/rpjmd.html", ctx)


def _ind(i: IndikatorRPJMD, baris_ind: dict, rp: RPJMD) -> tuple:
    tg = {t.tahun: t.nilai for t in i.target.all()}
    return i, baris_ind.get(i.pk), [tg.get(y) for y in rp.tahun_list]


def _simpan_galat(request, nama: str, pesan: str, galat: dict[str, str]) -> None:
    """Galat satu formulir RPJMD: pesan, galat per medan dan isian pengguna disimpan di sesi agar
    halaman (sesudah dialihkan) menampilkan formulir itu lagi lengkap dengan yang diketik."""
    messages.error(request, pesan)
    request.session["rpjmd_form"] = nama
    request.session["rpjmd_galat"] = galat
    request.session["rpjmd_isian"] = {
        k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"
    }


def _aksi_rpjmd(request, slug: str, tahun: int, nama: str, kerjakan, form_cls=None, rpjmd=True):
    """Satu aksi penyusunan RPJMD = satu transaksi di layanan; kembali ke halaman RPJMD.

    ``kerjakan(pemda, rp, isian)`` → (pesan berhasil, tahun halaman tujuan atau None)."""
    pemda = akses.pemda(request.user, slug, Aksi.KELOLA)
    kembali = tahun
    rp = None
    try:
        if rpjmd:
            rp = rpjmd_services.rpjmd_berlaku(pemda, tahun)
            if rp is None:
                raise rpjmd_services.RPJMDError(f"Belum ada RPJMD {pemda} untuk tahun {tahun}.")
        isian = None
        if form_cls is not None:
            form = (
                form_cls(rp, request.POST)
                if form_cls is FormIndikatorRPJMD
                else form_cls(request.POST)
            )
            if not form.is_valid():
                raise rpjmd_services.RPJMDError(
                    "Tidak disimpan: periksa isian yang ditandai.", form.galat()
                )
            isian = form.isian() if nama != "realisasi" else form
        pesan, ke_tahun = kerjakan(pemda, rp, isian)
        messages.success(request, pesan)
        kembali = ke_tahun or tahun
    except rpjmd_services.RPJMDError as exc:
        _simpan_galat(request, nama, str(exc), exc.galat)
    return redirect(reverse("web:rpjmd", args=[slug, kembali]))


@login_required
@require_POST
def rpjmd_buat(request, slug: str, tahun: int):
    def kerjakan(pemda, rp, isian):
        rp = rpjmd_services.buat_rpjmd(request.user, pemda, isian)
        ke = None if rp.tahun_awal <= tahun <= rp.tahun_akhir else rp.tahun_awal
        return f"{rp} dibuat sebagai draf.", ke

    return _aksi_rpjmd(request, slug, tahun, "buat", kerjakan, FormRPJMD, rpjmd=False)


@login_required
@require_POST
def rpjmd_tujuan(request, slug: str, tahun: int):
    def kerjakan(pemda, rp, isian):
        t = rpjmd_services.tambah_tujuan(request.user, rp, isian)
        return f"Tujuan “{t}” ditambahkan.", None

    return _aksi_rpjmd(request, slug, tahun, "tujuan", kerjakan, FormTujuan)


@login_required
@require_POST
def rpjmd_sasaran(request, slug: str, tahun: int):
    def kerjakan(pemda, rp, isian):
        s = rpjmd_services.tambah_sasaran(request.user, rp, isian)
        return f"Sasaran “{s}” ditambahkan.", None

    return _aksi_rpjmd(request, slug, tahun, "sasaran", kerjakan, FormSasaran)


@login_required
@require_POST
def rpjmd_indikator(request, slug: str, tahun: int):
    def kerjakan(pemda, rp, isian):
        i = rpjmd_services.tambah_indikator(request.user, rp, isian)
        return f"Indikator “{i}” dan targetnya ditambahkan.", None

    return _aksi_rpjmd(request, slug, tahun, "indikator", kerjakan, FormIndikatorRPJMD)


@login_required
@require_POST
def rpjmd_realisasi(request, slug: str, tahun: int):
    def kerjakan(pemda, rp, form):
        pk_ind = form.cleaned_data.get("indikator")
        ind = IndikatorRPJMD.objects.filter(pk=pk_ind, rpjmd=rp).first() if pk_ind else None
        if ind is None:
            raise rpjmd_services.RPJMDError(
                "Realisasi tidak disimpan: pilih indikator RPJMD.",
                {"indikator": "Pilih indikator RPJMD"},
            )
        r = rpjmd_services.catat_realisasi(request.user, ind, form.isian())
        return f"Realisasi {r.tahun} “{ind}” disimpan.", None

    return _aksi_rpjmd(request, slug, tahun, "realisasi", kerjakan, FormRealisasiDaerah)


@login_required
@require_POST
def rpjmd_tautkan(request, slug: str, tahun: int):
    def kerjakan(pemda, rp, isian):
        p = request.POST
        return tautkan(
            request.user, rp, p.get("jenis", ""), p.get("objek", ""), p.get("ke", "")
        ), None

    return _aksi_rpjmd(request, slug, tahun, "tautkan", kerjakan)


@login_required
@require_POST
def rpjmd_perubahan(request, slug: str, tahun: int):
    def kerjakan(pemda, rp, isian):
        baru = buat_perubahan_rpjmd(request.user, rp, request.POST.get("alasan", ""))
        return f"{baru} dibuat sebagai draf; versi sebelumnya tetap terbaca.", None

    return _aksi_rpjmd(request, slug, tahun, "perubahan", kerjakan)


@login_required
@require_POST
def rpjmd_alur(request, slug: str, tahun: int, pk: int, aksi: str):
    pemda = akses.pemda(request.user, slug)
    rp = get_object_or_404(RPJMD, pk=pk, pemda=pemda)
    return jalankan_alur(request, ALUR_RPJMD, rp, aksi, reverse("web:rpjmd", args=[slug, tahun]))


@login_required
def pohon_pemda(request, slug: str, tahun: int):
    pemda = get_object_or_404(Pemda, slug=slug)
    pohon = pohon_untuk(request.user, pemda, tahun)
    return render(
        request,
        "web/pohon.html",
        {
            "pemda": pemda,
            "tahun": tahun,
            "pohon": pohon,
            "akar": pohon.akar,
            "lepas": _lepas(pohon),
            "opd": None,
            "utuh": dapat_melihat_semua_opd(request.user, pemda),
            "crosscutting_pemda": dengan_tombol(request, crosscutting_pemda(pemda, tahun))
            if dapat_melihat_semua_opd(request.user, pemda)
            else [],
        },
    )


def _lepas(pohon) -> list:
    """Per OPD, tujuan Renstra yang tidak tergantung di bawah RPJMD (tujuan itu maupun sasarannya
    belum ditautkan); tanpa RPJMD, seluruh pohon setiap OPD."""
    if pohon.akar is None:
        return list(pohon.opd.values())
    ditaut = {id(n) for n in pohon.akar.iter()}
    out = []
    for n in pohon.opd.values():
        anak = [
            a
            for a in n.anak
            if a.jenis == "tujuan"
            and id(a) not in ditaut
            and not any(id(x) in ditaut for x in a.anak)
        ]
        if anak:
            out.append(replace(n, anak=anak))
    return out


@login_required
def pohon_opd(request, slug: str, tahun: int):
    opd = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), slug=slug)
    pohon = pohon_untuk(request.user, opd.pemda, tahun, opd=opd)
    node = pohon.opd[opd.pk]
    didukung = sasaran_rpjmd_didukung(pohon, opd)
    return render(
        request,
        "web/pohon.html",
        {
            "pemda": opd.pemda,
            "tahun": tahun,
            "pohon": pohon,
            "akar": None,
            "lepas": [node],
            "didukung": didukung,
            "opd": opd,
            **konteks_crosscutting(request, opd, tahun),
        },
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def rpjmd_excel_templat(request, slug: str, tahun: int):
    from django.http import Http404, HttpResponse

    from sakip.interchange import excel_pemda
    from sakip.interchange.excel import ExcelError

    pemda = akses.pemda(request.user, slug)
    try:
        isi = excel_pemda.buat_templat_pemda(pemda, tahun)
    except ExcelError as exc:
        raise Http404(str(exc)) from exc
    resp = HttpResponse(isi, content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="sakip-rpjmd-{pemda.slug}-{tahun}.xlsx"'
    return resp


@login_required
def rpjmd_excel(request, slug: str, tahun: int):
    """Unggah, pratinjau, konfirmasi — seperti Excel OPD; satu transaksi saat dikonfirmasi."""
    from sakip.interchange import excel_pemda

    pemda = akses.pemda(request.user, slug)
    boleh = boleh_mengelola_rpjmd(request.user, pemda)
    u = unggah_lembar.Unggahan(
        kunci=f"excel-pemda:{pemda.pk}:{tahun}",
        baca=lambda data, nama: excel_pemda.baca_unggahan_pemda(pemda, tahun, data, nama),
        sebagai_dict=excel_pemda.sebagai_dict,
        terapkan=lambda changes: excel_pemda.terapkan_pemda(request.user, pemda, tahun, changes),
        halaman=reverse("web:rpjmd_excel", kwargs={"slug": slug, "tahun": tahun}),
    )
    return unggah_lembar.layani(
        request,
        u,
        "web/excel_pemda.html",
        {"pemda": pemda, "tahun": tahun},
        boleh,
        "Hanya Admin Pemda yang dapat mengunggah data RPJMD dan jabatan.",
    )
