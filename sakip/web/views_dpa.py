"""Halaman Impor DPA: unggah ekspor DPA/DPPA (XLSX/CSV), petakan kolomnya (diingat per Pemda),
pratinjau setiap perubahan pagu, simpan sebagai versi pagu bertanggal (layanan:
:mod:`sakip.budget.dpa`, satu transaksi)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sakip import akses
from sakip.akses import Aksi
from sakip.budget import dpa
from sakip.budget.models import PaguVersi
from sakip.core.numbers import bilangan_id, format_rupiah

from .unggah import MAKS_UNGGAHAN


def _kunci(opd, tahun: int) -> str:
    return f"dpa:{opd.pk}:{tahun}"


def _pemetaan(tabel: dict, P) -> dict[str, int | None]:
    n = len(tabel["judul"])
    hasil: dict[str, int | None] = {}
    for m in dpa.MEDAN:
        i = bilangan_id(P.get(f"kolom_{m}", ""))
        hasil[m] = i if i is not None and i < n else None
    return hasil


def _hitung(opd, tahun: int, sesi: dict) -> None:
    try:
        sesi["pratinjau"] = dpa.pratinjau(
            opd, tahun, sesi["tabel"], sesi["pemetaan"], sesi["jenis"]
        )
        sesi["galat"] = []
    except dpa.DPAError as exc:
        sesi["pratinjau"], sesi["galat"] = None, exc.galat


@login_required
@require_http_methods(["GET", "POST"])
def impor_dpa(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug)
    boleh = akses.boleh(request.user, opd, Aksi.ISI_PENUH)
    kunci = _kunci(opd, tahun)
    halaman = reverse("web:impor_dpa", args=[slug, tahun])
    if request.method == "POST":
        akses.periksa(request.user, opd, Aksi.ISI_PENUH)
        P = request.POST
        aksi = P.get("aksi", "")
        sesi = request.session.get(kunci)
        try:
            if aksi == "unggah":
                f = request.FILES.get("berkas")
                if f is None:
                    raise dpa.DPAError(["Pilih berkas ekspor DPA (.xlsx atau .csv)."])
                if f.size > MAKS_UNGGAHAN:
                    raise dpa.DPAError(
                        [
                            f"Berkas '{f.name}' terlalu besar; paling besar {MAKS_UNGGAHAN // 2**20} MB."
                        ]
                    )
                tabel = dpa.baca(f.read(), f.name)
                tanggal = dpa.baca_tanggal(P.get("tanggal", ""), tahun)
                sesi = {
                    "tabel": tabel,
                    "pemetaan": dpa.tebak(tabel, opd.pemda),
                    "jenis": P.get("jenis", ""),
                    "tanggal": tanggal.isoformat(),
                }
                _hitung(opd, tahun, sesi)
                request.session[kunci] = sesi
            elif aksi in ("petakan", "konfirmasi") and sesi:
                sesi["pemetaan"] = _pemetaan(sesi["tabel"], P)
                sesi["jenis"] = P.get("jenis", sesi["jenis"])
                sesi["tanggal"] = dpa.baca_tanggal(P.get("tanggal", ""), tahun).isoformat()
                _hitung(opd, tahun, sesi)
                request.session[kunci] = sesi
                if aksi == "konfirmasi" and sesi["pratinjau"]:
                    judul = sesi["tabel"]["judul"]
                    v = dpa.terapkan(
                        request.user,
                        opd,
                        tahun,
                        sesi["pratinjau"],
                        sesi["jenis"],
                        dpa.baca_tanggal(sesi["tanggal"], tahun),
                        sesi["tabel"]["nama"],
                        {m: judul[i] for m, i in sesi["pemetaan"].items() if i is not None},
                    )
                    request.session.pop(kunci, None)
                    messages.success(
                        request,
                        f"{v}: pagu {len(sesi['pratinjau']['perubahan'])} baris disimpan; pagu "
                        "yang berlaku kini dari berkas ini.",
                    )
                    return redirect(reverse("web:anggaran", args=[slug, tahun]))
            elif aksi == "batal":
                request.session.pop(kunci, None)
                messages.success(request, "Impor DPA dibatalkan; tidak ada yang disimpan.")
            else:
                messages.error(request, "Tidak ada berkas yang menunggu; unggah berkas lagi.")
        except dpa.DPAError as exc:
            for g in exc.galat[:20]:
                messages.error(request, g)
        return redirect(halaman)
    sesi = request.session.get(kunci)
    perubahan = []
    if sesi and sesi.get("pratinjau"):
        for p in sesi["pratinjau"]["perubahan"]:
            perubahan.append(
                {
                    **p,
                    "pagu_lama_t": format_rupiah(p["pagu_lama"]) if p["pagu_lama"] else "—",
                    "pagu_t": format_rupiah(p["pagu"]),
                    "real_t": format_rupiah(p["realisasi"]) if p["realisasi"] else "",
                    "berubah": p["pagu_lama"] is None or float(p["pagu_lama"]) != float(p["pagu"]),
                }
            )
    return render(
        request,
        "web/dpa.html",
        {
            "opd": opd,
            "tahun": tahun,
            "boleh": boleh,
            "sesi": sesi,
            "medan": [
                (m, label, (sesi or {}).get("pemetaan", {}).get(m))
                for m, label in dpa.MEDAN.items()
            ],
            "wajib": dpa.WAJIB,
            "judul": list(enumerate(sesi["tabel"]["judul"])) if sesi else [],
            "perubahan": perubahan,
            "jumlah_berubah": sum(1 for p in perubahan if p["berubah"]),
            "riwayat": dpa.riwayat(opd, tahun),
            "jenis": PaguVersi.Jenis.choices,
        },
    )
