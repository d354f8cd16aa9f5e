"""Surel pemberitahuan: dikirim pekerja tugas, setiap baris diklaim dulu agar tidak terkirim dua
kali."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Notifikasi

log = logging.getLogger(__name__)


def kirim_surel() -> int:
    """Kirim surel setiap pemberitahuan yang menunggu; tiap baris diklaim dulu (dikunci, dilewati
    pekerja lain), jadi tidak terkirim dua kali. Mengembalikan jumlah yang terkirim."""
    from django.core.mail import send_mail

    terkirim = 0
    while True:
        with transaction.atomic():
            qs = Notifikasi.objects.filter(surel=Notifikasi.Surel.MENUNGGU).select_related("user")
            if transaction.get_connection().features.has_select_for_update_skip_locked:
                qs = qs.select_for_update(skip_locked=True, of=("self",))
            batch = list(qs.order_by("id")[:50])
            if not batch:
                return terkirim
            for n in batch:
                try:
                    send_mail(
                        f"[sakip] {n.judul}",
                        _badan_surel(n),
                        settings.DEFAULT_FROM_EMAIL,
                        [n.user.email],
                    )
                except Exception as exc:  # SMTP mati, alamat ditolak: dicatat, tidak diulang terus
                    log.warning("surel pemberitahuan %s gagal: %s", n.pk, exc)
                    n.surel = Notifikasi.Surel.GAGAL
                else:
                    n.surel = Notifikasi.Surel.TERKIRIM
                    terkirim += 1
                n.surel_pada = timezone.now()
                n.save(update_fields=["surel", "surel_pada"])


def _badan_surel(n: Notifikasi) -> str:
    dasar = getattr(settings, "SAKIP_ALAMAT_SITUS", "").rstrip("/")
    baris = [n.judul, ""]
    if n.isi:
        baris += [n.isi, ""]
    if n.tautan:
        baris += [f"Buka: {dasar}{n.tautan}", ""]
    baris += [
        "—",
        "Surel ini dikirim otomatis oleh sakip. Matikan surel pemberitahuan di halaman "
        "Pemberitahuan aplikasi.",
    ]
    return "\n".join(baris)
