"""Pemeriksaan otomatis LKE untuk evaluasi Pemda itu sendiri (PermenPAN-RB 88/2021: Pemda dievaluasi
Kementerian PANRB). Kode pemeriksaan sama dengan templat OPD (kolom ``cek``); yang dibaca adalah data
Pemda: RPJMD/RPD dan indikator kinerja utama daerah, PK Kepala Daerah (dari pohon kinerja), dan
keadaan seluruh OPD-nya (PK, realisasi, LKjIP, reviu, evaluasi). Kode yang tidak punya padanan
tingkat Pemda tidak diusulkan: evaluator yang menilai."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import cached_property

from sakip import tautan
from sakip.core.numbers import format_angka
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.planning.models import PerjanjianKinerja, Sasaran, Tujuan
from sakip.reporting.models import PersetujuanLkjip
from sakip.reporting.pohon import PohonPemda, bangun_pohon
from sakip.review.models import PernyataanReviu
from sakip.rpjmd.models import RPJMD, IndikatorRPJMD, SasaranRPJMD
from sakip.rpjmd.services import rpjmd_berlaku
from sakip.workflow.models import StatusAlur

from .cek_konteks import SERATUS, Tautan, Temuan, _bagian, _daftar


class KonteksPemda:
    """Data satu Pemda-tahun yang dibaca pemeriksaan, masing-masing sekali."""

    def __init__(self, pemda: Pemda, tahun: int, hari_ini: datetime.date | None = None):
        self.pemda, self.tahun = pemda, tahun
        self.hari_ini = hari_ini or datetime.date.today()

    def url(self, nama: str, **kw) -> str:
        return tautan.ke(nama, slug=self.pemda.slug, tahun=self.tahun, **kw)

    @cached_property
    def rpjmd(self) -> RPJMD | None:
        return rpjmd_berlaku(self.pemda, self.tahun)

    @cached_property
    def indikator(self) -> list[IndikatorRPJMD]:
        """Indikator kinerja utama daerah (IKU Pemda) RPJMD yang berlaku."""
        if self.rpjmd is None:
            return []
        return list(
            IndikatorRPJMD.objects.filter(rpjmd=self.rpjmd, iku=True).prefetch_related("target")
        )

    @cached_property
    def opd(self) -> list[PerangkatDaerah]:
        return list(PerangkatDaerah.objects.filter(pemda=self.pemda).order_by("nama"))

    @cached_property
    def pohon(self) -> PohonPemda:
        return bangun_pohon(self.pemda, self.tahun)

    def bukti_rpjmd(self) -> tuple[Tautan, ...]:
        r = self.rpjmd
        return (Tautan(f"RPJMD {r.tahun_awal}–{r.tahun_akhir}", self.url("rpjmd")),) if r else ()

    def opd_tanpa(self, ada: set[int]) -> tuple[int, list[str]]:
        """(berapa OPD yang memenuhi, nama OPD yang belum)."""
        belum = [o.singkatan or o.nama for o in self.opd if o.pk not in ada]
        return len(self.opd) - len(belum), belum


def _tanpa_rpjmd(k: KonteksPemda) -> Temuan:
    return Temuan(
        f"{k.pemda.nama} belum punya RPJMD/RPD yang mencakup tahun {k.tahun}.", jawaban="T"
    )


def rpjmd_ada(k: KonteksPemda) -> Temuan:
    if k.rpjmd is None:
        return _tanpa_rpjmd(k)
    r = k.rpjmd
    sasaran = SasaranRPJMD.objects.filter(tujuan__rpjmd=r).count()
    if not k.indikator:
        return Temuan(
            f"RPJMD {r.tahun_awal}–{r.tahun_akhir} tercatat tetapi belum memuat indikator "
            "kinerja utama daerah.",
            jawaban="T",
            bukti=k.bukti_rpjmd(),
        )
    teks_sasaran = f"{sasaran} sasaran dan " if sasaran else ""
    return Temuan(
        f"RPJMD {r.tahun_awal}–{r.tahun_akhir} tercatat dengan {teks_sasaran}"
        f"{len(k.indikator)} indikator kinerja utama daerah.",
        persen=SERATUS,
        bukti=k.bukti_rpjmd(),
    )


def _ada_target(k: KonteksPemda, tahun: int, kata: str) -> Temuan:
    if k.rpjmd is None:
        return _tanpa_rpjmd(k)
    if not k.indikator:
        return Temuan("RPJMD belum memuat indikator kinerja utama daerah.", jawaban="T")
    tanpa = [i.nama for i in k.indikator if not any(t.tahun == tahun for t in i.target.all())]
    ya = len(k.indikator) - len(tanpa)
    alasan = f"{ya} dari {len(k.indikator)} indikator kinerja utama daerah memiliki {kata}"
    if tanpa:
        alasan += f"; belum: {_daftar(tanpa)}"
    return Temuan(alasan + ".", persen=_bagian(ya, len(k.indikator)), bukti=k.bukti_rpjmd())


def target_tahunan(k: KonteksPemda) -> Temuan:
    return _ada_target(k, k.tahun, f"target tahun {k.tahun}")


def target_jangka_menengah(k: KonteksPemda) -> Temuan:
    akhir = k.rpjmd.tahun_akhir if k.rpjmd else k.tahun
    return _ada_target(k, akhir, f"target akhir RPJMD ({akhir})")


def pk_kepala_daerah(k: KonteksPemda) -> Temuan:
    """PK Kepala Daerah tersusun dari data: indikator dan target RPJMD tahun itu (pohon kinerja)."""
    if k.rpjmd is None:
        return _tanpa_rpjmd(k)
    bertarget = [i for i in k.indikator if any(t.tahun == k.tahun for t in i.target.all())]
    if not bertarget:
        return Temuan(
            f"Perjanjian Kinerja Kepala Daerah {k.tahun} belum dapat disusun: belum ada indikator "
            f"kinerja utama daerah yang bertarget tahun {k.tahun}.",
            jawaban="T",
        )
    return Temuan(
        f"Perjanjian Kinerja Kepala Daerah {k.tahun} tersusun dengan {len(bertarget)} indikator "
        "kinerja utama daerah beserta targetnya.",
        persen=SERATUS,
        bukti=(Tautan("Perjanjian Kinerja Kepala Daerah", k.url("rpjmd")),),
    )


def pk_opd(k: KonteksPemda) -> Temuan:
    """Berjenjang: setiap OPD punya PK Kepala OPD yang disetujui untuk tahun itu."""
    ada = set(
        PerjanjianKinerja.objects.filter(
            opd__pemda=k.pemda, tahun=k.tahun, jabatan__isnull=True, status=StatusAlur.DISETUJUI
        ).values_list("opd_id", flat=True)
    )
    ya, belum = k.opd_tanpa(ada)
    alasan = f"{ya} dari {len(k.opd)} OPD memiliki PK Kepala OPD {k.tahun} yang disetujui"
    if belum:
        alasan += f"; belum: {_daftar(belum)}"
    return Temuan(alasan + ".", persen=_bagian(ya, len(k.opd)))


def selaras_rpjmd(k: KonteksPemda) -> Temuan:
    """Setiap OPD menautkan tujuan/sasaran Renstra-nya ke sasaran RPJMD (cascading Pemda → OPD),
    seperti pohon kinerja Pemda membacanya."""
    berlaku = {
        "renstra__opd__pemda": k.pemda,
        "renstra__tahun_awal__lte": k.tahun,
        "renstra__tahun_akhir__gte": k.tahun,
    }
    ada = set(
        Tujuan.objects.filter(sasaran_rpjmd__isnull=False, **berlaku).values_list(
            "renstra__opd_id", flat=True
        )
    ) | set(
        Sasaran.objects.filter(
            sasaran_rpjmd__isnull=False, **{f"tujuan__{k_}": v for k_, v in berlaku.items()}
        ).values_list("tujuan__renstra__opd_id", flat=True)
    )
    ya, belum = k.opd_tanpa(ada)
    alasan = f"{ya} dari {len(k.opd)} OPD menautkan tujuan/sasaran Renstra ke sasaran RPJMD"
    if belum:
        alasan += f"; belum: {_daftar(belum)}"
    return Temuan(alasan + ".", persen=_bagian(ya, len(k.opd)), bukti=k.bukti_rpjmd())


def _terukur(pohon: PohonPemda) -> tuple[list[str], list[str]]:
    """(IKU daerah yang berealisasi, yang belum) menurut pohon kinerja: realisasi daerah (BPS dsb.)
    atau himpunan realisasi OPD yang mendukungnya — sumber yang sama dengan LKjIP Pemda."""
    ada, belum = [], []
    for i, b in pohon.indikator_rpjmd:
        if i.iku:
            (ada if b.realisasi is not None else belum).append(i.nama)
    return ada, belum


def realisasi_daerah(k: KonteksPemda) -> Temuan:
    if k.rpjmd is None:
        return _tanpa_rpjmd(k)
    ada, belum = _terukur(k.pohon)
    if not ada and not belum:
        return Temuan("RPJMD belum memuat indikator kinerja utama daerah.", jawaban="T")
    n = len(ada) + len(belum)
    alasan = f"{len(ada)} dari {n} indikator kinerja utama daerah memiliki realisasi {k.tahun}"
    if belum:
        alasan += f"; belum: {_daftar(belum)}"
    return Temuan(alasan + ".", persen=_bagian(len(ada), n), bukti=k.bukti_rpjmd())


def capaian_iku_daerah(k: KonteksPemda) -> Temuan | None:
    """IKU daerah yang mencapai target (capaian ≥ 100%), dihitung seperti LKjIP Pemda."""
    terhitung = [(i, b) for i, b in k.pohon.indikator_rpjmd if i.iku and b.capaian.dapat_dihitung]
    if not terhitung:
        return None
    tercapai = [i for i, b in terhitung if b.capaian.nilai is not None and b.capaian.nilai >= 100]
    belum = [
        f"{i.nama} ({format_angka(b.capaian.dibulatkan(2), 2)}%)"
        for i, b in terhitung
        if i not in tercapai
    ]
    alasan = f"{len(tercapai)} dari {len(terhitung)} indikator kinerja utama daerah mencapai target"
    if belum:
        alasan += f"; belum: {_daftar(belum)}"
    return Temuan(
        alasan + ".",
        persen=_bagian(len(tercapai), len(terhitung)),
        bukti=(Tautan("Capaian IKU daerah", k.url("rpjmd")),),
    )


def realisasi_tahun_lalu(k: KonteksPemda) -> Temuan:
    if k.rpjmd is None:
        return _tanpa_rpjmd(k)
    ada, belum = _terukur(bangun_pohon(k.pemda, k.tahun - 1))
    # kondisi awal RPJMD tahun itu juga pembanding yang sah
    awal = {i.nama for i in k.indikator if i.kondisi_awal_tahun == k.tahun - 1}
    ya = len(set(ada) | (awal & set(belum)))
    n = len(ada) + len(belum) or len(k.indikator)
    if not n:
        return Temuan("RPJMD belum memuat indikator kinerja utama daerah.", jawaban="T")
    return Temuan(
        f"{ya} dari {n} indikator kinerja utama daerah memiliki realisasi {k.tahun - 1} sebagai "
        "pembanding.",
        persen=_bagian(ya, n),
    )


def _opd_lkjip(k: KonteksPemda, status: str | None, kata: str) -> Temuan:
    qs = PersetujuanLkjip.objects.filter(opd__pemda=k.pemda, tahun=k.tahun)
    if status:
        qs = qs.filter(status=status)
    ya, belum = k.opd_tanpa(set(qs.values_list("opd_id", flat=True)))
    alasan = f"{ya} dari {len(k.opd)} OPD {kata} LKjIP {k.tahun} (bahan LKjIP Pemda)"
    if belum:
        alasan += f"; belum: {_daftar(belum)}"
    return Temuan(alasan + ".", persen=_bagian(ya, len(k.opd)))


def lkjip_opd_disusun(k: KonteksPemda) -> Temuan:
    return _opd_lkjip(k, None, "telah menyusun")


def lkjip_opd_disetujui(k: KonteksPemda) -> Temuan:
    return _opd_lkjip(k, StatusAlur.DISETUJUI, "telah menyetujui")


def reviu_opd(k: KonteksPemda) -> Temuan:
    """Inspektorat mereviu LKjIP setiap OPD (Pernyataan Telah Direviu ditandatangani)."""
    ada = set(
        PernyataanReviu.objects.filter(opd__pemda=k.pemda, tahun=k.tahun).values_list(
            "opd_id", flat=True
        )
    )
    ya, belum = k.opd_tanpa(ada)
    alasan = (
        f"Pernyataan Telah Direviu LKjIP {k.tahun} ditandatangani Inspektorat untuk {ya} dari "
        f"{len(k.opd)} OPD"
    )
    if belum:
        alasan += f"; belum: {_daftar(belum)}"
    return Temuan(alasan + ".", persen=_bagian(ya, len(k.opd)))


def rekomendasi_pemda(k: KonteksPemda) -> Temuan | None:
    from .cek_pelaporan import tindak_lanjut_evaluasi
    from .models import Evaluasi

    lalu = (
        Evaluasi.objects.filter(
            pemda=k.pemda, opd__isnull=True, tahun=k.tahun - 1, status=StatusAlur.DISETUJUI
        )
        .order_by("-versi")
        .first()
    )
    url = tautan.ke("evaluasi_lke_pemda", slug=k.pemda.slug, tahun=k.tahun - 1)
    return tindak_lanjut_evaluasi(lalu, f"Evaluasi Pemda {k.tahun - 1}", url)


# kode pemeriksaan templat (sama dengan OPD) → pemeriksaan tingkat Pemda
CEK_PEMDA: dict[str, Callable[[KonteksPemda], Temuan | None]] = {
    "renstra_ada": rpjmd_ada,
    "target_tahunan": target_tahunan,
    "target_jangka_menengah": target_jangka_menengah,
    "pk_ada": pk_kepala_daerah,
    "pk_berjenjang": pk_opd,
    "selaras_rpjmd": selaras_rpjmd,
    "realisasi_terisi": realisasi_daerah,
    "capaian_iku": capaian_iku_daerah,
    "realisasi_tahun_lalu": realisasi_tahun_lalu,
    "lkjip_disusun": lkjip_opd_disusun,
    "lkjip_disetujui": lkjip_opd_disetujui,
    "reviu_dijalankan": reviu_opd,
    "rekomendasi_ditindaklanjuti": rekomendasi_pemda,
}
