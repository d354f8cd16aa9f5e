"""Versi data per OPD dan per Pemda: kunci dokumen tersimpan dan dasbor bertembolok.

Setiap simpan/hapus pada model sakip (selain catatan turunan: jejak audit, ringkasan, tugas,
dokumen tersimpan) menaikkan penghitung OPD pemilik datanya — atau Pemda-nya, atau penghitung
umum bila data itu rujukan bersama (urusan, templat LKE) — di transaksi yang sama. Jalur dari
sebuah model ke OPD/Pemda-nya dicari sekali dari metadata model (kunci asing terpendek), bukan
ditulis tangan per model, sehingga model baru ikut terhitung tanpa langkah tambahan.

Jalur yang melewati sinyal (``bulk_create``, ``QuerySet.update``) memanggil :func:`naikkan`
sendiri (layanan impor, evaluasi, RPJMD).
"""

from __future__ import annotations

from collections import deque
from functools import cache

from django.db import IntegrityError, transaction
from django.db.models import F, Max, OuterRef, Q, Sum
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from . import tanda
from .models import VersiData

OPD = "organisations.PerangkatDaerah"
PEMDA = "organisations.Pemda"

# Catatan turunan (dihitung dari data lain) atau bukan data kinerja: tidak menaikkan versi.
TANPA_VERSI = {
    "audit.JejakAudit",
    "audit.VersiData",
    "measurement.RingkasanCapaian",
    "measurement.CapaianKedaluwarsa",
    "measurement.RingkasanOpd",
    "organisations.TokenApi",
    "harian.Notifikasi",
    "harian.PilihanPengguna",
    "review.JalannyaReviu",
    "publikasi.Terbitan",  # cuplikan yang terbit, bukan data kinerja
}
APP_TANPA_VERSI = {"tugas"}
# app yang modelnya isian/hasil atas rencana (bukan bagian rencana): simpanannya tidak menaikkan
# versi rencana (:func:`versi_rencana_opd`)
APP_ISIAN = {"measurement", "budget", "reporting", "review", "evaluation", "harian", "publikasi"}
HILANG = -1  # induk data sudah terhapus


def _catatan_transaksi():
    """Catatan milik transaksi yang sedang berjalan: (penanda, penaikan, pemilik induk), atau None
    di luar transaksi. Django mengganti daftar ``run_on_commit`` sambungan dengan objek baru pada
    commit, rollback dan rollback savepoint; selama daftarnya masih objek yang sama, tidak ada yang
    dibatalkan sejak catatan dibuat."""
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        return None
    catatan = getattr(conn, "_sakip_versi", None)
    if catatan is None or catatan[0] is not conn.run_on_commit:
        catatan = (conn.run_on_commit, set(), {})
        conn._sakip_versi = catatan
    return catatan


def _sudah_naik(lingkup: tuple, rencana: bool) -> bool:
    """Sudah dinaikkan di transaksi ini? Satu impor menyimpan ribuan baris satu OPD; satu
    penaikan per transaksi cukup. Penaikan beserta rencananya mencakup penaikan tanpa rencana,
    tidak sebaliknya."""
    catatan = _catatan_transaksi()
    if catatan is None:
        return False
    if (*lingkup, True) in catatan[1] or (not rencana and (*lingkup, False) in catatan[1]):
        return True
    catatan[1].add((*lingkup, rencana))
    return False


