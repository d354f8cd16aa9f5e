"""Dasar aturan reviu: Temuan, Aturan, Klaim (nilai tercetak), Konteks (data OPD-tahun), pembantu."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from sakip.budget.services import Simpul, rekap_anggaran
from sakip.core.numbers import format_angka, round_half_up
from sakip.measurement.services import BarisPengukuran, pengukuran
from sakip.organisations.models import PerangkatDaerah
from sakip.planning.models import Indikator, Kegiatan, Program, SubKegiatan
from sakip.review.compare import (
    BEDA_KECIL,
    DIPOTONG,
    SAMA,
    bandingkan,
)
from sakip.review.models import NilaiTercetak

KRITIS, PERINGATAN, INFO = "kritis", "peringatan", "info"


URUTAN_TINGKAT = {KRITIS: 0, PERINGATAN: 1, INFO: 2}


@dataclass(frozen=True)
class Temuan:
    aturan: str
    tingkat: str
    kategori: str
    judul: str
    lokasi: str
    objek: str
    tercetak: str
    dihitung: str
    pesan: str

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class Aturan:
    id: str
    kategori: str
    tingkat: str
    judul: str
    pesan: str  # templat: {lokasi} {objek} {tercetak} {dihitung} dan kunci lain dari pemeriksa
    fungsi: Callable[[Konteks, Aturan], Iterable[Temuan]] = field(repr=False, compare=False)
    # aturan yang temuannya, di baris yang sama (lokasi dan objek sama), menjadi sebab temuan
    # aturan ini: temuan ini lalu tidak dilaporkan terpisah, tetapi disebut di temuan sebabnya
    akibat_dari: tuple[str, ...] = ()

    def temuan(
        self, *, lokasi: str, objek: str, tercetak: str = "", dihitung: str = "", **extra
    ) -> Temuan:
        pesan = self.pesan.format(
            lokasi=lokasi, objek=objek, tercetak=tercetak, dihitung=dihitung, **extra
        )
        return Temuan(
            self.id,
            self.tingkat,
            self.kategori,
            self.judul,
            lokasi,
            objek,
            tercetak,
            dihitung,
            pesan,
        )


@dataclass(frozen=True)
class Klaim:
    lokasi: str
    objek: str
    atribut: str
    periode: int | None
    teks: str
    catatan: str = ""

    @property
    def jenis(self) -> str:
        return self.objek.split(":", 1)[0]

    @property
    def kunci(self) -> str:
        return self.objek.split(":", 1)[1] if ":" in self.objek else ""


class Konteks:
    """Data satu OPD-tahun beserta nilai tercetaknya; dihitung malas dan disimpan."""

    def __init__(
        self,
        opd: PerangkatDaerah,
        tahun: int,
        klaim: list[Klaim] | None = None,
        dari_cetakan: bool = False,
    ):
        self.opd = opd
        self.tahun = tahun
        # data OPD ini dibaca dari laporan tercetak: nilainya hanya tepat sampai pembulatan cetaknya
        self.dari_cetakan = dari_cetakan
        if klaim is None:
            klaim = [
                Klaim(k.lokasi, k.objek, k.atribut, k.periode, k.teks, k.catatan)
                for k in NilaiTercetak.objects.filter(opd=opd, tahun=tahun).order_by("urutan", "id")
            ]
        self.klaim = klaim

    def klaim_atribut(self, jenis: str, *atribut: str) -> list[Klaim]:
        return [k for k in self.klaim if k.jenis == jenis and (not atribut or k.atribut in atribut)]

    @cached_property
    def indikator(self) -> dict[str, Indikator]:
        qs = Indikator.objects.filter(opd=self.opd).prefetch_related("target", "realisasi")
        return {i.kode: i for i in qs}

    _ukur: dict[int, dict[str, BarisPengukuran]]

    def ukur(self, tahun: int | None = None) -> dict[str, BarisPengukuran]:
        tahun = tahun or self.tahun
        if not hasattr(self, "_ukur"):
            self._ukur = {}
        if tahun not in self._ukur:
            self._ukur[tahun] = {b.indikator.kode: b for b in pengukuran(self.opd, tahun)}
        return self._ukur[tahun]

    @cached_property
    def rekap(self) -> Simpul:
        return rekap_anggaran(self.opd, self.tahun)

    def simpul(self, kode: str) -> Simpul | None:
        if kode == "jumlah":
            return self.rekap
        return self.rekap.cari(kode)

    @cached_property
    def pemilik(self) -> dict[str, object]:
        """Kode nomenklatur → program/kegiatan/sub kegiatan."""
        out: dict[str, object] = {}
        for p in Program.objects.filter(opd=self.opd):
            out[p.kode] = p
        for k in Kegiatan.objects.filter(program__opd=self.opd):
            out[k.kode] = k
        for s in SubKegiatan.objects.filter(kegiatan__program__opd=self.opd).exclude(kode=""):
            out[s.kode] = s
        return out

    def capaian_simpul(self, kode: str) -> BarisPengukuran | None:
        """Capaian indikator pertama program/kegiatan/sub kegiatan berkode ``kode``."""
        rows = [
            b for b in self.ukur().values() if getattr(b.indikator.pemilik, "kode", None) == kode
        ]
        rows.sort(key=lambda b: (b.indikator.urutan, b.indikator.id))
        return rows[0] if rows else None

    @cached_property
    def simpul_per_tingkat(self) -> dict[str, list[Simpul]]:
        out: dict[str, list[Simpul]] = defaultdict(list)
        for n in self.rekap.iter():
            out[n.tingkat].append(n)
        return out


def fmt(d: Decimal | None, places: int = 2) -> str:
    return "tidak dapat dihitung" if d is None else format_angka(d, places)


def temuan_pembulatan(
    ctx: Konteks, k: Klaim, dihitung: Decimal, label: str
) -> Iterator[Temuan] | None:
    """Temuan pembulatan (PMB-01/PMB-02) atau ``None`` bila angkanya memang berbeda."""
    cmp = bandingkan(k.teks, dihitung)
    if cmp is None or cmp.status == SAMA:
        return iter(())
    shown = format_angka(dihitung, cmp.desimal + 2)
    if cmp.status == DIPOTONG:
        return iter(
            [
                aturan("PMB-01").temuan(
                    lokasi=k.lokasi,
                    objek=label,
                    tercetak=k.teks,
                    dihitung=shown,
                    dibulatkan=format_angka(round_half_up(dihitung, cmp.desimal), cmp.desimal),
                )
            ]
        )
    if cmp.status == BEDA_KECIL:
        return iter(
            [aturan("PMB-02").temuan(lokasi=k.lokasi, objek=label, tercetak=k.teks, dihitung=shown)]
        )
    return None


def label_indikator(ctx: Konteks, kode: str) -> str:
    ind = ctx.indikator.get(kode)
    return f"{ind.nama} [{kode}]" if ind else kode


def klaim_index(ctx: Konteks) -> dict[tuple[str, str, str], Klaim]:
    out = {}
    for k in ctx.klaim:
        out.setdefault((k.lokasi, k.objek, k.atribut), k)
    return out


def label_objek(ctx: Konteks, objek: str) -> str:
    jenis, _, kunci = objek.partition(":")
    if jenis == "indikator":
        return label_indikator(ctx, kunci)
    if jenis == "anggaran":
        return "anggaran seluruh OPD" if kunci == "jumlah" else f"anggaran {nama_kode(ctx, kunci)}"
    if jenis == "hitungan":
        level, _, bidang = kunci.partition(":")
        return level.replace("_", " ") + (f" pada bidang urusan {bidang}" if bidang else "")
    return kunci or objek


def nama_kode(ctx: Konteks, kode: str) -> str:
    obj = ctx.pemilik.get(kode)
    if obj is None:
        node = ctx.simpul(kode)
        return f"{kode} {node.nama}" if node is not None and node.nama else kode
    return f"{kode} {obj.nama}"


def renstra_indikator(ctx: Konteks) -> list[Indikator]:
    return [i for i in ctx.indikator.values() if i.tingkat in ("tujuan", "sasaran")]


def aturan(id_: str) -> Aturan:
    """Aturan berdasarkan id dari tabel (dibaca saat dipanggil: tabel mengimpor modul kelompok)."""
    from .tabel import ATURAN_BY_ID

    return ATURAN_BY_ID[id_]
