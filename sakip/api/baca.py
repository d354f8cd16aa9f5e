"""Titik baca: semua yang ditampilkan halaman OPD dan Pemda, dengan izin yang sama dengan halamannya."""

from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from ninja import Query
from ninja.errors import HttpError
from ninja.pagination import paginate

from sakip import akses
from sakip.akses import Aksi
from sakip.budget.services import rekap_anggaran
from sakip.documents.konteks import DokumenError
from sakip.documents.services import buat_dokumen
from sakip.measurement import entry, ringkasan
from sakip.measurement.models import Periode, Realisasi
from sakip.measurement.services import pengukuran
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.organisations.permissions import (
    opd_terlihat,
)
from sakip.planning.models import (
    Indikator,
    PerjanjianKinerja,
    PKIndikator,
    RencanaAksi,
    Renstra,
    TahunKinerja,
)
from sakip.reporting.pohon import bangun_pohon, pohon_untuk
from sakip.reporting.publikasi import dapat_melihat_opd_tahun
from sakip.review.models import TemuanReviu
from sakip.rpjmd.services import muat_pohon

from .app import GALAT_BACA, PUBLIK, api, pengguna
from .skema import (
    AnggaranOut,
    BarisOut,
    FormatQuery,
    Galat,
    IndikatorOut,
    IndikatorRpjmdOut,
    IndikatorSimpulOut,
    JenisDokumen,
    OpdOut,
    PemdaOut,
    PendukungOut,
    PeringkatOut,
    PKAnggaranOut,
    PKIndikatorOut,
    PKOut,
    PohonQuery,
    RealisasiOut,
    RealisasiTwOut,
    RencanaAksiOut,
    RenstraOut,
    RpjmdOut,
    SaringAnggaran,
    SasaranOut,
    SasaranRpjmdOut,
    SimpulOut,
    Slug,
    SlugPemda,
    Tahun,
    TargetOut,
    TemuanOut,
    Triwulan,
    TujuanOut,
    TujuanRpjmdOut,
)


def opd_tahun(request, slug: str, tahun: int) -> PerangkatDaerah:
    """OPD-tahun yang boleh dilihat permintaan ini; 404/403 seperti halamannya."""
    opd = PerangkatDaerah.objects.select_related("pemda").filter(slug=slug).first()
    if opd is None:
        raise Http404(f"Perangkat Daerah '{slug}' tidak ditemukan.")
    user = pengguna(request)
    if not TahunKinerja.objects.filter(opd=opd, tahun=tahun).exists():
        raise Http404(f"Data {opd.nama} tahun {tahun} belum ada.")
    if not dapat_melihat_opd_tahun(user, opd, tahun):
        if user.is_authenticated:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("Anda tidak berwenang melihat data Perangkat Daerah ini.")
        raise HttpError(
            401,
            "Data kerja OPD hanya untuk pengguna yang masuk (token atau sesi) — yang terbit untuk "
            f"publik: /api/publik/{opd.pemda.slug}/terbitan",
        )
    return opd


def _tahun_terlihat(user) -> dict[int, list[int]]:
    qs = TahunKinerja.objects.order_by("tahun")
    if not user.is_authenticated:
        from sakip.publikasi.models import Terbitan

        pairs = set(Terbitan.objects.filter(opd__isnull=False).values_list("opd_id", "tahun"))
        out: dict[int, list[int]] = {}
        for opd_id, tahun in qs.values_list("opd_id", "tahun"):
            if (opd_id, tahun) in pairs:
                out.setdefault(opd_id, []).append(tahun)
        return out
    out = {}
    for opd_id, tahun in qs.filter(opd__in=opd_terlihat(user)).values_list("opd_id", "tahun"):
        out.setdefault(opd_id, []).append(tahun)
    return out


@api.get(
    "/pemda",
    response={200: list[PemdaOut], **GALAT_BACA},
    summary="Daftar Pemda (terbuka untuk publik, seperti beranda)",
    openapi_extra=PUBLIK,
)
@paginate
def daftar_pemda(request):
    return [
        PemdaOut(
            slug=p.slug, nama=p.nama, jenis=p.jenis, provinsi=p.provinsi, jumlah_opd=p.jumlah_opd
        )
        for p in Pemda.objects.annotate(jumlah_opd=Count("opd")).order_by("nama", "id")
    ]


