"""Pemeriksaan otomatis LKE: jawaban yang diusulkan dari data sakip, dengan alasan dan tautannya.

Setiap pemeriksaan adalah data bernama (:data:`CEK`): kode (dipakai kolom ``cek`` templat), nama,
dan fungsi atas :class:`KonteksEvaluasi` yang mengembalikan :class:`Temuan` — bagian yang memenuhi
(persen) atau jawaban langsung, alasannya dalam bahasa Indonesia, dan tautan ke halaman/dokumen
buktinya — atau ``None`` bila data sakip tidak cukup untuk mengusulkan jawaban (evaluator menilai).
Persen diubah menjadi jawaban oleh templat (:meth:`Templat.jawaban_dari_persen`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from sakip.core.lke import SKALA_BAKU, Kriteria, Templat
from sakip.organisations.models import Pemda, PerangkatDaerah

from .cek_konteks import SERATUS, KonteksEvaluasi, Temuan, Usulan, _batas
from .cek_pelaporan import (
    capaian_membaik,
    lkjip_disetujui,
    lkjip_disusun,
    lkjip_tepat_waktu,
    realisasi_tahun_lalu,
    rekomendasi_ditindaklanjuti,
    reviu_bersih,
    reviu_dijalankan,
    target_jangka_menengah,
)
from .cek_pemda import CEK_PEMDA, KonteksPemda
from .cek_pengukuran import (
    bukti_dukung,
    capaian_iku,
    capaian_terhitung,
    definisi_operasional,
    realisasi_anggaran,
    realisasi_berjenjang,
    realisasi_disetujui,
    realisasi_terisi,
)
from .cek_perencanaan import (
    anggaran_ada,
    pk_ada,
    pk_berjenjang,
    pk_disetujui,
    pk_tepat_waktu,
    rencana_aksi_ada,
    renstra_ada,
    selaras_rpjmd,
    target_tahunan,
)


@dataclass(frozen=True)
class Cek:
    kode: str
    nama: str
    fungsi: Callable
    berparameter: bool = False
    jenis: tuple[str, ...] = field(default=("yt", "ae"))


CEK: dict[str, Cek] = {
    c.kode: c
    for c in (
        Cek(
            "renstra_ada",
            "Renstra yang mencakup tahun ini beserta sasaran dan indikatornya",
            renstra_ada,
        ),
        Cek("pk_ada", "Perjanjian Kinerja Kepala OPD tersusun", pk_ada),
        Cek("pk_disetujui", "Perjanjian Kinerja disetujui", pk_disetujui, jenis=("ae",)),
        Cek(
            "pk_tepat_waktu",
            "Perjanjian Kinerja ditetapkan tepat waktu",
            pk_tepat_waktu,
            True,
            ("ae",),
        ),
        Cek(
            "rencana_aksi_ada",
            "Rencana Aksi (target triwulan) untuk setiap indikator PK",
            rencana_aksi_ada,
        ),
        Cek("anggaran_ada", "Pagu anggaran tercatat", anggaran_ada),
        Cek("pk_berjenjang", "PK berjenjang untuk setiap jabatan (cascading)", pk_berjenjang),
        Cek("target_tahunan", "Setiap indikator sasaran memiliki target tahunan", target_tahunan),
        Cek(
            "selaras_rpjmd",
            "Sasaran Renstra tertaut ke sasaran RPJMD (crosscutting)",
            selaras_rpjmd,
        ),
        Cek("capaian_iku", "IKU mencapai target", capaian_iku),
        Cek("realisasi_terisi", "Realisasi setiap triwulan tercatat", realisasi_terisi),
        Cek(
            "realisasi_disetujui",
            "Realisasi setiap triwulan disetujui Kepala OPD",
            realisasi_disetujui,
        ),
        Cek("realisasi_berjenjang", "Realisasi tercatat sampai sub kegiatan", realisasi_berjenjang),
        Cek("capaian_terhitung", "Capaian IKU dapat dihitung dari data", capaian_terhitung),
        Cek("definisi_operasional", "IKU memiliki formula dan sumber data", definisi_operasional),
        Cek("bukti_dukung", "Realisasi IKU disertai bukti dukung", bukti_dukung),
        Cek("realisasi_anggaran", "Realisasi anggaran tercatat", realisasi_anggaran),
        Cek("lkjip_disusun", "LKjIP disusun", lkjip_disusun),
        Cek("lkjip_disetujui", "LKjIP disetujui Kepala OPD", lkjip_disetujui),
        Cek("lkjip_tepat_waktu", "LKjIP disetujui tepat waktu", lkjip_tepat_waktu, True, ("yt",)),
        Cek("reviu_dijalankan", "Reviu LKjIP dijalankan", reviu_dijalankan),
        Cek(
            "reviu_bersih",
            "Tidak ada temuan reviu kritis yang terbuka",
            reviu_bersih,
            jenis=("ae",),
        ),
        Cek("target_jangka_menengah", "IKU memiliki target akhir Renstra", target_jangka_menengah),
        Cek("realisasi_tahun_lalu", "IKU memiliki realisasi tahun lalu", realisasi_tahun_lalu),
        Cek("capaian_membaik", "IKU tetap atau membaik dari tahun lalu", capaian_membaik),
        Cek(
            "rekomendasi_ditindaklanjuti",
            "Rekomendasi evaluasi tahun lalu ditindaklanjuti",
            rekomendasi_ditindaklanjuti,
        ),
    )
}


def periksa_templat(templat: Templat) -> list[str]:
    """Masalah antara templat dan daftar pemeriksaan: nama tak dikenal, jenis jawaban tak cocok."""
    galat = []
    for _, _, kr in templat.semua_kriteria():
        if not kr.cek:
            continue
        cek = CEK.get(kr.cek)
        if cek is None:
            galat.append(f"kriteria {kr.kode}: pemeriksaan otomatis '{kr.cek}' tidak dikenal")
        elif cek.berparameter and "batas" in kr.parameter:
            try:
                _batas(kr.parameter, 2024)
            except (TypeError, ValueError):
                galat.append(
                    f"kriteria {kr.kode}: parameter batas '{kr.parameter['batas']}' harus BB-HH, mis. 02-28"
                )
    return galat


def jalankan_cek(templat: Templat, kr: Kriteria, konteks: KonteksEvaluasi) -> Usulan | None:
    cek = CEK.get(kr.cek) if kr.cek else None
    if cek is None:
        return None
    t = cek.fungsi(konteks, kr.parameter) if cek.berparameter else cek.fungsi(konteks)
    return _usulan(templat, kr, cek, t)


def _usulan(templat: Templat, kr: Kriteria, cek: Cek, t: Temuan | None) -> Usulan | None:
    """Temuan pemeriksaan → jawaban dalam skala kriteria templat."""
    if t is None:
        return None
    if t.jawaban is not None:
        jawab = t.jawaban
        if kr.jawaban not in cek.jenis or jawab not in templat.skala[kr.jawaban]:
            # templat memakai skala lain (mis. AA–E): jawaban pemeriksaan (Y/T, A–E baku) menjadi
            # persen memenuhi, lalu jawaban skala templat menurut ambangnya
            baku = {**SKALA_BAKU["ae"], **SKALA_BAKU["yt"]}
            jawab = templat.jawaban_dari_persen(kr, baku.get(jawab, Decimal(0)) * SERATUS)
    else:
        jawab = templat.jawaban_dari_persen(kr, t.persen)
    return Usulan(jawab, t.alasan, cek.kode, t.bukti)


def usulan_otomatis(
    templat: Templat, opd: PerangkatDaerah, tahun: int, hari_ini: datetime.date | None = None
) -> dict[str, Usulan]:
    """Usulan setiap kriteria yang berpemeriksaan dan yang datanya cukup."""
    konteks = KonteksEvaluasi(opd, tahun, hari_ini)
    out = {}
    for _, _, kr in templat.semua_kriteria():
        u = jalankan_cek(templat, kr, konteks)
        if u is not None:
            out[kr.kode] = u
    return out


def usulan_otomatis_pemda(
    templat: Templat, pemda: Pemda, tahun: int, hari_ini: datetime.date | None = None
) -> dict[str, Usulan]:
    """Usulan evaluasi Pemda itu sendiri: pemeriksaan tingkat Pemda (:mod:`.cek_pemda`) untuk
    kriteria yang kodenya punya padanan Pemda; yang lain dinilai evaluator."""
    konteks = KonteksPemda(pemda, tahun, hari_ini)
    out = {}
    for _, _, kr in templat.semua_kriteria():
        fungsi = CEK_PEMDA.get(kr.cek) if kr.cek else None
        if fungsi is None:
            continue
        u = _usulan(templat, kr, CEK[kr.cek], fungsi(konteks))
        if u is not None:
            out[kr.kode] = u
    return out
