"""Aturan narasi: kalimat yang menyatakan tercapai padahal capaiannya di bawah 100%."""

from __future__ import annotations

from collections.abc import Iterator

from sakip.core.numbers import format_persen

from .dasar import Aturan, Konteks, Temuan, label_indikator

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
                        objek=label_indikator(ctx, b.indikator.kode),
                        tercetak=kalimat.strip(),
                        dihitung=format_persen(b.capaian.nilai),
                    )


_MELAMPAUI, _TERCAPAI, _TIDAK = "melampaui target", ("tercapai", "berhasil"), "tidak tercapai"


def _penilaian_salah(penilaian: str, capaian) -> bool:
    p = penilaian.strip().lower()
    if p == _MELAMPAUI:
        return capaian <= 100
    if p in _TERCAPAI:
        return capaian < 100
    if p == _TIDAK:
        return capaian >= 100
    return False


def cek_penilaian(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    """Penilaian dalam kalimat ("tercapai", "melampaui target", "belum tercapai", "telah
    berhasil") yang tidak didukung capaian dari data: per indikator yang disebut, atau untuk
    kinerja OPD secara umum (setiap IKU)."""
    for k in ctx.klaim_atribut("indikator", "penilaian"):
        row = ctx.ukur(k.periode).get(k.kunci)
        if row is None or row.capaian.nilai is None:
            continue
        if _penilaian_salah(k.teks, row.capaian.nilai):
            yield a.temuan(
                lokasi=k.lokasi,
                objek=label_indikator(ctx, k.kunci),
                tercetak=k.teks,
                dihitung=f"capaian {format_persen(row.capaian.nilai)}",
                rincian="",
                kalimat=k.catatan or k.teks,
            )
    for k in ctx.klaim_atribut("penilaian", "penilaian"):
        rows = [
            b
            for b in ctx.ukur(k.periode).values()
            if b.indikator.iku and b.capaian.nilai is not None
        ]
        if not rows:
            continue
        bawah = [b for b in rows if b.capaian.nilai < 100]
        p = k.teks.strip().lower()
        if (p in (*_TERCAPAI, _MELAMPAUI) and bawah) or (p == _TIDAK and not bawah):
            rincian = "; ".join(
                f"{b.indikator.nama} {format_persen(b.capaian.nilai)}" for b in bawah
            )
            yield a.temuan(
                lokasi=k.lokasi,
                objek="kinerja Perangkat Daerah",
                tercetak=k.teks,
                dihitung=(
                    f"{len(bawah)} dari {len(rows)} IKU di bawah target"
                    if bawah
                    else f"semua {len(rows)} IKU mencapai target"
                ),
                rincian=f" ({rincian})" if bawah else "",
                kalimat=k.catatan or k.teks,
            )
