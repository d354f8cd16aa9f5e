"""Skema basis data dalam satu langkah untuk basis data yang masih kosong.

Menjalankan seluruh riwayat migrasi pada basis data kosong memakan belasan detik (SQLite membangun
ulang tabel pada setiap perubahan kolom) — menit pertama pengguna baru, dan setiap folder data baru
di tes. Skema akhirnya sama dengan skema model saat ini (``makemigrations --check`` menjaganya),
jadi pada basis data yang **belum punya satu tabel pun** sakip membuat semua tabel langsung dari
model (seperti ``syncdb``), mencatat setiap migrasi sebagai sudah diterapkan, lalu menjalankan
langkah data yang memang mengisi basis data baru (:data:`ISI_AWAL`). Basis data yang sudah berisi
selalu memakai migrasi biasa.

Setiap ``RunPython`` di migrasi sakip harus terdaftar di :data:`ISI_AWAL` (mengisi data awal: ikut
dijalankan) atau :data:`UBAH_DATA` (hanya mengubah baris yang sudah ada: tak berarti pada basis data
kosong); tes ``tests/test_skema.py`` menagihnya dan membandingkan skema satu langkah dengan skema
hasil migrasi, tabel demi tabel, kolom demi kolom, indeks dan batasan.
"""

from __future__ import annotations

from importlib import import_module

# migrasi (app, nama) → fungsi RunPython yang mengisi data awal basis data baru
ISI_AWAL: dict[tuple[str, str], str] = {
    ("planning", "0008_nomenklatur_bawaan"): "muat",
}
# migrasi yang RunPython-nya hanya mengubah/menandai baris yang sudah ada
UBAH_DATA: set[tuple[str, str]] = {
    ("audit", "0004_versi_rencana"),
    ("evaluation", "0002_perbaiki_teks_kriteria"),
    ("evaluation", "0003_evaluasi_pemda"),
    ("measurement", "0005_alur_bersama"),
    ("measurement", "0008_ringkasan_opd"),
}


def mutakhir(connection) -> bool:
    """Jalan cepat tanpa memuat graf migrasi: setiap berkas migrasi setiap app terpasang sudah
    tercatat diterapkan. Bila tidak pasti (tabel catatan belum ada, berkas yang belum tercatat —
    termasuk migrasi gabungan), False: pemanggil memakai pemeriksaan lengkap Django."""
    import pkgutil

    from django.apps import apps
    from django.db import DatabaseError
    from django.db.migrations.loader import MigrationLoader

    try:
        with connection.cursor() as cursor:
            if "django_migrations" not in connection.introspection.table_names(cursor):
                return False
            cursor.execute("SELECT app, name FROM django_migrations")
            tercatat = set(cursor.fetchall())
    except DatabaseError:
        return False
    for cfg in apps.get_app_configs():
        modul, _ = MigrationLoader.migrations_module(cfg.label)
        if modul is None:
            continue
        try:
            paket = import_module(modul)
        except ImportError:
            continue
        for info in pkgutil.iter_modules(getattr(paket, "__path__", [])):
            if (
                not info.ispkg
                and info.name[0] not in "_~"
                and (cfg.label, info.name) not in tercatat
            ):
                return False
    return True


def kosong(connection) -> bool:
    """Basis data tanpa satu tabel pun (mis. folder data baru, basis data PostgreSQL baru)."""
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def bangun(connection) -> int:
    """Buat semua tabel dari keadaan akhir migrasi, catat semua migrasi sebagai diterapkan, isi
    data awal, lalu kirim sinyal ``post_migrate`` (izin, jenis konten). Satu transaksi bila
    mesinnya mendukung DDL bertransaksi. Mengembalikan jumlah migrasi yang dicatat."""
    from django.apps import apps
    from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    semua = [k for k in loader.graph.nodes if k in loader.disk_migrations]
    emit_pre_migrate_signal(0, False, connection.alias, apps=apps, plan=[])
    # satu penyunting skema (satu transaksi bila DDL dapat dibatalkan; SQLite: pemeriksaan kunci
    # asing dimatikan selama itu): tabel, catatan migrasi, data awal; SQL tertunda (kunci asing,
    # indeks) dijalankan saat keluar.
    # Model dari keadaan akhir riwayat migrasi (bukan model hidup): persis yang dibangun migrasi,
    # termasuk tabel perantara many-to-many bawaan Django (kunci utamanya mengikuti keadaan migrasi)
    keadaan = loader.project_state().apps
    with connection.schema_editor(atomic=connection.features.can_rollback_ddl) as editor:
        for model in keadaan.get_models():
            if model._meta.can_migrate(connection):
                editor.create_model(model)
        rekam = MigrationRecorder(connection)
        rekam.ensure_schema()
        rekam.Migration.objects.using(connection.alias).bulk_create(
            [rekam.Migration(app=a, name=n) for a, n in semua]
        )
        for (app, nama), fungsi in ISI_AWAL.items():
            modul = import_module(f"{loader.migrations_module(app)[0]}.{nama}")
            getattr(modul, fungsi)(keadaan, editor)
    emit_post_migrate_signal(0, False, connection.alias, apps=apps, plan=[])
    return len(semua)
