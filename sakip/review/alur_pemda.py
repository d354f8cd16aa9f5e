"""Alur LKjIP Pemda: Admin Pemda mengajukan untuk direviu, Inspektorat menandatangani Pernyataan
Telah Direviu, Admin Pemda menetapkan (atas nama Kepala Daerah) — tanggal penetapan tercetak, tanpa
DRAF; dikembalikan dengan alasan oleh Admin Pemda atau Inspektorat."""

from __future__ import annotations

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

from .pernyataan import IsianPernyataan, PernyataanError, periksa_isian


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


@transaction.atomic
def tandatangani_reviu(user, obj: PersetujuanLkjipPemda, isian: IsianPernyataan):
    """Inspektorat menandatangani Pernyataan Telah Direviu LKjIP Pemda yang diajukan; isiannya
    diperiksa seperti pernyataan OPD (:func:`sakip.review.pernyataan.periksa_isian`)."""
    akses.periksa(user, obj.pemda, Aksi.REVIU)
    obj = PersetujuanLkjipPemda.objects.select_for_update().get(pk=obj.pk)
    if obj.status != StatusAlur.DIAJUKAN:
        raise PernyataanError(
            "Pernyataan Telah Direviu ditandatangani saat LKjIP Pemda diajukan untuk direviu "
            f"(kini: {obj.get_status_display().lower()})."
        )
    tanggal, nip = periksa_isian(isian, obj.tahun)
    obj.reviu_nama, obj.reviu_pangkat = isian.nama.strip()[:200], isian.pangkat.strip()[:120]
    obj.reviu_nip, obj.reviu_tanggal = nip, tanggal
    with keterangan_audit("LKjIP Pemda: Pernyataan Telah Direviu"):
        obj.save()
    return obj
