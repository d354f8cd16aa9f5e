"""Formulir penyusunan Renstra OPD (Operator OPD / Admin Pemda): Renstra, tujuan, sasaran,
indikator dan targetnya, program, kegiatan, sub kegiatan — masing-masing dibaca menjadi masukan
bertipe :mod:`sakip.planning.susun`. Angka dan tahun yang tidak terbaca menjadi galat medan;
layanan menambahkan galat maknanya dengan nama medan yang sama."""

from __future__ import annotations

from django import forms

from sakip.planning import susun

from . import AngkaField, BilanganBulatField
from .rpjmd import FormIsian


def _angka(label: str) -> AngkaField:
    return AngkaField(pesan=lambda teks: f"{label}: '{teks}' bukan angka (contoh: 1.164 atau 8,33)")


def _teks(maks: int = 255) -> forms.CharField:
    return forms.CharField(required=False, max_length=maks)


def _tahun(label: str) -> BilanganBulatField:
    return BilanganBulatField(pesan=lambda teks: f"{label} harus tahun 2000–2100")


class FormRenstra(FormIsian):
    tahun_awal = _tahun("Tahun awal")
    tahun_akhir = _tahun("Tahun akhir")
    nama = _teks()
    visi = _teks(2000)
    misi = _teks(10000)

    def isian(self) -> susun.IsianRenstra:
        d = self.cleaned_data
        return susun.IsianRenstra(
            tahun_awal=d.get("tahun_awal"),
            tahun_akhir=d.get("tahun_akhir"),
            nama=d.get("nama", ""),
            visi=d.get("visi", ""),
            misi=tuple((d.get("misi") or "").splitlines()),
        )


class FormUnsur(FormIsian):
    kode = _teks(40)
    uraian = _teks(2000)

    def isian(self) -> susun.IsianUnsur:
        return susun.IsianUnsur(
            self.cleaned_data.get("kode", ""), self.cleaned_data.get("uraian", "")
        )


class FormIndikator(FormIsian):
    kode = _teks(60)
    nama = _teks(2000)
    satuan = _teks(60)
    iku = forms.BooleanField(required=False)
    polaritas = _teks(10)
    agregasi = _teks(12)
    formula = _teks(2000)
    pembilang = _teks()
    penyebut = _teks()
    sumber_data = _teks()
    penanggung_jawab = _teks()
    kondisi_awal = _angka("Kondisi awal")
    kondisi_awal_tahun = BilanganBulatField(
        pesan=lambda teks: "Tahun kondisi awal harus tahun 2000–2100"
    )
    kondisi_akhir = _angka("Kondisi akhir")
    batas_bawah = _angka("Batas bawah nilai wajar")
    batas_atas = _angka("Batas atas nilai wajar")
    catatan = _teks(2000)

    def __init__(self, tahun_list: list[int], *args, **kw):
        super().__init__(*args, **kw)
        self.tahun_list = list(tahun_list)
        for y in self.tahun_list:
            self.fields[f"target_{y}"] = _angka(f"Target {y}")
            self.fields[f"target_atas_{y}"] = _angka(f"Batas atas target {y}")

    def isian(self) -> susun.IsianIndikator:
        d = self.cleaned_data
        return susun.IsianIndikator(
            kode=d.get("kode", ""),
            nama=d.get("nama", ""),
            satuan=d.get("satuan", ""),
            iku=bool(d.get("iku")),
            polaritas=d.get("polaritas") or "naik",
            agregasi=d.get("agregasi") or "terakhir",
            formula=d.get("formula", ""),
            pembilang=d.get("pembilang", ""),
            penyebut=d.get("penyebut", ""),
            sumber_data=d.get("sumber_data", ""),
            penanggung_jawab=d.get("penanggung_jawab", ""),
            kondisi_awal=d.get("kondisi_awal"),
            kondisi_awal_tahun=d.get("kondisi_awal_tahun"),
            kondisi_akhir=d.get("kondisi_akhir"),
            batas_bawah=d.get("batas_bawah"),
            batas_atas=d.get("batas_atas"),
            catatan=d.get("catatan", ""),
            target={
                y: d[f"target_{y}"] for y in self.tahun_list if d.get(f"target_{y}") is not None
            },
            target_atas={
                y: d[f"target_atas_{y}"]
                for y in self.tahun_list
                if d.get(f"target_atas_{y}") is not None
            },
        )


class FormNomenklatur(FormIsian):
    kode = _teks(30)
    nama = _teks(500)
    alasan = _teks(2000)

    def __init__(self, *args, tahun: int | None = None, **kw):
        super().__init__(*args, **kw)
        self.tahun = tahun
        data = args[0] if args else kw.get("data")
        self._sasaran = data.getlist("sasaran") if data is not None else []

    def clean(self):
        d = super().clean()
        ids = []
        for s in self._sasaran:
            if str(s).strip().isdigit() and len(str(s)) < 10:
                ids.append(int(s))
            elif str(s).strip():
                self.add_error(None, "Pilihan sasaran tidak sah")
        d["sasaran"] = tuple(ids)
        return d

    def isian(self) -> susun.IsianNomenklatur:
        d = self.cleaned_data
        return susun.IsianNomenklatur(
            d.get("kode", ""),
            d.get("nama", ""),
            d.get("sasaran", ()),
            alasan=d.get("alasan", ""),
            tahun=self.tahun,
        )
