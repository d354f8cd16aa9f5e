"""Alur persetujuan LKjIP: Operator mengajukan, Kepala OPD menyetujui bila reviu bersih.

Dideklarasikan di app reviu karena gerbangnya reviu: sebelum disetujui reviu dijalankan ulang pada
data terkini, dan LKjIP dengan temuan kritis yang masih terbuka tidak dapat disetujui.
"""

from __future__ import annotations

from sakip.organisations.models import Peran, PerangkatDaerah
from sakip.reporting.models import PersetujuanLkjip
from sakip.workflow.alur import Alur, Langkah

from .services import lkjip_dapat_disetujui, perbarui_temuan


def _reviu_bersih(obj: PersetujuanLkjip) -> str | None:
    perbarui_temuan(obj.opd, obj.tahun)  # gerbang memakai data terkini
    ok, alasan = lkjip_dapat_disetujui(obj.opd, obj.tahun)
    return None if ok else alasan


ALUR_LKJIP = Alur(
    nama="LKjIP",
    model=PersetujuanLkjip,
    langkah=(
        Langkah(
            "ajukan", "Ajukan", (Peran.OPERATOR_OPD,), berhasil="LKjIP diajukan kepada Kepala OPD."
        ),
        Langkah(
            "setujui",
            "Setujui",
            (Peran.KEPALA_OPD,),
            syarat=(_reviu_bersih,),
            berhasil="LKjIP disetujui dan terbit di portal publik.",
        ),
        Langkah(
            "kembalikan",
            "Kembalikan",
            (Peran.KEPALA_OPD,),
            alasan_wajib=True,
            berhasil="LKjIP dikembalikan kepada Operator.",
        ),
    ),
)


def status_lkjip(opd: PerangkatDaerah, tahun: int) -> PersetujuanLkjip:
    obj, _ = PersetujuanLkjip.objects.get_or_create(opd=opd, tahun=tahun)
    return obj
