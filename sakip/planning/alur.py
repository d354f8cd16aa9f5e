"""Alur persetujuan Perjanjian Kinerja: Operator OPD mengajukan, Kepala OPD menyetujui/mengembalikan."""

from __future__ import annotations

from sakip.organisations.models import Peran
from sakip.workflow.alur import Alur, Langkah

from .models import PerjanjianKinerja

ALUR_PK = Alur(
    nama="PK",
    model=PerjanjianKinerja,
    langkah=(
        Langkah("ajukan", "Ajukan PK", (Peran.OPERATOR_OPD,)),
        Langkah("setujui", "Setujui PK", (Peran.KEPALA_OPD,)),
        Langkah("kembalikan", "Kembalikan", (Peran.KEPALA_OPD,), alasan_wajib=True),
    ),
)
