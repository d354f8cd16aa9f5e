"""Pengenal tabel anggaran (program → kegiatan → sub kegiatan dengan pagu dan realisasi, juga
capaian indikator program) dan tabel efisiensi, dipanggil :func:`.pengenal.kenali`."""

from __future__ import annotations

import re

from sakip.core.kode import KodeError, Tingkat, parse_kode

from .naskah import Tabel
from .pengenal import (
    BarisAnggaran,
    BarisEfisiensi,
    BarisIndikator,
    Kepala,
    Pengenalan,
    Sel,
    _sel,
    _tahun_tabel,
    _teks,
    angka,
    kode,
)


def _urutan_anggaran(k: Kepala) -> tuple[list[str], list[str]]:
    """Urutan kolom angka menurut kepalanya: angka anggaran (pagu, realisasi, sisa, serapan)
    sampai kolom indikator, lalu angka indikatornya (target, realisasi, capaian)."""
    uang: list[str] = []
    ind: list[str] = []
    di_indikator = False
    for nama in k.nama:
        if "kode" in nama or not nama:
            continue
        if "indikator" in nama:
            di_indikator = True
        if di_indikator:
            for jenis, kata in (
                ("target", ("target", "rencana")),
                ("realisasi", ("realisasi",)),
                ("capaian", ("capaian", "%")),
            ):
                if any(x in nama for x in kata) and jenis not in ind:
                    ind.append(jenis)
                    break
            continue
        if "sisa" in nama:
            jenis = "sisa"
        elif "realisasi" in nama:
            jenis = "realisasi"
        elif any(x in nama for x in ("serapan", "%", "capaian", "persen")):
            jenis = "serapan"
        elif any(x in nama for x in ("pagu", "anggaran", "rencana", "target")):
            jenis = "pagu"
        else:
            continue
        if jenis not in uang:
            uang.append(jenis)
    return uang, ind


def _kode_baris(row: list[str], i_kode: int | None) -> tuple[object | None, int]:
    """Kode di baris (di kolom Kode atau dekatnya) dan indeks sel terakhirnya; sub kegiatan yang
    nomornya terpisah ke sel berikut ('2 07 01 2.05 | 03') digabung."""
    calon = (
        range(len(row)) if i_kode is None else range(max(0, i_kode - 2), min(len(row), i_kode + 3))
    )
    for i in calon:
        kd = kode(row[i], urusan=i_kode is not None)
        if kd is None:
            continue
        # bagian kode yang terpecah ke sel berikutnya: '3 | 32', '2 07 01 2.05 | 03'
        j = i
        while kd.tingkat < Tingkat.SUB_KEGIATAN and j + 1 < len(row):
            nxt = row[j + 1].strip()
            if not re.fullmatch(r"\d{2}(\d{2})?|\d\.\d{2}", nxt):
                break
            try:
                kd = parse_kode(f"{kd}.{nxt}")
            except KodeError:
                break
            j += 1
        return kd, j
    return None, -1


