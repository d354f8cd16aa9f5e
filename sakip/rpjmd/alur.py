"""Alur penetapan RPJMD: Admin Pemda (Bappeda) mengajukan rancangan dan mencatat penetapannya."""

from __future__ import annotations

from sakip.organisations.models import Peran
from sakip.workflow.alur import Alur, Langkah

from .models import RPJMD


def _ada_sasaran(rpjmd: RPJMD) -> str | None:
    if not rpjmd.tujuan.filter(sasaran__indikator__isnull=False).exists():
        return "RPJMD belum punya sasaran berindikator; lengkapi sebelum diajukan."
    return None


ALUR_RPJMD = Alur(
    nama="RPJMD",
    model=RPJMD,
    langkah=(
        Langkah("ajukan", "Ajukan RPJMD", (Peran.ADMIN_PEMDA,), syarat=(_ada_sasaran,)),
        Langkah(
            "setujui",
            "Tetapkan RPJMD",
            (Peran.ADMIN_PEMDA,),
            berhasil="{obj} ditetapkan dan terkunci; perubahannya dibuat sebagai versi baru.",
        ),
        Langkah("kembalikan", "Kembalikan", (Peran.ADMIN_PEMDA,), alasan_wajib=True),
    ),
    opd=lambda obj: obj.pemda,
)
