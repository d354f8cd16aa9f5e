"""Aturan capaian: capaian, realisasi dan target tercetak dibandingkan dengan hasil hitung; pembulatan."""

from __future__ import annotations

from collections.abc import Iterator

from sakip.core.capaian import hitung_capaian
from sakip.core.numbers import NumberFormatError, format_angka, format_persen, parse_angka
from sakip.review.compare import (
    BEDA,
    BEDA_KECIL,
    SAMA,
    bandingkan,
)

from .dasar import Aturan, Konteks, Temuan, fmt, label_indikator, temuan_pembulatan


def _angka(teks: str):
    try:
        return parse_angka(teks)
    except NumberFormatError:
        return None


def cek_capaian(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for k in ctx.klaim_atribut("indikator", "capaian"):
        row = ctx.ukur(k.periode).get(k.kunci)
        if row is None:
            continue
        label = label_indikator(ctx, k.kunci) + f" tahun {k.periode or ctx.tahun}"
        if row.capaian.nilai is None:
            if _angka(k.teks) is None:
                continue  # tercetak "tidak dapat dihitung" / "–": laporan dan data sepakat
            yield a.temuan(
                lokasi=k.lokasi,
                objek=label,
                tercetak=k.teks,
                dihitung="tidak dapat dihitung",
                rumus=row.capaian.alasan or "",
            )
            continue
        minor = temuan_pembulatan(ctx, k, row.capaian.nilai, label)
        if minor is not None:
            yield from minor
            continue
        yield a.temuan(
            lokasi=k.lokasi,
            objek=label,
            tercetak=k.teks,
            dihitung=format_persen(row.capaian.nilai),
            rumus=f"{row.capaian.rumus}; target {fmt(row.target.bawah if row.target else None)}, "
            f"realisasi {fmt(row.realisasi)}",
        )


def cek_realisasi(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for k in ctx.klaim_atribut("indikator", "realisasi"):
        row = ctx.ukur(k.periode).get(k.kunci)
        if row is None or row.realisasi is None:
            continue
        label = label_indikator(ctx, k.kunci) + f" tahun {k.periode or ctx.tahun}"
        minor = temuan_pembulatan(ctx, k, row.realisasi, label)
        if minor is not None:
            yield from minor
            continue
        asal = (
            f"{format_angka(row.pembilang)} dari {format_angka(row.penyebut)}"
            if row.pembilang is not None
            else "nilai realisasi yang tercatat"
        )
        yield a.temuan(
            lokasi=k.lokasi, objek=label, tercetak=k.teks, dihitung=fmt(row.realisasi), asal=asal
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
                objek=label_indikator(ctx, k.kunci) + f" tahun {k.periode}",
                tercetak=k.teks,
                dihitung=fmt(row.target.bawah),
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
                objek=label_indikator(ctx, k.kunci),
                tercetak=k.teks,
                dihitung=format_persen(hasil.nilai),
                akhir=fmt(ind.kondisi_akhir),
                realisasi=fmt(row.realisasi),
            )


def cek_pembulatan(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    return iter(())  # dipanggil lewat temuan_pembulatan dari aturan lain
