"""Layanan RPJMD: versi yang berlaku, penyusunan (satu transaksi per aksi) dan versi perubahan."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Prefetch

from sakip.core import wajar
from sakip.organisations.models import Pemda
from sakip.organisations.permissions import boleh_mengelola_rpjmd
from sakip.workflow.models import StatusAlur

from .models import (
    MEDAN_INDIKATOR_RPJMD,
    RPJMD,
    IndikatorRPJMD,
    ProgramRPJMD,
    RealisasiRPJMD,
    SasaranRPJMD,
    TargetRPJMD,
    TujuanRPJMD,
)


class RPJMDError(ValueError):
    """Aksi RPJMD ditolak; pesannya berbahasa Indonesia. ``galat``: pesan per nama isian."""

    def __init__(self, pesan: str, galat: dict[str, str] | None = None):
        super().__init__(pesan)
        self.galat = galat or {}


def rpjmd_berlaku(pemda: Pemda, tahun: int) -> RPJMD | None:
    """Versi terakhir RPJMD Pemda yang periodenya mencakup ``tahun``."""
    return (
        RPJMD.objects.filter(pemda=pemda, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
        .order_by("-tahun_awal", "-versi")
        .first()
    )


def semua_versi(pemda: Pemda, rpjmd: RPJMD) -> list[RPJMD]:
    return list(RPJMD.objects.filter(pemda=pemda, tahun_awal=rpjmd.tahun_awal).order_by("versi"))


def muat_pohon(rpjmd: RPJMD) -> list[TujuanRPJMD]:
    """Tujuan → sasaran → indikator (dengan target dan realisasi) → program, dalam tiga kueri."""
    ind = IndikatorRPJMD.objects.prefetch_related("target", "realisasi")
    return list(
        rpjmd.tujuan.prefetch_related(
            Prefetch("indikator", queryset=ind),
            Prefetch(
                "sasaran",
                queryset=SasaranRPJMD.objects.prefetch_related(
                    Prefetch("indikator", queryset=ind), "program"
                ),
            ),
        )
    )


def _izin(user, pemda: Pemda) -> None:
    if not boleh_mengelola_rpjmd(user, pemda):
        raise RPJMDError("Hanya Admin Pemda yang dapat menyusun RPJMD.")


def _terbuka(rpjmd: RPJMD) -> None:
    if rpjmd.status in (StatusAlur.DIAJUKAN, StatusAlur.DISETUJUI):
        raise RPJMDError(
            f"{rpjmd} berstatus {rpjmd.get_status_display().lower()} dan terkunci; "
            + (
                "buat versi perubahan untuk mengubahnya."
                if rpjmd.status == StatusAlur.DISETUJUI
                else "kembalikan dahulu untuk menyuntingnya."
            )
        )


# --- masukan bertipe (dibangun formulir halaman, sakip.web.formulir.rpjmd) ------------------------
# Angka dan tahun sudah dibaca tepinya; layanan memeriksa makna (wajib, rentang, keunikan) dan
# menamai galatnya dengan nama atribut masukan.


@dataclass(frozen=True)
class IsianRPJMD:
    tahun_awal: int | None
    tahun_akhir: int | None
    visi: str = ""
    misi: tuple[str, ...] = ()
    jenis: str = "rpjmd"
    nama: str = ""
    dasar_hukum: str = ""


@dataclass(frozen=True)
class IsianTujuan:
    kode: str
    uraian: str
    misi: int | None = None


@dataclass(frozen=True)
class IsianSasaran:
    tujuan: int | None
    kode: str
    uraian: str


@dataclass(frozen=True)
class IsianIndikatorRPJMD:
    sasaran: int | None
    kode: str
    nama: str
    satuan: str = ""
    polaritas: str = "naik"
    sumber_data: str = ""
    kondisi_awal: Decimal | None = None
    kondisi_akhir: Decimal | None = None
    target: dict[int, Decimal] = field(default_factory=dict)  # tahun → target


@dataclass(frozen=True)
class IsianRealisasiDaerah:
    tahun: int | None
    nilai: Decimal | None
    sumber: str = ""


def _wajib(nilai: str, kunci: str, label: str, galat: dict) -> str:
    nilai = (nilai or "").strip()
    if not nilai:
        galat[kunci] = f"{label} wajib diisi"
    return nilai


@transaction.atomic
def buat_rpjmd(user, pemda: Pemda, isian: IsianRPJMD) -> RPJMD:
    """RPJMD baru (versi 1): periode, nama, visi, misi."""
    _izin(user, pemda)
    galat: dict[str, str] = {}
    tahun = {}
    for key, label in (("tahun_awal", "Tahun awal"), ("tahun_akhir", "Tahun akhir")):
        y = getattr(isian, key)
        if y is None or not 2000 <= y <= 2100:
            galat.setdefault(key, f"{label} harus tahun 2000–2100")
        else:
            tahun[key] = y
    if len(tahun) == 2:
        if tahun["tahun_akhir"] < tahun["tahun_awal"]:
            galat["tahun_akhir"] = "Tahun akhir lebih kecil dari tahun awal"
        elif tahun["tahun_akhir"] - tahun["tahun_awal"] > 9:
            galat["tahun_akhir"] = "Periode RPJMD paling lama 10 tahun"
        elif RPJMD.objects.filter(pemda=pemda, tahun_awal=tahun["tahun_awal"]).exists():
            galat["tahun_awal"] = (
                f"RPJMD {pemda} mulai {tahun['tahun_awal']} sudah ada; ubah lewat versi perubahan"
            )
    jenis = isian.jenis or RPJMD.Jenis.RPJMD
    if jenis not in RPJMD.Jenis.values:
        galat["jenis"] = "Jenis harus RPJMD atau RPD"
    visi = _wajib(isian.visi, "visi", "Visi", galat)
    if galat:
        raise RPJMDError("RPJMD tidak disimpan: periksa isian yang ditandai.", galat)
    return RPJMD.objects.create(
        pemda=pemda,
        jenis=jenis,
        nama=isian.nama.strip(),
        dasar_hukum=isian.dasar_hukum.strip(),
        visi=visi,
        misi=[m.strip() for m in isian.misi if m.strip()],
        **tahun,
    )


@transaction.atomic
def tambah_tujuan(user, rpjmd: RPJMD, isian: IsianTujuan) -> TujuanRPJMD:
    _izin(user, rpjmd.pemda)
    _terbuka(rpjmd)
    galat: dict[str, str] = {}
    kode = _wajib(isian.kode, "kode", "Kode tujuan", galat)
    uraian = _wajib(isian.uraian, "uraian", "Uraian tujuan", galat)
    if kode and rpjmd.tujuan.filter(kode=kode).exists():
        galat["kode"] = f"Kode tujuan '{kode}' sudah dipakai"
    misi = isian.misi
    if misi is not None and not 1 <= misi <= len(rpjmd.misi):
        galat["misi"] = (
            f"Nomor misi harus 1–{len(rpjmd.misi)}"
            if rpjmd.misi
            else "RPJMD ini belum mencantumkan misi; kosongkan nomor misi"
        )
    if galat:
        raise RPJMDError("Tujuan tidak disimpan: periksa isian yang ditandai.", galat)
    n = rpjmd.tujuan.count()
    return TujuanRPJMD.objects.create(rpjmd=rpjmd, kode=kode, uraian=uraian, misi=misi, urutan=n)


@transaction.atomic
def tambah_sasaran(user, rpjmd: RPJMD, isian: IsianSasaran) -> SasaranRPJMD:
    _izin(user, rpjmd.pemda)
    _terbuka(rpjmd)
    galat: dict[str, str] = {}
    tujuan = rpjmd.tujuan.filter(pk=isian.tujuan).first() if isian.tujuan else None
    if tujuan is None:
        galat["tujuan"] = "Pilih tujuan RPJMD"
    kode = _wajib(isian.kode, "kode", "Kode sasaran", galat)
    uraian = _wajib(isian.uraian, "uraian", "Uraian sasaran", galat)
    if kode and SasaranRPJMD.objects.filter(tujuan__rpjmd=rpjmd, kode=kode).exists():
        galat["kode"] = f"Kode sasaran '{kode}' sudah dipakai"
    if galat or tujuan is None:
        raise RPJMDError("Sasaran tidak disimpan: periksa isian yang ditandai.", galat)
    return SasaranRPJMD.objects.create(
        tujuan=tujuan, kode=kode, uraian=uraian, urutan=tujuan.sasaran.count()
    )


@transaction.atomic
def tambah_indikator(user, rpjmd: RPJMD, isian: IsianIndikatorRPJMD) -> IndikatorRPJMD:
    """Indikator sasaran dengan kondisi awal, target tiap tahun periode dan kondisi akhir."""
    _izin(user, rpjmd.pemda)
    _terbuka(rpjmd)
    galat: dict[str, str] = {}
    sasaran = (
        SasaranRPJMD.objects.filter(tujuan__rpjmd=rpjmd, pk=isian.sasaran).first()
        if isian.sasaran
        else None
    )
    if sasaran is None:
        galat["sasaran"] = "Pilih sasaran RPJMD"
    kode = _wajib(isian.kode, "kode", "Kode indikator", galat)
    nama = _wajib(isian.nama, "nama", "Nama indikator", galat)
    if kode and rpjmd.indikator.filter(kode=kode).exists():
        galat["kode"] = f"Kode indikator '{kode}' sudah dipakai"
    polaritas = isian.polaritas or "naik"
    if polaritas not in ("naik", "turun"):
        galat["polaritas"] = "Polaritas harus naik atau turun"
    target = {y: v for y, v in isian.target.items() if y in rpjmd.tahun_list}
    if not target:
        galat[f"target_{rpjmd.tahun_awal}"] = "Isi target sekurang-kurangnya satu tahun"
    if galat:
        raise RPJMDError("Indikator tidak disimpan: periksa isian yang ditandai.", galat)
    awal = isian.kondisi_awal
    ind = IndikatorRPJMD.objects.create(
        rpjmd=rpjmd,
        sasaran=sasaran,
        kode=kode,
        nama=nama,
        satuan=isian.satuan.strip(),
        polaritas=polaritas,
        sumber_data=isian.sumber_data.strip(),
        kondisi_awal=awal,
        kondisi_awal_tahun=rpjmd.tahun_awal - 1 if awal is not None else None,
        kondisi_akhir=isian.kondisi_akhir,
        urutan=rpjmd.indikator.count(),
    )
    TargetRPJMD.objects.bulk_create(
        [TargetRPJMD(indikator=ind, tahun=y, nilai=v) for y, v in target.items()]
    )
    return ind


@transaction.atomic
def catat_realisasi(user, indikator: IndikatorRPJMD, isian: IsianRealisasiDaerah) -> RealisasiRPJMD:
    """Realisasi tahunan indikator daerah dengan sumbernya (boleh diisi pada RPJMD yang sudah
    ditetapkan: realisasi bukan bagian rencana)."""
    _izin(user, indikator.rpjmd.pemda)
    galat: dict[str, str] = {}
    tahun = isian.tahun
    if tahun is None or tahun not in indikator.rpjmd.tahun_list:
        galat["tahun"] = (
            f"Tahun harus dalam periode {indikator.rpjmd.tahun_awal}–{indikator.rpjmd.tahun_akhir}"
        )
    if isian.nilai is None:
        galat["nilai"] = "Realisasi wajib diisi"
    elif keras := wajar.periksa(isian.nilai, wajar.rentang(indikator.satuan), indikator.satuan):
        # persen 0–100, cacah bulat tidak negatif (sakip.core.wajar; sama dengan realisasi OPD)
        galat["nilai"] = "; ".join(m.pesan for m in keras)
    sumber = _wajib(isian.sumber, "sumber", "Sumber realisasi", galat)
    if galat or tahun is None or isian.nilai is None:
        raise RPJMDError("Realisasi tidak disimpan: periksa isian yang ditandai.", galat)
    obj, _ = RealisasiRPJMD.objects.update_or_create(
        indikator=indikator, tahun=tahun, defaults={"nilai": isian.nilai, "sumber": sumber}
    )
    return obj


@transaction.atomic
def salin_versi(user, rpjmd: RPJMD, alasan: str) -> tuple[RPJMD, dict, dict, dict]:
    """Versi baru dari RPJMD yang sudah ditetapkan: pohonnya disalin; versi lama tetap terbaca apa
    adanya. Mengembalikan salinan dan peta id lama → salinan untuk sasaran, program dan indikator
    (dipakai :func:`sakip.planning.selaras.buat_perubahan_rpjmd` memindahkan keselarasan OPD)."""
    _izin(user, rpjmd.pemda)
    if not alasan.strip():
        raise RPJMDError("Alasan perubahan wajib diisi.")
    akhir = (
        RPJMD.objects.select_for_update()
        .filter(pemda=rpjmd.pemda, tahun_awal=rpjmd.tahun_awal)
        .order_by("-versi")
        .first()
    )
    if akhir is None or akhir.pk != rpjmd.pk:
        raise RPJMDError("Perubahan dibuat dari versi terakhir.")
    if rpjmd.status != StatusAlur.DISETUJUI:
        raise RPJMDError("RPJMD yang belum ditetapkan masih dapat disunting langsung.")
    versi = (
        RPJMD.objects.filter(pemda=rpjmd.pemda, tahun_awal=rpjmd.tahun_awal).aggregate(
            m=Max("versi")
        )["m"]
        + 1
    )
    baru = RPJMD.objects.create(
        pemda=rpjmd.pemda,
        versi=versi,
        alasan_perubahan=alasan.strip(),
        **{
            f: getattr(rpjmd, f)
            for f in (
                "jenis",
                "tahun_awal",
                "tahun_akhir",
                "nama",
                "dasar_hukum",
                "visi",
                "misi",
                "sumber",
                "catatan",
                "contoh",
            )
        },
    )
    peta_s: dict[int, SasaranRPJMD] = {}
    peta_i: dict[int, IndikatorRPJMD] = {}
    for t in muat_pohon(rpjmd):
        t2 = TujuanRPJMD.objects.create(
            rpjmd=baru, kode=t.kode, uraian=t.uraian, misi=t.misi, urutan=t.urutan
        )
        items: list[tuple[IndikatorRPJMD, SasaranRPJMD | None]] = [
            (ind, None) for ind in t.indikator.all()
        ]
        for s in t.sasaran.all():
            s2 = SasaranRPJMD.objects.create(
                tujuan=t2, kode=s.kode, uraian=s.uraian, catatan=s.catatan, urutan=s.urutan
            )
            peta_s[s.pk] = s2
            items += [(ind, s2) for ind in s.indikator.all()]
        for ind, s_baru in items:
            i2 = IndikatorRPJMD.objects.create(
                rpjmd=baru,
                tujuan=None if s_baru else t2,
                sasaran=s_baru,
                **{f: getattr(ind, f) for f in ("kode", *MEDAN_INDIKATOR_RPJMD, "urutan")},
            )
            peta_i[ind.pk] = i2
            TargetRPJMD.objects.bulk_create(
                [
                    TargetRPJMD(indikator=i2, tahun=x.tahun, nilai=x.nilai, nilai_atas=x.nilai_atas)
                    for x in ind.target.all()
                ]
            )
            RealisasiRPJMD.objects.bulk_create(
                [
                    RealisasiRPJMD(
                        indikator=i2,
                        tahun=x.tahun,
                        nilai=x.nilai,
                        sumber=x.sumber,
                        catatan=x.catatan,
                    )
                    for x in ind.realisasi.all()
                ]
            )
    peta_p: dict[int, ProgramRPJMD] = {}
    for p in rpjmd.program.prefetch_related("sasaran"):
        p2 = ProgramRPJMD.objects.create(
            rpjmd=baru,
            kode=p.kode,
            nama=p.nama,
            bidang_urusan_id=p.bidang_urusan_id,
            pagu_indikatif=p.pagu_indikatif,
            urutan=p.urutan,
        )
        p2.sasaran.set([peta_s[s.pk] for s in p.sasaran.all() if s.pk in peta_s])
        peta_p[p.pk] = p2
    return baru, peta_s, peta_p, peta_i
