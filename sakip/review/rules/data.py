"""Aturan data: deret waktu (tersalin, beda dengan sumber resmi) dan kelengkapan (realisasi, bukti)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from sakip.core.capaian import Polaritas
from sakip.core.numbers import format_angka
from sakip.measurement.models import Realisasi, SeriData

from .dasar import Aturan, Konteks, Temuan, fmt, label_indikator, renstra_indikator


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
                    objek=label_indikator(ctx, kode),
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
                    objek=label_indikator(ctx, ind.kode),
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


def cek_tanpa_realisasi(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for row in ctx.ukur().values():
        if row.target is not None and row.realisasi is None:
            yield a.temuan(
                lokasi="pengukuran kinerja",
                objek=label_indikator(ctx, row.indikator.kode),
                tercetak=f"target {fmt(row.target.bawah)}",
                dihitung="realisasi kosong",
                tahun=ctx.tahun,
            )


def cek_tanpa_bukti(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for ind in renstra_indikator(ctx):
        for r in ind.realisasi.all():
            if r.tahun == ctx.tahun and not (r.bukti or r.catatan):
                yield a.temuan(
                    lokasi="data realisasi",
                    objek=label_indikator(ctx, ind.kode),
                    tercetak=fmt(r.nilai_efektif),
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
                objek=label_indikator(ctx, ind.kode),
                tercetak=fmt(row.realisasi),
                dihitung="",
                awal=fmt(ind.kondisi_awal),
                tahun=ctx.tahun,
                jauh="kurang dari separuh"
                if ind.polaritas != Polaritas.TURUN
                else "lebih dari dua kali",
            )
