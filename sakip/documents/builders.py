"""Membangun dokumen dari data: LKjIP, Perjanjian Kinerja, Rencana Aksi, Pengukuran Kinerja Triwulan.

Setiap angka dihitung dari data (layanan pengukuran dan rekap anggaran). Narasi diambil dari
:class:`~sakip.reporting.models.Narasi`; bila kosong, kalimat faktual disusun dari data dan
ditandai sebagai draf.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from sakip.budget.services import Simpul, rekap_anggaran
from sakip.core.aggregation import ROMAWI
from sakip.core.capaian import Polaritas, hitung_capaian
from sakip.core.efisiensi import analisis_efisiensi
from sakip.core.numbers import format_angka, format_persen, format_rupiah
from sakip.measurement.models import Periode, Realisasi, SeriData
from sakip.measurement.services import BarisPengukuran, pengukuran
from sakip.organisations.models import PerangkatDaerah
from sakip.planning.models import Indikator, PerjanjianKinerja, Program, Renstra, TahunKinerja
from sakip.reporting.models import Narasi
from sakip.review.models import TemuanReviu

from . import charts
from .document import (
    Bagian,
    Daftar,
    Dokumen,
    Paragraf,
    Penanda,
    Sel,
    Tabel,
    TandaTangan,
    angka,
    beri_nomor,
)

BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


class DokumenError(ValueError):
    pass


def n(value, places: int | None = 2) -> str:
    """Angka Indonesia; tanpa nol tak berarti untuk target dan realisasi."""
    if value is None:
        return "–"
    return format_angka(value, places, strip_zeros=True)


def pct(value) -> str:
    return "–" if value is None else format_persen(value)


def rp(value) -> str:
    return format_angka(value, 0)


def tanggal_id(d) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}" if d else ""


@dataclass
class _Ctx:
    opd: PerangkatDaerah
    tahun: int

    @cached_property
    def tk(self) -> TahunKinerja:
        tk = TahunKinerja.objects.filter(opd=self.opd, tahun=self.tahun).first()
        if tk is None:
            raise DokumenError(f"{self.opd.nama} belum punya data tahun {self.tahun}")
        return tk

    @cached_property
    def renstra(self) -> Renstra | None:
        return (
            Renstra.objects.filter(
                opd=self.opd, tahun_awal__lte=self.tahun, tahun_akhir__gte=self.tahun
            )
            .prefetch_related("tujuan__sasaran")
            .order_by("-tahun_awal")
            .first()
        )

    @cached_property
    def ukur(self) -> list[BarisPengukuran]:
        return pengukuran(self.opd, self.tahun)

    @cached_property
    def ukur_kode(self) -> dict[str, BarisPengukuran]:
        return {b.indikator.kode: b for b in self.ukur}

    @cached_property
    def rekap(self) -> Simpul:
        return rekap_anggaran(self.opd, self.tahun)

    @cached_property
    def narasi(self) -> dict[str, str]:
        return {x.kunci: x.teks for x in Narasi.objects.filter(opd=self.opd, tahun=self.tahun)}

    @cached_property
    def pk(self) -> list[PerjanjianKinerja]:
        return list(
            PerjanjianKinerja.objects.filter(opd=self.opd, tahun=self.tahun)
            .prefetch_related(
                "indikator__indikator__sasaran", "indikator__rencana_aksi", "anggaran__program"
            )
            .order_by("versi")
        )

    @cached_property
    def indikator_renstra(self) -> list[Indikator]:
        if not self.renstra:
            return []
        from django.db.models import Q

        return list(
            Indikator.objects.filter(
                Q(tujuan__renstra=self.renstra) | Q(sasaran__tujuan__renstra=self.renstra),
                opd=self.opd,
            )
            .select_related("tujuan", "sasaran__tujuan")
            .prefetch_related("target")
            .order_by("sasaran__tujuan__urutan", "sasaran__urutan", "urutan", "id")
        )

    def penanda_kepala(self, atas: str = "") -> Penanda:
        tk = self.tk
        return Penanda(
            tk.penandatangan_jabatan or f"Kepala {self.opd.nama}",
            tk.penandatangan_nama or self.opd.kepala_nama,
            tk.penandatangan_pangkat or self.opd.kepala_pangkat,
            tk.penandatangan_nip or self.opd.kepala_nip,
            atas,
        )

    def tempat_tanggal(self) -> str:
        tk = self.tk
        tempat = tk.tempat or self.opd.pemda.ibukota
        return f"{tempat}, {tanggal_id(tk.tanggal)}" if tk.tanggal else tempat

    def teks(self, kunci: str, draf: list[str]) -> list[Paragraf]:
        if self.narasi.get(kunci):
            return [Paragraf(p.strip()) for p in self.narasi[kunci].split("\n\n") if p.strip()]
        return [Paragraf(p, draf=True) for p in draf]


def _predikat(b: BarisPengukuran) -> str:
    return b.predikat.label if b.predikat else "–"


def _target_teks(b: BarisPengukuran) -> str:
    if b.target is None:
        return "–"
    return n(b.target.bawah) + (f"–{n(b.target.atas)}" if b.target.atas is not None else "")


def _capaian(b: BarisPengukuran) -> str:
    return pct(b.capaian.nilai) if b.capaian.nilai is not None else "tidak dapat dihitung"


def kalimat_indikator(b: BarisPengukuran, tahun: int) -> str:
    ind = b.indikator
    satuan = (
        f" {ind.satuan}"
        if ind.satuan and ind.satuan not in ("%", "Persen", "persen")
        else ("%" if ind.satuan else "")
    )
    if b.realisasi is None:
        return (
            f"Pada tahun {tahun}, realisasi indikator {ind.nama} belum dilaporkan, sehingga capaiannya terhadap "
            f"target {_target_teks(b)}{satuan} tidak dapat dihitung."
        )
    if b.pembilang is not None:
        awal = (
            f"Pada tahun {tahun}, dari {n(b.penyebut)} {ind.penyebut.lower()}, sebanyak {n(b.pembilang)} "
            f"{ind.pembilang.lower()} ({pct(b.realisasi)})."
        )
    else:
        awal = (
            f"Pada tahun {tahun}, realisasi indikator {ind.nama} sebesar {n(b.realisasi)}{satuan}."
        )
    if b.capaian.nilai is None:
        return f"{awal} Capaian tidak dapat dihitung: {b.capaian.alasan}."
    arah = (
        "melampaui"
        if b.capaian.nilai > 100
        else ("sama dengan" if b.capaian.nilai == 100 else "di bawah")
    )
    turun = " (indikator makin rendah makin baik)" if ind.polaritas == Polaritas.TURUN else ""
    return (
        f"{awal} Terhadap target {_target_teks(b)}{satuan}{turun}, capaiannya {pct(b.capaian.nilai)}, "
        f"{arah} target, dengan predikat {_predikat(b)}."
    )


# ---------------------------------------------------------------------------
# Tabel-tabel yang dipakai bersama
# ---------------------------------------------------------------------------
def tabel_renstra(ctx: _Ctx) -> Tabel | None:
    r = ctx.renstra
    if not r:
        return None
    years = r.tahun_list
    head1 = [
        Sel("No", rowspan=2),
        Sel("Tujuan / Sasaran", rowspan=2),
        Sel("Indikator", rowspan=2),
        Sel("Satuan", rowspan=2),
        Sel("Kondisi awal", rowspan=2),
        Sel("Target", colspan=len(years)),
        Sel("Kondisi akhir", rowspan=2),
    ]
    head2 = [Sel(str(y)) for y in years]
    rows, bold = [], set()
    no = 0
    for t in r.tujuan.all():
        inds = [i for i in ctx.indikator_renstra if i.tujuan_id == t.id]
        rows.append([Sel(""), Sel(f"Tujuan: {t.uraian}", tebal=True, colspan=4 + len(years) + 2)])
        bold.add(len(rows) - 1)
        for i in inds:
            no += 1
            rows.append(_baris_renstra(no, "", i, years))
        for s in t.sasaran.all():
            for j, i in enumerate([i for i in ctx.indikator_renstra if i.sasaran_id == s.id]):
                no += 1
                rows.append(_baris_renstra(no, s.uraian if j == 0 else "", i, years))
    return Tabel(
        f"Tujuan, Sasaran dan Indikator Kinerja Renstra {r.tahun_awal}–{r.tahun_akhir}",
        [head1, head2],
        rows,
        sumber=r.nama or "Renstra",
        baris_tebal=bold,
        kecil=len(years) > 5,
    )


def _baris_renstra(no: int, sasaran: str, i: Indikator, years: list[int]) -> list[Sel]:
    targets = {t.tahun: t for t in i.target.all()}
    cells = [
        Sel(str(no), rata="tengah"),
        Sel(sasaran),
        Sel(i.nama + (" (IKU)" if i.iku else "")),
        Sel(i.satuan),
        angka(n(i.kondisi_awal)),
    ]
    for y in years:
        t = targets.get(y)
        cells.append(
            angka(
                "–"
                if t is None
                else n(t.nilai) + (f"–{n(t.nilai_atas)}" if t.nilai_atas is not None else "")
            )
        )
    cells.append(angka(n(i.kondisi_akhir)))
    return cells


def tabel_iku(ctx: _Ctx) -> Tabel | None:
    iku = [i for i in ctx.indikator_renstra if i.iku]
    if not iku:
        return None
    rows = []
    for k, i in enumerate(iku, 1):
        owner = i.sasaran.uraian if i.sasaran_id else i.tujuan.uraian
        formula = i.formula or (
            f"{i.pembilang} ÷ {i.penyebut} × {n(i.pengali)}" if i.is_rumus else ""
        )
        rows.append(
            [
                Sel(str(k), rata="tengah"),
                Sel(owner),
                Sel(i.nama),
                Sel(formula + f"\n({Polaritas(i.polaritas).label.lower()})"),
                Sel(i.penanggung_jawab),
                Sel(i.sumber_data),
            ]
        )
    return Tabel.buat(
        "Indikator Kinerja Utama",
        [
            "No",
            "Tujuan/Sasaran",
            "Indikator Kinerja Utama",
            "Formula / Penjelasan",
            "Penanggung jawab",
            "Sumber data",
        ],
        rows,
        lebar=[0.5, 3, 3, 3, 2, 2],
    )


def tabel_pk(ctx: _Ctx, pk: PerjanjianKinerja) -> list[Tabel]:
    rows = []
    for k, it in enumerate(pk.indikator.all(), 1):
        ind = it.indikator
        sas = ind.sasaran.uraian if ind.sasaran_id else (ind.tujuan.uraian if ind.tujuan_id else "")
        target = n(it.target) + (f"–{n(it.target_atas)}" if it.target_atas is not None else "")
        rows.append(
            [
                Sel(str(k), rata="tengah"),
                Sel(sas),
                Sel(ind.nama),
                angka(f"{target} {ind.satuan}".strip()),
            ]
        )
    label = (
        "PK Murni"
        if pk.versi == 1
        else f"PK Perubahan{'' if pk.versi == 2 else f' ke-{pk.versi - 1}'}"
    )
    out = [
        Tabel.buat(
            f"Perjanjian Kinerja Tahun {pk.tahun} ({label})",
            ["No", "Sasaran Strategis", "Indikator Kinerja", "Target"],
            rows,
            lebar=[0.5, 4, 4, 1.6],
        )
    ]
    budget = list(pk.anggaran.all())
    if budget:
        brow = [
            [
                Sel(str(k), rata="tengah"),
                Sel(f"{a.program.kode} {a.program.nama}"),
                angka(rp(a.pagu)),
            ]
            for k, a in enumerate(budget, 1)
        ]
        brow.append(
            [
                Sel(""),
                Sel("Jumlah", tebal=True),
                angka(rp(sum((a.pagu for a in budget), Decimal(0))), tebal=True),
            ]
        )
        out.append(
            Tabel.buat(
                f"Program dan Anggaran dalam {label} {pk.tahun}",
                ["No", "Program", "Anggaran (Rp)"],
                brow,
                baris_tebal={len(brow) - 1},
            )
        )
    return out


def tabel_pengukuran(ctx: _Ctx, rows: list[BarisPengukuran], judul: str) -> Tabel:
    body = []
    for k, b in enumerate(rows, 1):
        ind = b.indikator
        sas = ind.sasaran.uraian if ind.sasaran_id else (ind.tujuan.uraian if ind.tujuan_id else "")
        body.append(
            [
                Sel(str(k), rata="tengah"),
                Sel(sas),
                Sel(ind.nama),
                Sel(ind.satuan),
                angka(_target_teks(b)),
                angka(n(b.realisasi)),
                angka(_capaian(b)),
                Sel(_predikat(b)),
            ]
        )
    return Tabel.buat(
        judul,
        ["No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian", "Predikat"],
        body,
        lebar=[0.5, 3, 3.5, 1.2, 1.2, 1.2, 1.3, 1.5],
    )


def tabel_anggaran(ctx: _Ctx) -> Tabel:
    body, bold = [], set()
    for node in ctx.rekap.iter():
        if node.tingkat in ("opd", "sub_kegiatan"):
            continue
        label = node.nama
        if node.tingkat in ("urusan", "bidang", "program"):
            bold.add(len(body))
        if not node.ada_data:
            body.append(
                [Sel(node.kode), Sel(label), Sel("anggaran belum diisi", colspan=4, rata="tengah")]
            )
            continue
        body.append(
            [
                Sel(node.kode),
                Sel(label),
                angka(rp(node.jumlah.pagu)),
                angka(rp(node.jumlah.realisasi)),
                angka(rp(node.jumlah.sisa)),
                angka(pct(node.jumlah.serapan.nilai)),
            ]
        )
    j = ctx.rekap.jumlah
    body.append(
        [
            Sel(""),
            Sel("JUMLAH", tebal=True),
            angka(rp(j.pagu), tebal=True),
            angka(rp(j.realisasi), tebal=True),
            angka(rp(j.sisa), tebal=True),
            angka(pct(j.serapan.nilai), tebal=True),
        ]
    )
    bold.add(len(body) - 1)
    return Tabel.buat(
        f"Target dan Realisasi Anggaran Tahun {ctx.tahun}",
        [
            "Kode",
            "Urusan / Program / Kegiatan",
            "Pagu (Rp)",
            "Realisasi (Rp)",
            "Sisa (Rp)",
            "Serapan",
        ],
        body,
        baris_tebal=bold,
        lebar=[1.4, 5, 1.8, 1.8, 1.6, 1],
    )


def _pemilik_ukur(ctx: _Ctx) -> dict[str, list[BarisPengukuran]]:
    out: dict[str, list[BarisPengukuran]] = defaultdict(list)
    for b in ctx.ukur:
        if b.indikator.tingkat in ("program", "kegiatan", "sub_kegiatan"):
            owner = b.indikator.pemilik
            out[f"{b.indikator.tingkat}:{owner.pk}"].append(b)
    return out


def tabel_capaian_indikator(ctx: _Ctx) -> Tabel:
    """Lampiran realisasi anggaran dengan tata letak "capaian indikator kinerja" (kode, pagu, indikator)."""
    by_owner = _pemilik_ukur(ctx)
    body, bold = [], set()
    level_avg: dict[str, list[Decimal]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for node in ctx.rekap.iter():
        if node.tingkat == "opd":
            continue
        inds = (
            by_owner.get(f"{node.tingkat}:{node.obj.pk}", [])
            if node.tingkat in ("program", "kegiatan", "sub_kegiatan")
            else []
        )
        if node.tingkat in ("program", "kegiatan", "sub_kegiatan"):
            counts[node.tingkat] += 1
            if inds and inds[0].capaian.nilai is not None:
                level_avg[node.tingkat].append(inds[0].capaian.nilai)
        money = (
            [
                angka(rp(node.jumlah.pagu)),
                angka(rp(node.jumlah.realisasi)),
                angka(pct(node.jumlah.serapan.nilai)),
            ]
            if node.ada_data
            else [Sel("–", rata="tengah")] * 3
        )
        first = inds[0] if inds else None
        ind_cells = (
            [
                Sel(f"{first.indikator.nama} ({first.indikator.satuan})"),
                angka(_target_teks(first)),
                angka(n(first.realisasi)),
                angka(_capaian(first)),
            ]
            if first
            else [Sel("")] * 4
        )
        if node.tingkat in ("urusan", "bidang", "program"):
            bold.add(len(body))
        body.append([Sel(node.kode), Sel(node.nama), *money, *ind_cells])
        for extra in inds[1:]:
            body.append(
                [
                    Sel(""),
                    Sel(""),
                    Sel(""),
                    Sel(""),
                    Sel(""),
                    Sel(f"{extra.indikator.nama} ({extra.indikator.satuan})"),
                    angka(_target_teks(extra)),
                    angka(n(extra.realisasi)),
                    angka(_capaian(extra)),
                ]
            )
    j = ctx.rekap.jumlah
    for level, label in (
        ("program", "Program"),
        ("kegiatan", "Kegiatan"),
        ("sub_kegiatan", "Sub Kegiatan"),
    ):
        vals = level_avg.get(level, [])
        avg = pct(sum(vals, Decimal(0)) / len(vals)) if vals else "–"
        body.append(
            [
                Sel(""),
                Sel(f"Jumlah {label}: {counts.get(level, 0)}", tebal=True),
                Sel(""),
                Sel(""),
                Sel(""),
                Sel(f"Rata-rata capaian {label.lower()}", tebal=True),
                Sel(""),
                Sel(""),
                angka(avg, tebal=True),
            ]
        )
        bold.add(len(body) - 1)
    body.append(
        [
            Sel(""),
            Sel("JUMLAH", tebal=True),
            angka(format_rupiah(j.pagu), tebal=True),
            angka(format_rupiah(j.realisasi), tebal=True),
            angka(pct(j.serapan.nilai), tebal=True),
            Sel(""),
            Sel(""),
            Sel(""),
            Sel(""),
        ]
    )
    sisa_pct = (j.sisa / j.pagu * 100) if j.pagu else None
    body.append(
        [
            Sel(""),
            Sel("SISA", tebal=True),
            Sel(""),
            angka(format_rupiah(j.sisa), tebal=True),
            angka(pct(sisa_pct), tebal=True),
            Sel(""),
            Sel(""),
            Sel(""),
            Sel(""),
        ]
    )
    bold.update({len(body) - 2, len(body) - 1})
    head1 = [
        Sel("Kode", rowspan=2),
        Sel("Program / Kegiatan / Sub Kegiatan", rowspan=2),
        Sel("Anggaran", colspan=3),
        Sel("Indikator Kinerja", colspan=4),
    ]
    head2 = [
        Sel("Pagu (Rp)"),
        Sel("Realisasi (Rp)"),
        Sel("%"),
        Sel("Indikator (satuan)"),
        Sel("Target"),
        Sel("Realisasi"),
        Sel("Capaian"),
    ]
    return Tabel(
        f"Realisasi Anggaran dan Capaian Indikator Kinerja Tahun {ctx.tahun}",
        [head1, head2],
        body,
        baris_tebal=bold,
        kecil=True,
        lebar=[1.5, 4, 1.6, 1.6, 0.8, 4, 0.9, 0.9, 0.9],
    )


def tabel_efisiensi(ctx: _Ctx) -> Tabel | None:
    by_owner = _pemilik_ukur(ctx)
    body, bold = [], set()
    for node in ctx.rekap.iter():
        if node.tingkat not in ("program", "kegiatan", "sub_kegiatan") or not node.ada_data:
            continue
        inds = by_owner.get(f"{node.tingkat}:{node.obj.pk}", [])
        if not inds or inds[0].capaian.nilai is None:
            continue
        h = analisis_efisiensi(inds[0].capaian.nilai, node.jumlah.serapan.nilai)
        if node.tingkat == "program":
            bold.add(len(body))
        body.append(
            [
                Sel(node.kode),
                Sel(node.nama),
                angka(pct(h.capaian_output)),
                angka(pct(h.capaian_input)),
                angka(n(h.indeks, 2) if h.indeks is not None else "–"),
                angka(n(h.standar, 2)),
                angka(format_angka(h.tingkat, 2) if h.tingkat is not None else "–"),
                Sel(h.kesimpulan or h.alasan or ""),
            ]
        )
    if not body:
        return None
    return Tabel.buat(
        "Tingkat Efisiensi dalam Pencapaian Sasaran",
        [
            "Kode",
            "Program / Kegiatan / Sub Kegiatan",
            "Capaian output",
            "Capaian input (serapan)",
            "Indeks efisiensi (IE)",
            "Standar (SE)",
            "Tingkat efisiensi (IE−SE)/SE",
            "Kesimpulan",
        ],
        body,
        baris_tebal=bold,
        kecil=True,
        lebar=[1.5, 5, 1.2, 1.3, 1.1, 1, 1.3, 1.3],
    )


def tabel_triwulan(ctx: _Ctx, rows: list[BarisPengukuran]) -> Tabel:
    body = []
    ra = {}
    for pk in ctx.pk:
        for it in pk.indikator.all():
            ra[it.indikator_id] = {r.triwulan: r for r in it.rencana_aksi.all()}
    for k, b in enumerate(rows, 1):
        plan = ra.get(b.indikator.id, {})
        cells = [
            Sel(str(k), rata="tengah"),
            Sel(b.indikator.nama),
            Sel(b.indikator.satuan),
            angka(_target_teks(b)),
        ]
        for tw in (1, 2, 3, 4):
            t = plan.get(tw)
            cells.append(angka(n(t.target) if t and t.target is not None else "–"))
            cells.append(angka(n(b.triwulan.get(tw))))
        cells += [angka(n(b.realisasi)), angka(_capaian(b))]
        body.append(cells)
    head1 = [
        Sel("No", rowspan=2),
        Sel("Indikator", rowspan=2),
        Sel("Satuan", rowspan=2),
        Sel("Target tahun", rowspan=2),
    ]
    head1 += [Sel(f"Triwulan {ROMAWI[tw]}", colspan=2) for tw in (1, 2, 3, 4)]
    head1 += [Sel("Realisasi tahun", rowspan=2), Sel("Capaian", rowspan=2)]
    head2 = [Sel(x) for _ in range(4) for x in ("Target", "Realisasi")]
    return Tabel(
        f"Pengukuran Kinerja Triwulan Tahun {ctx.tahun}",
        [head1, head2],
        body,
        kecil=True,
        sumber="Target triwulan dari Rencana Aksi; realisasi triwulan dari data realisasi sakip",
    )


def tabel_data_umum(ctx: _Ctx) -> list[Tabel]:
    """Seri data yang tidak terkait indikator (mis. jumlah perusahaan, UMK), satu tabel per kelompok tahun."""
    series = list(
        SeriData.objects.filter(opd=ctx.opd, indikator__isnull=True)
        .prefetch_related("nilai")
        .order_by("id")
    )
    if not series:
        return []
    years = sorted({v.tahun for s in series for v in s.nilai.all() if not v.wilayah})
    body = []
    for s in series:
        vals = {v.tahun: v.nilai for v in s.nilai.all() if not v.wilayah}
        label = s.nama + (f" ({s.satuan})" if s.satuan else "")
        body.append([Sel(label)] + [angka(n(vals[y]) if y in vals else "–") for y in years])
    sumber = "; ".join(dict.fromkeys(s.sumber for s in series if s.sumber))
    return [Tabel.buat("Data Umum", ["Uraian"] + [str(y) for y in years], body, sumber=sumber)]


def tabel_rencana_aksi(ctx: _Ctx) -> Tabel | None:
    if not ctx.pk:
        return None
    pk = ctx.pk[-1]
    body = []
    for k, it in enumerate(pk.indikator.all(), 1):
        plan = {r.triwulan: r for r in it.rencana_aksi.all()}
        cells = [
            Sel(str(k), rata="tengah"),
            Sel(it.indikator.nama),
            Sel(it.indikator.satuan),
            angka(n(it.target)),
        ]
        for tw in (1, 2, 3, 4):
            r = plan.get(tw)
            cells.append(angka(n(r.target) if r and r.target is not None else "–"))
        cells.append(
            Sel("; ".join(r.rencana_kegiatan for r in plan.values() if r.rencana_kegiatan))
        )
        body.append(cells)
    return Tabel.buat(
        f"Rencana Aksi atas {pk} ",
        [
            "No",
            "Indikator",
            "Satuan",
            "Target tahun",
            "TW I",
            "TW II",
            "TW III",
            "TW IV",
            "Rencana kegiatan",
        ],
        body,
    )


# ---------------------------------------------------------------------------
# LKjIP
# ---------------------------------------------------------------------------
DASAR_HUKUM = [
    "Undang-Undang Nomor 17 Tahun 2003 tentang Keuangan Negara;",
    "Undang-Undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional;",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah beserta perubahannya;",
    "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi Pemerintah;",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;",
    "Peraturan Menteri PANRB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah;",
    "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah;",
    "Peraturan Menteri PANRB Nomor 88 Tahun 2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah.",
]


def bangun_lkjip(opd: PerangkatDaerah, tahun: int, dengan_reviu: bool = True) -> Dokumen:
    ctx = _Ctx(opd, tahun)
    ctx.tk  # noqa: B018 - memastikan data tahun ada
    pemda = opd.pemda
    renstra_rows = [b for b in ctx.ukur if b.indikator.tingkat in ("tujuan", "sasaran")]
    terukur = [b for b in renstra_rows if b.capaian.nilai is not None]
    tercapai = [b for b in terukur if b.capaian.nilai >= 100]
    j = ctx.rekap.jumlah
    programs = [x for x in ctx.rekap.iter() if x.tingkat == "program"]
    kegiatan = [x for x in ctx.rekap.iter() if x.tingkat == "kegiatan"]
    doc = Dokumen(
        "lkjip",
        "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)",
        [opd.nama.upper(), pemda.nama.upper(), f"TAHUN {tahun}"],
        f"lkjip-{opd.slug}-{tahun}",
    )

    kp = Bagian("KATA PENGANTAR")
    kp.isi += ctx.teks(
        "kata_pengantar",
        [
            f"Laporan Kinerja Instansi Pemerintah (LKjIP) {opd.nama} Tahun {tahun} disusun sebagai wujud pertanggungjawaban "
            f"atas pelaksanaan tugas dan fungsi serta penggunaan anggaran tahun {tahun}, berpedoman pada Peraturan Menteri PANRB "
            "Nomor 53 Tahun 2014.",
            "Laporan ini memuat perencanaan kinerja, perjanjian kinerja, pengukuran dan analisis capaian kinerja, serta realisasi "
            "anggaran, sebagai bahan evaluasi dan perbaikan kinerja pada tahun berikutnya.",
        ],
    )
    kp.isi.append(TandaTangan([ctx.penanda_kepala(ctx.tempat_tanggal())]))
    doc.bagian.append(kp)

    ik = Bagian("IKHTISAR EKSEKUTIF")
    n_sas = sum(t.sasaran.count() for t in ctx.renstra.tujuan.all()) if ctx.renstra else 0
    ik.isi += ctx.teks(
        "ikhtisar",
        [
            f"Pada tahun {tahun}, {opd.nama} mengukur {len(renstra_rows)} indikator kinerja tujuan dan sasaran "
            f"({n_sas} sasaran strategis). Dari {len(terukur)} indikator yang capaiannya dapat dihitung, {len(tercapai)} mencapai "
            f"atau melampaui target dan {len(terukur) - len(tercapai)} belum mencapai target"
            + (
                f"; {len(renstra_rows) - len(terukur)} indikator belum dapat dihitung capaiannya."
                if len(renstra_rows) > len(terukur)
                else "."
            ),
            f"Untuk mencapai sasaran tersebut dilaksanakan {len(programs)} program dan {len(kegiatan)} kegiatan dengan pagu "
            f"{format_rupiah(j.pagu)} dan realisasi {format_rupiah(j.realisasi)} ({pct(j.serapan.nilai)}).",
        ],
    )
    if renstra_rows:
        ik.isi.append(
            Daftar(
                [
                    f"{b.indikator.nama}: target {_target_teks(b)}, realisasi {n(b.realisasi)}, "
                    f"capaian {_capaian(b)}" + (f" ({_predikat(b)})" if b.predikat else "")
                    for b in renstra_rows
                ],
                bernomor=False,
            )
        )
    doc.bagian.append(ik)

    # BAB I ------------------------------------------------------------------
    b1 = Bagian("PENDAHULUAN", nomor="BAB I", angka_bab=1)
    b1.sub("Latar Belakang", "1.1").isi += ctx.teks(
        "latar_belakang",
        [
            "Peraturan Presiden Nomor 29 Tahun 2014 mewajibkan setiap perangkat daerah menyusun laporan kinerja sebagai "
            f"pertanggungjawaban atas capaian kinerja terhadap perjanjian kinerja. LKjIP ini melaporkan kinerja {opd.nama} tahun {tahun}."
        ],
    )
    dh = b1.sub("Dasar Hukum", "1.2")
    if ctx.narasi.get("dasar_hukum"):
        dh.isi.append(
            Daftar([x.strip() for x in ctx.narasi["dasar_hukum"].splitlines() if x.strip()])
        )
    else:
        dh.isi.append(Daftar(DASAR_HUKUM, draf=True))
    umum = tabel_data_umum(ctx)
    if umum:
        b1.sub("Gambaran Umum").isi.extend(umum)
    b1.sub("Isu Strategis", "1.3").isi += ctx.teks(
        "isu_strategis", ["(Isu strategis belum diisi.)"]
    )
    b1.sub("Struktur Organisasi", "1.4").isi += ctx.teks(
        "struktur_organisasi",
        [
            f"{opd.nama} melaksanakan urusan "
            + ", ".join(u.nama for u in opd.urusan.filter(induk__isnull=False))
            + "."
        ],
    )
    b1.sub("Sistematika Penulisan", "1.5").tambah(
        Daftar(
            [
                "Bab I Pendahuluan: latar belakang, dasar hukum, isu strategis, struktur organisasi dan sistematika.",
                "Bab II Perencanaan dan Perjanjian Kinerja: Renstra, Indikator Kinerja Utama dan Perjanjian Kinerja.",
                "Bab III Akuntabilitas Kinerja: pengukuran, analisis dan evaluasi capaian kinerja, efisiensi, serta realisasi anggaran.",
                "Bab IV Penutup: kesimpulan dan saran.",
                "Lampiran: Perjanjian Kinerja, Rencana Aksi, pengukuran kinerja dan realisasi anggaran.",
            ]
        )
    )
    doc.bagian.append(b1)

    # BAB II -----------------------------------------------------------------
    b2 = Bagian("PERENCANAAN DAN PERJANJIAN KINERJA", nomor="BAB II", angka_bab=2)
    s21 = b2.sub("Rencana Strategis", "2.1")
    if ctx.renstra:
        r = ctx.renstra
        if r.visi:
            s21.tambah(Paragraf(f"Visi: “{r.visi}”."))
        if r.misi:
            s21.tambah(Paragraf("Misi:"), Daftar(list(r.misi)))
        t = tabel_renstra(ctx)
        if t:
            s21.tambah(t)
    else:
        s21.tambah(Paragraf(f"Renstra yang berlaku untuk tahun {tahun} belum tercatat."))
    s22 = b2.sub("Indikator Kinerja Utama", "2.2")
    t = tabel_iku(ctx)
    s22.tambah(t if t else Paragraf("Belum ada indikator yang ditetapkan sebagai IKU."))
    s23 = b2.sub("Perjanjian Kinerja", "2.3")
    if ctx.pk:
        for pk in ctx.pk:
            if pk.versi > 1 and pk.alasan_perubahan:
                s23.tambah(Paragraf(f"Perjanjian Kinerja diubah ({pk}): {pk.alasan_perubahan}"))
            s23.isi.extend(tabel_pk(ctx, pk))
    else:
        s23.tambah(
            Paragraf(
                f"Perjanjian Kinerja tahun {tahun} belum tercatat dalam sakip; pengukuran memakai target Renstra.",
                draf=True,
            )
        )
    doc.bagian.append(b2)

    # BAB III ----------------------------------------------------------------
    b3 = Bagian("AKUNTABILITAS KINERJA", nomor="BAB III", angka_bab=3)
    s31 = b3.sub("Capaian Kinerja Organisasi", "3.1")
    s31.tambah(
        Paragraf(
            "Capaian dihitung sakip dari data: realisasi ÷ target × 100% untuk indikator yang makin tinggi makin baik; untuk "
            "indikator yang makin rendah makin baik "
            + (
                "(1 + (1 − realisasi ÷ target)) × 100%"
                if pemda.metode_turun == "permenpan"
                else "target ÷ realisasi × 100%"
            )
            + f". Predikat mengikuti skala {pemda.skala().nama}."
        )
    )
    if renstra_rows:
        s31.tambah(tabel_pengukuran(ctx, renstra_rows, f"Pengukuran Kinerja Tahun {tahun}"))
        g = charts.target_realisasi(
            "Target dan Realisasi Indikator Kinerja",
            [
                (b.indikator.nama, b.target.bawah if b.target else None, b.realisasi)
                for b in renstra_rows
                if b.indikator.satuan in ("%", "Persen", "persen")
            ],
        )
        if g:
            s31.tambah(g)
    if ctx.renstra:
        for ti in ctx.renstra.tujuan.all():
            for s in ti.sasaran.all():
                _bagian_sasaran(ctx, s31.sub(f"Sasaran {s.kode}: {s.uraian}"), s)
            tuj_rows = [b for b in renstra_rows if b.indikator.tujuan_id == ti.id]
            if tuj_rows:
                sub = s31.sub(f"Indikator Tujuan: {ti.uraian}")
                sub.isi.extend(Paragraf(kalimat_indikator(b, tahun), draf=True) for b in tuj_rows)
    s32 = b3.sub("Capaian Kinerja Program, Kegiatan dan Sub Kegiatan", "3.2")
    out_rows = [
        b for b in ctx.ukur if b.indikator.tingkat in ("program", "kegiatan", "sub_kegiatan")
    ]
    if out_rows:
        body = [
            [
                Sel(getattr(b.indikator.pemilik, "kode", "") or ""),
                Sel(b.indikator.pemilik.nama),
                Sel(b.indikator.nama),
                angka(_target_teks(b)),
                angka(n(b.realisasi)),
                Sel(b.indikator.satuan),
                angka(_capaian(b)),
            ]
            for b in out_rows
        ]
        s32.tambah(
            Tabel.buat(
                f"Capaian Indikator Program, Kegiatan dan Sub Kegiatan Tahun {tahun}",
                [
                    "Kode",
                    "Program / Kegiatan / Sub Kegiatan",
                    "Indikator",
                    "Target",
                    "Realisasi",
                    "Satuan",
                    "Capaian",
                ],
                body,
                kecil=True,
                lebar=[1.4, 3.5, 4.5, 1, 1, 1.2, 1],
            )
        )
    else:
        s32.tambah(
            Paragraf(
                "Belum ada indikator program/kegiatan/sub kegiatan dengan target atau realisasi."
            )
        )
    s33 = b3.sub("Analisis Efisiensi", "3.3")
    te = tabel_efisiensi(ctx)
    if te:
        s33.tambah(
            Paragraf(
                "Indeks efisiensi = capaian output ÷ capaian input (serapan anggaran); tingkat efisiensi = "
                "(IE − SE) ÷ SE dengan standar efisiensi SE = 1; efisien bila tingkat efisiensi ≥ 0."
            ),
            te,
        )
        tidak = [r for r in te.baris if r[-1].teks == "tidak efisien"]
        s33.tambah(
            Paragraf(
                f"Dari {len(te.baris)} program, kegiatan dan sub kegiatan yang dianalisis, {len(tidak)} tergolong tidak "
                "efisien"
                + (": " + "; ".join(f"{r[0].teks} {r[1].teks}" for r in tidak) if tidak else "")
                + ".",
                draf=True,
            )
        )
    else:
        s33.tambah(
            Paragraf(
                "Analisis efisiensi memerlukan indikator dan anggaran pada tingkat program/kegiatan/sub kegiatan."
            )
        )
    s34 = b3.sub("Akuntabilitas Keuangan", "3.4")
    s34.tambah(tabel_anggaran(ctx))
    prog_nodes = [x for x in programs if x.ada_data]
    g = charts.serapan_program(
        "Serapan Anggaran per Program",
        [(f"{x.kode} {x.nama}", x.jumlah.serapan.nilai) for x in prog_nodes],
    )
    if g:
        s34.tambah(g)
    keg_data = [x for x in kegiatan if x.ada_data and x.jumlah.serapan.nilai is not None]
    s34.tambah(
        Paragraf(
            f"Dari {len(prog_nodes)} program dan {len(keg_data)} kegiatan yang dianggarkan, realisasi anggaran mencapai "
            f"{format_rupiah(j.realisasi)} dari pagu {format_rupiah(j.pagu)} ({pct(j.serapan.nilai)}), dengan sisa "
            f"{format_rupiah(j.sisa)}. Terdapat {sum(1 for x in keg_data if x.jumlah.serapan.nilai > 90)} kegiatan dengan serapan "
            f"di atas 90% dan {sum(1 for x in keg_data if x.jumlah.serapan.nilai < 70)} kegiatan dengan serapan di bawah 70%.",
            draf=True,
        )
    )
    s35 = b3.sub("Faktor Pendukung dan Penghambat", "3.5")
    s35.isi += ctx.teks("faktor_pendukung", ["(Faktor pendukung belum diisi.)"])
    s35.isi += ctx.teks("faktor_penghambat", ["(Faktor penghambat belum diisi.)"])
    doc.bagian.append(b3)

    # BAB IV -----------------------------------------------------------------
    b4 = Bagian("PENUTUP", nomor="BAB IV", angka_bab=4)
    kes = b4.sub("Kesimpulan", "4.1")
    kurang = [b for b in terukur if b.capaian.nilai < 100]
    kes.isi += ctx.teks(
        "kesimpulan",
        [
            f"Pada tahun {tahun}, {len(tercapai)} dari {len(terukur)} indikator kinerja tujuan dan sasaran yang terukur mencapai atau "
            "melampaui target"
            + (
                ". Indikator yang belum mencapai target: "
                + "; ".join(f"{b.indikator.nama} ({pct(b.capaian.nilai)})" for b in kurang)
                if kurang
                else ""
            )
            + ".",
            f"Realisasi anggaran {pct(j.serapan.nilai)} dari pagu {format_rupiah(j.pagu)}.",
        ],
    )
    b4.sub("Saran", "4.2").isi += ctx.teks(
        "saran",
        [
            "Target dan rencana aksi tahun berikutnya disusun dengan mempertimbangkan capaian dan hambatan tahun ini.",
            "Realisasi setiap indikator disertai data hitungan dan bukti dukung sejak triwulan berjalan.",
        ],
    )
    b4.tambah(TandaTangan([ctx.penanda_kepala(ctx.tempat_tanggal())]))
    doc.bagian.append(b4)

    # Lampiran ---------------------------------------------------------------
    if ctx.pk:
        lp = Bagian("Perjanjian Kinerja", nomor="LAMPIRAN 1")
        for pk in ctx.pk:
            lp.isi.extend(tabel_pk(ctx, pk))
        doc.lampiran.append(lp)
        tra = tabel_rencana_aksi(ctx)
        if tra:
            doc.lampiran.append(
                Bagian("Rencana Aksi", nomor=f"LAMPIRAN {len(doc.lampiran) + 1}").tambah(tra)
            )
    if renstra_rows:
        doc.lampiran.append(
            Bagian("Pengukuran Kinerja Tahunan", nomor=f"LAMPIRAN {len(doc.lampiran) + 1}").tambah(
                tabel_pengukuran(ctx, renstra_rows, f"Pengukuran Kinerja Tahun {tahun}")
            )
        )
        doc.lampiran.append(
            Bagian("Pengukuran Kinerja Triwulan", nomor=f"LAMPIRAN {len(doc.lampiran) + 1}").tambah(
                tabel_triwulan(ctx, renstra_rows)
            )
        )
    doc.lampiran.append(
        Bagian(
            "Realisasi Anggaran dan Capaian Indikator Kinerja",
            nomor=f"LAMPIRAN {len(doc.lampiran) + 1}",
        ).tambah(tabel_capaian_indikator(ctx))
    )
    if dengan_reviu:
        temuan = list(TemuanReviu.objects.filter(opd=opd, tahun=tahun, masih_berlaku=True))
        if temuan:
            doc.lampiran.append(_lampiran_reviu(ctx, temuan, len(doc.lampiran) + 1))
    return beri_nomor(doc)


def _bagian_sasaran(ctx: _Ctx, bag: Bagian, sasaran) -> None:
    tahun = ctx.tahun
    rows = [b for b in ctx.ukur if b.indikator.sasaran_id == sasaran.id]
    if not rows:
        bag.tambah(
            Paragraf("Belum ada target atau realisasi indikator sasaran ini pada tahun ini.")
        )
        return
    body = []
    for b in rows:
        hitungan = f"{n(b.pembilang)} dari {n(b.penyebut)}" if b.pembilang is not None else "–"
        body.append(
            [
                Sel(b.indikator.nama),
                Sel(b.indikator.satuan),
                angka(_target_teks(b)),
                angka(hitungan),
                angka(n(b.realisasi)),
                angka(_capaian(b)),
                Sel(_predikat(b)),
            ]
        )
    bag.tambah(
        Tabel.buat(
            f"Target, Realisasi dan Capaian Sasaran {sasaran.kode}",
            [
                "Indikator",
                "Satuan",
                f"Target {tahun}",
                "Data hitungan",
                f"Realisasi {tahun}",
                "Capaian",
                "Predikat",
            ],
            body,
            lebar=[4, 1, 1.1, 1.6, 1.2, 1.2, 1.3],
        )
    )
    key = f"analisis:{sasaran.kode}"
    if ctx.narasi.get(key):
        bag.isi += [Paragraf(p) for p in ctx.narasi[key].split("\n\n") if p.strip()]
    else:
        bag.isi += [Paragraf(kalimat_indikator(b, tahun), draf=True) for b in rows]

    # realisasi dibandingkan dengan tahun-tahun sebelumnya
    for b in rows:
        ind = b.indikator
        years = sorted(
            {
                r.tahun
                for r in Realisasi.objects.filter(
                    indikator=ind, periode=Periode.TAHUNAN, tahun__lte=tahun
                )
            }
            | {t.tahun for t in ind.target.all() if t.tahun <= tahun}
        )
        if len(years) < 2:
            continue
        per_year = {y: pengukuran(ctx.opd, y, Indikator.objects.filter(pk=ind.pk)) for y in years}
        srows, tgt, real = [], [], []
        for y in years:
            r = per_year[y][0] if per_year[y] else None
            tgt.append(r.target.bawah if r and r.target else None)
            real.append(r.realisasi if r else None)
            srows.append(
                [
                    Sel(str(y), rata="tengah"),
                    angka(_target_teks(r) if r else "–"),
                    angka(n(r.realisasi) if r else "–"),
                    angka(_capaian(r) if r else "–"),
                ]
            )
        bag.tambah(
            Tabel.buat(
                f"Perbandingan Realisasi {ind.nama} Tahun {years[0]}–{years[-1]}",
                ["Tahun", "Target", "Realisasi", "Capaian"],
                srows,
            )
        )
        g = charts.seri_tahun(f"Perkembangan {ind.nama}", ind.nama, years, tgt, real, ind.satuan)
        if g:
            bag.tambah(g)

    # dibandingkan dengan target akhir Renstra
    rr = []
    for b in rows:
        ind = b.indikator
        if ind.kondisi_akhir is None:
            continue
        h = hitung_capaian(
            ind.kondisi_akhir, b.realisasi, ind.polaritas, ctx.opd.pemda.metode_turun
        )
        rr.append(
            [
                Sel(ind.nama),
                angka(n(ind.kondisi_awal)),
                angka(n(ind.kondisi_akhir)),
                angka(n(b.realisasi)),
                angka(pct(h.nilai) if h.nilai is not None else "tidak dapat dihitung"),
            ]
        )
    if rr and ctx.renstra:
        bag.tambah(
            Tabel.buat(
                f"Capaian terhadap Target Akhir Renstra {ctx.renstra.tahun_akhir}",
                [
                    "Indikator",
                    "Kondisi awal",
                    "Target akhir Renstra",
                    f"Realisasi s.d. {tahun}",
                    "Capaian",
                ],
                rr,
            )
        )

    # dibandingkan dengan wilayah lain
    for seri in SeriData.objects.filter(opd=ctx.opd, indikator__sasaran=sasaran).prefetch_related(
        "nilai"
    ):
        vals = list(seri.nilai.all())
        ys = sorted({v.tahun for v in vals})
        regions = list(dict.fromkeys(v.wilayah for v in vals))
        m = {(v.wilayah, v.tahun): v for v in vals}
        body, bold = [], set()
        for w in regions:
            agg = any(m.get((w, y)) and m[(w, y)].agregat for y in ys)
            if agg or w.lower() == ctx.opd.pemda.nama.lower():
                bold.add(len(body))
            body.append(
                [Sel(w or ctx.opd.pemda.nama)]
                + [angka(n(m[(w, y)].nilai) if (w, y) in m else "–") for y in ys]
            )
        bag.tambah(
            Tabel.buat(
                seri.nama,
                ["Wilayah"] + [str(y) for y in ys],
                body,
                sumber=seri.sumber,
                baris_tebal=bold,
            )
        )

    # program dan kegiatan pendukung
    progs = (
        Program.objects.filter(opd=ctx.opd, sasaran=sasaran)
        .prefetch_related("kegiatan")
        .order_by("kode")
    )
    prow = []
    for p in progs:
        kegs = list(p.kegiatan.all()) or [None]
        for i, k in enumerate(kegs):
            prow.append(
                [
                    Sel(f"{p.kode} {p.nama}" if i == 0 else ""),
                    Sel(f"{k.kode} {k.nama}" if k else "–"),
                ]
            )
    if prow:
        bag.tambah(
            Tabel.buat(
                f"Program dan Kegiatan Pendukung Sasaran {sasaran.kode}",
                ["Program", "Kegiatan"],
                prow,
            )
        )


def _lampiran_reviu(ctx: _Ctx, temuan: list, nomor: int) -> Bagian:
    from collections import Counter

    c = Counter((t.tingkat, t.status) for t in temuan)
    body = []
    for tingkat in ("kritis", "peringatan", "info"):
        body.append(
            [
                Sel(tingkat.capitalize()),
                angka(str(c[(tingkat, "terbuka")])),
                angka(str(c[(tingkat, "ditindaklanjuti")])),
                angka(str(c[(tingkat, "diterima")])),
            ]
        )
    bag = Bagian("Pernyataan Reviu", nomor=f"LAMPIRAN {nomor}")
    bag.tambah(
        Paragraf(
            f"LKjIP {ctx.opd.nama} tahun {ctx.tahun} telah direviu secara otomatis oleh sakip atas konsistensi angka "
            "tercetak dengan datanya (PermenPAN-RB 53/2014, tata cara reviu). Ringkasan temuan dan status tindak lanjutnya:"
        ),
        Tabel.buat(
            "Temuan Reviu menurut Tingkat dan Status",
            ["Tingkat", "Terbuka", "Ditindaklanjuti", "Diterima"],
            body,
        ),
    )
    return bag


# ---------------------------------------------------------------------------
# Dokumen lain
# ---------------------------------------------------------------------------
def bangun_pk(opd: PerangkatDaerah, tahun: int, versi: int | None = None) -> Dokumen:
    ctx = _Ctx(opd, tahun)
    pks = ctx.pk
    if not pks:
        raise DokumenError(f"{opd.nama} belum punya Perjanjian Kinerja tahun {tahun}")
    pk = next((p for p in pks if p.versi == versi), None) if versi else pks[-1]
    if pk is None:
        raise DokumenError(f"Perjanjian Kinerja versi {versi} tahun {tahun} tidak ada")
    judul = "PERJANJIAN KINERJA" if pk.versi == 1 else "PERJANJIAN KINERJA PERUBAHAN"
    doc = Dokumen(
        "pk",
        f"{judul} TAHUN {tahun}",
        [opd.nama.upper(), opd.pemda.nama.upper()],
        f"pk-{opd.slug}-{tahun}-v{pk.versi}",
        daftar_isi=False,
        daftar_tabel=False,
        sampul=False,
    )
    pihak2 = pk.pihak_kedua_jabatan or opd.pemda.jabatan_kepala_daerah or "Kepala Daerah"
    pihak1 = Penanda(
        pk.pihak_pertama_jabatan or f"Kepala {opd.nama}",
        pk.pihak_pertama_nama or opd.kepala_nama,
        pk.pihak_pertama_pangkat,
        pk.pihak_pertama_nip,
        "PIHAK PERTAMA,",
    )
    bag = Bagian(f"{judul} TAHUN {tahun}", nomor=opd.nama.upper(), angka_bab=1)
    bag.tambah(
        Paragraf(
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi pada hasil, "
            "kami yang bertanda tangan di bawah ini:"
        ),
        Daftar(
            [
                f"Nama: {pihak1.nama}; Jabatan: {pihak1.jabatan} — selanjutnya disebut PIHAK PERTAMA",
                f"Nama: {pk.pihak_kedua_nama or '(nama)'}; Jabatan: {pihak2} — selanjutnya disebut PIHAK KEDUA",
            ]
        ),
        Paragraf(
            "PIHAK PERTAMA berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, dalam "
            "rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan. "
            "Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami."
        ),
        Paragraf(
            "PIHAK KEDUA akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian kinerja "
            "dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan dan sanksi."
        ),
    )
    if pk.versi > 1 and pk.alasan_perubahan:
        bag.tambah(Paragraf(f"Alasan perubahan: {pk.alasan_perubahan}"))
    tempat = f"{opd.pemda.ibukota or ''}, {tanggal_id(pk.tanggal)}".strip(", ")
    bag.tambah(
        TandaTangan(
            [
                Penanda(pihak2, pk.pihak_kedua_nama, atas="PIHAK KEDUA,"),
                Penanda(
                    pihak1.jabatan,
                    pihak1.nama,
                    pihak1.pangkat,
                    pihak1.nip,
                    f"{tempat}\nPIHAK PERTAMA,",
                ),
            ]
        )
    )
    doc.bagian.append(bag)
    lamp = Bagian(f"{judul} TAHUN {tahun}", nomor="LAMPIRAN", angka_bab=2)
    lamp.isi.extend(tabel_pk(ctx, pk))
    lamp.tambah(
        TandaTangan(
            [
                Penanda(pihak2, pk.pihak_kedua_nama, atas="PIHAK KEDUA,"),
                Penanda(pihak1.jabatan, pihak1.nama, pihak1.pangkat, pihak1.nip, "PIHAK PERTAMA,"),
            ]
        )
    )
    doc.bagian.append(lamp)
    return beri_nomor(doc)


def bangun_rencana_aksi(opd: PerangkatDaerah, tahun: int) -> Dokumen:
    ctx = _Ctx(opd, tahun)
    t = tabel_rencana_aksi(ctx)
    if t is None:
        raise DokumenError(
            f"{opd.nama} belum punya Perjanjian Kinerja (dan Rencana Aksi) tahun {tahun}"
        )
    doc = Dokumen(
        "rencana-aksi",
        f"RENCANA AKSI TAHUN {tahun}",
        [opd.nama.upper(), opd.pemda.nama.upper()],
        f"rencana-aksi-{opd.slug}-{tahun}",
        daftar_isi=False,
        daftar_tabel=False,
        sampul=False,
    )
    bag = Bagian(f"RENCANA AKSI TAHUN {tahun}", nomor=opd.nama.upper(), angka_bab=1)
    bag.tambah(
        Paragraf("Target triwulan yang menjabarkan Perjanjian Kinerja."),
        t,
        TandaTangan([ctx.penanda_kepala(ctx.tempat_tanggal())]),
    )
    doc.bagian.append(bag)
    return beri_nomor(doc)


def bangun_pengukuran(opd: PerangkatDaerah, tahun: int) -> Dokumen:
    ctx = _Ctx(opd, tahun)
    ctx.tk  # noqa: B018
    rows = [b for b in ctx.ukur if b.indikator.tingkat in ("tujuan", "sasaran")]
    doc = Dokumen(
        "pengukuran",
        f"PENGUKURAN KINERJA TAHUN {tahun}",
        [opd.nama.upper(), opd.pemda.nama.upper()],
        f"pengukuran-{opd.slug}-{tahun}",
        daftar_isi=False,
        daftar_tabel=False,
        sampul=False,
    )
    bag = Bagian(f"PENGUKURAN KINERJA TRIWULAN TAHUN {tahun}", nomor=opd.nama.upper(), angka_bab=1)
    bag.tambah(
        tabel_triwulan(ctx, rows),
        tabel_pengukuran(ctx, rows, f"Pengukuran Kinerja Tahun {tahun}"),
        TandaTangan([ctx.penanda_kepala(ctx.tempat_tanggal())]),
    )
    doc.bagian.append(bag)
    return beri_nomor(doc)


BUILDERS = {
    "lkjip": bangun_lkjip,
    "pk": bangun_pk,
    "rencana-aksi": bangun_rencana_aksi,
    "pengukuran": bangun_pengukuran,
}
