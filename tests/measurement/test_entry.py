import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from sakip.audit.models import JejakAudit
from sakip.measurement.bukti import BuktiError, kenali_jenis
from sakip.measurement.models import KoreksiRealisasi, PersetujuanRealisasi, Realisasi
from sakip.measurement.services import pengukuran
from sakip.planning.models import Indikator
from tests.berkas_contoh import pdf_kecil

URL = "/opd/disnaker-denpasar/2022/realisasi/tw4/"


def test_content_checks():
    from tests.berkas_contoh import gambar_kecil

    assert kenali_jenis(pdf_kecil()) == "pdf"
    assert kenali_jenis(gambar_kecil("PNG")) == "png"
    assert kenali_jenis(gambar_kecil("JPEG")) == "jpg"
    buf = io.BytesIO()
    Workbook().save(buf)
    assert kenali_jenis(buf.getvalue()) == "xlsx"
    for bad, msg in [
        (b"", "kosong"),
        (b"MZ\x90\x00 exe", "tidak diterima"),
        (b"PK\x03\x04garbage", "bukan lembar kerja"),
        (b"%PDF" + b"0" * (10 * 1024 * 1024), "terlalu besar"),
        (b"%PDF-1.7\n...", "diawali tanda PDF tetapi isinya bukan PDF"),
        (b"\x89PNG\r\n\x1a\n....", "diawali tanda gambar PNG tetapi isinya bukan"),
    ]:
        with pytest.raises(BuktiError, match=msg):
            kenali_jenis(bad)


@pytest.mark.django_db
def test_operator_enters_quarter_kepala_approves_dashboard_updates(client, demo):
    opd, operator, kepala = demo
    tpt = Indikator.objects.get(opd=opd, kode="T1-1")
    client.force_login(operator)
    page = client.get(URL).content.decode()
    assert "Jumlah pengangguran" in page and "Realisasi Triwulan IV Tahun 2022" in page
    resp = client.post(
        URL,
        {f"p-{tpt.id}": "30.000", f"q-{tpt.id}": "400.000", f"c-{tpt.id}": "Sakernas Agustus"},
        follow=True,
    )
    assert "1 realisasi triwulan IV disimpan" in resp.content.decode()
    r = Realisasi.objects.get(indikator=tpt, periode="tw4")
    assert r.pembilang == 30000 and r.penyebut == 400000 and r.nilai is None
    rows = {b.indikator.kode: b for b in pengukuran(opd, 2022)}
    assert rows["T1-1"].capaian.teks() == "98,92%"  # lower is better: (2 − 7,5/7,42) × 100
    client.post(URL + "alur/ajukan/")
    assert (
        client.post(URL, {f"p-{tpt.id}": "1", f"q-{tpt.id}": "2"}, follow=True)
        .content.decode()
        .count("sedang diajukan")
        == 1
    )
    client.force_login(kepala)
    client.post(URL + "alur/setujui/")
    client.force_login(operator)
    # approved values look locked; "Koreksi" opens them with a reason field
    page = client.get(URL).content.decode()
    assert f'name="p-{tpt.id}" value="30.000" inputmode="decimal" readonly' in page
    assert "Koreksi nilai yang sudah disetujui" in page and 'name="alasan"' not in page
    assert "Simpan realisasi" not in page
    page = client.get(URL + "?koreksi=1").content.decode()
    assert f'name="p-{tpt.id}" value="30.000" inputmode="decimal" >' in page
    assert 'name="alasan"' in page and "Simpan realisasi" in page
    # locked: a change needs a reason and is kept as a correction
    resp = client.post(URL, {f"p-{tpt.id}": "31.000", f"q-{tpt.id}": "400.000"}, follow=True)
    assert "harus disertai alasan koreksi" in resp.content.decode()
    client.post(
        URL,
        {
            f"p-{tpt.id}": "31.000",
            f"q-{tpt.id}": "400.000",
            f"c-{tpt.id}": "Sakernas Agustus",
            "alasan": "Angka BPS final",
        },
    )
    k = KoreksiRealisasi.objects.get()
    assert (
        k.nilai_lama["pembilang"].startswith("30000")
        and k.nilai_baru["pembilang"].startswith("31000")
        and k.alasan == "Angka BPS final"
    )
    # koreksi sesudah disetujui membuka kembali triwulan (transisi buka_kembali): harus diajukan lagi
    st = PersetujuanRealisasi.objects.get(opd=opd, tahun=2022, triwulan=4)
    assert st.status == "draft" and st.diputuskan_oleh == kepala
    jejak = JejakAudit.objects.filter(model="measurement.PersetujuanRealisasi", objek_id=str(st.pk))
    assert [j.perubahan["status"] for j in jejak.order_by("id") if "status" in j.perubahan] == [
        [None, "draft"],
        ["draft", "diajukan"],
        ["diajukan", "disetujui"],
        ["disetujui", "draft"],
    ]
    html = client.get("/opd/disnaker-denpasar/2022/").content.decode()
    assert "95,55%" in html  # (2 − 7,75/7,42) × 100


