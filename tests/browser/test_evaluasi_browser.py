"""Evaluasi AKIP di peramban: Operator mengisi dan mengajukan penilaian mandiri, Inspektorat
mengubah satu usulan otomatis dengan alasan, memfinalkan, mengunduh LHE; dasbor Pemda
menampilkan nilainya."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from sakip.core.numbers import format_angka
from sakip.evaluation.models import Evaluasi, JawabanKriteria
from tests.demo_cepat import muat_demo

from .conftest import masuk, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # peramban melihat HTML/JS yang sama di setiap mesin basis data; kode server di baliknya diuji
    # pada kedua putaran oleh tes halaman (klien Django): sekali per CI (putaran SQLite)
    pytest.mark.sekali,
]

OPD, TAHUN, SANDI = "disnaker-klungkung", 2024, "sakip-demo-2024"


def test_self_assessment_override_final_lhe_and_dashboard(live_server, browser_page):
    muat_demo()
    # the demo's example evaluation of this year is removed: this test makes it from the start
    Evaluasi.objects.filter(opd__slug=OPD, tahun=TAHUN).delete()
    page, base = browser_page, live_server.url

    # 1. the operator starts the evaluation from the OPD-year page
    masuk(page, base, "operator.klungkung", SANDI)
    page.goto(f"{base}/opd/{OPD}/{TAHUN}/")
    page.click("a:text-is('Evaluasi AKIP')")
    expect(page.locator("text=belum dimulai")).to_be_visible()
    page.click("text=Mulai evaluasi")
    expect(page.locator("text=jawaban otomatis diusulkan")).to_be_visible()
    ev = Evaluasi.objects.get(opd__slug=OPD, tahun=TAHUN)
    otomatis = dict(ev.jawaban.exclude(otomatis="").values_list("kriteria", "otomatis"))
    assert otomatis["1.a.3"] == "Y"  # the Renstra exists in sakip
    row = page.locator("#kriteria-1\\.a\\.3")
    assert "Y" in row.locator("td").nth(2).inner_text()
    # the self-assessment answers every criterion sakip could not answer
    tanpa = [j.kriteria for j in ev.jawaban.filter(otomatis="")]
    assert tanpa, "some criteria need a person's judgement"
    for kode in tanpa:
        sel = page.locator(f"select[name='mandiri-{kode}']")
        pilihan = sel.locator("option").all_inner_texts()
        sel.select_option(pilihan[-1] if "C" not in pilihan else "C")
    page.fill("textarea[name='mandiri_catatan-1.a.3']", "Renstra 2021-2026 ditetapkan Perbup")
    page.click("#simpan-lke")
    expect(page.locator(f"text={len(tanpa) + 1} jawaban disimpan")).to_be_visible()
    assert page.locator(".kartu div", has_text="Belum dijawab").locator("b").inner_text() == "0"
    shot(page, "evaluasi-mandiri")
    page.click("button:text-is('Ajukan penilaian mandiri')")
    expect(page.locator("text=Penilaian mandiri diajukan kepada Inspektorat")).to_be_visible()
    # the operator can no longer change the answers
    assert page.locator("select[name='mandiri-1.a.3']").count() == 0

    # 2. the Inspektorat overrides one automatic answer; without a reason it is refused
    masuk(page, base, "inspektorat.klungkung", SANDI)
    page.goto(f"{base}/opd/{OPD}/{TAHUN}/evaluasi/")
    page.select_option("select[name='evaluator-1.a.3']", "T")
    page.click("#simpan-lke")
    expect(
        page.locator(
            "text=kriteria 1.a.3: jawaban evaluator T berbeda dari usulan otomatis Y; tuliskan alasannya"
        )
    ).to_be_visible()
    assert JawabanKriteria.objects.get(evaluasi=ev, kriteria="1.a.3").evaluator == ""
    page.select_option("select[name='evaluator-1.a.3']", "T")
    page.fill(
        "textarea[name='alasan_ubah-1.a.3']", "Renstra belum ditetapkan dengan Perbup saat dinilai"
    )
    page.fill("textarea[name='rekomendasi-1.a.3']", "Tetapkan Renstra dengan Peraturan Bupati")
    page.fill("input[name='nomor_lhe']", "700/12/LHE/2025")
    page.fill("input[name='inspektur_nama']", "I Made Contoh")
    page.click("#simpan-lke")
    expect(page.locator("text=jawaban disimpan")).to_be_visible()
    j = JawabanKriteria.objects.get(evaluasi=ev, kriteria="1.a.3")
    assert (j.otomatis, j.mandiri, j.evaluator, j.akhir) == ("Y", "", "T", "T")
    assert j.alasan_ubah == "Renstra belum ditetapkan dengan Perbup saat dinilai"
    page.click("button:text-is('Finalkan')")
    expect(page.locator("text=Evaluasi AKIP final dan terkunci")).to_be_visible()
    ev.refresh_from_db()
    assert ev.final and ev.nilai is not None and ev.predikat
    nilai = format_angka(ev.nilai, 2)
    assert page.locator("#nilai-akhir").inner_text() == nilai
    assert page.locator("#predikat").inner_text() == ev.predikat
    assert page.locator("tr[id^=rekomendasi-]", has_text="Tetapkan Renstra").count() == 1
    # the answers are locked now
    assert page.locator("select[name='evaluator-1.a.3']").count() == 0
    shot(page, "evaluasi-final")

    # 3. the LHE, downloaded as the Inspektorat would
    href = page.locator("a:text-is('PDF')").get_attribute("href")
    resp = page.request.get(base + href)  # the link, with the Inspektorat's session
    assert resp.status == 200 and resp.headers["content-type"] == "application/pdf"
    data = resp.body()
    assert data[:5] == b"%PDF-"
    teks = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    teks = " ".join(teks.split())
    assert nilai in teks and "700/12/LHE/2025" in teks
    assert "Tetapkan Renstra dengan Peraturan Bupati" in teks

    # 4. the Pemda dashboard shows the score and links to the evaluation
    page.goto(f"{base}/pemda/kabupaten-klungkung/{TAHUN}/")
    sel = page.locator("tr", has_text="Dinas Ketenagakerjaan").first
    assert f"{nilai} · {ev.predikat}" in sel.inner_text()
    shot(page, "dasbor-pemda-evaluasi")
    page.click("text=rekap evaluasi AKIP")
    assert nilai in page.locator("tr", has_text="Dinas Ketenagakerjaan").first.inner_text()
    shot(page, "evaluasi-pemda")

    # 5. the public sees the final score only
    page.context.clear_cookies()
    page.goto(f"{base}/opd/{OPD}/{TAHUN}/evaluasi/")
    assert nilai in page.content() and "evaluator-1.a.3" not in page.content()
