"""Formulir penyusunan RPJMD (Admin Pemda): RPJMD baru, tujuan, sasaran, indikator dan targetnya,
realisasi indikator daerah — masing-masing dibaca menjadi masukan bertipe
:mod:`sakip.rpjmd.services`. Medan yang tidak terbaca (tahun, angka) menjadi galat medan; layanan
menambahkan galat maknanya dengan nama medan yang sama."""

from __future__ import annotations

from django import forms

from sakip.rpjmd import services
from sakip.rpjmd.models import RPJMD

from . import AngkaField, BilanganBulatField, galat_medan


def _angka(label: str) -> AngkaField:
    return AngkaField(pesan=lambda teks: f"{label}: '{teks}' bukan angka (contoh: 1.164 atau 8,33)")


def _teks(maks: int = 255, **kw) -> forms.CharField:
    return forms.CharField(required=False, max_length=maks, **kw)


class FormIsian(forms.Form):
    """Dasar: ``isian()`` hanya dipanggil sesudah ``is_valid()``; ``galat()`` per nama medan."""

    def galat(self, layanan: dict[str, str] | None = None) -> dict[str, str]:
        out = galat_medan(self)
        for k, v in (layanan or {}).items():
            out.setdefault(k, v)
        return out


class FormRPJMD(FormIsian):
    jenis = _teks(10)
    tahun_awal = BilanganBulatField(pesan=lambda teks: "Tahun awal harus tahun 2000–2100")
    tahun_akhir = BilanganBulatField(pesan=lambda teks: "Tahun akhir harus tahun 2000–2100")
    nama = _teks()
    dasar_hukum = _teks()
    visi = _teks(2000)
    misi = _teks(10000)

    def isian(self) -> services.IsianRPJMD:
        d = self.cleaned_data
        return services.IsianRPJMD(
            tahun_awal=d.get("tahun_awal"),
            tahun_akhir=d.get("tahun_akhir"),
            visi=d.get("visi", ""),
            misi=tuple((d.get("misi") or "").splitlines()),
            jenis=d.get("jenis") or RPJMD.Jenis.RPJMD,
            nama=d.get("nama", ""),
            dasar_hukum=d.get("dasar_hukum", ""),
        )


class FormTujuan(FormIsian):
    kode = _teks(40)
    uraian = _teks(2000)
    misi = BilanganBulatField(pesan=lambda teks: f"Nomor misi '{teks}' bukan bilangan bulat")

    def isian(self) -> services.IsianTujuan:
        d = self.cleaned_data
        return services.IsianTujuan(d.get("kode", ""), d.get("uraian", ""), d.get("misi"))


class FormSasaran(FormIsian):
    tujuan = BilanganBulatField(pesan=lambda teks: "Pilih tujuan RPJMD")
    kode = _teks(40)
    uraian = _teks(2000)

    def isian(self) -> services.IsianSasaran:
        d = self.cleaned_data
        return services.IsianSasaran(d.get("tujuan"), d.get("kode", ""), d.get("uraian", ""))


class FormIndikatorRPJMD(FormIsian):
    sasaran = BilanganBulatField(pesan=lambda teks: "Pilih sasaran RPJMD")
    kode = _teks(40)
    nama = _teks(500)
    satuan = _teks(60)
    polaritas = _teks(10)
    sumber_data = _teks()
    kondisi_awal = _angka("Kondisi awal")
    kondisi_akhir = _angka("Kondisi akhir")

    def __init__(self, rpjmd: RPJMD, *args, **kw):
        super().__init__(*args, **kw)
        self.tahun_list = list(rpjmd.tahun_list)
        for y in self.tahun_list:
            self.fields[f"target_{y}"] = _angka(f"Target {y}")

    def isian(self) -> services.IsianIndikatorRPJMD:
        d = self.cleaned_data
        return services.IsianIndikatorRPJMD(
            sasaran=d.get("sasaran"),
            kode=d.get("kode", ""),
            nama=d.get("nama", ""),
            satuan=d.get("satuan", ""),
            polaritas=d.get("polaritas") or "naik",
            sumber_data=d.get("sumber_data", ""),
            kondisi_awal=d.get("kondisi_awal"),
            kondisi_akhir=d.get("kondisi_akhir"),
            target={
                y: d[f"target_{y}"] for y in self.tahun_list if d.get(f"target_{y}") is not None
            },
        )


class FormRealisasiDaerah(FormIsian):
    indikator = BilanganBulatField(pesan=lambda teks: "Pilih indikator RPJMD")
    tahun = BilanganBulatField(pesan=lambda teks: f"Tahun '{teks}' bukan bilangan bulat")
    nilai = _angka("Realisasi")
    sumber = _teks()

    def isian(self) -> services.IsianRealisasiDaerah:
        d = self.cleaned_data
        return services.IsianRealisasiDaerah(d.get("tahun"), d.get("nilai"), d.get("sumber", ""))
