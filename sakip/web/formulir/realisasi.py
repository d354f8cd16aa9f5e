"""Formulir isian realisasi triwulan: satu baris per indikator, medan ``n-ID`` (nilai), ``p-ID``
/ ``q-ID`` (pembilang / penyebut indikator rumus), ``c-ID`` (catatan), ``y-ID`` (centang "Nilai ini
benar"), tersembunyi ``v-ID`` (versi yang dibaca) dan ``h-ID`` (sidik nilai yang ditampilkan).

Medan baris dibaca oleh medan Django yang sama jenisnya (:class:`~sakip.web.formulir.AngkaField`,
:class:`~sakip.web.formulir.BilanganBulatField`, ``CharField``, ``BooleanField``), satu contoh per
jenis untuk semua baris, bukan tujuh medan baru per indikator: formulir 200 indikator (1.400 medan)
dibaca hampir semurah formulir 20 indikator. Galatnya tetap per nama medan HTML (``form.errors``)."""

from __future__ import annotations

from typing import Any

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

# satu medan per jenis, dipakai semua baris (medan Django tidak menyimpan keadaan saat membaca)
_ANGKA = AngkaField()
_VERSI = BilanganBulatField()
_CATATAN = forms.CharField(required=False, max_length=4000, strip=False)
_SIDIK = forms.CharField(required=False, max_length=200)
_PANJANG = {"catatan": 4000, "sidik": 200}
_YAKIN = forms.BooleanField(required=False)


class FormRealisasi(forms.Form):
    alasan = forms.CharField(required=False, max_length=2000)

    def __init__(self, indikator, *args, **kw):
        super().__init__(*args, **kw)
        self.indikator = list(indikator)
        self.baris: dict[int, dict] = {}

    def clean(self) -> dict[str, Any] | None:
        """Baca setiap baris; galat per nama medan HTML (``p-12``), satu kalimat Indonesia."""
        data = super().clean()
        self.baris = {}
        ambil = self.data.get
        for ind in self.indikator:
            i, nama = ind.id, ind.nama
            baris: dict[str, Any] = {}
            for medan in entry.MEDAN_ANGKA:
                nama_html = f"{AWALAN[medan]}-{i}"
                teks = ambil(nama_html)
                try:
                    baris[medan] = _ANGKA.to_python(teks) if teks else None
                except forms.ValidationError:
                    teks = str(teks).strip()[: AngkaField.MAKS]
                    self._galat(nama_html, entry.pesan_bukan_angka(medan, nama, teks))
            for nama_html, medan, f in (
                (f"c-{i}", "catatan", _CATATAN),
                (f"h-{i}", "sidik", _SIDIK),
            ):
                teks = ambil(nama_html) or ""
                # jalan biasa tanpa mesin medan Django (yang menangani teks terlalu panjang / NUL)
                if len(teks) <= _PANJANG[medan] and "\x00" not in teks:
                    baris[medan] = teks if f.strip is False else teks.strip()
                    continue
                try:
                    baris[medan] = f.clean(teks)
                except forms.ValidationError as e:
                    self._galat(nama_html, " ".join(e.messages))
            baris["yakin"] = _YAKIN.to_python(ambil(f"y-{i}"))
            teks = ambil(f"v-{i}")
            try:
                baris["versi"] = _VERSI.to_python(teks) if teks else None
            except forms.ValidationError:
                self._galat(f"v-{i}", entry.pesan_versi_rusak(nama, str(teks).strip()))
            self.baris[i] = baris
        return data

    def _galat(self, nama_html: str, pesan: str) -> None:
        """Galat medan baris (bukan medan Django formulir ini) di ``form.errors`` menurut namanya."""
        galat: dict = self._errors  # type: ignore[attr-defined]  # diisi full_clean sebelum clean()
        galat.setdefault(nama_html, self.error_class()).append(pesan)

    def isian(self) -> list[entry.IsianRealisasi]:
        """Masukan bertipe setiap baris (medan yang tidak terbaca: None; galatnya di ``errors``)."""
        out = []
        for ind in self.indikator:
            d = self.baris.get(ind.id, {})
            out.append(
                entry.IsianRealisasi(
                    ind.id,
                    nilai=d.get("nilai"),
                    pembilang=d.get("pembilang"),
                    penyebut=d.get("penyebut"),
                    catatan=d.get("catatan") or "",
                    versi=d.get("versi"),
                    sidik=d.get("sidik") or None,
                    yakin=bool(d.get("yakin")),
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
