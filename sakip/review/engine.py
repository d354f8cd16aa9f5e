"""Mesin reviu: aturan sebagai data, dijalankan oleh satu mesin.

Setiap :class:`Aturan` punya id, kategori, tingkat (kritis / peringatan / info), judul, templat
pesan berbahasa Indonesia dan fungsi pemeriksa. Fungsi pemeriksa membaca :class:`Konteks`
(data OPD-tahun dan nilai tercetak laporannya) dan menghasilkan :class:`Temuan` yang menyebut
apa yang tercetak, apa kata data, dan di mana.

Prinsip: ketepatan sebelum kelengkapan. Angka dibandingkan pada ketelitian yang dicetak;
selisih karena pemotongan atau pembulatan dilaporkan dengan aturan tersendiri yang lebih ringan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from sakip.budget.services import Simpul, rekap_anggaran
from sakip.core.capaian import Polaritas, hitung_capaian
from sakip.core.efisiensi import analisis_efisiensi
from sakip.core.numbers import format_angka, format_persen, round_half_up
from sakip.measurement.models import Realisasi, SeriData
from sakip.measurement.services import BarisPengukuran, pengukuran
from sakip.organisations.models import PerangkatDaerah
from sakip.planning.models import Indikator, Kegiatan, Program, SubKegiatan
from sakip.review.models import NilaiTercetak

from .compare import BEDA, BEDA_KECIL, DIPOTONG, SAMA, baca, bandingkan, desimal_tercetak

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


# ---------------------------------------------------------------------------
class Konteks:
    """Data satu OPD-tahun beserta nilai tercetaknya; dihitung malas dan disimpan."""

    def __init__(self, opd: PerangkatDaerah, tahun: int, klaim: list[Klaim] | None = None):
        self.opd = opd
        self.tahun = tahun
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


# ---------------------------------------------------------------------------
def _fmt(d: Decimal | None, places: int = 2) -> str:
    return "tidak dapat dihitung" if d is None else format_angka(d, places)


def _pembulatan(ctx: Konteks, k: Klaim, dihitung: Decimal, label: str) -> Iterator[Temuan] | None:
    """Temuan pembulatan (PMB-01/PMB-02) atau ``None`` bila angkanya memang berbeda."""
    cmp = bandingkan(k.teks, dihitung)
    if cmp is None or cmp.status == SAMA:
        return iter(())
    shown = format_angka(dihitung, cmp.desimal + 2)
    if cmp.status == DIPOTONG:
        return iter(
            [
                ATURAN_BY_ID["PMB-01"].temuan(
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
            [
                ATURAN_BY_ID["PMB-02"].temuan(
                    lokasi=k.lokasi, objek=label, tercetak=k.teks, dihitung=shown
                )
            ]
        )
    return None


def _label_indikator(ctx: Konteks, kode: str) -> str:
    ind = ctx.indikator.get(kode)
    return f"{ind.nama} [{kode}]" if ind else kode


def cek_capaian(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for k in ctx.klaim_atribut("indikator", "capaian"):
        row = ctx.ukur(k.periode).get(k.kunci)
        if row is None:
            continue
        label = _label_indikator(ctx, k.kunci) + f" tahun {k.periode or ctx.tahun}"
        if row.capaian.nilai is None:
            yield a.temuan(
                lokasi=k.lokasi,
                objek=label,
                tercetak=k.teks,
                dihitung="tidak dapat dihitung",
                rumus=row.capaian.alasan or "",
            )
            continue
        minor = _pembulatan(ctx, k, row.capaian.nilai, label)
        if minor is not None:
            yield from minor
            continue
        yield a.temuan(
            lokasi=k.lokasi,
            objek=label,
            tercetak=k.teks,
            dihitung=format_persen(row.capaian.nilai),
            rumus=f"{row.capaian.rumus}; target {_fmt(row.target.bawah if row.target else None)}, "
            f"realisasi {_fmt(row.realisasi)}",
        )


def cek_realisasi(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for k in ctx.klaim_atribut("indikator", "realisasi"):
        row = ctx.ukur(k.periode).get(k.kunci)
        if row is None or row.realisasi is None:
            continue
        label = _label_indikator(ctx, k.kunci) + f" tahun {k.periode or ctx.tahun}"
        minor = _pembulatan(ctx, k, row.realisasi, label)
        if minor is not None:
            yield from minor
            continue
        asal = (
            f"{format_angka(row.pembilang)} dari {format_angka(row.penyebut)}"
            if row.pembilang is not None
            else "nilai realisasi yang tercatat"
        )
        yield a.temuan(
            lokasi=k.lokasi, objek=label, tercetak=k.teks, dihitung=_fmt(row.realisasi), asal=asal
        )


def cek_target(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for k in ctx.klaim_atribut("indikator", "target"):
        row = ctx.ukur(k.periode).get(k.kunci)
        if row is None or row.target is None:
            continue
        cmp = bandingkan(k.teks, row.target.bawah)
        if cmp and cmp.status != SAMA:
            yield a.temuan(
                lokasi=k.lokasi,
                objek=_label_indikator(ctx, k.kunci) + f" tahun {k.periode}",
                tercetak=k.teks,
                dihitung=_fmt(row.target.bawah),
                sumber=row.sumber_target,
            )


def cek_capaian_renstra(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    pemda = ctx.opd.pemda
    for k in ctx.klaim_atribut("indikator", "capaian_renstra"):
        ind = ctx.indikator.get(k.kunci)
        row = ctx.ukur().get(k.kunci)
        if ind is None or ind.kondisi_akhir is None or row is None or row.realisasi is None:
            continue
        hasil = hitung_capaian(ind.kondisi_akhir, row.realisasi, ind.polaritas, pemda.metode_turun)
        if hasil.nilai is None:
            continue
        cmp = bandingkan(k.teks, hasil.nilai)
        if cmp and cmp.status in (BEDA, BEDA_KECIL):
            yield a.temuan(
                lokasi=k.lokasi,
                objek=_label_indikator(ctx, k.kunci),
                tercetak=k.teks,
                dihitung=format_persen(hasil.nilai),
                akhir=_fmt(ind.kondisi_akhir),
                realisasi=_fmt(row.realisasi),
            )


def cek_anggaran_jumlah(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for k in ctx.klaim_atribut("anggaran", "pagu", "realisasi", "sisa"):
        node = ctx.simpul(k.kunci)
        if node is None or not node.ada_data:
            continue
        value = {
            "pagu": node.jumlah.pagu,
            "realisasi": node.jumlah.realisasi,
            "sisa": node.jumlah.sisa,
        }[k.atribut]
        printed = baca(k.teks)
        if printed is None or printed == value:
            continue
        label = "jumlah seluruh baris" if k.kunci == "jumlah" else f"{node.kode} {node.nama}"
        yield a.temuan(
            lokasi=k.lokasi,
            objek=label,
            tercetak=k.teks,
            dihitung=format_angka(value, 0),
            atribut=k.atribut,
            selisih=format_angka(printed - value, 0),
            tingkat_baris={
                "sub_kegiatan": "sub kegiatan",
                "kegiatan": "sub kegiatan",
                "program": "kegiatan",
                "bidang": "program",
                "urusan": "bidang urusan",
                "opd": "urusan",
            }.get(node.tingkat, "baris"),
        )


def cek_serapan(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    idx = _klaim_index(ctx)
    for k in ctx.klaim_atribut("anggaran", "serapan"):
        node = ctx.simpul(k.kunci)
        if node is None or not node.ada_data or node.jumlah.serapan.nilai is None:
            continue
        # Bila baris yang sama mencetak pagu/realisasi yang berbeda dari data, selisih serapannya
        # hanyalah akibat; ANG-01 dan ANG-03 yang melaporkannya.
        same_row = [idx.get((k.lokasi, k.objek, x)) for x in ("pagu", "realisasi")]
        if any(
            c is not None and baca(c.teks) not in (None, v)
            for c, v in zip(same_row, (node.jumlah.pagu, node.jumlah.realisasi), strict=True)
        ):
            continue
        label = "jumlah seluruh baris" if k.kunci == "jumlah" else f"{node.kode} {node.nama}"
        minor = _pembulatan(ctx, k, node.jumlah.serapan.nilai, label)
        if minor is not None:
            yield from minor
            continue
        yield a.temuan(
            lokasi=k.lokasi,
            objek=label,
            tercetak=k.teks,
            dihitung=format_persen(node.jumlah.serapan.nilai),
            pagu=format_angka(node.jumlah.pagu, 0),
            realisasi=format_angka(node.jumlah.realisasi, 0),
        )


def _klaim_index(ctx: Konteks) -> dict[tuple[str, str, str], Klaim]:
    out = {}
    for k in ctx.klaim:
        out.setdefault((k.lokasi, k.objek, k.atribut), k)
    return out


def cek_serapan_internal(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    idx = _klaim_index(ctx)
    for k in ctx.klaim_atribut("anggaran", "serapan"):
        p, r = idx.get((k.lokasi, k.objek, "pagu")), idx.get((k.lokasi, k.objek, "realisasi"))
        if not p or not r:
            continue
        pv, rv = baca(p.teks), baca(r.teks)
        if not pv or rv is None:
            continue
        cmp = bandingkan(k.teks, rv / pv * 100)
        if cmp and cmp.status in (BEDA, BEDA_KECIL):
            yield a.temuan(
                lokasi=k.lokasi,
                objek=k.objek.split(":", 1)[1],
                tercetak=k.teks,
                dihitung=format_persen(rv / pv * 100),
                pagu=p.teks,
                realisasi=r.teks,
            )


def cek_melebihi_pagu(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    idx = _klaim_index(ctx)
    for k in ctx.klaim_atribut("anggaran", "realisasi"):
        p = idx.get((k.lokasi, k.objek, "pagu"))
        pv, rv = (baca(p.teks) if p else None), baca(k.teks)
        if pv is not None and rv is not None and rv > pv:
            yield a.temuan(
                lokasi=k.lokasi,
                objek=k.kunci,
                tercetak=f"pagu {p.teks}, realisasi {k.teks}",
                dihitung=f"lebih {format_angka(rv - pv, 0)}",
            )
    for n in ctx.rekap.iter():
        if n.tingkat == "sub_kegiatan" or (n.tingkat == "kegiatan" and not n.anak):
            if n.ada_data and n.jumlah.realisasi > n.jumlah.pagu:
                yield a.temuan(
                    lokasi="data anggaran",
                    objek=f"{n.kode} {n.nama}",
                    tercetak=f"pagu {format_angka(n.jumlah.pagu, 0)}, realisasi {format_angka(n.jumlah.realisasi, 0)}",
                    dihitung=f"lebih {format_angka(n.jumlah.realisasi - n.jumlah.pagu, 0)}",
                )


def cek_kutipan_berbeda(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    groups: dict[tuple, list[Klaim]] = defaultdict(list)
    for k in ctx.klaim:
        if k.atribut in ("kode", "uraian") or baca(k.teks) is None:
            continue
        groups[(k.objek, k.atribut, k.periode)].append(k)
    for (objek, atribut, periode), items in groups.items():
        places = {k.lokasi for k in items}
        if len(places) < 2:
            continue
        d = min(desimal_tercetak(k.teks) for k in items)
        values = {round_half_up(baca(k.teks), d) for k in items}
        if len(values) > 1:
            listing = "; ".join(f"{k.lokasi}: {k.teks}" for k in items)
            label = _label_objek(ctx, objek)
            yield a.temuan(
                lokasi=", ".join(sorted(places)),
                objek=f"{atribut.replace('_', ' ')} {label}"
                + (f" tahun {periode}" if periode else ""),
                tercetak=listing,
                dihitung="",
                daftar=listing,
            )


def _label_objek(ctx: Konteks, objek: str) -> str:
    jenis, _, kunci = objek.partition(":")
    if jenis == "indikator":
        return _label_indikator(ctx, kunci)
    if jenis == "anggaran":
        return "anggaran seluruh OPD" if kunci == "jumlah" else f"anggaran {_nama_kode(ctx, kunci)}"
    if jenis == "hitungan":
        level, _, bidang = kunci.partition(":")
        return level.replace("_", " ") + (f" pada bidang urusan {bidang}" if bidang else "")
    return kunci or objek


def _efisiensi_rows(ctx: Konteks) -> dict[str, dict[str, Klaim]]:
    rows: dict[str, dict[str, Klaim]] = defaultdict(dict)
    for k in ctx.klaim_atribut("efisiensi"):
        rows[k.kunci][k.atribut] = k
    return rows


def _nama_kode(ctx: Konteks, kode: str) -> str:
    obj = ctx.pemilik.get(kode)
    if obj is None:
        node = ctx.simpul(kode)
        return f"{kode} {node.nama}" if node is not None and node.nama else kode
    return f"{kode} {obj.nama}"


def cek_indeks_efisiensi(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for kode, row in _efisiensi_rows(ctx).items():
        o, i, ie = (
            baca(row[x].teks) if x in row else None
            for x in ("capaian_output", "capaian_input", "indeks_efisiensi")
        )
        if o is None or not i or ie is None:
            continue
        cmp = bandingkan(row["indeks_efisiensi"].teks, o / i)
        if cmp and cmp.status in (BEDA, BEDA_KECIL):
            yield a.temuan(
                lokasi=row["indeks_efisiensi"].lokasi,
                objek=_nama_kode(ctx, kode),
                tercetak=row["indeks_efisiensi"].teks,
                dihitung=format_angka(o / i, 2),
                output=row["capaian_output"].teks,
                input=row["capaian_input"].teks,
            )


def cek_tingkat_efisiensi(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for kode, row in _efisiensi_rows(ctx).items():
        ie, se, te = (
            baca(row[x].teks) if x in row else None
            for x in ("indeks_efisiensi", "standar_efisiensi", "tingkat_efisiensi")
        )
        if ie is None or se is None or te is None:
            continue
        if se == 0:
            yield a.temuan(
                lokasi=row["tingkat_efisiensi"].lokasi,
                objek=_nama_kode(ctx, kode),
                tercetak=row["tingkat_efisiensi"].teks,
                dihitung="tidak dapat dihitung (standar efisiensi 0)",
                ie=row["indeks_efisiensi"].teks,
                se=row["standar_efisiensi"].teks,
            )
            continue
        expected = (ie - se) / se
        cmp = bandingkan(row["tingkat_efisiensi"].teks, expected)
        if cmp and cmp.status in (BEDA, BEDA_KECIL):
            yield a.temuan(
                lokasi=row["tingkat_efisiensi"].lokasi,
                objek=_nama_kode(ctx, kode),
                tercetak=row["tingkat_efisiensi"].teks,
                dihitung=format_angka(expected, 2),
                ie=row["indeks_efisiensi"].teks,
                se=row["standar_efisiensi"].teks,
            )


def cek_efisiensi_data(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for kode, row in _efisiensi_rows(ctx).items():
        node = ctx.simpul(kode)
        ukur = ctx.capaian_simpul(kode)
        if node is None or not node.ada_data or ukur is None or ukur.capaian.nilai is None:
            continue
        serapan = node.jumlah.serapan.nilai
        hasil = analisis_efisiensi(ukur.capaian.nilai, serapan)
        printed = row.get("kesimpulan")
        if hasil.kesimpulan is None or printed is None:
            continue
        norm = printed.teks.strip().lower().replace("efisiensi", "efisien")
        if norm != hasil.kesimpulan:
            yield a.temuan(
                lokasi=printed.lokasi,
                objek=_nama_kode(ctx, kode),
                tercetak=printed.teks,
                dihitung=hasil.kesimpulan,
                output=format_persen(ukur.capaian.nilai),
                input=format_persen(serapan),
                ie=format_angka(hasil.indeks, 2),
            )


def cek_input_efisiensi(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for kode, row in _efisiensi_rows(ctx).items():
        node = ctx.simpul(kode)
        k = row.get("capaian_input")
        if k is None or node is None or not node.ada_data or node.jumlah.serapan.nilai is None:
            continue
        cmp = bandingkan(k.teks, node.jumlah.serapan.nilai)
        if cmp and cmp.status == BEDA:
            yield a.temuan(
                lokasi=k.lokasi,
                objek=_nama_kode(ctx, kode),
                tercetak=k.teks,
                dihitung=format_persen(node.jumlah.serapan.nilai),
            )


def cek_output_efisiensi(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for kode, row in _efisiensi_rows(ctx).items():
        ukur = ctx.capaian_simpul(kode)
        k = row.get("capaian_output")
        if k is None or ukur is None or ukur.capaian.nilai is None:
            continue
        cmp = bandingkan(k.teks, ukur.capaian.nilai)
        if cmp and cmp.status == BEDA:
            yield a.temuan(
                lokasi=k.lokasi,
                objek=_nama_kode(ctx, kode),
                tercetak=k.teks,
                dihitung=format_persen(ukur.capaian.nilai),
                indikator=ukur.indikator.nama,
            )


_LEVEL = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub_kegiatan"}


def _nodes(ctx: Konteks, level: str, bidang: str | None) -> list[Simpul]:
    nodes = ctx.simpul_per_tingkat.get(level, [])
    if bidang:
        nodes = [n for n in nodes if n.kode.startswith(bidang + ".")]
    return nodes


def cek_rata_rata(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for k in ctx.klaim_atribut("hitungan", "rata_rata_capaian"):
        level, _, bidang = k.kunci.partition(":")
        if level not in _LEVEL:
            continue
        values = [
            r.capaian.nilai
            for n in _nodes(ctx, level, bidang or None)
            if (r := ctx.capaian_simpul(n.kode)) is not None and r.capaian.nilai is not None
        ]
        if not values:
            continue
        mean = sum(values, Decimal(0)) / len(values)
        cmp = bandingkan(k.teks, mean)
        if cmp and cmp.status in (BEDA, BEDA_KECIL, DIPOTONG):
            printed = [
                baca(c.teks)
                for c in ctx.klaim_atribut("indikator", "capaian")
                if c.kunci.rsplit("-", 1)[0] in {n.kode for n in _nodes(ctx, level, bidang or None)}
                and c.kunci.endswith("-1")
                and baca(c.teks) is not None
            ]
            printed_mean = (
                format_angka(sum(printed, Decimal(0)) / len(printed), 2) if printed else "–"
            )
            yield a.temuan(
                lokasi=k.lokasi,
                objek=f"rata-rata capaian {level.replace('_', ' ')}",
                tercetak=k.teks,
                dihitung=format_angka(mean, 2),
                n=len(values),
                rata_tercetak=printed_mean,
            )


def _hitung(ctx: Konteks, kunci: str) -> int | None:
    level, _, bidang = kunci.partition(":")
    bidang = bidang or None
    if level in _LEVEL:
        nodes = _nodes(ctx, level, bidang)
        with_data = [n for n in nodes if n.ada_data]
        return len(with_data) if with_data else len(nodes)
    if level == "program_dilaksanakan":
        return len(_nodes(ctx, "program", bidang))
    for lv in ("kegiatan", "sub_kegiatan", "program"):
        if level.startswith(lv + "_"):
            rest = level[len(lv) + 1 :]
            nodes = [
                n
                for n in _nodes(ctx, lv, bidang)
                if n.ada_data and n.jumlah.serapan.nilai is not None
            ]
            if rest == "serapan_di_atas_90":
                return sum(1 for n in nodes if n.jumlah.serapan.nilai > 90)
            if rest == "serapan_di_bawah_70":
                return sum(1 for n in nodes if n.jumlah.serapan.nilai < 70)
            if rest == "tidak_efisien":
                count = 0
                for n in nodes:
                    ukur = ctx.capaian_simpul(n.kode)
                    if ukur and ukur.capaian.nilai is not None:
                        if (
                            analisis_efisiensi(
                                ukur.capaian.nilai, n.jumlah.serapan.nilai
                            ).kesimpulan
                            == "tidak efisien"
                        ):
                            count += 1
                return count
    return None


def cek_hitungan(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for k in ctx.klaim_atribut("hitungan", "jumlah"):
        value = _hitung(ctx, k.kunci)
        printed = baca(k.teks)
        if value is None or printed is None or printed == value:
            continue
        level, _, bidang = k.kunci.partition(":")
        label = level.replace("_", " ") + (f" pada bidang urusan {bidang}" if bidang else "")
        yield a.temuan(
            lokasi=k.lokasi,
            objek=label,
            tercetak=k.teks,
            dihitung=str(value),
            kutipan=f" ({k.catatan})" if k.catatan else "",
        )


def cek_kolom_tahun_sama(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    tables: dict[tuple[str, str], dict[int, dict[str, str]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for k in ctx.klaim_atribut("indikator"):
        if k.periode:
            tables[(k.lokasi, k.kunci)][k.periode][k.atribut] = k.teks
    for (lokasi, kode), years in tables.items():
        for y in sorted(years):
            prev = years.get(y - 1)
            cur = years[y]
            if prev and len(cur) >= 2 and cur == prev:
                yield a.temuan(
                    lokasi=lokasi,
                    objek=_label_indikator(ctx, kode),
                    tercetak=", ".join(f"{x} {v}" for x, v in cur.items()),
                    dihitung="",
                    tahun=y,
                    sebelumnya=y - 1,
                )


def cek_realisasi_sama(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for ind in ctx.indikator.values():
        rows = sorted(
            (r for r in ind.realisasi.all() if r.periode == "tahunan"), key=lambda r: r.tahun
        )
        for prev, cur in zip(rows, rows[1:], strict=False):
            v0, v1 = prev.nilai_efektif, cur.nilai_efektif
            if (
                cur.tahun == prev.tahun + 1
                and v0 is not None
                and v0 == v1
                and v1 != v1.to_integral_value()
            ):
                yield a.temuan(
                    lokasi="data realisasi",
                    objek=_label_indikator(ctx, ind.kode),
                    tercetak=format_angka(v1, 2, strip_zeros=True),
                    dihitung="",
                    tahun=cur.tahun,
                    sebelumnya=prev.tahun,
                )


def cek_seri_resmi(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    own = ctx.opd.pemda.nama.lower()
    for seri in (
        SeriData.objects.filter(opd=ctx.opd, indikator__isnull=False)
        .select_related("indikator")
        .prefetch_related("nilai")
    ):
        real = {
            r.tahun: r.nilai_efektif
            for r in Realisasi.objects.filter(indikator=seri.indikator, periode="tahunan")
        }
        for n in seri.nilai.all():
            if n.wilayah.lower() != own and n.wilayah:
                continue
            v = real.get(n.tahun)
            if v is None or v == n.nilai:
                continue
            yield a.temuan(
                lokasi=f"seri data '{seri.nama}'",
                objek=f"{seri.indikator.nama} tahun {n.tahun}",
                tercetak=format_angka(n.nilai, 2, strip_zeros=True),
                dihitung=format_angka(v, 2, strip_zeros=True),
                sumber=seri.sumber or seri.nama,
            )


def _renstra_indikator(ctx: Konteks) -> list[Indikator]:
    return [i for i in ctx.indikator.values() if i.tingkat in ("tujuan", "sasaran")]


def cek_renstra_arah(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for ind in _renstra_indikator(ctx):
        if ind.kondisi_awal is None or ind.kondisi_akhir is None:
            continue
        worse = (ind.polaritas == Polaritas.NAIK and ind.kondisi_akhir < ind.kondisi_awal) or (
            ind.polaritas == Polaritas.TURUN and ind.kondisi_akhir > ind.kondisi_awal
        )
        if worse:
            yield a.temuan(
                lokasi="Renstra",
                objek=_label_indikator(ctx, ind.kode),
                tercetak=f"awal {_fmt(ind.kondisi_awal)}, akhir {_fmt(ind.kondisi_akhir)}",
                dihitung="",
                arah=Polaritas(ind.polaritas).label.lower(),
            )


def cek_renstra_akhir(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for ind in _renstra_indikator(ctx):
        targets = sorted(ind.target.all(), key=lambda t: t.tahun)
        if ind.kondisi_akhir is None or not targets:
            continue
        last = targets[-1]
        if last.nilai != ind.kondisi_akhir:
            yield a.temuan(
                lokasi="Renstra",
                objek=_label_indikator(ctx, ind.kode),
                tercetak=_fmt(ind.kondisi_akhir),
                dihitung=_fmt(last.nilai),
                tahun=last.tahun,
            )


def cek_target_akhir_tercetak(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for k in ctx.klaim_atribut("indikator", "target_akhir_renstra"):
        ind = ctx.indikator.get(k.kunci)
        if ind is None or ind.kondisi_akhir is None:
            continue
        cmp = bandingkan(k.teks, ind.kondisi_akhir)
        if cmp and cmp.status != SAMA:
            yield a.temuan(
                lokasi=k.lokasi,
                objek=_label_indikator(ctx, k.kunci),
                tercetak=k.teks,
                dihitung=_fmt(ind.kondisi_akhir),
            )


def cek_tanpa_realisasi(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for row in ctx.ukur().values():
        if row.target is not None and row.realisasi is None:
            yield a.temuan(
                lokasi="pengukuran kinerja",
                objek=_label_indikator(ctx, row.indikator.kode),
                tercetak=f"target {_fmt(row.target.bawah)}",
                dihitung="realisasi kosong",
                tahun=ctx.tahun,
            )


def cek_tanpa_bukti(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for ind in _renstra_indikator(ctx):
        for r in ind.realisasi.all():
            if r.tahun == ctx.tahun and not (r.bukti or r.catatan):
                yield a.temuan(
                    lokasi="data realisasi",
                    objek=_label_indikator(ctx, ind.kode),
                    tercetak=_fmt(r.nilai_efektif),
                    dihitung="",
                    tahun=r.tahun,
                )


def cek_jauh_dari_awal(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for row in ctx.ukur().values():
        ind = row.indikator
        if (
            ind.tingkat not in ("tujuan", "sasaran")
            or ind.kondisi_awal is None
            or row.realisasi is None
            or ind.kondisi_awal <= 0
        ):
            continue
        if not ("%" in ind.satuan or "persen" in ind.satuan.lower()):
            continue  # hanya rasio: hitungan kecil (jumlah perselisihan) wajar berubah jauh
        ratio = row.realisasi / ind.kondisi_awal
        far = ratio < Decimal("0.5") if ind.polaritas != Polaritas.TURUN else ratio > 2
        if far:
            yield a.temuan(
                lokasi="pengukuran kinerja",
                objek=_label_indikator(ctx, ind.kode),
                tercetak=_fmt(row.realisasi),
                dihitung="",
                awal=_fmt(ind.kondisi_awal),
                tahun=ctx.tahun,
                jauh="kurang dari separuh"
                if ind.polaritas != Polaritas.TURUN
                else "lebih dari dua kali",
            )


_NEGASI = ("belum", "tidak", "kurang", "gagal")


def cek_narasi_tercapai(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    """Kalimat narasi yang menyebut sebuah indikator "tercapai" padahal capaiannya di bawah 100%."""
    import re

    from sakip.reporting.models import Narasi

    rows = [b for b in ctx.ukur().values() if b.capaian.nilai is not None]
    for nar in Narasi.objects.filter(opd=ctx.opd, tahun=ctx.tahun):
        for kalimat in re.split(r"(?<=[.!?])\s+", nar.teks):
            low = kalimat.lower()
            if not re.search(
                r"\b(tercapai|telah mencapai target|mencapai target|berhasil dicapai)\b", low
            ):
                continue
            if any(re.search(rf"\b{w}\b[^.]*\b(tercapai|mencapai|dicapai)", low) for w in _NEGASI):
                continue
            for b in rows:
                if b.indikator.nama.lower() in low and b.capaian.nilai < 100:
                    yield a.temuan(
                        lokasi=f"narasi {nar.kunci.replace('_', ' ')}",
                        objek=_label_indikator(ctx, b.indikator.kode),
                        tercetak=kalimat.strip(),
                        dihitung=format_persen(b.capaian.nilai),
                    )


def cek_kode(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for k in ctx.klaim:
        if k.atribut == "kode" and k.kunci and k.teks != k.kunci:
            yield a.temuan(
                lokasi=k.lokasi, objek=_nama_kode(ctx, k.kunci), tercetak=k.teks, dihitung=k.kunci
            )


def cek_pembulatan(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    return iter(())  # dipanggil lewat _pembulatan dari aturan lain


ATURAN: list[Aturan] = [
    Aturan(
        "CAP-01",
        "capaian",
        KRITIS,
        "Capaian tercetak berbeda dengan hasil hitung",
        "{lokasi} mencetak capaian {objek} {tercetak}, padahal dari datanya capaian = {dihitung} ({rumus}).",
        cek_capaian,
    ),
    Aturan(
        "CAP-02",
        "capaian",
        KRITIS,
        "Capaian terhadap target akhir Renstra keliru",
        "{lokasi} mencetak capaian terhadap target akhir Renstra {objek} {tercetak}; realisasi {realisasi} terhadap kondisi akhir {akhir} memberi {dihitung}.",
        cek_capaian_renstra,
    ),
    Aturan(
        "REA-01",
        "realisasi",
        KRITIS,
        "Realisasi tercetak berbeda dengan data",
        "{lokasi} mencetak realisasi {objek} {tercetak}, padahal datanya ({asal}) = {dihitung}.",
        cek_realisasi,
    ),
    Aturan(
        "TGT-01",
        "target",
        KRITIS,
        "Target tercetak berbeda dengan target yang ditetapkan",
        "{lokasi} mencetak target {objek} {tercetak}, padahal target {sumber} = {dihitung}.",
        cek_target,
    ),
    Aturan(
        "PMB-01",
        "pembulatan",
        PERINGATAN,
        "Angka dipotong, bukan dibulatkan",
        "{lokasi} mencetak {objek} {tercetak}: hasil hitung {dihitung} dipotong; dibulatkan semestinya {dibulatkan}.",
        cek_pembulatan,
    ),
    Aturan(
        "PMB-02",
        "pembulatan",
        INFO,
        "Selisih kecil (pembulatan)",
        "{lokasi} mencetak {objek} {tercetak}; hasil hitung dari data {dihitung} (selisih kecil).",
        cek_pembulatan,
    ),
    Aturan(
        "ANG-01",
        "anggaran",
        KRITIS,
        "Jumlah anggaran tidak sama dengan jumlah barisnya",
        "{lokasi} mencetak {atribut} {objek} {tercetak}, padahal jumlah baris {tingkat_baris} di bawahnya {dihitung} (selisih {selisih}).",
        cek_anggaran_jumlah,
    ),
    Aturan(
        "ANG-02",
        "anggaran",
        KRITIS,
        "Serapan anggaran tercetak berbeda dengan data",
        "{lokasi} mencetak serapan {objek} {tercetak}, padahal realisasi {realisasi} dari pagu {pagu} = {dihitung}.",
        cek_serapan,
    ),
    Aturan(
        "ANG-03",
        "anggaran",
        PERINGATAN,
        "Persentase tidak sesuai dengan angka di barisnya sendiri",
        "{lokasi}, baris {objek}: realisasi {realisasi} dari pagu {pagu} = {dihitung}, tetapi dicetak {tercetak}.",
        cek_serapan_internal,
    ),
    Aturan(
        "ANG-04",
        "anggaran",
        KRITIS,
        "Realisasi anggaran melebihi pagu",
        "{lokasi}, {objek}: {tercetak} — realisasi {dihitung} di atas pagu.",
        cek_melebihi_pagu,
    ),
    Aturan(
        "KON-01",
        "konsistensi",
        PERINGATAN,
        "Angka yang sama dikutip berbeda di beberapa tempat",
        "{objek} dikutip dengan nilai berbeda: {daftar}.",
        cek_kutipan_berbeda,
    ),
    Aturan(
        "EFI-01",
        "efisiensi",
        KRITIS,
        "Indeks efisiensi tidak sesuai barisnya",
        "{lokasi}, {objek}: capaian output {output} ÷ capaian input {input} = {dihitung}, tetapi indeks efisiensi dicetak {tercetak}.",
        cek_indeks_efisiensi,
    ),
    Aturan(
        "EFI-02",
        "efisiensi",
        PERINGATAN,
        "Tingkat efisiensi tidak mengikuti rumus (IE − SE) ÷ SE",
        "{lokasi}, {objek}: dengan IE {ie} dan SE {se}, (IE − SE) ÷ SE = {dihitung}, tetapi dicetak {tercetak}.",
        cek_tingkat_efisiensi,
    ),
    Aturan(
        "EFI-03",
        "efisiensi",
        PERINGATAN,
        "Capaian input pada tabel efisiensi berbeda dengan serapan anggaran",
        "{lokasi}, {objek}: capaian input dicetak {tercetak}, padahal serapan anggarannya {dihitung}.",
        cek_input_efisiensi,
    ),
    Aturan(
        "EFI-04",
        "efisiensi",
        PERINGATAN,
        "Capaian output pada tabel efisiensi berbeda dengan capaian indikator",
        "{lokasi}, {objek}: capaian output dicetak {tercetak}, padahal capaian indikator '{indikator}' = {dihitung}.",
        cek_output_efisiensi,
    ),
    Aturan(
        "EFI-05",
        "efisiensi",
        PERINGATAN,
        "Kesimpulan efisiensi berbeda dengan hasil hitung dari data",
        "{lokasi}, {objek}: dicetak '{tercetak}', padahal dari data capaian output {output} dan serapan {input} (IE {ie}) kesimpulannya '{dihitung}'.",
        cek_efisiensi_data,
    ),
    Aturan(
        "RAT-01",
        "konsistensi",
        PERINGATAN,
        "Rata-rata tercetak tidak sesuai dengan barisnya",
        "{lokasi} mencetak {objek} {tercetak}, padahal rata-rata capaian {n} baris dari data = {dihitung} (rata-rata angka tercetak: {rata_tercetak}).",
        cek_rata_rata,
    ),
    Aturan(
        "HIT-01",
        "konsistensi",
        PERINGATAN,
        "Jumlah yang disebut dalam teks tidak sesuai data",
        "{lokasi} menyebut jumlah {objek} {tercetak}{kutipan}, padahal menurut data {dihitung}.",
        cek_hitungan,
    ),
    Aturan(
        "SER-01",
        "deret waktu",
        PERINGATAN,
        "Kolom satu tahun sama persis dengan tahun sebelumnya",
        "{lokasi}, {objek}: seluruh kolom tahun {tahun} ({tercetak}) sama persis dengan tahun {sebelumnya}; kemungkinan tersalin.",
        cek_kolom_tahun_sama,
    ),
    Aturan(
        "SER-02",
        "deret waktu",
        INFO,
        "Realisasi sama persis dengan tahun sebelumnya",
        "{objek}: realisasi {tahun} ({tercetak}) sama persis dengan {sebelumnya}; periksa apakah tersalin.",
        cek_realisasi_sama,
    ),
    Aturan(
        "SER-03",
        "deret waktu",
        KRITIS,
        "Realisasi berbeda dengan sumber data resminya",
        "{objek}: realisasi yang dipakai {dihitung}, sedangkan {lokasi} ({sumber}) mencatat {tercetak}.",
        cek_seri_resmi,
    ),
    Aturan(
        "REN-01",
        "renstra",
        PERINGATAN,
        "Kondisi akhir Renstra lebih buruk dari kondisi awal",
        "{objek}: {tercetak}, padahal indikator ini {arah}.",
        cek_renstra_arah,
    ),
    Aturan(
        "REN-02",
        "renstra",
        PERINGATAN,
        "Kondisi akhir tidak sama dengan target tahun terakhir",
        "{objek}: kondisi akhir {tercetak}, target tahun {tahun} {dihitung}.",
        cek_renstra_akhir,
    ),
    Aturan(
        "REN-03",
        "renstra",
        PERINGATAN,
        "Target akhir Renstra tercetak berbeda dengan Renstra",
        "{lokasi} mencetak target akhir Renstra {objek} {tercetak}, padahal kondisi akhir dalam Renstra {dihitung}.",
        cek_target_akhir_tercetak,
    ),
    Aturan(
        "DAT-01",
        "kelengkapan",
        PERINGATAN,
        "Indikator bertarget tanpa realisasi",
        "{objek} punya {tercetak} untuk tahun {tahun}, tetapi realisasinya tidak dilaporkan.",
        cek_tanpa_realisasi,
    ),
    Aturan(
        "DAT-02",
        "kelengkapan",
        INFO,
        "Realisasi tanpa catatan bukti dukung",
        "Realisasi {objek} tahun {tahun} ({tercetak}) tidak disertai catatan sumber atau bukti dukung.",
        cek_tanpa_bukti,
    ),
    Aturan(
        "DAT-03",
        "kelengkapan",
        PERINGATAN,
        "Realisasi jauh dari kondisi awal Renstra",
        "Realisasi {objek} tahun {tahun} ({tercetak}) {jauh} kondisi awal Renstra ({awal}); "
        "periksa apakah keduanya diukur dengan definisi dan sumber yang sama.",
        cek_jauh_dari_awal,
    ),
    Aturan(
        "TXT-01",
        "narasi",
        KRITIS,
        "Narasi menyebut indikator tercapai padahal capaiannya di bawah 100%",
        "{lokasi}: “{tercetak}” — padahal capaian {objek} = {dihitung}.",
        cek_narasi_tercapai,
    ),
    Aturan(
        "KOD-01",
        "nomenklatur",
        PERINGATAN,
        "Kode tercetak berbeda dengan kode nomenklatur",
        "{lokasi} mencetak kode {tercetak} untuk {objek}; kode yang sesuai nomenklatur dan sub kegiatannya {dihitung}.",
        cek_kode,
    ),
]
ATURAN_BY_ID = {a.id: a for a in ATURAN}


def jalankan(ctx: Konteks, aturan: Iterable[Aturan] = ATURAN) -> list[Temuan]:
    """Jalankan semua aturan; temuan diurutkan menurut tingkat lalu id aturan."""
    found: list[Temuan] = []
    seen = set()
    for a in aturan:
        for t in a.fungsi(ctx, a):
            key = (t.aturan, t.lokasi, t.objek, t.tercetak)
            if key not in seen:
                seen.add(key)
                found.append(t)
    found.sort(key=lambda t: (URUTAN_TINGKAT[t.tingkat], t.aturan))
    return found


def reviu_opd(opd: PerangkatDaerah, tahun: int) -> list[Temuan]:
    return jalankan(Konteks(opd, tahun))