def _anggaran(t: Tabel, k: Kepala, jenis: str = "anggaran") -> Pengenalan:
    """Baris anggaran dibaca menurut maknanya, bukan letak kolom: kode, lalu sel teks pertama
    (nama), lalu angka-angka berurutan seperti urutan kepala (pagu, realisasi, sisa, serapan).
    Tahan terhadap kolom yang bergeser dan kode yang terpecah antarsel, seperti salinan PDF."""
    p = Pengenalan(jenis, t)
    i_kode = k.kolom("kode")
    urutan, urutan_ind = _urutan_anggaran(k)
    if jenis == "anggaran" and not urutan:
        urutan = ["pagu", "realisasi", "serapan"]
    satuan_dalam_nama = any("(satuan)" in n for n in k.nama)
    ada_satuan = k.kolom("satuan") is not None
    # tabel tanpa kolom kode: nama di kolom Kegiatan/Program (kodenya dicari draf di nomenklatur)
    i_nama, tingkat_nama = None, ""
    if i_kode is None and jenis == "anggaran":
        for kata in ("sub kegiatan", "kegiatan", "program"):
            i_nama = k.kolom(kata, tidak=("indikator",))
            if i_nama is not None:
                tingkat_nama = kata
                break
    for n, row in enumerate(t.sel[k.baris :], k.baris + 1):
        kd, j = _kode_baris(row, i_kode)
        nama_baris = _teks(row, i_nama) if i_nama is not None and kd is None else ""
        if (
            nama_baris
            and angka(nama_baris) is None
            and not re.match(r"^(jumlah|total|sisa)\b", nama_baris.lower())
        ):
            j = i_nama  # angka dibaca sesudah kolom nama
        bernama = kd is None and j == i_nama and i_nama is not None
        label = " ".join(c for c in row[: max(j, 0) + 3] if c).lower()
        jumlah = kd is None and not bernama and bool(re.search(r"\b(jumlah|total)\b", label))
        hitung = re.search(r"\b(?:jumlah|total)\s+(sub\s+kegiatan|kegiatan|program)\b", label)
        if jumlah and hitung:
            # 'JUMLAH PROGRAM 5': hitungan, bukan uang
            isi = [c for c in row if c.strip() and angka(c) is not None]
            # jumlah di sel labelnya sendiri: 'Jumlah Kegiatan: 13'
            di_label = re.search(
                r"\b(?:jumlah|total)\s+(?:sub\s+kegiatan|kegiatan|program)\s*:\s*(\d+)\b",
                " ".join(row),
                re.IGNORECASE,
            )
            if di_label:
                isi = [di_label.group(1), *isi]
            if isi:
                b = BarisAnggaran(kode=None, nama=hitung.group(1).replace(" ", "_"))
                b.hitungan = Sel(isi[0], f"{t.lokasi}, baris {n}")
                if len(isi) > 1:
                    b.rata_rata = Sel(isi[-1], f"{t.lokasi}, baris {n}")
                p.baris.append(b)
            continue
        if kd is None and re.match(r"^\s*sisa\b", " ".join(c for c in row if c).lower()):
            # baris SISA di bawah jumlah: sisa anggaran (Rp) dan persennya
            angka_baris = [c for c in row if c.strip() and angka(c) is not None]
            b = BarisAnggaran(kode=None, nama="Sisa")
            if angka_baris:
                b.sisa = Sel(angka_baris[0], f"{t.lokasi}, baris {n}")
            if len(angka_baris) > 1:
                b.sisa_persen = Sel(angka_baris[1], f"{t.lokasi}, baris {n}")
            p.baris.append(b)
            continue
        if kd is None and not jumlah and not bernama:
            if any(angka(c) is not None for c in row[2:] if c.strip()):
                p.tidak_terbaca.append(f"{t.lokasi}, baris {n}: {' | '.join(row)}")
            continue
        nama, sel, ind_nama, ind_sel, satuan = "", [], "", [], ""
        for i in range(j + 1, len(row)):
            c = row[i].strip()
            if not c:
                continue
            if angka(c) is not None:
                (ind_sel if ind_nama else sel).append(Sel(c, f"{t.lokasi}, baris {n}"))
                continue
            if not nama and not sel:
                nama = c
            elif (sel or not urutan) and not ind_nama and urutan_ind:
                ind_nama = c  # kolom indikator (sesudah angka anggaran, bila ada)
            elif ind_sel and ada_satuan and not satuan and len(c) <= 30:
                satuan = c  # kolom Satuan di antara angka indikator
            elif ind_nama and not ind_sel:
                continue
            else:
                break  # keterangan, atau kolom lain sesudahnya
        if not sel and not ind_sel:
            continue  # baris judul tanpa angka
        b = BarisAnggaran(kode=kd, nama=nama if kd is not None else "Jumlah")
        if bernama:
            b.nama, b.tanpa_kode = nama_baris, tingkat_nama
        for jenis, s_ in zip(urutan, sel, strict=False):
            setattr(b, jenis, s_)
        if ind_nama and kd is not None:
            m = satuan_dalam_nama and re.match(r"^(.*\S)\s*\(([^()]{1,40})\)$", ind_nama)
            bi = BarisIndikator(
                nama=m.group(1) if m else ind_nama,
                satuan=satuan or (m.group(2) if m else ""),
                tahun=_tahun_tabel(t),
            )
            for jenis, s_ in zip(urutan_ind, ind_sel, strict=False):
                setattr(bi, jenis, s_)
            b.indikator = bi
        p.baris.append(b)
    return p


_EFISIENSI = [
    # atribut, pilihan kata (salah satu cocok; salinan laporan kerap salah eja), kata terlarang
    ("capaian_output", (("output",),), ("rencana",)),
    ("capaian_input", (("input",), ("infut",)), ("rencana",)),
    ("indeks_efisiensi", (("indeks",),), ()),
    ("rencana_output", (("rencana", "output"),), ()),
    ("rencana_input", (("rencana", "input"), ("rencana", "infut")), ()),
    ("standar_efisiensi", (("standar",),), ()),
    ("tingkat_efisiensi", (("tingkat",),), ()),
    ("kesimpulan", (("kesimpulan",), ("analisis",)), ()),
]


def _efisiensi(t: Tabel, k: Kepala) -> Pengenalan:
    """Baris efisiensi berkode, atau bernama saja (kodenya dicari di susunan program oleh draf)."""
    p = Pengenalan("efisiensi", t)
    i_kode = k.kolom("kode")
    kolom = {}
    for atribut, pilihan, tidak in _EFISIENSI:
        for kata in pilihan:
            i = k.kolom(*kata, tidak=tidak)
            if i is not None and i != i_kode and i not in kolom.values():
                kolom[atribut] = i
                break
    i_nama = (i_kode + 1) if i_kode is not None else (k.kolom("program") or 1)
    for n, row in enumerate(t.sel[k.baris :], k.baris + 1):
        kd = kode(_teks(row, i_kode)) if i_kode is not None else kode(_teks(row, i_nama))
        nama = re.sub(r"<[^>]+>", "", _teks(row, i_nama)).strip()
        b = BarisEfisiensi(kd, nama)
        for atribut, i in kolom.items():
            s = _sel(row, i, t, n, teks=atribut == "kesimpulan")
            if s is not None:
                b.kolom[atribut] = s
        if not any(a != "kesimpulan" for a in b.kolom):
            continue  # baris judul (mis. nama urusan) tanpa angka
        if kd is None and not nama:
            p.tidak_terbaca.append(f"{t.lokasi}, baris {n}: {' | '.join(row)}")
            continue
        p.baris.append(b)
    return p
