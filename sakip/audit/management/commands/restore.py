import json
import shutil
import zipfile
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from sakip.audit.backup import MODELS_URUT


class Command(BaseCommand):
    help = "Pulihkan basis data dan berkas unggahan dari cadangan 'sakip backup'. Data yang ada diganti seluruhnya."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--ya", action="store_true", help="jangan bertanya konfirmasi")

    def handle(self, *args, **o):
        path = Path(o["path"])
        try:
            z = zipfile.ZipFile(path)
            payload = json.loads(z.read("sakip-cadangan.json"))
        except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise CommandError(f"{path} bukan berkas cadangan sakip ({exc})") from exc
        if payload.get("format") != "sakip-cadangan 1":
            raise CommandError(f"{path}: format cadangan tidak dikenal")
        if (
            not o["ya"]
            and input("Seluruh data sekarang akan diganti. Lanjutkan? (ya/tidak) ").strip().lower()
            != "ya"
        ):
            raise CommandError("Dibatalkan.")
        models = MODELS_URUT()
        from django.db.models.signals import post_delete, post_save, pre_save

        # Sinyal audit dimatikan sementara: memulihkan bukan perubahan pengguna.
        receivers = {s: s.receivers for s in (pre_save, post_save, post_delete)}
        for s in receivers:
            s.receivers = []
            s.sender_receivers_cache.clear()
        try:
            with transaction.atomic():
                for model in reversed(models):
                    model._default_manager.all()._raw_delete(model._default_manager.db)
                n = 0
                for model in models:
                    rows = payload["data"].get(model._meta.label, [])
                    for obj in serializers.deserialize("python", rows):
                        obj.save()
                        n += 1
                if connection.vendor == "postgresql":
                    from django.core.management.color import no_style

                    with connection.cursor() as c:
                        for sql in connection.ops.sequence_reset_sql(no_style(), models):
                            c.execute(sql)
        finally:
            for s, r in receivers.items():
                s.receivers = r
                s.sender_receivers_cache.clear()
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        for name in z.namelist():
            if name.startswith("media/") and not name.endswith("/"):
                rel = Path(name[len("media/") :])
                if rel.is_absolute() or ".." in rel.parts:
                    raise CommandError(f"nama berkas tidak sah di cadangan: {name}")
                target = media / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(name))
        self.stdout.write(f"Dipulihkan: {n} baris data dari {path}")
