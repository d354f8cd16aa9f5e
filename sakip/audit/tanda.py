"""Tanda data di tembolok bersama jaringan (Redis): halaman bersesi tanpa satu kueri pun.

Aktif bila ``SAKIP_REDIS_URL`` diisi (``settings.SAKIP_TANDA_BERSAMA``). Setiap lingkup data punya
satu tanda acak di tembolok ``bersama``:

- ``opd:<id>``            — data OPD itu;
- ``pemda-sendiri:<id>``  — data tingkat Pemda (RPJMD, templat LKE …), berlaku bagi setiap OPD-nya;
- ``pemda:<id>``          — data Pemda itu atau OPD mana pun di dalamnya (dasbor Pemda);
- ``umum``                — rujukan bersama (urusan, templat);
- ``pengguna:<id>``       — akun, keanggotaan, perangkat langkah kedua seorang pengguna.

Penulis: setiap perubahan yang menaikkan versi data di basis data (:mod:`sakip.audit.versi`) atau
mengubah pengguna mengganti tanda lingkupnya dengan tanda acak baru saat menulis dan sekali lagi
**sesudah commit**. Pembaca:
mengambil tanda (satu perjalanan ke Redis untuk beberapa lingkup), lalu memakainya dalam kunci
tembolok. Tanda diganti sesudah data tersimpan, jadi pembaca yang melihat tanda baru pasti membaca
data baru; kunci lama tidak pernah dibaca lagi.

Tanda yang hilang (Redis dimulai ulang, kunci kedaluwarsa, tembolok penuh) diganti tanda acak baru
oleh pembaca pertama (``add``: hanya satu yang menang), jadi hilangnya tanda hanya berarti dibangun
ulang, tidak pernah data lama. Tanda berumur ``UMUR`` detik: bila sebuah proses mati tepat di antara
commit dan penggantian tanda, data lama paling lama terlihat selama itu. Bila Redis tidak dapat
dihubungi, :func:`baca` mengembalikan None dan pemanggil memakai jalur basis data biasa.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache as _RedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.db import connection, transaction

log = logging.getLogger(__name__)

UMUR = 600  # detik umur sebuah tanda (batas data lama bila proses mati di antara commit dan ganti)
_generasi = 0  # dinaikkan tes agar setiap tes memakai ruang kunci sendiri


class _KlienRedis(RedisCacheClient):
    """Klien tembolok Redis Django yang memakai ulang objek ``redis.Redis`` per kumpulan sambungan
    (bawaan Django membuat objek baru pada setiap operasi: ±0,1 ms per baca di halaman bertembolok)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._klien = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        klien = self._klien.get(id(pool))
        if klien is None:
            klien = self._klien[id(pool)] = self._client(connection_pool=pool)
        return klien