@api.get(
    "/opd",
    response={200: list[OpdOut], **GALAT_BACA},
    summary="OPD yang boleh dilihat, dengan tahun-tahun datanya",
    openapi_extra=PUBLIK,
)
@paginate
def daftar_opd(request):
    user = pengguna(request)
    tahun = _tahun_terlihat(user)
    qs = PerangkatDaerah.objects.select_related("pemda").order_by("pemda__nama", "nama", "id")
    if user.is_authenticated:
        qs = qs.filter(pk__in=opd_terlihat(user).values("pk"))
    else:
        qs = qs.filter(pk__in=list(tahun))
    return [
        OpdOut(
            slug=o.slug,
            nama=o.nama,
            singkatan=o.singkatan,
            pemda=o.pemda.nama,
            pemda_slug=o.pemda.slug,
            tahun=tahun.get(o.pk, []),
        )
        for o in qs
    ]


@api.get(
    "/opd/{slug}/{tahun}/pengukuran",
    response={200: list[BarisOut], **GALAT_BACA},
    summary="Target, realisasi, capaian dan predikat setiap indikator",
)
@paginate
def api_pengukuran(request, slug: Slug, tahun: Tahun):
    opd = opd_tahun(request, slug, tahun)
    return [
        BarisOut(
            kode=b.indikator.kode,
            indikator=b.indikator.nama,
            tingkat=b.indikator.tingkat,
            satuan=b.indikator.satuan,
            polaritas=b.indikator.polaritas,
            target=b.target.bawah if b.target else None,
            realisasi=b.realisasi,
            pembilang=b.pembilang,
            penyebut=b.penyebut,
            capaian=b.capaian.nilai,
            capaian_teks=b.capaian.teks(),
            alasan=b.capaian.alasan,
            predikat=b.predikat.label if b.predikat else None,
        )
        for b in pengukuran(opd, tahun)
    ]


def _indikator_out(ind: Indikator) -> IndikatorOut:
    return IndikatorOut(
        kode=ind.kode,
        nama=ind.nama,
        satuan=ind.satuan,
        iku=ind.iku,
        polaritas=ind.polaritas,
        agregasi=ind.agregasi,
        rumus=ind.is_rumus,
        pembilang=ind.pembilang,
        penyebut=ind.penyebut,
        formula=ind.formula,
        kondisi_awal=ind.kondisi_awal,
        kondisi_akhir=ind.kondisi_akhir,
        target=[
            TargetOut(tahun=t.tahun, nilai=t.nilai, nilai_atas=t.nilai_atas)
            for t in sorted(ind.target.all(), key=lambda t: t.tahun)
        ],
    )


@api.get(
    "/opd/{slug}/{tahun}/renstra",
    response={200: RenstraOut, **GALAT_BACA},
    summary="Pohon Renstra yang berlaku pada tahun itu: tujuan, sasaran, indikator dan target tiap tahun",
)
def api_renstra(request, slug: Slug, tahun: Tahun):
    opd = opd_tahun(request, slug, tahun)
    ind_qs = Indikator.objects.order_by("urutan", "id").prefetch_related("target")
    r = (
        Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
        .prefetch_related(
            Prefetch("tujuan__indikator", queryset=ind_qs),
            Prefetch("tujuan__sasaran__indikator", queryset=ind_qs),
        )
        .first()
    )
    if r is None:
        raise Http404(f"Renstra {opd.nama} yang berlaku pada {tahun} tidak ada.")
    return RenstraOut(
        nama=r.nama,
        tahun_awal=r.tahun_awal,
        tahun_akhir=r.tahun_akhir,
        visi=r.visi,
        misi=[str(m) for m in (r.misi or [])],
        tujuan=[
            TujuanOut(
                kode=t.kode,
                uraian=t.uraian,
                indikator=[_indikator_out(i) for i in t.indikator.all()],
                sasaran=[
                    SasaranOut(
                        kode=s.kode,
                        uraian=s.uraian,
                        indikator=[_indikator_out(i) for i in s.indikator.all()],
                    )
                    for s in sorted(t.sasaran.all(), key=lambda s: (s.urutan, s.id))
                ],
            )
            for t in sorted(r.tujuan.all(), key=lambda t: (t.urutan, t.id))
        ],
    )


