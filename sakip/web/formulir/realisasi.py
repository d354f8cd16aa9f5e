"""Formulir isian realisasi triwulan: satu baris per indikator, medan ``n-ID`` (nilai), ``p-ID``
/ ``q-ID`` (pembilang / penyebut indikator rumus), ``c-ID`` (catatan), ``y-ID`` (centang "Nilai ini
benar"), tersembunyi ``v-ID`` (versi yang dibaca) dan ``h-ID`` (sidik nilai yang ditampilkan)."""

from __future__ import annotations

from django import forms

from sakip.measurement import entry

from . import AngkaField, BilanganBulatField, galat_medan

# medan layanan → awalan nama medan HTML
AWALAN = {
    "nilai": "n",
    "pembilang": "p",
    "penyebut": "q",
    "catatan": "c",
    "versi": "v",
    "yakin": "y",  # "Nilai ini benar" (nilai jauh dari target/periode lalu)
}


class FormRealisasi(forms.Form):
    alasan = forms.CharField(required=False, max_length=2000)

    def __init__(self, indikator, *args, **kw):
        super().__init__(*args, **kw)
        self.indikator = list(indikator)
        for ind in self.indikator:
            i, nama = ind.id, ind.nama
            for medan in entry.MEDAN_ANGKA:
                self.fields[f"{AWALAN[medan]}-{i}"] = AngkaField(
                    pesan=lambda teks, medan=medan, nama=nama: entry.pesan_bukan_angka(
                        medan, nama, teks
                    )
                )
            self.fields[f"c-{i}"] = forms.CharField(required=False, max_length=4000, strip=False)
            self.fields[f"v-{i}"] = BilanganBulatField(
                pesan=lambda teks, nama=nama: entry.pesan_versi_rusak(nama, teks)
            )
            self.fields[f"h-{i}"] = forms.CharField(required=False, max_length=200)
            self.fields[f"y-{i}"] = forms.BooleanField(required=False)

    def isian(self) -> list[entry.IsianRealisasi]:
        """Masukan bertipe setiap baris (medan yang tidak terbaca: None; galatnya di ``errors``)."""
        d = getattr(self, "cleaned_data", {})
        out = []
        for ind in self.indikator:
            i = ind.id
            out.append(
                entry.IsianRealisasi(
                    i,
                    nilai=d.get(f"n-{i}"),
                    pembilang=d.get(f"p-{i}"),
                    penyebut=d.get(f"q-{i}"),
                    catatan=d.get(f"c-{i}") or "",
                    versi=d.get(f"v-{i}"),
                    sidik=d.get(f"h-{i}") or None,
                    yakin=bool(d.get(f"y-{i}")),
                )
            )
        return out

    def galat(self, galat_layanan: dict[str, str] | None = None) -> dict[str, str]:
        """Galat per nama medan HTML: galat formulir (angka tak terbaca) lalu galat layanan."""
        out = galat_medan(self)
        for k, pesan in (galat_layanan or {}).items():
            kunci = entry.urai_kunci(k)
            nama = f"{AWALAN[kunci[0]]}-{kunci[1]}" if kunci else k
            out.setdefault(nama, pesan)
        return out
