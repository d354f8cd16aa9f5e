"""Angka Indonesia: membaca dan mencetak bilangan seperti yang dicetak laporan.

Pemisah ribuan titik, pemisah desimal koma: ``1.164`` · ``8,33%`` · ``Rp2.653.931.750``.

Pembulatan (:func:`round_half_up`) mengikuti kebiasaan laporan kinerja dan
laporan keuangan daerah: setengah ke atas (ROUND_HALF_UP), bukan pembulatan
bankir. Contoh: 41.667 / 499.900 = 8,33507…% → ``8,34%`` bila dibulatkan,
``8,33%`` bila dipotong (:func:`truncate`); LKjIP Denpasar 2022 mencetak
``8,33%`` sehingga laporan itu memotong, bukan membulatkan.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "NumberFormatError",
    "to_decimal",
    "parse_angka",
    "round_half_up",
    "truncate",
    "format_angka",
    "format_persen",
    "format_rupiah",
]


class NumberFormatError(ValueError):
    """Teks yang bukan angka. Pesannya berbahasa Indonesia."""


def to_decimal(value: object) -> Decimal:
    """Ubah int/float/str/Decimal menjadi Decimal tanpa kehilangan ketelitian.

    float diubah lewat ``repr`` (``0.1`` → ``Decimal('0.1')``), tidak lewat
    representasi binernya. Teks dibaca dengan :func:`parse_angka`.
    """
    if isinstance(value, bool):
        raise NumberFormatError(f"nilai {value!r} bukan angka")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NumberFormatError(f"nilai {value} bukan angka yang terhingga")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise NumberFormatError(f"nilai {value!r} bukan angka yang terhingga")
        return Decimal(repr(value))
    if isinstance(value, str):
        return parse_angka(value)
    raise NumberFormatError(f"nilai {value!r} bukan angka")


_RP = re.compile(r"^\s*(?:rp\.?)\s*", re.IGNORECASE)
_THOUSANDS_DOT = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN_COMMA = re.compile(r"^-?\d+(,\d+)?$")
_PLAIN_DOT = re.compile(r"^-?\d+\.\d+$")
_THOUSANDS_SPACE = re.compile(r"^-?\d{1,3}( \d{3})+(,\d+)?$")


def parse_angka(text: str) -> Decimal:
    """Baca angka yang ditulis cara Indonesia.

    Diterima: ``1.164`` (seribu seratus enam puluh empat), ``8,33``, ``8,33%``,
    ``Rp. 6.254.031.019,00``, ``2.583.575.055``, ``-0,23``, ``79.88`` (titik
    desimal hanya bila tidak mungkin dibaca sebagai pemisah ribuan, yaitu bila
    bagian setelah titik bukan tepat tiga angka).

    Teks lain ditolak dengan :class:`NumberFormatError`.
    """
    if not isinstance(text, str):
        raise NumberFormatError(f"nilai {text!r} bukan teks angka")
    raw = text
    s = text.strip().replace("\u00a0", " ")
    s = _RP.sub("", s)
    if s.endswith("%"):
        s = s[:-1].strip()
    if _THOUSANDS_SPACE.match(s):
        s = s.replace(" ", ".")
    if not s:
        raise NumberFormatError(f"'{raw}' bukan angka")
    try:
        if _THOUSANDS_DOT.match(s):
            return Decimal(s.replace(".", "").replace(",", "."))
        if _PLAIN_COMMA.match(s):
            return Decimal(s.replace(",", "."))
        if _PLAIN_DOT.match(s):
            return Decimal(s)
    except InvalidOperation:  # pragma: no cover - regex guarantees digits
        pass
    raise NumberFormatError(f"'{raw}' bukan angka (contoh yang benar: 1.164 atau 8,33)")


def _quant(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Bulatkan setengah ke atas pada ``places`` angka di belakang koma."""
    return to_decimal(value).quantize(_quant(places), rounding=ROUND_HALF_UP)


def truncate(value: Decimal, places: int = 2) -> Decimal:
    """Potong (ke arah nol) pada ``places`` angka di belakang koma."""
    return to_decimal(value).quantize(_quant(places), rounding=ROUND_DOWN)


def _group(digits: str) -> str:
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return ".".join(out)


def format_angka(value: object, places: int | None = None, *, strip_zeros: bool = False) -> str:
    """Cetak angka cara Indonesia: ``1164`` → ``1.164``; ``8.335`` (2) → ``8,34``.

    ``places=None`` mencetak angka apa adanya (tanpa pembulatan). Dengan
    ``strip_zeros`` nol di belakang koma dibuang (``87,00`` → ``87``).
    """
    d = to_decimal(value)
    if places is not None:
        d = round_half_up(d, places)
    sign = "-" if d < 0 else ""
    d = abs(d)
    text = format(d, "f")
    if "." in text:
        whole, frac = text.split(".")
    else:
        whole, frac = text, ""
    if strip_zeros:
        frac = frac.rstrip("0")
    if sign and int(whole or "0") == 0 and not frac.strip("0"):
        sign = ""
    result = _group(whole or "0")
    if frac:
        result += "," + frac
    return sign + result


def format_persen(value: object, places: int = 2, *, strip_zeros: bool = False) -> str:
    """``8.335067`` → ``8,34%``."""
    return format_angka(value, places, strip_zeros=strip_zeros) + "%"


def format_rupiah(value: object, places: int = 0) -> str:
    """``2653931750`` → ``Rp2.653.931.750`` (ejaan PUEBI: tanpa titik dan spasi)."""
    d = to_decimal(value)
    sign = "-" if d < 0 else ""
    return sign + "Rp" + format_angka(abs(d), places)


def bilangan_id(raw: object) -> int | None:
    """Nomor baris/tahun dari isian formulir: 1–9 angka ASCII, selain itu ``None``.

    ``str.isdigit`` menerima '²' dan angka Arab-India yang ditolak ``int()``, dan angka sangat
    panjang meluap di basis data; keduanya berakhir sebagai galat 500 bila tidak disaring di sini."""
    import re

    s = str(raw if raw is not None else "").strip()
    return int(s) if re.fullmatch(r"[0-9]{1,9}", s) else None
