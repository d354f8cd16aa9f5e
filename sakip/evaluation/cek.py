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
from functools import cached_property

from sakip import tautan
from sakip.budget.models import Anggaran
from sakip.core.capaian import Polaritas
from sakip.core.lke import Kriteria, Templat
from sakip.core.numbers import format_angka, format_persen, format_rupiah
from sakip.measurement.models import BuktiDukung, PersetujuanRealisasi, Realisasi
from sakip.measurement.services import BarisPengukuran, pengukuran
from sakip.organisations.models import Jabatan, PerangkatDaerah
from sakip.planning.models import Indikator, PerjanjianKinerja, RencanaAksi, Renstra, Sasaran
from sakip.reporting.models import Narasi, PersetujuanLkjip
from sakip.review.models import JalannyaReviu, TemuanReviu
from sakip.review.rules.dasar import KRITIS, PERINGATAN
from sakip.rpjmd.services import rpjmd_berlaku
from sakip.workflow.models import StatusAlur

SERATUS = Decimal(100)


@dataclass(frozen=True)
class Tautan:
    label: str
    url: str


@dataclass(frozen=True)
class Temuan:
    """Hasil satu pemeriksaan: ``persen`` (0–100) atau ``jawaban`` langsung, dan alasannya."""

    alasan: str
    persen: Decimal | None = None
    jawaban: str | None = None
    bukti: tuple[Tautan, ...] = ()


@dataclass(frozen=True)
class Usulan:
    jawaban: str
    alasan: str
    cek: str
    bukti: tuple[Tautan, ...] = ()


def _bagian(ya: int, dari: int) -> Decimal:
    return Decimal(ya) * SERATUS / Decimal(dari) if dari else Decimal(0)


def _daftar(nama: list[str], batas: int = 3) -> str:
    if len(nama) <= batas:
        return "; ".join(nama)
    return "; ".join(nama[:batas]) + f"; dan {len(nama) - batas} lainnya"