@pytest.mark.django_db
def test_bad_input_names_the_field_and_saves_nothing(client, demo):
    opd, operator, _ = demo
    tpt = Indikator.objects.get(opd=opd, kode="T1-1")
    client.force_login(operator)
    resp = client.post(URL, {f"p-{tpt.id}": "tiga puluh", f"q-{tpt.id}": "0"}).content.decode()
    assert "Pembilang “Tingkat Pengangguran Terbuka”: &#x27;tiga puluh&#x27; bukan angka" in resp
    resp = client.post(URL, {f"p-{tpt.id}": "5", f"q-{tpt.id}": "0"}).content.decode()
    assert "Penyebut “Tingkat Pengangguran Terbuka” tidak boleh nol" in resp
    resp = client.post(URL, {f"p-{tpt.id}": "5"}).content.decode()
    assert "pembilang dan penyebut harus diisi bersama" in resp
    assert not Realisasi.objects.filter(periode="tw4", indikator__opd=opd).exists()


@pytest.mark.django_db
def test_roles_on_the_entry_page(client, demo):
    opd, operator, kepala = demo
    tpt = Indikator.objects.get(opd=opd, kode="T1-1")
    client.force_login(kepala)
    assert client.get(URL).status_code == 200
    assert client.post(URL, {f"p-{tpt.id}": "1", f"q-{tpt.id}": "2"}).status_code == 403
    client.force_login(get_user_model().objects.get(username="operator.klungkung"))
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302
    assert client.get("/opd/disnaker-denpasar/2022/realisasi/tw5/").status_code in (302, 404)


@pytest.mark.django_db
def test_evidence_upload_checked_by_content_and_replacement_keeps_old(
    client, demo, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    opd, operator, _ = demo
    tpt = Indikator.objects.get(opd=opd, kode="T1-1")
    client.force_login(operator)
    client.post(URL, {f"p-{tpt.id}": "30.000", f"q-{tpt.id}": "400.000"})
    burl = f"{URL}bukti/{tpt.id}/"
    fake = SimpleUploadedFile(
        "laporan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    resp = client.post(burl, {"berkas": fake}, follow=True).content.decode()
    assert "jenis berkas tidak diterima" in resp
    real = SimpleUploadedFile("sakernas.pdf", pdf_kecil(), content_type="application/octet-stream")
    assert "disimpan" in client.post(burl, {"berkas": real}, follow=True).content.decode()
    from sakip.measurement.models import BuktiDukung

    first = BuktiDukung.objects.get()
    assert (
        first.jenis == "pdf"
        and first.diunggah_oleh == operator
        and "sakernas" not in first.berkas.name
    )
    resp = client.post(
        burl, {"tautan": "https://bps.go.id/x", "ganti": first.pk}, follow=True
    ).content.decode()
    assert "harus disertai alasan" in resp
    client.post(
        burl, {"tautan": "https://bps.go.id/x", "ganti": first.pk, "alasan_ganti": "versi final"}
    )
    first.refresh_from_db()
    assert not first.aktif and first.alasan_ganti == "versi final"
    assert client.get(f"/bukti/{first.pk}/").status_code == 200  # the replaced file stays readable
    client.force_login(get_user_model().objects.get(username="operator.klungkung"))
    assert client.get(f"/bukti/{first.pk}/").status_code == 403


@pytest.mark.django_db
def test_live_percentage_endpoint(client, demo):
    _, operator, _ = demo
    client.force_login(operator)
    assert client.post("/hitung/", {"p-1": "721", "q-1": "1.164"}).content.decode() == "61,94%"
    assert (
        client.post("/hitung/", {"p-1": "7", "q-1": "0"}).content.decode()
        == "penyebut bernilai nol"
    )
