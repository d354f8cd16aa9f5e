"""The Inspektorat uploads an OPD's printed LKjIP (a PDF), sees what was read beside the page
image, corrects a cell, runs the reviu and finds the printed errors among the reviu findings."""

import pytest
from playwright.sync_api import expect

from tests.demo_cepat import muat_demo

from .conftest import masuk, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # peramban melihat HTML/JS yang sama di setiap mesin basis data; kode server di baliknya diuji
    # pada kedua putaran oleh tes halaman (klien Django): sekali per CI (putaran SQLite)
    pytest.mark.sekali,
]


def _pdf_dengan_kesalahan(tmp_path):
    from weasyprint import HTML

    from sakip.documents.services import buat_dokumen
    from sakip.organisations.models import PerangkatDaerah

    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    html = buat_dokumen("lkjip", opd, 2024, "html").isi.decode()
    for lama, baru in [
        (
            '<td class="kanan">79,88</td><td class="kanan">101,11%</td>',
            '<td class="kanan">79,88</td><td class="kanan">111,11%</td>',
        ),
        ("dilaksanakan 5 program dan 13 kegiatan", "dilaksanakan 5 program dan 12 kegiatan"),
    ]:
        assert lama in html
        html = html.replace(lama, baru, 1)
    pdf = tmp_path / "LKjIP Disnaker Klungkung 2024.pdf"
    pdf.write_bytes(HTML(string=html, base_url=".").write_pdf())
    return pdf


def test_inspektorat_reads_corrects_and_reviews_a_printed_report(
    live_server, browser_page, tmp_path
):
    muat_demo()
    pdf = _pdf_dengan_kesalahan(tmp_path)
    page, base = browser_page, live_server.url
    masuk(page, base, "inspektorat.klungkung", "sakip-demo-2024")
    page.goto(f"{base}/opd/disnaker-klungkung/2024/reviu/")
    page.click("text=Reviu laporan tercetak")
    page.set_input_files("#berkas", str(pdf))
    page.click("text=Unggah dan baca")
    expect(page.locator("text=terbaca:")).to_be_visible()
    # the tables read, each with the page it stands on
    page.click(".bagian-laporan a:has-text('Tabel 3.1 ')")
    expect(page.locator("h2", has_text="Tabel 3.1 (halaman")).to_be_visible()
    # the page image beside it (rendered from the PDF)
    page.wait_for_function(
        "() => { const i = document.querySelector('img.halaman-laporan');"
        " return i && i.complete && i.naturalWidth > 500; }",
        timeout=15000,
    )
    shot(page, "laporan-tercetak")
    baris = page.locator("tr", has_text="Tingkat Partisipasi Angkatan Kerja (TPAK)").filter(
        has_text="capaian"
    )
    sel = baris.locator("input[name=teks]")
    assert sel.input_value() == "111,11%"
    # text in a number cell is refused with the place named, nothing changed
    sel.fill("seratus")
    baris.locator("button", has_text="Betulkan").click()
    expect(page.locator("text=bukan angka")).to_be_visible()
    expect(page.locator("text=Tabel 3.1 (halaman").first).to_be_visible()
    baris = page.locator("tr", has_text="Tingkat Partisipasi Angkatan Kerja (TPAK)").filter(
        has_text="capaian"
    )
    assert baris.locator("input[name=teks]").input_value() == "111,11%"
    # a correction (as if the cell had been misread) is kept and logged
    baris.locator("input[name=teks]").fill("101,11%")
    baris.locator("button", has_text="Betulkan").click()
    expect(page.locator("text=Sel dibetulkan: '111,11%' → '101,11%'")).to_be_visible()
    expect(page.locator("h2", has_text="Koreksi sel")).to_be_visible()
    page.click("text=Jalankan reviu atas laporan ini")
    expect(page.locator("text=selesai:")).to_be_visible()
    shot(page, "laporan-tercetak-temuan")
    # the count the report gets wrong is a finding of that report; the corrected cell is not
    temuan = page.locator("table.temuan").inner_text()
    assert "Ikhtisar Eksekutif, halaman" in temuan
    assert "menyebut jumlah kegiatan 12" in temuan
    assert "111,11" not in temuan
    assert "laporan tercetak LKjIP Disnaker Klungkung 2024.pdf" in temuan
