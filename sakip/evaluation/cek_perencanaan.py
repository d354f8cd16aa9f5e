"""Pemeriksaan LKE komponen perencanaan: Renstra, PK (ada, disetujui, tepat waktu, berjenjang),
Rencana Aksi, anggaran, target tahunan dan keselarasan dengan RPJMD."""

from __future__ import annotations

from sakip.budget.models import Anggaran
from sakip.core.numbers import format_rupiah
from sakip.organisations.models import Jabatan
from sakip.planning.models import Indikator, PerjanjianKinerja, RencanaAksi, Sasaran
from sakip.rpjmd.services import rpjmd_berlaku
from sakip.workflow.models import StatusAlur

from .cek_konteks import (
    SERATUS,
    KonteksEvaluasi,
    Tautan,
    Temuan,
    _bagian,
    _batas,
    _daftar,
    _tepat_waktu,
)


def renstra_ada(k: KonteksEvaluasi) -> Temuan:
    r = k.renstra
    if r is None:
        return Temuan(f"Tidak ada Renstra yang mencakup tahun {k.tahun}.", jawaban="T")
    sasaran = Sasaran.objects.filter(tujuan__renstra=r).count()
    indikator = Indikator.objects.filter(opd=k.opd, sasaran__tujuan__renstra=r).count()
    bukti = (Tautan(f"Renstra {r.tahun_awal}–{r.tahun_akhir}", k.url("renstra")),)
    if not sasaran or not indikator:
        return Temuan(
            f"Renstra {r.tahun_awal}–{r.tahun_akhir} tercatat tetapi belum memuat sasaran "
            "beserta indikatornya.",
            jawaban="T",
            bukti=bukti,
        )
    return Temuan(
        f"Renstra {r.tahun_awal}–{r.tahun_akhir} tercatat dengan {sasaran} sasaran dan "
        f"{indikator} indikator sasaran.",
        persen=SERATUS,
        bukti=bukti,
    )


def _pk_bukti(k: KonteksEvaluasi) -> tuple[Tautan, ...]:
    return (Tautan("Perjanjian Kinerja", k.url("renstra")),)


def pk_ada(k: KonteksEvaluasi) -> Temuan:
    if k.pk is None:
        return Temuan(
            f"Perjanjian Kinerja Kepala OPD tahun {k.tahun} belum disusun di sakip.", jawaban="T"
        )
    n = k.pk.indikator.count()
    if not n:
        return Temuan(f"{k.pk} belum memuat indikator.", jawaban="T", bukti=_pk_bukti(k))
    return Temuan(f"{k.pk} tercatat dengan {n} indikator.", persen=SERATUS, bukti=_pk_bukti(k))


def pk_disetujui(k: KonteksEvaluasi) -> Temuan:
    if k.pk is None:
        return Temuan("Perjanjian Kinerja belum disusun.", jawaban="E")
    if k.pk.status == StatusAlur.DISETUJUI:
        return Temuan(f"{k.pk} disetujui Kepala OPD.", jawaban="A", bukti=_pk_bukti(k))
    if k.pk.status == StatusAlur.DIAJUKAN:
        return Temuan(f"{k.pk} diajukan tetapi belum disetujui.", jawaban="C", bukti=_pk_bukti(k))
    return Temuan(
        f"{k.pk} masih berstatus {k.pk.get_status_display().lower()}.",
        jawaban="E",
        bukti=_pk_bukti(k),
    )


def pk_tepat_waktu(k: KonteksEvaluasi, parameter) -> Temuan:
    return _tepat_waktu(
        "Perjanjian Kinerja", k.pk_murni_disetujui, _batas(parameter, k.tahun), _pk_bukti(k)
    )


