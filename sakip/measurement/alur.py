"""Alur persetujuan realisasi triwulan: Operator (atau Admin Pemda) mengajukan, Kepala OPD memutuskan."""

from __future__ import annotations

from sakip.organisations.models import Peran
from sakip.workflow.alur import Alur, Langkah

from .models import Periode, PersetujuanRealisasi, Realisasi


def _ada_realisasi(st: PersetujuanRealisasi) -> str | None:
    ada = Realisasi.objects.filter(
        indikator__opd=st.opd, tahun=st.tahun, periode=Periode.triwulan(st.triwulan)
    ).exists()
    return None if ada else "Belum ada realisasi yang diisi untuk triwulan ini."


ALUR_REALISASI = Alur(
    nama="Realisasi",
    model=PersetujuanRealisasi,
    langkah=(
        Langkah(
            "ajukan",
            "Ajukan ke Kepala OPD",
            (Peran.OPERATOR_OPD, Peran.ADMIN_PEMDA),
            syarat=(_ada_realisasi,),
            berhasil="Realisasi triwulan diajukan kepada Kepala OPD.",
        ),
        Langkah(
            "setujui", "Setujui", (Peran.KEPALA_OPD,), berhasil="Realisasi triwulan disetujui."
        ),
        Langkah(
            "kembalikan",
            "Kembalikan",
            (Peran.KEPALA_OPD,),
            alasan_wajib=True,
            berhasil="Realisasi triwulan dikembalikan kepada Operator.",
        ),
    ),
)
