"""Alur evaluasi AKIP: OPD mengajukan penilaian mandiri, Inspektorat mengevaluasi lalu memfinalkan."""

from __future__ import annotations

from sakip.organisations.models import Peran
from sakip.workflow.alur import Alur, Langkah
from sakip.workflow.models import StatusAlur

from .models import TAHAP, Evaluasi


def _lengkap_dan_kunci(ev: Evaluasi) -> str | None:
    """Syarat final: setiap kriteria terjawab; nilai, predikat dan rekomendasi dikunci saat itu."""
    from .services import kunci_hasil

    return kunci_hasil(ev)


def _segarkan(ev: Evaluasi) -> str | None:
    from .services import segarkan_otomatis

    segarkan_otomatis(ev)
    return None


ALUR_EVALUASI = Alur(
    nama="Evaluasi AKIP",
    model=Evaluasi,
    label_status={k: v[0].upper() + v[1:] for k, v in TAHAP.items()},
    kata_keputusan={StatusAlur.DISETUJUI: "difinalkan"},
    langkah=(
        Langkah(
            "ajukan",
            "Ajukan penilaian mandiri",
            (Peran.OPERATOR_OPD, Peran.KEPALA_OPD),
            syarat=(_segarkan,),
            berhasil="Penilaian mandiri diajukan kepada Inspektorat.",
        ),
        Langkah(
            "setujui",
            "Finalkan",
            (Peran.INSPEKTORAT,),
            syarat=(_lengkap_dan_kunci,),
            berhasil="Evaluasi AKIP final dan terkunci.",
        ),
        Langkah(
            "kembalikan",
            "Kembalikan",
            (Peran.INSPEKTORAT,),
            alasan_wajib=True,
            berhasil="Penilaian mandiri dikembalikan kepada OPD.",
        ),
    ),
)