def naikkan(opd_id: int | None = None, pemda_id: int | None = None, rencana: bool = True) -> None:
    """Naikkan penghitung OPD (bila ``opd_id``), Pemda (bila hanya ``pemda_id``), atau umum
    (keduanya kosong), dalam transaksi pemanggil (sekali per transaksi).

    ``rencana``: perubahan itu (mungkin) mengenai bagian rencana — penghitung rencananya ikut naik.
    Hanya sinyal simpan model isian (realisasi, anggaran, laporan, reviu, evaluasi) yang memberi
    False; pemanggil lain menaikkan keduanya (aman bila ragu)."""
    if _sudah_naik((opd_id or None, None if opd_id else pemda_id), rencana):
        return
    if tanda.aktif():
        _ganti_tanda(opd_id, pemda_id)
    if opd_id:
        qs = VersiData.objects.filter(opd_id=opd_id)
    elif pemda_id:
        qs = VersiData.objects.filter(pemda_id=pemda_id, opd_id__isnull=True)
    else:
        qs = VersiData.objects.filter(pemda_id__isnull=True, opd_id__isnull=True)
    kini = timezone.now()
    ubah: dict = {"versi": F("versi") + 1, "diubah_pada": kini}
    if rencana:
        ubah |= {"versi_rencana": F("versi_rencana") + 1, "rencana_diubah_pada": kini}
    if qs.update(**ubah):
        return
    if opd_id and not pemda_id:
        pemda_id = _pemda_opd(opd_id)
    try:
        with transaction.atomic():
            VersiData.objects.create(
                opd_id=opd_id or None,
                pemda_id=pemda_id,
                versi=1,
                versi_rencana=1,
                rencana_diubah_pada=kini,
            )
    except IntegrityError:  # penyimpan lain membuatnya lebih dahulu
        qs.update(**ubah)


def _ganti_tanda(opd_id: int | None, pemda_id: int | None) -> None:
    """Tanda tembolok bersama (:mod:`sakip.audit.tanda`) lingkup yang berubah, sesudah commit."""
    if opd_id:
        pemda_id = pemda_id or _pemda_opd(opd_id)
        tanda.ganti(f"opd:{opd_id}", *([f"pemda:{pemda_id}"] if pemda_id else []))
    elif pemda_id:
        tanda.ganti(f"pemda-sendiri:{pemda_id}", f"pemda:{pemda_id}")
    else:
        tanda.ganti("umum")


def _pemda_opd(opd_id: int) -> int | None:
    """Pemda sebuah OPD (satu kueri kecil per transaksi yang menulis; tidak diingat antarproses:
    id yang dibatalkan bisa dipakai ulang)."""
    from django.apps import apps

    PerangkatDaerah = apps.get_model(OPD)  # noqa: N806 (audit di bawah organisations)
    return PerangkatDaerah.objects.filter(pk=opd_id).values_list("pemda_id", flat=True).first()


def _umum() -> Q:
    return Q(pemda_id__isnull=True, opd_id__isnull=True)


class Versi(str):
    """Versi data sebagai teks "jumlah.waktu": jumlah penghitung (naik pada setiap perubahan)
    dan waktu perubahan terakhir dalam mikrodetik. Waktunya membuat versi tidak pernah terulang
    walau penghitung mundur (transaksi dibatalkan, cadangan dipulihkan): kunci tembolok lama
    tidak pernah tertukar dengan data lain. ``.jumlah`` untuk membandingkan tua-mudanya."""

    jumlah: int

    @classmethod
    def dari(cls, r: dict) -> Versi:
        jumlah = int(r["v"] or 0)
        waktu = int(r["t"].timestamp() * 1_000_000) if r["t"] else 0
        v = cls(f"{jumlah}.{waktu}")
        v.jumlah = jumlah
        return v


def _sesudah_dibaca() -> None:
    """Versi dibaca di tengah transaksi: perubahan sesudahnya harus menaikkannya lagi."""
    catatan = _catatan_transaksi()
    if catatan is not None:
        catatan[1].clear()


def versi_opd(opd_id: int, pemda_id: int) -> Versi:
    """Versi data sebuah OPD: penghitungnya + penghitung Pemda-nya + penghitung umum (satu kueri)."""
    _sesudah_dibaca()
    return Versi.dari(
        VersiData.objects.filter(
            Q(opd_id=opd_id) | Q(pemda_id=pemda_id, opd_id__isnull=True) | _umum()
        ).aggregate(v=Sum("versi"), t=Max("diubah_pada"))
    )


def versi_rencana_opd(opd_id: int, pemda_id: int) -> Versi:
    """Versi bagian rencana data sebuah OPD (penghitung rencana OPD, Pemda-nya dan umum; satu
    kueri): tidak berubah oleh realisasi, anggaran atau laporan."""
    _sesudah_dibaca()
    return Versi.dari(
        VersiData.objects.filter(
            Q(opd_id=opd_id) | Q(pemda_id=pemda_id, opd_id__isnull=True) | _umum()
        ).aggregate(v=Sum("versi_rencana"), t=Max("rencana_diubah_pada"))
    )


