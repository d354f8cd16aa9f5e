"""Formulir target Renstra per tahun: sel ``t-ID-TAHUN``, tersembunyi ``a-t-ID-TAHUN`` (nilai saat
dibuka) dan ``v-t-ID-TAHUN`` (versi yang dibaca), dibaca menjadi
:class:`sakip.planning.services.SelTarget`."""

from __future__ import annotations

from django import forms

from sakip.core.numbers import NumberFormatError, parse_angka
from sakip.planning import services

from . import AngkaField, BilanganBulatField, galat_medan


class FormTargetRenstra(forms.Form):
    def __init__(self, indikator, years, data, *args, **kw):
        super().__init__(data, *args, **kw)
        self.sel = [(ind, y) for ind in indikator for y in years]
        for ind, y in self.sel:
            kunci = f"t-{ind.id}-{y}"
            self.fields[kunci] = AngkaField(
                pesan=lambda teks, nama=ind.nama, y=y: (
                    f"Target “{nama}” tahun {y}: '{teks}' bukan angka"
                )
            )
            self.fields[f"v-{kunci}"] = BilanganBulatField(
                pesan=lambda teks, nama=ind.nama, y=y: (
                    f"Target “{nama}” tahun {y}: versi '{teks}' bukan bilangan bulat (formulir "
                    "rusak); muat ulang halaman lalu isi lagi."
                )
            )

    def isian(self) -> dict[tuple[int, int], services.SelTarget]:
        d = self.cleaned_data
        out = {}
        for ind, y in self.sel:
            kunci = f"t-{ind.id}-{y}"
            teks_awal = (self.data.get(f"a-{kunci}") or "").strip()
            try:
                awal = parse_angka(teks_awal) if teks_awal else None
            except NumberFormatError:
                awal = None  # nilai tampilan yang rusak: sel dianggap diubah
            out[(ind.id, y)] = services.SelTarget(
                nilai=d.get(kunci),
                awal=awal,
                ada_awal=f"a-{kunci}" in self.data,
                versi=d.get(f"v-{kunci}"),
            )
        return out

    @staticmethod
    def nama_medan(kunci_layanan: str) -> str:
        ind, _, y = kunci_layanan.partition(":")
        return f"t-{ind}-{y}" if y else kunci_layanan

    def galat(self, layanan: dict[str, str] | None = None) -> dict[str, str]:
        # galat versi (v-t-…) ditampilkan di sel targetnya (t-…)
        out = {k[2:] if k.startswith("v-") else k: v for k, v in galat_medan(self).items()}
        for k, pesan in (layanan or {}).items():
            out.setdefault(self.nama_medan(k), pesan)
        return out
