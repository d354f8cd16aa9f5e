"""Formulir Perjanjian Kinerja: target (``t-ID``, tersembunyi ``a-t-ID`` = target saat dibuka) dan
Rencana Aksi (``ra-BUTIR-TW``), dibaca menjadi masukan bertipe layanan :mod:`sakip.planning.services`."""

from __future__ import annotations

from django import forms

from sakip.planning import services
from sakip.planning.models import PerjanjianKinerja

from . import AngkaField


class FormTargetPK(forms.Form):
    alasan = forms.CharField(required=False, max_length=2000)

    def __init__(self, pk: PerjanjianKinerja, *args, **kw):
        super().__init__(*args, **kw)
        self.butir = list(pk.indikator.select_related("indikator"))
        for it in self.butir:
            i, nama = it.indikator_id, it.indikator.nama
            self.fields[f"t-{i}"] = AngkaField(
                pesan=lambda teks, nama=nama: f"Target “{nama}”: '{teks}' bukan angka"
            )
            self.fields[f"a-t-{i}"] = AngkaField(
                pesan=lambda teks, nama=nama: (
                    f"Target awal “{nama}” ('{teks}') bukan angka: formulir rusak; muat ulang "
                    "halaman lalu isi lagi."
                )
            )

    def isian(self) -> services.IsianTargetPK:
        d = self.cleaned_data
        target = {
            it.indikator_id: d[f"t-{it.indikator_id}"]
            for it in self.butir
            if d.get(f"t-{it.indikator_id}") is not None
        }
        awal = {
            it.indikator_id: d[f"a-t-{it.indikator_id}"]
            for it in self.butir
            if d.get(f"a-t-{it.indikator_id}") is not None
        }
        return services.IsianTargetPK(target, awal, d.get("alasan", ""))

    def galat(self, pk: PerjanjianKinerja) -> list[str]:
        """Pesan galat formulir, lalu target yang wajib tetapi kosong (semua sekaligus)."""
        out = [str(m) for v in self.errors.values() for m in v]
        if self.is_valid():
            out += list(services.periksa_target_lengkap(pk, self.isian()).values())
        else:
            kosong = {
                it.indikator_id
                for it in self.butir
                if not (self.data.get(f"t-{it.indikator_id}") or "").strip()
            }
            out += [
                f"Target “{it.indikator.nama}” wajib diisi"
                for it in self.butir
                if it.indikator_id in kosong
            ]
        return out


class FormRencanaAksi(forms.Form):
    def __init__(self, pk: PerjanjianKinerja, *args, **kw):
        super().__init__(*args, **kw)
        self.butir = list(pk.indikator.select_related("indikator"))
        for it in self.butir:
            for tw in (1, 2, 3, 4):
                self.fields[f"ra-{it.id}-{tw}"] = AngkaField(
                    pesan=lambda teks, nama=it.indikator.nama, tw=tw: (
                        f"Rencana Aksi “{nama}” TW {tw}: '{teks}' bukan angka"
                    )
                )

    def isian(self) -> services.IsianRencanaAksi:
        d = self.cleaned_data
        return services.IsianRencanaAksi(
            {(it.id, tw): d.get(f"ra-{it.id}-{tw}") for it in self.butir for tw in (1, 2, 3, 4)}
        )

    def galat(self) -> list[str]:
        return [str(m) for v in self.errors.values() for m in v]
