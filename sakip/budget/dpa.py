"""Pagu setahun dari ekspor DPA/DPPA aplikasi keuangan Pemda (XLSX atau CSV apa pun): kolom
dipetakan sekali (kode, uraian, pagu, pagu perubahan, realisasi) dan diingat per Pemda; pratinjau
setiap perubahan; konfirmasi menyimpan satu versi pagu bertanggal dan pagu yang berlaku dalam satu
transaksi. Baris program, kegiatan dan urusan di ekspor (jumlah) dilewati: sakip menjumlah sendiri
dari sub kegiatan."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db import transaction

from sakip import akses
from sakip.akses import Aksi
from sakip.berkas import BerkasError
from sakip.berkas.tabel import baca_tabel
from sakip.core.kode import KodeError, kunci_nomenklatur
from sakip.core.numbers import NumberFormatError, format_rupiah, parse_angka
from sakip.organisations.models import PerangkatDaerah
from sakip.planning.models import Kegiatan, SubKegiatan

from .entry import baris_anggaran
from .models import Anggaran, PaguBaris, PaguVersi, PemetaanDPA

MAKS_BARIS = 5000
MEDAN = {
    "kode": "Kode",
    "uraian": "Uraian",
    "pagu": "Pagu",
    "pagu_perubahan": "Pagu perubahan",
    "realisasi": "Realisasi",
}
WAJIB = ("kode", "pagu")
# tebakan kolom dari judulnya, berurutan dari yang paling meyakinkan: (medan, syarat)
TEBAKAN = (
    ("kode", lambda j: j in ("kode", "kode rekening", "kode sub kegiatan")),
    ("kode", lambda j: j.startswith("kode")),
    (
        "uraian",
        lambda j: j in ("uraian", "nama", "nama sub kegiatan", "sub kegiatan", "nomenklatur"),
    ),
    ("uraian", lambda j: "uraian" in j or j.startswith("nama")),
    ("pagu_perubahan", lambda j: any(k in j for k in ("setelah perubahan", "sesudah perubahan"))),
    ("pagu_perubahan", lambda j: "dppa" in j or j in ("pagu perubahan", "anggaran perubahan")),
    ("pagu", lambda j: any(k in j for k in ("sebelum perubahan", "murni", "induk"))),
    ("pagu", lambda j: j in ("pagu", "anggaran", "pagu anggaran", "jumlah", "nilai", "dpa")),
    ("pagu", lambda j: ("pagu" in j or "anggaran" in j) and "realisasi" not in j),
    ("realisasi", lambda j: "realisasi" in j or "sp2d" in j),
)


class DPAError(ValueError):
    def __init__(self, galat: list[str]):
        super().__init__("; ".join(galat))
        self.galat = galat


def _teks(v) -> str:
    return " ".join(str(v if v is not None else "").split())


def _bersih(v):
    """Nilai sel yang dapat disimpan di sesi (JSON): angka, teks, atau kosong."""
    if v is None or isinstance(v, (int, str)):
        return v
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, Decimal):
        return str(v)
    return _teks(v)


def baca(data: bytes, nama: str) -> dict:
    """Tabel unggahan: baris judul (baris pertama dalam 15 baris teratas yang memuat 'kode'),
    judul kolomnya, dan baris data sesudahnya (nomor baris berkas disimpan untuk pesan)."""
    try:
        baris = baca_tabel(data, nama, maks_baris=MAKS_BARIS)
    except BerkasError as exc:
        raise DPAError([str(exc)]) from None
    for i, row in enumerate(baris[:15]):
        sel = [_teks(v).lower() for v in row if _teks(v)]
        teks = [s for s in sel if not re.fullmatch(r"[\d.,\s-]+", s)]
        if len(sel) >= 3 and len(teks) == len(sel) and any(m(s) for s in sel for _, m in TEBAKAN):
            judul = [_teks(v) or f"Kolom {j + 1}" for j, v in enumerate(row)]
            data_baris = [
                [i + 2 + n, [_bersih(v) for v in r]]
                for n, r in enumerate(baris[i + 1 :])
                if any(v not in (None, "") for v in r)
            ]
            return {"nama": nama, "judul": judul, "baris": data_baris}
    raise DPAError(
        [
            f"Berkas '{nama}': baris judul kolom (mis. Kode, Uraian, Pagu) tidak ditemukan di 15 "
            "baris pertama. Unggah ekspor DPA yang memuat judul kolom."
        ]
    )


def tebak(tabel: dict, pemda) -> dict[str, int | None]:
    """Pemetaan kolom: judul yang diingat untuk Pemda ini lebih dulu, lalu tebakan dari judulnya."""
    judul = [j.lower() for j in tabel["judul"]]
    pm = PemetaanDPA.objects.filter(pemda=pemda).first()
    ingat = {m: str(j).lower() for m, j in (pm.kolom if pm else {}).items() if j}
    hasil: dict[str, int | None] = dict.fromkeys(MEDAN)
    dipakai: set[int] = set()
    for medan in MEDAN:
        if ingat.get(medan) in judul:
            hasil[medan] = judul.index(ingat[medan])
            dipakai.add(judul.index(ingat[medan]))
    for medan, syarat in TEBAKAN:
        if hasil[medan] is not None:
            continue
        cocok = [i for i, j in enumerate(judul) if i not in dipakai and syarat(j)]
        if cocok:
            hasil[medan] = cocok[0]
            dipakai.add(cocok[0])
    return hasil


@dataclass
class Perubahan:
    key: str
    kode: str
    nama: str
    pagu_lama: str | None
    pagu: str
    real_lama: str | None
    realisasi: str | None
    baris: int


def _uang(v, baris: int, kolom: str) -> Decimal | None:
    if v in (None, ""):
        return None
    try:
        d = Decimal(str(v)) if isinstance(v, int) else parse_angka(str(v).replace("Rp", ""))
    except (NumberFormatError, ArithmeticError, ValueError):
        raise DPAError([f"Baris {baris}, kolom '{kolom}': '{_teks(v)[:40]}' bukan angka"]) from None
    if d < 0:
        raise DPAError([f"Baris {baris}, kolom '{kolom}': tidak boleh negatif"])
    if d >= Decimal(10) ** 16:
        raise DPAError([f"Baris {baris}, kolom '{kolom}': angka terlalu besar"])
    return d


def _kunci_nama(nama: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in nama.lower()).split())


def pratinjau(
    opd: PerangkatDaerah, tahun: int, tabel: dict, pemetaan: dict[str, int | None], jenis: str
) -> dict:
    """Perubahan pagu (dan realisasi bila kolomnya dipetakan) per baris anggaran OPD; galat yang
    menyebut baris dan kolom; catatan: baris rencana yang tidak ada di DPA dan sebaliknya."""
    judul = tabel["judul"]
    galat = [f"Kolom {MEDAN[m]} belum dipilih" for m in WAJIB if pemetaan.get(m) is None]
    if jenis not in PaguVersi.Jenis.values:
        galat.append("Pilih jenis: DPA (murni) atau DPPA (perubahan)")
    if galat:
        raise DPAError(galat)
    kolom_pagu = pemetaan["pagu"]
    if jenis == PaguVersi.Jenis.PERUBAHAN and pemetaan.get("pagu_perubahan") is not None:
        kolom_pagu = pemetaan["pagu_perubahan"]
    rencana = baris_anggaran(opd, tahun)
    per_kunci: dict[str, dict] = {}
    per_nama: dict[str, dict] = {}
    for rr in rencana:
        if rr["kode"]:
            try:
                per_kunci[kunci_nomenklatur(rr["kode"])] = rr
            except KodeError:
                pass
        else:
            per_nama[_kunci_nama(rr["nama"])] = rr

    dihentikan = _dihentikan(opd, tahun)

    def sel(row: list, i: int | None):
        return row[i] if i is not None and i < len(row) else None

    hasil: list[Perubahan] = []
    dilihat: dict[str, int] = {}
    asing: list[str] = []
    berhenti: list[str] = []
    for nomor, row in tabel["baris"]:
        kode_teks = _teks(sel(row, pemetaan["kode"]))
        uraian = _teks(sel(row, pemetaan.get("uraian")))
        r: dict | None = None
        if kode_teks:
            try:
                kunci = kunci_nomenklatur(kode_teks)
            except KodeError:
                if any(c.isdigit() for c in kode_teks) and kode_teks.count(".") >= 2:
                    galat.append(
                        f"Baris {nomor}, kolom '{judul[pemetaan['kode']]}': {kode_teks} bukan kode nomenklatur"
                    )
                continue
            r = per_kunci.get(kunci)
            tingkat = len(kunci.split("."))
            if r is None:
                if kunci in dihentikan:
                    berhenti.append(f"{kode_teks} (berhenti mulai {dihentikan[kunci]})")
                elif tingkat == 6 or (tingkat == 5 and not _ada_sub(per_kunci, kunci)):
                    asing.append(f"{kode_teks} {uraian}".strip())
                continue  # baris jumlah (program, kegiatan yang bersub kegiatan, urusan)
        elif uraian:
            r = per_nama.get(_kunci_nama(uraian))
            if r is None:
                continue
        else:
            continue
        try:
            pagu = _uang(sel(row, kolom_pagu), nomor, judul[kolom_pagu])
            real = (
                _uang(sel(row, pemetaan["realisasi"]), nomor, judul[pemetaan["realisasi"]])
                if pemetaan.get("realisasi") is not None
                else None
            )
        except DPAError as exc:
            galat.extend(exc.galat)
            continue
        if pagu is None:
            galat.append(
                f"Baris {nomor}, kolom '{judul[kolom_pagu]}': pagu {r['kode'] or r['nama']} kosong"
            )
            continue
        if r["key"] in dilihat:
            galat.append(
                f"Baris {nomor}: {r['kode'] or r['nama']} sudah ada di baris {dilihat[r['key']]}"
            )
            continue
        if real is not None and real > pagu:
            galat.append(
                f"Baris {nomor}: realisasi {r['kode']} ({format_rupiah(real)}) melebihi pagu "
                f"({format_rupiah(pagu)})"
            )
            continue
        dilihat[r["key"]] = nomor
        lama = r["data"].get(0)
        hasil.append(
            Perubahan(
                r["key"],
                r["kode"],
                r["nama"],
                None if lama is None else f"{lama.pagu:.2f}",
                f"{pagu:.2f}",
                None if lama is None else f"{lama.realisasi:.2f}",
                None if real is None else f"{real:.2f}",
                nomor,
            )
        )
        if len(galat) >= 50:
            break
    if galat:
        raise DPAError(galat[:50])
    hilang = [f"{r['kode']} {r['nama']}".strip() for r in rencana if r["key"] not in dilihat]
    catatan = [
        f"{len(daftar)} {awal}: " + "; ".join(daftar[:8]) + (" …" if len(daftar) > 8 else "")
        for daftar, awal in (
            (hilang, "baris rencana tidak ada di berkas; pagunya tidak diubah"),
            (
                asing,
                "sub kegiatan di berkas tidak ada di rencana OPD (tambahkan di Susun Renstra bila "
                "memang dilaksanakan)",
            ),
            (
                berhenti,
                "baris berkas memuat sub kegiatan/kegiatan yang dihentikan OPD; pagunya tidak "
                "dicatat (pakai lagi di Susun Renstra bila tahun ini masih dilaksanakan)",
            ),
        )
        if daftar
    ]
    if not hasil:
        raise DPAError(
            [
                "Tidak ada baris berkas yang cocok dengan sub kegiatan OPD ini; periksa kolom Kode dan tahunnya."
            ]
        )
    return {"perubahan": [asdict(p) for p in hasil], "catatan": catatan}


def _dihentikan(opd: PerangkatDaerah, tahun: int) -> dict[str, int]:
    """Kunci nomenklatur kegiatan/sub kegiatan OPD yang tidak dipakai pada ``tahun`` → tahun
    berhentinya (yang paling awal dari dirinya dan induknya)."""
    out: dict[str, int] = {}
    for qs in (
        Kegiatan.objects.filter(program__opd=opd).select_related("program"),
        SubKegiatan.objects.filter(kegiatan__program__opd=opd).select_related("kegiatan__program"),
    ):
        for x in qs.exclude(kode=""):
            b = x.berhenti_efektif()
            if b is not None and b <= tahun:
                try:
                    out[kunci_nomenklatur(x.kode)] = b
                except KodeError:
                    pass
    return out


def _ada_sub(per_kunci: dict, kunci_kegiatan: str) -> bool:
    return any(k.startswith(kunci_kegiatan + ".") for k in per_kunci)


@transaction.atomic
def terapkan(
    user,
    opd: PerangkatDaerah,
    tahun: int,
    data: dict,
    jenis: str,
    tanggal: dt.date,
    sumber: str,
    judul_kolom: dict[str, str],
) -> PaguVersi:
    """Satu transaksi: versi pagu bertanggal, pagu (dan realisasi) yang berlaku, pemetaan kolom
    Pemda diingat."""
    akses.periksa(user, opd, Aksi.ISI_PENUH)
    versi = PaguVersi.objects.create(
        opd=opd, tahun=tahun, jenis=jenis, tanggal=tanggal, sumber=sumber[:255], dicatat_oleh=user
    )
    baris = []
    for p in data["perubahan"]:
        jenis_baris, pk = p["key"].split("-")
        pemilik = {"sub_kegiatan_id": int(pk)} if jenis_baris == "sub" else {"kegiatan_id": int(pk)}
        baris.append(PaguBaris(versi=versi, pagu=Decimal(p["pagu"]), **pemilik))
        nilai = {"pagu": Decimal(p["pagu"])}
        if p["realisasi"] is not None:
            nilai["realisasi"] = Decimal(p["realisasi"])
        a, dibuat = Anggaran.objects.get_or_create(
            opd=opd, tahun=tahun, triwulan=None, **pemilik, defaults=nilai
        )
        if not dibuat:
            for k, v in nilai.items():
                setattr(a, k, v)
            if a.realisasi > a.pagu:
                raise DPAError(
                    [
                        f"Realisasi tersimpan {p['kode']} ({format_rupiah(a.realisasi)}) melebihi "
                        f"pagu baru ({format_rupiah(a.pagu)}); petakan kolom realisasi atau "
                        "perbaiki realisasinya lebih dulu."
                    ]
                )
            a.save()
    PaguBaris.objects.bulk_create(baris)
    PemetaanDPA.objects.update_or_create(pemda=opd.pemda, defaults={"kolom": judul_kolom})
    return versi


def baca_tanggal(teks: str, tahun: int) -> dt.date:
    """Tanggal DPA/DPPA dari isian (YYYY-MM-DD atau DD-MM-YYYY): tahun anggaran itu atau
    akhir tahun sebelumnya."""
    teks = (teks or "").strip()
    for bentuk in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            tanggal = dt.datetime.strptime(teks, bentuk).date()
            break
        except ValueError:
            continue
    else:
        raise DPAError([f"Tanggal DPA '{teks[:20]}' tidak terbaca; tulis seperti 2024-01-02"])
    if tanggal.year not in (tahun - 1, tahun):
        raise DPAError([f"Tanggal DPA {tanggal:%d-%m-%Y} bukan untuk tahun anggaran {tahun}"])
    return tanggal


def riwayat(opd: PerangkatDaerah, tahun: int) -> list[dict]:
    """Versi pagu setahun dengan jumlahnya, urut tanggal (untuk halaman dan LKjIP)."""
    from django.db.models import Count, Sum

    return [
        {
            "versi": v,
            "jumlah": v.jumlah or Decimal(0),
            "baris": v.n,
        }
        for v in PaguVersi.objects.filter(opd=opd, tahun=tahun)
        .annotate(jumlah=Sum("baris__pagu"), n=Count("baris"))
        .order_by("tanggal", "id")
    ]
