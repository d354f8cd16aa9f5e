"""Memuat evaluasi dari berkas (format ``sakip/evaluasi 1``): seed dan demo.

Usulan otomatis dihitung dari data yang sudah ada; jawaban evaluator dari berkas; yang berbeda dari
usulan otomatis wajib beralasan (kolom kedua). Evaluasi diajukan dan difinalkan dalam satu transaksi.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from django.db import transaction

from sakip.organisations.models import PerangkatDaerah
from sakip.review.services import perbarui_temuan

from . import services
from .models import Evaluasi

FORMAT = "sakip/evaluasi 1"


@transaction.atomic
def muat_evaluasi(path: Path, hari_ini: datetime.date | None = None) -> Evaluasi:
    nama = path.name
    data = yaml.safe_load(path.read_text("utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise services.EvaluasiError(f"{nama}: bukan berkas evaluasi sakip ('format: {FORMAT}')")
    opd = PerangkatDaerah.objects.filter(slug=data.get("opd")).first()
    if opd is None:
        raise services.EvaluasiError(
            f"{nama}: OPD '{data.get('opd')}' belum ada; impor datanya dulu"
        )
    tahun = int(data["tahun"])
    if services.evaluasi_berlaku(opd, tahun) is not None:
        raise services.EvaluasiError(f"{nama}: evaluasi {opd.nama} {tahun} sudah ada")
    perbarui_temuan(opd, tahun)
    ev = services.mulai_evaluasi(opd, tahun, hari_ini=hari_ini)
    templat = ev.templat.templat
    if data.get("templat") != templat.kode:
        raise services.EvaluasiError(
            f"{nama}: templat '{data.get('templat')}' bukan {templat.kode}"
        )
    jawab = {j.kriteria: j for j in ev.jawaban.all()}
    rek = data.get("rekomendasi") or {}
    galat = {}
    for kode, isi in (data.get("jawaban") or {}).items():
        kode = str(kode)
        j = jawab.get(kode)
        kr = templat.kriteria(kode)
        if j is None or kr is None:
            galat[kode] = f"{nama}: kriteria '{kode}' tidak ada dalam templat"
            continue
        jawaban, *alasan = isi if isinstance(isi, list) else [isi]
        jawaban = str(jawaban).upper()
        if jawaban not in templat.skala[kr.jawaban]:
            galat[kode] = f"{nama}: kriteria {kode}: jawaban '{jawaban}' tidak sah"
            continue
        j.evaluator = jawaban
        j.evaluator_catatan = alasan[0] if alasan else ""
        if j.diubah_dari_otomatis:
            if not alasan:
                galat[kode] = (
                    f"{nama}: kriteria {kode}: {jawaban} berbeda dari usulan otomatis {j.otomatis}; "
                    "tuliskan alasannya"
                )
            j.alasan_ubah = alasan[0] if alasan else ""
        j.rekomendasi = str(rek.get(kode, ""))
        j.save()
    for kode in rek:
        if str(kode) not in jawab:
            galat[str(kode)] = f"{nama}: rekomendasi untuk kriteria '{kode}' yang tidak ada"
    if galat:
        raise services.EvaluasiError(galat)
    ev.ringkasan = str(data.get("ringkasan") or "").strip()
    ev.ajukan()
    if pesan := services.kunci_hasil(ev):
        raise services.EvaluasiError(f"{nama}: {pesan}")
    ev.setujui()
    ev.save()
    return ev