@api.get(
    "/opd/{slug}/{tahun}/pk",
    response={200: list[PKOut], **GALAT_BACA},
    summary="Perjanjian Kinerja setiap versi (murni, perubahan) dengan target, anggaran dan Rencana Aksi",
)
@paginate
def api_pk(request, slug: Slug, tahun: Tahun):
    opd = opd_tahun(request, slug, tahun)
    items = PKIndikator.objects.select_related("indikator").order_by("urutan", "id")
    pks = (
        PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun, jabatan__isnull=True)
        .order_by("versi")
        .prefetch_related(
            Prefetch("indikator", queryset=items),
            Prefetch(
                "indikator__rencana_aksi", queryset=RencanaAksi.objects.order_by("triwulan", "id")
            ),
            "anggaran__program",
            "anggaran__kegiatan",
            "anggaran__sub_kegiatan",
        )
    )
    return [
        PKOut(
            versi=pk.versi,
            jenis=pk.jenis,
            status=pk.status,
            tanggal=pk.tanggal,
            pihak_pertama_nama=pk.pihak_pertama_nama,
            pihak_pertama_jabatan=pk.pihak_pertama_jabatan,
            pihak_kedua_nama=pk.pihak_kedua_nama,
            pihak_kedua_jabatan=pk.pihak_kedua_jabatan,
            alasan_perubahan=pk.alasan_perubahan,
            indikator=[
                PKIndikatorOut(
                    kode=i.indikator.kode,
                    indikator=i.indikator.nama,
                    satuan=i.indikator.satuan,
                    target=i.target,
                    target_atas=i.target_atas,
                    rencana_aksi=[
                        RencanaAksiOut(
                            triwulan=ra.triwulan,
                            target=ra.target,
                            target_atas=ra.target_atas,
                            rencana_kegiatan=ra.rencana_kegiatan,
                        )
                        for ra in i.rencana_aksi.all()
                    ],
                )
                for i in pk.indikator.all()
            ],
            anggaran=[
                PKAnggaranOut(
                    program_kode=a.program.kode,
                    program=a.program.nama,
                    kegiatan_kode=a.kegiatan.kode if a.kegiatan_id else None,
                    sub_kegiatan_kode=a.sub_kegiatan.kode if a.sub_kegiatan_id else None,
                    uraian=a.unsur.nama,
                    pagu=a.pagu,
                )
                for a in sorted(pk.anggaran.all(), key=lambda a: a.unsur.kode or a.program.kode)
            ],
        )
        for pk in pks
    ]


@api.get(
    "/opd/{slug}/{tahun}/realisasi",
    response={200: list[RealisasiOut], **GALAT_BACA},
    summary="Realisasi setiap indikator pada setiap periode (triwulan dan tahunan)",
)
@paginate
def api_realisasi_semua(request, slug: Slug, tahun: Tahun):
    opd = opd_tahun(request, slug, tahun)
    urut = {p.value: n for n, p in enumerate(Periode)}
    rows = Realisasi.objects.filter(indikator__opd=opd, tahun=tahun).select_related("indikator")
    rows = sorted(rows, key=lambda r: (r.indikator.urutan, r.indikator_id, urut[r.periode]))
    return [
        RealisasiOut(
            kode=r.indikator.kode,
            indikator=r.indikator.nama,
            periode=r.periode,
            nilai=r.nilai,
            pembilang=r.pembilang,
            penyebut=r.penyebut,
            catatan=r.catatan,
            versi=r.versi,
        )
        for r in rows
    ]


@api.get(
    "/opd/{slug}/{tahun}/realisasi/{triwulan}",
    response={200: list[RealisasiTwOut], **GALAT_BACA},
    summary="Realisasi triwulan setiap indikator isian beserta versinya (untuk ditulis kembali)",
)
def api_baca_realisasi(request, slug: Slug, tahun: Tahun, triwulan: Triwulan):
    opd = opd_tahun(request, slug, tahun)
    inds = entry.indikator_isian(opd, tahun)
    real = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator__in=inds, tahun=tahun, periode=Periode.triwulan(triwulan)
        )
    }
    out = []
    for ind in inds:
        r = real.get(ind.id)
        out.append(
            RealisasiTwOut(
                kode=ind.kode,
                indikator=ind.nama,
                nilai=r.nilai if r else None,
                pembilang=r.pembilang if r else None,
                penyebut=r.penyebut if r else None,
                catatan=r.catatan if r else "",
                versi=r.versi if r else 0,
            )
        )
    return out


