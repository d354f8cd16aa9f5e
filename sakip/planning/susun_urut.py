"""Menghapus (hanya yang belum punya data) dan mengurutkan unsur rencana OPD; bagian dari layanan
:mod:`sakip.planning.susun`."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sakip import akses
from sakip.akses import Aksi
from sakip.organisations.models import PerangkatDaerah

from .models import Indikator, Kegiatan, PKIndikator, SubKegiatan
from .susun import SusunError, muat_pemilik, periksa_terbuka

# --- hapus -----------------------------------------------------------------------------------------


def _data_indikator(inds) -> str | None:
    # relasi balik (measurement/budget berada di lapisan atas; tidak diimpor dari sini)
    ids = [i.pk for i in inds]
    if Indikator.objects.filter(pk__in=ids, realisasi__isnull=False).exists():
        return "sudah punya realisasi"
    if PKIndikator.objects.filter(indikator__in=inds).exists():
        return "sudah tercantum dalam Perjanjian Kinerja"
    return None


@transaction.atomic
def hapus(user, opd: PerangkatDaerah, tingkat: str, pk: int) -> str:
    """Hapus unsur rencana yang belum punya data (realisasi, PK, anggaran). Unsur yang sudah punya
    data tidak dihapus — riwayatnya harus tetap terbaca; ubah lewat tahun/Renstra berikutnya."""
    akses.periksa(user, opd, Aksi.ISI_PENUH)
    obj: Any
    inds: list[Indikator] = []
    if tingkat == "indikator":
        obj = Indikator.objects.filter(opd=opd, pk=pk).first()
        inds = [obj] if obj else []
    else:
        obj = muat_pemilik(opd, tingkat, pk)
    if obj is None:
        raise SusunError("Unsur rencana tidak ditemukan.")
    periksa_terbuka(obj)
    if tingkat != "indikator":
        terkait = {
            "tujuan": {"tujuan": obj, "sasaran__tujuan": obj},
            "sasaran": {"sasaran": obj},
            "program": {
                "program": obj,
                "kegiatan__program": obj,
                "sub_kegiatan__kegiatan__program": obj,
            },
            "kegiatan": {"kegiatan": obj, "sub_kegiatan__kegiatan": obj},
            "sub_kegiatan": {"sub_kegiatan": obj},
        }[tingkat]
        inds = []
        for k, v in terkait.items():
            inds += list(Indikator.objects.filter(opd=opd, **{k: v}))
        punya_anggaran = {
            "program": lambda: (
                Kegiatan.objects.filter(program=obj, anggaran__isnull=False).exists()
                or SubKegiatan.objects.filter(
                    kegiatan__program=obj, anggaran__isnull=False
                ).exists()
            ),
            "kegiatan": lambda: (
                Kegiatan.objects.filter(pk=obj.pk, anggaran__isnull=False).exists()
                or SubKegiatan.objects.filter(kegiatan=obj, anggaran__isnull=False).exists()
            ),
            "sub_kegiatan": lambda: SubKegiatan.objects.filter(
                pk=obj.pk, anggaran__isnull=False
            ).exists(),
        }.get(tingkat)
        if punya_anggaran and punya_anggaran():
            raise SusunError(f"{obj} tidak dihapus: sudah punya anggaran.")
        if tingkat == "tujuan" and obj.sasaran.filter(program__isnull=False).exists():
            raise SusunError(f"Tujuan “{obj}” tidak dihapus: sasarannya didukung program.")
    alasan = _data_indikator(inds)
    if alasan:
        raise SusunError(f"“{obj}” tidak dihapus: indikatornya {alasan}.")
    teks = str(obj)
    obj.delete()
    return teks


@transaction.atomic
def geser(user, opd: PerangkatDaerah, tingkat: str, pk: int, arah: int) -> None:
    """Pindahkan tujuan/sasaran/indikator/sub kegiatan satu tempat naik (-1) atau turun (+1)."""
    akses.periksa(user, opd, Aksi.ISI_PENUH)
    if tingkat == "indikator":
        obj = Indikator.objects.filter(opd=opd, pk=pk).first()
        saudara = Indikator.objects.filter(opd=opd, **{obj.tingkat: obj.pemilik}) if obj else None
    else:
        obj = muat_pemilik(opd, tingkat, pk)
        induk = {"tujuan": "renstra", "sasaran": "tujuan", "sub_kegiatan": "kegiatan"}.get(tingkat)
        if obj is None or induk is None:
            raise SusunError("Urutan unsur ini mengikuti kodenya.")
        saudara = type(obj).objects.filter(**{induk: getattr(obj, induk)})
    if obj is None or saudara is None:
        raise SusunError("Unsur rencana tidak ditemukan.")
    periksa_terbuka(obj)
    daftar = list(saudara.order_by("urutan", "pk"))
    i = daftar.index(obj)
    j = i + (1 if arah > 0 else -1)
    if not 0 <= j < len(daftar):
        return
    daftar[i], daftar[j] = daftar[j], daftar[i]
    for n, x in enumerate(daftar, 1):
        if x.urutan != n:
            x.urutan = n
            x.save(update_fields=["urutan"])
