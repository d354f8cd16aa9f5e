"""Menulis berkas Pemda (``sakip/pemda``) yang sudah divalidasi :mod:`.pemda` ke basis data (satu
transaksi), dan mengekspor RPJMD, jabatan dan keselarasan sebuah Pemda kembali menjadi berkas."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from sakip.organisations.models import Jabatan, Pemda, PerangkatDaerah, Urusan
from sakip.planning.models import Indikator, Kegiatan, Program, Sasaran, SubKegiatan, Tujuan
from sakip.rpjmd.models import (
    MEDAN_INDIKATOR_RPJMD,
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
from .dasar import InvalidDocument, Masalah
from .pemda import FORMAT_PEMDA, FORMAT_PEMDA_VERSION
from .yamlio import Flow


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
        for k in MEDAN_INDIKATOR_RPJMD:
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
            if ind.kondisi_awal is not None:  # satu bentuk dengan berkas OPD-tahun
                x["kondisi_awal"] = (
                    Flow(tahun=ind.kondisi_awal_tahun, nilai=_num(ind.kondisi_awal))
                    if ind.kondisi_awal_tahun
                    else _num(ind.kondisi_awal)
                )
            if ind.kondisi_akhir is not None:
                x["kondisi_akhir"] = _num(ind.kondisi_akhir)
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
