"""Alur LKjIP Pemda: Admin Pemda mengajukan untuk direviu, Inspektorat menandatangani Pernyataan
Telah Direviu, Admin Pemda menetapkan (atas nama Kepala Daerah) — tanggal penetapan tercetak, tanpa
DRAF; dikembalikan dengan alasan oleh Admin Pemda atau Inspektorat."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sakip import akses
from sakip.akses import Aksi
from sakip.audit.middleware import keterangan_audit
from sakip.organisations.models import Peran
from sakip.reporting.lkjip_pemda import belum_disunting
from sakip.reporting.models import PersetujuanLkjipPemda
from sakip.workflow.alur import Alur, Langkah
from sakip.workflow.models import StatusAlur


class ReviuPemdaError(ValueError):
    """Pernyataan Telah Direviu ditolak: ``galat`` medan → pesan Indonesia."""

    def __init__(self, galat: dict[str, str] | str):
        self.galat = galat if isinstance(galat, dict) else {"": galat}
        super().__init__("; ".join(self.galat.values()))


def _direviu(obj: PersetujuanLkjipPemda) -> str | None:
    if obj.direviu:
        return None
    return (
        "LKjIP Pemda belum dapat ditetapkan: Pernyataan Telah Direviu belum ditandatangani "
        "Inspektorat (PermenPAN-RB 53/2014: laporan kinerja direviu APIP sebelum disampaikan)."
    )


def _tanggal_penetapan(obj: PersetujuanLkjipPemda, user) -> None:
    if obj.tanggal is None:
        obj.tanggal = timezone.localdate()
        obj.save(update_fields=["tanggal"])


def _peringatan_narasi(obj: PersetujuanLkjipPemda) -> str:
    bagian = belum_disunting(obj.pemda, obj.tahun)
    if not bagian:
        return ""
    return (
        f"{len(bagian)} bagian narasi masih teks otomatis yang belum disunting: "
        f"{', '.join(bagian)}. Bila ditetapkan, teks otomatis itu menjadi teks LKjIP Pemda yang "
        "sah (tercetak tanpa tanda DRAF)."
    )


ALUR_LKJIP_PEMDA = Alur(
    nama="LKjIP Pemda",
    model=PersetujuanLkjipPemda,
    opd=lambda obj: obj.pemda,
    label_status={
        StatusAlur.DRAFT: "Draf",
        StatusAlur.DIAJUKAN: "Direviu Inspektorat",
        StatusAlur.DISETUJUI: "Ditetapkan",
        StatusAlur.DIKEMBALIKAN: "Dikembalikan",
    },
    kata_keputusan={StatusAlur.DISETUJUI: "ditetapkan"},
    langkah=(
        Langkah(
            "ajukan",
            "Ajukan untuk direviu",
            (Peran.ADMIN_PEMDA,),
            berhasil="LKjIP Pemda diajukan kepada Inspektorat untuk direviu.",
        ),
        Langkah(
            "setujui",
            "Tetapkan",
            (Peran.ADMIN_PEMDA,),
            syarat=(_direviu,),
            sesudah=(_tanggal_penetapan,),
            berhasil="LKjIP Pemda ditetapkan dan terbit di portal publik.",
            peringatan=_peringatan_narasi,
        ),
        Langkah(
            "kembalikan",
            "Kembalikan",
            (Peran.ADMIN_PEMDA, Peran.INSPEKTORAT),
            alasan_wajib=True,
            berhasil="LKjIP Pemda dikembalikan untuk diperbaiki.",
        ),
    ),
)


@dataclass(frozen=True)
class IsianReviuPemda:
    nama: str
    pangkat: str
    nip: str
    tanggal: datetime.date | None


@transaction.atomic
def tandatangani_reviu(user, obj: PersetujuanLkjipPemda, isian: IsianReviuPemda):
    """Inspektorat menandatangani Pernyataan Telah Direviu LKjIP Pemda yang diajukan."""
    akses.periksa(user, obj.pemda, Aksi.REVIU)
    obj = PersetujuanLkjipPemda.objects.select_for_update().get(pk=obj.pk)
    if obj.status != StatusAlur.DIAJUKAN:
        raise ReviuPemdaError(
            "Pernyataan Telah Direviu ditandatangani saat LKjIP Pemda diajukan untuk direviu "
            f"(kini: {obj.get_status_display().lower()})."
        )
    galat = {}
    if not isian.nama.strip():
        galat["reviu_nama"] = "Nama Inspektur wajib diisi."
    if isian.tanggal is None:
        galat["reviu_tanggal"] = "Tanggal pernyataan wajib diisi (TTTT-BB-HH)."
    elif isian.tanggal.year <= obj.tahun:
        galat["reviu_tanggal"] = (
            f"Tanggal pernyataan {isian.tanggal:%d/%m/%Y} harus sesudah tahun yang dilaporkan "
            f"({obj.tahun})."
        )
    nip = isian.nip.replace(" ", "")
    if nip and not (nip.isdigit() and len(nip) == 18):
        galat["reviu_nip"] = f"NIP '{isian.nip}' harus 18 angka."
    if galat:
        raise ReviuPemdaError(galat)
    obj.reviu_nama, obj.reviu_pangkat = isian.nama.strip()[:200], isian.pangkat.strip()[:120]
    obj.reviu_nip, obj.reviu_tanggal = nip, isian.tanggal
    with keterangan_audit("LKjIP Pemda: Pernyataan Telah Direviu"):
        obj.save()
    return obj
