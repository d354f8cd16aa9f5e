"""Validasi bagian-bagian berkas OPD-tahun: Pemda dan OPD, Renstra, program (kegiatan, sub
kegiatan, anggaran), Perjanjian Kinerja, seri data, narasi dan nilai tercetak. Setiap fungsi
membaca satu bagian dari ``root`` ke ``doc`` dan mencatat masalahnya di konteks."""

from __future__ import annotations

from decimal import Decimal

from sakip.core.kode import KodeError, Tingkat, parse_kode
from sakip.core.numbers import NumberFormatError, to_decimal
from sakip.reporting.models import KUNCI_NARASI

from .dasar import SLUG, Konteks, nilai_target, orang, teks_polos
from .schema_unsur import (
    JENIS_PEMDA,
    OBJEK_PREFIX,
    _anggaran,
    _Bersama,
    _indikator,
    berhenti,
)
from .yamlio import LDict


def _pemda_opd(ctx: Konteks, root: LDict, doc: dict, st: _Bersama) -> None:
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
        "kepala": orang(ctx, om.get("kepala"), "opd › kepala", ("nama", "pangkat", "nip")),
    }
    if doc["opd"]["slug"] and not SLUG.match(doc["opd"]["slug"]):
        ctx.err("opd › slug", "hanya huruf kecil, angka dan tanda hubung", om)
    st.bidang_known = {u["kode"] for u in urusan}

    pt = root.get("penandatangan")
    doc["penandatangan"] = orang(
        ctx, pt, "penandatangan", ("nama", "jabatan", "pangkat", "nip", "tempat", "tanggal")
    )
    if doc["penandatangan"]["tanggal"]:
        ctx.date(pt, "tanggal", "penandatangan")

    st.indikator_seen = {}


def _renstra(ctx: Konteks, root: LDict, doc: dict, st: _Bersama) -> None:
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


def _kinerja(ctx: Konteks, m, path: str) -> str:
    """Pernyataan kinerja (pohon kinerja), paling banyak 500 karakter."""
    teks = " ".join((ctx.text(m, "kinerja", path) or "").split())
    if len(teks) > 500:
        ctx.err(f"{path} › kinerja", f"paling banyak 500 karakter (tertulis {len(teks)})", m)
    return teks


