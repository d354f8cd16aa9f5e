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
        if row.target is not None and dari_masukan_tercetak(
            ctx, k, row.target.bawah, row.realisasi, row.indikator.polaritas
        ):
            continue
        minor = temuan_pembulatan(ctx, k, row.capaian.nilai, label)
        if minor is not None:
            yield from minor
            continue
        if _konvensi_baris(ctx, k, row):
            continue  # konvensi lain yang sah: CAP-03 (info), bukan kesalahan hitung
        yield a.temuan(
            lokasi=k.lokasi,
            objek=label,
            tercetak=k.teks,
            dihitung=format_persen(row.capaian.nilai),
            rumus=f"{row.capaian.rumus}; target {fmt(row.target.bawah if row.target else None)}, "
            f"realisasi {fmt(row.realisasi)}",
        )


def dari_masukan_tercetak(ctx: Konteks, k, target, realisasi, polaritas) -> bool:
    """Capaian tercetak ``k`` dapat dihasilkan dari realisasi yang nilainya hanya diketahui sampai
    pembulatan cetaknya (mis. realisasi 46,60 = 46,595…46,605): bukan temuan. Menghitung ulang dari
    masukan yang dibulatkan tidak boleh menuduh laporan memotong angka (issue 31)."""
    from decimal import Decimal

    from sakip.review.compare import baca, desimal_tercetak

    if not ctx.dari_cetakan or target is None or realisasi is None:
        return False  # data sakip sendiri tepat: tidak ada pembulatan masukan yang ditoleransi
    periode = k.periode or ctx.tahun
    d = [
        desimal_tercetak(kr.teks)
        for kr in ctx.klaim_atribut("indikator", "realisasi")
        if kr.kunci == k.kunci and (kr.periode or ctx.tahun) == periode
    ]
    tercetak = baca(k.teks)
    if not d or tercetak is None:
        return False
    h = Decimal(5).scaleb(-(min(d) + 1))
    pemda = ctx.opd.pemda
    ujung = [
        hitung_capaian(
            target, realisasi + g, polaritas, pemda.metode_turun, pemda.batas_capaian_maks
        ).nilai
        for g in (-h, h)
    ]
    if None in ujung:
        return False
    lo, hi = min(ujung), max(ujung)  # type: ignore[type-var]
    t = Decimal(5).scaleb(-(desimal_tercetak(k.teks) + 1))
    return lo - t <= tercetak <= hi + t


def konvensi_lain(teks: str, target, realisasi, polaritas, pemda) -> str | None:
    """Konvensi capaian lain yang menghasilkan angka tercetak ``teks`` (rumus indikator menurun yang
    lain, atau capaian paling tinggi 100%), bila setelan Pemda menghitung angka yang berbeda; else None.
    Contoh Klungkung 2024: jumlah perselisihan (menurun) target 2, realisasi 0 dicetak 100% — capaian
    dibatasi 100%; setelan Pemda (rumus PermenPAN, tanpa batas) memberi 200%."""
    from decimal import Decimal

    from sakip.core.capaian import MetodeTurun

    if target is None or realisasi is None:
        return None
    dipakai = (MetodeTurun(pemda.metode_turun), pemda.batas_capaian_maks)
    for metode in MetodeTurun:
        for batas in (None, Decimal(100)):
            if (metode, batas) == dipakai or (metode is not dipakai[0] and polaritas != "turun"):
                continue
            nilai = hitung_capaian(target, realisasi, polaritas, metode, batas).nilai
            cmp = None if nilai is None else bandingkan(teks, nilai)
            if cmp is not None and cmp.status == SAMA:
                rumus = metode.label if polaritas == "turun" else "realisasi/target × 100%"
                return rumus + (", paling tinggi 100%" if batas is not None else "")
    return None


def _konvensi_baris(ctx: Konteks, k, row) -> str | None:
    if row is None or row.target is None or row.capaian.nilai is None:
        return None
    cmp = bandingkan(k.teks, row.capaian.nilai)
    if cmp is None or cmp.status == SAMA:
        return None
    return konvensi_lain(
        k.teks, row.target.bawah, row.realisasi, row.indikator.polaritas, ctx.opd.pemda
    )


