"""Aturan anggaran: jumlah baris, serapan, persentase dalam barisnya sendiri, realisasi di atas pagu."""

from __future__ import annotations

from collections.abc import Iterator

from sakip.core.numbers import format_angka, format_persen
from sakip.review.compare import (
    BEDA,
    BEDA_KECIL,
    baca,
    bandingkan,
)

from .dasar import Aturan, Konteks, Temuan, klaim_index, temuan_pembulatan


def _tabel(lokasi: str) -> str:
    """Tabelnya saja: "tabel tanpa nomor (baris 644), baris 58" → "tabel tanpa nomor (baris 644)"."""
    import re

    return re.sub(r",\s*baris \d+$", "", lokasi)


def _di_tabel(ctx: Konteks, idx, k, atribut: str):
    """Klaim ``atribut`` objek yang sama di baris yang sama, atau (pembacaan laporan yang memecah
    satu baris menjadi dua) di tabel yang sama."""
    c = idx.get((k.lokasi, k.objek, atribut))
    if c is not None:
        return c
    tabel = _tabel(k.lokasi)
    return next(
        (
            x
            for x in ctx.klaim_atribut("anggaran", atribut)
            if x.objek == k.objek and _tabel(x.lokasi) == tabel
        ),
        None,
    )


def _sisa_mengikuti_barisnya(ctx: Konteks, idx, k, node) -> bool:
    """Sisa tercetak = pagu tercetak − realisasi tercetak di baris yang sama, dan salah satunya
    berbeda dengan data: sisanya hanya akibat (angka yang salah dilaporkan di pagu/realisasi)."""
    p, r = (_di_tabel(ctx, idx, k, x) for x in ("pagu", "realisasi"))
    pp, rr, ss = (baca(c.teks) if c is not None else None for c in (p, r, k))
    if pp is None or rr is None or ss is None or pp - rr != ss:
        return False
    return pp != node.jumlah.pagu or rr != node.jumlah.realisasi


def cek_anggaran_jumlah(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    idx = klaim_index(ctx)
    for k in ctx.klaim_atribut("anggaran", "pagu", "realisasi", "sisa"):
        node = ctx.simpul(k.kunci)
        if node is None or not node.ada_data:
            continue
        if k.atribut == "sisa" and _sisa_mengikuti_barisnya(ctx, idx, k, node):
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
    idx = klaim_index(ctx)
    for k in ctx.klaim_atribut("anggaran", "serapan"):
        node = ctx.simpul(k.kunci)
        if node is None or not node.ada_data or node.jumlah.serapan.nilai is None:
            continue
        # Bila baris yang sama mencetak pagu/realisasi yang berbeda dari data, selisih serapannya
        # hanyalah akibat: mesin menyebutnya di temuan ANG-01 baris itu (akibat_dari); selisih
        # pembulatan di baris seperti itu tidak disebut sama sekali.
        same_row = [idx.get((k.lokasi, k.objek, x)) for x in ("pagu", "realisasi")]
        akibat = any(
            c is not None and baca(c.teks) not in (None, v)
            for c, v in zip(same_row, (node.jumlah.pagu, node.jumlah.realisasi), strict=True)
        )
        cmp = bandingkan(k.teks, node.jumlah.serapan.nilai)
        if akibat and (cmp is None or cmp.status != BEDA):
            continue
        label = "jumlah seluruh baris" if k.kunci == "jumlah" else f"{node.kode} {node.nama}"
        minor = temuan_pembulatan(ctx, k, node.jumlah.serapan.nilai, label)
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


def cek_serapan_internal(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    idx = klaim_index(ctx)
    for k in ctx.klaim_atribut("anggaran", "serapan"):
        p, r = idx.get((k.lokasi, k.objek, "pagu")), idx.get((k.lokasi, k.objek, "realisasi"))
        if not p or not r:
            continue
        pv, rv = baca(p.teks), baca(r.teks)
        if not pv or rv is None:
            continue
        node = ctx.simpul(k.kunci)
        if (
            node is not None
            and node.ada_data
            and (node.jumlah.pagu, node.jumlah.realisasi) == (pv, rv)
            and node.jumlah.serapan.nilai is not None
        ):
            continue  # baris mencetak pagu dan realisasi data: ANG-02 (kritis) melaporkannya sekali
        cmp = bandingkan(k.teks, rv / pv * 100)
        if cmp and cmp.status == BEDA_KECIL:
            # selisih satu angka terakhir: pembulatan (info), seperti serapan terhadap data (yang
            # melaporkannya sendiri bila baris ini punya data)
            if node is not None and node.ada_data and node.jumlah.serapan.nilai is not None:
                continue
            yield from temuan_pembulatan(ctx, k, rv / pv * 100, k.objek.split(":", 1)[1]) or ()
        elif cmp and cmp.status == BEDA:
            yield a.temuan(
                lokasi=k.lokasi,
                objek=k.objek.split(":", 1)[1],
                tercetak=k.teks,
                dihitung=format_persen(rv / pv * 100),
                pagu=p.teks,
                realisasi=r.teks,
            )


def cek_melebihi_pagu(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    idx = klaim_index(ctx)
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
