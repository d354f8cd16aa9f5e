"""Perintah `sakip token buat`: token API baru, dicetak sekali."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sakip.organisations.models import TokenApi


class Command(BaseCommand):
    help = "Token API: 'sakip token buat --user NAMA [--nama KEPERLUAN]' mencetak token baru (sekali saja)."

    def add_arguments(self, parser):
        parser.add_argument("aksi", choices=["buat"])
        parser.add_argument("--user", required=True)
        parser.add_argument("--nama", default="API")

    def handle(self, *args, **o):
        user = get_user_model().objects.filter(username=o["user"]).first()
        if user is None:
            raise CommandError(f"Pengguna '{o['user']}' tidak ditemukan")
        _, token = TokenApi.buat(user, o["nama"])
        self.stdout.write(token)
