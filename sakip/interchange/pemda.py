"""Berkas Pemda (format ``sakip/pemda``, versi 1): RPJMD, jabatan OPD dan keselarasan.

Satu berkas memuat satu versi RPJMD (tujuan → sasaran → indikator dengan target dan realisasi,
program), lalu untuk setiap OPD: struktur jabatan (atasan, pemegang, program/kegiatan/sub kegiatan
yang menjadi tanggung jawabnya) dan keselarasannya dengan RPJMD (tujuan/sasaran OPD → sasaran
RPJMD, program OPD → program RPJMD, indikator OPD → indikator RPJMD yang sama).

OPD dan Renstra-nya harus sudah ada (impor berkas OPD-tahun lebih dahulu): berkas ini hanya
menunjuk kodenya. Seperti berkas OPD: semua masalah dikumpulkan dengan letaknya, dan bila ada satu
saja, tidak ada yang ditulis. Spesifikasi: ``docs/format-berkas-pemda.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from sakip.core.capaian import Polaritas
from sakip.organisations.models import Jabatan, Pemda, PerangkatDaerah, Urusan
from sakip.planning.models import Indikator, Kegiatan, Program, Sasaran, SubKegiatan, Tujuan
from sakip.rpjmd.models import (
    RPJMD,
    IndikatorRPJMD,
    ProgramRPJMD,
    RealisasiRPJMD,
    SasaranRPJMD,
    TargetRPJMD,
    TujuanRPJMD,
)
from sakip.workflow.models import StatusAlur

from . import yamlio
from .schema import SLUG, InvalidDocument, Masalah, _Ctx, _target_value

FORMAT_PEMDA = "sakip/pemda"
FORMAT_PEMDA_VERSION = 1
JENIS_JABATAN = tuple(Jabatan.Jenis.values)
POLARITAS = tuple(p.value for p in Polaritas)

INDIKATOR_KEYS = {
    "kode",
    "nama",
    "satuan",
    "iku",
    "polaritas",
    "formula",
    "sumber_data",
    "kondisi_awal",
    "kondisi_awal_tahun",
    "kondisi_akhir",
    "target",
    "realisasi",
    "catatan",
}


# -- validasi ------------------------------------------------------------------------------


def _indikator(ctx: _Ctx, m, path: str, seen: set, tahun: tuple[int, int] | None) -> dict | None:
    m = ctx.mapping(m, path)
    if m is None:
        return None
    ctx.unknown_keys(m, INDIKATOR_KEYS, path)
    kode = ctx.text(m, "kode", path, required=True)
    if kode in seen:
        ctx.err(f"{path} › kode", f"kode indikator '{kode}' dipakai lebih dari sekali", m)
    seen.add(kode)
    d = {
        "kode": kode,
        "nama": ctx.text(m, "nama", path, required=True),
        "satuan": ctx.text(m, "satuan", path),
        "iku": ctx.boolean(m, "iku", path, default=True),
        "polaritas": ctx.choice(m, "polaritas", path, POLARITAS, "naik"),
        "formula": ctx.text(m, "formula", path),
        "sumber_data": ctx.text(m, "sumber_data", path),
        "kondisi_awal": ctx.number(m, "kondisi_awal", path),
        "kondisi_awal_tahun": ctx.year(
            m.get("kondisi_awal_tahun"), f"{path} › kondisi_awal_tahun", m, required=False
        ),
        "kondisi_akhir": ctx.number(m, "kondisi_akhir", path),
        "catatan": ctx.text(m, "catatan", path),
        "target": {},
        "realisasi": {},
    }
    tg = ctx.mapping(m.get("target"), f"{path} › target", required=False) or {}
    for y, v in tg.items():
        tp = f"{path} › target {y}"
        year = ctx.year(y, tp, tg)
        if year is None:
            continue
        if tahun and not tahun[0] <= year <= tahun[1]:
            ctx.err(tp, f"tahun {year} di luar periode RPJMD {tahun[0]}–{tahun[1]}", tg)
            continue
        val = _target_value(ctx, v, tp, tg)
        if val:
            d["target"][year] = val
    rl = ctx.mapping(m.get("realisasi"), f"{path} › realisasi", required=False) or {}
    for y, v in rl.items():
        rp = f"{path} › realisasi {y}"
        year = ctx.year(y, rp, rl)
        v = ctx.mapping(v, rp)
        if year is None or v is None:
            continue
        ctx.unknown_keys(v, {"nilai", "sumber", "catatan"}, rp)
        nilai = ctx.number(v, "nilai", rp, required=True)
        sumber = ctx.text(v, "sumber", rp, required=True)
        if nilai is not None and sumber:
            d["realisasi"][year] = {
                "nilai": nilai,
                "sumber": sumber,
                "catatan": ctx.text(v, "catatan", rp),
            }
    return d


def _rpjmd(ctx: _Ctx, rm, doc: dict) -> None:
    path = "rpjmd"
    rm = ctx.mapping(rm, path)
    if rm is None:
        return
    ctx.unknown_keys(
        rm,
        {
            "jenis",
            "tahun_awal",
            "tahun_akhir",
            "versi",
            "nama",
            "dasar_hukum",
            "visi",
            "misi",
            "alasan_perubahan",
            "sumber",
            "catatan",
            "tujuan",
            "program",
        },
        path,
    )
    awal = ctx.year(rm.get("tahun_awal"), "rpjmd › tahun_awal", rm)
    akhir = ctx.year(rm.get("tahun_akhir"), "rpjmd › tahun_akhir", rm)
    periode = None
    if awal and akhir:
        if akhir < awal:
            ctx.err("rpjmd › tahun_akhir", f"tahun akhir {akhir} sebelum tahun awal {awal}", rm)
        elif akhir - awal > 9:
            ctx.err("rpjmd › tahun_akhir", "periode RPJMD paling lama 10 tahun", rm)
        else:
            periode = (awal, akhir)
    versi = rm.get("versi", 1)
    if isinstance(versi, bool) or not isinstance(versi, (int, Decimal)) or int(versi) < 1:
        ctx.err("rpjmd › versi", f"'{versi}' bukan nomor versi (1, 2, …)", rm)
        versi = 1
    misi = rm.get("misi") or []
    if not isinstance(misi, list) or not all(isinstance(x, str) for x in misi):
        ctx.err("rpjmd › misi", "harus berupa daftar teks", rm)
        misi = []
    d = {
        "jenis": ctx.choice(rm, "jenis", path, ("rpjmd", "rpd"), "rpjmd"),
        "tahun_awal": awal,
        "tahun_akhir": akhir,
        "versi": int(versi),
        "nama": ctx.text(rm, "nama", path),
        "dasar_hukum": ctx.text(rm, "dasar_hukum", path),
        "visi": ctx.text(rm, "visi", path),
        "misi": [x.strip() for x in misi],
        "alasan_perubahan": ctx.text(rm, "alasan_perubahan", path),
        "sumber": ctx.text(rm, "sumber", path),
        "catatan": ctx.text(rm, "catatan", path),
        "tujuan": [],
        "program": [],
    }
    seen_ind: set = set()
    seen_tujuan: set = set()
    sasaran_codes: set = set()
    for i, t in enumerate(ctx.seq(rm, "tujuan", path), 1):
        tp = f"rpjmd › tujuan ke-{i}"
        t = ctx.mapping(t, tp)
        if t is None:
            continue
        ctx.unknown_keys(t, {"kode", "uraian", "misi", "indikator", "sasaran"}, tp)
        kode = ctx.text(t, "kode", tp, required=True)
        if kode in seen_tujuan:
            ctx.err(f"{tp} › kode", f"kode tujuan '{kode}' dipakai lebih dari sekali", t)
        seen_tujuan.add(kode)
        misi_ke = t.get("misi")
        if misi_ke is not None:
            if (
                isinstance(misi_ke, bool)
                or not isinstance(misi_ke, (int, Decimal))
                or not 1 <= int(misi_ke) <= max(len(d["misi"]), 1)
            ):
                ctx.err(
                    f"{tp} › misi",
                    f"'{misi_ke}' bukan nomor misi (1–{len(d['misi'])})",
                    t,
                )
                misi_ke = None
            else:
                misi_ke = int(misi_ke)
        td = {
            "kode": kode,
            "uraian": ctx.text(t, "uraian", tp, required=True),
            "misi": misi_ke,
            "indikator": [],
            "sasaran": [],
        }
        for j, ind in enumerate(ctx.seq(t, "indikator", tp), 1):
            x = _indikator(ctx, ind, f"{tp} › indikator ke-{j}", seen_ind, periode)
            if x:
                td["indikator"].append(x)
        for j, s in enumerate(ctx.seq(t, "sasaran", tp), 1):
            sp = f"{tp} › sasaran ke-{j}"
            s = ctx.mapping(s, sp)
            if s is None:
                continue
            ctx.unknown_keys(s, {"kode", "uraian", "catatan", "indikator"}, sp)
            sk = ctx.text(s, "kode", sp, required=True)
            if sk in sasaran_codes:
                ctx.err(f"{sp} › kode", f"kode sasaran '{sk}' dipakai lebih dari sekali", s)
            sasaran_codes.add(sk)
            sd = {
                "kode": sk,
                "uraian": ctx.text(s, "uraian", sp, required=True),
                "catatan": ctx.text(s, "catatan", sp),
                "indikator": [],
            }
            for k, ind in enumerate(ctx.seq(s, "indikator", sp), 1):
                x = _indikator(ctx, ind, f"{sp} › indikator ke-{k}", seen_ind, periode)
                if x:
                    sd["indikator"].append(x)
            td["sasaran"].append(sd)
        d["tujuan"].append(td)
    seen_prog: set = set()
    for i, p in enumerate(ctx.seq(rm, "program", path), 1):
        pp = f"rpjmd › program ke-{i}"
        p = ctx.mapping(p, pp)
        if p is None:
            continue
        ctx.unknown_keys(p, {"kode", "nama", "bidang_urusan", "sasaran", "pagu_indikatif"}, pp)
        kode = ctx.text(p, "kode", pp, required=True)
        if kode in seen_prog:
            ctx.err(f"{pp} › kode", f"kode program '{kode}' dipakai lebih dari sekali", p)
        seen_prog.add(kode)
        sas = p.get("sasaran") or []
        if not isinstance(sas, list):
            ctx.err(f"{pp} › sasaran", "harus berupa daftar kode sasaran RPJMD", p)
            sas = []
        for s in sas:
            if str(s) not in sasaran_codes:
                ctx.err(f"{pp} › sasaran", f"sasaran RPJMD '{s}' tidak ada di berkas ini", p)
        d["program"].append(
            {
                "kode": kode,
                "nama": ctx.text(p, "nama", pp, required=True),
                "bidang_urusan": ctx.text(p, "bidang_urusan", pp),
                "sasaran": [str(s) for s in sas],
                "pagu_indikatif": ctx.number(p, "pagu_indikatif", pp, minimum=Decimal(0)),
            }
        )
    doc["rpjmd"] = d
    doc["_sasaran_codes"] = sasaran_codes
    doc["_indikator_codes"] = seen_ind
    doc["_program_codes"] = seen_prog


def _kode_list(ctx: _Ctx, m: dict, key: str, path: str) -> list[str]:
    v = m.get(key) or []
    if not isinstance(v, list):
        ctx.err(f"{path} › {key}", "harus berupa daftar kode", m)
        return []
    return [str(x).strip() for x in v]


def _opd(ctx: _Ctx, om, path: str, doc: dict) -> dict | None:
    om = ctx.mapping(om, path)
    if om is None:
        return None
    ctx.unknown_keys(om, {"slug", "jabatan", "selaras"}, path)
    slug = ctx.text(om, "slug", path, required=True)
    if slug and not SLUG.match(slug):
        ctx.err(f"{path} › slug", "hanya huruf kecil, angka dan tanda hubung", om)
    d = {"slug": slug, "jabatan": [], "selaras": {}}
    kodes: set = set()
    for i, j in enumerate(ctx.seq(om, "jabatan", path), 1):
        jp = f"{path} › jabatan ke-{i}"
        j = ctx.mapping(j, jp)
        if j is None:
            continue
        ctx.unknown_keys(
            j,
            {"kode", "nama", "jenis", "atasan", "pemegang", "program", "kegiatan", "sub_kegiatan"},
            jp,
        )
        kode = ctx.text(j, "kode", jp, required=True)
        if kode and not SLUG.match(kode):
            ctx.err(f"{jp} › kode", "hanya huruf kecil, angka dan tanda hubung", j)
        if kode in kodes:
            ctx.err(f"{jp} › kode", f"kode jabatan '{kode}' dipakai lebih dari sekali", j)
        jenis = ctx.choice(j, "jenis", jp, JENIS_JABATAN, None)
        if j.get("jenis") is None:
            ctx.err(f"{jp} › jenis", f"wajib diisi ({', '.join(JENIS_JABATAN)})", j)
        atasan = ctx.text(j, "atasan", jp)
        if atasan and atasan not in kodes:
            ctx.err(
                f"{jp} › atasan",
                f"atasan '{atasan}' belum ditulis di atas jabatan ini (tulis atasan lebih dahulu)",
                j,
            )
        if not atasan and jenis and jenis != "kepala":
            ctx.err(f"{jp} › atasan", "jabatan selain kepala OPD harus punya atasan", j)
        kodes.add(kode)
        pm = ctx.mapping(j.get("pemegang"), f"{jp} › pemegang", required=False) or {}
        ctx.unknown_keys(pm, {"nama", "pangkat", "nip"}, f"{jp} › pemegang")
        d["jabatan"].append(
            {
                "kode": kode,
                "nama": ctx.text(j, "nama", jp, required=True),
                "jenis": jenis,
                "atasan": atasan,
                "pemegang": {
                    k: ctx.text(pm, k, f"{jp} › pemegang") for k in ("nama", "pangkat", "nip")
                },
                "program": _kode_list(ctx, j, "program", jp),
                "kegiatan": _kode_list(ctx, j, "kegiatan", jp),
                "sub_kegiatan": _kode_list(ctx, j, "sub_kegiatan", jp),
            }
        )
    sm = ctx.mapping(om.get("selaras"), f"{path} › selaras", required=False) or {}
    ctx.unknown_keys(sm, {"tujuan", "sasaran", "program", "indikator"}, f"{path} › selaras")
    known = {
        "tujuan": doc.get("_sasaran_codes", set()),
        "sasaran": doc.get("_sasaran_codes", set()),
        "program": doc.get("_program_codes", set()),
        "indikator": doc.get("_indikator_codes", set()),
    }
    label = {
        "tujuan": "sasaran",
        "sasaran": "sasaran",
        "program": "program",
        "indikator": "indikator",
    }
    for key in ("tujuan", "sasaran", "program", "indikator"):
        mp = ctx.mapping(sm.get(key), f"{path} › selaras › {key}", required=False) or {}
        out = {}
        for k, v in mp.items():
            kp = f"{path} › selaras › {key} › {k}"
            if v is None or isinstance(v, (dict, list)):
                ctx.err(kp, f"tulis kode {label[key]} RPJMD yang didukung", mp)
                continue
            v = yamlio_plain(v)
            if v not in known[key]:
                ctx.err(kp, f"{label[key]} RPJMD '{v}' tidak ada di berkas ini", mp)
                continue
            out[yamlio_plain(k)] = v
        d["selaras"][key] = out
    return d


def yamlio_plain(v) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral_value() else str(v)
    return str(v).strip()


def validate_pemda(data) -> dict:
    """Periksa seluruh berkas Pemda; kembalikan dokumen bersih atau lempar InvalidDocument."""
    ctx = _Ctx()
    root = ctx.mapping(data, "berkas")
    if root is None:
        raise InvalidDocument(ctx.errors or [Masalah("berkas", "kosong")])
    version = str(root.get("format", ""))[len(FORMAT_PEMDA) :].strip()
    if version != str(FORMAT_PEMDA_VERSION):
        raise InvalidDocument(
            [
                Masalah(
                    "format",
                    f"versi format '{version}' tidak didukung; yang didukung: {FORMAT_PEMDA_VERSION}",
                    1,
                )
            ]
        )
    ctx.unknown_keys(
        root, {"format", "tahun", "contoh", "sumber", "catatan", "pemda", "rpjmd", "opd"}, "berkas"
    )
    pm = ctx.mapping(root.get("pemda"), "pemda") or {}
    ctx.unknown_keys(
        pm,
        {
            "slug",
            "nama",
            "jenis",
            "provinsi",
            "ibukota",
            "jabatan_kepala_daerah",
            "kepala_daerah_nama",
        },
        "pemda",
    )
    doc: dict = {
        "tahun": ctx.year(root.get("tahun"), "tahun", root, required=False),
        "contoh": ctx.boolean(root, "contoh", "berkas", default=False),
        "sumber": ctx.text(root, "sumber", "berkas"),
        "catatan": ctx.text(root, "catatan", "berkas"),
        "pemda": {
            "slug": ctx.text(pm, "slug", "pemda", required=True),
            "nama": ctx.text(pm, "nama", "pemda"),
            "jenis": ctx.choice(pm, "jenis", "pemda", ("provinsi", "kabupaten", "kota"), None),
            "provinsi": ctx.text(pm, "provinsi", "pemda"),
            "ibukota": ctx.text(pm, "ibukota", "pemda"),
            "jabatan_kepala_daerah": ctx.text(pm, "jabatan_kepala_daerah", "pemda"),
            "kepala_daerah_nama": ctx.text(pm, "kepala_daerah_nama", "pemda"),
        },
        "rpjmd": None,
        "opd": [],
    }
    if doc["pemda"]["slug"] and not SLUG.match(doc["pemda"]["slug"]):
        ctx.err("pemda › slug", "hanya huruf kecil, angka dan tanda hubung", pm)
    if root.get("rpjmd") is not None:
        _rpjmd(ctx, root.get("rpjmd"), doc)
    seen = set()
    for i, om in enumerate(ctx.seq(root, "opd", "berkas"), 1):
        o = _opd(ctx, om, f"opd ke-{i}", doc)
        if o:
            if o["slug"] in seen:
                ctx.err(f"opd ke-{i} › slug", f"OPD '{o['slug']}' ditulis lebih dari sekali", om)
            seen.add(o["slug"])
            if o["selaras"] and any(o["selaras"].values()) and doc["rpjmd"] is None:
                ctx.err(f"opd ke-{i} › selaras", "keselarasan butuh bagian rpjmd di berkas ini", om)
            doc["opd"].append(o)
    if ctx.errors:
        raise InvalidDocument(ctx.errors)
    for k in ("_sasaran_codes", "_indikator_codes", "_program_codes"):
        doc.pop(k, None)
    doc["_format"] = FORMAT_PEMDA
    return doc


# -- penulisan -----------------------------------------------------------------------------


@dataclass
class HasilImporPemda:
    pemda: Pemda
    rpjmd: RPJMD | None
    jumlah: dict[str, int] = field(default_factory=dict)

    def ringkasan(self) -> str:
        parts = ", ".join(f"{v} {k}" for k, v in self.jumlah.items() if v)
        what = f"{self.pemda.nama}" + (f" — {self.rpjmd}" if self.rpjmd else "")
        return f"{what}: {parts}" if parts else what


def import_pemda(doc: dict) -> HasilImporPemda:
    with transaction.atomic():
        return _PemdaWriter(doc).run()


class _PemdaWriter:
    def __init__(self, doc: dict):
        self.doc = doc
        self.count: dict[str, int] = {}
        self.masalah: list[Masalah] = []

    def bump(self, key: str, n: int = 1) -> None:
        self.count[key] = self.count.get(key, 0) + n

    def run(self) -> HasilImporPemda:
        d = self.doc
        pm = d["pemda"]
        pemda = Pemda.objects.filter(slug=pm["slug"]).first()
        if pemda is None:
            if not (pm["nama"] and pm["jenis"]):
                raise InvalidDocument(
                    [
                        Masalah(
                            "pemda", f"Pemda '{pm['slug']}' belum ada; tulis juga nama dan jenisnya"
                        )
                    ]
                )
            pemda = Pemda.objects.create(
                **{
                    k: pm[k]
                    for k in (
                        "slug",
                        "nama",
                        "jenis",
                        "provinsi",
                        "ibukota",
                        "jabatan_kepala_daerah",
                        "kepala_daerah_nama",
                    )
                }
            )
        else:
            ubah = {
                k: pm[k]
                for k in (
                    "nama",
                    "jenis",
                    "provinsi",
                    "ibukota",
                    "jabatan_kepala_daerah",
                    "kepala_daerah_nama",
                )
                if pm[k]
            }
            if ubah:
                Pemda.objects.filter(pk=pemda.pk).update(**ubah)
        self.pemda = pemda
        rpjmd = self._rpjmd(d["rpjmd"]) if d["rpjmd"] else None
        for i, o in enumerate(d["opd"], 1):
            self._opd(o, f"opd ke-{i}", rpjmd)
        if self.masalah:
            raise InvalidDocument(self.masalah)
        return HasilImporPemda(pemda, rpjmd, self.count)

    def _rpjmd(self, r: dict) -> RPJMD:
        obj = RPJMD.objects.filter(
            pemda=self.pemda, tahun_awal=r["tahun_awal"], versi=r["versi"]
        ).first()
        if obj and obj.status == StatusAlur.DISETUJUI:
            raise InvalidDocument(
                [
                    Masalah(
                        "rpjmd › versi",
                        f"{obj} sudah ditetapkan dan terkunci; tulis versi {r['versi'] + 1} untuk perubahannya",
                    )
                ]
            )
        fields = {
            k: r[k]
            for k in (
                "jenis",
                "tahun_akhir",
                "nama",
                "dasar_hukum",
                "visi",
                "misi",
                "alasan_perubahan",
                "sumber",
                "catatan",
            )
        }
        fields["contoh"] = self.doc["contoh"]
        fields["sumber"] = fields["sumber"] or self.doc["sumber"]
        fields["catatan"] = fields["catatan"] or self.doc["catatan"]
        if obj is None:
            obj = RPJMD.objects.create(
                pemda=self.pemda, tahun_awal=r["tahun_awal"], versi=r["versi"], **fields
            )
        else:
            for k, v in fields.items():
                setattr(obj, k, v)
            obj.save()
        self.bump("RPJMD")
        tujuan_lama = {t.kode: t for t in obj.tujuan.all()}
        sasaran_lama = {s.kode: s for s in SasaranRPJMD.objects.filter(tujuan__rpjmd=obj)}
        ind_lama = {i.kode: i for i in obj.indikator.all()}
        self.sasaran: dict[str, SasaranRPJMD] = {}
        self.indikator: dict[str, IndikatorRPJMD] = {}
        keep_t, keep_s = set(), set()
        for ti, t in enumerate(r["tujuan"]):
            tj = tujuan_lama.get(t["kode"]) or TujuanRPJMD(rpjmd=obj, kode=t["kode"])
            tj.uraian, tj.misi, tj.urutan = t["uraian"], t["misi"], ti
            tj.save()
            keep_t.add(tj.pk)
            self.bump("tujuan")
            for ii, ind in enumerate(t["indikator"]):
                self._indikator(obj, ind, ind_lama, ii, tujuan=tj)
            for si, s in enumerate(t["sasaran"]):
                ss = sasaran_lama.get(s["kode"]) or SasaranRPJMD(kode=s["kode"])
                ss.tujuan, ss.uraian, ss.catatan, ss.urutan = tj, s["uraian"], s["catatan"], si
                ss.save()
                keep_s.add(ss.pk)
                self.sasaran[s["kode"]] = ss
                self.bump("sasaran")
                for ii, ind in enumerate(s["indikator"]):
                    self._indikator(obj, ind, ind_lama, ii, sasaran=ss)
        obj.indikator.exclude(kode__in=self.indikator).delete()
        SasaranRPJMD.objects.filter(tujuan__rpjmd=obj).exclude(pk__in=keep_s).delete()
        obj.tujuan.exclude(pk__in=keep_t).delete()
        prog_lama = {p.kode: p for p in obj.program.all()}
        self.program: dict[str, ProgramRPJMD] = {}
        for pi, p in enumerate(r["program"]):
            pr = prog_lama.get(p["kode"]) or ProgramRPJMD(rpjmd=obj, kode=p["kode"])
            pr.nama, pr.urutan, pr.pagu_indikatif = p["nama"], pi, p["pagu_indikatif"]
            pr.bidang_urusan = (
                Urusan.objects.filter(kode=p["bidang_urusan"]).first()
                if p["bidang_urusan"]
                else None
            )
            pr.save()
            pr.sasaran.set([self.sasaran[k] for k in p["sasaran"]])
            self.program[p["kode"]] = pr
            self.bump("program")
        obj.program.exclude(kode__in=self.program).delete()
        return obj

    def _indikator(self, obj, ind, lama, urutan, tujuan=None, sasaran=None) -> None:
        x = lama.get(ind["kode"]) or IndikatorRPJMD(rpjmd=obj, kode=ind["kode"])
        x.tujuan, x.sasaran, x.urutan = tujuan, sasaran, urutan
        for k in (
            "nama",
            "satuan",
            "iku",
            "polaritas",
            "formula",
            "sumber_data",
            "kondisi_awal",
            "kondisi_awal_tahun",
            "kondisi_akhir",
            "catatan",
        ):
            setattr(x, k, ind[k])
        x.save()
        self.indikator[ind["kode"]] = x
        self.bump("indikator")
        x.target.exclude(tahun__in=ind["target"]).delete()
        for y, t in ind["target"].items():
            TargetRPJMD.objects.update_or_create(indikator=x, tahun=y, defaults=t)
            self.bump("target")
        x.realisasi.exclude(tahun__in=ind["realisasi"]).delete()
        for y, v in ind["realisasi"].items():
            RealisasiRPJMD.objects.update_or_create(indikator=x, tahun=y, defaults=v)
            self.bump("realisasi")

    def _opd(self, o: dict, path: str, rpjmd: RPJMD | None) -> None:
        opd = PerangkatDaerah.objects.filter(slug=o["slug"]).first()
        if opd is None or opd.pemda_id != self.pemda.pk:
            self.masalah.append(
                Masalah(
                    f"{path} › slug",
                    f"OPD '{o['slug']}' belum ada di {self.pemda}; impor berkas OPD-tahunnya lebih dahulu",
                )
            )
            return
        program = {p.kode: p for p in Program.objects.filter(opd=opd)}
        kegiatan = {k.kode: k for k in Kegiatan.objects.filter(program__opd=opd)}
        sub = {
            s.kode: s
            for s in SubKegiatan.objects.filter(kegiatan__program__opd=opd).exclude(kode="")
        }
        if o["jabatan"]:
            lama = {j.kode: j for j in Jabatan.objects.filter(opd=opd)}
            baru: dict[str, Jabatan] = {}
            for i, j in enumerate(o["jabatan"]):
                jb = lama.get(j["kode"]) or Jabatan(opd=opd, kode=j["kode"])
                jb.nama, jb.jenis, jb.urutan = j["nama"], j["jenis"], i
                jb.atasan = baru.get(j["atasan"]) if j["atasan"] else None
                jb.pemegang_nama = j["pemegang"]["nama"]
                jb.pemegang_pangkat = j["pemegang"]["pangkat"]
                jb.pemegang_nip = j["pemegang"]["nip"]
                jb.save()
                baru[j["kode"]] = jb
                self.bump("jabatan")
            jp = f"{path} › jabatan"
            Program.objects.filter(opd=opd).update(jabatan=None)
            Kegiatan.objects.filter(program__opd=opd).update(jabatan=None)
            SubKegiatan.objects.filter(kegiatan__program__opd=opd).update(jabatan=None)
            for j in o["jabatan"]:
                for key, pool, model in (
                    ("program", program, Program),
                    ("kegiatan", kegiatan, Kegiatan),
                    ("sub_kegiatan", sub, SubKegiatan),
                ):
                    for kode in j[key]:
                        if kode not in pool:
                            self.masalah.append(
                                Masalah(
                                    f"{jp} {j['kode']} › {key}",
                                    f"{key.replace('_', ' ')} '{kode}' tidak ada di {opd}",
                                )
                            )
                            continue
                        model.objects.filter(pk=pool[kode].pk).update(jabatan=baru[j["kode"]])
            sisa = [jb for k, jb in lama.items() if k not in baru]
            for jb in sisa:
                if jb.perjanjian_kinerja.exists():
                    self.masalah.append(
                        Masalah(
                            jp,
                            f"jabatan '{jb.kode}' tidak ada di berkas tetapi punya Perjanjian Kinerja; tidak dihapus",
                        )
                    )
            if not self.masalah:
                Jabatan.objects.filter(pk__in=[jb.pk for jb in sisa]).update(atasan=None)
                Jabatan.objects.filter(pk__in=[jb.pk for jb in sisa]).delete()
        if rpjmd is None:
            return
        sel = o["selaras"]
        sp = f"{path} › selaras"
        tujuan = {t.kode: t for t in Tujuan.objects.filter(renstra__opd=opd)}
        sasaran = {s.kode: s for s in Sasaran.objects.filter(tujuan__renstra__opd=opd)}
        indikator = {i.kode: i for i in Indikator.objects.filter(opd=opd)}
        for key, pool, target, field_name in (
            ("tujuan", tujuan, self.sasaran, "sasaran_rpjmd"),
            ("sasaran", sasaran, self.sasaran, "sasaran_rpjmd"),
            ("program", program, self.program, "program_rpjmd"),
            ("indikator", indikator, self.indikator, "indikator_rpjmd"),
        ):
            for kode_opd, kode_rpjmd in sel.get(key, {}).items():
                obj = pool.get(kode_opd)
                if obj is None:
                    self.masalah.append(
                        Masalah(
                            f"{sp} › {key} › {kode_opd}", f"{key} '{kode_opd}' tidak ada di {opd}"
                        )
                    )
                    continue
                type(obj).objects.filter(pk=obj.pk).update(**{field_name: target[kode_rpjmd]})
                self.bump("keselarasan")


# -- ekspor --------------------------------------------------------------------------------


def _num(value):
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else value.normalize()


def export_pemda_data(pemda: Pemda, tahun: int | None = None) -> dict:
    from sakip.rpjmd.services import rpjmd_berlaku

    out: dict = {"format": f"{FORMAT_PEMDA} {FORMAT_PEMDA_VERSION}"}
    if tahun:
        out["tahun"] = tahun
    rp = (
        rpjmd_berlaku(pemda, tahun)
        if tahun
        else pemda.rpjmd.order_by("-tahun_awal", "-versi").first()
    )
    if rp and rp.contoh:
        out["contoh"] = True
    out["pemda"] = {"slug": pemda.slug, "nama": pemda.nama, "jenis": pemda.jenis}
    for k in ("provinsi", "ibukota", "jabatan_kepala_daerah", "kepala_daerah_nama"):
        if getattr(pemda, k):
            out["pemda"][k] = getattr(pemda, k)
    if rp:
        r: dict = {"jenis": rp.jenis, "tahun_awal": rp.tahun_awal, "tahun_akhir": rp.tahun_akhir}
        if rp.versi != 1:
            r["versi"] = rp.versi
        for k in ("nama", "dasar_hukum", "visi", "misi", "alasan_perubahan", "sumber", "catatan"):
            if getattr(rp, k):
                r[k] = getattr(rp, k)
        inds: dict[tuple, list] = {}
        for ind in rp.indikator.prefetch_related("target", "realisasi"):
            x: dict = {"kode": ind.kode, "nama": ind.nama}
            for k in ("satuan", "formula", "sumber_data", "catatan"):
                if getattr(ind, k):
                    x[k] = getattr(ind, k)
            if not ind.iku:
                x["iku"] = False
            if ind.polaritas != "naik":
                x["polaritas"] = ind.polaritas
            for k in ("kondisi_awal", "kondisi_awal_tahun", "kondisi_akhir"):
                if getattr(ind, k) is not None:
                    x[k] = _num(getattr(ind, k))
            tg = {
                t.tahun: (
                    [_num(t.nilai), _num(t.nilai_atas)]
                    if t.nilai_atas is not None
                    else _num(t.nilai)
                )
                for t in ind.target.all()
            }
            if tg:
                x["target"] = yamlio.Flow(tg)
            rl = {}
            for v in ind.realisasi.all():
                rv = {"nilai": _num(v.nilai), "sumber": v.sumber}
                if v.catatan:
                    rv["catatan"] = v.catatan
                rl[v.tahun] = rv
            if rl:
                x["realisasi"] = rl
            inds.setdefault(
                ("t", ind.tujuan_id) if ind.tujuan_id else ("s", ind.sasaran_id), []
            ).append(x)
        tujuan = []
        for t in rp.tujuan.prefetch_related("sasaran"):
            td: dict = {"kode": t.kode, "uraian": t.uraian}
            if t.misi:
                td["misi"] = t.misi
            if inds.get(("t", t.pk)):
                td["indikator"] = inds[("t", t.pk)]
            sas = []
            for s in t.sasaran.all():
                sd: dict = {"kode": s.kode, "uraian": s.uraian}
                if s.catatan:
                    sd["catatan"] = s.catatan
                if inds.get(("s", s.pk)):
                    sd["indikator"] = inds[("s", s.pk)]
                sas.append(sd)
            if sas:
                td["sasaran"] = sas
            tujuan.append(td)
        if tujuan:
            r["tujuan"] = tujuan
        prog = []
        for p in rp.program.select_related("bidang_urusan").prefetch_related("sasaran"):
            pd: dict = {"kode": p.kode, "nama": p.nama}
            if p.bidang_urusan:
                pd["bidang_urusan"] = p.bidang_urusan.kode
            if p.sasaran.all():
                pd["sasaran"] = [s.kode for s in p.sasaran.all()]
            if p.pagu_indikatif is not None:
                pd["pagu_indikatif"] = _num(p.pagu_indikatif)
            prog.append(pd)
        if prog:
            r["program"] = prog
        out["rpjmd"] = r
    opds = []
    for opd in pemda.opd.order_by("slug"):
        o: dict = {"slug": opd.slug}
        jab = []
        tugas: dict[int, dict[str, list]] = {}
        for model, key, kf in (
            (Program, "program", "opd"),
            (Kegiatan, "kegiatan", "program__opd"),
            (SubKegiatan, "sub_kegiatan", "kegiatan__program__opd"),
        ):
            for kode, jid in (
                model.objects.filter(**{kf: opd}, jabatan__isnull=False)
                .values_list("kode", "jabatan_id")
                .order_by("kode")
            ):
                tugas.setdefault(jid, {}).setdefault(key, []).append(kode)
        for j in opd.jabatan.select_related("atasan"):
            jd: dict = {"kode": j.kode, "nama": j.nama, "jenis": j.jenis}
            if j.atasan:
                jd["atasan"] = j.atasan.kode
            pg = {
                k: getattr(j, f"pemegang_{k}")
                for k in ("nama", "pangkat", "nip")
                if getattr(j, f"pemegang_{k}")
            }
            if pg:
                jd["pemegang"] = pg
            for key, kodes in tugas.get(j.pk, {}).items():
                jd[key] = kodes
            jab.append(jd)
        if jab:
            o["jabatan"] = jab
        if rp:
            sel: dict = {}
            for key, qs, f in (
                (
                    "tujuan",
                    Tujuan.objects.filter(renstra__opd=opd, sasaran_rpjmd__tujuan__rpjmd=rp),
                    "sasaran_rpjmd__kode",
                ),
                (
                    "sasaran",
                    Sasaran.objects.filter(
                        tujuan__renstra__opd=opd, sasaran_rpjmd__tujuan__rpjmd=rp
                    ),
                    "sasaran_rpjmd__kode",
                ),
                (
                    "program",
                    Program.objects.filter(opd=opd, program_rpjmd__rpjmd=rp),
                    "program_rpjmd__kode",
                ),
                (
                    "indikator",
                    Indikator.objects.filter(opd=opd, indikator_rpjmd__rpjmd=rp),
                    "indikator_rpjmd__kode",
                ),
            ):
                m = dict(qs.order_by("kode").values_list("kode", f))
                if m:
                    sel[key] = m
            if sel:
                o["selaras"] = sel
        if len(o) > 1:
            opds.append(o)
    if opds:
        out["opd"] = opds
    return out


def export_pemda_text(pemda: Pemda, tahun: int | None = None) -> str:
    return yamlio.dump(export_pemda_data(pemda, tahun))
