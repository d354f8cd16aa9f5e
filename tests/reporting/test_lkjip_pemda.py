"""The Pemda LKjIP as PermenPAN-RB 53/2014 lays it out, from the Denpasar seed: every chapter with
figures computed from data; the Admin Pemda writes the narrative, the Inspektorat signs the
Pernyataan Telah Direviu, the Admin Pemda adopts it — then it carries its date, no DRAF, and is
published; nobody else writes it and nothing is half-written."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from sakip.akses import AksesDitolak
from sakip.documents.pemda import bangun_lkjip_pemda
from sakip.documents.render_html import render_html
from sakip.organisations.models import Peran
from sakip.publikasi.models import Terbitan
from sakip.reporting import lkjip_pemda as layanan
from sakip.reporting.models import NarasiPemda
from sakip.review.alur_pemda import ALUR_LKJIP_PEMDA, tandatangani_reviu
from sakip.review.pernyataan import IsianPernyataan, PernyataanError
from sakip.workflow.alur import AlurError
from sakip.workflow.services import jalankan
from tests.conftest import pengguna

pytestmark = pytest.mark.django_db


@pytest.fixture
def pemda(rpjmd_denpasar):
    for nama, peran in (
        ("admin", Peran.ADMIN_PEMDA),
        ("insp", Peran.INSPEKTORAT),
        ("op", Peran.OPERATOR_OPD),
    ):
        pengguna(nama, peran, rpjmd_denpasar)
    return rpjmd_denpasar.pemda


def _u(nama):
    return User.objects.get(username=nama)


def _teks(doc) -> str:
    return render_html(doc)


def test_every_chapter_is_built_from_data(pemda):
    doc = bangun_lkjip_pemda(pemda, 2022)
    judul = [b.judul for b in doc.bagian]
    assert judul[:2] == ["KATA PENGANTAR", "IKHTISAR EKSEKUTIF"]
    sub = {s.judul for b in doc.bagian for s in b.anak}
    assert {
        "Gambaran Umum",
        "Isu Strategis",
        "Sistematika",
        "Efisiensi Penggunaan Sumber Daya",
    } <= sub
    html = _teks(doc)
    # budget of the programmes serving the RPJMD sasaran, summed from sub kegiatan (not copied)
    assert "Rp2.653.931.750" in html and "Rp2.583.575.055" in html and "97,35%" in html
    # per sasaran: two years before, this year, the RPJMD end target and the capaian against it
    assert "Realisasi 2020" in html and "Target akhir RPJMD (2026)" in html
    # efficiency per sasaran: capaian rata-rata ÷ serapan
    assert "indeks efisiensi 0,83, tidak efisien" in html
    assert "Realisasi Anggaran per Sasaran RPJMD Tahun 2022" in html
    # undated until adopted, automatic text marked DRAF
    assert "Denpasar, .................... 2023" in html and doc.ada_draf


def test_narrative_is_the_admin_pemdas_and_one_transaction(pemda):
    admin, op, insp = _u("admin"), _u("op"), _u("insp")
    for siapa in (op, insp):
        with pytest.raises(AksesDitolak):
            layanan.simpan_narasi_pemda(siapa, pemda, 2022, {"kata_pengantar": "x"})
    with pytest.raises(layanan.NarasiPemdaError) as e:
        layanan.simpan_narasi_pemda(
            admin,
            pemda,
            2022,
            {"kata_pengantar": "Puji syukur.", "bab_v": "x", "saran": "y" * 20001},
        )
    assert e.value.galat == {
        "bab_v": "Bagian 'bab_v' tidak dikenal untuk LKjIP Pemda 2022.",
        "saran": "Langkah Perbaikan ke Depan (Bab IV): paling banyak 20.000 karakter "
        "(tertulis 20.001).",
    }
    assert not NarasiPemda.objects.exists()
    n = layanan.simpan_narasi_pemda(
        admin,
        pemda,
        2022,
        {"kata_pengantar": "Puji syukur.\n\nTerima kasih.", "analisis:S-TK": "Pelatihan tertunda."},
    )
    assert n == 2
    html = _teks(bangun_lkjip_pemda(pemda, 2022))
    assert "Puji syukur." in html and "Pelatihan tertunda." in html
    assert "Analisis Sasaran S-TK" not in ", ".join(layanan.belum_disunting(pemda, 2022))


def test_flow_reviu_statement_then_adoption_dated_without_draf_and_published(pemda):
    admin, insp, op = _u("admin"), _u("insp"), _u("op")
    obj = layanan.status_lkjip_pemda(pemda, 2022)
    with pytest.raises(AlurError):
        jalankan(ALUR_LKJIP_PEMDA, op, obj, "ajukan")
    obj = jalankan(ALUR_LKJIP_PEMDA, admin, obj, "ajukan")
    # locked while under reviu
    with pytest.raises(layanan.NarasiPemdaError, match="terkunci"):
        layanan.simpan_narasi_pemda(admin, pemda, 2022, {"saran": "x"})
    with pytest.raises(AlurError, match="Pernyataan Telah Direviu belum ditandatangani"):
        jalankan(ALUR_LKJIP_PEMDA, admin, obj, "setujui")
    with pytest.raises(AksesDitolak):
        tandatangani_reviu(admin, obj, IsianPernyataan("2023-02-01", "X"))
    # the same checks as the OPD statement: name, 18-digit NIP, a date after the year and not ahead
    with pytest.raises(PernyataanError) as e:
        tandatangani_reviu(insp, obj, IsianPernyataan("2022-05-01", "", nip="1234"))
    assert set(e.value.galat) == {"nama", "tanggal", "nip"}
    besok = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(PernyataanError) as e:
        tandatangani_reviu(insp, obj, IsianPernyataan(besok, "I Made Contoh"))
    assert e.value.galat == {"tanggal": "Tanggal pernyataan tidak boleh sesudah hari ini."}
    obj.refresh_from_db()
    assert not obj.direviu  # nothing half-saved
    tandatangani_reviu(
        insp,
        obj,
        IsianPernyataan(
            "2023-02-20", "I Made Contoh", pangkat="Pembina Utama Muda", nip="196801011990031001"
        ),
    )
    obj.refresh_from_db()
    obj = jalankan(ALUR_LKJIP_PEMDA, admin, obj, "setujui")
    assert obj.tanggal is not None
    doc = bangun_lkjip_pemda(pemda, 2022)
    html = _teks(doc)
    assert not doc.ada_draf and 'class="draf"' not in html
    assert "Pernyataan Telah Direviu" in html and "I Made Contoh" in html
    assert f"Denpasar, {obj.tanggal.day}" in html
    assert Terbitan.objects.filter(
        pemda=pemda, jenis=Terbitan.Jenis.LKJIP_PEMDA, tahun=2022
    ).exists()


def test_page_of_the_pemda_lkjip(client, pemda):
    url = reverse("web:lkjip_pemda", args=[pemda.slug, 2022])
    client.force_login(_u("op"))
    assert client.get(url).status_code == 403  # the Pemda's page is not an OPD's
    client.force_login(_u("admin"))
    r = client.get(url)
    html = r.content.decode()
    assert r.status_code == 200 and "Ajukan untuk direviu" in html and "Simpan narasi" in html
    r = client.post(url, {"kata_pengantar": "Puji syukur.", "saran": "y" * 20001})
    assert "paling banyak 20.000 karakter" in r.content.decode()
    assert not NarasiPemda.objects.exists()
    r = client.post(url, {"kata_pengantar": "Puji syukur."}, follow=True)
    assert any("1 bagian narasi disimpan" in str(m) for m in r.context["messages"])
    client.post(reverse("web:lkjip_pemda_alur", args=[pemda.slug, 2022, "ajukan"]))
    client.force_login(_u("insp"))
    r = client.post(
        reverse("web:lkjip_pemda_reviu", args=[pemda.slug, 2022]),
        {"reviu_nama": "I Made Contoh", "reviu_tanggal": "20-02-2023"},
        follow=True,
    )
    assert [str(m) for m in r.context["messages"]][-1:] == [
        "Tanggal pernyataan wajib diisi (tttt-bb-hh)."
    ]
    r = client.post(
        reverse("web:lkjip_pemda_reviu", args=[pemda.slug, 2022]),
        {"reviu_nama": "I Made Contoh", "reviu_tanggal": "2023-02-20"},
        follow=True,
    )
    assert "Ditandatangani I Made Contoh" in r.content.decode()


def test_a_regional_series_of_an_iku_daerah_is_compared(pemda):
    """Bab III compares with other regions where a series exists (53/2014: national/provincial)."""
    from decimal import Decimal

    from sakip.measurement.models import NilaiSeri, SeriData
    from sakip.planning.models import Indikator

    ind = Indikator.objects.filter(opd__pemda=pemda, indikator_rpjmd__isnull=False).first()
    seri = SeriData.objects.create(
        opd=ind.opd,
        kode="tpt-bali",
        nama="Tingkat Pengangguran Terbuka se-Bali",
        satuan="%",
        sumber="BPS Provinsi Bali",
        indikator=ind,
    )
    for i, (wilayah, nilai, agregat) in enumerate(
        [("", "5.20", False), ("Kabupaten Badung", "4.10", False), ("Provinsi Bali", "4.80", True)]
    ):
        NilaiSeri.objects.create(
            seri=seri, wilayah=wilayah, tahun=2022, nilai=Decimal(nilai), agregat=agregat, urutan=i
        )
    NilaiSeri.objects.create(seri=seri, wilayah="Provinsi Bali", tahun=2021, nilai=Decimal("5.5"))
    html = _teks(bangun_lkjip_pemda(pemda, 2022))
    assert "Perbandingan Tingkat Pengangguran Terbuka se-Bali Tahun 2022" in html
    tabel = html[html.rindex("Perbandingan Tingkat Pengangguran Terbuka se-Bali") :]
    tabel = tabel[: tabel.index("</table>")]
    assert '<tr class="tebal"><td>Provinsi Bali</td><td class="kanan">4,8</td></tr>' in tabel
    assert "<td>Kota Denpasar</td>" in tabel and "Kabupaten Badung" in tabel
    assert "5,5" not in tabel  # another year's figure is not this year's comparison
