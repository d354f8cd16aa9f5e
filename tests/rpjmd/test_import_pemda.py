"""Berkas Pemda (sakip/pemda 1): kedua seed, validasi dengan letak masalah, semua-atau-tidak, ekspor."""

import pytest

from sakip.interchange.importer import import_file, read_document
from sakip.interchange.pemda_tulis import export_pemda_text
from sakip.interchange.schema import InvalidDocument
from sakip.organisations.models import Jabatan, Pemda
from sakip.paths import SEEDS_DIR
from sakip.planning.models import Program, Tujuan
from sakip.rpjmd.models import RPJMD


def test_denpasar_seed_links_its_renstra_to_the_rpjmd(rpjmd_denpasar):
    rp = RPJMD.objects.get(pemda__slug="kota-denpasar")
    assert (rp.tahun_awal, rp.tahun_akhir, len(rp.misi)) == (2021, 2026, 5)
    tpt = rp.indikator.get(kode="IKD-TPT")
    assert {t.tahun: float(t.nilai) for t in tpt.target.all()} == {
        2022: 7.42,
        2023: 7.22,
        2024: 7.02,
        2025: 6.82,
        2026: 6.62,
    }
    # "Target 2022 (RPJMD)" printed beside each IKU (Tabel 3.1, 3.3, 3.5)
    printed = {"S1-1": 87, "S1-2": 88, "S2-1": 35, "S3-1": 60, "S3-2": 57}
    for kode, target in printed.items():
        ind = rpjmd_denpasar.indikator.get(kode=kode)
        assert ind.indikator_rpjmd.target.get(tahun=2022).nilai == target
    t1 = Tujuan.objects.get(renstra__opd=rpjmd_denpasar, kode="T1")
    assert t1.sasaran_rpjmd.kode == "S-TK"
    kabid = Jabatan.objects.get(opd=rpjmd_denpasar, kode="kabid-perluasan")
    assert kabid.atasan.kode == "kadis"
    assert Program.objects.get(opd=rpjmd_denpasar, kode="2.07.04").jabatan == kabid


def test_klungkung_seed_supports_the_rpd_sasaran(rpd_klungkung):
    rp = RPJMD.objects.get(pemda__slug="kabupaten-klungkung")
    assert rp.jenis == "rpd"
    t1 = Tujuan.objects.get(renstra__opd=rpd_klungkung, kode="T1")
    assert t1.sasaran_rpjmd.uraian == "Menurunnya angka pengangguran"


def test_problems_are_located_and_nothing_is_written(denpasar):
    text = (SEEDS_DIR / "denpasar-rpjmd.yaml").read_text(encoding="utf-8")
    bad = (
        text.replace("2022: 7.42", "2022: tujuh")
        .replace(
            "    atasan: kadis\n    program: [2.07.04]",
            "    atasan: kepala-x\n    program: [2.07.04]",
        )
        .replace("tujuan: {T1: S-TK}", "tujuan: {T1: S-XX}")
    )
    with pytest.raises(InvalidDocument) as e:
        read_document(bad)
    msgs = [str(m) for m in e.value.masalah]
    assert any("target 2022" in m and "tujuh" in m for m in msgs), msgs
    assert any("atasan 'kepala-x' belum ditulis" in m for m in msgs), msgs
    assert any("selaras › tujuan › T1" in m and "S-XX" in m for m in msgs), msgs
    assert all(m.startswith("baris ") for m in msgs), msgs
    assert not RPJMD.objects.exists()


def test_a_pemda_file_before_its_opd_file_is_refused_whole(db):
    Pemda.objects.create(slug="kota-denpasar", nama="Kota Denpasar", jenis="kota")
    with pytest.raises(InvalidDocument, match="impor berkas OPD-tahunnya lebih dahulu"):
        import_file(SEEDS_DIR / "denpasar-rpjmd.yaml")
    assert not RPJMD.objects.exists() and not Jabatan.objects.exists()


def test_an_unknown_nomenclature_code_is_refused(denpasar):
    text = (SEEDS_DIR / "denpasar-rpjmd.yaml").read_text(encoding="utf-8")
    with pytest.raises(InvalidDocument, match="program '2.07.99' tidak ada"):
        import_file(text.replace("program: [2.07.04]", "program: [2.07.99]"))
    assert not Jabatan.objects.exists()


