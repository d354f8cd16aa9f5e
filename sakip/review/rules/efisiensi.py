"""Aturan efisiensi: indeks dan tingkat efisiensi, capaian input/output, kesimpulannya."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sakip.core.efisiensi import analisis_efisiensi
from sakip.core.numbers import format_angka, format_persen
from sakip.review.compare import (
    BEDA,
    BEDA_KECIL,
    baca,
    bandingkan,
)

from .dasar import Aturan, Klaim, Konteks, Temuan, nama_kode


def _efisiensi_rows(ctx: Konteks) -> dict[str, dict[str, Klaim]]:
    rows: dict[str, dict[str, Klaim]] = defaultdict(dict)
    for k in ctx.klaim_atribut("efisiensi"):
        rows[k.kunci][k.atribut] = k
    return rows


def _kolom_rasio(
    ctx: Konteks, a: Aturan, pembilang: str, penyebut: str, hasil: str
) -> Iterator[Temuan]:
    """Kolom turunan sebuah baris efisiensi terhadap masukan di baris itu sendiri:
    ``hasil`` = ``pembilang`` ÷ ``penyebut``."""
    for kode, row in _efisiensi_rows(ctx).items():
        x, y, z = (baca(row[k].teks) if k in row else None for k in (pembilang, penyebut, hasil))
        if x is None or not y or z is None:
            continue
        cmp = bandingkan(row[hasil].teks, x / y)
        if cmp and cmp.status in (BEDA, BEDA_KECIL):
            yield a.temuan(
                lokasi=row[hasil].lokasi,
                objek=nama_kode(ctx, kode),
                tercetak=row[hasil].teks,
                dihitung=format_angka(x / y, 2),
                output=row[pembilang].teks,
                input=row[penyebut].teks,
            )


def cek_indeks_efisiensi(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    """Indeks efisiensi = capaian output ÷ capaian input."""
    return _kolom_rasio(ctx, a, "capaian_output", "capaian_input", "indeks_efisiensi")


def cek_standar_efisiensi(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    """Standar efisiensi = rencana output ÷ rencana input."""
    return _kolom_rasio(ctx, a, "rencana_output", "rencana_input", "standar_efisiensi")


def cek_tingkat_efisiensi(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for kode, row in _efisiensi_rows(ctx).items():
        ie, se, te = (
            baca(row[x].teks) if x in row else None
            for x in ("indeks_efisiensi", "standar_efisiensi", "tingkat_efisiensi")
        )
        if ie is None or se is None or te is None:
            continue
        # standar yang tercetak salah (EFI-06): tingkatnya dihitung dari standar yang benar,
        # rencana output ÷ rencana input baris itu sendiri
        ro, ri = (
            baca(row[x].teks) if x in row else None for x in ("rencana_output", "rencana_input")
        )
        se_teks = row["standar_efisiensi"].teks
        if ro is not None and ri and ro / ri != 0:
            cmp_se = bandingkan(se_teks, ro / ri)
            if cmp_se and cmp_se.status in (BEDA, BEDA_KECIL):
                se = ro / ri
                se_teks = f"{format_angka(se, 2)} (standar yang benar; tercetak {se_teks})"
        tercetak = row["tingkat_efisiensi"]
        if se == 0:
            dihitung = "tidak dapat dihitung (standar efisiensi 0)"
        else:
            cmp = bandingkan(tercetak.teks, (ie - se) / se)
            if not cmp or cmp.status not in (BEDA, BEDA_KECIL):
                continue
            dihitung = format_angka((ie - se) / se, 2)
        yield a.temuan(
            lokasi=tercetak.lokasi,
            objek=nama_kode(ctx, kode),
            tercetak=tercetak.teks,
            dihitung=dihitung,
            ie=row["indeks_efisiensi"].teks,
            se=se_teks,
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
            if _mengikuti_barisnya(row, norm, ukur.capaian.nilai, serapan):
                continue  # kesimpulan benar atas baris yang dicetaknya; barisnya yang salah (EFI-03/04)
            yield a.temuan(
                lokasi=printed.lokasi,
                objek=nama_kode(ctx, kode),
                tercetak=printed.teks,
                dihitung=hasil.kesimpulan,
                output=format_persen(ukur.capaian.nilai),
                input=format_persen(serapan),
                ie=format_angka(hasil.indeks, 2),
            )


def _mengikuti_barisnya(row: dict[str, Klaim], kesimpulan: str, output, serapan) -> bool:
    """Kesimpulan tercetak sama dengan kesimpulan dari capaian output dan input yang dicetak di
    baris itu, dan salah satu masukan itu berbeda dengan data: kesalahannya di masukan baris (sudah
    dilaporkan EFI-03/EFI-04), kesimpulannya hanya akibat."""
    o, i = (baca(row[x].teks) if x in row else None for x in ("capaian_output", "capaian_input"))
    if o is None or not i:
        return False
    dari_baris = analisis_efisiensi(o, i).kesimpulan
    beda_output = (c := bandingkan(row["capaian_output"].teks, output)) and c.status == BEDA
    beda_input = serapan is not None and (
        (c2 := bandingkan(row["capaian_input"].teks, serapan)) and c2.status == BEDA
    )
    return dari_baris == kesimpulan and bool(beda_output or beda_input)


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
                objek=nama_kode(ctx, kode),
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
                objek=nama_kode(ctx, kode),
                tercetak=k.teks,
                dihitung=format_persen(ukur.capaian.nilai),
                indikator=ukur.indikator.nama,
            )
