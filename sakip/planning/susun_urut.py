"""Menghapus (hanya yang belum punya data), menghentikan mulai suatu tahun (yang sudah punya data;
:mod:`sakip.planning.models_berhenti`) dan mengurutkan unsur rencana OPD; bagian dari layanan
:mod:`sakip.planning.susun`."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

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
            raise SusunError(
                f"{obj} tidak dihapus: sudah punya anggaran. Bila tidak dipakai lagi, hentikan "
                "mulai tahun berikutnya (Hentikan) dengan alasannya."
            )
        if tingkat == "tujuan" and obj.sasaran.filter(program__isnull=False).exists():
            raise SusunError(f"Tujuan “{obj}” tidak dihapus: sasarannya didukung program.")
    alasan = _data_indikator(inds)
    if alasan:
        raise SusunError(
            f"“{obj}” tidak dihapus: indikatornya {alasan}. Riwayatnya tetap dipakai; bila tidak "
            "dipakai lagi, hentikan mulai tahun berikutnya (Hentikan) dengan alasannya."
        )
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


# --- hentikan --------------------------------------------------------------------------------------

DAPAT_DIHENTIKAN = ("program", "kegiatan", "sub_kegiatan", "indikator")


def _unsur(opd: PerangkatDaerah, tingkat: str, pk: int) -> Any:
    if tingkat not in DAPAT_DIHENTIKAN:
        raise SusunError(
            "Tujuan dan sasaran berlaku selama Renstranya; ubah lewat Renstra Perubahan."
        )
    if tingkat == "indikator":
        obj = Indikator.objects.filter(opd=opd, pk=pk).first()
    else:
        obj = muat_pemilik(opd, tingkat, pk)
    if obj is None:
        raise SusunError("Unsur rencana tidak ditemukan.")
    periksa_terbuka(obj)
    return obj


def _data_sejak(obj: Any, tingkat: str, tahun: int) -> str | None:
    """Data tahun ``tahun`` atau sesudahnya yang memakai unsur ini (maka tidak dapat berhenti)."""
    if tingkat == "indikator":
        inds = Indikator.objects.filter(pk=obj.pk)
    else:
        q = Q()
        for j in {
            "program": ("program", "kegiatan__program", "sub_kegiatan__kegiatan__program"),
            "kegiatan": ("kegiatan", "sub_kegiatan__kegiatan"),
            "sub_kegiatan": ("sub_kegiatan",),
        }[tingkat]:
            q |= Q(**{j: obj})
        inds = Indikator.objects.filter(q)
    pki = (
        PKIndikator.objects.filter(indikator__in=inds, perjanjian__tahun__gte=tahun)
        .order_by("perjanjian__tahun")
        .values_list("perjanjian__tahun", flat=True)
        .first()
    )
    if pki is not None:
        return f"indikatornya tercantum dalam Perjanjian Kinerja {pki}"
    real = (
        inds.filter(realisasi__tahun__gte=tahun)
        .order_by("realisasi__tahun")
        .values_list("realisasi__tahun", flat=True)
        .first()
    )
    if real is not None:
        return f"indikatornya sudah punya realisasi {real}"
    if tingkat != "indikator":  # anggaran: relasi balik (budget berada di lapisan atas)
        keg, sub = {
            "program": ({"program": obj}, {"kegiatan__program": obj}),
            "kegiatan": ({"pk": obj.pk}, {"kegiatan": obj}),
            "sub_kegiatan": (None, {"pk": obj.pk}),
        }[tingkat]
        tahun_ang = [
            t
            for qs in (
                Kegiatan.objects.filter(**keg) if keg else None,
                SubKegiatan.objects.filter(**sub),
            )
            if qs is not None
            for t in qs.filter(anggaran__tahun__gte=tahun).values_list("anggaran__tahun", flat=True)
        ]
        if tahun_ang:
            return f"sudah punya anggaran {min(tahun_ang)}"
    return None


@transaction.atomic
def hentikan(user, opd: PerangkatDaerah, tingkat: str, pk: int, tahun: Any, alasan: str) -> str:
    """Hentikan program/kegiatan/sub kegiatan/indikator mulai ``tahun``, dengan alasan. Data
    tahun-tahun sebelumnya tetap; tahun itu dan sesudahnya tidak memakainya lagi."""
    akses.periksa(user, opd, Aksi.ISI_PENUH)
    obj = _unsur(opd, tingkat, pk)
    galat: dict[str, str] = {}
    try:
        th = int(str(tahun).strip())
        if not 2000 <= th <= 2100:
            raise ValueError
    except ValueError:
        galat["berhenti_tahun"] = "Tahun berhenti harus tahun empat angka (2000–2100)."
        th = 0
    alasan = (alasan or "").strip()
    if not alasan:
        galat["alasan_berhenti"] = "Tulis alasan berhentinya (tercatat dalam riwayat)."
    elif len(alasan) > 2000:
        galat["alasan_berhenti"] = "Alasan paling panjang 2.000 karakter."
    if galat:
        raise SusunError("Unsur rencana belum dihentikan; periksa isiannya.", galat)
    if (data := _data_sejak(obj, tingkat, th)) is not None:
        raise SusunError(
            f"“{obj}” tidak dapat dihentikan mulai {th}: {data}. Pilih tahun sesudahnya, atau "
            "keluarkan dulu dari data tahun itu (mis. lewat PK Perubahan).",
            {"berhenti_tahun": f"{data}."},
        )
    obj.berhenti_tahun = th
    obj.alasan_berhenti = alasan
    obj.save(update_fields=["berhenti_tahun", "alasan_berhenti"])
    return f"“{obj}” tidak dipakai lagi mulai {th}."


@transaction.atomic
def aktifkan_lagi(user, opd: PerangkatDaerah, tingkat: str, pk: int) -> str:
    """Batalkan penghentian: unsur dipakai lagi pada semua tahun."""
    akses.periksa(user, opd, Aksi.ISI_PENUH)
    obj = _unsur(opd, tingkat, pk)
    if obj.berhenti_tahun is None:
        raise SusunError(f"“{obj}” tidak sedang dihentikan.")
    obj.berhenti_tahun = None
    obj.alasan_berhenti = ""
    obj.save(update_fields=["berhenti_tahun", "alasan_berhenti"])
    return f"“{obj}” dipakai lagi."