class RedisCache(_RedisCache):
    """Backend ``django.core.cache.backends.redis.RedisCache`` dengan :class:`_KlienRedis`."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KlienRedis


def aktif() -> bool:
    return bool(getattr(settings, "SAKIP_TANDA_BERSAMA", False))


def kunci(key: str, key_prefix: str, version: int) -> str:
    """KEY_FUNCTION tembolok bersama jaringan: kunci memuat identitas basis data yang sedang dipakai
    (beberapa instalasi atau basis data uji boleh berbagi satu Redis tanpa bertukar isi)."""
    return f"{key_prefix}:{_basis_data()}:{_generasi}:{version}:{key}"


_IDENTITAS: dict[tuple, str] = {}


def _basis_data() -> str:
    """Identitas basis data *ini*: nama dan letaknya, ditambah penanda kelahirannya (OID basis data
    PostgreSQL, inode berkas SQLite). Basis data yang dibuat ulang dengan nama sama (tes, pemasangan
    ulang) tidak pernah membaca tanda, pengguna atau halaman basis data sebelumnya. Sekali per proses."""
    s = connection.settings_dict
    kunci_s = (s["ENGINE"], s["NAME"], s.get("HOST", ""), s.get("PORT", ""))
    nilai = _IDENTITAS.get(kunci_s)
    if nilai is None:
        lahir = _kelahiran()
        nilai = hashlib.sha1(f"{'|'.join(map(str, kunci_s))}|{lahir}".encode()).hexdigest()[:12]
        if lahir is not None:
            _IDENTITAS[kunci_s] = nilai
    return nilai


def _kelahiran():
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("SELECT oid FROM pg_database WHERE datname = current_database()")
                return c.fetchone()[0]
        import os

        nama = str(connection.settings_dict["NAME"])
        return os.stat(nama).st_ino if os.path.exists(nama) else nama
    except Exception:  # mis. transaksi yang sudah gagal: kunci tanpa penanda, tidak diingat
        return None


def kosongkan() -> int:
    """Hapus semua isi tembolok bersama jaringan basis data ini (sesudah pemulihan cadangan: data
    diganti di tempat, tanda lama tidak boleh terpakai lagi). Jumlah kunci yang dihapus."""
    if not aktif():
        return 0
    c = caches["bersama"]
    pola = f"{c.key_prefix}:{_basis_data()}:*"
    try:
        klien = c._cache.get_client(write=True)
        n = 0
        kumpulan = []
        for k in klien.scan_iter(match=pola, count=1000):
            kumpulan.append(k)
            if len(kumpulan) >= 1000:
                n += klien.delete(*kumpulan)
                kumpulan = []
        if kumpulan:
            n += klien.delete(*kumpulan)
        return n
    except Exception as e:
        log.error("Tembolok bersama tidak dapat dikosongkan: %s", e)
        return 0


def _baru() -> str:
    return f"{time.time_ns():x}{secrets.token_hex(3)}"


def baca(*lingkup: str) -> str | None:
    """Tanda gabungan lingkup-lingkup itu (satu perjalanan ke Redis bila semuanya ada), atau None
    bila tanda bersama tidak aktif atau Redis tidak dapat dihubungi."""
    if not aktif():
        return None
    conn = transaction.get_connection()
    if conn.in_atomic_block:
        # dibaca di tengah transaksi: perubahan sesudahnya harus mengganti tanda lagi
        from .versi import _sesudah_dibaca

        _sesudah_dibaca()
        tertunda = getattr(conn, "_sakip_tanda", None)
        if tertunda is not None:
            tertunda[2].clear()
    nama = [f"tanda:{x}" for x in lingkup]
    c = caches["bersama"]
    try:
        ada = c.get_many(nama)
        hilang = [k for k in nama if k not in ada]
        if hilang:
            for k in hilang:
                c.add(k, _baru(), UMUR)  # pembaca lain mungkin lebih dahulu: baca lagi
            ada |= c.get_many(hilang)
    except Exception as e:  # Redis mati/terputus: jalur basis data
        log.warning("Tembolok bersama tidak dapat dibaca: %s", e)
        return None
    if any(k not in ada for k in nama):
        return None
    return ".".join(str(ada[k]) for k in nama)


def ganti(*lingkup: str) -> None:
    """Ganti tanda lingkup-lingkup itu: seketika (pembaca di dalam transaksi ini, dan pembaca lain
    yang lalu membangun dari data lama di bawah tanda sementara) dan sekali lagi sesudah transaksi
    di-commit (yang menentukan: pembaca yang melihat tanda itu pasti membaca data baru). Transaksi
    yang dibatalkan hanya menyebabkan satu kali bangun ulang."""
    if not aktif() or not lingkup:
        return
    nama = {f"tanda:{x}" for x in lingkup}
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        _tulis(nama)
        return
    # satu panggilan Redis per lingkup baru per transaksi, berapa pun barisnya
    tertunda = getattr(conn, "_sakip_tanda", None)
    # (daftar on_commit, lingkup untuk sesudah commit, lingkup yang sudah diganti seketika)
    if tertunda is None or tertunda[0] is not conn.run_on_commit:
        tertunda = (conn.run_on_commit, set(), set())
        conn._sakip_tanda = tertunda
        kumpulan = tertunda[1]
        transaction.on_commit(lambda: _tulis(kumpulan))
    tertunda[1].update(nama)
    baru = nama - tertunda[2]
    if baru:
        tertunda[2].update(baru)
        _tulis(baru)


def _tulis(nama: set[str]) -> None:
    try:
        caches["bersama"].set_many({k: _baru() for k in nama}, UMUR)
    except Exception as e:
        log.error("Tanda tembolok bersama tidak dapat diganti (%s): %s", ", ".join(sorted(nama)), e)
