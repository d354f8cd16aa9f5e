"""Ekspor DPA bergaya SIPD dari data seed (pagu dan realisasi sub kegiatan LKjIP Klungkung 2024):
baris judul dokumen, baris judul kolom, lalu baris bidang, program, kegiatan (berjumlah) dan sub
kegiatan berkode empat angka, seperti ekspor aplikasi keuangan daerah."""

from __future__ import annotations

import io
from decimal import Decimal

import yaml
from openpyxl import Workbook

from sakip.paths import SEEDS_DIR

JUDUL = ["Kode", "Uraian", "Anggaran Sebelum Perubahan", "Anggaran Setelah Perubahan", "Realisasi"]


def _kode4(kode: str) -> str:
    b = kode.split(".")
    return ".".join(b[:-1] + [f"{int(b[-1]):04d}"])


def baris_seed(nama: str = "klungkung-2024.yaml") -> list[tuple[str, str, Decimal, Decimal]]:
    """(kode, uraian, pagu, realisasi) setiap sub kegiatan berpagu di seed."""
    d = yaml.safe_load((SEEDS_DIR / nama).read_text(encoding="utf-8"))
    out = []
    for p in d["program"]:
        for k in p.get("kegiatan") or []:
            for s in k.get("sub_kegiatan") or []:
                a = s.get("anggaran")
                if a:
                    out.append(
                        (
                            s["kode"],
                            s["nama"],
                            Decimal(str(a["pagu"])),
                            Decimal(str(a["realisasi"])),
                        )
                    )
    return out


def buku_dpa(murni=None, judul=JUDUL, csv: bool = False) -> bytes:
    """Buku kerja (atau CSV ;) ekspor DPA. ``murni(kode, pagu)`` memberi pagu sebelum perubahan
    (bawaan: sama dengan pagu setelah perubahan)."""
    rows = [
        ["PEMERINTAH KABUPATEN KLUNGKUNG"],
        ["DOKUMEN PELAKSANAAN PERUBAHAN ANGGARAN 2024"],
        [],
        judul,
    ]
    sub = baris_seed()
    prog, keg = {}, {}
    for kode, _, pagu, real in sub:
        b = kode.split(".")
        for tabel, kunci in ((prog, ".".join(b[:3])), (keg, ".".join(b[:5]))):
            s = tabel.setdefault(kunci, [Decimal(0), Decimal(0)])
            s[0] += pagu
            s[1] += real
    rows.append(["2.07", "URUSAN PEMERINTAHAN BIDANG TENAGA KERJA", None, None, None])
    dilihat = set()
    for kode, nama, pagu, real in sub:
        b = kode.split(".")
        p, k = ".".join(b[:3]), ".".join(b[:5])
        if p not in dilihat:
            dilihat.add(p)
            rows.append([p, "Program", prog[p][0], prog[p][0], prog[p][1]])
        if k not in dilihat:
            dilihat.add(k)
            rows.append([k, "Kegiatan", keg[k][0], keg[k][0], keg[k][1]])
        m = murni(kode, pagu) if murni else pagu
        rows.append([_kode4(kode), nama, m, pagu, real])
    if csv:
        teks = "\n".join(
            ";".join("" if v is None else str(v).replace(";", ",") for v in r) for r in rows
        )
        return teks.encode("utf-8")
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