def cek_konvensi_capaian(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    """Capaian tercetak yang sah menurut konvensi lain: satu catatan info (bukan kesalahan hitung),
    menyebut konvensinya dan setelan Pemda — CAP-01 tidak melaporkannya."""
    pemda = ctx.opd.pemda
    from sakip.core.capaian import MetodeTurun

    setelan = MetodeTurun(pemda.metode_turun).label + (
        f", paling tinggi {format_angka(pemda.batas_capaian_maks)}%"
        if pemda.batas_capaian_maks is not None
        else ", tanpa batas atas"
    )
    for k in ctx.klaim_atribut("indikator", "capaian"):
        row = ctx.ukur(k.periode).get(k.kunci)
        konvensi = _konvensi_baris(ctx, k, row)
        if konvensi:
            yield a.temuan(
                lokasi=k.lokasi,
                objek=label_indikator(ctx, k.kunci) + f" tahun {k.periode or ctx.tahun}",
                tercetak=k.teks,
                dihitung=format_persen(row.capaian.nilai),
                konvensi=konvensi,
                setelan=setelan,
            )
    # capaian terhadap target akhir Renstra (yang CAP-02 periksa)
    for k in ctx.klaim_atribut("indikator", "capaian_renstra"):
        ukur = _capaian_renstra(ctx, k)
        if ukur is None:
            continue
        ind, row, hasil = ukur
        cmp = None if hasil.nilai is None else bandingkan(k.teks, hasil.nilai)
        if cmp is None or cmp.status == SAMA:
            continue
        konvensi = konvensi_lain(k.teks, ind.kondisi_akhir, row.realisasi, ind.polaritas, pemda)
        if konvensi:
            yield a.temuan(
                lokasi=k.lokasi,
                objek=label_indikator(ctx, k.kunci) + " terhadap target akhir Renstra",
                tercetak=k.teks,
                dihitung=format_persen(hasil.nilai),
                konvensi=konvensi,
                setelan=setelan,
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


def _capaian_renstra(ctx: Konteks, k):
    """(indikator, baris pengukuran, capaian realisasi terhadap kondisi akhir Renstra) klaim ``k``,
    menurut setelan Pemda; None bila tidak dapat dihitung."""
    ind = ctx.indikator.get(k.kunci)
    row = ctx.ukur().get(k.kunci)
    if ind is None or ind.kondisi_akhir is None or row is None or row.realisasi is None:
        return None
    pemda = ctx.opd.pemda
    hasil = hitung_capaian(
        ind.kondisi_akhir,
        row.realisasi,
        ind.polaritas,
        pemda.metode_turun,
        pemda.batas_capaian_maks,
    )
    return ind, row, hasil


def cek_capaian_renstra(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    pemda = ctx.opd.pemda
    for k in ctx.klaim_atribut("indikator", "capaian_renstra"):
        ukur = _capaian_renstra(ctx, k)
        if ukur is None:
            continue
        ind, row, hasil = ukur
        if hasil.nilai is None:
            continue
        cmp = bandingkan(k.teks, hasil.nilai)
        if cmp and cmp.status in (BEDA, BEDA_KECIL):
            if dari_masukan_tercetak(ctx, k, ind.kondisi_akhir, row.realisasi, ind.polaritas):
                continue
            if konvensi_lain(k.teks, ind.kondisi_akhir, row.realisasi, ind.polaritas, pemda):
                continue  # sah menurut konvensi lain (lihat CAP-03)
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


def _target_renstra_data(ind, tahun: int):
    t = next((t for t in ind.target.all() if t.tahun == tahun), None) if ind is not None else None
    return t.nilai if t is not None else None


def cek_target_renstra(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    """Target Renstra tercetak untuk satu tahun dibandingkan dengan target yang berlaku tahun itu
    (PK bila ada, selain itu Renstra dalam data): dua target tercetak untuk satu indikator-tahun
    adalah satu temuan, bukan angka yang diam-diam menimpa yang lain."""
    for k in ctx.klaim_atribut("indikator", "target_renstra"):
        tahun = k.periode or ctx.tahun
        row = ctx.ukur(tahun).get(k.kunci)
        if row is not None and row.target is not None:
            nilai, sumber = row.target.bawah, row.sumber_target or "Renstra"
        else:
            nilai, sumber = _target_renstra_data(ctx.indikator.get(k.kunci), tahun), "Renstra"
        if nilai is None:
            continue
        cmp = bandingkan(k.teks, nilai)
        if cmp and cmp.status != SAMA:
            yield a.temuan(
                lokasi=k.lokasi,
                objek=label_indikator(ctx, k.kunci) + f" tahun {tahun}",
                tercetak=k.teks,
                dihitung=fmt(nilai),
                sumber=sumber,
            )
