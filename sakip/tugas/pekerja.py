"""Pekerja tugas (``sakip worker``): pekerja django-tasks-db ditambah detak jantung dan pemulihan.

django-tasks-db mengambil tugas dengan ``SELECT … FOR UPDATE SKIP LOCKED`` (aman untuk banyak
pekerja di banyak mesin pada satu PostgreSQL) tetapi tugas milik pekerja yang mati (dimatikan
paksa, mesinnya padam) tinggal "RUNNING" selamanya. Di sini:

- setiap pekerja mendaftar lalu berdetak (``PekerjaTugas.detak_pada``, jam basis data) dari
  utas tersendiri, juga saat utas utama sibuk membuat PDF;
- utas yang sama mengembalikan ke antrean tugas RUNNING yang pekerjanya tidak berdetak lagi
  selama :func:`~.services.batas_detak` detik (tugas yatim), dan mencatatnya di ``Tugas``;
- sebelum menandai tugas berhasil/gagal, pekerja memeriksa bahwa tugas itu masih miliknya:
  pekerja yang dikira mati tetapi ternyata hanya lambat tidak menimpa hasil pekerja pengganti;
- galat basis data di putaran utama (PostgreSQL dimulai ulang, sambungan diputus, berkas SQLite
  sesaat tidak terbaca) tidak menghentikan pekerja: sambungan ditutup, pekerja menunggu dengan
  jeda yang memanjang (1, 2, 4 … paling lama :data:`JEDA_MAKS` detik), lalu menyambung lagi.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import socket
import threading
import time

from django.db import DatabaseError, close_old_connections, connection, connections, transaction
from django.db.models.functions import Now
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from .models import PekerjaTugas, Tugas
from .services import batas_detak

log = logging.getLogger("sakip.tugas")
JEDA_MAKS = 30.0  # detik di antara percobaan menyambung lagi


def pulihkan_yatim() -> int:
    """Kembalikan ke antrean tugas RUNNING yang pekerjanya tidak berdetak lagi. Jumlahnya."""
    batas = Now() - dt.timedelta(seconds=batas_detak())
    n = 0
    with transaction.atomic():
        hidup = set(
            PekerjaTugas.objects.filter(detak_pada__gte=batas).values_list("id_pekerja", flat=True)
        )
        for r in DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING
        ):
            if r.worker_ids and r.worker_ids[-1] in hidup:
                continue
            r.status = TaskResultStatus.READY
            r.started_at = None
            r.save(update_fields=["status", "started_at"])
            Tugas.objects.filter(hasil_id=r.id, status=Tugas.Status.BERJALAN).update(
                status=Tugas.Status.ANTRE,
                pekerja="",
                langkah="Diulang: pekerja sebelumnya berhenti sebelum selesai",
            )
            n += 1
            log.warning("tugas %s dikembalikan ke antrean (pekerja %s mati)", r.id, r.worker_ids)
        PekerjaTugas.objects.filter(detak_pada__lt=batas).delete()
    return n


def antrekan_berkala() -> int:
    """Antrekan tugas berkala ``SAKIP_TUGAS_BERKALA`` ({jalur tugas: selang detik}) yang belum
    diantrekan dalam selangnya oleh pekerja mana pun (pengingat tenggat dan surel, sakip.harian).
    Dipanggil setiap detak; tugas berkalanya sendiri aman dijalankan dua kali."""
    import datetime as dt

    from django.conf import settings
    from django.utils import timezone
    from django.utils.module_loading import import_string

    n = 0
    for jalur, selang in getattr(settings, "SAKIP_TUGAS_BERKALA", {}).items():
        sejak = timezone.now() - dt.timedelta(seconds=selang)
        if DBTaskResult.objects.filter(task_path=jalur, enqueued_at__gte=sejak).exists():
            continue
        import_string(jalur).enqueue()
        n += 1
    return n


class Pekerja(Worker):
    def __init__(self, *, detak: float = 5.0, induk: int | None = None, **kw):
        super().__init__(**kw)
        self.detak = detak
        self.induk = induk
        self._henti = threading.Event()

    def _daftar(self) -> None:
        PekerjaTugas.objects.update_or_create(
            id_pekerja=self.worker_id,
            defaults={"host": socket.gethostname()[:255], "pid": os.getpid(), "detak_pada": Now()},
        )

    def _berdetak(self) -> None:
        while not self._henti.wait(self.detak):
            if self.induk is not None and os.getppid() != self.induk:
                log.warning(
                    "proses induk pekerja %s berhenti; pekerja ikut berhenti", self.worker_id
                )
                self.running = False
                if not self.running_task:
                    os.kill(os.getpid(), signal.SIGTERM)
                continue
            try:
                close_old_connections()
                if not PekerjaTugas.objects.filter(id_pekerja=self.worker_id).update(
                    detak_pada=Now()
                ):
                    self._daftar()
                pulihkan_yatim()
                if not self.batch:
                    antrekan_berkala()
            except Exception:  # basis data sesaat tidak terjangkau: coba lagi pada detak berikut
                log.exception("detak pekerja %s gagal", self.worker_id)
        connection.close()

    def _putaran(self) -> None:
        """Putaran utama django-tasks-db, diulang sesudah galat basis data dengan jeda memanjang."""
        jeda = 1.0
        while True:
            mulai = time.monotonic()
            try:
                if self.gagal_sambung:
                    pulihkan_yatim()
                    self._daftar()
                super().run()
                return
            except DatabaseError as exc:
                if time.monotonic() - mulai > 60:
                    jeda = 1.0  # sempat berjalan normal: mulai lagi dari jeda pendek
                self.gagal_sambung += 1
                log.warning(
                    "pekerja %s: basis data tidak terjangkau (%s); mencoba lagi dalam %.0f detik",
                    self.worker_id,
                    str(exc).strip().splitlines()[0][:200]
                    if str(exc).strip()
                    else type(exc).__name__,
                    jeda,
                )
                for c in connections.all(initialized_only=True):
                    try:
                        c.close()
                    except Exception:  # noqa: BLE001 — sambungan yang sudah putus
                        pass
                if self._henti.wait(jeda) or not self.running:
                    return
                jeda = min(jeda * 2, JEDA_MAKS)

    def run(self) -> None:
        self.gagal_sambung = 0
        pulihkan_yatim()
        self._daftar()
        if not self.batch:  # --habis (sekali jalan): hanya antrean yang ada
            try:
                antrekan_berkala()
            except Exception:
                log.exception("tugas berkala tidak dapat diantrekan")
        utas = threading.Thread(target=self._berdetak, name="detak", daemon=True)
        utas.start()
        try:
            self._putaran()
        finally:
            self._henti.set()
            utas.join(timeout=self.detak + 5)
            try:
                PekerjaTugas.objects.filter(id_pekerja=self.worker_id).delete()
            except Exception:
                pass

    def _masih_milik(self, r: DBTaskResult) -> bool:
        kini = DBTaskResult.objects.select_for_update().filter(pk=r.pk).first()
        return (
            kini is not None
            and kini.status == TaskResultStatus.RUNNING
            and bool(kini.worker_ids)
            and kini.worker_ids[-1] == self.worker_id
        )

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Seperti milik django-tasks-db, tetapi hasil hanya ditulis bila tugas masih milik kita."""
        try:
            self.running_task = True
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            try:
                if task.takes_context:
                    nilai = task.call(
                        TaskContext(task_result=task_result),
                        *task_result.args,
                        **task_result.kwargs,
                    )
                else:
                    nilai = task.call(*task_result.args, **task_result.kwargs)
            except BaseException as exc:
                with transaction.atomic():
                    if self._masih_milik(db_task_result):
                        db_task_result.set_failed(exc)
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
            else:
                with transaction.atomic():
                    if self._masih_milik(db_task_result):
                        db_task_result.set_successful(nilai)
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception:
            log.exception("tugas %s tidak dapat dijalankan", db_task_result.id)
        finally:
            self.running_task = False
            self._run_tasks += 1