def anotasi_versi_rencana_opd(opd: str = "pk", pemda: str = "pemda_id") -> dict:
    """Seperti :func:`anotasi_versi_opd`, untuk versi rencana (:func:`versi_rencana_opd`); baca
    dengan :func:`versi_rencana_dari_anotasi`."""
    return _anotasi(
        Q(opd_id=OuterRef(opd)) | Q(pemda_id=OuterRef(pemda), opd_id__isnull=True) | _umum(),
        "sakip_rencana",
        "versi_rencana",
        "rencana_diubah_pada",
    )


def versi_rencana_dari_anotasi(obj) -> Versi:
    """Versi rencana dari objek yang dimuat dengan :func:`anotasi_versi_rencana_opd`."""
    _sesudah_dibaca()
    return Versi.dari({"v": obj.sakip_rencana_v, "t": obj.sakip_rencana_t})


def anotasi_versi_opd(opd: str = "opd_id", pemda: str = "opd__pemda_id") -> dict:
    """Anotasi yang membawa versi data OPD (lihat :func:`versi_opd`) di kueri yang memuat OPD itu
    sendiri: satu perjalanan ke basis data lebih sedikit pada halaman yang paling sering dibuka.
    ``opd``/``pemda``: jalur id OPD dan id Pemda-nya dari model kueri. Baca dengan
    :func:`versi_dari_anotasi`."""
    return _anotasi(
        Q(opd_id=OuterRef(opd)) | Q(pemda_id=OuterRef(pemda), opd_id__isnull=True) | _umum()
    )


def anotasi_versi_pemda(pemda: str = "pk") -> dict:
    """Seperti :func:`anotasi_versi_opd`, untuk versi seluruh Pemda (:func:`versi_pemda`)."""
    return _anotasi(Q(pemda_id=OuterRef(pemda)) | _umum())


def _anotasi(
    syarat: Q, nama: str = "sakip_versi", kolom: str = "versi", waktu: str = "diubah_pada"
) -> dict:
    """Anotasi ``<nama>_v`` (jumlah penghitung ``kolom``) dan ``<nama>_t`` (``waktu`` terakhir) dari
    baris versi yang memenuhi ``syarat``."""
    from django.db.models import DateTimeField, IntegerField, Subquery, Value

    baris = VersiData.objects.filter(syarat).annotate(_satu=Value(1)).values("_satu")
    return {
        f"{nama}_v": Subquery(
            baris.annotate(v=Sum(kolom)).values("v"), output_field=IntegerField()
        ),
        f"{nama}_t": Subquery(
            baris.annotate(t=Max(waktu)).values("t"), output_field=DateTimeField()
        ),
    }


def versi_dari_anotasi(obj) -> Versi:
    """Versi data dari objek yang dimuat dengan :func:`anotasi_versi_opd`."""
    _sesudah_dibaca()
    return Versi.dari({"v": obj.sakip_versi_v, "t": obj.sakip_versi_t})


def versi_pemda(pemda_id: int) -> Versi:
    """Versi data seluruh Pemda: semua OPD-nya, Pemda-nya sendiri dan penghitung umum (satu kueri)."""
    _sesudah_dibaca()
    return Versi.dari(
        VersiData.objects.filter(Q(pemda_id=pemda_id) | _umum()).aggregate(
            v=Sum("versi"), t=Max("diubah_pada")
        )
    )


@cache
def jalur(label: str) -> tuple[str, tuple[str, ...]] | None:
    """Jalur kunci asing terpendek dari model ``label`` ke OPD (lebih disukai) atau Pemda.

    Hasil: ("opd" | "pemda", (nama_relasi, …, attname_terakhir)); None = data umum."""
    from django.apps import apps

    model = apps.get_model(label)
    # lebih dulu lewat kunci asing wajib saja (jalur yang selalu terisi), baru yang boleh kosong
    for tujuan, jenis, boleh_kosong in (
        (OPD, "opd", False),
        (PEMDA, "pemda", False),
        (OPD, "opd", True),
        (PEMDA, "pemda", True),
    ):
        antre = deque([(model, ())])
        dilihat = {model}
        while antre:
            m, path = antre.popleft()
            if len(path) > 4:
                break
            for f in m._meta.concrete_fields:
                if (
                    not (f.many_to_one or f.one_to_one)
                    or f.related_model is None
                    or (f.null and not boleh_kosong)
                ):
                    continue
                rel = f.related_model
                if rel._meta.label == tujuan:
                    return jenis, (*path, f.attname)
                if rel._meta.app_label in ("auth", "contenttypes") or rel in dilihat:
                    continue
                if not rel.__module__.startswith("sakip."):
                    continue
                dilihat.add(rel)
                antre.append((rel, (*path, f.name)))
    return None