def test_an_approved_version_is_not_overwritten(rpjmd_denpasar):
    from django.contrib.auth import get_user_model

    from sakip.organisations.models import Keanggotaan, Peran
    from sakip.rpjmd.alur import ALUR_RPJMD
    from sakip.workflow import services

    u = get_user_model().objects.create_superuser("root", password="x")
    Keanggotaan.objects.create(user=u, peran=Peran.ADMIN_PEMDA, pemda=rpjmd_denpasar.pemda)
    rp = RPJMD.objects.get()
    services.jalankan(ALUR_RPJMD, u, rp, "ajukan")
    services.jalankan(ALUR_RPJMD, u, rp, "setujui")
    with pytest.raises(InvalidDocument, match="sudah ditetapkan dan terkunci; tulis versi 2"):
        import_file(SEEDS_DIR / "denpasar-rpjmd.yaml")


def test_export_then_import_gives_the_same_file(rpjmd_denpasar, rpd_klungkung):
    for slug in ("kota-denpasar", "kabupaten-klungkung"):
        pemda = Pemda.objects.get(slug=slug)
        first = export_pemda_text(pemda)
        import_file(first)
        assert export_pemda_text(pemda) == first
        assert "format: sakip/pemda 1" in first


def test_opd_files_read_as_before(denpasar):
    """Today's OPD files are unchanged: no RPJMD key needed, nothing linked."""
    assert not RPJMD.objects.exists()
    assert not Tujuan.objects.filter(sasaran_rpjmd__isnull=False).exists()


def test_a_bad_pemda_slug_is_named(db):
    text = (SEEDS_DIR / "klungkung-rpd.yaml").read_text(encoding="utf-8")
    with pytest.raises(InvalidDocument, match="pemda › slug: hanya huruf kecil"):
        read_document(text.replace("slug: kabupaten-klungkung", "slug: Kabupaten Klungkung", 1))


@pytest.mark.django_db
def test_kondisi_awal_has_one_shape_and_old_files_still_read(rpjmd_denpasar):
    """Issue 28: kondisi awal indikator RPJMD ditulis seperti berkas OPD-tahun
    (``{tahun, nilai}``); bentuk lama (``kondisi_awal`` + ``kondisi_awal_tahun``, seperti berkas
    contoh denpasar-rpjmd.yaml yang dimuat fixture ini) tetap terbaca."""
    from decimal import Decimal

    from sakip.interchange import yamlio
    from sakip.interchange.dasar import Konteks, kondisi_awal
    from sakip.interchange.pemda import validate_pemda
    from sakip.rpjmd.models import IndikatorRPJMD

    ind = IndikatorRPJMD.objects.get(kondisi_awal=Decimal("7.62"))
    assert ind.kondisi_awal_tahun == 2020  # dibaca dari bentuk lama
    teks = export_pemda_text(rpjmd_denpasar.pemda)
    assert "kondisi_awal: {tahun: 2020, nilai: 7.62}" in teks
    assert "kondisi_awal_tahun" not in teks
    validate_pemda(yamlio.load(teks))  # bentuk baru terbaca kembali

    ctx = Konteks()
    baru = yamlio.load("kondisi_awal: {tahun: 2020, nilai: 7.62}\n")
    lama = yamlio.load("kondisi_awal: '7,62'\nkondisi_awal_tahun: 2020\n")
    assert kondisi_awal(ctx, baru, "i") == kondisi_awal(ctx, lama, "i") == (Decimal("7.62"), 2020)
    assert kondisi_awal(ctx, yamlio.load("nama: x\n"), "i") == (None, None)
    assert not ctx.errors
    keduanya = yamlio.load("kondisi_awal: {tahun: 2020, nilai: 7}\nkondisi_awal_tahun: 2019\n")
    kondisi_awal(ctx, keduanya, "i")
    assert [str(m) for m in ctx.errors] == [
        "baris 1, i › kondisi_awal_tahun: tahun kondisi awal sudah ditulis di kondisi_awal "
        "{tahun, nilai}; hapus baris ini"
    ]
    # koma desimal di dalam {…} memecah nilainya: ditolak, bukan dibaca 7
    ctx = Konteks()
    assert kondisi_awal(ctx, yamlio.load("kondisi_awal: {tahun: 2020, nilai: 7,62}\n"), "i") == (
        None,
        None,
    )
    assert "kunci '62' tidak dikenal" in str(ctx.errors[0])
