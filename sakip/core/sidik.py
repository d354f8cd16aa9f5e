"""Sidik jari isian untuk konkurensi optimistis: formulir membawa sidik nilai yang ditampilkannya;
sama berarti tidak berubah. Bilangan yang sama nilainya bersidik sama (1.164 = 1164,00)."""

from __future__ import annotations

import hashlib
from decimal import ROUND_HALF_UP, Decimal


def bagian(value, places: int | None = None) -> str:
    """Satu bagian sidik: ``None`` → '', bilangan dinormalkan (dibulatkan ke ``places`` bila diberi,
    setengah ke atas seperti tampilan), teks dirapikan."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    d = Decimal(value)
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return format(d.normalize(), "f")


def sidik(*nilai, places: int | None = None) -> str:
    """16 digit heksadesimal SHA-256 dari bagian-bagian ``nilai``."""
    teks = "|".join(bagian(v, places) for v in nilai)
    return hashlib.sha256(teks.encode()).hexdigest()[:16]
