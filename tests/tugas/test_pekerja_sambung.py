"""Issue 27.4: ``sakip worker`` tidak berhenti selamanya karena galat basis data di putaran utamanya
(PostgreSQL dimulai ulang, sambungan diputus): ia menutup sambungan, menunggu dengan jeda
memanjang, menyambung lagi, dan tugas berikutnya tetap dikerjakan."""

from __future__ import annotations

import logging

import pytest
from django.db import OperationalError
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from sakip.harian.tasks import pengingat
from sakip.tugas import pekerja as modul
from sakip.tugas.pekerja import Pekerja


def _pekerja(id_pekerja: str) -> Pekerja:
    """Pekerja sungguhan dalam proses tes yang berhenti sesudah satu tugas."""
    return Pekerja(
        queue_names=["default"],
        interval=0.05,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id=id_pekerja,
        excluded_queue_names=[],
        detak=30,
    )


@pytest.mark.django_db(transaction=True)
def test_worker_survives_lost_database_connection_and_does_the_next_job(monkeypatch, caplog):
    asli = DBTaskResultQuerySet.get_locked
    putus = {"n": 0}

    def get_locked(self):
        if putus["n"] < 2:
            putus["n"] += 1
            raise OperationalError("server closed the connection unexpectedly")
        return asli(self)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", get_locked)
    monkeypatch.setattr(modul, "JEDA_MAKS", 0.2)
    hasil = pengingat.enqueue()
    p = _pekerja("uji-sambung")
    with caplog.at_level(logging.WARNING, logger="sakip.tugas"):
        p.run()
    assert putus["n"] == 2 and p.gagal_sambung == 2
    assert DBTaskResult.objects.get(pk=hasil.id).status == "SUCCESSFUL"
    assert "basis data tidak terjangkau (server closed the connection" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_worker_reconnects_after_postgresql_kills_its_connection(monkeypatch):
    """Sungguhan di PostgreSQL: sambungan pekerja diputus server (pg_terminate_backend)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("pemutusan sambungan oleh server hanya ada di PostgreSQL")
    import psycopg

    asli = DBTaskResultQuerySet.get_locked
    putus = {"n": 0}

    def get_locked(self):
        if putus["n"] == 0:
            putus["n"] += 1
            connection.ensure_connection()
            pid = connection.connection.info.backend_pid
            s = connection.settings_dict
            with psycopg.connect(
                host=s["HOST"],
                port=s["PORT"] or 5432,
                user=s["USER"],
                dbname=s["NAME"],
                autocommit=True,
            ) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        return asli(self)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", get_locked)
    hasil = pengingat.enqueue()
    p = _pekerja("uji-putus")
    p.run()
    assert p.gagal_sambung >= 1
    assert DBTaskResult.objects.get(pk=hasil.id).status == "SUCCESSFUL"
