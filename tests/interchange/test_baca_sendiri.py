"""The invariant of issue 31: any LKjIP sakip itself generates, printed to PDF and read back, yields no
finding about a printed figure — for every demo OPD-year. What may remain is what the data itself
carries (an indicator without realisasi, realisasi without evidence, the Renstra's own end values),
never at a printed place."""

import json

import pytest
from django.core.management import call_command

from sakip.documents.services import buat_dokumen
from sakip.organisations.models import PerangkatDaerah
from tests.demo_cepat import muat_demo

pytestmark = pytest.mark.django_db

TEMPAT_DATA = {"pengukuran kinerja", "data realisasi", "Renstra"}


@pytest.mark.parametrize(
    "slug,tahun",
    [
        ("disnaker-denpasar", 2022),
        ("disnaker-klungkung", 2024),
        ("disnaker-contoh", 2025),
        ("bappeda-contoh", 2025),
        ("kecamatan-contoh-utara", 2025),
    ],
)
def test_sakips_own_lkjip_read_back_has_no_finding_at_a_printed_place(slug, tahun, tmp_path):
    from weasyprint import HTML

    muat_demo()
    opd = PerangkatDaerah.objects.get(slug=slug)
    html = buat_dokumen("lkjip", opd, tahun, "html").isi.decode()
    pdf = tmp_path / f"{slug}.pdf"
    pdf.write_bytes(HTML(string=html, base_url=".").write_pdf())
    out = tmp_path / "temuan.json"
    call_command("reviu", str(pdf), "--format", "json", "--output", str(out))
    data = json.loads(out.read_text())
    tercetak = [
        f"{t['aturan']} {t['lokasi']}: {t['objek']} {t['tercetak']} ≠ {t['dihitung']}"
        for t in data["temuan"]
        if t["lokasi"] not in TEMPAT_DATA
    ]
    assert tercetak == []