class KonteksEvaluasi:
    """Data satu OPD-tahun yang dibaca pemeriksaan, masing-masing sekali (dimuat saat dipakai)."""

    def __init__(self, opd: PerangkatDaerah, tahun: int, hari_ini: datetime.date | None = None):
        self.opd, self.tahun = opd, tahun
        self.hari_ini = hari_ini or datetime.date.today()

    def url(self, nama: str, **kw) -> str:
        return tautan.ke(nama, slug=self.opd.slug, tahun=self.tahun, **kw)

    @cached_property
    def renstra(self) -> Renstra | None:
        return (
            Renstra.objects.filter(
                opd=self.opd, tahun_awal__lte=self.tahun, tahun_akhir__gte=self.tahun
            )
            .order_by("-tahun_awal")
            .first()
        )

    @cached_property
    def baris(self) -> list[BarisPengukuran]:
        return pengukuran(self.opd, self.tahun)

    @cached_property
    def baris_iku(self) -> list[BarisPengukuran]:
        return [b for b in self.baris if b.indikator.iku]

    @cached_property
    def pk(self) -> PerjanjianKinerja | None:
        """PK Kepala OPD yang berlaku (versi terakhir)."""
        return (
            PerjanjianKinerja.objects.filter(opd=self.opd, tahun=self.tahun, jabatan__isnull=True)
            .order_by("-versi")
            .first()
        )

    @cached_property
    def pk_murni_disetujui(self) -> PerjanjianKinerja | None:
        return (
            PerjanjianKinerja.objects.filter(
                opd=self.opd, tahun=self.tahun, jabatan__isnull=True, status=StatusAlur.DISETUJUI
            )
            .order_by("versi")
            .first()
        )

    @cached_property
    def triwulan_jatuh_tempo(self) -> list[int]:
        """Triwulan yang sudah berakhir pada ``hari_ini`` (tahun lalu: keempatnya)."""
        if self.tahun < self.hari_ini.year:
            return [1, 2, 3, 4]
        if self.tahun > self.hari_ini.year:
            return []
        return list(range(1, (self.hari_ini.month - 1) // 3 + 1))

    @cached_property
    def persetujuan_triwulan(self) -> dict[int, str]:
        return dict(
            PersetujuanRealisasi.objects.filter(opd=self.opd, tahun=self.tahun).values_list(
                "triwulan", "status"
            )
        )

    @cached_property
    def lkjip(self) -> PersetujuanLkjip | None:
        return PersetujuanLkjip.objects.filter(opd=self.opd, tahun=self.tahun).first()

    def realisasi_tahun(self, tahun: int) -> dict[int, list[Realisasi]]:
        out: dict[int, list[Realisasi]] = {}
        for r in Realisasi.objects.filter(indikator__opd=self.opd, tahun=tahun).order_by():
            out.setdefault(r.indikator_id, []).append(r)
        return out

    @cached_property
    def realisasi_ini(self) -> dict[int, list[Realisasi]]:
        return self.realisasi_tahun(self.tahun)


# --- pemeriksaan ---------------------------------------------------------------------------------


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


def _batas(parameter, tahun: int) -> datetime.date:
    bulan, hari = (int(x) for x in str(parameter.get("batas", "02-28")).split("-"))
    return datetime.date(tahun, bulan, hari)


def _tanggal(obj) -> datetime.date | None:
    if getattr(obj, "tanggal", None):
        return obj.tanggal
    return obj.diputuskan_pada.date() if obj.diputuskan_pada else None


def _tepat_waktu(nama: str, obj, batas: datetime.date, bukti) -> Temuan:
    if obj is None or obj.status != StatusAlur.DISETUJUI or _tanggal(obj) is None:
        return Temuan(f"{nama} belum disetujui; batas waktunya {batas:%d/%m/%Y}.", jawaban="E")
    tgl = _tanggal(obj)
    if tgl <= batas:
        return Temuan(
            f"{nama} ditetapkan {tgl:%d/%m/%Y}, sebelum batas {batas:%d/%m/%Y}.",
            jawaban="A",
            bukti=bukti,
        )
    telat = (tgl - batas).days
    return Temuan(
        f"{nama} ditetapkan {tgl:%d/%m/%Y}, terlambat {telat} hari dari batas {batas:%d/%m/%Y}.",
        jawaban="C" if telat <= 31 else "E",
        bukti=bukti,
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


def _nama(b: BarisPengukuran) -> str:
    return b.indikator.nama


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
    terakhir = JalannyaReviu.objects.filter(opd=k.opd, tahun=k.tahun).order_by("-waktu").first()
    if terakhir is None:
        return Temuan(f"Reviu LKjIP {k.tahun} belum pernah dijalankan di sakip.", jawaban="T")
    return Temuan(
        f"Reviu dijalankan terakhir {terakhir.waktu:%d/%m/%Y} dengan {terakhir.jumlah_temuan} temuan.",
        persen=SERATUS,
        bukti=(Tautan("Reviu", k.url("reviu")),),
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
    from .models import Evaluasi, Rekomendasi

    lalu = (
        Evaluasi.objects.filter(opd=k.opd, tahun=k.tahun - 1, status=StatusAlur.DISETUJUI)
        .order_by("-versi")
        .first()
    )
    if lalu is None:
        return None
    rek = list(Rekomendasi.objects.filter(evaluasi=lalu))
    if not rek:
        return Temuan(f"Evaluasi {k.tahun - 1} tidak memuat rekomendasi.", persen=SERATUS)
    selesai = [r for r in rek if r.status == Rekomendasi.Status.SELESAI]
    belum = [r.teks[:60] for r in rek if r.status == Rekomendasi.Status.BELUM]
    alasan = (
        f"{len(selesai)} dari {len(rek)} rekomendasi evaluasi {k.tahun - 1} selesai ditindaklanjuti"
    )
    if belum:
        alasan += f"; belum ditanggapi: {_daftar(belum)}"
    return Temuan(
        alasan + ".",
        persen=_bagian(len(selesai), len(rek)),
        bukti=(
            Tautan(
                f"Evaluasi {k.tahun - 1}",
                tautan.ke("evaluasi", slug=k.opd.slug, tahun=k.tahun - 1),
            ),
        ),
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
        elif kr.jawaban not in cek.jenis:
            galat.append(
                f"kriteria {kr.kode}: pemeriksaan '{kr.cek}' tidak dapat menjawab jenis '{kr.jawaban}'"
            )
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
    if t is None:
        return None
    if t.jawaban is not None:
        jawab = t.jawaban
        if jawab not in templat.skala[kr.jawaban]:  # templat memakai skala lain: dari persen
            jawab = templat.jawaban_dari_persen(kr, SERATUS if jawab in ("Y", "A") else Decimal(0))
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
