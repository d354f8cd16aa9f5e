"""Cadangan dan pemulihan seluruh data sakip (basis data + berkas unggahan) sebagai satu berkas .zip.

Pemulihan adalah pemulihan bencana: ke mesin baru (folder data kosong atau basis data PostgreSQL
kosong), dari SQLite ke PostgreSQL dan sebaliknya, dan dari cadangan skema lama ke versi sakip
yang lebih baru. Caranya:

1. cadangan mencatat migrasi yang sudah diterapkan saat dibuat dan membaca baris-barisnya dengan
   model *historis* skema itu (bukan model kode sekarang), sehingga basis data yang tertinggal
   migrasinya pun dapat dicadangkan apa adanya;
2. pemulihan membangun skema sampai keadaan cadangan itu, memuat barisnya dengan model historis
   yang sama, lalu menjalankan migrasi selanjutnya di atas data (termasuk migrasi data);
3. semua atau tidak sama sekali: SQLite dibangun di berkas sementara lalu menggantikan berkas lama
   dalam satu langkah; PostgreSQL dalam satu transaksi (DDL PostgreSQL transaksional). Berkas
   unggahan diekstrak dulu ke folder sementara dan baru ditukar setelah basis data berhasil.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import os
import shutil
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

FORMAT = "sakip-cadangan 2"
FORMATS = {"sakip-cadangan 1", FORMAT}
NAMA_DATA = "sakip-cadangan.json"

# Tabel yang tidak dicadangkan: sesi login, log admin, catatan percobaan masuk, antrean dan catatan
# tugas latar serta dokumen tersimpan (turunan data: dibuat ulang saat diminta).
SKIP = {"sessions", "admin", "axes", "tugas", "django_tasks_database"}
# Berkas media turunan (dokumen tersimpan per versi data) tidak ikut dicadangkan.
MEDIA_TURUNAN = ("dokumen/",)

# Format 1 (sebelum migrasi dicatat) hanya pernah ditulis oleh skema ini.
FORMAT1_MIGRASI = {
    "organisations": "0002_tokenapi",
    "planning": "0002_versi",
    "measurement": "0004_ringkasan_capaian",
    "budget": "0002_anggaran_opd_tahun",
    "review": "0002_temuanreviu",
    "reporting": "0002_persetujuanlkjip",
    "audit": "0001_initial",
}


class CadanganTidakSah(Exception):
    """Berkas bukan cadangan sakip, rusak, atau tidak cocok dengan versi ini. Pesannya untuk pengguna."""


def _encode(o):
    """Nilai apa adanya: waktu lengkap sampai mikrodetik (pengkode JSON Django memotongnya ke milidetik)."""
    if isinstance(o, (dt.datetime, dt.date, dt.time)):
        return o.isoformat()
    if isinstance(o, (decimal.Decimal, uuid.UUID)):
        return str(o)
    if isinstance(o, (bytes, memoryview)):
        import base64

        return base64.b64encode(bytes(o)).decode()
    raise TypeError(f"tidak dapat dicadangkan: {type(o)}")


# ---------------------------------------------------------------------------------------------
# Keadaan migrasi dan model historis


def _leaves(graph, applied) -> list[tuple[str, str]]:
    """Migrasi terakhir (daun) per app di antara ``applied``."""
    applied = set(applied)
    out = []
    for node in sorted(applied):
        children = graph.node_map[node].children
        if not any(c in applied and c[0] == node[0] for c in children):
            out.append(node)
    return out


def _models_of(state_apps) -> list:
    """Model yang dicadangkan dari sebuah registri app (historis), diurutkan induk sebelum anak."""
    models = [
        m
        for m in state_apps.get_models()
        if m._meta.app_label not in SKIP and m._meta.managed and not m._meta.proxy
    ]
    return _urut_induk_dulu(models)


def _urut_induk_dulu(models: list) -> list:
    labels = {m._meta.label_lower: m for m in models}
    deps = {}
    for m in models:
        d = set()
        for f in m._meta.concrete_fields:
            if f.is_relation and f.remote_field and f.remote_field.model is not None:
                target = f.remote_field.model._meta.label_lower
                if target in labels and target != m._meta.label_lower:
                    d.add(target)
        deps[m._meta.label_lower] = d
    done, out = set(), []
    pending = sorted(labels)
    while pending:
        progressed = False
        for label in list(pending):
            if deps[label] <= done:
                out.append(labels[label])
                done.add(label)
                pending.remove(label)
                progressed = True
        if (
            not progressed
        ):  # siklus: sisanya apa adanya (kunci asing ditunda sampai akhir transaksi)
            out.extend(labels[label] for label in pending)
            break
    return out


def migrasi_terpasang(using: str = DEFAULT_DB_ALIAS) -> list[tuple[str, str]]:
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    return sorted(n for n in loader.applied_migrations if n in loader.graph.nodes)


# ---------------------------------------------------------------------------------------------
# Cadangan


def tulis_cadangan(path: Path, using: str = DEFAULT_DB_ALIAS) -> int:
    """Tulis cadangan konsisten ke ``path``; kembalikan jumlah baris data."""
    from django.core import serializers

    connection = connections[using]
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    applied = sorted(n for n in loader.applied_migrations if n in loader.graph.nodes)
    state = loader.project_state(_leaves(loader.graph, applied), at_end=True)
    data, total = {}, 0
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for model in _models_of(state.apps) if applied else []:
            rows = list(model._base_manager.using(using).order_by("pk"))
            data[model._meta.label] = serializers.serialize("python", rows)
            total += len(rows)
    media = Path(settings.MEDIA_ROOT)
    payload = {
        "format": FORMAT,
        "dibuat": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "mesin": connection.vendor,
        "migrasi": [list(n) for n in applied],
        "data": data,
    }
    tmp = path.with_name(path.name + ".tmp")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr(NAMA_DATA, json.dumps(payload, ensure_ascii=False, default=_encode))
            if media.exists():
                for f in sorted(media.rglob("*")):
                    rel = f.relative_to(media).as_posix()
                    if f.is_file() and not rel.startswith(MEDIA_TURUNAN):
                        z.write(f, "media/" + rel)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CadanganTidakSah(f"Cadangan tidak dapat ditulis ke {path}: {exc.strerror}") from exc
    return total


# ---------------------------------------------------------------------------------------------
# Membaca dan memeriksa cadangan


@dataclass
class Cadangan:
    path: Path
    zip: zipfile.ZipFile
    format: str
    migrasi: list[tuple[str, str]] | None  # None: format 1 (skema tetap, lihat FORMAT1_MIGRASI)
    data: dict[str, list[dict]]
    media: list[tuple[str, PurePosixPath]] = field(default_factory=list)

    @property
    def jumlah_baris(self) -> int:
        return sum(len(v) for v in self.data.values())


def baca_cadangan(path: Path) -> Cadangan:
    """Buka dan periksa seluruh berkas cadangan sebelum apa pun diubah."""
    bukan = f"{path} bukan berkas cadangan sakip"
    if not path.exists():
        raise CadanganTidakSah(f"Berkas {path} tidak ditemukan.")
    try:
        z = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise CadanganTidakSah(f"{bukan} (bukan arsip zip yang utuh).") from exc
    from sakip.berkas import BerkasError, arsip

    try:
        arsip.periksa_zip(path, str(path), arsip.CADANGAN, "cadangan")
    except BerkasError as exc:
        z.close()
        raise CadanganTidakSah(str(exc)) from None
    # nama di luar folder pemulihan ('../', '/etc/…', 'C:\\…') menolak seluruh cadangan, bukan
    # dilewati diam-diam: cadangan seperti itu dibuat atau diubah tangan
    for name in z.namelist():
        if not arsip.jalur_aman(name.rstrip("/") or name):
            z.close()
            raise CadanganTidakSah(
                f"{path}: nama berkas tidak sah di cadangan: {name[:120]} (di luar folder "
                "cadangan); tidak ada yang dipulihkan."
            )
    try:
        rusak = z.testzip()
    except (OSError, zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise CadanganTidakSah(f"{path} rusak: arsipnya tidak dapat dibaca ({exc}).") from exc
    if rusak is not None:
        raise CadanganTidakSah(f"{path} rusak: isi '{rusak}' tidak utuh (CRC tidak cocok).")
    if NAMA_DATA not in z.namelist():
        raise CadanganTidakSah(f"{bukan} (tidak ada {NAMA_DATA} di dalamnya).")
    try:
        payload = json.loads(z.read(NAMA_DATA).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise CadanganTidakSah(f"{path} rusak: {NAMA_DATA} bukan JSON yang sah ({exc}).") from exc
    if not isinstance(payload, dict) or payload.get("format") not in FORMATS:
        fmt = payload.get("format") if isinstance(payload, dict) else None
        raise CadanganTidakSah(f"{path}: format cadangan tidak dikenal ({fmt!r}).")
    data = payload.get("data")
    if not isinstance(data, dict):
        raise CadanganTidakSah(f"{path} rusak: bagian 'data' tidak ada.")
    for label, rows in data.items():
        if not isinstance(rows, list) or not all(
            isinstance(r, dict) and isinstance(r.get("fields"), dict) and "pk" in r for r in rows
        ):
            raise CadanganTidakSah(
                f"{path} rusak: baris tabel {label} tidak berbentuk cadangan sakip."
            )
    migrasi = None
    if payload["format"] == FORMAT:
        raw = payload.get("migrasi")
        if not isinstance(raw, list) or not all(
            isinstance(n, list) and len(n) == 2 and all(isinstance(x, str) for x in n) for n in raw
        ):
            raise CadanganTidakSah(f"{path} rusak: daftar migrasi tidak terbaca.")
        migrasi = [tuple(n) for n in raw]
    media = []
    for name in z.namelist():
        if name.startswith("media/") and not name.endswith("/"):
            media.append((name, PurePosixPath(name[len("media/") :])))
    return Cadangan(path, z, payload["format"], migrasi, data, media)


def _targets(loader, cadangan: Cadangan) -> list[tuple[str, str | None]]:
    """Keadaan migrasi cadangan sebagai target MigrationExecutor (per app)."""
    graph = loader.graph
    if cadangan.migrasi is None:
        applied = []
        for app, leaf in FORMAT1_MIGRASI.items():
            applied += [n for n in graph.forwards_plan((app, leaf))]
        for node in graph.leaf_nodes():
            if node[0] not in FORMAT1_MIGRASI:
                applied += graph.forwards_plan(node)
        applied = sorted(set(applied))
    else:
        unknown = [n for n in cadangan.migrasi if n not in graph.nodes]
        if unknown:
            names = ", ".join(f"{a}.{m}" for a, m in unknown[:3])
            raise CadanganTidakSah(
                f"{cadangan.path} dibuat oleh versi sakip yang lebih baru (migrasi {names} tidak "
                "dikenal versi ini). Perbarui sakip lebih dulu, lalu pulihkan lagi."
            )
        applied = cadangan.migrasi
    leaves = _leaves(graph, applied)
    apps_with = {a for a, _ in leaves}
    return leaves + [(app, None) for app in sorted({a for a, _ in graph.nodes} - apps_with)]


# ---------------------------------------------------------------------------------------------
# Pemulihan


def _objek(model, row: dict, label: str):
    """Satu baris cadangan → objek model historis (belum disimpan) dan isian many-to-many-nya."""
    values = {model._meta.pk.attname: model._meta.pk.to_python(row["pk"])}
    m2m = {}
    fields = dict(row["fields"])
    for f in model._meta.get_fields():
        if f.many_to_many and not f.auto_created:
            if f.name in fields:
                m2m[f] = fields.pop(f.name) or []
            continue
        if not getattr(f, "concrete", False) or f.primary_key:
            continue
        if f.name not in fields:
            continue
        v = fields.pop(f.name)
        if f.is_relation:
            values[f.attname] = None if v is None else f.target_field.to_python(v)
        else:
            values[f.attname] = None if v is None else f.to_python(v)
    if fields:
        raise CadanganTidakSah(
            f"Tabel {label} baris {row['pk']}: kolom {', '.join(sorted(fields))} tidak ada pada "
            "skema yang dicatat cadangan ini (cadangan rusak atau diubah tangan)."
        )
    return model(**values), m2m


def _muat_baris(using: str, state_apps, cadangan: Cadangan) -> int:
    from django.core.exceptions import ValidationError

    models = {m._meta.label_lower: m for m in _models_of(state_apps)}
    unknown = [label for label in cadangan.data if label.lower() not in models]
    unknown = [label for label in unknown if cadangan.data[label]]
    if unknown:
        raise CadanganTidakSah(
            f"Cadangan memuat tabel yang tidak ada pada skemanya: {', '.join(unknown[:3])}."
        )
    n = 0
    for label_lower, model in models.items():
        rows = next((v for k, v in cadangan.data.items() if k.lower() == label_lower), [])
        for f in model._meta.concrete_fields:  # waktu tercatat dipulihkan apa adanya
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                f.auto_now = f.auto_now_add = False
        objs, through = [], {}
        for row in rows:
            try:
                obj, m2m = _objek(model, row, model._meta.label)
            except (ValidationError, ValueError, TypeError, decimal.InvalidOperation) as exc:
                msg = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
                raise CadanganTidakSah(
                    f"Tabel {model._meta.label} baris {row.get('pk')}: nilai tidak sah ({msg})."
                ) from exc
            objs.append(obj)
            for f, targets in m2m.items():
                t = f.remote_field.through
                src, dst = f.m2m_field_name(), f.m2m_reverse_field_name()
                for target in targets:
                    through.setdefault(t, []).append(
                        t(**{f"{src}_id": obj.pk, f"{dst}_id": target})
                    )
        model._base_manager.using(using).bulk_create(objs, batch_size=500)
        for t, links in through.items():
            t._base_manager.using(using).bulk_create(links, batch_size=500)
        n += len(objs)
    return n


def _kosongkan_tabel(connection) -> None:
    """Hapus semua tabel (dan urutan) di basis data PostgreSQL ini (dalam transaksi yang berjalan)."""
    with connection.cursor() as c:
        tables = connection.introspection.table_names(c)
        for t in tables:
            c.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(t)} CASCADE")


def _hapus_isi(connection, state_apps) -> None:
    """Kosongkan isi tabel yang dibuat migrasi (mis. baris bawaan migrasi data) sebelum memuat."""
    for model in reversed(_models_of(state_apps)):
        model._base_manager.using(connection.alias).all()._raw_delete(connection.alias)
        for f in model._meta.local_many_to_many:
            if f.remote_field.through._meta.auto_created:
                f.remote_field.through._base_manager.using(connection.alias).all()._raw_delete(
                    connection.alias
                )


def _bangun(connection, cadangan: Cadangan) -> int:
    """Skema sampai keadaan cadangan → muat baris → migrasi sisanya → sinyal post_migrate."""

    from django.db import router

    # Migrasi data pihak ketiga yang tidak memakai schema_editor.connection.alias (django-tasks-db
    # 0016: DBTaskResult.objects.filter(...)) akan menulis ke basis data bawaan, bukan ke basis
    # data yang sedang dibangun: selama pembangunan semua kueri ORM diarahkan ke sini.
    if connection.alias == DEFAULT_DB_ALIAS:
        return _bangun_di(connection, cadangan)
    arah = _KeAlias(connection.alias)
    router.routers.insert(0, arah)
    try:
        return _bangun_di(connection, cadangan)
    finally:
        router.routers.remove(arah)


class _KeAlias:
    def __init__(self, alias: str):
        self.alias = alias

    def db_for_read(self, model, **hints):
        return self.alias

    def db_for_write(self, model, **hints):
        return self.alias


def _bangun_di(connection, cadangan: Cadangan) -> int:
    from django.core.management import call_command

    executor = MigrationExecutor(connection)
    targets = _targets(executor.loader, cadangan)
    executor.migrate(targets)
    state = executor.loader.project_state([t for t in targets if t[1] is not None], at_end=True)
    with transaction.atomic(using=connection.alias):
        if connection.vendor == "postgresql":
            # migrasi pihak ketiga (django-tasks-db: AlterField) dapat meninggalkan SET CONSTRAINTS
            # ALL IMMEDIATE di transaksi ini; baris dimuat dengan rujukan yang diperiksa di akhir
            with connection.cursor() as c:
                c.execute("SET CONSTRAINTS ALL DEFERRED")
        _hapus_isi(connection, state.apps)
        n = _muat_baris(connection.alias, state.apps, cadangan)
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("SET CONSTRAINTS ALL IMMEDIATE")
        else:
            connection.check_constraints()
    call_command("migrate", database=connection.alias, interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        from django.apps import apps
        from django.core.management.color import no_style

        with connection.cursor() as c:
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                c.execute(sql)
    return n


def _pesan_integritas(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"Cadangan tidak utuh: ada rujukan ke data yang tidak ada di cadangan ({text})."


def pulihkan(cadangan: Cadangan, using: str = DEFAULT_DB_ALIAS) -> int:
    """Ganti seluruh data dengan isi cadangan; semua atau tidak sama sekali."""
    from django.db import IntegrityError

    media = Path(settings.MEDIA_ROOT)
    media_baru = media.with_name(media.name + ".pulih")
    if media_baru.exists():
        shutil.rmtree(media_baru)
    try:
        for name, rel in cadangan.media:
            target = media_baru.joinpath(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(cadangan.zip.read(name))
        connection = connections[using]
        try:
            if connection.vendor == "sqlite":
                n = _pulihkan_sqlite(using, cadangan)
            else:
                with transaction.atomic(using=using):
                    _kosongkan_tabel(connection)
                    n = _bangun(connection, cadangan)
        except IntegrityError as exc:
            raise CadanganTidakSah(_pesan_integritas(exc)) from exc
    except BaseException:
        shutil.rmtree(media_baru, ignore_errors=True)
        raise
    media_lama = media.with_name(media.name + ".lama")
    shutil.rmtree(media_lama, ignore_errors=True)
    if media.exists():
        media.rename(media_lama)
    if media_baru.exists():
        media_baru.rename(media)
    shutil.rmtree(media_lama, ignore_errors=True)
    # data diganti di tempat: tanda, pengguna, sesi dan halaman di Redis milik data lama
    from . import tanda

    tanda.kosongkan()
    return n


def _pulihkan_sqlite(using: str, cadangan: Cadangan) -> int:
    conf = connections.settings[using]
    name = str(conf["NAME"])
    if name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        raise CadanganTidakSah("Basis data SQLite di memori tidak dapat dipulihkan dari cadangan.")
    tmp = name + ".pulih"
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(tmp + suffix).unlink(missing_ok=True)
    alias = f"sakip_pulih_{os.getpid()}"
    connections.settings[alias] = {**conf, "NAME": tmp}
    try:
        conn = connections[alias]
        try:
            n = _bangun(conn, cadangan)
        finally:
            conn.close()
        connections[using].close()
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, name)
        for suffix in ("-journal", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
        return n
    finally:
        del connections[alias]
        connections.settings.pop(alias, None)
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(tmp + suffix).unlink(missing_ok=True)


def MODELS_URUT():  # noqa: N802
    """Model data sakip (kode sekarang), induk sebelum anak — untuk tes yang membandingkan baris."""
    from django.apps import apps

    return _models_of(apps)
