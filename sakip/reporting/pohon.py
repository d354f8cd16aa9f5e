"""Pohon kinerja: dari RPJMD (tujuan, sasaran, indikator daerah) ke tujuan/sasaran setiap OPD yang
mendukungnya, lalu program → kegiatan → sub kegiatan dengan jabatan penanggung jawabnya, capaian
setiap indikator, warna predikat setiap simpul dan anggarannya; juga cross-cutting (OPD mana yang
mendukung satu sasaran RPJMD).

Seluruh pohon satu Pemda dibangun dengan jumlah kueri tetap (tidak bertambah dengan jumlah OPD,
jabatan atau indikator): semua baris dimuat per jenis sekaligus lalu dirangkai di Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from sakip.budget.models import Anggaran
from sakip.core.anggaran import NOL, JumlahAnggaran
from sakip.core.capaian import HasilCapaian, Polaritas, hitung_capaian
from sakip.core.predikat import Kategori
from sakip.measurement.services import BarisPengukuran, _baris, _dengan_data_tahun, urutan_pohon
from sakip.organisations.models import Jabatan, Pemda, PerangkatDaerah
from sakip.organisations.permissions import (
    dapat_melihat,
    dapat_melihat_pemda,
    dapat_melihat_semua_opd,
)
from sakip.planning.models import (
    Crosscutting,
    Indikator,
    Kegiatan,
    Program,
    Sasaran,
    SubKegiatan,
    Tujuan,
)
from sakip.rpjmd.models import RPJMD, IndikatorRPJMD, SasaranRPJMD
from sakip.rpjmd.services import rpjmd_berlaku
from sakip.workflow.models import StatusAlur

LABEL_JENIS = {
    "rpjmd": "RPJMD",
    "tujuan_rpjmd": "Tujuan RPJMD",
    "sasaran_rpjmd": "Sasaran RPJMD",
    "opd": "Perangkat Daerah",
    "tujuan": "Tujuan OPD",
    "sasaran": "Sasaran OPD",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "Sub Kegiatan",
}

# jenjang pemilik kinerja (pohon kinerja: Kepala Daerah → Kepala OPD → eselon III → eselon IV)
TINGKAT = {
    "tujuan_rpjmd": "Kepala Daerah",
    "sasaran_rpjmd": "Kepala Daerah",
    "tujuan": "Kepala Perangkat Daerah",
    "sasaran": "Kepala Perangkat Daerah",
    "program": "Eselon III",
    "kegiatan": "Eselon IV",
    "sub_kegiatan": "Eselon IV / pelaksana",
}


@dataclass
class BarisIndikator:
    """Satu indikator pada simpul: target, realisasi, capaian dan predikatnya."""

    nama: str
    satuan: str
    target: Decimal | None
    realisasi: Decimal | None
    capaian: HasilCapaian
    predikat: Kategori | None
    sumber: str = ""
    obj: object = None


@dataclass
class SimpulPohon:
    jenis: str
    kode: str
    nama: str
    indikator: list[BarisIndikator] = field(default_factory=list)
    anak: list[SimpulPohon] = field(default_factory=list)
    jabatan: Jabatan | None = None
    opd: PerangkatDaerah | None = None
    anggaran: JumlahAnggaran | None = None
    predikat: Kategori | None = None
    capaian: Decimal | None = None
    obj: object = None
    # crosscutting yang diterima: mitra (OPD lain atau instansi vertikal) yang ikut mencapai kinerja ini
    crosscutting: list = field(default_factory=list)

    @property
    def label_jenis(self) -> str:
        return LABEL_JENIS[self.jenis]

    @property
    def kinerja(self) -> str:
        """Pernyataan kinerja simpul: uraian tujuan/sasaran (sudah berupa kinerja), atau yang
        dirumuskan untuk program, kegiatan dan sub kegiatan (kosong: belum dirumuskan)."""
        if self.jenis in ("program", "kegiatan", "sub_kegiatan"):
            return getattr(self.obj, "kinerja", "") or ""
        return self.nama if self.jenis in TINGKAT else ""

    @property
    def tingkat(self) -> str:
        """Pemilik kinerja simpul ini dalam jenjang pohon kinerja."""
        return TINGKAT.get(self.jenis, "")

    def iter(self):
        yield self
        for a in self.anak:
            yield from a.iter()


@dataclass
class Kontribusi:
    """Satu OPD yang mendukung satu sasaran RPJMD (cross-cutting)."""

    opd: PerangkatDaerah
    unsur: list[str]  # tujuan/sasaran OPD yang ditautkan
    indikator: list[BarisIndikator]


@dataclass
class PohonPemda:
    pemda: Pemda
    tahun: int
    rpjmd: RPJMD | None
    akar: SimpulPohon | None
    kontribusi: dict[int, list[Kontribusi]]  # id sasaran RPJMD → OPD pendukung
    sasaran_tanpa_opd: list[SasaranRPJMD]
    unsur_opd_tanpa_rpjmd: list[tuple[PerangkatDaerah, str]]
    opd: dict[int, SimpulPohon]  # id OPD → simpul OPD (subpohon Renstra OPD itu)
    indikator_rpjmd: list[tuple[IndikatorRPJMD, BarisIndikator]]


def _baris_opd(b: BarisPengukuran) -> BarisIndikator:
    return BarisIndikator(
        b.indikator.nama,
        b.indikator.satuan,
        b.target.bawah if b.target else None,
        b.realisasi,
        b.capaian,
        b.predikat,
        b.sumber_target,
        b.indikator,
    )


def _baris_rpjmd(
    ind: IndikatorRPJMD, tahun: int, pemda: Pemda, skala, dari_opd: dict
) -> BarisIndikator:
    """Realisasi indikator daerah: yang dicatat untuk RPJMD (dengan sumbernya), atau bila belum
    dicatat dan tepat satu OPD mengukur indikator yang sama, realisasi OPD itu (sumber: OPD itu)."""
    t = next((x for x in ind.target.all() if x.tahun == tahun), None)
    r = next((x for x in ind.realisasi.all() if x.tahun == tahun), None)
    nilai, sumber = (r.nilai, r.sumber) if r else (None, "")
    opd_sama = dari_opd.get(ind.pk, [])
    if r is None and len(opd_sama) == 1 and opd_sama[0][1].realisasi is not None:
        opd, b = opd_sama[0]
        nilai, sumber = b.realisasi, f"realisasi {opd.nama} (indikator yang sama)"
    hasil = hitung_capaian(
        t.as_target if t else None,
        nilai,
        ind.polaritas,
        pemda.metode_turun,
        pemda.batas_capaian_maks,
    )
    pred = skala[ind.polaritas == Polaritas.TURUN].predikat(hasil.nilai)
    return BarisIndikator(
        ind.nama, ind.satuan, t.nilai if t else None, nilai, hasil, pred, sumber, ind
    )


def _warnai(node: SimpulPohon, skala) -> None:
    """Capaian simpul = rata-rata capaian indikatornya; bila tak berindikator, rata-rata anaknya."""
    for a in node.anak:
        _warnai(a, skala)
    nilai = [b.capaian.nilai for b in node.indikator if b.capaian.nilai is not None]
    if not nilai:
        nilai = [a.capaian for a in node.anak if a.capaian is not None]
    if nilai:
        node.capaian = sum(nilai, Decimal(0)) / len(nilai)
        node.predikat = skala[False].predikat(node.capaian)


def bangun_pohon(pemda: Pemda, tahun: int, opd: PerangkatDaerah | None = None) -> PohonPemda:
    """Pohon kinerja Pemda (atau satu OPD bila ``opd``) untuk ``tahun``."""
    skala = (pemda.skala(), pemda.skala(turun=True))
    rpjmd = rpjmd_berlaku(pemda, tahun)
    opds = [opd] if opd else list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama"))
    opd_ids = [o.pk for o in opds]
    by_opd = {o.pk: o for o in opds}
    for o in opds:
        o.pemda = pemda

    # -- data OPD: semua jenis sekaligus ----------------------------------------------------
    jabatan = {j.pk: j for j in Jabatan.objects.filter(opd_id__in=opd_ids)}
    tujuan = list(
        Tujuan.objects.filter(renstra__opd_id__in=opd_ids)
        .select_related("renstra")
        .order_by("renstra__tahun_awal", "urutan", "kode")
    )
    tujuan = [t for t in tujuan if t.renstra.tahun_awal <= tahun <= t.renstra.tahun_akhir]
    sasaran = list(
        Sasaran.objects.filter(tujuan__in=tujuan).order_by("tujuan_id", "urutan", "kode")
    )
    programs = list(
        Program.objects.filter(opd_id__in=opd_ids)
        .prefetch_related(Prefetch("sasaran", queryset=Sasaran.objects.order_by()))
        .order_by("kode")
    )
    kegiatan = list(Kegiatan.objects.filter(program__opd_id__in=opd_ids).order_by("kode"))
    subs = list(
        SubKegiatan.objects.filter(kegiatan__program__opd_id__in=opd_ids).order_by("urutan", "kode")
    )
    anggaran_sub: dict[int, JumlahAnggaran] = {}
    anggaran_keg: dict[int, JumlahAnggaran] = {}
    for a in Anggaran.objects.filter(opd_id__in=opd_ids, tahun=tahun, triwulan__isnull=True):
        j = JumlahAnggaran(a.pagu, a.realisasi)
        if a.sub_kegiatan_id:
            anggaran_sub[a.sub_kegiatan_id] = anggaran_sub.get(a.sub_kegiatan_id, NOL) + j
        elif a.kegiatan_id:
            anggaran_keg[a.kegiatan_id] = anggaran_keg.get(a.kegiatan_id, NOL) + j

    ind_by_owner: dict[tuple[str, int], list[BarisIndikator]] = {}
    dari_opd: dict[int, list[tuple[PerangkatDaerah, BarisIndikator]]] = {}
    semua_ind = _dengan_data_tahun(Indikator.objects.filter(opd_id__in=opd_ids), tahun)
    for ind in sorted(semua_ind, key=urutan_pohon):
        b = _baris(ind, tahun, pemda, *skala)
        if b is None:
            continue
        bi = _baris_opd(b)
        if ind.indikator_rpjmd_id:
            dari_opd.setdefault(ind.indikator_rpjmd_id, []).append((by_opd[ind.opd_id], bi))
        ind_by_owner.setdefault((ind.tingkat, getattr(ind, ind.tingkat + "_id")), []).append(bi)

    def _sub(s: SubKegiatan) -> SimpulPohon:
        return SimpulPohon(
            "sub_kegiatan",
            s.kode,
            s.nama,
            ind_by_owner.get(("sub_kegiatan", s.pk), []),
            jabatan=jabatan.get(s.jabatan_id),
            anggaran=anggaran_sub.get(s.pk),
            obj=s,
        )

    subs_by_keg: dict[int, list[SubKegiatan]] = {}
    for s in subs:
        subs_by_keg.setdefault(s.kegiatan_id, []).append(s)

    def _keg(k: Kegiatan, jab_prog: int | None) -> SimpulPohon:
        anak = [_sub(s) for s in subs_by_keg.get(k.pk, [])]
        jid = k.jabatan_id or jab_prog
        for a in anak:
            a.jabatan = a.jabatan or jabatan.get(jid)
        total = anggaran_keg.get(k.pk, NOL)
        for a in anak:
            total = total + (a.anggaran or NOL)
        return SimpulPohon(
            "kegiatan",
            k.kode,
            k.nama,
            ind_by_owner.get(("kegiatan", k.pk), []),
            anak,
            jabatan=jabatan.get(jid),
            anggaran=total if (anak or k.pk in anggaran_keg) else None,
            obj=k,
        )

    keg_by_prog: dict[int, list[Kegiatan]] = {}
    for k in kegiatan:
        keg_by_prog.setdefault(k.program_id, []).append(k)

    def _prog(p: Program) -> SimpulPohon:
        anak = [_keg(k, p.jabatan_id) for k in keg_by_prog.get(p.pk, [])]
        total = NOL
        for a in anak:
            total = total + (a.anggaran or NOL)
        return SimpulPohon(
            "program",
            p.kode,
            p.nama,
            ind_by_owner.get(("program", p.pk), []),
            anak,
            jabatan=jabatan.get(p.jabatan_id),
            anggaran=total if anak else None,
            obj=p,
        )

    prog_by_sasaran: dict[int, list[Program]] = {}
    prog_tanpa: dict[int, list[Program]] = {}
    sasaran_berlaku = {s.pk for s in sasaran}
    for p in programs:
        # sasaran Renstra yang berlaku tahun ini; program yang hanya menunjang sasaran Renstra lain
        # (atau tidak menunjang sasaran) tetap tampil langsung di bawah OPD-nya
        linked = [s.pk for s in p.sasaran.all() if s.pk in sasaran_berlaku]
        if not linked:
            prog_tanpa.setdefault(p.opd_id, []).append(p)
        for sid in linked:
            prog_by_sasaran.setdefault(sid, []).append(p)

    kepala = {j.opd_id: j for j in jabatan.values() if j.atasan_id is None}
    sas_by_tujuan: dict[int, list[Sasaran]] = {}
    for s in sasaran:
        sas_by_tujuan.setdefault(s.tujuan_id, []).append(s)
    opd_nodes: dict[int, SimpulPohon] = {}
    node_tujuan: dict[int, SimpulPohon] = {}
    node_sasaran: dict[int, SimpulPohon] = {}
    for o in opds:
        on = SimpulPohon("opd", o.singkatan or "", o.nama, jabatan=kepala.get(o.pk), opd=o, obj=o)
        opd_nodes[o.pk] = on
    for t in tujuan:
        tn = SimpulPohon(
            "tujuan",
            t.kode,
            t.uraian,
            ind_by_owner.get(("tujuan", t.pk), []),
            jabatan=kepala.get(t.renstra.opd_id),
            opd=by_opd[t.renstra.opd_id],
            obj=t,
        )
        for s in sas_by_tujuan.get(t.pk, []):
            sn = SimpulPohon(
                "sasaran",
                s.kode,
                s.uraian,
                ind_by_owner.get(("sasaran", s.pk), []),
                [_prog(p) for p in prog_by_sasaran.get(s.pk, [])],
                jabatan=kepala.get(t.renstra.opd_id),
                opd=by_opd[t.renstra.opd_id],
                obj=s,
            )
            node_sasaran[s.pk] = sn
            tn.anak.append(sn)
        node_tujuan[t.pk] = tn
        opd_nodes[t.renstra.opd_id].anak.append(tn)
    for oid, progs in prog_tanpa.items():
        if progs:
            opd_nodes[oid].anak.extend(_prog(p) for p in progs)
    # crosscutting yang diterima: mitra yang ikut mencapai kinerja sasaran OPD itu
    for c in Crosscutting.objects.filter(
        sasaran_id__in=list(node_sasaran), tahun=tahun, status=StatusAlur.DISETUJUI
    ).select_related("mitra_opd"):
        node_sasaran[c.sasaran_id].crosscutting.append(c)
    for on in opd_nodes.values():
        total = NOL
        ada = False
        for n in on.iter():
            if n.jenis == "program" and n.anggaran is not None:
                total, ada = total + n.anggaran, True
        on.anggaran = total if ada else None
        _warnai(on, skala)

    # -- RPJMD ------------------------------------------------------------------------------
    kontribusi: dict[int, list[Kontribusi]] = {}
    indikator_rpjmd: list[tuple[IndikatorRPJMD, BarisIndikator]] = []
    akar = None
    tanpa_opd: list[SasaranRPJMD] = []
    tanpa_rpjmd: list[tuple[PerangkatDaerah, str]] = []
    if rpjmd is not None:
        from sakip.rpjmd.services import muat_pohon

        akar = SimpulPohon("rpjmd", "", rpjmd.visi or str(rpjmd), obj=rpjmd)
        sasaran_ids = set()
        for t in muat_pohon(rpjmd):
            tn = SimpulPohon(
                "tujuan_rpjmd",
                t.kode,
                t.uraian,
                [_baris_rpjmd(i, tahun, pemda, skala, dari_opd) for i in t.indikator.all()],
                obj=t,
            )
            for b in tn.indikator:
                indikator_rpjmd.append((b.obj, b))
            for s in t.sasaran.all():
                sasaran_ids.add(s.pk)
                sn = SimpulPohon(
                    "sasaran_rpjmd",
                    s.kode,
                    s.uraian,
                    [_baris_rpjmd(i, tahun, pemda, skala, dari_opd) for i in s.indikator.all()],
                    obj=s,
                )
                for b in sn.indikator:
                    indikator_rpjmd.append((b.obj, b))
                per_opd: dict[int, Kontribusi] = {}
                for t_opd in tujuan:
                    if t_opd.sasaran_rpjmd_id == s.pk:
                        sn.anak.append(node_tujuan[t_opd.pk])
                        k = per_opd.setdefault(
                            t_opd.renstra.opd_id,
                            Kontribusi(by_opd[t_opd.renstra.opd_id], [], []),
                        )
                        k.unsur.append(t_opd.uraian)
                        k.indikator += ind_by_owner.get(("tujuan", t_opd.pk), [])
                        for s_opd in sas_by_tujuan.get(t_opd.pk, []):
                            k.indikator += ind_by_owner.get(("sasaran", s_opd.pk), [])
                for s_opd in sasaran:
                    if s_opd.sasaran_rpjmd_id == s.pk:
                        tj = next(x for x in tujuan if x.pk == s_opd.tujuan_id)
                        if tj.sasaran_rpjmd_id == s.pk:
                            continue  # sudah termasuk lewat tujuannya
                        sn.anak.append(node_sasaran[s_opd.pk])
                        k = per_opd.setdefault(
                            tj.renstra.opd_id, Kontribusi(by_opd[tj.renstra.opd_id], [], [])
                        )
                        k.unsur.append(s_opd.uraian)
                        k.indikator += ind_by_owner.get(("sasaran", s_opd.pk), [])
                kontribusi[s.pk] = list(per_opd.values())
                if not per_opd:
                    tanpa_opd.append(s)
                tn.anak.append(sn)
            akar.anak.append(tn)
        for t_opd in tujuan:
            sas_opd = sas_by_tujuan.get(t_opd.pk, [])
            if t_opd.sasaran_rpjmd_id in sasaran_ids or any(
                x.sasaran_rpjmd_id in sasaran_ids for x in sas_opd
            ):
                continue
            tanpa_rpjmd.append((by_opd[t_opd.renstra.opd_id], t_opd.uraian))
        _warnai(akar, skala)
    return PohonPemda(
        pemda,
        tahun,
        rpjmd,
        akar,
        kontribusi,
        tanpa_opd,
        tanpa_rpjmd,
        opd_nodes,
        indikator_rpjmd,
    )


PESAN_OPD = "Anda tidak berwenang melihat pohon kinerja Perangkat Daerah ini."
PESAN_PEMDA = "Pohon kinerja Pemda hanya untuk pengguna Pemda ini."


def pohon_untuk(user, pemda: Pemda, tahun: int, opd: PerangkatDaerah | None = None) -> PohonPemda:
    """Pohon kinerja yang boleh dilihat ``user`` — satu aturan untuk halaman, API dan unduhan.

    * Subpohon satu OPD (``opd``): bagi yang dapat melihat OPD itu (:func:`dapat_melihat`), jadi
      Kepala Bidang OPD lain mendapat 403 di halaman maupun di ``/api/…/pohon?opd=``.
    * Pohon Pemda: bagi setiap pengguna Pemda itu (tingkat RPJMD dipakai semua OPD untuk
      menyelaraskan Renstra), tetapi subpohon OPD yang tidak dapat dilihatnya dipangkas; Admin Pemda,
      Inspektorat dan superuser melihat semuanya.

    :class:`PermissionDenied` bila tidak boleh."""
    if opd is not None:
        if not dapat_melihat(user, opd):
            raise PermissionDenied(PESAN_OPD)
        return bangun_pohon(pemda, tahun, opd=opd)
    if not dapat_melihat_pemda(user, pemda):
        raise PermissionDenied(PESAN_PEMDA)
    pohon = bangun_pohon(pemda, tahun)
    if dapat_melihat_semua_opd(user, pemda):
        return pohon
    return _pangkas(pohon, {oid for oid, n in pohon.opd.items() if dapat_melihat(user, n.opd)})


def _pangkas(pohon: PohonPemda, terlihat: set[int]) -> PohonPemda:
    """Pohon tanpa simpul milik OPD di luar ``terlihat`` (beserta anak-anaknya)."""
    from dataclasses import replace

    def salin(n: SimpulPohon) -> SimpulPohon:
        anak = [salin(a) for a in n.anak if a.opd is None or a.opd.pk in terlihat]
        return replace(n, anak=anak)

    return replace(
        pohon,
        akar=salin(pohon.akar) if pohon.akar is not None else None,
        opd={k: salin(v) for k, v in pohon.opd.items() if k in terlihat},
        kontribusi={k: [x for x in v if x.opd.pk in terlihat] for k, v in pohon.kontribusi.items()},
        unsur_opd_tanpa_rpjmd=[x for x in pohon.unsur_opd_tanpa_rpjmd if x[0].pk in terlihat],
    )


def sasaran_rpjmd_didukung(pohon: PohonPemda, opd: PerangkatDaerah) -> list[SimpulPohon]:
    """Sasaran RPJMD yang didukung tujuan/sasaran Renstra ``opd`` (pohon OPD tergantung di sini)."""
    if pohon.akar is None:
        return []
    return [
        s
        for t in pohon.akar.anak
        for s in t.anak
        if any(a.opd and a.opd.pk == opd.pk for a in s.anak)
    ]
