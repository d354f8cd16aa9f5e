"""Tugas latar 'reviu laporan tercetak': dijalankan pekerja sampai selesai (mypy menemukan
atribut yang tidak ada, ``nama_berkas``, di langkah pertamanya; tugas ini belum pernah diuji)."""

import pytest

from sakip.interchange.baca.layanan import unggah_laporan
from sakip.paths import SEEDS_DIR
from sakip.review.models import TemuanReviu
from sakip.tugas.models import Tugas
from sakip.tugas.services import antrekan
from tests.tugas.test_dokumen import kerjakan_antrean


@pytest.mark.django_db
def test_printed_report_review_job_runs_to_the_end(klungkung):
    teks = (SEEDS_DIR / "teks" / "klungkung-2024.txt").read_bytes()
    lap = unggah_laporan(klungkung, 2024, "klungkung-2024.txt", teks)
    t, baru = antrekan(
        Tugas.Jenis.REVIU_LAPORAN,
        f"Reviu {lap.nama}",
        f"reviu-laporan:{lap.pk}",
        {"laporan": lap.pk},
        opd=klungkung,
        tahun=2024,
    )
    assert baru
    assert kerjakan_antrean() == 1
    t.refresh_from_db()
    assert t.status == Tugas.Status.SELESAI, (t.status, t.pesan)
    assert TemuanReviu.objects.filter(opd=klungkung, tahun=2024, sumber=lap.sumber).exists()
