"""Perjanjian Kinerja Kepala Daerah: sasaran, indikator dan target RPJMD tahun itu, dan program OPD
yang mendukung setiap sasaran dengan anggarannya — dihitung dari pohon kinerja dan pagu OPD."""

from __future__ import annotations

from decimal import Decimal

from sakip.documents.document import Tabel, angka
from sakip.reporting.pohon import PohonPemda, SimpulPohon

from .konteks import n, rp


def tabel_pk_kepala_daerah(pohon: PohonPemda) -> Tabel:
    baris = []
    no = 0
    for ind, b in pohon.indikator_rpjmd:
        if not ind.iku:
            continue
        no += 1
        owner = ind.sasaran.uraian if ind.sasaran_id else ind.tujuan.uraian
        baris.append([str(no), owner, ind.nama, angka(n(b.target)), ind.satuan])
    return Tabel.buat(
        f"Perjanjian Kinerja {pohon.pemda.jabatan_kepala_daerah or 'Kepala Daerah'} Tahun {pohon.tahun}",
        ["No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Satuan"],
        baris or [["", "Belum ada indikator kinerja daerah", "", "", ""]],
    )


def program_kepala_daerah(pohon: PohonPemda) -> list[tuple[SimpulPohon, SimpulPohon]]:
    """(sasaran RPJMD, program OPD) yang mendukungnya menurut pohon kinerja, sekali per program
    per OPD (program yang mendukung dua sasaran disebut di sasaran pertamanya)."""
    out: list[tuple[SimpulPohon, SimpulPohon]] = []
    sudah: set[tuple[int | None, str]] = set()
    if pohon.akar is None:
        return out
    for sas in (x for x in pohon.akar.iter() if x.jenis == "sasaran_rpjmd"):
        for node in sas.iter():
            if node.jenis != "program":
                continue
            kunci = (getattr(node.obj, "opd_id", None), node.kode)
            if kunci not in sudah:
                sudah.add(kunci)
                out.append((sas, node))
    return out


def _opd(prog: SimpulPohon) -> str:
    """Perangkat Daerah pemilik program (singkatannya bila ada)."""
    o = getattr(prog.obj, "opd", None) or prog.opd
    return (o.singkatan or o.nama) if o is not None else ""


def tabel_program_kepala_daerah(pohon: PohonPemda) -> Tabel:
    """Program dan anggaran PK Kepala Daerah: program OPD yang mendukung setiap sasaran RPJMD, dengan
    pagunya dari anggaran OPD itu (dihitung, bukan ditulis ulang)."""
    baris, tebal = [], set()
    total = Decimal(0)
    no = 0
    for sas, prog in program_kepala_daerah(pohon):
        no += 1
        pagu = prog.anggaran.pagu if prog.anggaran else Decimal(0)
        total += pagu
        baris.append(
            [
                str(no),
                f"{sas.kode} {sas.nama}".strip(),
                f"{prog.kode} {prog.nama}".strip(),
                _opd(prog),
                angka(rp(pagu)),
            ]
        )
    if not baris:
        baris = [["", "Belum ada program OPD yang ditautkan ke sasaran RPJMD", "", "", ""]]
    else:
        baris.append(["", "", "Jumlah", "", angka(rp(total))])
        tebal.add(len(baris) - 1)
    jab = pohon.pemda.jabatan_kepala_daerah or "Kepala Daerah"
    return Tabel.buat(
        f"Program dan Anggaran Perjanjian Kinerja {jab} Tahun {pohon.tahun}",
        ["No", "Sasaran Strategis", "Program", "Perangkat Daerah", "Anggaran (Rp)"],
        baris,
        baris_tebal=tebal,
        sumber="Pohon kinerja (sasaran RPJMD → tujuan/sasaran OPD → program) dan pagu anggaran OPD",
    )
