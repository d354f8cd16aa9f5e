"""Perjanjian Kinerja: membuat PK murni dari Renstra, PK Perubahan sebagai versi baru, dan alurnya.

Versi lama tidak pernah ditimpa: perubahan selalu baris baru dengan alasan; PK yang disetujui terkunci.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Q

from sakip.core.numbers import parse_angka
from sakip.organisations.models import Peran, PerangkatDaerah
from sakip.organisations.permissions import memegang_peran
from sakip.workflow.models import StatusAlur

from .models import (
    Indikator,
    PerjanjianKinerja,
    PKAnggaran,
    PKIndikator,
    RencanaAksi,
    Renstra,
    TargetIndikator,
)
from .models_berhenti import q_aktif
from .sinyal import pk_jabatan_dibuat


class PKError(ValueError):
    pass


@transaction.atomic
def buat_pk_murni(user, opd: PerangkatDaerah, tahun: int) -> PerjanjianKinerja:
    if not memegang_peran(user, opd, Peran.OPERATOR_OPD):
        raise PKError("Hanya Operator OPD ini yang dapat menyusun Perjanjian Kinerja.")
    if PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun, jabatan__isnull=True).exists():
        raise PKError(
            f"Perjanjian Kinerja {tahun} sudah ada; perubahan dibuat sebagai PK Perubahan."
        )
    targets = TargetIndikator.objects.filter(
        q_aktif("indikator", tahun, "indikator__"),
        indikator__opd=opd,
        indikator__iku=True,
        tahun=tahun,
    ).select_related("indikator")
    if not targets:
        raise PKError(f"Belum ada target IKU tahun {tahun} di Renstra untuk disalin ke PK.")
    pk = PerjanjianKinerja.objects.create(
        opd=opd,
        tahun=tahun,
        versi=1,
        jenis="murni",
        pihak_pertama_nama=opd.kepala_nama,
        pihak_pertama_jabatan=f"Kepala {opd.nama}",
        pihak_pertama_pangkat=opd.kepala_pangkat,
        pihak_pertama_nip=opd.kepala_nip,
        pihak_kedua_jabatan=opd.pemda.jabatan_kepala_daerah,
    )
    for i, t in enumerate(sorted(targets, key=lambda t: (t.indikator.urutan, t.indikator.id))):
        PKIndikator.objects.create(
            perjanjian=pk, indikator=t.indikator, target=t.nilai, target_atas=t.nilai_atas, urutan=i
        )
    return pk


@transaction.atomic
def buat_pk_jabatan(user, jabatan, tahun: int) -> PerjanjianKinerja:
    """PK murni satu jabatan di bawah kepala OPD (cascading): pihak pertama pemegang jabatan, pihak
    kedua atasannya; indikatornya indikator program/kegiatan/sub kegiatan yang menjadi tanggung
    jawab langsung jabatan itu, dengan target rencana tahunan ``tahun``."""
    opd = jabatan.opd
    if not memegang_peran(user, opd, Peran.OPERATOR_OPD):
        raise PKError("Hanya Operator OPD ini yang dapat menyusun Perjanjian Kinerja.")
    if jabatan.atasan_id is None:
        raise PKError(
            f"{jabatan.nama} adalah kepala OPD; Perjanjian Kinerjanya adalah PK OPD dengan kepala daerah."
        )
    if PerjanjianKinerja.objects.filter(jabatan=jabatan, tahun=tahun).exists():
        raise PKError(
            f"Perjanjian Kinerja {jabatan.nama} {tahun} sudah ada; perubahan dibuat sebagai PK Perubahan."
        )
    inds = [
        i
        for i in Indikator.objects.filter(q_aktif("indikator", tahun), opd=opd)
        .filter(
            Q(program__jabatan=jabatan)
            | Q(kegiatan__jabatan=jabatan)
            | Q(kegiatan__program__jabatan=jabatan)
            | Q(sub_kegiatan__jabatan=jabatan)
            | Q(sub_kegiatan__kegiatan__jabatan=jabatan)
            | Q(sub_kegiatan__kegiatan__program__jabatan=jabatan)
        )
        .select_related("program", "kegiatan__program", "sub_kegiatan__kegiatan__program")
        .distinct()
        if i.jabatan_efektif_id == jabatan.pk
    ]
    targets = {
        t.indikator_id: t for t in TargetIndikator.objects.filter(indikator__in=inds, tahun=tahun)
    }
    inds = [i for i in inds if i.pk in targets]
    if not inds:
        raise PKError(
            f"Belum ada indikator bertarget {tahun} yang menjadi tanggung jawab {jabatan.nama}; "
            "tugaskan program/kegiatan/sub kegiatan ke jabatan ini dan isi targetnya lebih dahulu."
        )
    atasan = jabatan.atasan
    pk = PerjanjianKinerja.objects.create(
        opd=opd,
        jabatan=jabatan,
        tahun=tahun,
        versi=1,
        jenis="murni",
        pihak_pertama_nama=jabatan.pemegang_nama,
        pihak_pertama_jabatan=jabatan.nama,
        pihak_pertama_pangkat=jabatan.pemegang_pangkat,
        pihak_pertama_nip=jabatan.pemegang_nip,
        pihak_kedua_nama=atasan.pemegang_nama
        or (opd.kepala_nama if atasan.atasan_id is None else ""),
        pihak_kedua_jabatan=atasan.nama,
    )
    PKIndikator.objects.bulk_create(
        [
            PKIndikator(
                perjanjian=pk,
                indikator=i,
                target=targets[i.pk].nilai,
                target_atas=targets[i.pk].nilai_atas,
                urutan=n,
            )
            for n, i in enumerate(sorted(inds, key=lambda i: (i.pemilik.kode, i.urutan, i.id)))
        ]
    )
    # anggarannya (per program/kegiatan/sub kegiatan) diisi app anggaran, yang boleh membaca pagu
    pk_jabatan_dibuat.send(sender=PerjanjianKinerja, pk=pk, indikator=inds)
    return pk


@dataclass(frozen=True)
class IsianTargetPK:
    """Masukan bertipe target PK (dari formulir halaman atau API): ``target`` per id indikator,
    ``awal`` = target yang ditampilkan formulir saat dibuka (untuk konkurensi optimistis)."""

    target: dict[int, Decimal]
    awal: dict[int, Decimal] = field(default_factory=dict)
    alasan: str = ""


@dataclass(frozen=True)
class IsianRencanaAksi:
    """Masukan bertipe Rencana Aksi: target triwulan per (id butir PK, triwulan); None = kosong."""

    target: dict[tuple[int, int], Decimal | None]


def periksa_target_lengkap(pk: PerjanjianKinerja, isian: IsianTargetPK) -> dict[int, str]:
    """Indikator PK yang targetnya belum diisi → pesan (kosong bila lengkap)."""
    return {
        it.indikator_id: f"Target “{it.indikator.nama}” wajib diisi"
        for it in pk.indikator.select_related("indikator")
        if it.indikator_id not in isian.target
    }


@transaction.atomic
def buat_perubahan(user, pk: PerjanjianKinerja, isian: IsianTargetPK) -> PerjanjianKinerja:
    """PK Perubahan (versi baru) dengan target ``isian`` dan alasannya; versi lama tetap."""
    targets, alasan = isian.target, isian.alasan
    opd = pk.opd
    if not memegang_peran(user, opd, Peran.OPERATOR_OPD):
        raise PKError("Hanya Operator OPD ini yang dapat menyusun PK Perubahan.")
    if not alasan.strip():
        raise PKError("Alasan perubahan wajib diisi.")
    jenjang = Q(jabatan__isnull=True) if pk.jabatan_id is None else Q(jabatan_id=pk.jabatan_id)
    latest = (
        PerjanjianKinerja.objects.select_for_update()
        .filter(jenjang, opd=opd, tahun=pk.tahun)
        .order_by("-versi")
        .first()
    )
    if latest is None or latest.pk != pk.pk:
        raise PKError("PK Perubahan dibuat dari versi terakhir.")
    if latest.status != StatusAlur.DISETUJUI:
        raise PKError(
            "PK yang belum disetujui masih dapat disunting; PK Perubahan dibuat setelah PK disetujui."
        )
    versi = (
        PerjanjianKinerja.objects.filter(jenjang, opd=opd, tahun=pk.tahun).aggregate(
            m=Max("versi")
        )["m"]
        or 0
    ) + 1
    new = PerjanjianKinerja.objects.create(
        opd=opd,
        jabatan_id=pk.jabatan_id,
        tahun=pk.tahun,
        versi=versi,
        jenis="perubahan",
        tanggal=None,
        alasan_perubahan=alasan.strip(),
        **{
            f: getattr(pk, f)
            for f in (
                "pihak_pertama_nama",
                "pihak_pertama_jabatan",
                "pihak_pertama_pangkat",
                "pihak_pertama_nip",
                "pihak_kedua_nama",
                "pihak_kedua_jabatan",
            )
        },
    )
    for it in pk.indikator.all():
        item = PKIndikator.objects.create(
            perjanjian=new,
            indikator=it.indikator,
            target=targets.get(it.indikator_id, it.target),
            target_atas=it.target_atas,
            urutan=it.urutan,
        )
        for ra in it.rencana_aksi.all():
            RencanaAksi.objects.create(
                pk_indikator=item,
                triwulan=ra.triwulan,
                target=ra.target,
                target_atas=ra.target_atas,
                rencana_kegiatan=ra.rencana_kegiatan,
            )
    for a in pk.anggaran.all():
        PKAnggaran.objects.create(
            perjanjian=new,
            program=a.program,
            kegiatan=a.kegiatan,
            sub_kegiatan=a.sub_kegiatan,
            pagu=a.pagu,
        )
    return new


@transaction.atomic
def ubah_target(user, pk: PerjanjianKinerja, isian: IsianTargetPK) -> None:
    """Simpan target PK draf. ``awal`` = target yang ditampilkan formulir (medan ``a-t-ID``):
    target yang tidak diubah pengguna tidak ditulis, dan target yang diubah pengguna padahal
    sudah diubah orang lain sejak dibuka ditolak seluruhnya dengan nilai orang lain itu."""
    from sakip.audit.models import pengubah_terakhir
    from sakip.core.numbers import format_angka

    if not memegang_peran(user, pk.opd, Peran.OPERATOR_OPD):
        raise PKError("Hanya Operator OPD ini yang dapat menyunting Perjanjian Kinerja.")
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    if pk.status in (StatusAlur.DIAJUKAN, StatusAlur.DISETUJUI):
        raise PKError("PK ini sudah diajukan/disetujui dan terkunci; buat PK Perubahan.")
    targets, awal = isian.target, isian.awal
    konflik = []
    for it in pk.indikator.select_related("indikator"):
        baru = targets.get(it.indikator_id)
        if baru is None or baru == it.target:
            continue
        lama = awal.get(it.indikator_id)
        if it.indikator_id in awal and baru == lama:
            continue  # tidak diubah pengguna
        tampil = parse_angka(format_angka(it.target, 2, strip_zeros=True))  # seperti formulir
        if it.indikator_id in awal and lama != tampil:
            oleh = pengubah_terakhir("planning.PKIndikator", it.pk) or "oleh pengguna lain"
            f = lambda d: format_angka(d, None, strip_zeros=True)  # noqa: E731
            konflik.append(
                f"Target PK “{it.indikator.nama}” sudah diubah {oleh} menjadi {f(it.target)} "
                f"sesudah halaman ini Anda buka. Isian Anda, {f(baru)}, belum disimpan."
            )
            continue
        it.target = baru
        it.save()
    if konflik:
        raise PKError(" ".join(konflik) + " Periksa, lalu simpan lagi bila isian Anda benar.")


__all__ = ["Indikator"]


@transaction.atomic
def simpan_rencana_aksi(user, pk: PerjanjianKinerja, isian: IsianRencanaAksi) -> int:
    if not memegang_peran(user, pk.opd, Peran.OPERATOR_OPD):
        raise PKError("Hanya Operator OPD ini yang dapat menyusun Rencana Aksi.")
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    if pk.status in (StatusAlur.DIAJUKAN, StatusAlur.DISETUJUI):
        raise PKError(
            "PK ini sudah diajukan/disetujui; Rencana Aksi ikut terkunci (ubah lewat PK Perubahan)."
        )
    n = 0
    for (item_id, tw), value in isian.target.items():
        if value is None:
            n += RencanaAksi.objects.filter(
                pk_indikator_id=item_id, pk_indikator__perjanjian=pk, triwulan=tw
            ).delete()[0]
        else:
            RencanaAksi.objects.update_or_create(
                pk_indikator_id=item_id, triwulan=tw, defaults={"target": value}
            )
            n += 1
    return n


class TargetError(ValueError):
    """Isian target ditolak. ``galat`` memetakan nama medan ke pesan; ``terkini`` memuat sel yang
    diubah orang lain sesudah formulir dibuka (nilai kini, atau ``None`` bila dihapus)."""

    def __init__(self, galat: dict[str, str], terkini: dict | None = None):
        self.galat = galat
        self.terkini = terkini or {}
        super().__init__("; ".join(galat.values()))


@dataclass(frozen=True)
class SelTarget:
    """Masukan bertipe satu sel target Renstra (indikator, tahun). ``awal``: nilai yang ditampilkan
    formulir saat dibuka (``ada_awal`` bila formulir membawanya); ``versi``: versi yang dibaca
    (0 = belum ada; None = tanpa pemeriksaan konflik)."""

    nilai: Decimal | None
    awal: Decimal | None = None
    ada_awal: bool = False
    versi: int | None = None


def kunci_sel(indikator_id: int, tahun: int) -> str:
    """Kunci galat / terkini satu sel target: ``"12:2025"``."""
    return f"{indikator_id}:{tahun}"


@transaction.atomic
def simpan_target_renstra(
    user, opd: PerangkatDaerah, indikator, years, isian: dict[tuple[int, int], SelTarget]
) -> int:
    """Simpan target tahunan Renstra (sel per (id indikator, tahun)) dalam satu transaksi.

    Konkurensi optimistis: setiap sel membawa versi yang dibaca dan nilai yang ditampilkan. Sel
    yang tidak diubah pengguna tidak ditulis; sel yang diubah pengguna padahal sudah diubah orang
    lain sejak dibaca ditolak bersama seluruh simpanan, dengan pesan yang menyebut nilai orang lain
    itu. Galat dan ``terkini`` berkunci :func:`kunci_sel`.
    """
    from sakip.audit.models import pengubah_terakhir
    from sakip.core.numbers import format_angka
    from sakip.organisations.permissions import boleh_mengisi

    if not boleh_mengisi(user, opd):
        raise TargetError(
            {"umum": "Hanya Operator OPD atau Admin Pemda yang dapat mengubah target."}
        )
    baru: dict[tuple[int, int], tuple] = {}
    for ind in indikator:
        for y in years:
            sel = isian.get((ind.id, y))
            if sel is None:
                continue
            if sel.ada_awal and sel.nilai == sel.awal:
                continue  # tidak diubah pengguna
            baru[(ind.id, y)] = (ind, kunci_sel(ind.id, y), sel.nilai, sel.versi)
    from .renstra_versi import pesan_kunci

    for ind, key, _v, _versi in baru.values():
        if ind.tingkat in ("tujuan", "sasaran"):
            r = Renstra.objects.get(pk=ind.pemilik.renstra.pk)
            if pesan := pesan_kunci(r):
                raise TargetError({key: pesan})
    # kunci indikatornya dulu: dua penyimpan sel yang belum ada pun antre, bukan bentrok di INSERT
    list(
        Indikator.objects.select_for_update()
        .filter(id__in=sorted({b[0].id for b in baru.values()}))
        .order_by("id")
        .values_list("id", flat=True)
    )
    kini = {
        (t.indikator_id, t.tahun): t
        for t in TargetIndikator.objects.select_for_update().filter(
            indikator__in=[b[0] for b in baru.values()], tahun__in=list(years)
        )
    }
    konflik, terkini, n = {}, {}, 0
    for (ind_id, y), (ind, key, v, versi) in baru.items():
        t = kini.get((ind_id, y))
        if t is not None and t.nilai == v:
            continue
        if versi is not None and versi != (t.versi if t else 0):
            if t is None:
                lain = "dihapus oleh pengguna lain"
            else:
                oleh = pengubah_terakhir("planning.TargetIndikator", t.pk) or "oleh pengguna lain"
                lain = f"diubah {oleh} menjadi {format_angka(t.nilai, None, strip_zeros=True)}"
            anda = "kosong" if v is None else format_angka(v, None, strip_zeros=True)
            konflik[key] = (
                f"Target “{ind.nama}” tahun {y} sudah {lain} sesudah halaman ini Anda buka. "
                f"Isian Anda, {anda}, belum disimpan. Periksa, lalu simpan lagi bila isian Anda benar."
            )
            terkini[key] = t
            continue
        if v is None:
            if t is not None:
                t.delete()
                n += 1
            continue
        if t is None:
            TargetIndikator.objects.create(indikator_id=ind_id, tahun=y, nilai=v)
        else:
            t.nilai = v
            t.save()
        n += 1
    if konflik:
        raise TargetError(konflik, terkini)
    return n