def _program(ctx: Konteks, root: LDict, doc: dict, st: _Bersama) -> None:
    """Program → kegiatan → sub kegiatan dengan indikator dan anggaran."""
    doc["program"] = []
    st.program_codes = set()
    for i, p in enumerate(ctx.seq(root, "program", "berkas"), 1):
        pp = f"program ke-{i}"
        p = ctx.mapping(p, pp)
        if p is None:
            continue
        ctx.unknown_keys(
            p, {"kode", "nama", "kinerja", "sasaran", "indikator", "kegiatan", "berhenti"}, pp
        )
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
            "kinerja": _kinerja(ctx, p, pp),
            "sasaran": sas_refs,
            "indikator": [],
            "kegiatan": [],
            **berhenti(ctx, p, pp),
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
                k,
                {
                    "kode",
                    "nama",
                    "kinerja",
                    "sasaran",
                    "indikator",
                    "anggaran",
                    "sub_kegiatan",
                    "berhenti",
                },
                kp,
            )
            kk = ctx.kode(k, "kode", kp, Tingkat.KEGIATAN)
            if kk:
                kp = f"kegiatan {kk}"
                if pk and kk.induk() != pk:
                    ctx.err(f"{kp} › kode", f"kegiatan {kk} bukan bagian dari program {pk}", k)
                if str(kk) in keg_codes:
                    ctx.err(kp, "kode kegiatan dipakai dua kali", k)
                keg_codes.add(str(kk))
                st.kegiatan_codes.add(str(kk))
            sref = ctx.text(k, "sasaran", kp)
            if sref and sref not in st.sasaran_codes:
                ctx.err(f"{kp} › sasaran", f"sasaran '{sref}' tidak ada di Renstra", k)
            keg = {
                "kode": str(kk) if kk else "",
                "nama": ctx.text(k, "nama", kp, required=True),
                "kinerja": _kinerja(ctx, k, kp),
                "sasaran": sref,
                "indikator": [],
                "anggaran": _anggaran(ctx, k.get("anggaran"), f"{kp} › anggaran"),
                "sub_kegiatan": [],
                **berhenti(ctx, k, kp),
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
                ctx.unknown_keys(
                    s, {"kode", "nama", "kinerja", "indikator", "anggaran", "berhenti"}, sp
                )
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
                    st.sub_kegiatan_codes.add(str(sk))
                sname = ctx.text(s, "nama", sp, required=True)
                if sname in sub_names:
                    ctx.err(
                        sp, f"nama sub kegiatan '{sname}' dipakai dua kali dalam kegiatan ini", s
                    )
                sub_names.add(sname)
                sub = {
                    "kode": str(sk) if sk else "",
                    "nama": sname,
                    "kinerja": _kinerja(ctx, s, sp),
                    "indikator": [],
                    "anggaran": _anggaran(ctx, s.get("anggaran"), f"{sp} › anggaran"),
                    **berhenti(ctx, s, sp),
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


def _perjanjian_kinerja(ctx: Konteks, root: LDict, doc: dict, st: _Bersama) -> None:
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
            "pihak_pertama": orang(ctx, pkm.get("pihak_pertama"), f"{pp} › pihak_pertama"),
            "pihak_kedua": orang(
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
            tgt = nilai_target(ctx, it.get("target"), f"{ip} › target", it)
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
                                nilai_target(
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
                                "target": nilai_target(
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
            ctx.unknown_keys(am, {"program", "kegiatan", "sub_kegiatan", "pagu"}, ap)
            ref = ctx.text(am, "program", ap, required=True)
            if ref and ref not in st.program_codes:
                ctx.err(f"{ap} › program", f"program '{ref}' tidak ada dalam berkas", am)
            # PK eselon III/IV: anggaran per kegiatan atau sub kegiatan (di bawah program itu)
            unsur = {}
            for tingkat, kode_ada in (
                ("kegiatan", st.kegiatan_codes),
                ("sub_kegiatan", st.sub_kegiatan_codes),
            ):
                v = ctx.text(am, tingkat, ap)
                if v and v not in kode_ada:
                    label = tingkat.replace("_", " ")
                    ctx.err(f"{ap} › {tingkat}", f"{label} '{v}' tidak ada dalam berkas", am)
                elif v and ref and not v.startswith(ref + "."):
                    ctx.err(
                        f"{ap} › {tingkat}",
                        f"{tingkat.replace('_', ' ')} {v} bukan bagian dari program {ref}",
                        am,
                    )
                unsur[tingkat] = v
            if unsur["kegiatan"] and unsur["sub_kegiatan"]:
                if not unsur["sub_kegiatan"].startswith(unsur["kegiatan"] + "."):
                    ctx.err(
                        f"{ap} › sub_kegiatan",
                        f"sub kegiatan {unsur['sub_kegiatan']} bukan bagian dari kegiatan "
                        f"{unsur['kegiatan']}",
                        am,
                    )
            pk["anggaran"].append(
                {
                    "program": ref,
                    **unsur,
                    "pagu": ctx.number(am, "pagu", ap, required=True, minimum=Decimal(0)),
                }
            )
        doc["perjanjian_kinerja"].append(pk)
    if doc["perjanjian_kinerja"] and 1 not in versions:
        ctx.err("perjanjian_kinerja", "PK perubahan tanpa PK murni (versi 1)", root)


def _seri_data(ctx: Konteks, root: LDict, doc: dict, st: _Bersama) -> None:
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


def _narasi(ctx: Konteks, root: LDict, doc: dict, st: _Bersama) -> None:
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


def _tercetak(ctx: Konteks, root: LDict, doc: dict, st: _Bersama) -> None:
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
            teks = teks_raw if isinstance(teks_raw, str) else teks_polos(teks_raw)
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
