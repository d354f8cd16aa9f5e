"""Tabel yang dipakai ulang dokumen: Renstra, IKU, PK, pengukuran, anggaran, capaian, efisiensi, triwulan."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sakip.core.aggregation import ROMAWI
from sakip.core.capaian import Polaritas
from sakip.core.efisiensi import analisis_efisiensi
from sakip.core.numbers import format_angka, format_rupiah
from sakip.documents.document import (
    Sel,
    Tabel,
    angka,
)
from sakip.measurement.models import SeriData
from sakip.measurement.services import BarisPengukuran
from sakip.planning.models import Indikator, PerjanjianKinerja

from .konteks import Konteks, dianggarkan, n, pct, rp


def predikat_teks(b: BarisPengukuran) -> str:
    return b.predikat.label if b.predikat else "–"


def target_teks(b: BarisPengukuran) -> str:
    if b.target is None:
        return "–"
    return n(b.target.bawah) + (f"–{n(b.target.atas)}" if b.target.atas is not None else "")


def capaian_teks(b: BarisPengukuran) -> str:
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
            f"target {target_teks(b)}{satuan} tidak dapat dihitung."
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
        f"{awal} Terhadap target {target_teks(b)}{satuan}{turun}, capaiannya {pct(b.capaian.nilai)}, "
        f"{arah} target, dengan predikat {predikat_teks(b)}."
    )


# ---------------------------------------------------------------------------
# Tabel-tabel yang dipakai bersama
# ---------------------------------------------------------------------------
def tabel_renstra(ctx: Konteks) -> Tabel | None:
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


def tabel_iku(ctx: Konteks) -> Tabel | None:
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


def tabel_pk(ctx: Konteks, pk: PerjanjianKinerja) -> list[Tabel]:
    rows = []
    for k, it in enumerate(pk.indikator.all(), 1):
        ind = it.indikator
        sas = ind.sasaran.uraian if ind.sasaran_id else (ind.tujuan.uraian if ind.tujuan_id else "")
        if not sas and ind.pemilik is not None:  # PK jabatan: program/kegiatan/sub kegiatan
            sas = f"{ind.pemilik.kode} {ind.pemilik.nama}".strip()
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
            [
                "No",
                "Sasaran Strategis" if not pk.jabatan_id else "Program / Kegiatan / Sub Kegiatan",
                "Indikator Kinerja",
                "Target",
            ],
            rows,
            lebar=[0.5, 4, 4, 1.6],
        )
    ]
    budget = sorted(pk.anggaran.all(), key=lambda a: (a.unsur.kode or a.program.kode, a.id))
    if budget:
        brow = [
            [
                Sel(str(k), rata="tengah"),
                Sel(f"{a.unsur.kode} {a.unsur.nama}".strip()),
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
                [
                    "No",
                    "Program"
                    if not any(a.kegiatan_id for a in budget)
                    else "Program / Kegiatan / Sub Kegiatan",
                    "Anggaran (Rp)",
                ],
                brow,
                baris_tebal={len(brow) - 1},
            )
        )
    return out


def tabel_pengukuran(ctx: Konteks, rows: list[BarisPengukuran], judul: str) -> Tabel:
    body = []
    for k, b in enumerate(rows, 1):
        ind = b.indikator
        sas = ind.sasaran.uraian if ind.sasaran_id else (ind.tujuan.uraian if ind.tujuan_id else "")
        if not sas and ind.pemilik is not None:  # PK jabatan: program/kegiatan/sub kegiatan
            sas = f"{ind.pemilik.kode} {ind.pemilik.nama}".strip()
        body.append(
            [
                Sel(str(k), rata="tengah"),
                Sel(sas),
                Sel(ind.nama),
                Sel(ind.satuan),
                angka(target_teks(b)),
                angka(n(b.realisasi)),
                angka(capaian_teks(b)),
                Sel(predikat_teks(b)),
            ]
        )
    return Tabel.buat(
        judul,
        ["No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian", "Predikat"],
        body,
        lebar=[0.5, 3, 3.5, 1.2, 1.2, 1.2, 1.3, 1.5],
    )


def tabel_anggaran(ctx: Konteks) -> Tabel:
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


def _pemilik_ukur(ctx: Konteks) -> dict[str, list[BarisPengukuran]]:
    out: dict[str, list[BarisPengukuran]] = defaultdict(list)
    for b in ctx.ukur:
        if b.indikator.tingkat in ("program", "kegiatan", "sub_kegiatan"):
            owner = b.indikator.pemilik
            out[f"{b.indikator.tingkat}:{owner.pk}"].append(b)
    return out


def tabel_capaian_indikator(ctx: Konteks) -> Tabel:
    """Lampiran realisasi anggaran dengan tata letak "capaian indikator kinerja" (kode, pagu, indikator)."""
    by_owner = _pemilik_ukur(ctx)
    body, bold = [], set()
    level_avg: dict[str, list[Decimal]] = defaultdict(list)
    semua: dict[str, list] = defaultdict(list)
    for node in ctx.rekap.iter():
        if node.tingkat == "opd":
            continue
        inds = (
            by_owner.get(f"{node.tingkat}:{node.obj.pk}", [])
            if node.tingkat in ("program", "kegiatan", "sub_kegiatan")
            else []
        )
        if node.tingkat in ("program", "kegiatan", "sub_kegiatan"):
            semua[node.tingkat].append(node)
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
                angka(target_teks(first)),
                angka(n(first.realisasi)),
                angka(capaian_teks(first)),
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
                    angka(target_teks(extra)),
                    angka(n(extra.realisasi)),
                    angka(capaian_teks(extra)),
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
                # yang dianggarkan (hitungan yang sama dengan Ikhtisar dan Bab III)
                Sel(f"Jumlah {label}: {len(dianggarkan(semua.get(level, [])))}", tebal=True),
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


def tabel_efisiensi(ctx: Konteks) -> Tabel | None:
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


def tabel_triwulan(ctx: Konteks, rows: list[BarisPengukuran]) -> Tabel:
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
            angka(target_teks(b)),
        ]
        for tw in (1, 2, 3, 4):
            t = plan.get(tw)
            cells.append(angka(n(t.target) if t and t.target is not None else "–"))
            cells.append(angka(n(b.triwulan.get(tw))))
        cells += [angka(n(b.realisasi)), angka(capaian_teks(b))]
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


def tabel_data_umum(ctx: Konteks) -> list[Tabel]:
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


def tabel_rencana_aksi(ctx: Konteks) -> Tabel | None:
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
