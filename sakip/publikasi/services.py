"""Menerbitkan dan membaca terbitan: satu aturan untuk halaman publik, data terbuka dan perintah.

Yang terbit untuk publik hanyalah :class:`~.models.Terbitan`; yang belum terbit tidak punya
terbitan, jadi tidak dapat dibuka (404)."""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction

from sakip.documents.konteks import DokumenError
from sakip.evaluation.models import Evaluasi
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.planning.models import PerjanjianKinerja
from sakip.reporting.models import PersetujuanLkjip
from sakip.tugas import dokumen
from sakip.workflow.models import StatusAlur

from . import cuplikan
from .models import Terbitan

log = logging.getLogger(__name__)
J = Terbitan.Jenis


class PublikasiError(ValueError):
    """Penerbitan ditolak; pesannya berbahasa Indonesia."""


def permintaan(t: Terbitan) -> dokumen.Permintaan | None:
    """Dokumen PDF sebuah terbitan (None: evaluasi terbit sebagai nilai, bukan LHE)."""
    if t.jenis == J.LKJIP:
        return dokumen.Permintaan.untuk_opd("lkjip", t.opd, t.tahun, "pdf")
    if t.jenis == J.PK:
        return dokumen.Permintaan.untuk_opd("pk", t.opd, t.tahun, "pdf", versi=t.versi)
    if t.jenis == J.LKJIP_PEMDA:
        return dokumen.Permintaan.untuk_pemda("lkjip-pemda", t.pemda, t.tahun, "pdf")
    return None


def _versi_data(t: Terbitan) -> str:
    from sakip.audit.versi import versi_opd, versi_pemda

    v = versi_opd(t.opd_id, t.pemda_id) if t.opd_id else versi_pemda(t.pemda_id)
    return str(v)


def _versi_berikut(opd: PerangkatDaerah | None, pemda: Pemda, tahun: int, jenis: str) -> int:
    qs = Terbitan.objects.select_for_update().filter(pemda=pemda, tahun=tahun, jenis=jenis)
    qs = qs.filter(opd=opd) if opd is not None else qs.filter(opd__isnull=True)
    terakhir = qs.order_by("-versi").first()
    return terakhir.versi + 1 if terakhir else 1


def _buat(
    pemda: Pemda,
    opd: PerangkatDaerah | None,
    tahun: int,
    jenis: str,
    versi_sumber: int,
    label_versi: str,
    data: dict,
    oleh,
) -> Terbitan:
    """Terbitan baru (ke-n berikutnya): yang sudah terbit tidak pernah ditimpa atau dihapus."""
    siapa = opd.nama if opd is not None else pemda.nama
    versi = _versi_berikut(opd, pemda, tahun, jenis)
    if versi > 1 and not label_versi:
        label_versi = f" (terbitan ke-{versi})"
    judul = f"{dict(J.choices)[jenis]} {siapa} Tahun {tahun}{label_versi}"[:255]
    t = Terbitan.objects.create(
        pemda=pemda,
        opd=opd,
        tahun=tahun,
        jenis=jenis,
        versi=versi,
        versi_sumber=versi_sumber,
        judul=judul,
        data=data,
        diterbitkan_oleh=oleh,
    )
    # versi data dibaca sesudah commit (penghitungnya ikut transaksi langkah ini), lalu berkasnya
    transaction.on_commit(lambda: sesudah_terbit(t.pk))
    return t


def terbitkan_lkjip(p: PersetujuanLkjip, oleh=None) -> Terbitan:
    return _buat(p.opd.pemda, p.opd, p.tahun, J.LKJIP, 1, "", cuplikan.lkjip(p.opd, p.tahun), oleh)


def terbitkan_pk(pk: PerjanjianKinerja, oleh=None) -> Terbitan | None:
    if pk.jabatan_id is not None:
        return None  # PK berjenjang (Kepala Bidang dst.) adalah dokumen internal OPD
    label = f" (PK Perubahan ke-{pk.versi - 1})" if pk.versi > 1 else ""
    return _buat(pk.opd.pemda, pk.opd, pk.tahun, J.PK, pk.versi, label, cuplikan.pk(pk), oleh)


def terbitkan_evaluasi(ev: Evaluasi, oleh=None) -> Terbitan:
    label = f" (versi {ev.versi})" if ev.versi > 1 else ""
    data = cuplikan.evaluasi(ev)
    return _buat(ev.pemda, ev.opd, ev.tahun, J.EVALUASI, ev.versi, label, data, oleh)


def terbitkan_lkjip_pemda(user, pemda: Pemda, tahun: int) -> Terbitan:
    """Admin Pemda menerbitkan LKjIP Pemda; terbit ulang = terbitan ke-n berikutnya (yang lama tetap)."""
    from sakip import akses
    from sakip.akses import Aksi
    from sakip.rpjmd.services import rpjmd_berlaku

    akses.periksa(user, pemda, Aksi.KELOLA)
    if rpjmd_berlaku(pemda, tahun) is None:
        raise PublikasiError(
            f"{pemda.nama} belum punya RPJMD yang mencakup tahun {tahun}; LKjIP Pemda belum dapat terbit."
        )
    with transaction.atomic():
        data = cuplikan.lkjip_pemda(pemda, tahun)
        return _buat(pemda, None, tahun, J.LKJIP_PEMDA, 1, "", data, user)


