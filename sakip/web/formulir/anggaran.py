"""Formulir anggaran OPD-tahun: per baris (``KUNCI`` = ``sub-ID`` / ``keg-ID``) medan ``pagu-KUNCI``,
``real-KUNCI``, ``tw1-KUNCI`` … ``tw4-KUNCI`` dan tersembunyi ``h-KUNCI`` (sidik nilai yang
ditampilkan). Hanya baris yang dikirim yang dibaca (baris lain tidak disentuh layanan)."""

from __future__ import annotations

from django import forms

from sakip.budget import entry

from . import AngkaField, galat_medan

# medan layanan → awalan nama medan HTML
AWALAN = {
    "pagu": "pagu",
    "realisasi": "real",
    "tw1": "tw1",
    "tw2": "tw2",
    "tw3": "tw3",
    "tw4": "tw4",
}


def _angka(nama: str) -> AngkaField:
    return AngkaField(pesan=lambda teks: f"{nama}: '{teks}' bukan angka (contoh: 2.653.931.750)")


class FormAnggaran(forms.Form):
    def __init__(self, baris: list[dict], data, *args, **kw):
        super().__init__(data, *args, **kw)
        self.kunci = [r["key"] for r in baris if f"pagu-{r['key']}" in data]
        label = {r["key"]: f"{r['kode']} {r['nama']}".strip() for r in baris}
        for k in self.kunci:
            lb = label[k]
            self.fields[f"pagu-{k}"] = _angka(f"Pagu {lb}")
            self.fields[f"real-{k}"] = _angka(f"Realisasi setahun {lb}")
            for t in (1, 2, 3, 4):
                self.fields[f"tw{t}-{k}"] = _angka(f"Realisasi TW {t} {lb}")
            self.fields[f"h-{k}"] = forms.CharField(required=False, max_length=64)

    def isian(self) -> dict[str, entry.IsianBaris]:
        d = self.cleaned_data
        return {
            k: entry.IsianBaris(
                pagu=d.get(f"pagu-{k}"),
                realisasi=d.get(f"real-{k}"),
                tw={t: d.get(f"tw{t}-{k}") for t in (1, 2, 3, 4)},
                sidik=d.get(f"h-{k}") or "",
            )
            for k in self.kunci
        }

    def galat(self, layanan: dict[str, str] | None = None) -> dict[str, str]:
        out = galat_medan(self)
        for k, pesan in (layanan or {}).items():
            medan, _, baris = k.partition(":")
            out.setdefault(f"{AWALAN[medan]}-{baris}" if baris else k, pesan)
        return out
