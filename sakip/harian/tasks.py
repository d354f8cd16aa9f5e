"""Tugas berkala kerja harian (django-tasks): pengingat tenggat lalu surel yang menunggu.

Diantrekan pekerja (``sakip worker``) setiap ``SAKIP_PENGINGAT_SELANG`` detik (lihat
``SAKIP_TUGAS_BERKALA``), atau dijalankan cron lewat ``sakip pengingat``. Menjalankannya berkali-kali
aman: satu peristiwa hanya sekali per pengguna, satu surel hanya sekali."""

from django_tasks import task


@task()
def pengingat() -> dict:
    from .pemberitahuan import buat_pengingat
    from .surel import kirim_surel

    baru = buat_pengingat()
    return {"pemberitahuan": baru, "surel": kirim_surel()}
