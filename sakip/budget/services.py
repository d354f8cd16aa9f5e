"""Rekap anggaran berjenjang: sub kegiatan → kegiatan → program → bidang urusan → urusan → OPD.

Jumlah setiap tingkat dihitung dari baris terendah yang tersimpan (sub kegiatan, atau kegiatan
bila sumbernya tidak merinci sub kegiatan), dengan Decimal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sakip.core.anggaran import NOL, JumlahAnggaran
from sakip.organisations.models import PerangkatDaerah, Urusan
from sakip.planning.models import Kegiatan, Program, SubKegiatan
from sakip.planning.models_berhenti import q_aktif

from .models import Anggaran


@dataclass
class Simpul:
    tingkat: str  # opd, urusan, bidang, program, kegiatan, sub_kegiatan
    kode: str
    nama: str
    jumlah: JumlahAnggaran = NOL
    anak: list[Simpul] = field(default_factory=list)
    obj: object = None
    ada_data: bool = False  # ada baris anggaran pada simpul ini atau di bawahnya

    def iter(self):
        yield self
        for a in self.anak:
            yield from a.iter()

    def cari(self, kode: str) -> Simpul | None:
        return next((s for s in self.iter() if s.kode == kode), None)


def rekap_anggaran(opd: PerangkatDaerah, tahun: int) -> Simpul:
    rows = Anggaran.objects.filter(opd=opd, tahun=tahun, triwulan__isnull=True)
    by_sub: dict[int, JumlahAnggaran] = {}
    by_keg: dict[int, JumlahAnggaran] = {}
    for a in rows:
        j = JumlahAnggaran(a.pagu, a.realisasi)
        if a.sub_kegiatan_id:
            by_sub[a.sub_kegiatan_id] = by_sub.get(a.sub_kegiatan_id, NOL) + j
        elif a.kegiatan_id:
            by_keg[a.kegiatan_id] = by_keg.get(a.kegiatan_id, NOL) + j

    programs = list(
        Program.objects.filter(q_aktif("program", tahun), opd=opd)
        .select_related("bidang_urusan__induk")
        .order_by("kode")
    )
    kegiatan = list(
        Kegiatan.objects.filter(q_aktif("kegiatan", tahun), program__opd=opd).order_by("kode")
    )
    subs = list(
        SubKegiatan.objects.filter(
            q_aktif("sub_kegiatan", tahun), kegiatan__program__opd=opd
        ).order_by("urutan", "kode")
    )
    subs_by_keg: dict[int, list[SubKegiatan]] = {}
    for s in subs:
        subs_by_keg.setdefault(s.kegiatan_id, []).append(s)
    keg_by_prog: dict[int, list[Kegiatan]] = {}
    for k in kegiatan:
        keg_by_prog.setdefault(k.program_id, []).append(k)

    root = Simpul("opd", "", opd.nama, obj=opd)
    urusan_nodes: dict[str, Simpul] = {}
    bidang_nodes: dict[str, Simpul] = {}
    for p in programs:
        bidang: Urusan = p.bidang_urusan
        induk = bidang.induk
        ukode = induk.kode if induk else bidang.kode.split(".")[0]
        if ukode not in urusan_nodes:
            urusan_nodes[ukode] = Simpul("urusan", ukode, induk.nama if induk else "", obj=induk)
            root.anak.append(urusan_nodes[ukode])
        if bidang.kode not in bidang_nodes:
            bidang_nodes[bidang.kode] = Simpul("bidang", bidang.kode, bidang.nama, obj=bidang)
            urusan_nodes[ukode].anak.append(bidang_nodes[bidang.kode])
        pn = Simpul("program", p.kode, p.nama, obj=p)
        for k in keg_by_prog.get(p.id, []):
            kn = Simpul("kegiatan", k.kode, k.nama, obj=k)
            for s in subs_by_keg.get(k.id, []):
                sn = Simpul(
                    "sub_kegiatan",
                    s.kode,
                    s.nama,
                    by_sub.get(s.id, NOL),
                    obj=s,
                    ada_data=s.id in by_sub,
                )
                kn.anak.append(sn)
            kn.jumlah = by_keg.get(k.id, NOL) + _sum(kn.anak)
            kn.ada_data = k.id in by_keg or any(a.ada_data for a in kn.anak)
            pn.anak.append(kn)
        pn.jumlah = _sum(pn.anak)
        pn.ada_data = any(a.ada_data for a in pn.anak)
        bidang_nodes[bidang.kode].anak.append(pn)
    for b in bidang_nodes.values():
        b.jumlah = _sum(b.anak)
        b.ada_data = any(a.ada_data for a in b.anak)
    for u in urusan_nodes.values():
        u.jumlah = _sum(u.anak)
        u.ada_data = any(a.ada_data for a in u.anak)
    root.jumlah = _sum(root.anak)
    root.ada_data = any(a.ada_data for a in root.anak)
    return root


def _sum(nodes: list[Simpul]) -> JumlahAnggaran:
    total = JumlahAnggaran(Decimal(0), Decimal(0))
    for n in nodes:
        total = total + n.jumlah
    return total