def sesudah_terbit(pk: int) -> None:
    """Sesudah commit: catat versi data yang terbit, lalu buat berkasnya (pekerja bila ada)."""
    from sakip.tugas.services import pekerja_aktif

    t = Terbitan.objects.select_related("opd__pemda", "pemda").filter(pk=pk).first()
    if t is None:
        return
    t.versi_data = _versi_data(t)
    t.save(update_fields=["versi_data"])
    if permintaan(t) is None:
        return
    if pekerja_aktif():
        from .tasks import siapkan

        siapkan.enqueue(t.pk)
    else:
        siapkan_berkas(t)


def siapkan_berkas(t: Terbitan) -> bool:
    """Buat dan simpan PDF terbitan dari data pada versi saat terbit. False bila tidak dapat
    (alasannya di ``catatan``): mis. data sudah berubah sebelum berkasnya sempat dibuat."""
    if t.berkas and t.berkas.storage.exists(t.berkas.name):
        return True
    p = permintaan(t)
    if p is None:
        return False
    if not t.versi_data:
        t.versi_data = _versi_data(t)
        t.save(update_fields=["versi_data"])
    elif _versi_data(t) != t.versi_data:
        # diperiksa sebelum membuat apa pun: permintaan publik tidak memicu pembuatan dokumen
        # dari data yang tidak terbit
        return _tidak_dibuat(t)
    try:
        d, _ = dokumen.ambil_atau_buat(p)
    except DokumenError as exc:
        t.catatan = f"Berkas tidak dapat dibuat: {exc}"
        t.save(update_fields=["catatan"])
        return False
    if d.versi_data != t.versi_data:
        return _tidak_dibuat(t)
    isi = dokumen.isi(d)
    t.berkas.save(t.nama_berkas, ContentFile(isi), save=False)
    t.ukuran, t.sidik, t.catatan = len(isi), hashlib.sha256(isi).hexdigest(), ""
    t.save(update_fields=["berkas", "ukuran", "sidik", "catatan"])
    return True


def _tidak_dibuat(t: Terbitan) -> bool:
    t.catatan = (
        "Data OPD berubah sesudah terbit dan sebelum berkasnya dibuat; berkas tidak dibuat dari "
        "data yang tidak terbit. Angka yang terbit tetap tersedia di halaman publik."
    )
    t.save(update_fields=["catatan"])
    log.warning("terbitan %s: data berubah sebelum berkasnya dibuat", t.pk)
    return False


def lengkapi(pemda: Pemda | None = None) -> list[Terbitan]:
    """Terbitkan yang sudah disetujui/final tetapi belum punya terbitan (pemasangan lama, data
    contoh): angkanya dari data saat ini. Mengembalikan terbitan yang dibuat."""
    dibuat: list[Terbitan] = []
    opd_qs = PerangkatDaerah.objects.all() if pemda is None else pemda.opd.all()
    ada = set(
        Terbitan.objects.filter(opd__in=opd_qs).values_list(
            "opd_id", "tahun", "jenis", "versi_sumber"
        )
    )
    with transaction.atomic():
        for p in PersetujuanLkjip.objects.filter(
            opd__in=opd_qs, status=StatusAlur.DISETUJUI
        ).select_related("opd__pemda"):
            if (p.opd_id, p.tahun, J.LKJIP, 1) not in ada:
                dibuat.append(terbitkan_lkjip(p, p.diputuskan_oleh))
        for pk in PerjanjianKinerja.objects.filter(
            opd__in=opd_qs, jabatan__isnull=True, status=StatusAlur.DISETUJUI
        ).select_related("opd__pemda"):
            if (pk.opd_id, pk.tahun, J.PK, pk.versi) not in ada:
                t = terbitkan_pk(pk, pk.diputuskan_oleh)
                if t is not None:
                    dibuat.append(t)
        for ev in Evaluasi.objects.filter(
            opd__in=opd_qs, status=StatusAlur.DISETUJUI
        ).select_related("opd__pemda", "templat"):
            if (ev.opd_id, ev.tahun, J.EVALUASI, ev.versi) not in ada:
                dibuat.append(terbitkan_evaluasi(ev, ev.diputuskan_oleh))
    return dibuat


# --- membaca (satu aturan untuk halaman publik, data terbuka dan API) ---------------------------


def terbaru(qs):
    """Terbitan terbaru per (OPD/Pemda, tahun, jenis) dari ``qs``."""
    hasil: dict[tuple, Terbitan] = {}
    for t in qs.order_by("-versi"):
        hasil.setdefault((t.opd_id, t.tahun, t.jenis), t)
    return list(hasil.values())


def terbitan_pemda(pemda: Pemda):
    return Terbitan.objects.filter(pemda=pemda).select_related("opd", "pemda")


def terbitan_opd_tahun(opd: PerangkatDaerah, tahun: int) -> dict[str, list[Terbitan]]:
    """Semua terbitan OPD-tahun per jenis, terbaru dulu."""
    out: dict[str, list[Terbitan]] = {}
    for t in (
        Terbitan.objects.filter(opd=opd, tahun=tahun)
        .select_related("opd", "pemda")
        .order_by("jenis", "-versi")
    ):
        out.setdefault(t.jenis, []).append(t)
    return out


def ada_terbitan(opd: PerangkatDaerah, tahun: int) -> bool:
    return Terbitan.objects.filter(opd=opd, tahun=tahun).exists()
