"""Menyusun rencana OPD di halaman: Renstra (periode, visi, misi), tujuan → sasaran → indikator dan
targetnya, program → kegiatan → sub kegiatan beserta indikatornya. Satu aksi = satu transaksi.

Masukan bertipe (``Isian…``) dibangun formulir halaman (:mod:`sakip.web.formulir.renstra`) atau
API; angka dan tahun sudah dibaca di tepi. Layanan memeriksa maknanya dan menamai galat dengan nama
atribut masukan (:class:`SusunError.galat`). Hak: :data:`Aksi.ISI_PENUH` (Operator OPD itu atau
Admin Pemda) — aturan yang sama dengan buku kerja perencana.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from sakip import akses
from sakip.akses import Aksi
from sakip.core.aggregation import Agregasi
from sakip.core.capaian import Polaritas
from sakip.core.kode import KodeError, Tingkat, parse_kode
from sakip.organisations.models import PerangkatDaerah, Urusan

from . import nomenklatur, renstra_versi
from .models import (
    Indikator,
    Kegiatan,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)
from .urusan import nama_urusan

BATAS_ANGKA = Decimal(10) ** 16


class SusunError(ValueError):
    """Aksi ditolak; pesan Indonesia. ``galat``: pesan per nama atribut masukan."""

    def __init__(self, pesan: str, galat: dict[str, str] | None = None):
        super().__init__(pesan)
        self.galat = galat or {}


@dataclass(frozen=True)
class IsianRenstra:
    tahun_awal: int | None
    tahun_akhir: int | None
    nama: str = ""
    visi: str = ""
    misi: tuple[str, ...] = ()


@dataclass(frozen=True)
class IsianUnsur:
    """Tujuan atau sasaran Renstra."""

    kode: str
    uraian: str


@dataclass(frozen=True)
class IsianIndikator:
    nama: str
    kode: str = ""  # kosong: <kode pemilik>-<urutan>
    satuan: str = ""
    iku: bool = False
    polaritas: str = "naik"
    agregasi: str = "terakhir"
    formula: str = ""
    pembilang: str = ""
    penyebut: str = ""
    sumber_data: str = ""
    penanggung_jawab: str = ""
    kondisi_awal: Decimal | None = None
    kondisi_awal_tahun: int | None = None
    kondisi_akhir: Decimal | None = None
    catatan: str = ""
    batas_bawah: Decimal | None = None  # rentang nilai wajar (kosong: menurut satuan)
    batas_atas: Decimal | None = None
    target: dict[int, Decimal] = field(default_factory=dict)  # tahun → target
    target_atas: dict[int, Decimal] = field(default_factory=dict)  # tahun → batas atas rentang


@dataclass(frozen=True)
class IsianNomenklatur:
    """Program, kegiatan atau sub kegiatan: kode Kepmendagri, nama, sasaran yang didukung."""

    kode: str
    nama: str
    sasaran: tuple[int, ...] = ()
    alasan: str = ""  # bila kodenya di luar nomenklatur yang berlaku
    tahun: int | None = None  # tahun anggaran penentu versi nomenklatur (kosong: tahun ini)


def _wajib(nilai: str, kunci: str, label: str, galat: dict) -> str:
    nilai = (nilai or "").strip()
    if not nilai:
        galat[kunci] = f"{label} wajib diisi"
    return nilai


def _tolak(apa: str, galat: dict) -> None:
    if galat:
        raise SusunError(f"{apa} tidak disimpan: periksa isian yang ditandai.", galat)


def renstra_milik(obj) -> Renstra | None:
    """Renstra tempat unsur ini berada (tujuan, sasaran, indikatornya); None untuk program dst."""
    if isinstance(obj, Renstra):
        return obj
    if isinstance(obj, (Tujuan, Sasaran)):
        return obj.renstra
    if isinstance(obj, Indikator) and obj.tingkat in ("tujuan", "sasaran"):
        return obj.pemilik.renstra
    return None


def periksa_terbuka(obj) -> None:
    """Renstra yang diajukan atau disetujui tidak diubah (Renstra Perubahan: renstra_versi)."""
    r = renstra_milik(obj)
    if r is not None and (pesan := renstra_versi.pesan_kunci(Renstra.objects.get(pk=r.pk))):
        raise SusunError(pesan)


def renstra_berlaku(opd: PerangkatDaerah, tahun: int) -> Renstra | None:
    return (
        Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
        .order_by("-tahun_awal")
        .first()
    )


# --- Renstra ---------------------------------------------------------------------------------------


def _periode(isian: IsianRenstra, galat: dict) -> dict[str, int]:
    tahun = {}
    for key, label in (("tahun_awal", "Tahun awal"), ("tahun_akhir", "Tahun akhir")):
        y = getattr(isian, key)
        if y is None or not 2000 <= y <= 2100:
            galat[key] = f"{label} harus tahun 2000–2100"
        else:
            tahun[key] = y
    if len(tahun) == 2:
        if tahun["tahun_akhir"] < tahun["tahun_awal"]:
            galat["tahun_akhir"] = "Tahun akhir lebih kecil dari tahun awal"
        elif tahun["tahun_akhir"] - tahun["tahun_awal"] > 9:
            galat["tahun_akhir"] = "Periode Renstra paling lama 10 tahun"
    return tahun


@transaction.atomic
def buat_renstra(user, opd: PerangkatDaerah, isian: IsianRenstra) -> Renstra:
    akses.periksa(user, opd, Aksi.ISI_PENUH)
    galat: dict[str, str] = {}
    tahun = _periode(isian, galat)
    if len(tahun) == 2:
        tumpang = Renstra.objects.filter(
            opd=opd, tahun_awal__lte=tahun["tahun_akhir"], tahun_akhir__gte=tahun["tahun_awal"]
        ).first()
        if tumpang:
            galat["tahun_awal"] = (
                f"{tumpang} sudah mencakup sebagian periode ini; ubah Renstra itu atau pilih "
                "periode lain"
            )
    _tolak("Renstra", galat)
    return Renstra.objects.create(
        opd=opd,
        nama=isian.nama.strip()
        or f"Renstra {opd.nama} {tahun['tahun_awal']}-{tahun['tahun_akhir']}",
        visi=isian.visi.strip(),
        misi=[m.strip() for m in isian.misi if m.strip()],
        **tahun,
    )


@transaction.atomic
def ubah_renstra(user, renstra: Renstra, isian: IsianRenstra) -> Renstra:
    akses.periksa(user, renstra.opd, Aksi.ISI_PENUH)
    periksa_terbuka(renstra)
    galat: dict[str, str] = {}
    tahun = _periode(isian, galat)
    if len(tahun) == 2:
        if (
            Renstra.objects.filter(
                opd=renstra.opd,
                tahun_awal__lte=tahun["tahun_akhir"],
                tahun_akhir__gte=tahun["tahun_awal"],
            )
            .exclude(pk=renstra.pk)
            .exists()
        ):
            galat["tahun_awal"] = "Periode ini bertumpang dengan Renstra lain OPD ini"
        ada = (
            TargetIndikator.objects.filter(indikator__opd=renstra.opd)
            .filter(
                Q(indikator__sasaran__tujuan__renstra=renstra)
                | Q(indikator__tujuan__renstra=renstra)
            )
            .exclude(tahun__range=(tahun["tahun_awal"], tahun["tahun_akhir"]))
        )
        luar = ada.first()
        if luar is not None:
            galat["tahun_akhir"] = (
                f"Ada target indikator tahun {luar.tahun} di luar periode baru; hapus dulu"
            )
    _tolak("Renstra", galat)
    renstra.tahun_awal, renstra.tahun_akhir = tahun["tahun_awal"], tahun["tahun_akhir"]
    renstra.nama = isian.nama.strip() or renstra.nama
    renstra.visi = isian.visi.strip()
    renstra.misi = [m.strip() for m in isian.misi if m.strip()]
    renstra.save()
    return renstra


# --- tujuan dan sasaran ----------------------------------------------------------------------------


@transaction.atomic
def tambah_tujuan(user, renstra: Renstra, isian: IsianUnsur) -> Tujuan:
    akses.periksa(user, renstra.opd, Aksi.ISI_PENUH)
    periksa_terbuka(renstra)
    galat: dict[str, str] = {}
    kode = _wajib(isian.kode, "kode", "Kode tujuan", galat)
    uraian = _wajib(isian.uraian, "uraian", "Uraian tujuan", galat)
    if kode and renstra.tujuan.filter(kode=kode).exists():
        galat["kode"] = f"Kode tujuan '{kode}' sudah dipakai"
    _tolak("Tujuan", galat)
    urutan = (renstra.tujuan.aggregate(m=Max("urutan"))["m"] or 0) + 1
    return Tujuan.objects.create(renstra=renstra, kode=kode, uraian=uraian, urutan=urutan)


def _kode_sasaran_dipakai(renstra: Renstra, kode: str, kecuali: int | None = None) -> bool:
    qs = Sasaran.objects.filter(tujuan__renstra=renstra, kode=kode)
    return qs.exclude(pk=kecuali).exists() if kecuali else qs.exists()


@transaction.atomic
def tambah_sasaran(user, tujuan: Tujuan, isian: IsianUnsur) -> Sasaran:
    renstra = tujuan.renstra
    akses.periksa(user, renstra.opd, Aksi.ISI_PENUH)
    periksa_terbuka(renstra)
    galat: dict[str, str] = {}
    kode = _wajib(isian.kode, "kode", "Kode sasaran", galat)
    uraian = _wajib(isian.uraian, "uraian", "Uraian sasaran", galat)
    if kode and _kode_sasaran_dipakai(renstra, kode):
        galat["kode"] = f"Kode sasaran '{kode}' sudah dipakai di Renstra ini"
    _tolak("Sasaran", galat)
    urutan = (tujuan.sasaran.aggregate(m=Max("urutan"))["m"] or 0) + 1
    return Sasaran.objects.create(tujuan=tujuan, kode=kode, uraian=uraian, urutan=urutan)


@transaction.atomic
def ubah_unsur(user, obj: Tujuan | Sasaran, isian: IsianUnsur) -> Tujuan | Sasaran:
    renstra = obj.renstra
    akses.periksa(user, renstra.opd, Aksi.ISI_PENUH)
    periksa_terbuka(renstra)
    galat: dict[str, str] = {}
    apa = "tujuan" if isinstance(obj, Tujuan) else "sasaran"
    kode = _wajib(isian.kode, "kode", f"Kode {apa}", galat)
    uraian = _wajib(isian.uraian, "uraian", f"Uraian {apa}", galat)
    if kode and kode != obj.kode:
        dipakai = (
            renstra.tujuan.filter(kode=kode).exists()
            if isinstance(obj, Tujuan)
            else _kode_sasaran_dipakai(renstra, kode, obj.pk)
        )
        if dipakai:
            galat["kode"] = f"Kode {apa} '{kode}' sudah dipakai"
    _tolak(apa.capitalize(), galat)
    obj.kode, obj.uraian = kode, uraian
    obj.save()
    return obj


# --- indikator -------------------------------------------------------------------------------------


def _pemilik_kode(tingkat: str, pemilik) -> str:
    return pemilik.kode or ""


def _periksa_indikator(
    opd: PerangkatDaerah, isian: IsianIndikator, tahun: list[int], kecuali: int | None, galat: dict
) -> None:
    _wajib(isian.nama, "nama", "Nama indikator", galat)
    if isian.polaritas not in {p.value for p in Polaritas}:
        galat["polaritas"] = "Polaritas harus naik, turun atau tetap"
    if isian.agregasi not in {a.value for a in Agregasi}:
        galat["agregasi"] = "Agregasi triwulan tidak dikenal"
    if bool(isian.pembilang.strip()) != bool(isian.penyebut.strip()):
        kunci = "penyebut" if isian.pembilang.strip() else "pembilang"
        galat[kunci] = "Indikator rumus harus punya nama pembilang dan nama penyebut sekaligus"
    if isian.kode.strip():
        qs = Indikator.objects.filter(opd=opd, kode=isian.kode.strip())
        if (qs.exclude(pk=kecuali) if kecuali else qs).exists():
            galat["kode"] = f"Kode indikator '{isian.kode.strip()}' sudah dipakai OPD ini"
    if isian.kondisi_awal_tahun is not None and not 2000 <= isian.kondisi_awal_tahun <= 2100:
        galat["kondisi_awal_tahun"] = "Tahun kondisi awal harus tahun 2000–2100"
    for y, atas in isian.target_atas.items():
        bawah = isian.target.get(y)
        if bawah is None:
            galat[f"target_{y}"] = f"Target {y}: isi batas bawah rentang"
        elif atas < bawah:
            galat[f"target_atas_{y}"] = f"Batas atas {y} lebih kecil dari batas bawahnya"
    for y in isian.target:
        if tahun and y not in tahun:
            galat[f"target_{y}"] = f"Tahun {y} di luar periode Renstra"
    # kolom angka basis data: 16 angka sebelum koma, 4 sesudahnya
    bb, ba = isian.batas_bawah, isian.batas_atas
    if bb is not None and ba is not None and ba < bb:
        galat["batas_atas"] = "Batas atas nilai wajar lebih kecil dari batas bawahnya"
    angka = {"kondisi_awal": isian.kondisi_awal, "kondisi_akhir": isian.kondisi_akhir}
    angka |= {"batas_bawah": isian.batas_bawah, "batas_atas": isian.batas_atas}
    angka |= {f"target_{y}": v for y, v in isian.target.items()}
    angka |= {f"target_atas_{y}": v for y, v in isian.target_atas.items()}
    for kunci, v in angka.items():
        if v is not None and (not v.is_finite() or abs(v) >= BATAS_ANGKA):
            galat[kunci] = "Angka terlalu besar (paling banyak 16 angka sebelum koma)"


def _kode_baru(opd: PerangkatDaerah, dasar: str) -> str:
    dasar = dasar or "IND"
    n = 1
    while Indikator.objects.filter(opd=opd, kode=f"{dasar}-{n}").exists():
        n += 1
    return f"{dasar}-{n}"


def _simpan_target(ind: Indikator, isian: IsianIndikator) -> None:
    for y, v in isian.target.items():
        TargetIndikator.objects.update_or_create(
            indikator=ind, tahun=y, defaults={"nilai": v, "nilai_atas": isian.target_atas.get(y)}
        )


PEMILIK = {
    "tujuan": Tujuan,
    "sasaran": Sasaran,
    "program": Program,
    "kegiatan": Kegiatan,
    "sub_kegiatan": SubKegiatan,
}


def muat_pemilik(opd: PerangkatDaerah, tingkat: str, pk: int | None) -> Any:
    """Tujuan/sasaran/program/kegiatan/sub kegiatan milik OPD ini, atau ``None``."""
    model = PEMILIK.get(tingkat)
    if model is None or pk is None:
        return None
    jalur = {
        "tujuan": "renstra__opd",
        "sasaran": "tujuan__renstra__opd",
        "program": "opd",
        "kegiatan": "program__opd",
        "sub_kegiatan": "kegiatan__program__opd",
    }[tingkat]
    return model._default_manager.filter(pk=pk, **{jalur: opd}).first()


def _tahun_renstra(opd: PerangkatDaerah, pemilik) -> list[int]:
    if isinstance(pemilik, (Tujuan, Sasaran)):
        return pemilik.renstra.tahun_list
    return []


@transaction.atomic
def tambah_indikator(user, opd: PerangkatDaerah, pemilik, isian: IsianIndikator) -> Indikator:
    akses.periksa(user, opd, Aksi.ISI_PENUH)
    periksa_terbuka(pemilik)
    tingkat = next(k for k, m in PEMILIK.items() if isinstance(pemilik, m))
    galat: dict[str, str] = {}
    _periksa_indikator(opd, isian, _tahun_renstra(opd, pemilik), None, galat)
    _tolak("Indikator", galat)
    kode = isian.kode.strip() or _kode_baru(opd, _pemilik_kode(tingkat, pemilik))
    urutan = (
        Indikator.objects.filter(opd=opd, **{tingkat: pemilik}).aggregate(m=Max("urutan"))["m"] or 0
    ) + 1
    ind = Indikator(opd=opd, kode=kode, urutan=urutan, **{tingkat: pemilik})
    _isi_indikator(ind, isian)
    ind.save()
    _simpan_target(ind, isian)
    return ind


def _isi_indikator(ind: Indikator, isian: IsianIndikator) -> None:
    for f in (
        "nama",
        "satuan",
        "formula",
        "pembilang",
        "penyebut",
        "sumber_data",
        "penanggung_jawab",
        "catatan",
    ):
        setattr(ind, f, getattr(isian, f).strip())
    ind.iku, ind.polaritas, ind.agregasi = isian.iku, isian.polaritas, isian.agregasi
    ind.kondisi_awal, ind.kondisi_awal_tahun = isian.kondisi_awal, isian.kondisi_awal_tahun
    ind.kondisi_akhir = isian.kondisi_akhir
    ind.batas_bawah, ind.batas_atas = isian.batas_bawah, isian.batas_atas


@transaction.atomic
def ubah_indikator(user, ind: Indikator, isian: IsianIndikator) -> Indikator:
    akses.periksa(user, ind.opd, Aksi.ISI_PENUH)
    periksa_terbuka(ind)
    galat: dict[str, str] = {}
    _periksa_indikator(ind.opd, isian, _tahun_renstra(ind.opd, ind.pemilik), ind.pk, galat)
    _tolak("Indikator", galat)
    if isian.kode.strip():
        ind.kode = isian.kode.strip()
    _isi_indikator(ind, isian)
    ind.save()
    _simpan_target(ind, isian)
    return ind


# --- program, kegiatan, sub kegiatan ---------------------------------------------------------------


def _kode_nomenklatur(isian: IsianNomenklatur, tingkat: Tingkat, galat: dict, wajib: bool = True):
    teks = (isian.kode or "").strip()
    if not teks:
        if wajib:
            galat["kode"] = f"Kode {tingkat.label} wajib diisi (mis. 2.07.03)"
        return None
    try:
        return parse_kode(teks, harus=tingkat)
    except KodeError as exc:
        galat["kode"] = str(exc)
        return None


def _nama_nomenklatur(
    user, opd, isian: IsianNomenklatur, kode, tingkat: Tingkat, label: str, galat
):
    """Nama (kosong → nama dalam nomenklatur) dan pemeriksaan kode terhadap nomenklatur tahun itu."""
    tahun = isian.tahun or timezone.localdate().year
    if kode is None:
        return _wajib(isian.nama, "nama", label, galat)
    kat = nomenklatur.katalog(tahun)
    nama = (isian.nama or "").strip() or ((kat.nama(str(kode)) or "") if kat else "")
    if not nama:
        galat["nama"] = f"{label} wajib diisi (kode {kode} tidak ada dalam nomenklatur)"
    nomenklatur.periksa_kode(opd, str(kode), tingkat, tahun, isian.alasan, user, galat)
    return nama


def _bidang_urusan(opd: PerangkatDaerah, kode, galat: dict) -> Urusan | None:
    """Bidang urusan program; urusan dan bidang yang dikenal nomenklatur dicatat bila belum ada,
    dan ditambahkan ke urusan OPD."""
    bidang = kode.bidang_urusan
    induk_kode = bidang.split(".")[0]
    ada = {u.kode: u for u in Urusan.objects.filter(kode__in=[induk_kode, bidang])}
    for k in (induk_kode, bidang):
        if k not in ada:
            nama = nama_urusan(k)
            if nama is None:
                galat["kode"] = f"Bidang urusan {bidang} tidak dikenal nomenklatur; periksa kodenya"
                return None
            ada[k] = Urusan.objects.create(
                kode=k, nama=nama, induk=ada.get(induk_kode) if k == bidang else None
            )
    opd.urusan.add(ada[induk_kode], ada[bidang])
    return ada[bidang]


def _sasaran_opd(opd: PerangkatDaerah, ids: tuple[int, ...], galat: dict) -> list[Sasaran]:
    sas = list(Sasaran.objects.filter(pk__in=ids, tujuan__renstra__opd=opd))
    if len(sas) != len(set(ids)):
        galat["sasaran"] = "Sasaran yang dipilih bukan sasaran Renstra OPD ini"
    return sas


@transaction.atomic
def tambah_program(user, opd: PerangkatDaerah, isian: IsianNomenklatur) -> Program:
    akses.periksa(user, opd, Aksi.ISI_PENUH)
    galat: dict[str, str] = {}
    kode = _kode_nomenklatur(isian, Tingkat.PROGRAM, galat)
    sas = _sasaran_opd(opd, isian.sasaran, galat)
    if kode and Program.objects.filter(opd=opd, kode=str(kode)).exists():
        galat["kode"] = f"Program {kode} sudah ada di OPD ini"
    bidang = _bidang_urusan(opd, kode, galat) if kode and not galat.get("kode") else None
    nama = _nama_nomenklatur(user, opd, isian, kode, Tingkat.PROGRAM, "Nama program", galat)
    _tolak("Program", galat)
    assert bidang is not None
    p = Program.objects.create(opd=opd, kode=str(kode), nama=nama, bidang_urusan=bidang)
    p.sasaran.set(sas)
    return p


@transaction.atomic
def tambah_kegiatan(user, program: Program, isian: IsianNomenklatur) -> Kegiatan:
    opd = program.opd
    akses.periksa(user, opd, Aksi.ISI_PENUH)
    galat: dict[str, str] = {}
    kode = _kode_nomenklatur(isian, Tingkat.KEGIATAN, galat)
    sas = _sasaran_opd(opd, isian.sasaran[:1], galat)
    if kode and str(kode.induk()) != program.kode:
        galat["kode"] = f"Kegiatan {kode} bukan bagian dari program {program.kode}"
    elif kode and program.kegiatan.filter(kode=str(kode)).exists():
        galat["kode"] = f"Kegiatan {kode} sudah ada"
    nama = _nama_nomenklatur(
        user,
        opd,
        isian,
        kode if not galat.get("kode") else None,
        Tingkat.KEGIATAN,
        "Nama kegiatan",
        galat,
    )
    _tolak("Kegiatan", galat)
    return Kegiatan.objects.create(
        program=program, kode=str(kode), nama=nama, sasaran=sas[0] if sas else None
    )


@transaction.atomic
def tambah_sub_kegiatan(user, kegiatan: Kegiatan, isian: IsianNomenklatur) -> SubKegiatan:
    opd = kegiatan.program.opd
    akses.periksa(user, opd, Aksi.ISI_PENUH)
    galat: dict[str, str] = {}
    kode = _kode_nomenklatur(isian, Tingkat.SUB_KEGIATAN, galat, wajib=False)
    if kode and str(kode.induk()) != kegiatan.kode:
        galat["kode"] = f"Sub kegiatan {kode} bukan bagian dari kegiatan {kegiatan.kode}"
    elif kode and kegiatan.sub_kegiatan.filter(kode=str(kode)).exists():
        galat["kode"] = f"Sub kegiatan {kode} sudah ada"
    nama = _nama_nomenklatur(
        user,
        opd,
        isian,
        kode if not galat.get("kode") else None,
        Tingkat.SUB_KEGIATAN,
        "Nama sub kegiatan",
        galat,
    )
    if nama and kegiatan.sub_kegiatan.filter(nama=nama).exists():
        galat["nama"] = f"Sub kegiatan '{nama}' sudah ada di kegiatan ini"
    _tolak("Sub kegiatan", galat)
    urutan = (kegiatan.sub_kegiatan.aggregate(m=Max("urutan"))["m"] or 0) + 1
    return SubKegiatan.objects.create(
        kegiatan=kegiatan, kode=str(kode) if kode else "", nama=nama, urutan=urutan
    )


@transaction.atomic
def ubah_nomenklatur(user, obj: Program | Kegiatan | SubKegiatan, isian: IsianNomenklatur):
    """Nama dan sasaran yang didukung (kode tidak diubah: data anggaran dan realisasi melekat)."""
    opd = (
        obj.opd
        if isinstance(obj, Program)
        else (obj.program.opd if isinstance(obj, Kegiatan) else obj.kegiatan.program.opd)
    )
    akses.periksa(user, opd, Aksi.ISI_PENUH)
    galat: dict[str, str] = {}
    nama = _wajib(isian.nama, "nama", "Nama", galat)
    sas = _sasaran_opd(opd, isian.sasaran, galat) if not isinstance(obj, SubKegiatan) else []
    _tolak("Perubahan", galat)
    if obj.kode and (isian.alasan or "").strip():
        tahun = isian.tahun or timezone.localdate().year
        nomenklatur.periksa_kode(opd, obj.kode, Tingkat.PROGRAM, tahun, isian.alasan, user, galat)
    obj.nama = nama
    if isinstance(obj, Kegiatan):
        obj.sasaran = sas[0] if sas else None
    obj.save()
    if isinstance(obj, Program):
        obj.sasaran.set(sas)
    return obj


# hapus, hentikan dan geser: sakip.planning.susun_urut (diimpor di sini agar satu pintu layanan)
from .susun_urut import aktifkan_lagi, geser, hapus, hentikan  # noqa: E402

__all__ = ["aktifkan_lagi", "geser", "hapus", "hentikan"]
