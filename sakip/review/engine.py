"""Mesin reviu: menjalankan aturan (data, di :mod:`sakip.review.rules`) atas satu OPD-tahun.

Setiap :class:`~sakip.review.rules.dasar.Aturan` punya id, kategori, tingkat (kritis / peringatan /
info), judul, templat pesan berbahasa Indonesia dan fungsi pemeriksa. Fungsi pemeriksa membaca
:class:`~sakip.review.rules.dasar.Konteks` (data OPD-tahun dan nilai tercetak laporannya) dan
menghasilkan Temuan yang menyebut apa yang tercetak, apa kata data, dan di mana.

Prinsip: ketepatan sebelum kelengkapan. Angka dibandingkan pada ketelitian yang dicetak;
selisih karena pemotongan atau pembulatan dilaporkan dengan aturan tersendiri yang lebih ringan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sakip.organisations.models import PerangkatDaerah

from .rules.dasar import URUTAN_TINGKAT, Aturan, Konteks, Temuan
from .rules.selaras import KonteksPemda
from .rules.tabel import ATURAN, ATURAN_PEMDA


def jalankan(ctx: Konteks, aturan: Iterable[Aturan] = ATURAN) -> list[Temuan]:
    """Jalankan semua aturan; temuan diurutkan menurut tingkat lalu id aturan. Akibat dilaporkan
    sekali: temuan yang hanya akibat temuan lain di baris yang sama disebut di temuan sebabnya."""
    aturan = list(aturan)
    found: list[Temuan] = []
    seen = set()
    for a in aturan:
        for t in a.fungsi(ctx, a):
            key = (t.aturan, t.lokasi, t.objek, t.tercetak)
            if key not in seen:
                seen.add(key)
                found.append(t)
    found = gabung_akibat(found, {a.id: a for a in aturan})
    found = gabung_tempat(found)
    found.sort(key=lambda t: (URUTAN_TINGKAT[t.tingkat], t.aturan))
    return found


def gabung_akibat(found: list[Temuan], aturan: dict[str, Aturan]) -> list[Temuan]:
    """Temuan aturan ber-``akibat_dari`` yang sebabnya ditemukan di baris yang sama (lokasi dan
    objek sama) tidak berdiri sendiri: kalimatnya ditambahkan ke temuan sebab."""
    sebab_di: dict[tuple[str, str, str], int] = {}
    out: list[Temuan] = []
    akibat: list[Temuan] = []
    for t in found:
        if aturan.get(t.aturan) is not None and aturan[t.aturan].akibat_dari:
            akibat.append(t)
            continue
        sebab_di.setdefault((t.aturan, t.lokasi, t.objek), len(out))
        out.append(t)
    for t in akibat:
        i = next(
            (
                sebab_di[(s, t.lokasi, t.objek)]
                for s in aturan[t.aturan].akibat_dari
                if (s, t.lokasi, t.objek) in sebab_di
            ),
            None,
        )
        if i is None:
            out.append(t)
            continue
        judul = t.judul[:1].lower() + t.judul[1:]
        nilai = f"tercetak {t.tercetak}" + (f", dari data {t.dihitung}" if t.dihitung else "")
        out[i] = replace(
            out[i],
            pesan=f"{out[i].pesan} Akibatnya juga ({t.aturan}, tidak dilaporkan terpisah): "
            f"{judul} — {nilai}.",
        )
    return out


def gabung_tempat(found: list[Temuan]) -> list[Temuan]:
    """Satu kesalahan, satu temuan: angka salah yang sama (aturan, objek, tercetak dan menurut data
    sama) yang tercetak di beberapa tempat dilaporkan sekali, dengan setiap tempatnya."""
    kelompok: dict[tuple[str, str, str, str], list[Temuan]] = {}
    for t in found:
        kelompok.setdefault((t.aturan, t.objek, t.tercetak, t.dihitung), []).append(t)
    out = []
    for t in found:
        sama = kelompok[(t.aturan, t.objek, t.tercetak, t.dihitung)]
        if len(sama) == 1:
            out.append(t)
        elif sama[0] is t:
            tempat = list(dict.fromkeys(x.lokasi for x in sama))
            lain = "; ".join(tempat[1:])
            out.append(
                replace(
                    t,
                    lokasi="; ".join(tempat),
                    pesan=f"{t.pesan} Angka yang sama tercetak juga di: {lain} "
                    f"({len(tempat)} tempat, satu temuan).",
                )
            )
    return out


def reviu_opd(opd: PerangkatDaerah, tahun: int) -> list[Temuan]:
    return jalankan(Konteks(opd, tahun))


def reviu_pemda(pemda, tahun: int) -> list[Temuan]:
    """Aturan tingkat Pemda (keselarasan RPJMD) atas satu Pemda-tahun."""
    return jalankan(KonteksPemda(pemda, tahun), ATURAN_PEMDA)
