"""Angka yang terbit: cuplikan data saat LKjIP/PK disetujui, evaluasi final, LKjIP Pemda terbit.

Cuplikan berisi teks dan angka desimal sebagai teks (tepat, tanpa pembulatan biner), bukan objek
basis data: yang terbit tidak ikut berubah bila datanya dikoreksi sesudahnya."""

from __future__ import annotations

from decimal import Decimal

from sakip.budget.services import rekap_anggaran
from sakip.evaluation import services as evaluasi_services
from sakip.evaluation.models import Evaluasi
from sakip.measurement.services import pengukuran
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.planning.models import PerjanjianKinerja
from sakip.reporting.pohon import bangun_pohon

SASARAN = ("tujuan", "sasaran")


def _d(x, tempat: int | None = None) -> str | None:
    """Desimal sebagai teks tepat ("721", "61.94"), tanpa notasi eksponen."""
    if x is None:
        return None
    x = Decimal(x)
    if tempat is not None:
        x = round(x, tempat)
    s = format(x, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def _pemilik(ind) -> str:
    """Sasaran/tujuan (uraian) atau program/kegiatan (nama) pemilik indikator."""
    p = ind.pemilik
    return str(getattr(p, "uraian", None) or getattr(p, "nama", "")) if p is not None else ""


def lkjip(opd: PerangkatDaerah, tahun: int) -> dict:
    """Indikator tujuan/sasaran (tabel capaian LKjIP) dan ringkasan anggaran per program."""
    baris = []
    for r in pengukuran(opd, tahun):
        ind = r.indikator
        if ind.tingkat not in SASARAN:
            continue
        baris.append(
            {
                "kode": ind.kode,
                "tingkat": ind.tingkat,
                "unsur": _pemilik(ind),
                "nama": ind.nama,
                "iku": bool(ind.iku),
                "satuan": ind.satuan,
                "target": _d(r.target.bawah) if r.target else None,
                "target_atas": _d(r.target.atas) if r.target and r.target.atas else None,
                "realisasi": _d(r.realisasi, 4),
                "capaian": _d(r.capaian.nilai, 2),
                "predikat": r.predikat.label if r.predikat else None,
                "keterangan": r.capaian.alasan or "",
            }
        )
    rekap = rekap_anggaran(opd, tahun)
    program = [
        {
            "kode": n.kode,
            "nama": n.nama,
            "pagu": _d(n.jumlah.pagu),
            "realisasi": _d(n.jumlah.realisasi),
            "serapan": _d(n.jumlah.serapan.nilai, 2),
        }
        for n in rekap.iter()
        if n.tingkat == "program"
    ]
    return {
        "indikator": baris,
        "anggaran": {
            "pagu": _d(rekap.jumlah.pagu),
            "realisasi": _d(rekap.jumlah.realisasi),
            "serapan": _d(rekap.jumlah.serapan.nilai, 2),
        },
        "program": program,
    }


def pk(p: PerjanjianKinerja) -> dict:
    """Sasaran, indikator dan target PK Kepala OPD, dan pagu programnya."""
    indikator = []
    for i in p.indikator.select_related(
        "indikator__sasaran", "indikator__tujuan", "indikator__program"
    ).order_by("urutan", "pk"):
        indikator.append(
            {
                "kode": i.indikator.kode,
                "unsur": _pemilik(i.indikator),
                "nama": i.indikator.nama,
                "satuan": i.indikator.satuan,
                "target": _d(i.target),
                "target_atas": _d(i.target_atas),
            }
        )
    anggaran = [
        {"kode": a.program.kode, "nama": a.program.nama, "pagu": _d(a.pagu)}
        for a in p.anggaran.select_related("program").order_by("program__kode")
    ]
    return {
        "jenis": p.get_jenis_display(),
        "tanggal": p.tanggal.isoformat() if p.tanggal else None,
        "pihak_pertama": p.pihak_pertama_nama,
        "pihak_pertama_jabatan": p.pihak_pertama_jabatan,
        "pihak_kedua": p.pihak_kedua_nama,
        "pihak_kedua_jabatan": p.pihak_kedua_jabatan,
        "alasan_perubahan": p.alasan_perubahan,
        "indikator": indikator,
        "anggaran": anggaran,
    }


def evaluasi(ev: Evaluasi) -> dict:
    """Nilai akhir, predikat dan nilai per komponen (tanpa catatan per kriteria)."""
    h = evaluasi_services.hasil(ev)
    return {
        "nilai": _d(h.nilai, 2),
        "predikat": h.predikat.predikat,
        "uraian_predikat": h.predikat.uraian,
        "nomor_lhe": ev.nomor_lhe,
        "tanggal_lhe": ev.tanggal_lhe.isoformat() if ev.tanggal_lhe else None,
        "ringkasan": ev.ringkasan,
        "komponen": [
            {
                "kode": k.komponen.kode,
                "nama": k.komponen.nama,
                "bobot": _d(k.komponen.bobot),
                "nilai": _d(k.nilai, 2),
            }
            for k in h.komponen
        ],
    }


def lkjip_pemda(pemda: Pemda, tahun: int) -> dict:
    """Capaian indikator kinerja utama daerah (RPJMD/RPD) tahun itu."""
    pohon = bangun_pohon(pemda, tahun)
    baris = [
        {
            "kode": getattr(ind, "kode", "") or "",
            "nama": ind.nama,
            "iku": True,
            "satuan": ind.satuan,
            "target": _d(b.target),
            "realisasi": _d(b.realisasi, 4),
            "capaian": _d(b.capaian.nilai, 2),
            "predikat": b.predikat.label if b.predikat else None,
            "keterangan": b.capaian.alasan or "",
        }
        for ind, b in pohon.indikator_rpjmd
    ]
    return {"rpjmd": str(pohon.rpjmd) if pohon.rpjmd else "", "indikator": baris}