@api.get(
    "/opd/{slug}/{tahun}/anggaran",
    response={200: list[AnggaranOut], **GALAT_BACA},
    summary="Pagu, realisasi dan serapan berjenjang: OPD, urusan, bidang, program, kegiatan, sub kegiatan",
)
@paginate
def api_anggaran(request, slug: Slug, tahun: Tahun, saring: Query[SaringAnggaran]):
    opd = opd_tahun(request, slug, tahun)
    return [
        AnggaranOut(
            tingkat=n.tingkat,
            kode=n.kode,
            nama=n.nama,
            pagu=n.jumlah.pagu,
            realisasi=n.jumlah.realisasi,
            serapan=n.jumlah.serapan.nilai,
        )
        for n in rekap_anggaran(opd, tahun).iter()
        if saring.tingkat is None or n.tingkat == saring.tingkat
    ]


@api.get(
    "/opd/{slug}/{tahun}/temuan",
    response={200: list[TemuanOut], **GALAT_BACA},
    summary="Temuan reviu tersimpan",
)
@paginate
def api_temuan(request, slug: Slug, tahun: Tahun):
    opd = opd_tahun(request, slug, tahun)
    return TemuanReviu.objects.filter(opd=opd, tahun=tahun).order_by("id")


_MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
}


@api.get(
    "/opd/{slug}/{tahun}/dokumen/{jenis}",
    response={200: None, **GALAT_BACA},
    summary="Unduh dokumen dari data: LKjIP, PK, Rencana Aksi, Pengukuran (PDF, DOCX atau HTML)",
    openapi_extra={
        **PUBLIK,
        "responses": {
            200: {
                "description": "berkas dokumen",
                "content": {
                    m: {"schema": {"type": "string", "format": "binary"}} for m in _MIME.values()
                },
            }
        },
    },
)
def api_dokumen(request, slug: Slug, tahun: Tahun, jenis: JenisDokumen, q: Query[FormatQuery]):
    opd = opd_tahun(request, slug, tahun)
    try:
        berkas = buat_dokumen(jenis, opd, tahun, q.format)
    except DokumenError as exc:
        raise Http404(str(exc)) from exc
    resp = HttpResponse(berkas.isi, content_type=berkas.mime)
    resp["Content-Disposition"] = f'attachment; filename="{berkas.nama}"'
    return resp


@api.get(
    "/pemda/{slug}/{tahun}/peringkat",
    response={200: list[PeringkatOut], **GALAT_BACA},
    summary="Peringkat OPD se-Pemda menurut rata-rata capaian IKU (dasbor Pemda)",
)
@paginate
def api_peringkat(request, slug: SlugPemda, tahun: Tahun):
    pemda = akses.pemda(pengguna(request), slug, Aksi.DASBOR)
    nama = {o.pk: o for o in PerangkatDaerah.objects.filter(pemda=pemda)}
    out = []
    for r in ringkasan.peringkat_opd(tahun, pemda.id):
        o = nama.get(r["opd_id"])
        if o is None:
            continue
        out.append(
            PeringkatOut(
                peringkat=r.get("peringkat_pemda"),
                opd_slug=o.slug,
                opd=o.nama,
                jumlah_iku=r.get("jumlah") or 0,
                terukur=r.get("terukur") or 0,
                tercapai=r.get("tercapai") or 0,
                rata_capaian=ringkasan.desimal(r.get("rata")),
            )
        )
    return out


__all__ = ["Galat"]


