"""Pemeriksaan LKE komponen pelaporan dan evaluasi: LKjIP (disusun, disetujui, tepat waktu), reviu,
target jangka menengah, realisasi tahun lalu, capaian membaik, tindak lanjut rekomendasi."""

from __future__ import annotations

from sakip import tautan
from sakip.core.capaian import Polaritas
from sakip.core.numbers import format_angka
from sakip.measurement.services import pengukuran
from sakip.reporting.models import Narasi
from sakip.review.models import JalannyaReviu, PernyataanReviu, TemuanReviu
from sakip.review.rules.dasar import KRITIS, PERINGATAN
from sakip.workflow.models import StatusAlur

from .cek_konteks import (
    SERATUS,
    KonteksEvaluasi,
    Tautan,
    Temuan,
    _bagian,
    _batas,
    _daftar,
    _nama,
    _tepat_waktu,
)


def lkjip_disusun(k: KonteksEvaluasi) -> Temuan:
    narasi = Narasi.objects.filter(opd=k.opd, tahun=k.tahun).count()
    status = k.lkjip.status if k.lkjip else StatusAlur.DRAFT
    bukti = (Tautan("LKjIP", k.url("unduh", jenis="lkjip", fmt="pdf")),)
    if status != StatusAlur.DRAFT:
        return Temuan(
            f"LKjIP {k.tahun} {k.lkjip.get_status_display().lower()}.", persen=SERATUS, bukti=bukti
        )
    if narasi and k.baris:
        return Temuan(
            f"LKjIP {k.tahun} disusun dari data sakip dengan {narasi} bagian narasi.",
            persen=SERATUS,
            bukti=bukti,
        )
    return Temuan(f"LKjIP {k.tahun} belum disusun (belum ada narasi).", jawaban="T")


def lkjip_disetujui(k: KonteksEvaluasi) -> Temuan:
    if k.lkjip and k.lkjip.status == StatusAlur.DISETUJUI:
        return Temuan(
            f"LKjIP {k.tahun} disetujui Kepala OPD.",
            persen=SERATUS,
            bukti=(Tautan("LKjIP", k.url("unduh", jenis="lkjip", fmt="pdf")),),
        )
    status = k.lkjip.get_status_display().lower() if k.lkjip else "draf"
    return Temuan(f"LKjIP {k.tahun} belum disetujui (status: {status}).", jawaban="T")


def lkjip_tepat_waktu(k: KonteksEvaluasi, parameter) -> Temuan:
    t = _tepat_waktu(
        "LKjIP",
        k.lkjip,
        _batas(parameter, k.tahun + 1),
        (Tautan("LKjIP", k.url("unduh", jenis="lkjip", fmt="pdf")),),
    )
    return Temuan(t.alasan, jawaban="Y" if t.jawaban == "A" else "T", bukti=t.bukti)


def reviu_dijalankan(k: KonteksEvaluasi) -> Temuan:
    """LKE 3.a.4 "telah direviu": dijawab dari Pernyataan Telah Direviu yang ditandatangani
    Inspektorat, bukan dari pemeriksaan otomatis yang sekadar pernah dijalankan."""
    p = PernyataanReviu.objects.filter(opd=k.opd, tahun=k.tahun).first()
    bukti = (Tautan("Reviu", k.url("reviu")),)
    if p is not None:
        return Temuan(
            f"Pernyataan Telah Direviu ditandatangani {p.nama} ({p.jabatan}) tanggal "
            f"{p.tanggal:%d/%m/%Y}.",
            persen=SERATUS,
            bukti=bukti,
        )
    terakhir = JalannyaReviu.objects.filter(opd=k.opd, tahun=k.tahun).order_by("-waktu").first()
    if terakhir is None:
        return Temuan(f"Reviu LKjIP {k.tahun} belum pernah dijalankan di sakip.", jawaban="T")
    return Temuan(
        f"Pemeriksaan otomatis dijalankan {terakhir.waktu:%d/%m/%Y}, tetapi Pernyataan Telah Direviu "
        "belum ditandatangani Inspektorat.",
        jawaban="T",
        bukti=bukti,
    )


def reviu_bersih(k: KonteksEvaluasi) -> Temuan:
    if not JalannyaReviu.objects.filter(opd=k.opd, tahun=k.tahun).exists():
        return Temuan("Reviu belum dijalankan, sehingga mutu laporan belum diperiksa.", jawaban="E")
    terbuka = TemuanReviu.objects.filter(
        opd=k.opd, tahun=k.tahun, masih_berlaku=True, status=TemuanReviu.Status.TERBUKA
    )
    kritis = terbuka.filter(tingkat=KRITIS).count()
    peringatan = terbuka.filter(tingkat=PERINGATAN).count()
    bukti = (Tautan("Reviu", k.url("reviu")),)
    if kritis == 0:
        jawab = "A" if peringatan == 0 else "B"
    else:
        jawab = "C" if kritis <= 2 else "D" if kritis <= 5 else "E"
    return Temuan(
        f"Temuan reviu yang masih terbuka: {kritis} kritis, {peringatan} peringatan.",
        jawaban=jawab,
        bukti=bukti,
    )


