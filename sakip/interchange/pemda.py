"""Berkas Pemda (format ``sakip/pemda``, versi 1): RPJMD, jabatan OPD dan keselarasan.

Satu berkas memuat satu versi RPJMD (tujuan → sasaran → indikator dengan target dan realisasi,
program), lalu untuk setiap OPD: struktur jabatan (atasan, pemegang, program/kegiatan/sub kegiatan
yang menjadi tanggung jawabnya) dan keselarasannya dengan RPJMD (tujuan/sasaran OPD → sasaran
RPJMD, program OPD → program RPJMD, indikator OPD → indikator RPJMD yang sama).

OPD dan Renstra-nya harus sudah ada (impor berkas OPD-tahun lebih dahulu): berkas ini hanya
menunjuk kodenya. Seperti berkas OPD: semua masalah dikumpulkan dengan letaknya, dan bila ada satu
saja, tidak ada yang ditulis. Spesifikasi: ``docs/format-berkas-pemda.md``.

Susunannya sama dengan format OPD-tahun: dasar bersama di :mod:`.dasar`, validasi di sini,
penulisan dan ekspor di :mod:`.pemda_tulis` (format OPD: :mod:`.schema`, :mod:`.importer`,
:mod:`.exporter`).
"""

from __future__ import annotations

from decimal import Decimal

from sakip.core.capaian import Polaritas
from sakip.organisations.models import Jabatan
from sakip.rpjmd.models import MEDAN_INDIKATOR_RPJMD

from .dasar import SLUG, InvalidDocument, Konteks, Masalah, kondisi_awal, nilai_target

FORMAT_PEMDA = "sakip/pemda"
FORMAT_PEMDA_VERSION = 1
JENIS_JABATAN = tuple(Jabatan.Jenis.values)
POLARITAS = tuple(p.value for p in Polaritas)

# kunci YAML indikator daerah: medan modelnya (satu daftar, rpjmd.models) dan rinciannya;
# kondisi_awal_tahun hanya bentuk lama (kini di dalam kondisi_awal: {tahun, nilai})
INDIKATOR_KEYS = {"kode", "target", "realisasi", *MEDAN_INDIKATOR_RPJMD}


# -- validasi ------------------------------------------------------------------------------


def _indikator(ctx: Konteks, m, path: str, seen: set, tahun: tuple[int, int] | None) -> dict | None:
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
        "kondisi_awal": None,
        "kondisi_awal_tahun": None,
        "kondisi_akhir": ctx.number(m, "kondisi_akhir", path),
        "catatan": ctx.text(m, "catatan", path),
        "target": {},
        "realisasi": {},
    }
    d["kondisi_awal"], d["kondisi_awal_tahun"] = kondisi_awal(ctx, m, path)
    tg = ctx.mapping(m.get("target"), f"{path} › target", required=False) or {}
    for y, v in tg.items():
        tp = f"{path} › target {y}"
        year = ctx.year(y, tp, tg)
        if year is None:
            continue
        if tahun and not tahun[0] <= year <= tahun[1]:
            ctx.err(tp, f"tahun {year} di luar periode RPJMD {tahun[0]}–{tahun[1]}", tg)
            continue
        val = nilai_target(ctx, v, tp, tg)
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


def _rpjmd(ctx: Konteks, rm, doc: dict) -> None:
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


def _kode_list(ctx: Konteks, m: dict, key: str, path: str) -> list[str]:
    v = m.get(key) or []
    if not isinstance(v, list):
        ctx.err(f"{path} › {key}", "harus berupa daftar kode", m)
        return []
    return [str(x).strip() for x in v]


def _opd(ctx: Konteks, om, path: str, doc: dict) -> dict | None:
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
    ctx = Konteks()
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