def _ind_rpjmd(i, b) -> IndikatorRpjmdOut:
    return IndikatorRpjmdOut(
        kode=i.kode,
        nama=i.nama,
        satuan=i.satuan,
        iku=i.iku,
        polaritas=i.polaritas,
        sumber_data=i.sumber_data,
        kondisi_awal=i.kondisi_awal,
        kondisi_awal_tahun=i.kondisi_awal_tahun,
        kondisi_akhir=i.kondisi_akhir,
        target=[
            TargetOut(tahun=t.tahun, nilai=t.nilai, nilai_atas=t.nilai_atas) for t in i.target.all()
        ],
        target_tahun=b.target,
        realisasi_tahun=b.realisasi,
        sumber_realisasi=b.sumber,
        capaian=b.capaian.nilai,
        predikat=b.predikat.label if b.predikat else None,
    )


@api.get(
    "/pemda/{slug}/{tahun}/rpjmd",
    response={200: RpjmdOut, **GALAT_BACA},
    summary="RPJMD yang berlaku pada tahun itu: tujuan, sasaran, indikator daerah dengan capaian, OPD pendukung",
)
def api_rpjmd(request, slug: SlugPemda, tahun: Tahun):
    pemda = akses.pemda(pengguna(request), slug)
    pohon = bangun_pohon(pemda, tahun)
    rp = pohon.rpjmd
    if rp is None:
        raise Http404(f"{pemda.nama} belum punya RPJMD yang mencakup tahun {tahun}.")
    baris = {i.pk: b for i, b in pohon.indikator_rpjmd}

    def pendukung(s):
        return [
            PendukungOut(opd_slug=k.opd.slug, opd=k.opd.nama, unsur=k.unsur)
            for k in pohon.kontribusi.get(s.pk, [])
        ]

    return RpjmdOut(
        jenis=rp.jenis,
        nama=rp.nama,
        tahun_awal=rp.tahun_awal,
        tahun_akhir=rp.tahun_akhir,
        versi=rp.versi,
        status=rp.status,
        contoh=rp.contoh,
        visi=rp.visi,
        misi=list(rp.misi),
        tujuan=[
            TujuanRpjmdOut(
                kode=t.kode,
                uraian=t.uraian,
                misi=t.misi,
                indikator=[_ind_rpjmd(i, baris[i.pk]) for i in t.indikator.all()],
                sasaran=[
                    SasaranRpjmdOut(
                        kode=s.kode,
                        uraian=s.uraian,
                        indikator=[_ind_rpjmd(i, baris[i.pk]) for i in s.indikator.all()],
                        pendukung=pendukung(s),
                    )
                    for s in t.sasaran.all()
                ],
            )
            for t in muat_pohon(rp)
        ],
    )


def _simpul(n) -> SimpulOut:
    return SimpulOut(
        jenis=n.jenis,
        kode=n.kode,
        nama=n.nama,
        opd_slug=n.opd.slug if n.opd else None,
        jabatan=n.jabatan.nama if n.jabatan else None,
        pemegang=(n.jabatan.pemegang_nama or None) if n.jabatan else None,
        capaian=n.capaian,
        predikat=n.predikat.label if n.predikat else None,
        pagu=n.anggaran.pagu if n.anggaran else None,
        realisasi_anggaran=n.anggaran.realisasi if n.anggaran else None,
        indikator=[
            IndikatorSimpulOut(
                nama=b.nama,
                satuan=b.satuan,
                target=b.target,
                realisasi=b.realisasi,
                capaian=b.capaian.nilai,
                predikat=b.predikat.label if b.predikat else None,
            )
            for b in n.indikator
        ],
        anak=[_simpul(a) for a in n.anak],
    )


@api.get(
    "/pemda/{slug}/{tahun}/pohon",
    response={200: list[SimpulOut], **GALAT_BACA},
    summary="Pohon kinerja: dari RPJMD (bila ada) sampai sub kegiatan, dengan jabatan, capaian dan anggaran",
)
def api_pohon(request, slug: SlugPemda, tahun: Tahun, q: Query[PohonQuery]):
    pemda = akses.pemda(pengguna(request), slug)
    opd = None
    if q.opd:
        opd = akses.opd_di_pemda(pengguna(request), pemda, q.opd)
    pohon = pohon_untuk(pengguna(request), pemda, tahun, opd=opd)
    if opd is not None:
        return [_simpul(pohon.opd[opd.pk])]
    if pohon.akar is not None:
        return [_simpul(pohon.akar)]
    return [_simpul(n) for n in pohon.opd.values()]
