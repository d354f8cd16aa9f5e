"""Alur evaluasi AKIP: OPD mengajukan penilaian mandiri, Inspektorat mengevaluasi lalu memfinalkan;
evaluasi Pemda itu sendiri: Admin Pemda mengajukan penilaian mandiri Pemda, lalu mencatat hasil
evaluasi Kementerian PANRB dan memfinalkannya."""

from __future__ import annotations

from sakip.organisations.models import Peran
from sakip.workflow.alur import Alur, Langkah
from sakip.workflow.models import StatusAlur

from .models import TAHAP, TAHAP_PEMDA, Evaluasi


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


ALUR_EVALUASI_PEMDA = Alur(
    nama="Evaluasi AKIP Pemda",
    model=Evaluasi,
    opd=lambda ev: ev.pemda,
    label_status={k: v[0].upper() + v[1:] for k, v in TAHAP_PEMDA.items()},
    kata_keputusan={StatusAlur.DISETUJUI: "difinalkan"},
    langkah=(
        Langkah(
            "ajukan",
            "Ajukan penilaian mandiri Pemda",
            (Peran.ADMIN_PEMDA,),
            syarat=(_segarkan,),
            berhasil="Penilaian mandiri Pemda diajukan; catat hasil evaluasi Kementerian PANRB "
            "di kolom evaluator saat LHE-nya diterima.",
        ),
        Langkah(
            "setujui",
            "Finalkan hasil evaluasi",
            (Peran.ADMIN_PEMDA,),
            syarat=(_lengkap_dan_kunci,),
            berhasil="Evaluasi AKIP Pemda final dan terkunci.",
        ),
        Langkah(
            "kembalikan",
            "Kembalikan ke penilaian mandiri",
            (Peran.ADMIN_PEMDA,),
            alasan_wajib=True,
            berhasil="Penilaian mandiri Pemda dibuka kembali untuk diperbaiki.",
        ),
    ),
)


def alur_evaluasi(ev: Evaluasi) -> Alur:
    """Alur yang berlaku bagi evaluasi ini: OPD (Inspektorat) atau Pemda (Kementerian PANRB)."""
    return ALUR_EVALUASI_PEMDA if ev.tingkat_pemda else ALUR_EVALUASI
