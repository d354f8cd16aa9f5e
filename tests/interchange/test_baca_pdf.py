"""PDF dibaca beberapa proses anak sekaligus (halaman berselang) dengan hasil yang persis sama
dengan satu proses: baris, tabel, judul, tabel bersambung antarhalaman, nomor halaman."""

import pytest
from weasyprint import HTML

from sakip.documents.services import buat_dokumen
from sakip.interchange.baca import naskah, pdf

# membaca PDF tidak menyentuh basis data (datanya hanya untuk membuat PDF-nya): sekali per CI
pytestmark = [pytest.mark.django_db, pytest.mark.sekali]


def _sama(a, b):
    assert a.halaman == b.halaman
    assert [(x.teks, x.halaman) for x in a.baris] == [(x.teks, x.halaman) for x in b.baris]
    assert [(t.sel, t.nomor, t.judul, t.halaman) for t in a.tabel] == [
        (t.sel, t.nomor, t.judul, t.halaman) for t in b.tabel
    ]


def test_parallel_reading_equals_one_process(klungkung, monkeypatch):
    data = HTML(string=buat_dokumen("lkjip", klungkung, 2024, "html").isi.decode()).write_pdf()
    satu = pdf.baca_pdf(data, "lkjip.pdf")
    assert satu.halaman > 20 and len(satu.tabel) > 10
    assert any(t.nomor for t in satu.tabel)
    for n in (2, 3):
        monkeypatch.setattr(pdf, "PROSES", n)
        monkeypatch.setattr(pdf, "BITA_PARALEL", 0)
        _sama(satu, naskah.baca_naskah(data, "lkjip.pdf"))
    # berkas rusak: pesan yang sama dari setiap jalan
    rusak = data[:2000]
    with pytest.raises(naskah.BacaError, match="rusak") as paralel:
        naskah.baca_naskah(rusak, "rusak.pdf")
    with pytest.raises(naskah.BacaError) as tunggal:
        pdf.baca_pdf(rusak, "rusak.pdf")
    assert str(paralel.value) == str(tunggal.value)
