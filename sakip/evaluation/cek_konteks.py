"""Konteks pemeriksaan otomatis LKE: data satu OPD-tahun yang dibaca pemeriksaan (masing-masing
sekali), dan bentuk hasilnya (temuan berpersen atau berjawaban, alasan, tautan bukti)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from sakip import tautan
from sakip.measurement.models import PersetujuanRealisasi, Realisasi
from sakip.measurement.services import BarisPengukuran, pengukuran
from sakip.organisations.models import PerangkatDaerah
from sakip.planning.models import PerjanjianKinerja, Renstra
from sakip.reporting.models import PersetujuanLkjip
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


def _nama(b: BarisPengukuran) -> str:
    return b.indikator.nama
