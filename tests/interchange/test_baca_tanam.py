"""Planted errors: sakip's own LKjIP of a seed, rendered to HTML, with a few printed figures
changed by hand, rendered to PDF → `sakip reviu` on the PDF finds exactly those changes (a
finding at each changed place, by the rule that checks it) and nothing else."""

import json
import re

import pytest
from django.core.management import call_command

from sakip.documents.services import buat_dokumen

pytestmark = pytest.mark.django_db

# (what is printed, what it is changed to, the rule that must find it, where: table or chapter)
TANAM = [
    # Tabel 3.1: the capaian of TPAK (data: 79,88 of 79 = 101,11%)
    (
        '<td class="kanan">79</td><td class="kanan">79,88</td><td class="kanan">101,11%</td>',
        '<td class="kanan">79</td><td class="kanan">79,88</td><td class="kanan">111,11%</td>',
        "CAP-01",
        "Tabel 3.1 ",
    ),
    # Tabel 3.13: the pagu of a program no longer the sum of its rows
    (
        "<td>2.07.01</td><td>Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota</td>"
        '<td class="kanan">4.434.058.809</td>',
        "<td>2.07.01</td><td>Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota</td>"
        '<td class="kanan">4.434.158.809</td>',
        "ANG-01",
        "Tabel 3.13 ",
    ),
    # Tabel 3.12: an efficiency index that is not output ÷ input of its row
    (
        '<td class="kanan">90,00%</td><td class="kanan">43,24%</td><td class="kanan">2,08</td>',
        '<td class="kanan">90,00%</td><td class="kanan">43,24%</td><td class="kanan">3,08</td>',
        "EFI-01",
        "Tabel 3.12 ",
    ),
    # Bab III: a sentence quoting the serapan of the whole OPD
    (
        "dari pagu Rp6.253.600.939 (91,73%)",
        "dari pagu Rp6.253.600.939 (93,73%)",
        "ANG-02",
        "Bab III",
    ),
    # Ikhtisar: a sentence counting the kegiatan
    (
        "dilaksanakan 5 program dan 13 kegiatan",
        "dilaksanakan 5 program dan 12 kegiatan",
        "HIT-01",
        "Ikhtisar",
    ),
]


def _reviu(tmp_path, html: str, nama: str) -> set[tuple]:
    from weasyprint import HTML

    pdf = tmp_path / nama
    pdf.write_bytes(HTML(string=html, base_url=".").write_pdf())
    out = tmp_path / f"{nama}.json"
    call_command("reviu", str(pdf), "--format", "json", "--output", str(out))
    data = json.loads(out.read_text())
    assert data["opd"] == "Dinas Ketenagakerjaan Kabupaten Klungkung"
    return {(t["aturan"], t["lokasi"], t["objek"], t["tercetak"]) for t in data["temuan"]}


def test_reviu_of_a_pdf_finds_exactly_the_planted_errors(klungkung, tmp_path):
    html = buat_dokumen("lkjip", klungkung, 2024, "html").isi.decode()
    asli = _reviu(tmp_path, html, "asli.pdf")
    # sakip's own report is computed from its data: no critical finding when it is read back
    # sakip's own report is computed from its data: read back, no printed figure is wrong; what
    # remains is what the data itself carries (the seed's Renstra end condition, realisasi
    # without evidence, an indicator without realisasi), none of it at a printed place
    assert {(t[0], t[1]) for t in asli} == {
        ("DAT-01", "pengukuran kinerja"),
        ("DAT-02", "data realisasi"),
        ("REN-01", "Renstra"),
        ("REN-02", "Renstra"),
    }
    ubah = html
    for lama, baru, _, _ in TANAM:
        assert ubah.count(lama) >= 1, lama
        ubah = ubah.replace(lama, baru, 1)
    baru_temuan = _reviu(tmp_path, ubah, "tanam.pdf") - asli
    # each planted change is found by its rule, at its place (table row, or chapter and page)
    tempat = set()
    for _, baru, aturan, awal in TANAM:
        angka = re.findall(r"\d[\d.,]*%?", re.sub(r"<[^>]+>", " ", baru))[-1].rstrip("%")
        kena = [
            t for t in baru_temuan if t[0] == aturan and t[1].startswith(awal) and angka in t[3]
        ]
        assert len(kena) == 1, (aturan, awal, angka, sorted(baru_temuan))
        tempat.add(kena[0][1])
    assert len(tempat) == len(TANAM)
    # and nothing else: every other new finding stands at one of those places (the same row's
    # own percentage, the same figure quoted differently elsewhere), none anywhere else
    lain = [t for t in baru_temuan if not any(x in t[1] for x in tempat)]
    assert lain == []
    assert {t[0] for t in baru_temuan} == {
        "CAP-01",
        "ANG-01",
        "ANG-02",
        "EFI-01",
        "EFI-02",
        "HIT-01",
        "KON-01",
    }