def rencana_aksi_ada(k: KonteksEvaluasi) -> Temuan:
    if k.pk is None:
        return Temuan("Belum ada Perjanjian Kinerja, sehingga belum ada Rencana Aksi.", jawaban="T")
    items = list(k.pk.indikator.select_related("indikator"))
    ada = set(
        RencanaAksi.objects.filter(pk_indikator__in=items, target__isnull=False).values_list(
            "pk_indikator_id", flat=True
        )
    )
    kurang = [p.indikator.nama for p in items if p.pk not in ada]
    bukti = (Tautan("Rencana Aksi", k.url("unduh", jenis="rencana-aksi", fmt="pdf")),)
    if not items:
        return Temuan(f"{k.pk} belum memuat indikator.", jawaban="T")
    alasan = f"{len(items) - len(kurang)} dari {len(items)} indikator PK memiliki target triwulan"
    if kurang:
        alasan += f"; belum: {_daftar(kurang)}"
    return Temuan(alasan + ".", persen=_bagian(len(items) - len(kurang), len(items)), bukti=bukti)


def anggaran_ada(k: KonteksEvaluasi) -> Temuan:
    rows = Anggaran.objects.filter(opd=k.opd, tahun=k.tahun, pagu__gt=0)
    n = rows.count()
    bukti = (Tautan("Anggaran", k.url("anggaran")),)
    if not n:
        return Temuan(f"Pagu anggaran tahun {k.tahun} belum dicatat.", jawaban="T", bukti=bukti)
    total = sum(r.pagu for r in rows)
    return Temuan(
        f"Pagu anggaran tahun {k.tahun} tercatat pada {n} baris, jumlah {format_rupiah(total)}.",
        persen=SERATUS,
        bukti=bukti,
    )


def pk_berjenjang(k: KonteksEvaluasi) -> Temuan | None:
    jabatan = list(Jabatan.objects.filter(opd=k.opd).exclude(jenis=Jabatan.Jenis.KEPALA))
    if not jabatan:
        return None  # sakip tidak tahu struktur jabatannya: evaluator menilai
    punya = set(
        PerjanjianKinerja.objects.filter(
            opd=k.opd, tahun=k.tahun, jabatan__in=jabatan, status=StatusAlur.DISETUJUI
        ).values_list("jabatan_id", flat=True)
    )
    kurang = [j.nama for j in jabatan if j.pk not in punya]
    alasan = f"{len(jabatan) - len(kurang)} dari {len(jabatan)} jabatan di bawah Kepala OPD memiliki PK yang disetujui"
    if kurang:
        alasan += f"; belum: {_daftar(kurang)}"
    return Temuan(
        alasan + ".",
        persen=_bagian(len(jabatan) - len(kurang), len(jabatan)),
        bukti=(
            Tautan("PK per jabatan", k.url("jabatan")),
            Tautan("Pohon kinerja", k.url("pohon_opd")),
        ),
    )


def target_tahunan(k: KonteksEvaluasi) -> Temuan:
    semua = (
        list(Indikator.objects.filter(opd=k.opd).filter(sasaran__tujuan__renstra=k.renstra))
        if k.renstra
        else []
    )
    dengan_target = {b.indikator.pk for b in k.baris if b.target is not None}
    if not semua:
        return Temuan("Belum ada indikator sasaran Renstra.", jawaban="E")
    kurang = [i.nama for i in semua if i.pk not in dengan_target]
    alasan = f"{len(semua) - len(kurang)} dari {len(semua)} indikator sasaran memiliki target tahun {k.tahun}"
    if kurang:
        alasan += f"; tanpa target: {_daftar(kurang)}"
    return Temuan(
        alasan + ".",
        persen=_bagian(len(semua) - len(kurang), len(semua)),
        bukti=(Tautan("Target", k.url("target")),),
    )


def selaras_rpjmd(k: KonteksEvaluasi) -> Temuan | None:
    if rpjmd_berlaku(k.opd.pemda, k.tahun) is None or k.renstra is None:
        return None
    sasaran = list(Sasaran.objects.filter(tujuan__renstra=k.renstra))
    if not sasaran:
        return None
    kurang = [s.uraian for s in sasaran if s.sasaran_rpjmd_id is None]
    alasan = (
        f"{len(sasaran) - len(kurang)} dari {len(sasaran)} sasaran Renstra tertaut ke sasaran RPJMD"
    )
    if kurang:
        alasan += f"; belum: {_daftar(kurang)}"
    return Temuan(
        alasan + ".",
        persen=_bagian(len(sasaran) - len(kurang), len(sasaran)),
        bukti=(Tautan("Pohon kinerja", k.url("pohon_opd")),),
    )
