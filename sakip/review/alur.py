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


def narasi_belum_disunting(opd: PerangkatDaerah, tahun: int) -> list[str]:
    """Bagian narasi LKjIP yang masih teks otomatis (tidak ada narasi tersunting untuknya)."""
    from sakip.planning.models import Sasaran
    from sakip.reporting.models import KUNCI_NARASI, Narasi

    ada = set(
        Narasi.objects.filter(opd=opd, tahun=tahun).exclude(teks="").values_list("kunci", flat=True)
    )
    bagian = [label for k, label in KUNCI_NARASI.items() if k != "analisis" and k not in ada]
    for s in Sasaran.objects.filter(
        tujuan__renstra__opd=opd,
        tujuan__renstra__tahun_awal__lte=tahun,
        tujuan__renstra__tahun_akhir__gte=tahun,
    ).order_by("tujuan__urutan", "urutan"):
        if f"analisis:{s.kode}" not in ada and "analisis" not in ada:
            bagian.append(f"Analisis Sasaran {s.kode}")
    return bagian


def _peringatan_narasi(obj: PersetujuanLkjip) -> str:
    bagian = narasi_belum_disunting(obj.opd, obj.tahun)
    if not bagian:
        return ""
    return (
        f"{len(bagian)} bagian narasi masih teks otomatis yang belum disunting: "
        f"{', '.join(bagian)}. Bila disetujui, teks otomatis itu menjadi teks LKjIP yang "
        "disetujui (tercetak tanpa tanda DRAF); sunting dulu di halaman Narasi bila perlu."
    )


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
            peringatan=_peringatan_narasi,
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
