"""Format berkas OPD-tahun (``sakip/opd-tahun``): tetapan, medan indikator yang dipertukarkan,
pembaca indikator dan anggaran, dan catatan yang dibawa antarbagian berkas."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sakip.core.aggregation import Agregasi
from sakip.core.capaian import Polaritas
from sakip.planning.models import MEDAN_INDIKATOR

from .dasar import Konteks, kondisi_awal, nilai_target

FORMAT_NAME = "sakip/opd-tahun"
FORMAT_VERSION = 1
JENIS_PEMDA = ("provinsi", "kabupaten", "kota")
PERIODE = ("tw1", "tw2", "tw3", "tw4", "tahunan")
OBJEK_PREFIX = (
    "indikator",
    "anggaran",
    "efisiensi",
    "hitungan",
    "seri",
    "renstra",
    "teks",
    "program",
    "kegiatan",
    "sub_kegiatan",
    "penilaian",
)

# kunci YAML indikator OPD: medan modelnya (satu daftar, planning.models) dan rinciannya
INDIKATOR_KEYS = {
    "kode",
    "target",
    "realisasi",
    "sama_dengan",
    "berhenti",
    *(m for m in MEDAN_INDIKATOR if m != "kondisi_awal_tahun"),
}


def berhenti(ctx: Konteks, m, path: str) -> dict:
    """``berhenti: {tahun, alasan}`` — unsur yang tidak dipakai lagi mulai tahun itu
    (:mod:`sakip.planning.models_berhenti`)."""
    b = m.get("berhenti")
    if b is None:
        return {"berhenti_tahun": None, "alasan_berhenti": ""}
    bp = f"{path} › berhenti"
    b = ctx.mapping(b, bp)
    if b is None:
        return {"berhenti_tahun": None, "alasan_berhenti": ""}
    ctx.unknown_keys(b, {"tahun", "alasan"}, bp)
    return {
        "berhenti_tahun": ctx.year(b.get("tahun"), f"{bp} › tahun", b),
        "alasan_berhenti": ctx.text(b, "alasan", bp, required=True),
    }


def _indikator(ctx: Konteks, m, path: str, auto_kode: str | None, seen: dict) -> dict | None:
    m = ctx.mapping(m, path)
    if m is None:
        return None
    ctx.unknown_keys(m, INDIKATOR_KEYS, path)
    kode = ctx.text(m, "kode", path)
    explicit = bool(kode)
    if not kode:
        if auto_kode is None:
            ctx.err(
                f"{path} › kode",
                "wajib diisi (pemiliknya tidak berkode, jadi kode tidak dapat dibuat otomatis)",
                m,
            )
            return None
        kode = auto_kode
    nama = ctx.text(m, "nama", path, required=True)
    path = f"{path} ({kode})"
    if kode in seen:
        ctx.err(path, f"kode indikator '{kode}' dipakai dua kali (juga pada baris {seen[kode]})", m)
    seen[kode] = getattr(m, "line", 0)
    pembilang = ctx.text(m, "pembilang", path)
    penyebut = ctx.text(m, "penyebut", path)
    if bool(pembilang) != bool(penyebut):
        ctx.err(path, "indikator rumus harus punya 'pembilang' dan 'penyebut' sekaligus", m)
    item = {
        "kode": kode,
        "kode_eksplisit": explicit,
        "nama": nama,
        "satuan": ctx.text(m, "satuan", path),
        "iku": ctx.boolean(m, "iku", path),
        "polaritas": ctx.choice(m, "polaritas", path, [p.value for p in Polaritas], "naik"),
        "agregasi": ctx.choice(m, "agregasi", path, [a.value for a in Agregasi], "terakhir"),
        "formula": ctx.text(m, "formula", path),
        "pembilang": pembilang,
        "penyebut": penyebut,
        "pengali": ctx.number(m, "pengali", path) or Decimal(100),
        "sumber_data": ctx.text(m, "sumber_data", path),
        "penanggung_jawab": ctx.text(m, "penanggung_jawab", path),
        "kondisi_awal": None,
        "kondisi_awal_tahun": None,
        "kondisi_akhir": ctx.number(m, "kondisi_akhir", path),
        "batas_bawah": ctx.number(m, "batas_bawah", path),
        "batas_atas": ctx.number(m, "batas_atas", path),
        "catatan": ctx.text(m, "catatan", path),
        "sama_dengan": ctx.text(m, "sama_dengan", path),
        **berhenti(ctx, m, path),
        "target": {},
        "realisasi": [],
    }
    if item["sama_dengan"]:
        st_links = getattr(ctx, "sama_dengan", None)
        if st_links is None:
            st_links = ctx.sama_dengan = []
        st_links.append((kode, item["sama_dengan"], path, m))
    if None not in (item["batas_bawah"], item["batas_atas"]) and (
        item["batas_bawah"] > item["batas_atas"]
    ):
        ctx.err(f"{path} › batas_atas", "batas atas lebih kecil dari batas bawah", m)
    if item["pengali"] is not None and item["pengali"] <= 0:
        ctx.err(f"{path} › pengali", "harus lebih besar dari nol", m)
    item["kondisi_awal"], item["kondisi_awal_tahun"] = kondisi_awal(ctx, m, path)
    targets = m.get("target")
    if targets is not None:
        if not isinstance(targets, dict):
            ctx.err(f"{path} › target", "tulis sebagai tahun: nilai, mis. 2022: 87", m)
        else:
            for year, value in targets.items():
                y = ctx.year(year, f"{path} › target", targets)
                t = nilai_target(ctx, value, f"{path} › target › {year}", targets)
                if y is not None and t is not None:
                    item["target"][y] = t
    for i, r in enumerate(ctx.seq(m, "realisasi", path), 1):
        rp = f"{path} › realisasi ke-{i}"
        r = ctx.mapping(r, rp)
        if r is None:
            continue
        ctx.unknown_keys(
            r, {"tahun", "periode", "nilai", "pembilang", "penyebut", "catatan", "bukti"}, rp
        )
        rec = {
            "tahun": ctx.year(r.get("tahun"), f"{rp} › tahun", r),
            "periode": ctx.choice(r, "periode", rp, PERIODE, "tahunan"),
            "nilai": ctx.number(r, "nilai", rp),
            "pembilang": ctx.number(r, "pembilang", rp, minimum=Decimal(0)),
            "penyebut": ctx.number(r, "penyebut", rp, minimum=Decimal(0)),
            "catatan": ctx.text(r, "catatan", rp),
            "bukti": ctx.text(r, "bukti", rp),
        }
        has_counts = "pembilang" in r or "penyebut" in r
        if has_counts and ("pembilang" not in r or "penyebut" not in r):
            ctx.err(rp, "pembilang dan penyebut harus diisi bersama", r)
        if has_counts and "nilai" in r:
            ctx.err(
                rp,
                "isi 'nilai' ATAU 'pembilang'+'penyebut', tidak keduanya: persentase diturunkan dari hitungan",
                r,
            )
        if has_counts and not pembilang:
            ctx.err(rp, "indikator ini tidak punya rumus pembilang/penyebut; isi 'nilai'", r)
        if not has_counts and "nilai" not in r:
            ctx.err(rp, "isi 'nilai', atau 'pembilang' dan 'penyebut'", r)
        key = (rec["tahun"], rec["periode"])
        if any((x["tahun"], x["periode"]) == key for x in item["realisasi"]):
            ctx.err(rp, f"realisasi {rec['periode']} {rec['tahun']} ditulis dua kali", r)
        item["realisasi"].append(rec)
    return item


def _anggaran(ctx: Konteks, m, path: str) -> dict | None:
    if m is None:
        return None
    m = ctx.mapping(m, path)
    if m is None:
        return None
    ctx.unknown_keys(m, {"pagu", "realisasi", "catatan", "triwulan"}, path)
    out = {
        "pagu": ctx.number(m, "pagu", path, required=True, minimum=Decimal(0)),
        "realisasi": ctx.number(m, "realisasi", path, minimum=Decimal(0)) or Decimal(0),
        "catatan": ctx.text(m, "catatan", path),
        "triwulan": {},
    }
    tw = m.get("triwulan")
    if tw is not None:
        if not isinstance(tw, dict):
            ctx.err(f"{path} › triwulan", "tulis sebagai nomor triwulan: {pagu, realisasi}", m)
        else:
            for k, v in tw.items():
                tp = f"{path} › triwulan {k}"
                if str(k) not in {"1", "2", "3", "4"}:
                    ctx.err(tp, "triwulan harus 1, 2, 3 atau 4", tw)
                    continue
                v = ctx.mapping(v, tp)
                if v is None:
                    continue
                out["triwulan"][int(k)] = {
                    "pagu": ctx.number(v, "pagu", tp, minimum=Decimal(0)) or Decimal(0),
                    "realisasi": ctx.number(v, "realisasi", tp, minimum=Decimal(0)) or Decimal(0),
                }
    return out


@dataclass
class _Bersama:
    """Yang dikumpulkan satu bagian berkas dan dirujuk bagian sesudahnya."""

    bidang_known: set[str] = field(default_factory=set)  # kode bidang urusan OPD
    indikator_seen: dict[str, int] = field(default_factory=dict)  # kode indikator → baris
    sasaran_codes: set[str] = field(default_factory=set)
    program_codes: set[str] = field(default_factory=set)
    kegiatan_codes: set[str] = field(default_factory=set)
    sub_kegiatan_codes: set[str] = field(default_factory=set)
