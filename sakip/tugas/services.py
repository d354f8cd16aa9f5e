"""Layanan tugas latar: mengantrekan, menjalankan (di pekerja), progres, mengulang.

Antrean = django-tasks dengan backend basis data (django-tasks-db): satu tugas Django
(:func:`sakip.tugas.tasks.jalankan`) menerima id :class:`~.models.Tugas`; catatan ``Tugas``
memuat jenis dan parameternya. Permintaan yang sama selagi yang pertama belum selesai tidak
mengantre dua kali (``kunci``).

Tepat sekali: hasil tugas (dokumen tersimpan, ringkasan) ditulis dalam transaksi yang lebih dulu
mengunci baris ``Tugas`` dan memeriksa bahwa pekerja ini masih pemiliknya. Pekerja yang dianggap
mati (detaknya berhenti) lalu tugasnya diulang pekerja lain tidak dapat menulis hasil kedua.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Now
from django.utils import timezone

from sakip.documents.konteks import DokumenError
from sakip.organisations.models import Pemda, PerangkatDaerah

from . import dokumen
from .models import PekerjaTugas, Tugas

log = logging.getLogger("sakip.tugas")


class TugasError(Exception):
    """Kesalahan yang pesannya untuk pengguna (bahasa Indonesia)."""


class BukanMilik(Exception):
    """Tugas ini sudah diambil alih pekerja lain; hasil tidak ditulis."""


def batas_detak() -> int:
    """Detik tanpa detak sebelum pekerja dianggap mati dan tugasnya diulang."""
    return int(getattr(settings, "SAKIP_TUGAS_BATAS_DETAK", 60))


def pekerja_aktif() -> bool:
    """Ada pekerja yang berdetak dalam batas waktu (jam basis data, bukan jam mesin ini)."""
    return PekerjaTugas.objects.filter(
        detak_pada__gte=Now() - dt.timedelta(seconds=batas_detak())
    ).exists()


def _enqueue(t: Tugas) -> None:
    from .tasks import jalankan

    prioritas = 10 if t.jenis in (Tugas.Jenis.DOKUMEN, Tugas.Jenis.DOKUMEN_PEMDA) else 0
    hasil = jalankan.using(priority=prioritas).enqueue(str(t.pk))
    t.hasil_id = hasil.id
    t.save(update_fields=["hasil_id"])


def antrekan(
    jenis: str,
    judul: str,
    kunci: str,
    parameter: dict,
    *,
    pemohon=None,
    pemda: Pemda | None = None,
    opd: PerangkatDaerah | None = None,
    tahun: int | None = None,
) -> tuple[Tugas, bool]:
    """Antrekan tugas (satu transaksi). Bila tugas berkunci sama masih antre/berjalan, itulah
    yang dikembalikan. Mengembalikan (tugas, baru)."""
    with transaction.atomic():
        ada = (
            Tugas.objects.select_for_update()
            .filter(kunci=kunci, status__in=[Tugas.Status.ANTRE, Tugas.Status.BERJALAN])
            .first()
        )
        if ada is not None:
            return ada, False
        t = Tugas.objects.create(
            jenis=jenis,
            judul=judul[:255],
            kunci=kunci[:255],
            parameter=parameter,
            pemohon=pemohon if pemohon is not None and pemohon.is_authenticated else None,
            pemda=pemda or (opd.pemda if opd else None),
            opd=opd,
            tahun=tahun,
        )
        _enqueue(t)
    return t, True


def antrekan_dokumen(p: dokumen.Permintaan, pemohon=None) -> tuple[Tugas, bool]:
    if p.jenis == dokumen.SEMUA_LKJIP:
        jenis = Tugas.Jenis.LKJIP_SEMUA
    else:
        jenis = Tugas.Jenis.DOKUMEN_PEMDA if p.tingkat_pemda else Tugas.Jenis.DOKUMEN
    return antrekan(
        jenis,
        p.judul,
        f"dokumen|{p.kunci}",
        p.sebagai_parameter(),
        pemohon=pemohon,
        pemda=p.pemda,
        opd=p.opd if not p.tingkat_pemda else None,
        tahun=p.tahun,
    )


def antrekan_ringkasan(pemohon=None, semua: bool = False) -> tuple[Tugas, bool]:
    judul = "Bangun ulang seluruh ringkasan capaian" if semua else "Segarkan ringkasan capaian"
    return antrekan(
        Tugas.Jenis.RINGKASAN,
        judul,
        f"ringkasan|{'semua' if semua else 'kedaluwarsa'}",
        {"semua": semua},
        pemohon=pemohon,
    )


def ulangi(t: Tugas, pemohon=None) -> Tugas:
    """Tugas yang gagal diantrekan lagi (percobaan baru, progres dari awal)."""
    with transaction.atomic():
        t = Tugas.objects.select_for_update().get(pk=t.pk)
        if t.status != Tugas.Status.GAGAL:
            raise TugasError("Hanya tugas yang gagal yang dapat diulang.")
        t.status = Tugas.Status.ANTRE
        t.pesan = ""
        t.langkah = "Diulang atas permintaan" + (f" {pemohon.username}" if pemohon else "")
        t.selesai = 0
        t.selesai_pada = None
        t.save(update_fields=["status", "pesan", "langkah", "selesai", "selesai_pada"])
        _enqueue(t)
    return t


# ---------------------------------------------------------------- di dalam pekerja


class Jalan:
    """Konteks satu tugas yang sedang dikerjakan: progres dan pemeriksaan kepemilikan."""

    def __init__(self, tugas: Tugas, id_pekerja: str):
        self.tugas = tugas
        self.id_pekerja = id_pekerja
        self._terakhir = 0.0

    def maju(self, selesai: int, jumlah: int, langkah: str, paksa: bool = False) -> None:
        """Catat progres (langsung ter-commit; paling sering dua kali sedetik)."""
        now = time.monotonic()
        if not paksa and now - self._terakhir < 0.5 and selesai < jumlah:
            return
        self._terakhir = now
        Tugas.objects.filter(
            pk=self.tugas.pk, pekerja=self.id_pekerja, status=Tugas.Status.BERJALAN
        ).update(selesai=selesai, jumlah=jumlah, langkah=langkah[:255])

    def pastikan_milik(self) -> None:
        """Di dalam transaksi penulis hasil: kunci baris tugas, pastikan masih milik pekerja ini."""
        t = Tugas.objects.select_for_update().filter(pk=self.tugas.pk).first()
        if t is None or t.pekerja != self.id_pekerja or t.status != Tugas.Status.BERJALAN:
            raise BukanMilik(f"tugas {self.tugas.pk} sudah diambil alih pekerja lain")


def kerjakan(tugas_id: str, id_pekerja: str) -> dict:
    """Jalankan tugas ``tugas_id`` di pekerja ``id_pekerja`` (dipanggil oleh tugas django-tasks)."""
    with transaction.atomic():
        t = Tugas.objects.select_for_update().filter(pk=tugas_id).first()
        if t is None:
            return {"dilewati": "tugas sudah dihapus"}
        t.status = Tugas.Status.BERJALAN
        t.pekerja = id_pekerja
        t.percobaan += 1
        t.mulai_pada = timezone.now()
        t.pesan = ""
        t.save(update_fields=["status", "pekerja", "percobaan", "mulai_pada", "pesan"])
    j = Jalan(t, id_pekerja)
    try:
        hasil = PENGERJA[Tugas.Jenis(t.jenis)](j, t.parameter)
    except BukanMilik:
        log.warning(
            "tugas %s diambil alih pekerja lain; hasil pekerja %s dibuang", t.pk, id_pekerja
        )
        raise
    except Exception as exc:
        pesan = _pesan_galat(exc)
        with transaction.atomic():
            try:
                j.pastikan_milik()
            except BukanMilik:
                raise exc from None
            Tugas.objects.filter(pk=t.pk).update(
                status=Tugas.Status.GAGAL, pesan=pesan, selesai_pada=timezone.now()
            )
        if not isinstance(exc, (DokumenError, TugasError)):
            log.exception("tugas %s (%s) gagal", t.pk, t.judul)
        raise
    return hasil


def _pesan_galat(exc: BaseException) -> str:
    if isinstance(exc, (DokumenError, TugasError)):
        return str(exc)
    from sakip.organisations.models import PerangkatDaerah as _O

    if isinstance(exc, (_O.DoesNotExist, Pemda.DoesNotExist)):
        return "Data yang diminta sudah tidak ada (dihapus setelah tugas diantrekan)."
    return (
        f"Galat tak terduga ({type(exc).__name__}). Rinciannya tercatat di log server "
        "(galat.log); coba ulangi, dan bila gagal lagi laporkan ke pengelola sakip."
    )


def _selesai(j: Jalan, hasil: dict, dok=None, langkah: str = "Selesai") -> dict:
    with transaction.atomic():
        j.pastikan_milik()
        Tugas.objects.filter(pk=j.tugas.pk).update(
            status=Tugas.Status.SELESAI,
            selesai=j.tugas.jumlah or 1,
            jumlah=j.tugas.jumlah or 1,
            langkah=langkah,
            hasil=hasil,
            dokumen=dok,
            selesai_pada=timezone.now(),
        )
    return hasil


def _kerja_dokumen(j: Jalan, param: dict) -> dict:
    p = dokumen.Permintaan.dari_parameter(param)
    j.tugas.jumlah = 1
    j.maju(0, 1, f"Membuat {p.judul}", paksa=True)
    d, baru = dokumen.ambil_atau_buat(p, sebelum_simpan=j.pastikan_milik)
    return _selesai(j, {"dokumen": d.pk, "dibuat": baru, "detik": d.detik}, d)


def _kerja_lkjip_semua(j: Jalan, param: dict) -> dict:
    """LKjIP setiap OPD Pemda itu (dokumen tersimpan dipakai ulang), lalu satu ZIP."""
    from sakip.planning.models import TahunKinerja

    p = dokumen.Permintaan.dari_parameter(param)
    opds = [
        tk.opd
        for tk in TahunKinerja.objects.filter(tahun=p.tahun, opd__pemda=p.pemda)
        .select_related("opd__pemda")
        .order_by("opd__nama")
    ]
    if not opds:
        raise TugasError(f"Tidak ada OPD {p.pemda.nama} dengan data tahun {p.tahun}.")
    versi_zip = p.versi()
    mulai = time.perf_counter()
    n = len(opds)
    j.tugas.jumlah = n + 1
    isi, gagal, dipakai_ulang = [], [], 0
    for i, opd in enumerate(opds):
        j.maju(i, n + 1, f"LKjIP {opd.nama} ({i + 1} dari {n})", paksa=True)
        satu = dokumen.Permintaan.untuk_opd("lkjip", opd, p.tahun, p.fmt)
        try:
            d, baru = dokumen.ambil_atau_buat(satu, sebelum_simpan=j.pastikan_milik)
        except DokumenError as exc:
            gagal.append(f"{opd.nama}: {exc}")
            continue
        dipakai_ulang += not baru
        isi.append((d.nama, dokumen.isi(d)))
    if not isi:
        raise TugasError("Tidak satu pun LKjIP dapat dibuat: " + "; ".join(gagal))
    j.maju(n, n + 1, "Menyusun berkas ZIP", paksa=True)
    nama = f"lkjip-{p.pemda.slug}-{p.tahun}-{p.fmt}.zip"
    if gagal:
        isi.append(("GAGAL.txt", ("\n".join(gagal) + "\n").encode("utf-8")))
    z = dokumen.zip_lkjip(nama, isi)
    d = dokumen.simpan(
        p, versi_zip, z, time.perf_counter() - mulai, sebelum_simpan=j.pastikan_milik
    )
    hasil: dict[str, object] = {
        "dokumen": d.pk,
        "lkjip": len(isi) - bool(gagal),
        "dipakai_ulang": dipakai_ulang,
    }
    if gagal:
        hasil["gagal"] = gagal
    langkah = f"Selesai: {len(isi) - bool(gagal)} LKjIP" + (
        f", {len(gagal)} gagal (lihat GAGAL.txt dalam ZIP)" if gagal else ""
    )
    return _selesai(j, hasil, d, langkah)


def _kerja_ringkasan(j: Jalan, param: dict) -> dict:
    from sakip.measurement import ringkasan

    j.tugas.jumlah = 1
    j.maju(0, 1, "Menghitung ringkasan capaian", paksa=True)
    if param.get("semua"):
        opd_ids = list(PerangkatDaerah.objects.values_list("id", flat=True))
        with transaction.atomic():
            j.pastikan_milik()
            n = ringkasan.hitung_ulang((o, ringkasan.SEMUA_TAHUN) for o in opd_ids)
    else:
        n = ringkasan.segarkan()
    return _selesai(j, {"baris": n}, langkah=f"Selesai: {n} baris ringkasan")


def _kerja_reviu_laporan(j: Jalan, param: dict) -> dict:
    from sakip.interchange.baca.layanan import reviu_laporan
    from sakip.review.models import LaporanTercetak

    lap = LaporanTercetak.objects.select_related("opd__pemda").get(pk=param["laporan"])
    j.tugas.jumlah = 1
    j.maju(0, 1, f"Mereviu {lap.nama}", paksa=True)
    with transaction.atomic():
        j.pastikan_milik()
        hasil = reviu_laporan(lap)
    return _selesai(j, dict(hasil), langkah="Selesai: reviu laporan")


def berkas_sementara(kunci: str):
    """Jalur berkas unggahan yang menunggu dibaca pekerja (di ``SAKIP_HOME``, bukan media publik)."""
    from sakip.paths import sakip_home

    return sakip_home() / "sementara" / "baca" / f"{kunci}.bin"


def antrekan_baca_laporan(opd, tahun: int, nama: str, isi: bytes, pemohon) -> Tugas:
    """Simpan unggahan ke berkas sementara lalu antrekan pembacaannya (PDF tebal: puluhan detik);
    pengguna melihat progresnya di halaman tugas, lalu tautan ke laporan yang terbaca."""
    import hashlib

    kunci = hashlib.sha256(isi).hexdigest()[:32]
    jalur = berkas_sementara(kunci)
    jalur.parent.mkdir(parents=True, exist_ok=True)
    jalur.write_bytes(isi)
    t, _ = antrekan(
        Tugas.Jenis.BACA_LAPORAN,
        f"Membaca {nama[:200]}",
        f"baca-laporan:{opd.pk}:{tahun}:{kunci}",
        {"opd": opd.pk, "tahun": tahun, "nama": nama[:200], "berkas": kunci},
        pemohon=pemohon,
        opd=opd,
        tahun=tahun,
    )
    return t


def _kerja_baca_laporan(j: Jalan, param: dict) -> dict:
    from django.contrib.auth import get_user_model

    from sakip.interchange.baca.layanan import LaporanError, kelompok_klaim, unggah_laporan

    opd = PerangkatDaerah.objects.select_related("pemda").get(pk=param["opd"])
    jalur = berkas_sementara(param["berkas"])
    if not jalur.exists():
        raise TugasError("Berkas unggahan sudah tidak ada di server; unggah ulang laporannya.")
    j.tugas.jumlah = 1
    j.maju(0, 1, f"Membaca {param['nama']}", paksa=True)
    pemohon = j.tugas.pemohon_id
    oleh = get_user_model().objects.filter(pk=pemohon).first() if pemohon else None
    j.pastikan_milik()
    try:
        lap = unggah_laporan(opd, param["tahun"], param["nama"], jalur.read_bytes(), oleh=oleh)
    except LaporanError as exc:
        raise TugasError(str(exc)) from None
    jalur.unlink(missing_ok=True)
    n = sum(len(g.sel) for g in kelompok_klaim(lap))
    return _selesai(
        j,
        {"laporan": lap.pk, "angka": n},
        langkah=f"Selesai: {n} angka dan penilaian tercetak ditempatkan",
    )


def _kerja_evaluasi(j: Jalan, param: dict) -> dict:
    from sakip.evaluation.models import Evaluasi
    from sakip.evaluation.services import segarkan_otomatis

    ev = Evaluasi.objects.select_related("opd__pemda", "pemda").get(pk=param["evaluasi"])
    j.tugas.jumlah = 1
    j.maju(0, 1, f"Menghitung jawaban otomatis {ev}", paksa=True)
    with transaction.atomic():
        j.pastikan_milik()
        segarkan_otomatis(ev)
    return _selesai(j, {"evaluasi": ev.pk}, langkah="Selesai: jawaban otomatis diperbarui")


PENGERJA = {
    Tugas.Jenis.DOKUMEN: _kerja_dokumen,
    Tugas.Jenis.DOKUMEN_PEMDA: _kerja_dokumen,
    Tugas.Jenis.LKJIP_SEMUA: _kerja_lkjip_semua,
    Tugas.Jenis.RINGKASAN: _kerja_ringkasan,
    Tugas.Jenis.REVIU_LAPORAN: _kerja_reviu_laporan,
    Tugas.Jenis.BACA_LAPORAN: _kerja_baca_laporan,
    Tugas.Jenis.EVALUASI_OTOMATIS: _kerja_evaluasi,
}
