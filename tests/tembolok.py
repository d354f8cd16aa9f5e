"""Tembolok dingin untuk tes yang membandingkan jumlah kueri dua kali bangun halaman."""


def dingin() -> None:
    """Kosongkan tembolok proses dan pindah ke ruang kunci Redis baru (bila SAKIP_REDIS_URL): permintaan
    berikutnya membangun halaman dari basis data, sama seperti permintaan pertama sesudah perubahan.
    Sesi ikut terbaca dari basis data (cached_db), jadi kedua pengukuran setara."""
    from django.core.cache import cache, caches

    from sakip.audit import tanda
    from sakip.measurement import entry

    cache.clear()
    caches["halaman"].clear()
    entry._ISIAN.clear()
    tanda._generasi += 1
