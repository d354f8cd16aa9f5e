"""Rentang nilai wajar indikator (:mod:`sakip.core.wajar`): kosong berarti menurut satuannya
(persen 0–100, cacah bulat tidak negatif); diisi bila indikator memang dapat di luar itu
(mis. persentase pertumbuhan yang negatif atau lebih dari 100)."""

from __future__ import annotations

from django.db import models

from sakip.core import wajar

DEC = {"max_digits": 20, "decimal_places": 4}


class RentangWajar(models.Model):
    batas_bawah = models.DecimalField(
        "batas bawah nilai wajar",
        **DEC,
        null=True,
        blank=True,
        help_text="kosong: menurut satuan (persen dan cacah tidak negatif)",
    )
    batas_atas = models.DecimalField(
        "batas atas nilai wajar",
        **DEC,
        null=True,
        blank=True,
        help_text="kosong: menurut satuan (persen paling tinggi 100)",
    )

    class Meta:
        abstract = True

    def rentang_wajar(self) -> wajar.Rentang:
        return wajar.rentang(getattr(self, "satuan", ""), self.batas_bawah, self.batas_atas)
