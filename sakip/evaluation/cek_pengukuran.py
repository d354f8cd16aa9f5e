"""Pemeriksaan LKE komponen pengukuran: capaian IKU, realisasi terisi, disetujui dan berjenjang,
capaian terhitung, definisi operasional, bukti dukung, realisasi anggaran."""

from __future__ import annotations

from sakip.budget.models import Anggaran
from sakip.core.numbers import format_persen, format_rupiah
from sakip.measurement.models import BuktiDukung
from sakip.workflow.models import StatusAlur

from .cek_konteks import SERATUS, KonteksEvaluasi, Tautan, Temuan, _bagian, _daftar, _nama


def capaian_iku(k: KonteksEvaluasi) -> Temuan:
    rows = [b for b in k.baris_iku if b.target is not None]
    if not rows:
        return Temuan("Belum ada IKU dengan target tahun ini.", jawaban="E")
    tercapai = [b for b in rows if b.capaian.nilai is not None and b.capaian.nilai >= SERATUS]
    tanpa = [_nama(b) for b in rows if b.realisasi is None]
    kurang = [
        f"{_nama(b)} ({format_persen(b.capaian.nilai)})"
        for b in rows
        if b.capaian.nilai is not None and b.capaian.nilai < SERATUS
    ]
    alasan = f"{len(tercapai)} dari {len(rows)} IKU mencapai target (capaian ≥ 100%)"
    if kurang:
        alasan += f"; di bawah target: {_daftar(kurang)}"
    if tanpa:
        alasan += f"; punya target tetapi tanpa realisasi: {_daftar(tanpa)}"
    return Temuan(
        alasan + ".",
        persen=_bagian(len(tercapai), len(rows)),
        bukti=(Tautan("Pengukuran kinerja", k.url("unduh", jenis="pengukuran", fmt="pdf")),),
    )


def realisasi_terisi(k: KonteksEvaluasi) -> Temuan | None:
    tw = k.triwulan_jatuh_tempo
    if not tw:
        return None
    ind = [b.indikator for b in k.baris if b.target is not None]
    if not ind:
        return Temuan("Belum ada indikator dengan target tahun ini.", jawaban="E")
    terisi = []
    for n in tw:
        ada = sum(
            1 for i in ind if any(r.periode == f"tw{n}" for r in k.realisasi_ini.get(i.pk, []))
        )
        if ada == len(ind):
            terisi.append(n)
    tahunan = sum(
        1 for i in ind if any(r.periode == "tahunan" for r in k.realisasi_ini.get(i.pk, []))
    )
    alasan = (
        f"Realisasi seluruh {len(ind)} indikator tercatat pada {len(terisi)} dari {len(tw)} "
        "triwulan yang sudah berakhir"
    )
    if tahunan and len(terisi) < len(tw):
        alasan += f"; {tahunan} indikator hanya memiliki realisasi tahunan"
    return Temuan(
        alasan + ".",
        persen=_bagian(len(terisi), len(tw)),
        bukti=tuple(Tautan(f"Realisasi TW {n}", k.url("realisasi", tw=n)) for n in tw),
    )


def realisasi_disetujui(k: KonteksEvaluasi) -> Temuan | None:
    tw = k.triwulan_jatuh_tempo
    if not tw:
        return None
    ok = [n for n in tw if k.persetujuan_triwulan.get(n) == StatusAlur.DISETUJUI]
    belum = [f"TW {n}" for n in tw if n not in ok]
    alasan = f"Realisasi {len(ok)} dari {len(tw)} triwulan disetujui Kepala OPD"
    if belum:
        alasan += f"; belum: {', '.join(belum)}"
    return Temuan(
        alasan + ".",
        persen=_bagian(len(ok), len(tw)),
        bukti=tuple(Tautan(f"Realisasi TW {n}", k.url("realisasi", tw=n)) for n in tw),
    )


