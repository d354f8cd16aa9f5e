"""Data demo untuk tes, cepat: ``sakip demo --no-serve`` dijalankan sungguhan sekali per proses tes,
baris yang ditambahkannya disimpan, dan tes berikutnya menyisipkan baris yang sama (±1 detik, bukan
10–15 detik memuat kelima berkas seed).

Aman karena hanya dipakai bila keadaan basis data sebelum memuat persis sama dengan keadaan saat
salinan dibuat (tanda seluruh isi tabel), dan hanya bila demo tidak mengubah atau menghapus baris
yang sudah ada; selain itu perintah demo dijalankan seperti biasa. Yang menguji perintah demo itu
sendiri (tests/organisations/test_demo.py, tes CLI) tetap memanggil perintahnya.
"""

from __future__ import annotations

import hashlib

from django.core.management import call_command
from django.db import connection, transaction

_SALINAN: dict[str, list | None] = {}
_LEWATI = {"django_migrations"}


def _isi() -> dict[str, tuple[list[str], list[tuple]]]:
    qn = connection.ops.quote_name
    isi = {}
    with connection.cursor() as c:
        for t in sorted(connection.introspection.table_names(c)):
            if t in _LEWATI or t.startswith("sqlite_"):
                continue
            c.execute(f"SELECT * FROM {qn(t)}")
            isi[t] = ([d[0] for d in c.description], list(c.fetchall()))
    return isi


def _tanda(isi) -> str:
    h = hashlib.sha256()
    for t, (cols, rows) in isi.items():
        h.update(repr((t, cols, sorted(map(repr, rows)))).encode())
    return h.hexdigest()


def _nilai(v):
    if connection.vendor == "postgresql" and isinstance(v, dict | list):
        from psycopg.types.json import Jsonb

        return Jsonb(v)
    return v


def muat_demo() -> None:
    """Seperti ``call_command("demo", "--no-serve")`` di dalam tes."""
    sebelum = _isi()
    tanda = f"{connection.vendor}:{connection.settings_dict['NAME']}:{_tanda(sebelum)}"
    salinan = _SALINAN.get(tanda, ...)
    if salinan is ...:
        call_command("demo", "--no-serve")
        sesudah = _isi()
        baru, utuh = [], True
        for t, (cols, rows) in sesudah.items():
            lama = {repr(r) for r in sebelum.get(t, (cols, []))[1]}
            sekarang = {repr(r) for r in rows}
            if not lama <= sekarang:
                utuh = False  # demo mengubah/menghapus baris lama: salinan tidak cukup
            tambah = [r for r in rows if repr(r) not in lama]
            if tambah:
                baru.append((t, cols, tambah))
        _SALINAN[tanda] = baru if utuh else None
        return
    if salinan is None:
        call_command("demo", "--no-serve")
        return
    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as c:
        for t, cols, rows in salinan:
            kolom = ", ".join(qn(k) for k in cols)
            tanya = ", ".join(["%s"] * len(cols))
            c.executemany(
                f"INSERT INTO {qn(t)} ({kolom}) VALUES ({tanya})",
                [tuple(_nilai(v) for v in r) for r in rows],
            )
        if connection.vendor == "postgresql":
            from django.apps import apps
            from django.core.management.color import no_style

            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                c.execute(sql)
