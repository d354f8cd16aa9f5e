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
