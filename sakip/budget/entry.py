"""Pengisian anggaran di aplikasi: pagu dan realisasi setahun serta realisasi per triwulan, per baris
anggaran (sub kegiatan, atau kegiatan bila tidak dirinci). Satu transaksi; pesan menyebut barisnya."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from sakip.core.sidik import sidik
from sakip.organisations.models import PerangkatDaerah
from sakip.organisations.permissions import boleh_mengisi
from sakip.planning.models import Kegiatan
from sakip.planning.models_berhenti import q_aktif

from .models import Anggaran


class AnggaranError(ValueError):
    """``galat``: nama medan → pesan; ``terkini``: kunci baris yang sudah diubah orang lain sejak
    formulir dibuka, dengan sidik nilainya kini (agar formulir membawa versi terbaru)."""

    def __init__(self, galat: dict[str, str], terkini: dict[str, str] | None = None):
        self.galat = galat
        self.terkini = terkini or {}
        super().__init__("; ".join(galat.values()))


def sidik_nilai(pagu, real, tw: dict) -> str:
    """Sidik jari satu baris anggaran (pagu, realisasi setahun, TW I–IV) dalam rupiah bulat seperti
    yang ditampilkan formulir. Sama = tidak ada yang berubah."""
    return sidik(pagu, real, *(tw.get(t) for t in (1, 2, 3, 4)), places=0)


def sidik_baris(data: dict) -> str:
    """Sidik baris dari rekaman tersimpan (``data`` = {0: tahunan, 1–4: triwulan})."""
    y = data.get(0)
    return sidik_nilai(
        y.pagu if y else None,
        y.realisasi if y else None,
        {t: data[t].realisasi for t in (1, 2, 3, 4) if t in data},
    )


def _teks_baris(pagu, real) -> str:
    rp = lambda d: "kosong" if d is None else "Rp" + f"{d:,.0f}".replace(",", ".")  # noqa: E731
    return f"pagu {rp(pagu)}, realisasi {rp(real)}"


def baris_anggaran(opd: PerangkatDaerah, tahun: int) -> list[dict]:
    """Baris yang dianggarkan: sub kegiatan, atau kegiatan bila anggarannya di tingkat kegiatan/tanpa sub kegiatan."""
    rows = Anggaran.objects.filter(opd=opd, tahun=tahun)
    by: dict[tuple[str, int | None], dict[int, Anggaran]] = {}
    for a in rows:
        key = ("sub", a.sub_kegiatan_id) if a.sub_kegiatan_id else ("keg", a.kegiatan_id)
        by.setdefault(key, {})[a.triwulan or 0] = a
    out = []
    for k in (
        Kegiatan.objects.filter(program__opd=opd)
        .filter(q_aktif("kegiatan", tahun))  # yang dihentikan tahun ini tidak dianggarkan
        .prefetch_related("sub_kegiatan")
        .select_related("program")
        .order_by("kode")
    ):
        semua = list(k.sub_kegiatan.all())
        subs = [s for s in semua if s.berhenti_tahun is None or s.berhenti_tahun > tahun]
        if ("keg", k.id) in by or not semua:
            out.append(
                {
                    "key": f"keg-{k.id}",
                    "kode": k.kode,
                    "nama": k.nama,
                    "tingkat": "kegiatan",
                    "data": by.get(("keg", k.id), {}),
                }
            )
        else:
            for s in subs:
                out.append(
                    {
                        "key": f"sub-{s.id}",
                        "kode": s.kode,
                        "nama": s.nama,
                        "tingkat": "sub kegiatan",
                        "data": by.get(("sub", s.id), {}),
                    }
                )
    return out


@dataclass(frozen=True)
class IsianBaris:
    """Masukan bertipe satu baris anggaran (kunci baris dari :func:`baris_anggaran`): angka sudah
    dibaca tepinya (formulir halaman). ``sidik``: sidik nilai yang ditampilkan saat dibuka."""

    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    tw: dict[int, Decimal | None] = field(default_factory=dict)
    sidik: str = ""


def kunci(baris: str, medan: str) -> str:
    """Kunci galat satu medan satu baris: ``"pagu:sub-12"``, ``"realisasi:…"``, ``"tw4:…"``."""
    return f"{medan}:{baris}"


@transaction.atomic
def simpan_anggaran(user, opd: PerangkatDaerah, tahun: int, isian: dict[str, IsianBaris]) -> int:
    """Simpan anggaran dari formulir. Konkurensi optimistis: formulir membawa sidik nilai yang
    ditampilkan per baris (``h-KUNCI``); baris yang tidak diubah pengguna tidak ditulis, dan baris
    yang diubah pengguna padahal sudah diubah orang lain sejak dibuka ditolak bersama seluruh
    simpanan, dengan nilai orang lain itu di pesannya."""
    from sakip.audit.models import pengubah_terakhir

    if not boleh_mengisi(user, opd):
        raise AnggaranError({"umum": "Anda tidak berwenang mengisi anggaran OPD ini."})
    # simpanan anggaran satu OPD antre satu per satu: pembacaan di bawah melihat data terbaru
    list(PerangkatDaerah.objects.select_for_update().filter(pk=opd.pk).values_list("pk"))
    galat: dict[str, str] = {}
    konflik: dict[str, str] = {}
    plan = []
    for row in baris_anggaran(opd, tahun):
        label = f"{row['kode']} {row['nama']}".strip()
        k = row["key"]
        b = isian.get(k)
        if b is None:
            continue  # baris yang tidak dikirim tidak disentuh
        pagu, real = b.pagu, b.realisasi
        tw = {t: b.tw.get(t) for t in (1, 2, 3, 4)}
        negatif = {
            kunci(k, medan): f"{nama}: tidak boleh negatif"
            for medan, nilai, nama in [
                ("pagu", pagu, f"Pagu {label}"),
                ("realisasi", real, f"Realisasi setahun {label}"),
                *((f"tw{t}", tw[t], f"Realisasi TW {t} {label}") for t in (1, 2, 3, 4)),
            ]
            if nilai is not None and nilai < 0
        }
        if negatif:
            galat |= negatif
            continue
        total = sum((v for v in tw.values() if v is not None), Decimal(0))
        filled = [v for v in tw.values() if v is not None]
        rp = lambda d: f"{d:,.0f}".replace(",", ".")  # noqa: E731
        if pagu is None and (real is not None or filled):
            galat[kunci(k, "pagu")] = f"Pagu {label} wajib diisi bila realisasi diisi"
        elif pagu is not None and real is not None and real > pagu:
            galat[kunci(k, "realisasi")] = (
                f"Realisasi {label} ({rp(real)}) melebihi pagu ({rp(pagu)})"
            )
        elif real is not None and filled and total > real:
            galat[kunci(k, "tw4")] = (
                f"Jumlah realisasi triwulan {label} ({rp(total)}) melebihi realisasi setahun ({rp(real)})"
            )
        elif real is not None and len(filled) == 4 and total != real:
            galat[kunci(k, "tw4")] = (
                f"Jumlah realisasi TW I–IV {label} ({rp(total)}) tidak sama dengan realisasi setahun ({rp(real)})"
            )
        total = real if real is not None else total
        awal = (b.sidik or "").strip()
        if awal and not re.fullmatch(r"[0-9a-f]{16}", awal):
            galat[kunci(k, "pagu")] = (
                f"Baris {label}: formulir rusak (sidik '{awal[:20]}'); muat ulang halaman lalu isi lagi."
            )
            continue
        if awal:
            mine, kini = sidik_nilai(pagu, real, tw), sidik_baris(row["data"])
            if mine == awal or mine == kini:
                continue  # tidak diubah pengguna, atau sudah sama dengan yang tersimpan
            if kini != awal:
                y = row["data"].get(0)
                oleh = (pengubah_terakhir("budget.Anggaran", y.pk) if y else "") or (
                    "oleh pengguna lain"
                )
                konflik[k] = (
                    f"Anggaran {label} sudah diubah {oleh} menjadi "
                    f"{_teks_baris(y.pagu if y else None, y.realisasi if y else None)} sesudah "
                    f"halaman ini Anda buka. Isian Anda, {_teks_baris(pagu, real)}, belum disimpan. "
                    "Periksa, lalu simpan lagi bila isian Anda benar."
                )
                continue
        plan.append((row, pagu, tw, total))
    if galat:
        raise AnggaranError(galat)
    if konflik:
        terkini = {r["key"]: sidik_baris(r["data"]) for r in baris_anggaran(opd, tahun)}
        raise AnggaranError(
            {kunci(k, "pagu"): m for k, m in konflik.items()}, {k: terkini[k] for k in konflik}
        )
    n = 0
    for row, pagu, tw, total in plan:
        kind, pk = row["key"].split("-")
        owner: dict[str, Any] = (
            {"sub_kegiatan_id": int(pk)} if kind == "sub" else {"kegiatan_id": int(pk)}
        )
        if pagu is None:
            n += Anggaran.objects.filter(opd=opd, tahun=tahun, **owner).delete()[0]
            continue
        Anggaran.objects.update_or_create(
            opd=opd,
            tahun=tahun,
            triwulan=None,
            **owner,
            defaults={"pagu": pagu, "realisasi": total},
        )
        for t, v in tw.items():
            if v is None:
                Anggaran.objects.filter(opd=opd, tahun=tahun, triwulan=t, **owner).delete()
            else:
                Anggaran.objects.update_or_create(
                    opd=opd, tahun=tahun, triwulan=t, **owner, defaults={"pagu": 0, "realisasi": v}
                )
        n += 1
    return n
