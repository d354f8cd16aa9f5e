"""Filter templat untuk angka Indonesia: {{ x|angka:2 }}, {{ x|persen }}, {{ x|rupiah }}."""

from django import template

from sakip.core.numbers import NumberFormatError, format_angka, format_persen, format_rupiah

register = template.Library()


def _safe(fn, value, *args, **kwargs):
    if value is None or value == "":
        return "–"
    try:
        return fn(value, *args, **kwargs)
    except (NumberFormatError, TypeError, ValueError):
        return str(value)


@register.filter
def angka(value, places=None):
    places = None if places in (None, "") else int(places)
    return _safe(format_angka, value, places, strip_zeros=places is None)


@register.filter
def angka_ringkas(value):
    """Dua desimal tanpa nol tak berarti: 87.0000 → 87; 20.5000 → 20,5; 61.9415… → 61,94."""
    return _safe(format_angka, value, 2, strip_zeros=True)


@register.filter
def persen(value, places=2):
    return _safe(format_persen, value, int(places))


@register.filter
def rupiah(value):
    return _safe(format_rupiah, value)


@register.filter
def teks_kontras(warna_latar):
    """Warna teks yang terbaca di atas ``warna_latar`` (lencana predikat): putih atau gelap."""
    from sakip.core.warna import warna_teks

    return warna_teks(str(warna_latar or ""))


@register.filter
def angka_terbit(value, places=None):
    """Angka cuplikan terbitan (teks desimal bertitik, mis. "61.94") dalam cara cetak Indonesia;
    tanpa ``places``: paling banyak dua desimal, tanpa nol tak berarti."""
    from decimal import Decimal, InvalidOperation

    if value is None or value == "":
        return "–"
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if places in (None, ""):
        return _safe(format_angka, d, 2, strip_zeros=True)  # 38.5714… → 38,57; 79 → 79
    return angka(d, places)
