"""Warna teks yang terbaca di atas warna latar (kontras WCAG 2.x), tanpa Django: lencana predikat
memakai warna skala yang dapat diatur Pemda, jadi warna teksnya dihitung, bukan ditetapkan."""

from __future__ import annotations

import re

GELAP = "#1b1f24"
TERANG = "#ffffff"
_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")


def _kanal(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4


def luminans(hex_warna: str) -> float:
    m = _HEX.match(hex_warna.strip())
    if not m:
        raise ValueError(f"warna '{hex_warna}' bukan #RRGGBB")
    h = m.group(1)
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _kanal(r) + 0.7152 * _kanal(g) + 0.0722 * _kanal(b)


def kontras(a: str, b: str) -> float:
    la, lb = sorted((luminans(a), luminans(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def warna_teks(latar: str) -> str:
    """Putih atau gelap, mana yang lebih kontras di atas ``latar`` (warna tak terbaca: gelap)."""
    try:
        return TERANG if kontras(latar, TERANG) >= kontras(latar, GELAP) else GELAP
    except ValueError:
        return GELAP
