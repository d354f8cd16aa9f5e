"""Nomenklatur program, kegiatan dan sub kegiatan yang berlaku untuk suatu tahun: daftar pilihan
formulir, pemeriksaan kode, dan pemuatan versi baru (salinan resmi dari SIPD sebagai CSV/XLSX).

Versi bawaan — Permendagri 90/2019, kabupaten/kota — dimuat migrasi dari
``data/nomenklatur-permendagri-90-2019.csv`` (sumbernya tertulis di kepala berkas). Setiap versi
lengkap; yang berlaku untuk tahun T adalah versi dengan ``berlaku_mulai`` terbesar ≤ T. Kode di
luar versi yang berlaku boleh dipakai hanya dengan alasan (:class:`KodeLuarNomenklatur`)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from sakip.berkas import BerkasError
from sakip.berkas.tabel import baca_tabel
from sakip.core.kode import PENUNJANG_UMUM, KodeError, Tingkat, kunci_nomenklatur, kunci_umum

from .models import KodeLuarNomenklatur, NomenklaturEntri, NomenklaturVersi

DATA = Path(__file__).with_name("data")
BAWAAN_KODE = "permendagri-90-2019"
BAWAAN_JUDUL = "Permendagri 90/2019 — kabupaten/kota"
BAWAAN_BERKAS = DATA / "nomenklatur-permendagri-90-2019.csv"
BAWAAN_MULAI = 2021
KOLOM_KODE = ("kode", "kode nomenklatur", "kode sub kegiatan", "kode_nomenklatur", "nomor_kode")
KOLOM_NAMA = ("nama", "nomenklatur", "uraian", "nama nomenklatur", "nama sub kegiatan")


class NomenklaturError(ValueError):
    def __init__(self, pesan: list[str]):
        super().__init__("; ".join(pesan))
        self.pesan = pesan


def sumber_berkas(path: Path) -> str:
    """Baris komentar di kepala berkas CSV bawaan: sumber datanya."""
    baris = []
    for b in path.read_text(encoding="utf-8").splitlines():
        if not b.startswith("#"):
            break
        baris.append(b.lstrip("# ").rstrip())
    return " ".join(baris)


def tingkat_kunci(kunci: str) -> int:
    """Tingkat kunci: 3 bagian program, 5 kegiatan (2.01 dua bagian), 6 sub kegiatan; 0 lainnya."""
    return {3: Tingkat.PROGRAM, 5: Tingkat.KEGIATAN, 6: Tingkat.SUB_KEGIATAN}.get(
        len(kunci.split(".")), 0
    )


def _cari_judul(baris: list[tuple]) -> tuple[int, int, int] | None:
    for i, row in enumerate(baris[:10]):
        sel = [" ".join(str(v or "").split()).lower() for v in row]
        ik = next((sel.index(k) for k in KOLOM_KODE if k in sel), None)
        inama = next((sel.index(k) for k in KOLOM_NAMA if k in sel), None)
        if ik is not None and inama is not None:
            return i, ik, inama
    return None


def _sel(row: tuple, i: int) -> str:
    return " ".join(str(row[i] if i < len(row) and row[i] is not None else "").split())


def baca_baris(data: bytes, nama: str) -> list[tuple[str, str, str, int]]:
    """(kode, kunci, nama, tingkat) program/kegiatan/sub kegiatan dari tabel berkolom kode dan
    nama (baris urusan dan bidang dilewati); pesan galat menyebut baris dan kolomnya."""
    try:
        baris = baca_tabel(data, nama)
    except BerkasError as exc:
        raise NomenklaturError([str(exc)]) from None
    judul = _cari_judul(baris)
    if judul is None:
        raise NomenklaturError(
            [
                f"Berkas '{nama}': baris judul dengan kolom 'kode' dan 'nama' (atau 'nomenklatur',"
                " 'uraian') tidak ditemukan di 10 baris pertama."
            ]
        )
    mulai, ik, inama = judul
    hasil: list[tuple[str, str, str, int]] = []
    masalah: list[str] = []
    dilihat: dict[str, int] = {}
    for n, row in enumerate(baris[mulai + 1 :], start=mulai + 2):
        kode, teks = _sel(row, ik), _sel(row, inama)
        if not kode and not teks:
            continue
        if len(masalah) >= 50:
            break
        try:
            kunci = kunci_nomenklatur(kode)
        except KodeError as exc:
            if kode and len(kode.replace(" ", ".").split(".")) < 3:
                continue  # urusan / bidang
            masalah.append(f"baris {n}, kolom 'kode': {exc}")
            continue
        tingkat = tingkat_kunci(kunci)
        if not tingkat:
            continue
        if not teks:
            masalah.append(f"baris {n}, kolom 'nama': nama untuk kode {kode} kosong")
        elif kunci in dilihat:
            masalah.append(f"baris {n}: kode {kode} sudah ada di baris {dilihat[kunci]}")
        else:
            dilihat[kunci] = n
            hasil.append((kode, kunci, teks[:500], int(tingkat)))
    if masalah:
        raise NomenklaturError([f"Berkas '{nama}', {m}" for m in masalah])
    if not hasil:
        raise NomenklaturError([f"Berkas '{nama}' tidak berisi satu pun kode program/kegiatan."])
    return hasil


@transaction.atomic
def muat_versi(
    baris: list[tuple[str, str, str, int]],
    kode: str,
    judul: str,
    sumber: str,
    berlaku_mulai: int,
    user=None,
    ganti: bool = False,
) -> NomenklaturVersi:
    """Simpan satu versi lengkap (satu transaksi). Versi berkode sama ditolak kecuali ``ganti``."""
    masalah = []
    if not kode.strip():
        masalah.append("Kode versi wajib diisi (mis. kepmendagri-900-1317-2023)")
    if not judul.strip():
        masalah.append("Judul versi wajib diisi")
    if not sumber.strip():
        masalah.append("Sumber data wajib disebut (peraturan dan asal salinannya)")
    if not 2000 <= berlaku_mulai <= 2100:
        masalah.append("Tahun mulai berlaku harus antara 2000 dan 2100")
    lama = NomenklaturVersi.objects.filter(kode=kode).first()
    if lama and not ganti:
        masalah.append(f"Versi '{kode}' sudah ada; pakai kode lain atau pilih ganti")
    if masalah:
        raise NomenklaturError(masalah)
    if lama:
        lama.delete()
    versi = NomenklaturVersi.objects.create(
        kode=kode, judul=judul, sumber=sumber, berlaku_mulai=berlaku_mulai, dimuat_oleh=user
    )
    NomenklaturEntri.objects.bulk_create(
        [NomenklaturEntri(versi=versi, kode=k, kunci=u, nama=n, tingkat=t) for k, u, n, t in baris],
        batch_size=1000,
    )
    return versi


# --- katalog yang berlaku ---------------------------------------------------------------------


@dataclass(frozen=True)
class Katalog:
    versi_id: int
    judul: str
    sumber: str
    berlaku_mulai: int
    entri: dict[str, tuple[str, str, int]]  # kunci → (kode sebagaimana sumbernya, nama, tingkat)

    def _cari(self, kode: str) -> tuple[str, str, int] | None:
        try:
            kunci = kunci_nomenklatur(kode)
        except KodeError:
            return None
        hit = self.entri.get(kunci)
        if hit is None and (umum := kunci_umum(kunci)):
            hit = self.entri.get(umum)
        return hit

    def ada(self, kode: str) -> bool:
        return self._cari(kode) is not None

    def nama(self, kode: str) -> str | None:
        hit = self._cari(kode)
        return hit[1] if hit else None

    def anak(self, induk: str) -> list[tuple[str, str]]:
        """(kode, nama) langsung di bawah ``induk``: bidang urusan (2.07) → program, program →
        kegiatan, kegiatan → sub kegiatan. Program Penunjang umum ditulis dengan bidang induknya."""
        induk = induk.strip()
        try:
            kunci = kunci_nomenklatur(induk)
        except KodeError:
            return []
        bagian = kunci.split(".")
        target = {2: Tingkat.PROGRAM, 3: Tingkat.KEGIATAN, 5: Tingkat.SUB_KEGIATAN}.get(len(bagian))
        if target is None or bagian[0] == "X":
            return []
        bidang = ".".join(bagian[:2])
        awalan = [kunci + "."]
        if len(bagian) == 2:
            awalan.append(PENUNJANG_UMUM + ".")
        elif umum := kunci_umum(kunci):
            awalan.append(umum + ".")
        hasil: dict[str, tuple[str, str]] = {}
        for k, (kode, nama, tingkat) in self.entri.items():
            if tingkat != target or not any(k.startswith(a) for a in awalan):
                continue
            if k.startswith(PENUNJANG_UMUM):
                kode = bidang + kode[len(PENUNJANG_UMUM) :]
                k = bidang + k[len(PENUNJANG_UMUM) :]
            hasil.setdefault(k, (kode, nama))
        return [hasil[k] for k in sorted(hasil, key=_urut)]


def _urut(kunci: str):
    return [(0, int(p)) if p.isdigit() else (1, p) for p in kunci.split(".")]


_cache: dict[int, Katalog] = {}
_kunci_cache = threading.Lock()


def muat_bawaan() -> NomenklaturVersi:
    """Versi bawaan dari berkas data (migrasi 0008 memuatnya; dimuat lagi di sini bila basis data
    tidak memuatnya, mis. sesudah dikosongkan atau dipulihkan dari cadangan lama)."""
    import csv

    teks = BAWAAN_BERKAS.read_text(encoding="utf-8").splitlines()
    baris = []
    for b in csv.DictReader(x for x in teks if not x.startswith("#")):
        kunci = kunci_nomenklatur(b["kode"])
        baris.append((b["kode"], kunci, b["nama"], tingkat_kunci(kunci)))
    with transaction.atomic():
        ada = NomenklaturVersi.objects.filter(kode=BAWAAN_KODE).first()
        if ada:
            return ada
        return muat_versi(
            baris,
            BAWAAN_KODE,
            BAWAAN_JUDUL,
            sumber_berkas(BAWAAN_BERKAS),
            BAWAAN_MULAI,
        )


def versi_untuk(tahun: int) -> NomenklaturVersi | None:
    if not NomenklaturVersi.objects.filter(kode=BAWAAN_KODE).exists():
        muat_bawaan()
    return (
        NomenklaturVersi.objects.filter(berlaku_mulai__lte=tahun)
        .order_by("-berlaku_mulai", "-dimuat_pada")
        .first()
        or NomenklaturVersi.objects.order_by("berlaku_mulai", "dimuat_pada").first()
    )


def katalog(tahun: int) -> Katalog | None:
    """Katalog versi yang berlaku untuk ``tahun`` (tahun sebelum versi tertua: versi tertua)."""
    versi = versi_untuk(tahun)
    if versi is None:
        return None
    with _kunci_cache:
        hit = _cache.get(versi.pk)
        if hit is not None and hit.judul == versi.judul:
            return hit
    entri = {
        k: (kode, nama, tingkat)
        for k, kode, nama, tingkat in NomenklaturEntri.objects.filter(versi=versi).values_list(
            "kunci", "kode", "nama", "tingkat"
        )
    }
    kat = Katalog(versi.pk, versi.judul, versi.sumber, versi.berlaku_mulai, entri)
    with _kunci_cache:
        _cache[versi.pk] = kat
    return kat


def pesan_luar(kode: str, kat: Katalog, tingkat: Tingkat) -> str:
    return (
        f"Kode {tingkat.label} {kode} tidak ada dalam nomenklatur {kat.judul}. Pilih kode dari "
        "daftar, atau tulis alasan memakai kode ini (kode akan ditandai di luar nomenklatur)."
    )


def periksa_kode(
    opd, kode: str, tingkat: Tingkat, tahun: int, alasan: str, user, galat: dict
) -> None:
    """Kode di luar nomenklatur yang berlaku: tanpa alasan → galat['alasan']; dengan alasan →
    dicatat (ditandai). Dipanggil di dalam transaksi layanan yang menyimpan programnya."""
    kat = katalog(tahun)
    if kat is None or kat.ada(kode):
        return
    alasan = (alasan or "").strip()
    if not alasan:
        galat.setdefault("alasan", pesan_luar(kode, kat, tingkat))
        return
    if not galat:
        KodeLuarNomenklatur.objects.update_or_create(
            opd=opd, kode=kode, defaults={"alasan": alasan[:2000], "dicatat_oleh": user}
        )


def luar_nomenklatur(opd, kode_list: list[str], tahun: int) -> dict[str, str]:
    """Kode yang tidak ada dalam nomenklatur tahun itu → alasan tercatat ('' bila belum ada)."""
    kat = katalog(tahun)
    if kat is None:
        return {}
    luar = [k for k in kode_list if k and not kat.ada(k)]
    if not luar:
        return {}
    alasan = dict(
        KodeLuarNomenklatur.objects.filter(opd=opd, kode__in=luar).values_list("kode", "alasan")
    )
    return {k: alasan.get(k, "") for k in luar}
