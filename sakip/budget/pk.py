"""Anggaran dalam Perjanjian Kinerja jabatan (eselon III/IV), dari pagu tahun itu: penerima sinyal
``planning.sinyal.pk_jabatan_dibuat``."""

from __future__ import annotations

from sakip.planning.models import Kegiatan, PKAnggaran, Program, SubKegiatan
from sakip.planning.models_berhenti import q_aktif

from .services import rekap_anggaran


def isi_anggaran_pk_jabatan(sender, pk, indikator, **kwargs) -> None:
    """Anggaran PK eselon III/IV: setiap program, kegiatan atau sub kegiatan yang ditugaskan
    langsung kepada jabatan itu, dengan pagunya tahun itu (dari data anggaran; dihitung, bukan
    diketik) — Kepala Bidang biasanya per program atau kegiatan, Kepala Seksi per kegiatan atau
    sub kegiatan. Unsur yang induknya sudah tercantum dalam PK yang sama tidak diulang; unsur
    tanpa kode atau tanpa anggaran tahun itu tidak dicantumkan."""
    jabatan, opd, tahun = pk.jabatan, pk.opd, pk.tahun
    if jabatan is None:
        return
    unsur: dict[str, tuple[Program, Kegiatan | None, SubKegiatan | None]] = {}
    for p in Program.objects.filter(q_aktif("program", tahun), opd=opd, jabatan=jabatan):
        unsur[p.kode] = (p, None, None)
    for k in Kegiatan.objects.filter(
        q_aktif("kegiatan", tahun), program__opd=opd, jabatan=jabatan
    ).select_related("program"):
        unsur[k.kode] = (k.program, k, None)
    for s in SubKegiatan.objects.filter(
        q_aktif("sub_kegiatan", tahun), kegiatan__program__opd=opd, jabatan=jabatan
    ).select_related("kegiatan__program"):
        if s.kode:
            unsur[s.kode] = (s.kegiatan.program, s.kegiatan, s)
    rekap = rekap_anggaran(opd, tahun)
    rows = []
    for kode in sorted(unsur):
        if not kode or any(kode.startswith(lain + ".") for lain in unsur if lain != kode):
            continue  # induknya sudah dianggarkan dalam PK ini
        node = rekap.cari(kode)
        if node is None or not node.ada_data:
            continue
        prog, keg, sub = unsur[kode]
        rows.append(
            PKAnggaran(
                perjanjian=pk, program=prog, kegiatan=keg, sub_kegiatan=sub, pagu=node.jumlah.pagu
            )
        )
    PKAnggaran.objects.bulk_create(rows)
