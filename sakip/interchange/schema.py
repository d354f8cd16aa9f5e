"""Validasi berkas pertukaran OPD-tahun (format ``sakip/opd-tahun``, versi 1).

:func:`validate` membaca struktur hasil YAML dan menghasilkan dokumen bersih
(dict biasa dengan Decimal), atau mengumpulkan *semua* masalah dengan letaknya
(baris dan jalur) lalu melempar :class:`InvalidDocument`. Tidak ada yang
ditulis ke basis data di sini. Spesifikasi lengkap: ``docs/format-berkas.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from sakip.core.aggregation import Agregasi
from sakip.core.capaian import Polaritas
from sakip.core.kode import KodeError, Tingkat, parse_kode
from sakip.core.numbers import NumberFormatError, to_decimal
from sakip.reporting.models import KUNCI_NARASI

from .yamlio import LDict

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
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Masalah:
    lokasi: str
    pesan: str
    baris: int | None = None

    def __str__(self) -> str:
        where = f"baris {self.baris}, " if self.baris else ""
        return f"{where}{self.lokasi}: {self.pesan}" if self.lokasi else f"{where}{self.pesan}"


class InvalidDocument(ValueError):
    def __init__(self, masalah: list[Masalah]):
        self.masalah = masalah
        super().__init__("\n".join(str(m) for m in masalah))


class _Ctx:
    def __init__(self) -> None:
        self.errors: list[Masalah] = []

    def err(self, path: str, msg: str, node=None) -> None:
        line = getattr(node, "line", None) or None
        self.errors.append(Masalah(path, msg, line))

    # -- scalars -----------------------------------------------------------
    def mapping(self, node, path: str, required: bool = True) -> LDict | None:
        if node is None:
            if required:
                self.err(path, "wajib diisi")
            return None
        if not isinstance(node, dict):
            self.err(path, "harus berupa pasangan kunci: nilai (mapping)", node)
            return None
        return node

    def seq(self, parent: dict, key: str, path: str) -> list:
        node = parent.get(key)
        if node is None:
            return []
        if not isinstance(node, list):
            self.err(f"{path} › {key}", "harus berupa daftar (list)", parent)
            return []
        return node

    def text(self, m: dict, key: str, path: str, required: bool = False, default: str = "") -> str:
        value = m.get(key)
        if value is None or value == "":
            if required:
                self.err(f"{path} › {key}", "wajib diisi", m)
            return default
        if isinstance(value, (dict, list)):
            self.err(f"{path} › {key}", "harus berupa teks", m)
            return default
        if isinstance(value, Decimal):
            return _plain(value)
        return str(value).strip()

    def number(
        self, m: dict, key: str, path: str, required: bool = False, minimum: Decimal | None = None
    ) -> Decimal | None:
        value = m.get(key)
        return self.number_value(value, f"{path} › {key}", m, required, minimum)

    def number_value(
        self, value, path: str, node, required: bool = False, minimum: Decimal | None = None
    ) -> Decimal | None:
        if value is None or value == "":
            if required:
                self.err(path, "wajib diisi", node)
            return None
        if isinstance(value, (dict, list, bool)):
            self.err(path, f"'{value}' bukan angka", node)
            return None
        try:
            d = to_decimal(value)
        except NumberFormatError as exc:
            self.err(path, str(exc), node)
            return None
        if minimum is not None and d < minimum:
            self.err(path, f"tidak boleh kurang dari {minimum} (tertulis {value})", node)
            return None
        return d

    def year(self, value, path: str, node, required: bool = True) -> int | None:
        if value is None:
            if required:
                self.err(path, "tahun wajib diisi", node)
            return None
        if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
            self.err(path, f"'{value}' bukan tahun", node)
            return None
        try:
            y = int(str(value).strip())
        except ValueError:
            self.err(path, f"'{value}' bukan tahun", node)
            return None
        if not 2000 <= y <= 2100:
            self.err(path, f"tahun {y} di luar rentang 2000–2100", node)
            return None
        return y

    def choice(
        self, m: dict, key: str, path: str, options, default: str | None = None
    ) -> str | None:
        value = m.get(key, default)
        if value is None:
            return None
        if str(value) not in options:
            self.err(
                f"{path} › {key}", f"'{value}' tidak dikenal; pilihan: {', '.join(options)}", m
            )
            return default
        return str(value)

    def boolean(self, m: dict, key: str, path: str, default: bool = False) -> bool:
        value = m.get(key, default)
        if not isinstance(value, bool):
            self.err(f"{path} › {key}", "harus true atau false", m)
            return default
        return value

    def date(self, m: dict, key: str, path: str) -> dt.date | None:
        value = m.get(key)
        if value in (None, ""):
            return None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.err(
                f"{path} › {key}", f"'{value}' bukan tanggal (tulis TTTT-BB-HH, mis. 2025-01-23)", m
            )
            return None

    def unknown_keys(self, m: dict, allowed: set[str], path: str) -> None:
        for key in m:
            if key not in allowed:
                self.err(path, f"kunci '{key}' tidak dikenal", m)

    def kode(self, m: dict, key: str, path: str, tingkat: Tingkat, required: bool = True):
        value = m.get(key)
        if value in (None, ""):
            if required:
                self.err(f"{path} › {key}", "kode wajib diisi", m)
            return None
        try:
            return parse_kode(str(value), harus=tingkat)
        except KodeError as exc:
            self.err(f"{path} › {key}", str(exc), m)
            return None


# ---------------------------------------------------------------------------

INDIKATOR_KEYS = {
    "kode",
    "nama",
    "satuan",
    "iku",
    "polaritas",
    "agregasi",
    "formula",
    "pembilang",
    "penyebut",
    "pengali",
    "sumber_data",
    "penanggung_jawab",
    "kondisi_awal",
    "kondisi_akhir",
    "target",
    "realisasi",
    "catatan",
    "sama_dengan",
}


def _target_value(ctx: _Ctx, value, path: str, node):
    """Target tunggal atau rentang [bawah, atas]."""
    if isinstance(value, list):
        if len(value) != 2:
            ctx.err(path, "target rentang ditulis [batas bawah, batas atas]", node)
            return None
        lo = ctx.number_value(value[0], path + " (batas bawah)", node, required=True)
        hi = ctx.number_value(value[1], path + " (batas atas)", node, required=True)
        if lo is None or hi is None:
            return None
        if hi < lo:
            ctx.err(path, f"batas atas {hi} lebih kecil dari batas bawah {lo}", node)
            return None
        return {"nilai": lo, "nilai_atas": hi}
    n = ctx.number_value(value, path, node, required=True)
    return None if n is None else {"nilai": n, "nilai_atas": None}


def _indikator(ctx: _Ctx, m, path: str, auto_kode: str | None, seen: dict) -> dict | None:
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
        "catatan": ctx.text(m, "catatan", path),
        "sama_dengan": ctx.text(m, "sama_dengan", path),
        "target": {},
        "realisasi": [],
    }
    if item["sama_dengan"]:
        st_links = getattr(ctx, "sama_dengan", None)
        if st_links is None:
            st_links = ctx.sama_dengan = []
        st_links.append((kode, item["sama_dengan"], path, m))
    if item["pengali"] is not None and item["pengali"] <= 0:
        ctx.err(f"{path} › pengali", "harus lebih besar dari nol", m)
    ka = m.get("kondisi_awal")
    if isinstance(ka, dict):
        item["kondisi_awal"] = ctx.number(ka, "nilai", f"{path} › kondisi_awal", required=True)
        item["kondisi_awal_tahun"] = ctx.year(
            ka.get("tahun"), f"{path} › kondisi_awal › tahun", ka, required=False
        )
    elif ka is not None:
        item["kondisi_awal"] = ctx.number_value(ka, f"{path} › kondisi_awal", m)
    targets = m.get("target")
    if targets is not None:
        if not isinstance(targets, dict):
            ctx.err(f"{path} › target", "tulis sebagai tahun: nilai, mis. 2022: 87", m)
        else:
            for year, value in targets.items():
                y = ctx.year(year, f"{path} › target", targets)
                t = _target_value(ctx, value, f"{path} › target › {year}", targets)
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


def _anggaran(ctx: _Ctx, m, path: str) -> dict | None:
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


def _person(ctx: _Ctx, m, path: str, keys=("nama", "jabatan", "pangkat", "nip")) -> dict:
    if m is None:
        return {k: "" for k in keys}
    m = ctx.mapping(m, path)
    if m is None:
        return {k: "" for k in keys}
    ctx.unknown_keys(m, set(keys), path)
    return {k: ctx.text(m, k, path) for k in keys}


@dataclass
class _Bersama:
    """Yang dikumpulkan satu bagian berkas dan dirujuk bagian sesudahnya."""

    bidang_known: set[str] = field(default_factory=set)  # kode bidang urusan OPD
    indikator_seen: dict[str, int] = field(default_factory=dict)  # kode indikator → baris
    sasaran_codes: set[str] = field(default_factory=set)
    program_codes: set[str] = field(default_factory=set)


def validate(data) -> dict:
    """Periksa seluruh berkas; kembalikan dokumen bersih atau lempar :class:`InvalidDocument`."""
    ctx = _Ctx()
    root = ctx.mapping(data, "berkas")
    if root is None:
        raise InvalidDocument(ctx.errors or [Masalah("berkas", "kosong")])
    fmt = str(root.get("format", ""))
    if not fmt.startswith(FORMAT_NAME):
        raise InvalidDocument(
            [
                Masalah(
                    "format",
                    f"berkas ini bukan berkas pertukaran sakip (baris 'format: {FORMAT_NAME} {FORMAT_VERSION}' tidak ada)",
                    1,
                )
            ]
        )
    version = fmt[len(FORMAT_NAME) :].strip()
    if version != str(FORMAT_VERSION):
        raise InvalidDocument(
            [
                Masalah(
                    "format",
                    f"versi format '{version}' tidak didukung; yang didukung: {FORMAT_VERSION}",
                    1,
                )
            ]
        )
    ctx.unknown_keys(
        root,
        {
            "format",
            "tahun",
            "sumber",
            "catatan",
            "pemda",
            "opd",
            "penandatangan",
            "renstra",
            "program",
            "perjanjian_kinerja",
            "seri_data",
            "tercetak",
            "narasi",
        },
        "berkas",
    )
    doc: dict = {
        "tahun": ctx.year(root.get("tahun"), "tahun", root),
        "sumber": ctx.text(root, "sumber", "berkas"),
        "catatan": ctx.text(root, "catatan", "berkas"),
    }

    st = _Bersama()
    for bagian in (
        _pemda_opd,
        _renstra,
        _program,
        _perjanjian_kinerja,
        _seri_data,
        _narasi,
        _tercetak,
    ):
        bagian(ctx, root, doc, st)

    for kode, induk, path, node in getattr(ctx, "sama_dengan", []):
        if induk not in st.indikator_seen:
            ctx.err(f"{path} › sama_dengan", f"indikator '{induk}' tidak ada di berkas ini", node)
        elif induk == kode:
            ctx.err(
                f"{path} › sama_dengan", "indikator tidak dapat sama dengan dirinya sendiri", node
            )
    if ctx.errors:
        raise InvalidDocument(ctx.errors)
    return doc


def _pemda_opd(ctx: _Ctx, root: LDict, doc: dict, st: _Bersama) -> None:
    """Pemda, OPD (dengan urusan), penandatangan."""
    pm = ctx.mapping(root.get("pemda"), "pemda") or LDict()
    ctx.unknown_keys(
        pm,
        {
            "slug",
            "nama",
            "jenis",
            "provinsi",
            "ibukota",
            "jabatan_kepala_daerah",
            "metode_turun",
            "skala_predikat",
        },
        "pemda",
    )
    doc["pemda"] = {
        "slug": ctx.text(pm, "slug", "pemda", required=True),
        "nama": ctx.text(pm, "nama", "pemda", required=True),
        "jenis": ctx.choice(pm, "jenis", "pemda", JENIS_PEMDA),
        "provinsi": ctx.text(pm, "provinsi", "pemda"),
        "ibukota": ctx.text(pm, "ibukota", "pemda"),
        "jabatan_kepala_daerah": ctx.text(pm, "jabatan_kepala_daerah", "pemda"),
        "metode_turun": ctx.choice(
            pm, "metode_turun", "pemda", ("permenpan", "rasio_terbalik"), None
        ),
    }
    if pm and pm.get("jenis") is None:
        ctx.err("pemda › jenis", "wajib diisi (provinsi, kabupaten atau kota)", pm)
    for key in ("slug",):
        if doc["pemda"][key] and not SLUG.match(doc["pemda"][key]):
            ctx.err("pemda › slug", "hanya huruf kecil, angka dan tanda hubung", pm)

    om = ctx.mapping(root.get("opd"), "opd") or LDict()
    ctx.unknown_keys(om, {"slug", "nama", "singkatan", "alamat", "urusan", "kepala"}, "opd")
    urusan = []
    for i, u in enumerate(ctx.seq(om, "urusan", "opd"), 1):
        up = f"opd › urusan ke-{i}"
        u = ctx.mapping(u, up)
        if u is None:
            continue
        kode_text = ctx.text(u, "kode", up, required=True)
        if kode_text:
            try:
                k = parse_kode(kode_text)
                if k.tingkat > Tingkat.BIDANG:
                    ctx.err(
                        f"{up} › kode", f"'{kode_text}' bukan kode urusan atau bidang urusan", u
                    )
            except KodeError as exc:
                ctx.err(f"{up} › kode", str(exc), u)
        urusan.append({"kode": kode_text, "nama": ctx.text(u, "nama", up, required=True)})
    doc["opd"] = {
        "slug": ctx.text(om, "slug", "opd", required=True),
        "nama": ctx.text(om, "nama", "opd", required=True),
        "singkatan": ctx.text(om, "singkatan", "opd"),
        "alamat": ctx.text(om, "alamat", "opd"),
        "urusan": urusan,
        "kepala": _person(ctx, om.get("kepala"), "opd › kepala", ("nama", "pangkat", "nip")),
    }
    if doc["opd"]["slug"] and not SLUG.match(doc["opd"]["slug"]):
        ctx.err("opd › slug", "hanya huruf kecil, angka dan tanda hubung", om)
    st.bidang_known = {u["kode"] for u in urusan}

    pt = root.get("penandatangan")
    doc["penandatangan"] = _person(
        ctx, pt, "penandatangan", ("nama", "jabatan", "pangkat", "nip", "tempat", "tanggal")
    )
    if doc["penandatangan"]["tanggal"]:
        ctx.date(pt, "tanggal", "penandatangan")

    st.indikator_seen = {}


def _renstra(ctx: _Ctx, root: LDict, doc: dict, st: _Bersama) -> None:
    """Renstra: tujuan → sasaran → indikator dengan target."""
    rm = ctx.mapping(root.get("renstra"), "renstra", required=False)
    st.sasaran_codes = set()
    doc["renstra"] = None
    if rm is not None:
        ctx.unknown_keys(
            rm, {"tahun_awal", "tahun_akhir", "nama", "visi", "misi", "tujuan"}, "renstra"
        )
        ren = {
            "tahun_awal": ctx.year(rm.get("tahun_awal"), "renstra › tahun_awal", rm),
            "tahun_akhir": ctx.year(rm.get("tahun_akhir"), "renstra › tahun_akhir", rm),
            "nama": ctx.text(rm, "nama", "renstra"),
            "visi": ctx.text(rm, "visi", "renstra"),
            "misi": [str(x) for x in ctx.seq(rm, "misi", "renstra")],
            "tujuan": [],
        }
        if ren["tahun_awal"] and ren["tahun_akhir"] and ren["tahun_akhir"] < ren["tahun_awal"]:
            ctx.err("renstra", "tahun akhir lebih awal dari tahun awal", rm)
        tujuan_codes: set[str] = set()
        for i, t in enumerate(ctx.seq(rm, "tujuan", "renstra"), 1):
            tp = f"renstra › tujuan ke-{i}"
            t = ctx.mapping(t, tp)
            if t is None:
                continue
            ctx.unknown_keys(t, {"kode", "uraian", "indikator", "sasaran"}, tp)
            tk = ctx.text(t, "kode", tp, required=True)
            if tk in tujuan_codes:
                ctx.err(tp, f"kode tujuan '{tk}' dipakai dua kali", t)
            tujuan_codes.add(tk)
            tuj = {
                "kode": tk,
                "uraian": ctx.text(t, "uraian", tp, required=True),
                "indikator": [],
                "sasaran": [],
            }
            for j, ind in enumerate(ctx.seq(t, "indikator", tp), 1):
                x = _indikator(ctx, ind, f"{tp} › indikator ke-{j}", None, st.indikator_seen)
                if x:
                    tuj["indikator"].append(x)
            for j, s in enumerate(ctx.seq(t, "sasaran", tp), 1):
                sp = f"{tp} › sasaran ke-{j}"
                s = ctx.mapping(s, sp)
                if s is None:
                    continue
                ctx.unknown_keys(s, {"kode", "uraian", "indikator"}, sp)
                sk = ctx.text(s, "kode", sp, required=True)
                if sk in st.sasaran_codes:
                    ctx.err(sp, f"kode sasaran '{sk}' dipakai dua kali", s)
                st.sasaran_codes.add(sk)
                sas = {
                    "kode": sk,
                    "uraian": ctx.text(s, "uraian", sp, required=True),
                    "indikator": [],
                }
                for k, ind in enumerate(ctx.seq(s, "indikator", sp), 1):
                    x = _indikator(ctx, ind, f"{sp} › indikator ke-{k}", None, st.indikator_seen)
                    if x:
                        sas["indikator"].append(x)
                tuj["sasaran"].append(sas)
            ren["tujuan"].append(tuj)
        doc["renstra"] = ren


def _program(ctx: _Ctx, root: LDict, doc: dict, st: _Bersama) -> None:
    """Program → kegiatan → sub kegiatan dengan indikator dan anggaran."""
    doc["program"] = []
    st.program_codes = set()
    for i, p in enumerate(ctx.seq(root, "program", "berkas"), 1):
        pp = f"program ke-{i}"
        p = ctx.mapping(p, pp)
        if p is None:
            continue
        ctx.unknown_keys(p, {"kode", "nama", "sasaran", "indikator", "kegiatan"}, pp)
        pk = ctx.kode(p, "kode", pp, Tingkat.PROGRAM)
        if pk:
            pp = f"program {pk}"
            if str(pk) in st.program_codes:
                ctx.err(pp, "kode program dipakai dua kali", p)
            st.program_codes.add(str(pk))
            if pk.bidang_urusan not in st.bidang_known:
                ctx.err(
                    f"{pp} › kode",
                    f"bidang urusan {pk.bidang_urusan} tidak tercantum pada opd › urusan",
                    p,
                )
        sas_refs = [str(x) for x in ctx.seq(p, "sasaran", pp)]
        for ref in sas_refs:
            if ref not in st.sasaran_codes:
                ctx.err(f"{pp} › sasaran", f"sasaran '{ref}' tidak ada di Renstra", p)
        prog = {
            "kode": str(pk) if pk else "",
            "nama": ctx.text(p, "nama", pp, required=True),
            "sasaran": sas_refs,
            "indikator": [],
            "kegiatan": [],
        }
        for j, ind in enumerate(ctx.seq(p, "indikator", pp), 1):
            x = _indikator(
                ctx,
                ind,
                f"{pp} › indikator ke-{j}",
                f"{prog['kode']}-{j}" if pk else None,
                st.indikator_seen,
            )
            if x:
                prog["indikator"].append(x)
        keg_codes: set[str] = set()
        for j, k in enumerate(ctx.seq(p, "kegiatan", pp), 1):
            kp = f"{pp} › kegiatan ke-{j}"
            k = ctx.mapping(k, kp)
            if k is None:
                continue
            ctx.unknown_keys(
                k, {"kode", "nama", "sasaran", "indikator", "anggaran", "sub_kegiatan"}, kp
            )
            kk = ctx.kode(k, "kode", kp, Tingkat.KEGIATAN)
            if kk:
                kp = f"kegiatan {kk}"
                if pk and kk.induk() != pk:
                    ctx.err(f"{kp} › kode", f"kegiatan {kk} bukan bagian dari program {pk}", k)
                if str(kk) in keg_codes:
                    ctx.err(kp, "kode kegiatan dipakai dua kali", k)
                keg_codes.add(str(kk))
            sref = ctx.text(k, "sasaran", kp)
            if sref and sref not in st.sasaran_codes:
                ctx.err(f"{kp} › sasaran", f"sasaran '{sref}' tidak ada di Renstra", k)
            keg = {
                "kode": str(kk) if kk else "",
                "nama": ctx.text(k, "nama", kp, required=True),
                "sasaran": sref,
                "indikator": [],
                "anggaran": _anggaran(ctx, k.get("anggaran"), f"{kp} › anggaran"),
                "sub_kegiatan": [],
            }
            for n, ind in enumerate(ctx.seq(k, "indikator", kp), 1):
                x = _indikator(
                    ctx,
                    ind,
                    f"{kp} › indikator ke-{n}",
                    f"{keg['kode']}-{n}" if kk else None,
                    st.indikator_seen,
                )
                if x:
                    keg["indikator"].append(x)
            sub_codes: set[str] = set()
            sub_names: set[str] = set()
            for n, s in enumerate(ctx.seq(k, "sub_kegiatan", kp), 1):
                sp = f"{kp} › sub kegiatan ke-{n}"
                s = ctx.mapping(s, sp)
                if s is None:
                    continue
                ctx.unknown_keys(s, {"kode", "nama", "indikator", "anggaran"}, sp)
                sk = ctx.kode(s, "kode", sp, Tingkat.SUB_KEGIATAN, required=False)
                if sk:
                    sp = f"sub kegiatan {sk}"
                    if kk and sk.induk() != kk:
                        ctx.err(
                            f"{sp} › kode", f"sub kegiatan {sk} bukan bagian dari kegiatan {kk}", s
                        )
                    if str(sk) in sub_codes:
                        ctx.err(sp, "kode sub kegiatan dipakai dua kali", s)
                    sub_codes.add(str(sk))
                sname = ctx.text(s, "nama", sp, required=True)
                if sname in sub_names:
                    ctx.err(
                        sp, f"nama sub kegiatan '{sname}' dipakai dua kali dalam kegiatan ini", s
                    )
                sub_names.add(sname)
                sub = {
                    "kode": str(sk) if sk else "",
                    "nama": sname,
                    "indikator": [],
                    "anggaran": _anggaran(ctx, s.get("anggaran"), f"{sp} › anggaran"),
                }
                for q, ind in enumerate(ctx.seq(s, "indikator", sp), 1):
                    x = _indikator(
                        ctx,
                        ind,
                        f"{sp} › indikator ke-{q}",
                        f"{sub['kode']}-{q}" if sk else None,
                        st.indikator_seen,
                    )
                    if x:
                        sub["indikator"].append(x)
                keg["sub_kegiatan"].append(sub)
            if keg["anggaran"] and any(s["anggaran"] for s in keg["sub_kegiatan"]):
                ctx.err(
                    f"{kp} › anggaran",
                    "anggaran ditulis pada kegiatan dan juga pada sub kegiatannya; "
                    "tulis pada tingkat terendah saja (jumlah kegiatan dihitung sakip)",
                    k,
                )
            prog["kegiatan"].append(keg)
        doc["program"].append(prog)


def _perjanjian_kinerja(ctx: _Ctx, root: LDict, doc: dict, st: _Bersama) -> None:
    """Perjanjian Kinerja (murni dan perubahan) dengan target dan Rencana Aksi."""
    doc["perjanjian_kinerja"] = []
    versions: set[int] = set()
    for i, pkm in enumerate(ctx.seq(root, "perjanjian_kinerja", "berkas"), 1):
        pp = f"perjanjian_kinerja ke-{i}"
        pkm = ctx.mapping(pkm, pp)
        if pkm is None:
            continue
        ctx.unknown_keys(
            pkm,
            {
                "versi",
                "jenis",
                "tanggal",
                "pihak_pertama",
                "pihak_kedua",
                "alasan_perubahan",
                "indikator",
                "anggaran",
            },
            pp,
        )
        versi = ctx.number(pkm, "versi", pp) or Decimal(1)
        versi_i = int(versi)
        jenis = "murni" if versi_i == 1 else "perubahan"
        given = pkm.get("jenis")
        if given is not None and given != jenis:
            ctx.err(f"{pp} › jenis", f"versi {versi_i} adalah PK {jenis}, bukan '{given}'", pkm)
        if versi_i in versions:
            ctx.err(pp, f"versi {versi_i} ditulis dua kali", pkm)
        versions.add(versi_i)
        pk = {
            "versi": versi_i,
            "jenis": jenis,
            "tanggal": ctx.date(pkm, "tanggal", pp),
            "pihak_pertama": _person(ctx, pkm.get("pihak_pertama"), f"{pp} › pihak_pertama"),
            "pihak_kedua": _person(
                ctx, pkm.get("pihak_kedua"), f"{pp} › pihak_kedua", ("nama", "jabatan")
            ),
            "alasan_perubahan": ctx.text(pkm, "alasan_perubahan", pp),
            "indikator": [],
            "anggaran": [],
        }
        for j, it in enumerate(ctx.seq(pkm, "indikator", pp), 1):
            ip = f"{pp} › indikator ke-{j}"
            it = ctx.mapping(it, ip)
            if it is None:
                continue
            ctx.unknown_keys(it, {"indikator", "target", "rencana_aksi"}, ip)
            ref = ctx.text(it, "indikator", ip, required=True)
            if ref and ref not in st.indikator_seen:
                ctx.err(f"{ip} › indikator", f"indikator '{ref}' tidak ada dalam berkas", it)
            tgt = _target_value(ctx, it.get("target"), f"{ip} › target", it)
            ra = {}
            ram = it.get("rencana_aksi")
            if ram is not None:
                if not isinstance(ram, dict):
                    ctx.err(f"{ip} › rencana_aksi", "tulis sebagai nomor triwulan: target", it)
                else:
                    for tw, val in ram.items():
                        if str(tw) not in {"1", "2", "3", "4"}:
                            ctx.err(
                                f"{ip} › rencana_aksi", f"triwulan '{tw}' tidak dikenal (1–4)", ram
                            )
                            continue
                        if isinstance(val, dict):
                            t = (
                                _target_value(
                                    ctx, val.get("target"), f"{ip} › rencana_aksi › {tw}", val
                                )
                                if val.get("target") is not None
                                else None
                            )
                            ra[int(tw)] = {
                                "target": t,
                                "rencana_kegiatan": ctx.text(
                                    val, "rencana_kegiatan", f"{ip} › rencana_aksi › {tw}"
                                ),
                            }
                        else:
                            ra[int(tw)] = {
                                "target": _target_value(
                                    ctx, val, f"{ip} › rencana_aksi › {tw}", ram
                                ),
                                "rencana_kegiatan": "",
                            }
            pk["indikator"].append({"indikator": ref, "target": tgt, "rencana_aksi": ra})
        for j, am in enumerate(ctx.seq(pkm, "anggaran", pp), 1):
            ap = f"{pp} › anggaran ke-{j}"
            am = ctx.mapping(am, ap)
            if am is None:
                continue
            ref = ctx.text(am, "program", ap, required=True)
            if ref and ref not in st.program_codes:
                ctx.err(f"{ap} › program", f"program '{ref}' tidak ada dalam berkas", am)
            pk["anggaran"].append(
                {
                    "program": ref,
                    "pagu": ctx.number(am, "pagu", ap, required=True, minimum=Decimal(0)),
                }
            )
        doc["perjanjian_kinerja"].append(pk)
    if doc["perjanjian_kinerja"] and 1 not in versions:
        ctx.err("perjanjian_kinerja", "PK perubahan tanpa PK murni (versi 1)", root)


def _seri_data(ctx: _Ctx, root: LDict, doc: dict, st: _Bersama) -> None:
    """Seri data pembanding (BPS, wilayah lain)."""
    doc["seri_data"] = []
    seri_codes: set[str] = set()
    for i, sm in enumerate(ctx.seq(root, "seri_data", "berkas"), 1):
        sp = f"seri_data ke-{i}"
        sm = ctx.mapping(sm, sp)
        if sm is None:
            continue
        ctx.unknown_keys(
            sm, {"kode", "nama", "satuan", "sumber", "indikator", "catatan", "nilai"}, sp
        )
        kode = ctx.text(sm, "kode", sp, required=True)
        if kode and not SLUG.match(kode):
            ctx.err(f"{sp} › kode", "hanya huruf kecil, angka dan tanda hubung", sm)
        if kode in seri_codes:
            ctx.err(sp, f"kode seri '{kode}' dipakai dua kali", sm)
        seri_codes.add(kode)
        ref = ctx.text(sm, "indikator", sp)
        if ref and ref not in st.indikator_seen:
            ctx.err(f"{sp} › indikator", f"indikator '{ref}' tidak ada dalam berkas", sm)
        seri = {
            "kode": kode,
            "nama": ctx.text(sm, "nama", sp, required=True),
            "satuan": ctx.text(sm, "satuan", sp),
            "sumber": ctx.text(sm, "sumber", sp),
            "indikator": ref,
            "catatan": ctx.text(sm, "catatan", sp),
            "nilai": [],
        }
        keys = set()
        for j, nm in enumerate(ctx.seq(sm, "nilai", sp), 1):
            np_ = f"{sp} › nilai ke-{j}"
            nm = ctx.mapping(nm, np_)
            if nm is None:
                continue
            ctx.unknown_keys(nm, {"wilayah", "tahun", "nilai", "agregat"}, np_)
            rec = {
                "wilayah": ctx.text(nm, "wilayah", np_),
                "tahun": ctx.year(nm.get("tahun"), f"{np_} › tahun", nm),
                "nilai": ctx.number(nm, "nilai", np_, required=True),
                "agregat": ctx.boolean(nm, "agregat", np_),
            }
            if (rec["wilayah"], rec["tahun"]) in keys:
                ctx.err(
                    np_,
                    f"nilai {rec['wilayah'] or 'wilayah sendiri'} {rec['tahun']} ditulis dua kali",
                    nm,
                )
            keys.add((rec["wilayah"], rec["tahun"]))
            seri["nilai"].append(rec)
        doc["seri_data"].append(seri)


def _narasi(ctx: _Ctx, root: LDict, doc: dict, st: _Bersama) -> None:
    """Narasi LKjIP per bagian."""
    doc["narasi"] = {}
    nm = root.get("narasi")
    if nm is not None:
        if not isinstance(nm, dict):
            ctx.err("narasi", "tulis sebagai bagian: teks, mis. kesimpulan: ...", root)
        else:
            for key, text in nm.items():
                key = str(key)
                known = key in KUNCI_NARASI or (
                    key.startswith("analisis:") and key.split(":", 1)[1] in st.sasaran_codes
                )
                if not known:
                    ctx.err(
                        f"narasi › {key}",
                        "bagian narasi tidak dikenal; pilihan: "
                        + ", ".join(KUNCI_NARASI)
                        + ", atau analisis:<kode sasaran>",
                        nm,
                    )
                elif not isinstance(text, str) or not text.strip():
                    ctx.err(f"narasi › {key}", "harus berupa teks yang berisi", nm)
                else:
                    doc["narasi"][key] = text.strip()


def _tercetak(ctx: _Ctx, root: LDict, doc: dict, st: _Bersama) -> None:
    """Nilai yang dicetak laporan (bahan reviu)."""
    doc["tercetak"] = []
    for i, cm in enumerate(ctx.seq(root, "tercetak", "berkas"), 1):
        cp = f"tercetak ke-{i}"
        cm = ctx.mapping(cm, cp)
        if cm is None:
            continue
        ctx.unknown_keys(cm, {"lokasi", "objek", "atribut", "periode", "teks", "catatan"}, cp)
        objek = ctx.text(cm, "objek", cp, required=True)
        prefix = objek.split(":", 1)[0]
        if objek and (":" not in objek or prefix not in OBJEK_PREFIX):
            ctx.err(
                f"{cp} › objek",
                f"rujukan '{objek}' tidak dikenal; awali dengan salah satu dari {', '.join(OBJEK_PREFIX)} dan ':'",
                cm,
            )
        elif prefix == "indikator" and objek.split(":", 1)[1] not in st.indikator_seen:
            ctx.err(
                f"{cp} › objek", f"indikator '{objek.split(':', 1)[1]}' tidak ada dalam berkas", cm
            )
        teks_raw = cm.get("teks")
        if teks_raw is None:
            ctx.err(f"{cp} › teks", "wajib diisi", cm)
            teks = ""
        else:
            teks = teks_raw if isinstance(teks_raw, str) else _plain(teks_raw)
        try:
            nilai = to_decimal(teks) if teks else None
        except NumberFormatError:
            nilai = None
        doc["tercetak"].append(
            {
                "lokasi": ctx.text(cm, "lokasi", cp, required=True),
                "objek": objek,
                "atribut": ctx.text(cm, "atribut", cp, required=True),
                "periode": ctx.year(cm.get("periode"), f"{cp} › periode", cm, required=False),
                "teks": teks,
                "nilai": nilai,
                "catatan": ctx.text(cm, "catatan", cp),
            }
        )


def _plain(value) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
