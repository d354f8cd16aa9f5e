"""Formulir evaluasi AKIP: bagian LHE (ringkasan, nomor dan tanggal, penanda tangan) dibaca
menjadi :class:`sakip.evaluation.services.IsianLHE`."""

from __future__ import annotations

import datetime

from django import forms

from sakip.evaluation import services

from . import galat_medan


class FormLHE(forms.Form):
    tanggal_lhe = forms.CharField(required=False, max_length=40)

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        for k in services.MEDAN_LHE:
            self.fields[k] = forms.CharField(required=False, max_length=10000, strip=True)

    def clean_tanggal_lhe(self) -> datetime.date | None:
        teks = (self.cleaned_data.get("tanggal_lhe") or "").strip()
        if not teks:
            return None
        try:
            return datetime.date.fromisoformat(teks)
        except ValueError:
            raise forms.ValidationError(f"'{teks}' bukan tanggal (TTTT-BB-HH)") from None

    def dikirim(self) -> bool:
        return any(k in self.data for k in ("ringkasan", "nomor_lhe", "inspektur_nama"))

    def isian(self) -> services.IsianLHE:
        d = self.cleaned_data
        return services.IsianLHE(
            teks={k: d.get(k, "") for k in services.MEDAN_LHE if k in self.data},
            tanggal=d.get("tanggal_lhe"),
            tanggal_dikirim="tanggal_lhe" in self.data,
        )

    def galat(self) -> dict[str, str]:
        return galat_medan(self)
