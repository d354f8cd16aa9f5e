"""Peringatan dini: proyeksi nilai akhir tahun sebuah indikator dari triwulan yang sudah berjalan.

Metode (dicetak juga di halaman, :data:`METODE`)
-----------------------------------------------
Nilai tahunan diproyeksikan dengan **cara agregasi indikator itu sendiri** (kumulatif, nilai
terakhir, rata-rata, tertinggi, terendah; lihat :mod:`sakip.core.aggregation`) atas empat triwulan:

* triwulan yang realisasinya sudah diisi dipakai apa adanya;
* triwulan yang belum diisi diisi dengan **target triwulan pada Rencana Aksi**:

  - indikator ``kumulatif`` (jumlah per triwulan): target triwulan itu apa adanya — kekurangan
    triwulan yang sudah lewat tidak dikejar sendiri;
  - indikator lain (nilai posisi, mis. TPT atau persentase): target triwulan itu **digeser
    sebesar selisih realisasi terhadap target Rencana Aksi pada triwulan terakhir yang diisi**
    — organisasi yang tertinggal 2 poin di TW II diproyeksikan tetap tertinggal 2 poin;

* bila Rencana Aksi tidak memuat target triwulan itu: indikator kumulatif memakai rata-rata
  realisasi triwulan yang sudah diisi (laju sejauh ini), indikator lain memakai realisasi
  terakhir yang diisi.

Capaian proyeksi = :func:`~sakip.core.capaian.hitung_capaian` (polaritas, metode turun, batas
maksimum Pemda) atas target tahunan. Indikator **berisiko** bila capaian proyeksinya di bawah
100%. Tanpa realisasi satu triwulan pun tidak ada proyeksi (``nilai`` None, ``alasan`` diisi).

Sifat yang dijaga (diuji dengan hypothesis, ``tests/core/test_proyeksi.py``): keempat triwulan
terisi → proyeksi = nilai tahunan sebenarnya; realisasi tepat sama dengan Rencana Aksi → proyeksi
= agregasi Rencana Aksi; menaikkan satu realisasi tidak pernah menurunkan proyeksi; realisasi yang
sudah diisi tidak pernah diubah.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .aggregation import TRIWULAN, Agregasi, agregasi
from .capaian import HUNDRED, HasilCapaian, MetodeTurun, Polaritas, Target, hitung_capaian
from .numbers import to_decimal

METODE = (
    "Proyeksi akhir tahun: triwulan yang sudah diisi dipakai apa adanya; triwulan yang belum "
    "diisi memakai target Rencana Aksi (untuk indikator bukan kumulatif, digeser sebesar selisih "
    "realisasi terhadap Rencana Aksi pada triwulan terakhir yang diisi; tanpa Rencana Aksi: laju "
    "rata-rata untuk indikator kumulatif, realisasi terakhir untuk lainnya); lalu diagregasi dengan "
    "cara agregasi indikator itu dan dibandingkan dengan target tahunan."
)

__all__ = ["METODE", "Proyeksi", "proyeksi_akhir_tahun"]


@dataclass(frozen=True)
class Proyeksi:
    """Hasil proyeksi satu indikator."""

    nilai: Decimal | None
    capaian: HasilCapaian
    triwulan: dict[int, Decimal] = field(
        default_factory=dict
    )  # nilai keempat triwulan yang dipakai
    terisi: tuple[int, ...] = ()  # triwulan realisasi
    diperkirakan: tuple[int, ...] = ()  # triwulan yang diperkirakan
    alasan: str | None = None

    @property
    def berisiko(self) -> bool:
        """Capaian proyeksi di bawah 100% (target tahunan diperkirakan tidak tercapai)."""
        return self.capaian.nilai is not None and self.capaian.nilai < HUNDRED

    @property
    def pasti(self) -> bool:
        """Keempat triwulan sudah diisi: proyeksi sama dengan nilai tahunan sebenarnya."""
        return self.nilai is not None and not self.diperkirakan


def _bersih(values: Mapping[int, object] | None) -> dict[int, Decimal]:
    hasil: dict[int, Decimal] = {}
    for tw, v in (values or {}).items():
        if tw not in TRIWULAN:
            raise ValueError(f"triwulan {tw!r} tidak dikenal (harus 1, 2, 3 atau 4)")
        if v is not None:
            hasil[tw] = to_decimal(v)
    return hasil


def proyeksi_akhir_tahun(
    realisasi: Mapping[int, object],
    rencana: Mapping[int, object] | None,
    target: Target | Decimal | int | float | str | tuple | None,
    cara: Agregasi | str = Agregasi.KUMULATIF,
    polaritas: Polaritas | str = Polaritas.NAIK,
    metode_turun: MetodeTurun | str = MetodeTurun.PERMENPAN,
    batas_maks: Decimal | None = None,
) -> Proyeksi:
    """Proyeksi nilai akhir tahun dan capaiannya; lihat docstring modul untuk metodenya.

    ``realisasi`` dan ``rencana`` (target Rencana Aksi): ``{triwulan: nilai}``, kosong = None.
    """
    cara = Agregasi(cara)
    real = _bersih(realisasi)
    plan = _bersih(rencana)
    if not real:
        return Proyeksi(
            None,
            HasilCapaian.gagal("belum ada realisasi triwulan untuk diproyeksikan"),
            alasan="belum ada realisasi triwulan untuk diproyeksikan",
        )
    terakhir = max(real)
    if cara is Agregasi.KUMULATIF:
        laju = sum(real.values(), Decimal(0)) / len(real)
        selisih = Decimal(0)
    else:
        laju = real[terakhir]
        # selisih pada triwulan terakhir yang diisi dan punya target Rencana Aksi
        acuan = [tw for tw in sorted(real) if tw in plan]
        selisih = real[acuan[-1]] - plan[acuan[-1]] if acuan else Decimal(0)
    nilai_tw: dict[int, Decimal] = {}
    diperkirakan = []
    for tw in TRIWULAN:
        if tw in real:
            nilai_tw[tw] = real[tw]
        else:
            nilai_tw[tw] = plan[tw] + selisih if tw in plan else laju
            diperkirakan.append(tw)
    nilai = agregasi(nilai_tw, cara).nilai
    capaian = hitung_capaian(target, nilai, polaritas, metode_turun, batas_maks)
    return Proyeksi(
        nilai,
        capaian,
        nilai_tw,
        tuple(sorted(real)),
        tuple(diperkirakan),
        capaian.alasan,
    )
