"""Ekspor satu OPD-tahun ke berkas pertukaran (kebalikan :mod:`importer`)."""

from __future__ import annotations

from decimal import Decimal

from sakip.budget.models import Anggaran
from sakip.measurement.models import SeriData
from sakip.organisations.models import PerangkatDaerah
from sakip.planning.models import Indikator, PerjanjianKinerja, Program, Renstra, TahunKinerja
from sakip.review.models import NilaiTercetak

from . import yamlio
from .schema import FORMAT_NAME, FORMAT_VERSION
from .yamlio import Flow


class ExportError(ValueError):
    pass


def _put(d: dict, key: str, value) -> None:
    """Tulis hanya nilai yang berisi, agar berkas tetap ringkas."""
    if value is None or value == "" or value == [] or value == {}:
        return
    d[key] = value


def _num(value: Decimal | None):
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def _target(nilai, atas):
    return [_num(nilai), _num(atas)] if atas is not None else _num(nilai)


def _indikator(ind: Indikator, auto_kode: str | None) -> dict:
    d: dict = {}
    if ind.kode != auto_kode:
        d["kode"] = ind.kode
    d["nama"] = ind.nama
    _put(d, "satuan", ind.satuan)
    if ind.iku:
        d["iku"] = True
    if ind.polaritas != "naik":
        d["polaritas"] = ind.polaritas
    if ind.agregasi != "terakhir":
        d["agregasi"] = ind.agregasi
    _put(d, "formula", ind.formula)
    _put(d, "pembilang", ind.pembilang)
    _put(d, "penyebut", ind.penyebut)
    if ind.pengali != Decimal(100):
        d["pengali"] = _num(ind.pengali)
    _put(d, "sumber_data", ind.sumber_data)
    _put(d, "penanggung_jawab", ind.penanggung_jawab)
    if ind.indikator_induk_id:
        d["sama_dengan"] = ind.indikator_induk.kode
    if ind.kondisi_awal is not None:
        if ind.kondisi_awal_tahun:
            d["kondisi_awal"] = Flow(tahun=ind.kondisi_awal_tahun, nilai=_num(ind.kondisi_awal))
        else:
            d["kondisi_awal"] = _num(ind.kondisi_awal)
    if ind.kondisi_akhir is not None:
        d["kondisi_akhir"] = _num(ind.kondisi_akhir)
    for f in ("batas_bawah", "batas_atas"):
        if getattr(ind, f) is not None:
            d[f] = _num(getattr(ind, f))
    _put(d, "berhenti", _berhenti(ind))
    targets = Flow((t.tahun, _target(t.nilai, t.nilai_atas)) for t in ind.target.all())
    _put(d, "target", targets)
    reals = []
    for r in ind.realisasi.all():
        rd: dict = Flow(tahun=r.tahun)
        if r.periode != "tahunan":
            rd["periode"] = r.periode
        if r.pembilang is not None:
            rd["pembilang"] = _num(r.pembilang)
            rd["penyebut"] = _num(r.penyebut)
        else:
            rd["nilai"] = _num(r.nilai)
        _put(rd, "catatan", r.catatan)
        _put(rd, "bukti", r.bukti)
        reals.append(rd)
    _put(d, "realisasi", reals)
    _put(d, "catatan", ind.catatan)
    return d


def _berhenti(obj) -> dict | None:
    """``berhenti: {tahun, alasan}`` bila unsur tidak dipakai lagi mulai suatu tahun."""
    if obj.berhenti_tahun is None:
        return None
    return {"tahun": obj.berhenti_tahun, "alasan": obj.alasan_berhenti}


def _indikator_list(qs, owner_kode: str | None) -> list[dict]:
    return [
        _indikator(ind, f"{owner_kode}-{i}" if owner_kode else None) for i, ind in enumerate(qs, 1)
    ]


def _anggaran(rows: list[Anggaran]) -> dict | None:
    year = [r for r in rows if r.triwulan is None]
    if not year:
        return None
    a = year[0]
    d: dict = Flow(pagu=_num(a.pagu), realisasi=_num(a.realisasi))
    _put(d, "catatan", a.catatan)
    tw = {
        r.triwulan: {"pagu": _num(r.pagu), "realisasi": _num(r.realisasi)}
        for r in rows
        if r.triwulan
    }
    _put(d, "triwulan", tw)
    return d


