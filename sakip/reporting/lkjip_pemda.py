"""LKjIP Pemda: narasi per bagian yang ditulis Admin Pemda (Bagian Organisasi) dan status
persetujuannya. Bagian yang tidak ditulis disusun otomatis dari data sebagai draf; narasi terkunci
sejak LKjIP Pemda diajukan untuk direviu sampai dikembalikan."""

from __future__ import annotations

from django.db import transaction

from sakip import akses
from sakip.akses import Aksi
from sakip.audit.middleware import keterangan_audit
from sakip.organisations.models import Pemda
from sakip.rpjmd.models import SasaranRPJMD
from sakip.rpjmd.services import rpjmd_berlaku
from sakip.workflow.models import StatusAlur

from .models import KUNCI_NARASI_PEMDA, NarasiPemda, PersetujuanLkjipPemda

MAKS = 20000


class NarasiPemdaError(ValueError):
    """Narasi ditolak: ``galat`` kunci bagian → pesan Indonesia yang menyebut bagiannya."""

    def __init__(self, galat: dict[str, str] | str):
        self.galat = galat if isinstance(galat, dict) else {"": galat}
        super().__init__("; ".join(self.galat.values()))


def status_lkjip_pemda(pemda: Pemda, tahun: int) -> PersetujuanLkjipPemda:
    obj, _ = PersetujuanLkjipPemda.objects.get_or_create(pemda=pemda, tahun=tahun)
    return obj


def sasaran_rpjmd(pemda: Pemda, tahun: int) -> list[SasaranRPJMD]:
    rpj = rpjmd_berlaku(pemda, tahun)
    if rpj is None:
        return []
    return list(
        SasaranRPJMD.objects.filter(tujuan__rpjmd=rpj).order_by("tujuan__urutan", "urutan", "pk")
    )


def bagian_narasi(pemda: Pemda, tahun: int) -> list[tuple[str, str]]:
    """(kunci, label) setiap bagian narasi: bagian tetap, lalu analisis per sasaran RPJMD."""
    return list(KUNCI_NARASI_PEMDA.items()) + [
        (f"analisis:{s.kode}", f"Analisis Sasaran {s.kode}: {s.uraian}")
        for s in sasaran_rpjmd(pemda, tahun)
    ]


def narasi_pemda(pemda: Pemda, tahun: int) -> dict[str, str]:
    return dict(
        NarasiPemda.objects.filter(pemda=pemda, tahun=tahun)
        .exclude(teks="")
        .values_list("kunci", "teks")
    )


def belum_disunting(pemda: Pemda, tahun: int) -> list[str]:
    ada = narasi_pemda(pemda, tahun)
    return [label for k, label in bagian_narasi(pemda, tahun) if k not in ada]


def dapat_disunting(obj: PersetujuanLkjipPemda) -> bool:
    return obj.status in (StatusAlur.DRAFT, StatusAlur.DIKEMBALIKAN)


@transaction.atomic
def simpan_narasi_pemda(user, pemda: Pemda, tahun: int, isian: dict[str, str]) -> int:
    """Simpan bagian narasi yang dikirim (teks kosong = kembali ke teks otomatis); satu transaksi.
    Hanya Admin Pemda, dan hanya selama LKjIP Pemda belum diajukan/disetujui."""
    akses.periksa(user, pemda, Aksi.KELOLA)
    status = PersetujuanLkjipPemda.objects.select_for_update().filter(pemda=pemda, tahun=tahun)
    obj = status.first() or status_lkjip_pemda(pemda, tahun)
    if not dapat_disunting(obj):
        raise NarasiPemdaError(
            f"LKjIP Pemda {tahun} berstatus {obj.get_status_display().lower()}; narasinya terkunci. "
            "Kembalikan dulu untuk mengubahnya."
        )
    label = dict(bagian_narasi(pemda, tahun))
    galat: dict[str, str] = {}
    bersih: dict[str, str] = {}
    for k, v in isian.items():
        if k not in label:
            galat[k] = f"Bagian '{k}' tidak dikenal untuk LKjIP Pemda {tahun}."
            continue
        teks = (v or "").replace("\r\n", "\n").strip()
        if len(teks) > MAKS:
            galat[k] = (
                f"{label[k]}: paling banyak {MAKS:,} karakter (tertulis {len(teks):,}).".replace(
                    ",", "."
                )
            )
        bersih[k] = teks
    if galat:
        raise NarasiPemdaError(galat)
    ada = {n.kunci: n for n in NarasiPemda.objects.filter(pemda=pemda, tahun=tahun)}
    n = 0
    with keterangan_audit("LKjIP Pemda: narasi disimpan"):
        for k, teks in bersih.items():
            lama = ada.get(k)
            if teks and (lama is None or lama.teks != teks):
                NarasiPemda.objects.update_or_create(
                    pemda=pemda, tahun=tahun, kunci=k, defaults={"teks": teks, "diubah_oleh": user}
                )
                n += 1
            elif not teks and lama is not None:
                lama.delete()
                n += 1
    return n
