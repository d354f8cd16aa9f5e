"""Layanan RPJMD: versi yang berlaku, penyusunan (satu transaksi per aksi) dan versi perubahan."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Prefetch

from sakip.core.numbers import NumberFormatError, bilangan_id, to_decimal
from sakip.organisations.models import Pemda
from sakip.organisations.permissions import boleh_mengelola_rpjmd
from sakip.workflow.models import StatusAlur

from .models import (
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


def _angka(data, key: str, label: str, galat: dict, wajib: bool = False) -> Decimal | None:
    raw = (data.get(key) or "").strip()
    if not raw:
        if wajib:
            galat[key] = f"{label} wajib diisi"
        return None
    try:
        return to_decimal(raw)
    except NumberFormatError as exc:
        galat[key] = f"{label}: {exc}"
        return None


def _teks(data, key: str, label: str, galat: dict, wajib: bool = True) -> str:
    v = (data.get(key) or "").strip()
    if wajib and not v:
        galat[key] = f"{label} wajib diisi"
    return v


@transaction.atomic
def buat_rpjmd(user, pemda: Pemda, data) -> RPJMD:
    """RPJMD baru (versi 1) dari isian: periode, nama, visi, misi (satu per baris)."""
    _izin(user, pemda)
    galat: dict[str, str] = {}
    tahun = {}
    for key, label in (("tahun_awal", "Tahun awal"), ("tahun_akhir", "Tahun akhir")):
        y = bilangan_id(data.get(key))
        if y is None or not 2000 <= y <= 2100:
            galat[key] = f"{label} harus tahun 2000–2100"
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
    jenis = data.get("jenis") or RPJMD.Jenis.RPJMD
    if jenis not in RPJMD.Jenis.values:
        galat["jenis"] = "Jenis harus RPJMD atau RPD"
    visi = _teks(data, "visi", "Visi", galat)
    if galat:
        raise RPJMDError("RPJMD tidak disimpan: periksa isian yang ditandai.", galat)
    misi = [m.strip() for m in (data.get("misi") or "").splitlines() if m.strip()]
    return RPJMD.objects.create(
        pemda=pemda,
        jenis=jenis,
        nama=(data.get("nama") or "").strip(),
        dasar_hukum=(data.get("dasar_hukum") or "").strip(),
        visi=visi,
        misi=misi,
        **tahun,
    )


@transaction.atomic
def tambah_tujuan(user, rpjmd: RPJMD, data) -> TujuanRPJMD:
    _izin(user, rpjmd.pemda)
    _terbuka(rpjmd)
    galat: dict[str, str] = {}
    kode = _teks(data, "kode", "Kode tujuan", galat)
    uraian = _teks(data, "uraian", "Uraian tujuan", galat)
    if kode and rpjmd.tujuan.filter(kode=kode).exists():
        galat["kode"] = f"Kode tujuan '{kode}' sudah dipakai"
    misi = (data.get("misi") or "").strip()
    if misi and (bilangan_id(misi) is None or not 1 <= int(misi) <= len(rpjmd.misi)):
        galat["misi"] = (
            f"Nomor misi harus 1–{len(rpjmd.misi)}"
            if rpjmd.misi
            else "RPJMD ini belum mencantumkan misi; kosongkan nomor misi"
        )
    if galat:
        raise RPJMDError("Tujuan tidak disimpan: periksa isian yang ditandai.", galat)
    n = rpjmd.tujuan.count()
    return TujuanRPJMD.objects.create(
        rpjmd=rpjmd, kode=kode, uraian=uraian, misi=int(misi) if misi else None, urutan=n
    )


@transaction.atomic
def tambah_sasaran(user, rpjmd: RPJMD, data) -> SasaranRPJMD:
    _izin(user, rpjmd.pemda)
    _terbuka(rpjmd)
    galat: dict[str, str] = {}
    pk_tujuan = bilangan_id(data.get("tujuan"))
    tujuan = rpjmd.tujuan.filter(pk=pk_tujuan).first() if pk_tujuan else None
    if tujuan is None:
        galat["tujuan"] = "Pilih tujuan RPJMD"
    kode = _teks(data, "kode", "Kode sasaran", galat)
    uraian = _teks(data, "uraian", "Uraian sasaran", galat)
    if kode and SasaranRPJMD.objects.filter(tujuan__rpjmd=rpjmd, kode=kode).exists():
        galat["kode"] = f"Kode sasaran '{kode}' sudah dipakai"
    if galat:
        raise RPJMDError("Sasaran tidak disimpan: periksa isian yang ditandai.", galat)
    return SasaranRPJMD.objects.create(
        tujuan=tujuan, kode=kode, uraian=uraian, urutan=tujuan.sasaran.count()
    )


@transaction.atomic
def tambah_indikator(user, rpjmd: RPJMD, data) -> IndikatorRPJMD:
    """Indikator sasaran dengan kondisi awal, target tiap tahun periode (``target_TTTT``) dan
    kondisi akhir."""
    _izin(user, rpjmd.pemda)
    _terbuka(rpjmd)
    galat: dict[str, str] = {}
    pk_sasaran = bilangan_id(data.get("sasaran"))
    sasaran = (
        SasaranRPJMD.objects.filter(tujuan__rpjmd=rpjmd, pk=pk_sasaran).first()
        if pk_sasaran
        else None
    )
    if sasaran is None:
        galat["sasaran"] = "Pilih sasaran RPJMD"
    kode = _teks(data, "kode", "Kode indikator", galat)
    nama = _teks(data, "nama", "Nama indikator", galat)
    if kode and rpjmd.indikator.filter(kode=kode).exists():
        galat["kode"] = f"Kode indikator '{kode}' sudah dipakai"
    polaritas = data.get("polaritas") or "naik"
    if polaritas not in ("naik", "turun"):
        galat["polaritas"] = "Polaritas harus naik atau turun"
    awal = _angka(data, "kondisi_awal", "Kondisi awal", galat)
    akhir = _angka(data, "kondisi_akhir", "Kondisi akhir", galat)
    target = {}
    for y in rpjmd.tahun_list:
        v = _angka(data, f"target_{y}", f"Target {y}", galat)
        if v is not None:
            target[y] = v
    if not target and not galat.keys() & {f"target_{y}" for y in rpjmd.tahun_list}:
        galat[f"target_{rpjmd.tahun_awal}"] = "Isi target sekurang-kurangnya satu tahun"
    if galat:
        raise RPJMDError("Indikator tidak disimpan: periksa isian yang ditandai.", galat)
    ind = IndikatorRPJMD.objects.create(
        rpjmd=rpjmd,
        sasaran=sasaran,
        kode=kode,
        nama=nama,
        satuan=(data.get("satuan") or "").strip(),
        polaritas=polaritas,
        sumber_data=(data.get("sumber_data") or "").strip(),
        kondisi_awal=awal,
        kondisi_awal_tahun=rpjmd.tahun_awal - 1 if awal is not None else None,
        kondisi_akhir=akhir,
        urutan=rpjmd.indikator.count(),
    )
    TargetRPJMD.objects.bulk_create(
        [TargetRPJMD(indikator=ind, tahun=y, nilai=v) for y, v in target.items()]
    )
    return ind


@transaction.atomic
def catat_realisasi(user, indikator: IndikatorRPJMD, data) -> RealisasiRPJMD:
    """Realisasi tahunan indikator daerah dengan sumbernya (boleh diisi pada RPJMD yang sudah
    ditetapkan: realisasi bukan bagian rencana)."""
    _izin(user, indikator.rpjmd.pemda)
    galat: dict[str, str] = {}
    tahun = bilangan_id(data.get("tahun"))
    if tahun not in indikator.rpjmd.tahun_list:
        galat["tahun"] = (
            f"Tahun harus dalam periode {indikator.rpjmd.tahun_awal}–{indikator.rpjmd.tahun_akhir}"
        )
    nilai = _angka(data, "nilai", "Realisasi", galat, wajib=True)
    sumber = _teks(data, "sumber", "Sumber realisasi", galat)
    if galat:
        raise RPJMDError("Realisasi tidak disimpan: periksa isian yang ditandai.", galat)
    obj, _ = RealisasiRPJMD.objects.update_or_create(
        indikator=indikator, tahun=tahun, defaults={"nilai": nilai, "sumber": sumber}
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
    if akhir.pk != rpjmd.pk:
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
        items = [(ind, None) for ind in t.indikator.all()]
        for s in t.sasaran.all():
            s2 = SasaranRPJMD.objects.create(
                tujuan=t2, kode=s.kode, uraian=s.uraian, catatan=s.catatan, urutan=s.urutan
            )
            peta_s[s.pk] = s2
            items += [(ind, s2) for ind in s.indikator.all()]
        for ind, s2 in items:
            i2 = IndikatorRPJMD.objects.create(
                rpjmd=baru,
                tujuan=None if s2 else t2,
                sasaran=s2,
                **{
                    f: getattr(ind, f)
                    for f in (
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
                        "catatan",
                        "urutan",
                    )
                },
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
