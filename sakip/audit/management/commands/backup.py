import io
import json
import zipfile
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from sakip.audit.backup import MODELS_URUT


def _encode(o):
    """Nilai apa adanya: waktu lengkap sampai mikrodetik (pengkode JSON Django memotongnya ke milidetik)."""
    import datetime as dt
    import decimal
    import uuid

    if isinstance(o, (dt.datetime, dt.date, dt.time)):
        return o.isoformat()
    if isinstance(o, (decimal.Decimal, uuid.UUID)):
        return str(o)
    raise TypeError(f"tidak dapat dicadangkan: {type(o)}")


class Command(BaseCommand):
    help = "Cadangkan seluruh basis data dan berkas unggahan ke satu berkas .zip (konsisten, apa pun mesinnya)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **o):
        path = Path(o["path"])
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as c:
                    c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            data = {}
            total = 0
            for model in MODELS_URUT():
                rows = list(model._default_manager.order_by("pk"))
                data[model._meta.label] = serializers.serialize("python", rows)
                total += len(rows)
        media = Path(settings.MEDIA_ROOT)
        try:
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
                z.writestr(
                    "sakip-cadangan.json",
                    json.dumps(
                        {"format": "sakip-cadangan 1", "data": data},
                        ensure_ascii=False,
                        default=_encode,
                    ),
                )
                if media.exists():
                    for f in sorted(media.rglob("*")):
                        if f.is_file():
                            z.write(f, "media/" + f.relative_to(media).as_posix())
        except OSError as exc:
            raise CommandError(f"Cadangan tidak dapat ditulis ke {path}: {exc.strerror}") from exc
        self.stdout.write(f"Cadangan ditulis: {path} ({total} baris data)")


__all__ = ["io"]
