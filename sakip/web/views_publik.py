"""Portal publik per Pemda: hanya yang terbit (:mod:`sakip.publikasi`), tanpa akun.

Halaman ini membaca cuplikan terbitan, bukan data kerja: tidak ada status alur, nama pengguna,
peringatan dini, atau angka yang belum terbit. Yang tidak terbit = 404."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.publikasi import services as publikasi
from sakip.publikasi.models import Terbitan

J = Terbitan.Jenis
DATA = ("iku", "evaluasi")


def _pemda(slug: str) -> Pemda:
    return get_object_or_404(Pemda, slug=slug)


def indeks(request):
    pemda = list(
        Pemda.objects.annotate(jumlah=Count("terbitan")).filter(jumlah__gt=0).order_by("nama")
    )
    return render(request, "web/publik/indeks.html", {"pemda_list": pemda})


def portal(request, slug: str):
    pemda = _pemda(slug)
    terbit = publikasi.terbaru(publikasi.terbitan_pemda(pemda))
    tahun: dict[int, dict] = {}
    for t in terbit:
        th = tahun.setdefault(
            t.tahun, {"tahun": t.tahun, "pemda": None, "evaluasi_pemda": None, "opd": {}}
        )
        if t.opd_id is None:
            th["evaluasi_pemda" if t.jenis == J.EVALUASI else "pemda"] = t
        else:
            th["opd"].setdefault(t.opd_id, {"opd": t.opd}).setdefault(t.jenis, t)
    daftar = []
    for th in sorted(tahun.values(), key=lambda x: -x["tahun"]):
        th["opd"] = sorted(th["opd"].values(), key=lambda x: x["opd"].nama)
        daftar.append(th)
    return render(request, "web/publik/portal.html", {"pemda": pemda, "daftar": daftar})


def pemda_tahun(request, slug: str, tahun: int):
    pemda = _pemda(slug)
    terbit = publikasi.terbaru(publikasi.terbitan_pemda(pemda).filter(tahun=tahun))
    if not terbit:
        raise Http404(f"Belum ada dokumen {pemda.nama} tahun {tahun} yang terbit.")
    lkjip = next((t for t in terbit if t.jenis == J.LKJIP_PEMDA), None)
    evaluasi = next((t for t in terbit if t.jenis == J.EVALUASI and not t.opd_id), None)
    opd: dict[int, dict] = {}
    for t in terbit:
        if t.opd_id:
            opd.setdefault(t.opd_id, {"opd": t.opd})[t.jenis] = t
    baris = sorted(opd.values(), key=lambda x: x["opd"].nama)
    return render(
        request,
        "web/publik/pemda_tahun.html",
        {"pemda": pemda, "tahun": tahun, "lkjip": lkjip, "evaluasi": evaluasi, "baris": baris},
    )


def opd_tahun(request, slug: str, opd: str, tahun: int):
    pemda = _pemda(slug)
    o = get_object_or_404(PerangkatDaerah, slug=opd, pemda=pemda)
    per_jenis = publikasi.terbitan_opd_tahun(o, tahun)
    if not per_jenis:
        raise Http404(f"Belum ada dokumen {o.nama} tahun {tahun} yang terbit.")
    ctx = {
        "pemda": pemda,
        "opd": o,
        "tahun": tahun,
        "lkjip": (per_jenis.get(J.LKJIP) or [None])[0],
        "pk": per_jenis.get(J.PK, []),
        "evaluasi": per_jenis.get(J.EVALUASI, []),
    }
    return render(request, "web/publik/opd_tahun.html", ctx)


def berkas(request, slug: str, pk: int, nama: str):
    pemda = _pemda(slug)
    t = Terbitan.objects.select_related("opd__pemda", "pemda").filter(pk=pk, pemda=pemda).first()
    if t is None or nama != t.nama_berkas:
        raise Http404("Dokumen terbitan tidak ditemukan.")
    if not publikasi.siapkan_berkas(t):
        raise Http404(t.catatan or "Berkas terbitan ini belum tersedia.")
    resp = FileResponse(t.berkas.open("rb"), content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="{t.nama_berkas}"'
    resp["Content-Length"] = str(t.ukuran)
    resp["X-Sakip-Sidik"] = t.sidik
    return resp


def _baris_iku(terbit: list[Terbitan]) -> list[dict]:
    out = []
    for t in sorted(terbit, key=lambda x: (-x.tahun, x.opd.nama if x.opd_id else "")):
        pemilik = t.opd.nama if t.opd_id else t.pemda.nama
        for b in t.data.get("indikator", []):
            if not b.get("iku"):
                continue
            out.append(
                {
                    "tahun": t.tahun,
                    "perangkat_daerah": pemilik,
                    "tingkat": "opd" if t.opd_id else "pemda",
                    "kode": b.get("kode", ""),
                    "indikator": b["nama"],
                    "satuan": b.get("satuan", ""),
                    "target": b.get("target"),
                    "realisasi": b.get("realisasi"),
                    "capaian_persen": b.get("capaian"),
                    "predikat": b.get("predikat"),
                    "terbit": t.diterbitkan_pada.date().isoformat(),
                }
            )
    return out


def _baris_evaluasi(terbit: list[Terbitan]) -> list[dict]:
    return [
        {
            "tahun": t.tahun,
            # evaluasi Pemda itu sendiri (Kementerian PANRB): nama Pemda
            "perangkat_daerah": t.opd.nama if t.opd_id else t.pemda.nama,
            "versi": t.versi,
            "nilai": t.data.get("nilai"),
            "predikat": t.data.get("predikat"),
            "nomor_lhe": t.data.get("nomor_lhe") or "",
            "terbit": t.diterbitkan_pada.date().isoformat(),
        }
        for t in sorted(
            terbit, key=lambda x: (-x.tahun, x.opd_id is not None, x.opd.nama if x.opd_id else "")
        )
    ]


def _sel(v) -> str:
    """Teks sel CSV: teks pengguna tidak pernah menjadi rumus di lembar kerja."""
    s = "" if v is None else str(v)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") and not _angka(s) else s


def _angka(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


ANGKA = {"target", "realisasi", "capaian_persen", "nilai"}


def _json(kunci: str, v):
    """Angka cuplikan (teks desimal) sebagai angka JSON."""
    if kunci not in ANGKA or v is None:
        return v
    d = Decimal(v)
    return int(d) if d == d.to_integral() else float(d)


def data_terbuka(request, slug: str, nama: str, fmt: str):
    """Data terbuka: capaian IKU (OPD dan Pemda) atau hasil evaluasi, CSV (UTF-8, titik desimal)
    atau JSON; ``?tahun=`` membatasi tahun."""
    if nama not in DATA or fmt not in ("csv", "json"):
        raise Http404("Data tidak dikenal; pilihan: iku.csv, iku.json, evaluasi.csv, evaluasi.json")
    pemda = _pemda(slug)
    qs = publikasi.terbitan_pemda(pemda)
    th = request.GET.get("tahun", "")
    if th:
        if not (th.isdigit() and len(th) == 4):
            raise Http404("Tahun harus empat angka, mis. ?tahun=2024")
        qs = qs.filter(tahun=int(th))
    if nama == "iku":
        terbit = publikasi.terbaru(qs.filter(jenis__in=[J.LKJIP, J.LKJIP_PEMDA]))
        baris = _baris_iku(terbit)
    else:
        baris = _baris_evaluasi(publikasi.terbaru(qs.filter(jenis=J.EVALUASI)))
    berkas_nama = f"{nama}-{pemda.slug}{'-' + th if th else ''}.{fmt}"
    if fmt == "json":
        baris = [{k: _json(k, v) for k, v in b.items()} for b in baris]
        isi = json.dumps(
            {"pemda": pemda.nama, "data": baris}, ensure_ascii=False, indent=1
        ).encode()
        resp = HttpResponse(isi, content_type="application/json; charset=utf-8")
    else:
        buf = io.StringIO()
        kolom = list(baris[0]) if baris else ["tahun", "perangkat_daerah"]
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(kolom)
        for b in baris:
            w.writerow([_sel(b[k]) for k in kolom])
        resp = HttpResponse(
            ("\ufeff" + buf.getvalue()).encode(), content_type="text/csv; charset=utf-8"
        )
    resp["Content-Disposition"] = f'inline; filename="{berkas_nama}"'
    resp["Access-Control-Allow-Origin"] = "*"
    return resp


@login_required
@require_POST
def terbitkan_pemda(request, slug: str, tahun: int):
    """Admin Pemda menerbitkan LKjIP Pemda tahun itu ke portal publik."""
    from sakip import akses
    from sakip.akses import Aksi

    pemda = akses.pemda(request.user, slug, Aksi.KELOLA)
    try:
        t = publikasi.terbitkan_lkjip_pemda(request.user, pemda, tahun)
    except publikasi.PublikasiError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{t.judul} terbit di portal publik.")
    return redirect("web:rpjmd", pemda.slug, tahun)
