"""Tugas django-tasks milik sakip: satu pintu, :func:`jalankan`, untuk semua jenis tugas.

Jenis dan parameternya ada di catatan :class:`~.models.Tugas`; pekerja (``sakip worker``)
mengambilnya dari antrean basis data (django-tasks-db)."""

from django_tasks import TaskContext, task


@task(takes_context=True)
def jalankan(context: TaskContext, tugas_id: str) -> dict:
    from .services import kerjakan

    worker_ids = context.task_result.worker_ids
    return kerjakan(tugas_id, worker_ids[-1] if worker_ids else "")
