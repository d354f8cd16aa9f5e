"""Mengenali tabel laporan dari kata-kata kepalanya (bukan dari letaknya): pengukuran kinerja,
target Renstra, perbandingan antartahun, capaian indikator program, efisiensi, anggaran."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from sakip.core.kode import KodeError, parse_kode
from sakip.core.numbers import NumberFormatError, parse_angka

from .naskah import Tabel

_TAHUN = re.compile(r"\b(20\d{2})\b")


def angka(teks: str) -> Decimal | None:
    """Angka tercetak (cara Indonesia; Rp, %, spasi ribuan) atau None bila bukan angka."""
    t = (teks or "").strip().replace("\u2212", "-")
    t = re.sub(r"^\(?rp\.?\s*", "", t, flags=re.IGNORECASE).rstrip(")").strip()
    if not t or t in {"-", "–", "—"}:
        return None
    try:
        return parse_angka(t)
    except NumberFormatError:
        pass
    # angka bersatuan: '5 %', '2 Perselisihan', '50 Orang'
    m = re.fullmatch(
        r"(-?[\d.,]*\d)\s*(?:%|[A-Za-z][A-Za-z /]{0,24}|[A-Za-z][A-Za-z0-9]{1,5})", t
    )  # '15 P3MI'
    if m:
        try:
            return parse_angka(m.group(1))
        except NumberFormatError:
            return None
    return None


def kode(teks: str, urusan: bool = False):
    """Kode nomenklatur (bertitik atau berspasi) di awal sel, atau None. ``urusan``: satu angka
    urusan saja juga kode (hanya di kolom Kode; di kolom lain itu nomor urut)."""
    t = (teks or "").strip()
    if urusan and re.fullmatch(r"[1-8X]", t):
        return parse_kode(t)
    m = re.match(r"^([1-8X](?:[.\s]\d{1,2}){1,5}(?:[.\s]\d{2,4})?)(?:\s|$)", t)
    if not m:
        return None
    try:
        return parse_kode(m.group(1).strip())
    except KodeError:
        return None


def _bukan_angka(c: str) -> bool:
    c = c.strip()
    if not c:
        return True
    n = angka(c)
    return n is None or bool(_TAHUN.fullmatch(c))


@dataclass
class Kepala:
    nama: list[str]  # nama setiap kolom, huruf kecil (kepala bertingkat digabung)
    baris: int  # jumlah baris kepala

    def kolom(self, *kata: str, tidak: tuple[str, ...] = (), mulai: int = 0) -> int | None:
        """Kolom pertama (dari ``mulai``) yang namanya memuat semua ``kata`` dan tidak ``tidak``."""
        for i, n in enumerate(self.nama):
            if i < mulai:
                continue
            if all(k in n for k in kata) and not any(t in n for t in tidak):
                return i
        return None


def kepala(sel: list[list[str]]) -> Kepala:
    """Baris kepala: baris awal yang tidak berisi angka (tahun boleh), paling banyak tiga."""
    n = 0
    for row in sel[:3]:
        if row and all(_bukan_angka(c) for c in row) and any(c.strip() for c in row):
            n += 1
        else:
            break
    n = max(n, 1)
    lebar = max(len(r) for r in sel)
    bagian: list[list[str]] = [[] for _ in range(lebar)]
    for row in sel[:n]:
        isi = list(row) + [""] * (lebar - len(row))
        kiri = ""
        for i, c in enumerate(isi):
            c = c.strip()
            if c:
                kiri = c
            elif row is not sel[n - 1]:
                c = kiri  # sel gabungan ke kanan pada kepala bertingkat
            if c and (not bagian[i] or bagian[i][-1] != c.lower()):
                bagian[i].append(c.lower())
    return Kepala([" ".join(b) for b in bagian], n)


@dataclass
class Sel:
    """Satu angka/teks tercetak dengan tempatnya."""

    teks: str
    lokasi: str

    @property
    def nilai(self) -> Decimal | None:
        return angka(self.teks)


@dataclass
class BarisIndikator:
    nama: str
    satuan: str = ""
    sasaran: str = ""
    target: Sel | None = None
    realisasi: Sel | None = None
    capaian: Sel | None = None
    tahun: int | None = None
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None


@dataclass
class BarisAnggaran:
    kode: object | None  # Kode, atau None untuk baris jumlah
    nama: str
    pagu: Sel | None = None
    realisasi: Sel | None = None
    sisa: Sel | None = None
    serapan: Sel | None = None
    indikator: BarisIndikator | None = None  # indikator kinerja baris ini (tabel gabungan)
    sisa_persen: Sel | None = None
    hitungan: Sel | None = None  # baris 'JUMLAH PROGRAM 5' (nama = program/kegiatan/sub_kegiatan)
    rata_rata: Sel | None = None  # rata-rata capaian yang tercetak di baris hitungan itu
    tanpa_kode: str = ""  # baris bernama tanpa kode: tingkat menurut kepala kolomnya


@dataclass
class BarisEfisiensi:
    kode: object
    nama: str
    kolom: dict[str, Sel] = field(default_factory=dict)


@dataclass
class BarisTargetRenstra:
    nama: str
    satuan: str = ""
    sasaran: str = ""
    kondisi_awal: Sel | None = None
    kondisi_akhir: Sel | None = None
    target: dict[int, Sel] = field(default_factory=dict)


@dataclass
class Pengenalan:
    jenis: str  # pengukuran | renstra | perbandingan | indikator_program | efisiensi | anggaran
    tabel: Tabel
    baris: list = field(default_factory=list)
    tidak_terbaca: list[str] = field(default_factory=list)
    nama: str = ""  # nama seri data (tabel seri per wilayah)


def _sel(row: list[str], i: int | None, tabel: Tabel, n: int, teks: bool = False) -> Sel | None:
    """Sel tercetak; bukan-angka ('–', 'tidak dapat dihitung') hanya bila ``teks``."""
    if i is None or i >= len(row) or not row[i].strip():
        return None
    s = Sel(row[i].strip(), f"{tabel.lokasi}, baris {n}")
    return s if teks or s.nilai is not None else None


def _teks(row: list[str], i: int | None) -> str:
    return row[i].strip() if i is not None and i < len(row) else ""


def _tanpa_nomor(nama: str) -> str:
    """'1. Besaran …' → 'Besaran …' (nomor urut yang tercetak di depan nama)."""
    return re.sub(r"^\s*(?:\d{1,2}|[a-z])[.)]\s+", "", nama)


def _tahun_tabel(t: Tabel) -> int | None:
    m = _TAHUN.findall(t.judul)
    return int(m[-1]) if m else None


def _hitungan(teks: str) -> tuple[Decimal, Decimal] | None:
    """'721 / 1.164' atau '721 dari 1.164' → (721, 1164)."""
    m = re.match(r"^\s*([\d.,]+)\s*(?:/|dari)\s*([\d.,]+)\s*$", teks or "")
    if not m:
        return None
    a, b = angka(m.group(1)), angka(m.group(2))
    return (a, b) if a is not None and b else None


def kenali(t: Tabel) -> Pengenalan | None:
    """Jenis tabel dari kata kepalanya, dengan baris-barisnya; None bila tidak dikenali."""
    if not t.sel or max(len(r) for r in t.sel) < 2:
        return None
    from .pengenal_anggaran import _anggaran, _efisiensi  # modul itu memakai pembantu di sini
    from .pengenal_pk import kenali_pk

    k = kepala(t.sel)
    pk = kenali_pk(t, k)
    if pk is not None:
        return pk
    ada = " | ".join(k.nama)
    i_kode = k.kolom("kode")
    if "efisiensi" in ada and (i_kode is not None or k.kolom("program") is not None):
        return _efisiensi(t, k)
    if (k.kolom("pagu") is not None or k.kolom("anggaran") is not None) and k.kolom(
        "realisasi"
    ) is not None:
        if (
            i_kode is not None
            or any(kode(r[0] if r else "") for r in t.sel[k.baris :])
            or k.kolom("kegiatan") is not None
            or k.kolom("program") is not None
        ):
            return _anggaran(t, k)
    if _tabel_wilayah(t, k):
        return _seri(t, k)
    i_ind = k.kolom("indikator")
    if i_ind is not None and k.kolom("target") is not None and k.kolom("triwulan") is None:
        if i_kode is not None:
            return _anggaran(t, k, "indikator_program")
        tahun = [int(y) for n in k.nama for y in _TAHUN.findall(n)]
        if k.kolom("realisasi") is None and len(set(tahun)) >= 2:
            return _renstra(t, k)
        if k.kolom("realisasi") is not None:
            if k.kolom("kegiatan") is not None:
                return _indikator_kegiatan(t, k)  # nama kegiatan/sub kegiatan, tanpa kode
            if k.kolom("akhir") is not None and k.kolom("capaian") is not None:
                return _capaian_renstra(t, k)
            return _pengukuran(t, k)
    return None


_BERSAMBUNG = re.compile(
    r"(\b(yang|dan|di|dalam|pada|untuk|serta|atau|bagi|dengan)|[,(/-])\s*$", re.I
)


_WILAYAH = re.compile(r"^(?:kab\.?|kabupaten|kota|provinsi|kecamatan)\s+\S", re.IGNORECASE)


def _tabel_wilayah(t: Tabel, k: Kepala) -> bool:
    """Seri data per wilayah: kolom tahun, baris berawal nama wilayah (Kabupaten …, Kota …)."""
    tahun = [n for n in k.nama if _TAHUN.search(n)]
    if len(tahun) < 2 or any(x in " ".join(k.nama) for x in ("target", "realisasi", "anggaran")):
        return False
    wilayah = [r for r in t.sel[k.baris :] if r and _WILAYAH.match(r[0].strip())]
    return len(wilayah) >= 3


def wilayah_baku(nama: str) -> str:
    """'Kab. Klungkung' → 'Kabupaten Klungkung' (nama wilayah seperti nama Pemda di sakip)."""
    nama = re.sub(r"\s+", " ", nama).strip()
    return re.sub(r"^kab\.?\s+", "Kabupaten ", nama, flags=re.IGNORECASE)


@dataclass
class BarisSeri:
    wilayah: str
    nilai: dict[int, Sel]
    agregat: bool = False


def _seri(t: Tabel, k: Kepala) -> Pengenalan:
    """Seri data per wilayah dan tahun (mis. TPAK menurut kabupaten/kota dari BPS)."""
    p = Pengenalan("seri", t)
    kolom = {}
    for i, n in enumerate(k.nama):
        m = _TAHUN.findall(n)
        if m and i > 0:
            kolom[i] = int(m[-1])
    judul = [
        c.strip()
        for row in t.sel[: k.baris]
        for c in row
        if c.strip() and not _TAHUN.fullmatch(c.strip())
    ]
    p.nama = max(judul, key=len) if judul else t.judul
    for n, row in enumerate(t.sel[k.baris :], k.baris + 1):
        nama = _teks(row, 0)
        if not nama:
            continue
        nilai = {th: s_ for i, th in kolom.items() if (s_ := _sel(row, i, t, n)) is not None}
        if not nilai:
            continue
        p.baris.append(
            BarisSeri(wilayah_baku(nama), nilai, bool(re.match(r"provinsi\b", nama.lower())))
        )
    return p


@dataclass
class ButirKegiatan:
    """Satu baris tabel indikator kegiatan tanpa kode: nama kegiatan/sub kegiatan (``indikator``
    kosong), atau indikator di bawah nama terakhir."""

    nama: str
    lokasi: str
    indikator: BarisIndikator | None = None


def _indikator_kegiatan(t: Tabel, k: Kepala) -> Pengenalan:
    """Tabel 'Kegiatan/Sub Kegiatan | Indikator | Target | Realisasi | %' tanpa kode (kodenya dicari
    draf di nomenklatur). Dibaca menurut makna: sel teks di kolom Kegiatan = nama baru; indikator =
    sel teks terakhir sebelum angka pertama; angka berurutan target, realisasi, capaian. Tahan
    terhadap sel yang bergeser ke kolom lain pada salinan."""
    p = Pengenalan("indikator_kegiatan", t)
    i_keg = k.kolom("kegiatan")
    tahun = _tahun_tabel(t)
    for n, row in enumerate(t.sel[k.baris :], k.baris + 1):
        lokasi = f"{t.lokasi}, baris {n}"
        isi = [(i, c.strip()) for i, c in enumerate(row) if c.strip()]
        angka_ = [(i, c) for i, c in isi if angka(c) is not None]
        pertama = angka_[0][0] if angka_ else len(row)
        teks_ = [(i, c) for i, c in isi if i < pertama and angka(c) is None]
        nama_keg = _teks(row, i_keg)
        ind_nama = ""
        if teks_ and teks_[-1][0] > (i_keg if i_keg is not None else -1):
            ind_nama = teks_[-1][1]  # kolom indikator (sesudah kolom kegiatan)
        elif angka_ and teks_ and teks_[-1][0] != i_keg:
            ind_nama = teks_[-1][1]  # indikator yang bergeser ke kolom sebelum kolom kegiatan
        if nama_keg and angka(nama_keg) is None and nama_keg != ind_nama:
            nama_akhir = next((b for b in reversed(p.baris) if b.indikator is None), None)
            if nama_akhir is not None and _BERSAMBUNG.search(nama_akhir.nama):
                # nama yang terpecah ke baris berikut ('… IMTA yang' | 'Lokasi Kerja dalam …')
                nama_akhir.nama = f"{nama_akhir.nama} {nama_keg}"
            else:
                p.baris.append(ButirKegiatan(nama_keg, lokasi))
        if not ind_nama:
            if angka_:
                p.tidak_terbaca.append(f"{lokasi}: {' | '.join(row)}")
            continue
        bi = BarisIndikator(nama=_tanpa_nomor(ind_nama), tahun=tahun)
        nilai = [Sel(c, lokasi) for _, c in angka_]
        for jenis, s_ in zip(("target", "realisasi", "capaian"), nilai, strict=False):
            setattr(bi, jenis, s_)
        m = re.match(r"^-?[\d.,]*\d\s*(.*)$", nilai[0].teks) if nilai else None
        bi.satuan = m.group(1).strip() if m and m.group(1).strip() != "%" else ("%" if m else "")
        p.baris.append(ButirKegiatan("", lokasi, bi))
    return p


def _baris_indikator(t: Tabel, k: Kepala):
    """(nomor, baris, nama indikator, sasaran) setiap baris berisi; sel Sasaran yang digabung ke
    bawah (kosong di baris berikut) terbawa."""
    i_ind = k.kolom("indikator")
    i_sas = k.kolom("sasaran", tidak=("indikator",))
    sasaran = ""
    for n, row in enumerate(t.sel[k.baris :], k.baris + 1):
        if i_sas is not None and _teks(row, i_sas):
            sasaran = _teks(row, i_sas)
        nama = _tanpa_nomor(_teks(row, i_ind))
        if nama and nama.lower() not in {"jumlah", "rata-rata", "total"}:
            yield n, row, nama, sasaran


def _kelompok_tahun(k: Kepala) -> dict[int, dict[str, int]]:
    """Tabel perbandingan antartahun: {tahun: {target: kolom, realisasi: kolom, capaian: kolom}}."""
    out: dict[int, dict[str, int]] = {}
    for i, nama in enumerate(k.nama):
        m = _TAHUN.findall(nama)
        if not m:
            continue
        for jenis in ("target", "realisasi", "capaian"):
            if jenis in nama:
                out.setdefault(int(m[0]), {}).setdefault(jenis, i)
    return out if len(out) >= 2 else {}


def _pengukuran(t: Tabel, k: Kepala) -> Pengenalan:
    """Target, realisasi, capaian setiap indikator; satu baris per tahun bila tabelnya
    membandingkan beberapa tahun (kolom 2022 target | realisasi | capaian, 2023 …)."""
    p = Pengenalan("pengukuran", t)
    i_sat = k.kolom("satuan")
    i_hit = k.kolom("hitungan")
    tahun = _tahun_tabel(t)
    i_real = k.kolom("realisasi")
    if tahun is None and i_real is not None:
        m = _TAHUN.findall(k.nama[i_real])
        tahun = int(m[-1]) if m else None
    kelompok = _kelompok_tahun(k) or {
        tahun: {
            "target": k.kolom("target", tidak=("akhir",)),
            "realisasi": i_real,
            "capaian": k.kolom("capaian"),
        }
    }
    for n, row, nama, sasaran in _baris_indikator(t, k):
        ada = False
        for th, kol in kelompok.items():
            b = BarisIndikator(
                nama=nama,
                satuan=_teks(row, i_sat),
                sasaran=sasaran,
                target=_sel(row, kol.get("target"), t, n),
                realisasi=_sel(row, kol.get("realisasi"), t, n),
                capaian=_sel(row, kol.get("capaian"), t, n, teks=True),
                tahun=th,
            )
            h = _hitungan(_teks(row, i_hit))
            if h:
                b.pembilang, b.penyebut = h
            if b.target is None and b.realisasi is None:
                continue
            ada = True
            p.baris.append(b)
        if not ada:
            p.tidak_terbaca.append(f"{t.lokasi}, baris {n}: {' | '.join(row)}")
    return p


def _capaian_renstra(t: Tabel, k: Kepala) -> Pengenalan:
    """Capaian terhadap target akhir Renstra: target akhir, realisasi s.d. tahun ini, capaian."""
    p = Pengenalan("capaian_renstra", t)
    i_akhir = k.kolom("akhir")
    i_real = k.kolom("realisasi")
    i_cap = k.kolom("capaian")
    for n, row, nama, sasaran in _baris_indikator(t, k):
        b = BarisIndikator(
            nama=nama,
            sasaran=sasaran,
            target=_sel(row, i_akhir, t, n),
            realisasi=_sel(row, i_real, t, n),
            capaian=_sel(row, i_cap, t, n, teks=True),
            tahun=_tahun_tabel(t),
        )
        if b.target is None and b.capaian is None:
            p.tidak_terbaca.append(f"{t.lokasi}, baris {n}: {' | '.join(row)}")
            continue
        p.baris.append(b)
    return p


def _renstra(t: Tabel, k: Kepala) -> Pengenalan:
    p = Pengenalan("renstra", t)
    i_sat = k.kolom("satuan")
    i_awal = k.kolom("kondisi awal")
    i_akhir = k.kolom("kondisi akhir")
    kolom_tahun = {}
    for i, nama in enumerate(k.nama):
        m = _TAHUN.findall(nama)
        if m and "kondisi" not in nama:
            kolom_tahun[i] = int(m[-1])
    for n, row, nama, sasaran in _baris_indikator(t, k):
        b = BarisTargetRenstra(
            nama=nama,
            satuan=_teks(row, i_sat),
            sasaran=sasaran,
            kondisi_awal=_sel(row, i_awal, t, n),
            kondisi_akhir=_sel(row, i_akhir, t, n),
        )
        for i, th in kolom_tahun.items():
            s = _sel(row, i, t, n)
            if s is not None and s.nilai is not None:
                b.target[th] = s
        if b.kondisi_akhir is None and i_akhir is not None and kolom_tahun:
            # salinan yang menggeser sel: angka terakhir sesudah kolom tahun terakhir
            sesudah = [
                _sel(row, i, t, n) for i in range(max(kolom_tahun) + 1, len(row)) if row[i].strip()
            ]
            sesudah = [x for x in sesudah if x is not None]
            if sesudah:
                b.kondisi_akhir = sesudah[-1]
        p.baris.append(b)
    return p