def realisasi_berjenjang(k: KonteksEvaluasi) -> Temuan | None:
    rows = [
        b
        for b in k.baris
        if b.target is not None and b.indikator.tingkat in ("program", "kegiatan", "sub_kegiatan")
    ]
    if not rows:
        return None
    ada = [b for b in rows if b.realisasi is not None]
    alasan = (
        f"{len(ada)} dari {len(rows)} indikator program, kegiatan dan sub kegiatan yang bertarget "
        "memiliki realisasi"
    )
    return Temuan(
        alasan + ".",
        persen=_bagian(len(ada), len(rows)),
        bukti=(Tautan("Pohon kinerja", k.url("pohon_opd")),),
    )


def capaian_terhitung(k: KonteksEvaluasi) -> Temuan:
    rows = [b for b in k.baris_iku if b.target is not None]
    if not rows:
        return Temuan("Belum ada IKU dengan target tahun ini.", jawaban="E")
    ada = [b for b in rows if b.capaian.nilai is not None]
    kurang = [f"{_nama(b)} ({b.capaian.alasan or 'tanpa realisasi'})" for b in rows if b not in ada]
    alasan = f"Capaian {len(ada)} dari {len(rows)} IKU dihitung sakip dari target dan realisasinya"
    if kurang:
        alasan += f"; tidak dapat dihitung: {_daftar(kurang)}"
    return Temuan(
        alasan + ".",
        persen=_bagian(len(ada), len(rows)),
        bukti=(Tautan("LKjIP", k.url("unduh", jenis="lkjip", fmt="pdf")),),
    )


def definisi_operasional(k: KonteksEvaluasi) -> Temuan:
    iku = [b.indikator for b in k.baris_iku]
    if not iku:
        return Temuan("Belum ada IKU untuk tahun ini.", jawaban="T")
    kurang = []
    for i in iku:
        hilang = []
        if not (i.formula.strip() or i.is_rumus):
            hilang.append("formula")
        if not i.sumber_data.strip():
            hilang.append("sumber data")
        if hilang:
            kurang.append(f"{i.nama} (tanpa {' dan '.join(hilang)})")
    alasan = f"{len(iku) - len(kurang)} dari {len(iku)} IKU memiliki formula dan sumber data"
    if kurang:
        alasan += f"; belum: {_daftar(kurang)}"
    return Temuan(
        alasan + ".",
        persen=_bagian(len(iku) - len(kurang), len(iku)),
        bukti=(Tautan("Renstra dan IKU", k.url("renstra")),),
    )


def bukti_dukung(k: KonteksEvaluasi) -> Temuan:
    iku = [b.indikator for b in k.baris_iku if b.realisasi is not None]
    if not iku:
        return Temuan("Belum ada realisasi IKU tahun ini.", jawaban="T")
    punya = set(
        BuktiDukung.objects.filter(
            realisasi__indikator__in=iku, realisasi__tahun=k.tahun, diganti_oleh__isnull=True
        ).values_list("realisasi__indikator_id", flat=True)
    )
    punya |= {i.pk for i in iku if any(r.bukti.strip() for r in k.realisasi_ini.get(i.pk, []))}
    kurang = [i.nama for i in iku if i.pk not in punya]
    alasan = f"Realisasi {len(iku) - len(kurang)} dari {len(iku)} IKU disertai bukti dukung"
    if kurang:
        alasan += f"; tanpa bukti: {_daftar(kurang)}"
    return Temuan(alasan + ".", persen=_bagian(len(iku) - len(kurang), len(iku)))


def realisasi_anggaran(k: KonteksEvaluasi) -> Temuan | None:
    rows = list(Anggaran.objects.filter(opd=k.opd, tahun=k.tahun, pagu__gt=0))
    if not rows:
        return None
    ada = [r for r in rows if r.realisasi]
    pagu = sum(r.pagu for r in ada)
    real = sum(r.realisasi for r in ada)
    alasan = f"Realisasi anggaran tercatat pada {len(ada)} dari {len(rows)} baris pagu"
    if ada and pagu:
        alasan += (
            f"; serapan {format_persen(real * SERATUS / pagu)} "
            f"({format_rupiah(real)} dari {format_rupiah(pagu)})"
        )
    return Temuan(
        alasan + ".",
        persen=_bagian(len(ada), len(rows)),
        bukti=(Tautan("Anggaran", k.url("anggaran")),),
    )
