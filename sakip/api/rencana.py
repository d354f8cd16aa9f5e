"""Titik tulis rencana OPD: Renstra, tujuan, sasaran, indikator dan target, program, kegiatan, sub
kegiatan, dan buku kerja perencana (.xlsx). Masukan yang sama dengan halaman (masukan bertipe
:mod:`sakip.planning.susun`, :mod:`sakip.interchange.rencana`), aturan hak yang sama
(:data:`Aksi.ISI_PENUH`), satu transaksi per permintaan; galat per medan dalam bahasa Indonesia."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from ninja import File, Schema, Status, UploadedFile
from ninja.security import django_auth
from pydantic import Field, StrictBool, StrictFloat, StrictInt, StringConstraints

from sakip import akses
from sakip.akses import Aksi
from sakip.core.numbers import NumberFormatError, parse_angka
from sakip.interchange import rencana as rencana_layanan
from sakip.interchange.excel import ExcelError
from sakip.planning import susun
from sakip.planning.models import Indikator, Kegiatan, Program, Sasaran, SubKegiatan, Tujuan

from .app import GALAT_BACA, GALAT_TULIS, BearerToken, api, pengguna
from .skema import TANPA_NUL, Galat, Slug, Tahun

AUTH = [BearerToken(), django_auth]
MAKS_BUKU = 5 * 1024 * 1024


def _teks(maks: int, wajib: bool = False, **kw):
    if wajib:
        return Field(..., min_length=1, max_length=maks, pattern=TANPA_NUL, **kw)
    return Field("", max_length=maks, pattern=TANPA_NUL, **kw)


Angka = (
    Annotated[str, StringConstraints(strict=True, max_length=40, pattern=TANPA_NUL)]
    | StrictInt
    | StrictFloat
    | None
)
TahunIn = Annotated[int, Field(ge=2000, le=2100)]
Kode = Annotated[str, StringConstraints(max_length=40, pattern=TANPA_NUL)]


class RenstraIn(Schema):
    model_config = {"extra": "forbid"}
    tahun_awal: TahunIn
    tahun_akhir: TahunIn
    nama: str = _teks(255)
    visi: str = _teks(2000)
    misi: list[Annotated[str, StringConstraints(max_length=2000, pattern=TANPA_NUL)]] = Field(
        default_factory=list, max_length=30
    )


class UnsurIn(Schema):
    model_config = {"extra": "forbid"}
    kode: str = _teks(40, wajib=True)
    uraian: str = _teks(2000, wajib=True)


class PemilikIn(Schema):
    model_config = {"extra": "forbid"}
    tingkat: str = Field(pattern=r"^(tujuan|sasaran|program|kegiatan|sub_kegiatan)$")
    kode: str = _teks(
        40, wajib=True, description="kode tujuan/sasaran/program/kegiatan/sub kegiatan"
    )


class TargetIn(Schema):
    model_config = {"extra": "forbid"}
    tahun: TahunIn
    nilai: Angka = Field(description="target; teks cara Indonesia boleh ('79,01')")
    atas: Angka = Field(None, description="batas atas, hanya untuk target rentang")


class IndikatorIn(Schema):
    model_config = {"extra": "forbid"}
    pemilik: PemilikIn
    nama: str = _teks(2000, wajib=True)
    kode: str = _teks(60, description="kosong: <kode pemilik>-<urutan>")
    satuan: str = _teks(60)
    iku: StrictBool = False
    polaritas: str = Field("naik", pattern=r"^(naik|turun|tetap)$")
    agregasi: str = Field("terakhir", max_length=12, pattern=TANPA_NUL)
    formula: str = _teks(2000)
    pembilang: str = _teks(255)
    penyebut: str = _teks(255)
    sumber_data: str = _teks(255)
    penanggung_jawab: str = _teks(255)
    kondisi_awal: Angka = Field(None, description="angka; teks cara Indonesia boleh ('78,99')")
    kondisi_awal_tahun: TahunIn | None = None
    kondisi_akhir: Angka = None
    batas_bawah: Angka = None
    batas_atas: Angka = None
    catatan: str = _teks(2000)
    target: list[TargetIn] = Field(default_factory=list, max_length=20, description="per tahun")


class NomenklaturIn(Schema):
    model_config = {"extra": "forbid"}
    kode: str = _teks(30, description="kode Kepmendagri, mis. 2.07.04 / 2.07.04.2.01")
    nama: str = _teks(500, description="kosong: nama dalam nomenklatur yang berlaku")
    sasaran: list[Kode] = Field(default_factory=list, max_length=50, description="kode sasaran")
    alasan_nomenklatur: str = _teks(
        2000, description="wajib bila kode tidak ada dalam nomenklatur yang berlaku tahun itu"
    )


def _isian(body: NomenklaturIn, tahun: int, ids: tuple[int, ...] = ()) -> susun.IsianNomenklatur:
    return susun.IsianNomenklatur(
        body.kode, body.nama, ids, alasan=body.alasan_nomenklatur, tahun=tahun
    )


class Dibuat(Schema):
    id: int
    kode: str
    teks: str


class PerubahanOut(Schema):
    jenis: str
    label: str
    lama: str
    baru: str


class PratinjauOut(Schema):
    diterapkan: bool
    jumlah: int
    catatan: list[str]
    perubahan: list[PerubahanOut]


def _galat(pesan: str, galat: dict[str, str]):
    return Status(400, Galat(detail=pesan, galat=galat))


def _angka(v: Angka, medan: str, galat: dict) -> Decimal | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    try:
        return Decimal(str(v)) if isinstance(v, (int, float)) else parse_angka(v)
    except (NumberFormatError, ArithmeticError, ValueError):
        galat[medan] = f"'{str(v)[:40]}' bukan angka (contoh: 1.164 atau 8,33)"
        return None


def _opd(request, slug: str):
    return akses.opd(pengguna(request), slug, Aksi.ISI_PENUH)


def _renstra(opd, tahun: int):
    r = susun.renstra_berlaku(opd, tahun)
    if r is None:
        raise susun.SusunError(f"Belum ada Renstra yang mencakup tahun {tahun}.")
    return r


def _sasaran(opd, tahun: int, kode: list[str], galat: dict) -> tuple[int, ...]:
    ids = []
    for k in kode:
        s = Sasaran.objects.filter(tujuan__renstra=_renstra(opd, tahun), kode=k).first()
        if s is None:
            galat["sasaran"] = f"sasaran '{k}' tidak ada di Renstra {tahun}"
        else:
            ids.append(s.pk)
    return tuple(ids)


def _jalankan(kerja):
    try:
        return kerja()
    except susun.SusunError as exc:
        galat = {("alasan_nomenklatur" if k == "alasan" else k): v for k, v in exc.galat.items()}
        return _galat(str(exc), galat)


@api.post(
    "/opd/{slug}/{tahun}/renstra",
    auth=AUTH,
    response={200: Dibuat, **GALAT_TULIS},
    summary="Buat Renstra yang mencakup tahun ini (atau ubah periode, nama, visi, misi-nya)",
)
def api_renstra(request, slug: Slug, tahun: Tahun, body: RenstraIn):
    opd = _opd(request, slug)
    isian = susun.IsianRenstra(
        body.tahun_awal, body.tahun_akhir, body.nama, body.visi, tuple(body.misi)
    )

    def kerja():
        ada = susun.renstra_berlaku(opd, tahun)
        r = (
            susun.ubah_renstra(pengguna(request), ada, isian)
            if ada
            else susun.buat_renstra(pengguna(request), opd, isian)
        )
        return Status(200, Dibuat(id=r.pk, kode=f"{r.tahun_awal}-{r.tahun_akhir}", teks=str(r)))

    return _jalankan(kerja)


@api.post(
    "/opd/{slug}/{tahun}/renstra/tujuan",
    auth=AUTH,
    response={200: Dibuat, **GALAT_TULIS},
    summary="Tambah tujuan Renstra",
)
def api_tujuan(request, slug: Slug, tahun: Tahun, body: UnsurIn):
    opd = _opd(request, slug)

    def kerja():
        t = susun.tambah_tujuan(
            pengguna(request), _renstra(opd, tahun), susun.IsianUnsur(body.kode, body.uraian)
        )
        return Status(200, Dibuat(id=t.pk, kode=t.kode, teks=t.uraian))

    return _jalankan(kerja)


@api.post(
    "/opd/{slug}/{tahun}/renstra/tujuan/{kode}/sasaran",
    auth=AUTH,
    response={200: Dibuat, **GALAT_TULIS},
    summary="Tambah sasaran pada tujuan berkode {kode}",
)
def api_sasaran(request, slug: Slug, tahun: Tahun, kode: str, body: UnsurIn):
    opd = _opd(request, slug)

    def kerja():
        t = Tujuan.objects.filter(renstra=_renstra(opd, tahun), kode=kode[:40]).first()
        if t is None:
            raise susun.SusunError(f"Tujuan '{kode[:40]}' tidak ada di Renstra {tahun}.")
        s = susun.tambah_sasaran(pengguna(request), t, susun.IsianUnsur(body.kode, body.uraian))
        return Status(200, Dibuat(id=s.pk, kode=s.kode, teks=s.uraian))

    return _jalankan(kerja)


def _pemilik(opd, tahun: int, p: PemilikIn):
    if p.tingkat in ("tujuan", "sasaran"):
        r = _renstra(opd, tahun)
        obj = (
            Tujuan.objects.filter(renstra=r, kode=p.kode).first()
            if p.tingkat == "tujuan"
            else Sasaran.objects.filter(tujuan__renstra=r, kode=p.kode).first()
        )
    else:
        model = {"program": Program, "kegiatan": Kegiatan, "sub_kegiatan": SubKegiatan}[p.tingkat]
        jalur = {
            "program": "opd",
            "kegiatan": "program__opd",
            "sub_kegiatan": "kegiatan__program__opd",
        }
        obj = model._default_manager.filter(kode=p.kode, **{jalur[p.tingkat]: opd}).first()
    if obj is None:
        raise susun.SusunError(
            "Pemilik indikator tidak ditemukan.",
            {"pemilik": f"{p.tingkat.replace('_', ' ')} '{p.kode}' tidak ada"},
        )
    return obj


@api.post(
    "/opd/{slug}/{tahun}/indikator",
    auth=AUTH,
    response={200: Dibuat, **GALAT_TULIS},
    summary="Tambah indikator (dengan target per tahun) pada tujuan, sasaran, program, kegiatan "
    "atau sub kegiatan",
)
def api_indikator(request, slug: Slug, tahun: Tahun, body: IndikatorIn):
    opd = _opd(request, slug)

    def kerja():
        galat: dict[str, str] = {}
        angka = {
            m: _angka(getattr(body, m), m, galat)
            for m in ("kondisi_awal", "kondisi_akhir", "batas_bawah", "batas_atas")
        }
        target, atas = {}, {}
        for n, t in enumerate(body.target):
            if t.tahun in target:
                galat[f"target[{n}].tahun"] = f"tahun {t.tahun} ditulis dua kali"
            target[t.tahun] = _angka(t.nilai, f"target[{n}].nilai", galat)
            atas[t.tahun] = _angka(t.atas, f"target[{n}].atas", galat)
        urut = {t.tahun: n for n, t in enumerate(body.target)}
        pemilik = _pemilik(opd, tahun, body.pemilik)
        if galat:
            raise susun.SusunError("Indikator tidak disimpan: periksa isian yang ditandai.", galat)
        isian = susun.IsianIndikator(
            nama=body.nama,
            kode=body.kode,
            satuan=body.satuan,
            iku=body.iku,
            polaritas=body.polaritas,
            agregasi=body.agregasi,
            formula=body.formula,
            pembilang=body.pembilang,
            penyebut=body.penyebut,
            sumber_data=body.sumber_data,
            penanggung_jawab=body.penanggung_jawab,
            kondisi_awal=angka["kondisi_awal"],
            kondisi_awal_tahun=body.kondisi_awal_tahun,
            kondisi_akhir=angka["kondisi_akhir"],
            batas_bawah=angka["batas_bawah"],
            batas_atas=angka["batas_atas"],
            catatan=body.catatan,
            target={y: v for y, v in target.items() if v is not None},
            target_atas={y: v for y, v in atas.items() if v is not None},
        )
        try:
            i = susun.tambah_indikator(pengguna(request), opd, pemilik, isian)
        except susun.SusunError as exc:
            # nama medan layanan target_2025 → nama medan API target.2025
            def medan(k: str) -> str:
                for awal, akhir in (("target_atas_", "atas"), ("target_", "nilai")):
                    if k.startswith(awal) and k[len(awal) :].isdigit():
                        return f"target[{urut.get(int(k[len(awal) :]), 0)}].{akhir}"
                return k

            exc.galat = {medan(k): v for k, v in exc.galat.items()}
            raise
        return Status(200, Dibuat(id=i.pk, kode=i.kode, teks=i.nama))

    return _jalankan(kerja)


@api.post(
    "/opd/{slug}/{tahun}/program",
    auth=AUTH,
    response={200: Dibuat, **GALAT_TULIS},
    summary="Tambah program (kode nomenklatur Kepmendagri, sasaran Renstra yang didukung)",
)
def api_program(request, slug: Slug, tahun: Tahun, body: NomenklaturIn):
    opd = _opd(request, slug)

    def kerja():
        galat: dict[str, str] = {}
        ids = _sasaran(opd, tahun, body.sasaran, galat) if body.sasaran else ()
        if galat:
            raise susun.SusunError("Program tidak disimpan: periksa isian yang ditandai.", galat)
        p = susun.tambah_program(pengguna(request), opd, _isian(body, tahun, ids))
        return Status(200, Dibuat(id=p.pk, kode=p.kode, teks=p.nama))

    return _jalankan(kerja)


@api.post(
    "/opd/{slug}/{tahun}/program/{kode}/kegiatan",
    auth=AUTH,
    response={200: Dibuat, **GALAT_TULIS},
    summary="Tambah kegiatan pada program berkode {kode}",
)
def api_kegiatan(request, slug: Slug, tahun: Tahun, kode: str, body: NomenklaturIn):
    opd = _opd(request, slug)

    def kerja():
        p = Program.objects.filter(opd=opd, kode=kode[:30]).first()
        if p is None:
            raise susun.SusunError(f"Program '{kode[:30]}' tidak ada di OPD ini.")
        galat: dict[str, str] = {}
        ids = _sasaran(opd, tahun, body.sasaran[:1], galat) if body.sasaran else ()
        if galat:
            raise susun.SusunError("Kegiatan tidak disimpan: periksa isian yang ditandai.", galat)
        k = susun.tambah_kegiatan(pengguna(request), p, _isian(body, tahun, ids))
        return Status(200, Dibuat(id=k.pk, kode=k.kode, teks=k.nama))

    return _jalankan(kerja)


@api.post(
    "/opd/{slug}/{tahun}/kegiatan/{kode}/sub-kegiatan",
    auth=AUTH,
    response={200: Dibuat, **GALAT_TULIS},
    summary="Tambah sub kegiatan pada kegiatan berkode {kode}",
)
def api_sub_kegiatan(request, slug: Slug, tahun: Tahun, kode: str, body: NomenklaturIn):
    opd = _opd(request, slug)

    def kerja():
        k = Kegiatan.objects.filter(program__opd=opd, kode=kode[:30]).first()
        if k is None:
            raise susun.SusunError(f"Kegiatan '{kode[:30]}' tidak ada di OPD ini.")
        sk = susun.tambah_sub_kegiatan(pengguna(request), k, _isian(body, tahun))
        return Status(200, Dibuat(id=sk.pk, kode=sk.kode, teks=sk.nama))

    return _jalankan(kerja)


class BerhentiIn(Schema):
    model_config = {"extra": "forbid"}
    jenis: Literal["program", "kegiatan", "sub_kegiatan", "indikator"]
    kode: str = _teks(60, wajib=True)
    alasan: str = _teks(2000)


class TidakAda(Exception):
    pass


def _unsur_berkode(opd, jenis: str, kode: str) -> int:
    qs = {
        "program": Program.objects.filter(opd=opd),
        "kegiatan": Kegiatan.objects.filter(program__opd=opd),
        "sub_kegiatan": SubKegiatan.objects.filter(kegiatan__program__opd=opd),
        "indikator": Indikator.objects.filter(opd=opd),
    }[jenis]
    pk = qs.filter(kode=kode).values_list("pk", flat=True).first()
    if pk is None:
        label = jenis.replace("_", " ")
        raise TidakAda(f"{label.capitalize()} berkode '{kode}' tidak ada di OPD ini.")
    return pk


@api.post(
    "/opd/{slug}/{tahun}/hentikan",
    auth=AUTH,
    response={200: Dibuat, **GALAT_TULIS},
    summary="Hentikan program/kegiatan/sub kegiatan/indikator mulai tahun {tahun}, dengan alasan "
    "(tahun sebelumnya tetap; ditolak bila tahun itu sudah punya PK, realisasi atau anggaran)",
)
def api_hentikan(request, slug: Slug, tahun: Tahun, body: BerhentiIn):
    return _ubah_berhenti(
        request,
        slug,
        body,
        lambda user, opd, pk: susun.hentikan(user, opd, body.jenis, pk, tahun, body.alasan),
    )


@api.post(
    "/opd/{slug}/{tahun}/pakai-lagi",
    auth=AUTH,
    response={200: Dibuat, **GALAT_TULIS},
    summary="Batalkan penghentian program/kegiatan/sub kegiatan/indikator (dipakai lagi)",
)
def api_pakai_lagi(request, slug: Slug, tahun: Tahun, body: BerhentiIn):
    return _ubah_berhenti(
        request, slug, body, lambda user, opd, pk: susun.aktifkan_lagi(user, opd, body.jenis, pk)
    )


def _ubah_berhenti(request, slug: str, body: BerhentiIn, lakukan):
    opd = _opd(request, slug)

    def kerja():
        pk = _unsur_berkode(opd, body.jenis, body.kode)
        teks = lakukan(pengguna(request), opd, pk)
        return Status(200, Dibuat(id=pk, kode=body.kode, teks=teks))

    try:
        return _jalankan(kerja)
    except TidakAda as exc:
        return Status(404, Galat(detail=str(exc), galat={"kode": str(exc)}))


class PilihanOut(Schema):
    kode: str
    nama: str


class NomenklaturOut(Schema):
    versi: str
    sumber: str
    induk: str
    pilihan: list[PilihanOut]


@api.get(
    "/nomenklatur/{tahun}",
    auth=AUTH,
    response={200: NomenklaturOut, **GALAT_BACA},
    summary="Pilihan nomenklatur yang berlaku tahun itu: program di bawah bidang urusan (2.07), "
    "kegiatan di bawah program, sub kegiatan di bawah kegiatan",
)
def api_nomenklatur(request, tahun: Tahun, induk: Kode):
    from sakip.planning import nomenklatur

    kat = nomenklatur.katalog(tahun)
    if kat is None:
        return Status(404, Galat(detail="Belum ada versi nomenklatur.", galat={}))
    pilihan = [PilihanOut(kode=k, nama=n) for k, n in kat.anak(induk)]
    return Status(
        200, NomenklaturOut(versi=kat.judul, sumber=kat.sumber, induk=induk, pilihan=pilihan)
    )


@api.post(
    "/opd/{slug}/{tahun}/rencana.xlsx",
    auth=AUTH,
    response={200: PratinjauOut, **GALAT_TULIS},
    summary="Buku kerja perencana: pratinjau setiap perubahan, atau terapkan (terapkan=true) "
    "dalam satu transaksi",
)
def api_buku_rencana(
    request, slug: Slug, tahun: Tahun, berkas: File[UploadedFile], terapkan: bool = False
):
    opd = _opd(request, slug)
    if berkas.size is None or berkas.size > MAKS_BUKU:
        return _galat("Berkas terlalu besar (paling besar 5 MB).", {"berkas": "terlalu besar"})
    data = berkas.read()
    user = pengguna(request)
    try:
        hasil = rencana_layanan.baca_unggahan(user, opd, tahun, data, berkas.name or "rencana.xlsx")
        n = 0
        if terapkan and hasil:
            n = rencana_layanan.terapkan(user, opd, tahun, rencana_layanan.sebagai_dict(hasil))
    except ExcelError as exc:
        return _galat(
            "Buku kerja tidak diterima; tidak ada yang disimpan.",
            {f"berkas[{i}]": g for i, g in enumerate(exc.galat)},
        )
    return Status(
        200,
        PratinjauOut(
            diterapkan=bool(terapkan and n),
            jumlah=len(hasil),
            catatan=hasil.catatan,
            perubahan=[PerubahanOut(**c.__dict__) for c in hasil],
        ),
    )
