"""Evaluation pages through the test client: every bad input gets an Indonesian message naming the
criterion or field, and nothing of that action is written; the public sees final scores only."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip.audit.models import JejakAudit
from sakip.evaluation import services
from sakip.evaluation.alur import ALUR_EVALUASI
from sakip.evaluation.models import BuktiKriteria, Evaluasi, JawabanKriteria, TemplatLKE
from sakip.organisations.models import Peran
from sakip.workflow.services import jalankan
from tests.conftest import pengguna

pytestmark = pytest.mark.django_db
TAHUN = 2024


@pytest.fixture
def ev(klungkung):
    op = pengguna("op", Peran.OPERATOR_OPD, klungkung)
    pengguna("insp", Peran.INSPEKTORAT, klungkung)
    pengguna("admin", Peran.ADMIN_PEMDA, klungkung)
    return services.mulai_evaluasi(klungkung, TAHUN, op)


def _klien(client, nama):
    client.force_login(User.objects.get(username=nama))
    return client


def _url(nama, ev, **kw):
    return reverse(f"web:{nama}", kwargs={"slug": ev.opd.slug, "tahun": ev.tahun, **kw})


def _pesan(resp) -> list[str]:
    return [str(m) for m in resp.context["messages"]]


def _jawab_semua(ev):
    """The evaluator answers every criterion sakip could not (Y, or C on the A–E scale)."""
    templat = ev.templat.templat
    pilihan = {kr.kode: templat.pilihan(kr) for _, _, kr in templat.semua_kriteria()}
    for j in ev.jawaban.filter(otomatis=""):
        j.evaluator = "Y" if "Y" in pilihan[j.kriteria] else "C"
        j.save()


def jalankan_ajukan(ev):
    jalankan(ALUR_EVALUASI, User.objects.get(username="op"), ev, "ajukan")
    ev.refresh_from_db()


def _jawab(ev, kode):
    return JawabanKriteria.objects.get(evaluasi=ev, kriteria=kode)


def test_invalid_answer_names_the_criterion_and_saves_nothing(client, ev):
    c = _klien(client, "op")
    resp = c.post(
        _url("evaluasi_simpan", ev),
        {"mandiri-1.a.1": "Y", "mandiri-1.b.1": "Z", "mandiri_catatan-1.a.2": "ada"},
        follow=True,
    )
    assert _pesan(resp) == [
        "kriteria 1.b.1: jawaban 'Z' tidak sah; pilihan: A, B, C, D, E",
    ]
    # one action, one transaction: the valid answer and the note are not half-written either
    assert (_jawab(ev, "1.a.1").mandiri, _jawab(ev, "1.a.2").mandiri_catatan) == ("", "")
    resp = c.post(_url("evaluasi_simpan", ev), {"mandiri-1.a.1": "Y"}, follow=True)
    assert _pesan(resp) == ["1 jawaban disimpan."]
    assert _jawab(ev, "1.a.1").mandiri == "Y"


def test_operator_cannot_write_the_evaluator_column(client, ev):
    c = _klien(client, "op")
    c.post(_url("evaluasi_simpan", ev), {"evaluator-1.a.1": "Y"})
    assert _jawab(ev, "1.a.1").evaluator == ""


def test_override_needs_a_reason_and_bad_lhe_date_is_named(client, ev):
    jalankan_ajukan(ev)
    c = _klien(client, "insp")
    url = _url("evaluasi_simpan", ev)
    assert _jawab(ev, "1.a.3").otomatis == "Y"
    resp = c.post(url, {"evaluator-1.a.3": "T"}, follow=True)
    assert _pesan(resp) == [
        "kriteria 1.a.3: jawaban evaluator T berbeda dari usulan otomatis Y; tuliskan alasannya"
    ]
    assert _jawab(ev, "1.a.3").evaluator == ""
    resp = c.post(
        url,
        {"evaluator-1.a.3": "T", "alasan_ubah-1.a.3": "Renstra belum ditetapkan", "ringkasan": "x"},
        follow=True,
    )
    assert _pesan(resp) == ["1 jawaban disimpan."]
    # the override is in the OPD's audit trail: who, what, old → new, with the action's name
    jejak = JejakAudit.objects.get(model="evaluation.JawabanKriteria", aksi="ubah")
    assert (jejak.user.username, jejak.opd_id, jejak.keterangan) == (
        "insp",
        ev.opd_id,
        "Evaluasi AKIP: jawaban disimpan",
    )
    assert jejak.perubahan == {
        "evaluator": ["", "T"],
        "alasan_ubah": ["", "Renstra belum ditetapkan"],
    }
    resp = c.post(url, {"nomor_lhe": "1/LHE", "tanggal_lhe": "31-02-2025"}, follow=True)
    assert _pesan(resp) == ["Tanggal LHE: '31-02-2025' bukan tanggal (TTTT-BB-HH)"]
    ev.refresh_from_db()
    assert (ev.nomor_lhe, ev.ringkasan) == ("", "x")


def test_finalising_with_unanswered_criteria_lists_them(client, ev):
    jalankan_ajukan(ev)
    c = _klien(client, "insp")
    resp = c.post(_url("evaluasi_alur", ev, aksi="setujui"), follow=True)
    (pesan,) = _pesan(resp)
    belum = services.hasil(ev).belum_dijawab
    assert pesan.startswith(f"Evaluasi belum dapat difinalkan: {len(belum)} kriteria belum dijawab")
    assert ", ".join(belum[:8]) in pesan
    ev.refresh_from_db()
    assert not ev.final and ev.nilai is None


def test_evidence_that_is_not_what_it_claims_is_refused(client, ev):
    c = _klien(client, "op")
    url = _url("evaluasi_bukti", ev)
    palsu = SimpleUploadedFile("renstra.pdf", b"ini teks biasa, bukan PDF", "application/pdf")
    resp = c.post(url, {"kriteria": "1.a.3", "berkas": palsu}, follow=True)
    (pesan,) = _pesan(resp)
    assert pesan.startswith("Berkas bukti: ")
    resp = c.post(url, {"kriteria": "1.a.3", "tautan": "ftp://x"}, follow=True)
    assert _pesan(resp) == ["Tautan bukti: Tautan harus diawali http:// atau https://"]
    resp = c.post(url, {"kriteria": "1.a.3"}, follow=True)
    assert _pesan(resp) == ["Pilih berkas atau isi tautan bukti."]
    assert not BuktiKriteria.objects.exists()
    assert c.post(url, {"kriteria": "9.z.9", "tautan": "https://x"}).status_code == 404
    from tests.berkas_contoh import pdf_kecil

    pdf = SimpleUploadedFile("renstra.pdf", pdf_kecil())
    resp = c.post(url, {"kriteria": "1.a.3", "berkas": pdf}, follow=True)
    assert _pesan(resp) == ["Bukti kriteria 1.a.3 ditambahkan."]
    assert BuktiKriteria.objects.get().jenis == "pdf"


def test_worksheet_upload_bad_files_are_named(client, ev):
    c = _klien(client, "op")
    url = _url("evaluasi_unggah", ev)
    resp = c.post(url, {})
    assert resp.context["galat"] == ["Pilih berkas .xlsx yang akan diunggah."]
    resp = c.post(url, {"berkas": SimpleUploadedFile("lke.xlsx", b"bukan lembar kerja")})
    assert resp.context["galat"] and "xlsx" in " ".join(resp.context["galat"]).lower()
    # a real worksheet with text in an answer cell: the error names sheet, row and column
    wb = openpyxl.load_workbook(io.BytesIO(c.get(_url("evaluasi_xlsx", ev)).content))
    ws = wb["LKE"]
    baris = next(r for r in range(7, ws.max_row + 1) if ws.cell(r, 2).value == "1.b.1")
    kolom = next(k for k in range(1, ws.max_column + 1) if ws.cell(6, k).value == "Jawaban mandiri")
    ws.cell(baris, kolom).value = "sangat baik"
    buf = io.BytesIO()
    wb.save(buf)
    resp = c.post(url, {"berkas": SimpleUploadedFile("lke.xlsx", buf.getvalue())})
    (galat,) = resp.context["galat"]
    assert f"baris {baris}" in galat and "LKE" in galat and "1.b.1" in galat
    assert _jawab(ev, "1.b.1").mandiri == ""
    resp = c.post(url, {"konfirmasi": "1"}, follow=True)
    assert _pesan(resp) == ["Tidak ada pratinjau yang menunggu; unggah berkas lagi."]


def test_follow_up_errors_are_named_per_field(client, ev):
    _jawab_semua(ev)
    j = _jawab(ev, "1.a.1")
    j.rekomendasi = "Susun pedoman teknis"
    j.save()
    jalankan_ajukan(ev)
    jalankan(ALUR_EVALUASI, User.objects.get(username="insp"), ev, "setujui")
    rek = ev.rekomendasi_set.get()
    c = _klien(client, "op")
    url = _url("evaluasi_tindak_lanjut", ev, pk=rek.pk)
    resp = c.post(
        url,
        {
            "status": "selesai",
            "tindak_lanjut": "",
            "tautan_bukti": "x",
            "tanggal_tindak_lanjut": "k",
        },
        follow=True,
    )
    assert _pesan(resp) == [
        "Uraian tindak lanjut: Uraikan tindak lanjutnya.",
        "Tautan bukti: Tautan harus diawali http:// atau https://",
        "Tanggal tindak lanjut: 'k' bukan tanggal (TTTT-BB-HH)",
    ]
    rek.refresh_from_db()
    assert rek.status == "belum"
    # the Inspektorat does not write the OPD's follow-up
    assert _klien(client, "insp").post(url, {"status": "selesai"}).status_code == 403


def test_public_sees_only_a_final_score(client, ev):
    url = _url("evaluasi", ev)
    client.logout()
    assert client.get(url).status_code == 404
    _jawab_semua(ev)
    jalankan_ajukan(ev)
    jalankan(ALUR_EVALUASI, User.objects.get(username="insp"), ev, "setujui")
    ev.refresh_from_db()
    client.logout()
    resp = client.get(url)  # publik → portal publik (hasil yang terbit saat final)
    assert resp.status_code == 302 and resp["Location"].startswith("/publik/")
    resp = client.get(resp["Location"])
    html = resp.content.decode()
    assert resp.status_code == 200
    assert f"{ev.nilai:.2f}".replace(".", ",") in html and ev.predikat in html
    assert "evaluator-" not in html and "1.a.3" not in html
    # the LHE (notes per criterion) is not public, even for an OPD-year whose LKjIP is public
    resp = client.get(_url("unduh", ev, jenis="lhe", fmt="pdf"))
    assert resp.status_code == 302 and resp["Location"].startswith("/masuk/")


def test_unknown_action_and_template_errors(client, ev):
    c = _klien(client, "op")
    assert c.post(f"/opd/{ev.opd.slug}/{ev.tahun}/evaluasi/hapus/").status_code == 404
    assert c.post(_url("evaluasi_alur", ev, aksi="hapus")).status_code == 404
    c = _klien(client, "admin")
    url = reverse("web:evaluasi_templat", kwargs={"slug": ev.opd.pemda.slug})
    berkas = SimpleUploadedFile("lke.yaml", b"format: sakip/lke 1\nkomponen: [\n")
    resp = c.post(url, {"berkas": berkas, "catatan": "coba"})
    (galat,) = resp.context["galat"]
    assert "baris" in galat
    assert TemplatLKE.objects.filter(pemda=ev.opd.pemda).count() == 0
    assert Evaluasi.objects.count() == 1


def test_a_correction_without_a_reason_names_the_field_once(client, ev):
    _jawab_semua(ev)
    jalankan_ajukan(ev)
    jalankan(ALUR_EVALUASI, User.objects.get(username="insp"), ev, "setujui")
    c = _klien(client, "insp")
    resp = c.post(_url("evaluasi_versi", ev), {"alasan": "  "}, follow=True)
    assert _pesan(resp) == ["Alasan koreksi wajib diisi."]
    resp = c.post(_url("evaluasi_versi", ev), {"alasan": "Bukti 1.a.3 ditemukan"}, follow=True)
    assert _pesan(resp) == ["Versi 2 dibuat untuk koreksi."]


def test_a_capped_answer_is_shown_beside_itself(client, ev):
    """Issue 32: a logic rule of the template (no definisi operasional → relevance of data at most
    C) is shown next to the answer it caps, with the rule and its reason."""
    c = _klien(client, "op")
    c.post(_url("evaluasi_simpan", ev), {"mandiri-2.a.2": "T", "mandiri-2.b.2": "A"})
    html = c.get(_url("evaluasi", ev)).content.decode()
    assert (
        "Dijawab A, dinilai paling tinggi C (kerangka logis L4: kriteria 2.a.2 dijawab T)" in html
    )
    assert "Tanpa definisi operasional indikator" in html
    c.post(_url("evaluasi_simpan", ev), {"mandiri-2.a.2": "Y"})
    assert "dinilai paling tinggi" not in c.get(_url("evaluasi", ev)).content.decode()
