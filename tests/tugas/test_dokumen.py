"""Dokumen tersimpan per versi data, unduhan lewat tugas latar, tembolok dasbor (dalam proses)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sakip.measurement.models import Periode, Realisasi
from sakip.planning.models import Indikator
from sakip.tugas import dokumen as simpanan
from sakip.tugas.models import DokumenTersimpan, PekerjaTugas, Tugas
from sakip.tugas.services import antrekan_dokumen, ulangi
from tests.demo_cepat import muat_demo


def kerjakan_antrean(id_pekerja: str = "uji") -> int:
    """Pekerja dalam proses tes: ambil dan jalankan setiap tugas yang siap (tanpa utas detak)."""
    from django_tasks_db.models import DBTaskResult

    from sakip.tugas.pekerja import Pekerja

    p = Pekerja(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=id_pekerja,
        excluded_queue_names=[],
    )
    n = 0
    while (r := DBTaskResult.objects.ready().first()) is not None:
        r.claim(id_pekerja)
        p.run_task(r)
        n += 1
    return n


@pytest.fixture
def demo(db):
    muat_demo()


def _ubah_realisasi(opd_slug: str, tahun: int, nilai: str) -> Realisasi:
    ind = Indikator.objects.filter(opd__slug=opd_slug, iku=True).order_by("pk").first()
    r, _ = Realisasi.objects.update_or_create(
        indikator=ind, tahun=tahun, periode=Periode.TAHUNAN, defaults={"nilai": Decimal(nilai)}
    )
    return r


@pytest.mark.django_db
def test_unchanged_data_serves_the_stored_file_and_a_change_renders_anew(client, demo):
    client.login(username="operator.klungkung", password="sakip-demo-2024")
    url = "/opd/disnaker-klungkung/2024/dokumen/lkjip.html"
    r1 = client.get(url)
    assert r1.status_code == 200 and r1["X-Sakip-Dokumen"].startswith("tersimpan")
    pertama = b"".join(r1.streaming_content)
    assert DokumenTersimpan.objects.count() == 1
    with CaptureQueriesContext(connection) as q:
        r2 = client.get(url)
    assert b"".join(r2.streaming_content) == pertama and DokumenTersimpan.objects.count() == 1
    assert not any("planning_indikator" in x["sql"] for x in q.captured_queries)  # no render
    _ubah_realisasi("disnaker-klungkung", 2024, "123456")
    r3 = client.get(url)
    ketiga = b"".join(r3.streaming_content)
    assert ketiga != pertama and "123.456" in ketiga.decode()
    # the older version is dropped; one file per document
    assert DokumenTersimpan.objects.count() == 1


@pytest.mark.django_db
def test_with_a_worker_a_pdf_download_becomes_a_job_with_progress(client, demo):
    PekerjaTugas.objects.create(id_pekerja="w", host="h", pid=1, detak_pada=timezone.now())
    client.login(username="operator.klungkung", password="sakip-demo-2024")
    r = client.get("/opd/disnaker-klungkung/2024/dokumen/pengukuran.pdf")
    assert r.status_code == 302 and r.url.startswith("/tugas/")
    t = Tugas.objects.get()
    assert t.status == Tugas.Status.ANTRE and t.pemohon.username == "operator.klungkung"
    # the same request again: the same job, not a second one
    assert client.get("/opd/disnaker-klungkung/2024/dokumen/pengukuran.pdf").url == r.url
    html = client.get(r.url).content.decode()
    assert "Menunggu pekerja" in html and 'hx-trigger="every 1s"' in html
    assert kerjakan_antrean() == 1
    t.refresh_from_db()
    assert t.status == Tugas.Status.SELESAI and t.persen == 100 and t.dokumen is not None
    bagian = client.get(r.url, HTTP_HX_REQUEST="true")
    assert bagian["HX-Refresh"] == "true"  # the page reloads once with the download button
    html = client.get(r.url).content.decode()
    assert "Unduh pengukuran" in html or "Unduh " in html
    berkas = client.get(f"/tugas/{t.pk}/berkas/")
    assert b"".join(berkas.streaming_content)[:4] == b"%PDF"
    # now the download itself is the stored file
    r = client.get("/opd/disnaker-klungkung/2024/dokumen/pengukuran.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    # another OPD's user cannot see the job
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    assert client.get(f"/tugas/{t.pk}/").status_code == 403


@pytest.mark.django_db
def test_a_failed_job_says_why_in_indonesian_and_can_be_retried(demo, django_user_model):
    from sakip.organisations.models import Pemda

    p = simpanan.Permintaan(
        simpanan.SEMUA_LKJIP, "pdf", 2031, Pemda.objects.get(slug="kota-denpasar")
    )
    t, baru = antrekan_dokumen(p)
    assert baru
    kerjakan_antrean()
    t.refresh_from_db()
    assert t.status == Tugas.Status.GAGAL
    assert t.pesan == "Tidak ada OPD Kota Denpasar dengan data tahun 2031."
    t = ulangi(t)
    assert t.status == Tugas.Status.ANTRE and t.pesan == ""
    kerjakan_antrean()
    t.refresh_from_db()
    assert t.status == Tugas.Status.GAGAL and t.percobaan == 2


@pytest.mark.django_db
def test_a_worker_whose_job_was_taken_over_does_not_write_a_result(demo):
    from django_tasks_db.models import DBTaskResult

    from sakip.organisations.models import PerangkatDaerah
    from sakip.tugas.pekerja import pulihkan_yatim
    from sakip.tugas.services import BukanMilik, Jalan

    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    opd_p = simpanan.Permintaan.untuk_opd("pengukuran", opd, 2024, "html")
    t, _ = antrekan_dokumen(opd_p)
    r = DBTaskResult.objects.get(pk=t.hasil_id)
    r.claim("mati")
    Tugas.objects.filter(pk=t.pk).update(status=Tugas.Status.BERJALAN, pekerja="mati")
    # 'mati' never registered a heartbeat: its job goes back to the queue
    assert pulihkan_yatim() == 1
    r.refresh_from_db()
    t.refresh_from_db()
    assert r.status == "READY" and t.status == Tugas.Status.ANTRE and "Diulang" in t.langkah
    with pytest.raises(BukanMilik):
        Jalan(t, "mati").pastikan_milik()
    assert kerjakan_antrean("pengganti") == 1
    t.refresh_from_db()
    assert t.status == Tugas.Status.SELESAI and t.pekerja == "pengganti"
    assert DokumenTersimpan.objects.filter(kunci=opd_p.kunci).count() == 1


@pytest.mark.django_db
def test_dashboards_are_never_stale_after_a_change(client, demo):
    client.login(username="operator.klungkung", password="sakip-demo-2024")
    url = "/opd/disnaker-klungkung/2024/"
    client.get(url)
    with CaptureQueriesContext(connection) as tersimpan:
        client.get(url)
    _ubah_realisasi("disnaker-klungkung", 2024, "987654")
    with CaptureQueriesContext(connection) as baru:
        html = client.get(url).content.decode()
    assert "987.654" in html
    assert len(tersimpan) < len(baru)  # the cached page asks the database less
    client.login(username="inspektorat.klungkung", password="sakip-demo-2024")
    pemda = "/pemda/kabupaten-klungkung/2024/"
    sebelum = client.get(pemda).content.decode()
    _ubah_realisasi("disnaker-klungkung", 2024, "1")
    sesudah = client.get(pemda).content.decode()
    assert sebelum != sesudah


def test_a_new_process_reads_the_dashboard_another_built_and_never_a_stale_one(
    client, demo, settings, tmp_path
):
    """Tembolok bersama (berkas, semua proses satu mesin): proses baru (tembolok memorinya kosong)
    tidak membangun ulang; perubahan data tetap tampil; basis data lain tidak membacanya."""
    from django.core.cache import cache, caches

    settings.CACHES = {
        **settings.CACHES,
        "bersama": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "tembolok"),
        },
    }
    assert caches["bersama"]._dir == str(tmp_path / "tembolok")
    client.login(username="operator.klungkung", password="sakip-demo-2024")
    url = "/opd/disnaker-klungkung/2024/"
    cache.clear()
    pertama = client.get(url).content.decode()
    assert list((tmp_path / "tembolok").iterdir())  # tersimpan bersama
    cache.clear()  # "proses lain": memorinya kosong
    with CaptureQueriesContext(connection) as q:
        kedua = client.get(url).content.decode()
    import re

    tanpa_csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')
    import difflib

    a, b = tanpa_csrf.sub("", pertama).splitlines(), tanpa_csrf.sub("", kedua).splitlines()
    assert a == b, "\n".join(list(difflib.unified_diff(a, b, lineterm=""))[:20])
    assert not any("measurement_realisasi" in x["sql"] for x in q.captured_queries)
    _ubah_realisasi("disnaker-klungkung", 2024, "24680")
    cache.clear()
    assert "24.680" in client.get(url).content.decode()
    # basis data lain dengan versi yang kebetulan sama: kunci bersamanya lain
    from sakip.web import tembolok

    asli = connection.settings_dict["NAME"]
    try:
        a = tembolok._basis_data()
        connection.settings_dict["NAME"] = f"{asli}-lain"
        assert tembolok._basis_data() != a
    finally:
        connection.settings_dict["NAME"] = asli
