import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.measurement.ringkasan import segarkan
from tests.demo_cepat import muat_demo
from tests.salinan import salin_denpasar
from tests.tembolok import dingin

URL = "/pemda/kota-denpasar/2022/"


def _copy_denpasar(i: int):
    salin_denpasar(f"opd-salinan-{i}", f"OPD Salinan {i}", 700 + i * 50)


@pytest.fixture
def demo(db):
    muat_demo()


@pytest.mark.django_db
def test_dasbor_pemda_access(client, demo):
    assert client.get(URL).status_code == 302
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    assert client.get(URL).status_code == 403
    client.login(username="inspektorat.klungkung", password="sakip-demo-2024")
    assert client.get(URL).status_code == 403
    client.login(username="admin.denpasar", password="sakip-demo-2022")
    html = client.get(URL).content.decode()
    assert (
        "Dinas Tenaga Kerja dan Sertifikasi Kompetensi Kota Denpasar" in html and "97,35%" in html
    )
    assert "Tingkat Pengangguran Terbuka" in html  # still missing this year
    assert 'id="data-grafik"' in html and "<script>" not in html  # data as JSON, no inline script


@pytest.mark.django_db
def test_dasbor_ranks_and_query_count_is_constant(client, demo):
    client.login(username="admin.denpasar", password="sakip-demo-2022")
    _copy_denpasar(1)
    segarkan()  # ringkasan yang kedaluwarsa dihitung ulang di luar pengukuran kueri halaman
    dingin()
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for i in range(2, 6):
        _copy_denpasar(i)
    segarkan()
    dingin()
    with CaptureQueriesContext(connection) as many:
        html = client.get(URL).content.decode()
    assert len(many) == len(few)
    order = [html.index(f"OPD Salinan {i}") for i in (5, 4, 3, 2, 1)]
    assert order == sorted(order)  # higher placement → higher average capaian → ranked first
    filtered = client.get(URL + "?min=85").content.decode()
    assert (
        "OPD Salinan 1<" not in filtered
        and "OPD Salinan 2<" not in filtered
        and "OPD Salinan 3<" in filtered
    )
