import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_beranda_lists_the_seeds(client, denpasar, klungkung):
    html = client.get("/").content.decode()
    assert "Dinas Tenaga Kerja dan Sertifikasi Kompetensi Kota Denpasar" in html
    assert "/opd/disnaker-klungkung/2024/" in html


@pytest.mark.django_db
def test_opd_page_shows_computed_figures_in_indonesian_format(client, klungkung):
    html = client.get("/opd/disnaker-klungkung/2024/").content.decode()
    assert "101,11%" in html and "187,90" not in html
    assert "Rp6.253.600.939" in html
    assert "Tahun 2024" in html
    assert "tidak dapat dihitung" in html  # the BPS tujuan indicator has no realisasi


@pytest.mark.django_db
def test_opd_page_denpasar_totals(client, denpasar):
    html = client.get("/opd/disnaker-denpasar/2022/").content.decode()
    assert "2.653.931.750" in html and "2.583.575.055" in html and "97,35%" in html
    assert "200 dari 296" in html and "67,57" in html


@pytest.mark.django_db
def test_unknown_year_is_404(client, denpasar):
    assert client.get("/opd/disnaker-denpasar/1999/").status_code == 404
    assert client.get("/opd/tidak-ada/2022/").status_code == 404


@pytest.mark.django_db
def test_query_count_does_not_grow_with_indicators(client, denpasar, klungkung):
    with CaptureQueriesContext(connection) as small:
        client.get("/opd/disnaker-denpasar/2022/")
    with CaptureQueriesContext(connection) as big:
        client.get("/opd/disnaker-klungkung/2024/")
    assert len(small) == len(big)
    assert len(big) <= 15, [q["sql"][:80] for q in big.captured_queries]


@pytest.mark.django_db
def test_query_count_constant_when_indicators_are_added(client, denpasar):
    from sakip.planning.models import Indikator, SubKegiatan, TargetIndikator

    with CaptureQueriesContext(connection) as before:
        client.get("/opd/disnaker-denpasar/2022/")
    sub = SubKegiatan.objects.filter(kegiatan__program__opd=denpasar).first()
    for i in range(10):
        ind = Indikator.objects.create(
            opd=denpasar, kode=f"X-{i}", nama=f"Tambahan {i}", sub_kegiatan=sub
        )
        TargetIndikator.objects.create(indikator=ind, tahun=2022, nilai=10)
    with CaptureQueriesContext(connection) as after:
        html = client.get("/opd/disnaker-denpasar/2022/").content.decode()
    assert "Tambahan 9" in html
    assert len(after) == len(before)