def export_data(opd: PerangkatDaerah, tahun: int, kosong_boleh: bool = False) -> dict:
    """Dokumen OPD-tahun (bentuk berkas pertukaran). ``kosong_boleh``: OPD yang belum punya data
    tahun itu menghasilkan kerangka (identitas, urusan, Renstra dan program yang sudah ada)."""
    tk = TahunKinerja.objects.filter(opd=opd, tahun=tahun).first()
    if tk is None:
        if not kosong_boleh:
            raise ExportError(f"{opd.nama} belum punya data tahun {tahun}")
        tk = TahunKinerja(opd=opd, tahun=tahun)
    pemda = opd.pemda
    out: dict = {"format": f"{FORMAT_NAME} {FORMAT_VERSION}", "tahun": tahun}
    _put(out, "sumber", tk.sumber)
    _put(out, "catatan", tk.catatan)
    pm: dict = {"slug": pemda.slug, "nama": pemda.nama, "jenis": pemda.jenis}
    _put(pm, "provinsi", pemda.provinsi)
    _put(pm, "ibukota", pemda.ibukota)
    _put(pm, "jabatan_kepala_daerah", pemda.jabatan_kepala_daerah)
    if pemda.metode_turun != "permenpan":
        pm["metode_turun"] = pemda.metode_turun
    out["pemda"] = pm
    om: dict = {"slug": opd.slug, "nama": opd.nama}
    _put(om, "singkatan", opd.singkatan)
    _put(om, "alamat", opd.alamat)
    om["urusan"] = [{"kode": u.kode, "nama": u.nama} for u in opd.urusan.order_by("kode")]
    kepala: dict = {}
    _put(kepala, "nama", opd.kepala_nama)
    _put(kepala, "pangkat", opd.kepala_pangkat)
    _put(kepala, "nip", opd.kepala_nip)
    _put(om, "kepala", kepala)
    out["opd"] = om
    pt: dict = {}
    _put(pt, "nama", tk.penandatangan_nama)
    _put(pt, "jabatan", tk.penandatangan_jabatan)
    _put(pt, "pangkat", tk.penandatangan_pangkat)
    _put(pt, "nip", tk.penandatangan_nip)
    _put(pt, "tempat", tk.tempat)
    _put(pt, "tanggal", tk.tanggal.isoformat() if tk.tanggal else None)
    _put(out, "penandatangan", pt)

    ind_qs = Indikator.objects.prefetch_related("target", "realisasi").order_by("urutan", "id")
    renstra = (
        Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
        .order_by("-tahun_awal")
        .first()
    )
    if renstra:
        rd: dict = {"tahun_awal": renstra.tahun_awal, "tahun_akhir": renstra.tahun_akhir}
        _put(rd, "nama", renstra.nama)
        _put(rd, "visi", renstra.visi)
        _put(rd, "misi", list(renstra.misi))
        tujuan_list = []
        for t in renstra.tujuan.order_by("urutan", "id"):
            td: dict = {"kode": t.kode, "uraian": t.uraian}
            _put(td, "indikator", _indikator_list(ind_qs.filter(tujuan=t), None))
            sas = []
            for s in t.sasaran.order_by("urutan", "id"):
                sd: dict = {"kode": s.kode, "uraian": s.uraian}
                _put(sd, "indikator", _indikator_list(ind_qs.filter(sasaran=s), None))
                sas.append(sd)
            _put(td, "sasaran", sas)
            tujuan_list.append(td)
        _put(rd, "tujuan", tujuan_list)
        out["renstra"] = rd

    anggaran: dict[tuple[str, int], list[Anggaran]] = {}
    for a in Anggaran.objects.filter(opd=opd, tahun=tahun).order_by("triwulan"):
        key = ("sub", a.sub_kegiatan_id) if a.sub_kegiatan_id else ("keg", a.kegiatan_id)
        anggaran.setdefault(key, []).append(a)

    programs = []
    for p in Program.objects.filter(opd=opd).order_by("urutan", "kode").prefetch_related("sasaran"):
        pd: dict = {"kode": p.kode, "nama": p.nama}
        _put(pd, "kinerja", p.kinerja or None)
        _put(pd, "berhenti", _berhenti(p))
        _put(pd, "sasaran", [s.kode for s in p.sasaran.order_by("tujuan__urutan", "urutan", "id")])
        _put(pd, "indikator", _indikator_list(ind_qs.filter(program=p), p.kode))
        kegs = []
        for k in p.kegiatan.order_by("urutan", "kode"):
            kd: dict = {"kode": k.kode, "nama": k.nama}
            _put(kd, "kinerja", k.kinerja or None)
            _put(kd, "berhenti", _berhenti(k))
            _put(kd, "sasaran", k.sasaran.kode if k.sasaran_id else None)
            _put(kd, "indikator", _indikator_list(ind_qs.filter(kegiatan=k), k.kode))
            _put(kd, "anggaran", _anggaran(anggaran.get(("keg", k.id), [])))
            subs = []
            for s in k.sub_kegiatan.order_by("urutan", "id"):
                sd = {}
                _put(sd, "kode", s.kode)
                sd["nama"] = s.nama
                _put(sd, "kinerja", s.kinerja or None)
                _put(sd, "berhenti", _berhenti(s))
                _put(
                    sd, "indikator", _indikator_list(ind_qs.filter(sub_kegiatan=s), s.kode or None)
                )
                _put(sd, "anggaran", _anggaran(anggaran.get(("sub", s.id), [])))
                subs.append(sd)
            _put(kd, "sub_kegiatan", subs)
            kegs.append(kd)
        _put(pd, "kegiatan", kegs)
        programs.append(pd)
    _put(out, "program", programs)

    pks = []
    for pk in PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun, jabatan__isnull=True).order_by(
        "versi"
    ):
        d: dict = {"versi": pk.versi, "jenis": pk.jenis}
        _put(d, "tanggal", pk.tanggal.isoformat() if pk.tanggal else None)
        p1: dict = {}
        for k in ("nama", "jabatan", "pangkat", "nip"):
            _put(p1, k, getattr(pk, f"pihak_pertama_{k}"))
        _put(d, "pihak_pertama", p1)
        p2: dict = {}
        for k in ("nama", "jabatan"):
            _put(p2, k, getattr(pk, f"pihak_kedua_{k}"))
        _put(d, "pihak_kedua", p2)
        _put(d, "alasan_perubahan", pk.alasan_perubahan)
        items = []
        for it in (
            pk.indikator.select_related("indikator")
            .prefetch_related("rencana_aksi")
            .order_by("urutan")
        ):
            idd: dict = {
                "indikator": it.indikator.kode,
                "target": _target(it.target, it.target_atas),
            }
            ra = {}
            for r in it.rencana_aksi.order_by("triwulan"):
                t = None if r.target is None else _target(r.target, r.target_atas)
                ra[r.triwulan] = (
                    {"target": t, "rencana_kegiatan": r.rencana_kegiatan}
                    if r.rencana_kegiatan
                    else t
                )
            _put(idd, "rencana_aksi", ra)
            items.append(idd)
        _put(d, "indikator", items)
        _put(
            d,
            "anggaran",
            [
                {"program": a.program.kode}
                | ({"kegiatan": a.kegiatan.kode} if a.kegiatan_id and not a.sub_kegiatan_id else {})
                | ({"sub_kegiatan": a.sub_kegiatan.kode} if a.sub_kegiatan_id else {})
                | {"pagu": _num(a.pagu)}
                for a in pk.anggaran.select_related("program", "kegiatan", "sub_kegiatan")
            ],
        )
        pks.append(d)
    _put(out, "perjanjian_kinerja", pks)

    series = []
    for s in SeriData.objects.filter(opd=opd).select_related("indikator").order_by("id"):
        sd = {"kode": s.kode, "nama": s.nama}
        _put(sd, "satuan", s.satuan)
        _put(sd, "sumber", s.sumber)
        _put(sd, "indikator", s.indikator.kode if s.indikator_id else None)
        _put(sd, "catatan", s.catatan)
        vals = []
        for n in s.nilai.order_by("urutan", "id"):
            nd: dict = Flow()
            _put(nd, "wilayah", n.wilayah)
            nd["tahun"] = n.tahun
            nd["nilai"] = _num(n.nilai)
            if n.agregat:
                nd["agregat"] = True
            vals.append(nd)
        sd["nilai"] = vals
        series.append(sd)
    _put(out, "seri_data", series)

    claims = []
    for c in NilaiTercetak.objects.filter(opd=opd, tahun=tahun).order_by("urutan", "id"):
        cd: dict = Flow(lokasi=c.lokasi, objek=c.objek, atribut=c.atribut)
        _put(cd, "periode", c.periode)
        cd["teks"] = c.teks
        _put(cd, "catatan", c.catatan)
        claims.append(cd)
    _put(out, "tercetak", claims)
    from sakip.reporting.models import Narasi

    narasi = {
        x.kunci: x.teks for x in Narasi.objects.filter(opd=opd, tahun=tahun).order_by("kunci")
    }
    _put(out, "narasi", narasi)
    return out


def export_text(opd: PerangkatDaerah, tahun: int) -> str:
    return yamlio.dump(export_data(opd, tahun))
