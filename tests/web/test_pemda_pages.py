"""Halaman RPJMD dan pohon kinerja: Admin Pemda menyusun RPJMD dan menautkan OPD lewat halaman,
pesan galat menyebut isiannya, peran lain membaca saja."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from sakip.organisations.models import Keanggotaan, Peran
from sakip.planning.models import Sasaran
from sakip.rpjmd.models import RPJMD

URL = "/pemda/kabupaten-klungkung/2024/rpjmd/"


def _login(client, pemda, peran, opd=None, name="u"):
    u = get_user_model().objects.create_user(name, password="x")
    Keanggotaan.objects.create(user=u, peran=peran, pemda=pemda, opd=opd)
    client.login(username=name, password="x")
    return u


@pytest.mark.django_db
def test_admin_pemda_builds_an_rpjmd_in_the_page(client, klungkung):
    _login(client, klungkung.pemda, Peran.ADMIN_PEMDA)
    page = client.get(URL).content.decode()
    assert "Belum ada RPJMD yang mencakup tahun 2024" in page and "Buat RPJMD" in page
    r = client.post(URL + "buat/", {"tahun_awal": "2024", "tahun_akhir": "2023", "visi": ""})
    page = client.get(r["Location"]).content.decode()
    assert "Tahun akhir lebih kecil dari tahun awal" in page and "Visi wajib diisi" in page
    assert not RPJMD.objects.exists()
    client.post(
        URL + "buat/",
        {"jenis": "rpd", "tahun_awal": "2024", "tahun_akhir": "2026", "visi": "Klungkung Unggul"},
    )
    rp = RPJMD.objects.get()
    client.post(
        URL + "tujuan/", {"kode": "T1", "uraian": "Meningkatnya partisipasi angkatan kerja"}
    )
    t = rp.tujuan.get()
    client.post(
        URL + "sasaran/", {"tujuan": t.pk, "kode": "S1", "uraian": "Menurunnya angka pengangguran"}
    )
    s = t.sasaran.get()
    client.post(
        URL + "indikator/",
        {
            "sasaran": s.pk,
            "kode": "TPAK",
            "nama": "Tingkat Partisipasi Angkatan Kerja",
            "satuan": "%",
            "target_2024": "79",
            "target_2025": "79,01",
        },
    )
    ind = rp.indikator.get()
    client.post(
        URL + "realisasi/",
        {"indikator": ind.pk, "tahun": "2024", "nilai": "77,23", "sumber": "BPS"},
    )
    s1 = Sasaran.objects.get(tujuan__renstra__opd=klungkung, kode="S1")
    client.post(URL + "tautkan/", {"jenis": "sasaran", "objek": s1.pk, "ke": s.pk})
    s1.refresh_from_db()
    assert s1.sasaran_rpjmd == s
    page = client.get(URL).content.decode()
    assert "77,23" in page and "97,76%" in page  # 77,23 / 79
    assert "Dinas Ketenagakerjaan Kabupaten Klungkung" in page
    # S2 is not linked: the alignment finding says so
    assert "SEL-01" in page and "Meningkatnya Harmonisasi Hubungan Industrial" in page
    r = client.get("/pemda/kabupaten-klungkung/2024/dokumen/lkjip-pemda.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_an_opd_role_reads_the_rpjmd_but_has_no_forms(client, rpd_klungkung):
    _login(client, rpd_klungkung.pemda, Peran.OPERATOR_OPD, rpd_klungkung)
    page = client.get(URL).content.decode()
    assert "Menurunnya angka pengangguran" in page
    assert "Tambah tujuan" not in page and "Tautkan" not in page
    assert client.post(URL + "tujuan/", {"kode": "T9", "uraian": "x"}).status_code == 403


@pytest.mark.django_db
def test_tree_pages_show_positions_and_colours(client, rpjmd_denpasar):
    _login(client, rpjmd_denpasar.pemda, Peran.KEPALA_OPD, rpjmd_denpasar)
    page = client.get("/opd/disnaker-denpasar/2022/pohon/").content.decode()
    assert "Mendukung sasaran RPJMD" in page and "S-TK" in page
    assert "Kepala Bidang Perluasan Kesempatan Kerja" in page
    assert 'class="predikat" style="background:#' in page
    page = client.get("/pemda/kota-denpasar/2022/pohon/").content.decode()
    assert "KOTA KREATIF BERBASIS BUDAYA MENUJU DENPASAR MAJU" in page


@pytest.mark.django_db
def test_lkjip_pemda_without_rpjmd_is_a_clear_404(client, denpasar):
    _login(client, denpasar.pemda, Peran.ADMIN_PEMDA)
    r = client.get("/pemda/kota-denpasar/2022/dokumen/lkjip-pemda.pdf")
    assert r.status_code == 404


@pytest.mark.django_db
def test_pejabat_sees_only_its_branch_on_the_realisasi_page(client, rpjmd_denpasar):
    from sakip.organisations.models import Jabatan

    kabid = Jabatan.objects.get(opd=rpjmd_denpasar, kode="kabid-perluasan")
    u = get_user_model().objects.create_user("kabid", password="x")
    Keanggotaan.objects.create(
        user=u, peran=Peran.PEJABAT, pemda=rpjmd_denpasar.pemda, opd=rpjmd_denpasar, jabatan=kabid
    )
    client.login(username="kabid", password="x")
    page = client.get("/opd/disnaker-denpasar/2022/realisasi/tw1/").content.decode()
    assert "Jumlah buku berita pasar kerja" in page  # 2.07.04.2.01.02, his programme
    assert "Leaflet informasi ketenagakerjaan" in page  # his subordinate's sub kegiatan
    assert "Jumlah LPKS yang mengikuti kegiatan" not in page  # another Kepala Bidang's
    assert "Besaran Pencari Kerja yang Terdaftar Yang Ditempatkan" not in page  # the head's


@pytest.mark.django_db
def test_pejabat_fills_its_own_branch_and_cannot_touch_another(client, rpjmd_denpasar):
    from sakip.measurement import entry
    from sakip.measurement.models import Realisasi
    from sakip.organisations.models import Jabatan
    from sakip.planning.models import Indikator

    kabid = Jabatan.objects.get(opd=rpjmd_denpasar, kode="kabid-perluasan")
    u = get_user_model().objects.create_user("kabid", password="x")
    Keanggotaan.objects.create(
        user=u, peran=Peran.PEJABAT, pemda=rpjmd_denpasar.pemda, opd=rpjmd_denpasar, jabatan=kabid
    )
    client.login(username="kabid", password="x")
    mine = Indikator.objects.get(opd=rpjmd_denpasar, nama__startswith="Leaflet informasi")
    other = Indikator.objects.get(opd=rpjmd_denpasar, nama__startswith="Jumlah LPKS yang mengikuti")
    url = "/opd/disnaker-denpasar/2022/realisasi/tw2/"
    r = client.post(url, {f"n-{mine.pk}": "180", f"n-{other.pk}": "99"})
    assert r.status_code == 302
    assert Realisasi.objects.get(indikator=mine, tahun=2022, periode="tw2").nilai == 180
    # the other branch's field was not on his form and is not read
    assert not Realisasi.objects.filter(indikator=other, periode="tw2").exists()
    # the service refuses it outright, naming the indicator, and writes nothing
    isian = entry.baca_isian(
        [mine, other],
        [
            entry.IsianRealisasi(mine.pk, nilai=Decimal("181")),
            entry.IsianRealisasi(other.pk, nilai=Decimal("99")),
        ],
    )
    with pytest.raises(entry.IsianError) as e:
        entry.simpan_triwulan(u, rpjmd_denpasar, 2022, 2, isian)
    assert "bukan tanggung jawab jabatan Anda" in e.value.galat["umum"]
    assert "Jumlah LPKS yang mengikuti" in e.value.galat["umum"]
    assert Realisasi.objects.get(indikator=mine, tahun=2022, periode="tw2").nilai == 180


@pytest.mark.django_db
def test_tree_lists_only_what_is_not_linked_below_the_rpjmd(client, rpjmd_denpasar):
    _login(client, rpjmd_denpasar.pemda, Peran.ADMIN_PEMDA)
    page = client.get("/pemda/kota-denpasar/2022/pohon/").content.decode()
    assert "Belum ditautkan ke RPJMD" not in page
    from sakip.planning.models import Tujuan

    Tujuan.objects.filter(renstra__opd=rpjmd_denpasar).update(sasaran_rpjmd=None)
    page = client.get("/pemda/kota-denpasar/2022/pohon/").content.decode()
    assert page.count("Belum ditautkan ke RPJMD") == 1


@pytest.mark.django_db
def test_pemda_dashboard_shows_rpjmd_indicators_beside_the_ranking(client, rpjmd_denpasar):
    _login(client, rpjmd_denpasar.pemda, Peran.INSPEKTORAT)
    page = client.get("/pemda/kota-denpasar/2022/").content.decode()
    assert "Indikator Kinerja Utama Pemda" in page and "Peringkat Perangkat Daerah" in page
    assert "Tingkat Pengangguran Terbuka" in page and "176,98%" in page


@pytest.mark.django_db
def test_garbage_posts_never_break_the_rpjmd_page(client, rpjmd_denpasar):
    """Every aksi with nonsense or missing fields: a clear Indonesian message, never a 500."""
    _login(client, rpjmd_denpasar.pemda, Peran.ADMIN_PEMDA)
    base = "/pemda/kota-denpasar/2022/rpjmd/"
    sampah = {
        "kode": "\u200b",
        "uraian": "x" * 5000,
        "tujuan": "abc",
        "sasaran": "-1",
        "indikator": "1e9",
        "misi": "ke-2",
        "tahun": "dua ribu",
        "nilai": "NaN",
        "sumber": "",
        "jenis": "bukan",
        "objek": "'; DROP TABLE x;--",
        "ke": "9" * 30,
        "alasan": "",
        "tahun_awal": "99999",
        "tahun_akhir": "",
        "target_2022": "∞",
    }
    for aksi in (
        "buat",
        "tujuan",
        "sasaran",
        "indikator",
        "realisasi",
        "tautkan",
        "perubahan",
        "x",
    ):
        for data in (sampah, {}):
            r = client.post(base + f"{aksi}/", data)
            assert r.status_code in (302, 404), (aksi, r.status_code)
    page = client.get(base).content.decode()
    assert "RPJMD Kota Denpasar 2021–2026" in page
    assert RPJMD.objects.count() == 1


@pytest.mark.django_db
def test_a_refused_rpjmd_form_keeps_what_was_typed_and_marks_only_its_fields(
    client, rpjmd_denpasar
):
    """Issue 28: galat satu formulir tidak mengosongkan isiannya dan tidak tampil di formulir lain."""
    import re

    _login(client, rpjmd_denpasar.pemda, Peran.ADMIN_PEMDA)
    base = "/pemda/kota-denpasar/2022/rpjmd/"
    rp = RPJMD.objects.get(pemda=rpjmd_denpasar.pemda)
    sasaran = rp.tujuan.first().sasaran.first()
    resp = client.post(
        base + "indikator/",
        {
            "sasaran": sasaran.pk,
            "kode": "IKD-9",
            "nama": "Indeks kepuasan pencari kerja",
            "satuan": "indeks",
            "polaritas": "turun",
            "kondisi_awal": "71,5",
            "target_2022": "tujuh puluh",
            "target_2023": "73",
        },
        follow=True,
    )
    html = resp.content.decode()
    form = re.search(r'<form[^>]*id="form-indikator".*?</form>', html, re.S).group(0)
    assert 'value="Indeks kepuasan pencari kerja"' in form and 'value="71,5"' in form
    assert 'value="tujuh puluh"' in form and 'value="73"' in form
    assert "Target 2022: &#x27;tujuh puluh&#x27; bukan angka" in form
    assert '<option value="turun" selected>' in form
    tujuan = re.search(r'<form[^>]*id="form-tujuan".*?</form>', html, re.S).group(0)
    assert "galat-medan" not in tujuan and "bukan angka" not in tujuan
    assert not rp.indikator.filter(kode="IKD-9").exists()


@pytest.mark.django_db
def test_one_breadcrumb_trail_and_a_plain_title(admin_client, rpjmd_denpasar):
    import re

    for url in (
        "/pemda/kota-denpasar/2022/rpjmd/",
        "/pemda/kota-denpasar/2022/rpjmd/excel/",
        "/pemda/kota-denpasar/2022/pohon/",
        "/opd/disnaker-denpasar/2022/pohon/",
        "/opd/disnaker-denpasar/2022/jabatan/",
    ):
        html = admin_client.get(url).content.decode()
        assert html.count("Beranda</a> ›") == 1, url
        (judul,) = re.findall(r"<title>(.*?)</title>", html, re.S)
        assert "<" not in judul, url