def pemilik(instance) -> tuple[int | None, int | None]:
    """(opd_id, pemda_id) pemilik data ``instance`` menurut :func:`jalur`."""
    label = instance._meta.label
    if label == OPD:
        return instance.pk, instance.pemda_id
    if label == PEMDA:
        return None, instance.pk
    j = jalur(label)
    if j is None:
        return None, None
    jenis, path = j
    kunci = None
    if len(path) > 1:
        # pemilik baris induk tidak pernah berpindah: diingat per (model induk, id) agar simpanan
        # berikutnya tidak membaca induknya lagi — di transaksi ini, dan sesudah commit untuk
        # semua (id yang dibatalkan bisa dipakai ulang SQLite, jadi baru diingat umum sesudah commit)
        f = instance._meta.get_field(path[0])
        if not f.is_cached(instance) and getattr(instance, f.attname) is not None:
            kunci = (f.related_model._meta.label, getattr(instance, f.attname))
            catatan = _catatan_transaksi()
            if kunci in _PEMILIK_INDUK:
                return _PEMILIK_INDUK[kunci]
            if catatan is not None and kunci in catatan[2]:
                return catatan[2][kunci]
    hasil = _telusuri(instance, jenis, path)
    if kunci is not None and hasil[0] != HILANG:
        catatan = _catatan_transaksi()
        if catatan is None:
            _ingat(kunci, hasil)
        else:
            catatan[2][kunci] = hasil
            transaction.on_commit(lambda: _ingat(kunci, hasil))
    return hasil


_PEMILIK_INDUK: dict[tuple[str, int], tuple[int | None, int | None]] = {}


def _ingat(kunci, hasil) -> None:
    if len(_PEMILIK_INDUK) > 100_000:
        _PEMILIK_INDUK.clear()
    _PEMILIK_INDUK[kunci] = hasil


def _telusuri(instance, jenis: str, path: tuple[str, ...]):
    obj = instance
    try:
        for part in path[:-1]:
            obj = getattr(obj, part)
            if obj is None:
                return None, None  # jalur kosong: data umum
        nilai = getattr(obj, path[-1])
    except Exception:  # objek induk sudah terhapus (hapus berantai): induknya sudah menaikkan versi
        return HILANG, HILANG
    if nilai is None:
        return None, None
    if jenis == "pemda" and getattr(obj, "opd_id", None):
        # baris milik Pemda yang boleh juga milik satu OPD-nya (evaluasi OPD vs evaluasi Pemda
        # itu sendiri, keanggotaan): penghitung OPD itu, yang juga menaikkan versi Pemda-nya
        return obj.opd_id, nilai
    return (nilai, None) if jenis == "opd" else (None, nilai)


def _pada_ubah(sender, instance, raw=False, **kwargs):
    if raw:
        return
    opd_id, pemda_id = pemilik(instance)
    if opd_id == HILANG:
        return
    if sender._meta.label == OPD and kwargs.get("signal") is post_delete:
        naikkan(pemda_id=pemda_id)  # OPD dihapus: dokumen Pemda ikut berubah
        return
    naikkan(opd_id, pemda_id, rencana=sender._meta.app_label not in APP_ISIAN)


def hubungkan() -> None:
    from django.apps import apps

    for cfg in apps.get_app_configs():
        if not cfg.name.startswith("sakip.") or cfg.label in APP_TANPA_VERSI:
            continue
        for model in cfg.get_models():
            label = model._meta.label
            if label in TANPA_VERSI or model._meta.proxy:
                continue
            post_save.connect(_pada_ubah, sender=model, dispatch_uid=f"versi-{label}")
            post_delete.connect(_pada_ubah, sender=model, dispatch_uid=f"versid-{label}")
