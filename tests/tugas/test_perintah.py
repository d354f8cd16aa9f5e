"""Perintah tugas latar dengan masukan salah: satu kalimat Indonesia, tidak ada yang diantrekan."""

import pytest
from django.core.management import CommandError, call_command

from sakip.tugas.models import Tugas


@pytest.mark.django_db
def test_wrong_arguments_are_refused_in_indonesian_and_queue_nothing(klungkung):
    with pytest.raises(CommandError, match="Tugas 'abcd' tidak ditemukan"):
        call_command("tugas", "abcd")
    with pytest.raises(CommandError, match="--ulang memerlukan ID tugas"):
        call_command("tugas", "--ulang")
    with pytest.raises(CommandError, match="--output tidak dipakai dengan --latar"):
        call_command(
            "laporan",
            "lkjip",
            "--opd",
            klungkung.slug,
            "--tahun",
            "2024",
            "--latar",
            "--output",
            "x.pdf",
        )
    with pytest.raises(CommandError, match="OPD dengan slug 'tidak-ada' tidak ditemukan"):
        call_command("laporan", "lkjip", "--opd", "tidak-ada", "--tahun", "2024", "--latar")
    with pytest.raises(CommandError, match="--latar memerlukan --opd SLUG"):
        call_command("laporan", "pk", "--tahun", "2024", "--latar")
    assert Tugas.objects.count() == 0
    with pytest.raises(CommandError, match="--maks harus lebih dari 0"):
        call_command("worker", "--maks", "0")