def target_jangka_menengah(k: KonteksEvaluasi) -> Temuan:
    iku = [b.indikator for b in k.baris_iku]
    if not iku:
        return Temuan("Belum ada IKU untuk tahun ini.", jawaban="E")
    kurang = [i.nama for i in iku if i.kondisi_akhir is None]
    alasan = f"{len(iku) - len(kurang)} dari {len(iku)} IKU memiliki target akhir Renstra"
    if kurang:
        alasan += f"; belum: {_daftar(kurang)}"
    return Temuan(alasan + ".", persen=_bagian(len(iku) - len(kurang), len(iku)))


def realisasi_tahun_lalu(k: KonteksEvaluasi) -> Temuan:
    iku = [b.indikator for b in k.baris_iku]
    if not iku:
        return Temuan("Belum ada IKU untuk tahun ini.", jawaban="E")
    lalu = k.realisasi_tahun(k.tahun - 1)
    kurang = [i.nama for i in iku if i.pk not in lalu]
    alasan = f"{len(iku) - len(kurang)} dari {len(iku)} IKU memiliki realisasi tahun {k.tahun - 1} sebagai pembanding"
    if kurang:
        alasan += f"; belum: {_daftar(kurang)}"
    return Temuan(alasan + ".", persen=_bagian(len(iku) - len(kurang), len(iku)))


def capaian_membaik(k: KonteksEvaluasi) -> Temuan | None:
    lalu = pengukuran(k.opd, k.tahun - 1)
    nilai_lalu = {b.indikator.pk: b.realisasi for b in lalu if b.realisasi is not None}
    pasangan = [
        (b, nilai_lalu[b.indikator.pk])
        for b in k.baris_iku
        if b.realisasi is not None and b.indikator.pk in nilai_lalu
    ]
    if not pasangan:
        return None
    membaik, memburuk = [], []
    for b, v in pasangan:
        pol = b.indikator.polaritas
        if pol == Polaritas.TURUN:
            baik = b.realisasi <= v
        elif pol == Polaritas.TETAP and b.target is not None:
            baik = abs(b.realisasi - b.target.bawah) <= abs(v - b.target.bawah)
        else:
            baik = b.realisasi >= v
        (membaik if baik else memburuk).append(
            f"{_nama(b)} ({format_angka(v)} → {format_angka(b.realisasi)})"
        )
    alasan = f"{len(membaik)} dari {len(pasangan)} IKU tetap atau membaik dari tahun {k.tahun - 1}"
    if memburuk:
        alasan += f"; memburuk: {_daftar(memburuk)}"
    return Temuan(alasan + ".", persen=_bagian(len(membaik), len(pasangan)))


def rekomendasi_ditindaklanjuti(k: KonteksEvaluasi) -> Temuan | None:
    from .models import Evaluasi

    lalu = (
        Evaluasi.objects.filter(opd=k.opd, tahun=k.tahun - 1, status=StatusAlur.DISETUJUI)
        .order_by("-versi")
        .first()
    )
    return tindak_lanjut_evaluasi(
        lalu, f"Evaluasi {k.tahun - 1}", tautan.ke("evaluasi", slug=k.opd.slug, tahun=k.tahun - 1)
    )


def tindak_lanjut_evaluasi(lalu, nama: str, url: str) -> Temuan | None:
    """Bagian rekomendasi evaluasi ``lalu`` (final) yang selesai ditindaklanjuti; None tanpa evaluasi."""
    from .models import Rekomendasi

    if lalu is None:
        return None
    rek = list(Rekomendasi.objects.filter(evaluasi=lalu))
    if not rek:
        return Temuan(f"{nama} tidak memuat rekomendasi.", persen=SERATUS)
    selesai = [r for r in rek if r.status == Rekomendasi.Status.SELESAI]
    belum = [r.teks[:60] for r in rek if r.status == Rekomendasi.Status.BELUM]
    alasan = f"{len(selesai)} dari {len(rek)} rekomendasi {nama[0].lower()}{nama[1:]} selesai ditindaklanjuti"
    if belum:
        alasan += f"; belum ditanggapi: {_daftar(belum)}"
    return Temuan(alasan + ".", persen=_bagian(len(selesai), len(rek)), bukti=(Tautan(nama, url),))
