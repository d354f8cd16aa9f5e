"""Formulir halaman (Django forms): nama medan HTML adalah urusan halaman, bukan layanan.

Setiap formulir membaca ``request.POST`` menjadi masukan bertipe yang didefinisikan di samping
layanannya (mis. :class:`sakip.measurement.entry.IsianRealisasi`), dan memetakan galat layanan
kembali ke medannya, sehingga apa yang diketik pengguna tetap tampil dan medan yang salah ditandai.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms

from sakip.core.numbers import NumberFormatError, parse_angka


def galat_medan(form: forms.Form) -> dict[str, str]:
    """Galat formulir per nama medan, satu kalimat per medan (untuk templat dan galat layanan)."""
    return {k: " ".join(str(x) for x in v) for k, v in form.errors.items()}


def _teks(value) -> str:
    return "" if value is None else str(value).strip()


class AngkaField(forms.Field):
    """Angka cara Indonesia (``1.164``, ``8,33``, ``Rp2.653.931.750``) → ``Decimal`` (kosong → None).

    Dibaca oleh :func:`sakip.core.numbers.parse_angka`, inti yang sama dengan lembar kerja dan API.
    ``pesan``: fungsi (teks) → kalimat galat; bawaannya menyebut contoh penulisan."""

    MAKS = 60

    def __init__(self, *, pesan=None, **kw):
        kw.setdefault("required", False)
        super().__init__(**kw)
        self.pesan = pesan or (lambda teks: f"'{teks}' bukan angka (contoh: 1.164 atau 8,33)")

    def to_python(self, value) -> Decimal | None:
        teks = _teks(value)
        if not teks:
            return None
        try:
            if len(teks) > self.MAKS:
                raise NumberFormatError(teks)
            return parse_angka(teks)
        except NumberFormatError:
            raise forms.ValidationError(self.pesan(teks[: self.MAKS]), code="bukan_angka") from None


class BilanganBulatField(forms.Field):
    """Bilangan bulat 0–999.999.999 dari medan tersembunyi (versi baris); kosong → None."""

    def __init__(self, *, pesan=None, **kw):
        kw.setdefault("required", False)
        super().__init__(**kw)
        self.pesan = pesan or (lambda teks: f"'{teks}' bukan bilangan bulat")

    def to_python(self, value) -> int | None:
        from sakip.core.numbers import bilangan_id

        teks = _teks(value)
        if not teks:
            return None
        n = bilangan_id(teks)
        if n is None:
            raise forms.ValidationError(self.pesan(teks), code="bukan_bilangan")
        return n
