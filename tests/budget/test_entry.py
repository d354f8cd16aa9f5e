import pytest

from sakip.budget.models import Anggaran
from tests.demo_cepat import muat_demo

URL = "/opd/disnaker-denpasar/2022/anggaran/"


@pytest.fixture
def op(client, db):
    muat_demo()
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    return client


def _row_key():
    a = Anggaran.objects.get(kegiatan__kode="2.07.04.2.02", tahun=2022, triwulan__isnull=True)
    return f"keg-{a.kegiatan_id}"


@pytest.mark.django_db
def test_page_shows_rows_and_saves_quarters(op):
    html = op.get(URL).content.decode()
    assert "29.305.000" in html and "19.599.000" in html
    k = _row_key()
    data = {
        f"pagu-{k}": "29.305.000",
        f"real-{k}": "19.599.000",
        f"tw1-{k}": "4.000.000",
        f"tw2-{k}": "5.000.000",
    }
    resp = op.post(URL, data, follow=True).content.decode()
    assert "baris anggaran disimpan" in resp
    assert Anggaran.objects.get(kegiatan__kode="2.07.04.2.02", triwulan=2).realisasi == 5000000
    assert (
        Anggaran.objects.get(kegiatan__kode="2.07.04.2.02", triwulan__isnull=True).realisasi
        == 19599000
    )
    # the other rows kept their yearly figures (the form is pre-filled)
    assert (
        Anggaran.objects.get(kegiatan__kode="2.07.03.2.01", triwulan__isnull=True).realisasi
        == 982759400
    )


@pytest.mark.django_db
def test_bad_budget_input_names_the_row_and_saves_nothing(op):
    k = _row_key()
    page = op.get(URL).content.decode()
    assert page  # pre-filled form
    for data, msg in [
        ({f"pagu-{k}": "-5"}, "Pagu 2.07.04.2.02 Penerbitan Perpanjangan IMTA"),
        ({f"pagu-{k}": "29.305.000", f"real-{k}": "30.000.000"}, "melebihi pagu"),
        ({f"pagu-{k}": "29.305.000", f"real-{k}": "banyak"}, "&#x27;banyak&#x27; bukan angka"),
        (
            {
                f"pagu-{k}": "29.305.000",
                f"real-{k}": "10",
                f"tw1-{k}": "4",
                f"tw2-{k}": "3",
                f"tw3-{k}": "2",
                f"tw4-{k}": "0",
            },
            "tidak sama dengan realisasi setahun",
        ),
    ]:
        resp = op.post(URL, data).content.decode()
        assert msg in resp, msg
    assert (
        Anggaran.objects.get(kegiatan__kode="2.07.04.2.02", triwulan__isnull=True).pagu == 29305000
    )
    assert not Anggaran.objects.filter(triwulan__isnull=False).exists()


@pytest.mark.django_db
def test_only_editors(client, db):
    muat_demo()
    client.login(username="kepala.disnaker", password="sakip-demo-2022")
    assert client.get(URL).status_code == 200
    assert client.post(URL, {}).status_code == 403
