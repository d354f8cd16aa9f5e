"""RPJMD: penyusunan satu transaksi per aksi, pesan Indonesia per isian, penetapan, versi perubahan."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from sakip.organisations.models import Keanggotaan, Pemda, Peran
from sakip.planning.models import Tujuan
from sakip.planning.selaras import buat_perubahan_rpjmd, tautkan
from sakip.rpjmd import services
from sakip.rpjmd.alur import ALUR_RPJMD
from sakip.rpjmd.models import RPJMD, IndikatorRPJMD
from sakip.web.formulir import rpjmd as F
from sakip.workflow import services as alur
from sakip.workflow.alur import AlurError


def _isi(form_cls, data, *args):
    """Isian formulir halaman → masukan bertipe layanan (seperti view-nya)."""
    f = form_cls(*args, data)
    if not f.is_valid():
        raise services.RPJMDError("Tidak disimpan: periksa isian yang ditandai.", f.galat())
    return f.isian()


def _buat_rpjmd(u, pemda, data):
    return services.buat_rpjmd(u, pemda, _isi(F.FormRPJMD, data))


def _tambah_tujuan(u, rp, data):
    return services.tambah_tujuan(u, rp, _isi(F.FormTujuan, data))


def _tambah_sasaran(u, rp, data):
    return services.tambah_sasaran(u, rp, _isi(F.FormSasaran, data))


def _tambah_indikator(u, rp, data):
    return services.tambah_indikator(u, rp, _isi(F.FormIndikatorRPJMD, data, rp))


def _catat_realisasi(u, ind, data):
    return services.catat_realisasi(u, ind, _isi(F.FormRealisasiDaerah, data))


def _admin(pemda, name="admin.x", peran=Peran.ADMIN_PEMDA):
    u = get_user_model().objects.create_user(name, password="x")
    Keanggotaan.objects.create(user=u, peran=peran, pemda=pemda)
    return u


@pytest.fixture
def pemda(db):
    return Pemda.objects.create(slug="kota-contoh", nama="Kota Contoh", jenis="kota")


def test_build_an_rpjmd_step_by_step(pemda):
    u = _admin(pemda)
    rp = _buat_rpjmd(
        u,
        pemda,
        {"tahun_awal": "2025", "tahun_akhir": "2029", "visi": "Maju", "misi": "Satu\nDua\n"},
    )
    assert rp.misi == ["Satu", "Dua"] and rp.versi == 1 and rp.status == "draft"
    t = _tambah_tujuan(u, rp, {"kode": "T1", "uraian": "Sejahtera", "misi": "2"})
    s = _tambah_sasaran(u, rp, {"tujuan": str(t.pk), "kode": "S1", "uraian": "Kerja"})
    ind = _tambah_indikator(
        u,
        rp,
        {
            "sasaran": str(s.pk),
            "kode": "TPT",
            "nama": "Tingkat Pengangguran Terbuka",
            "polaritas": "turun",
            "kondisi_awal": "7,62",
            "target_2025": "7,42",
            "target_2026": "7,22",
        },
    )
    assert ind.kondisi_awal == Decimal("7.62") and ind.kondisi_awal_tahun == 2024
    assert {t.tahun: t.nilai for t in ind.target.all()} == {
        2025: Decimal("7.42"),
        2026: Decimal("7.22"),
    }
    r = _catat_realisasi(u, ind, {"tahun": "2025", "nilai": "7,1", "sumber": "BPS"})
    assert r.nilai == Decimal("7.1")
    assert services.rpjmd_berlaku(pemda, 2027) == rp
    assert services.rpjmd_berlaku(pemda, 2030) is None


def test_bad_input_names_the_field_and_writes_nothing(pemda):
    u = _admin(pemda)
    with pytest.raises(services.RPJMDError) as e:
        _buat_rpjmd(u, pemda, {"tahun_awal": "2029", "tahun_akhir": "2025", "visi": ""})
    assert e.value.galat == {
        "tahun_akhir": "Tahun akhir lebih kecil dari tahun awal",
        "visi": "Visi wajib diisi",
    }
    rp = _buat_rpjmd(u, pemda, {"tahun_awal": "2025", "tahun_akhir": "2029", "visi": "V"})
    t = _tambah_tujuan(u, rp, {"kode": "T1", "uraian": "x"})
    s = _tambah_sasaran(u, rp, {"tujuan": str(t.pk), "kode": "S1", "uraian": "y"})
    with pytest.raises(services.RPJMDError) as e:
        _tambah_indikator(
            u,
            rp,
            {
                "sasaran": str(s.pk),
                "kode": "I",
                "nama": "n",
                "target_2025": "tujuh",
                "target_2026": "5",
            },
        )
    assert "target_2025" in e.value.galat and "tujuh" in e.value.galat["target_2025"]
    assert not IndikatorRPJMD.objects.exists()
    with pytest.raises(services.RPJMDError) as e:
        _tambah_tujuan(u, rp, {"kode": "T1", "uraian": "lagi", "misi": "9"})
    assert e.value.galat == {
        "kode": "Kode tujuan 'T1' sudah dipakai",
        "misi": "RPJMD ini belum mencantumkan misi; kosongkan nomor misi",
    }
    rp2 = _buat_rpjmd(
        u, pemda, {"tahun_awal": "2030", "tahun_akhir": "2034", "visi": "V", "misi": "A\nB"}
    )
    with pytest.raises(services.RPJMDError) as e:
        _tambah_tujuan(u, rp2, {"kode": "T1", "uraian": "x", "misi": "3"})
    assert e.value.galat == {"misi": "Nomor misi harus 1–2"}


def test_only_the_admin_pemda_builds_it(pemda):
    other = _admin(pemda, "inspektorat.x", Peran.INSPEKTORAT)
    with pytest.raises(services.RPJMDError, match="Hanya Admin Pemda"):
        _buat_rpjmd(other, pemda, {"tahun_awal": "2025", "tahun_akhir": "2029", "visi": "V"})


def test_approved_rpjmd_is_locked_and_a_revision_is_a_new_version(rpjmd_denpasar):
    pemda = rpjmd_denpasar.pemda
    u = _admin(pemda)
    rp = RPJMD.objects.get(pemda=pemda)
    alur.jalankan(ALUR_RPJMD, u, rp, "ajukan")
    rp = alur.jalankan(ALUR_RPJMD, u, rp, "setujui")
    assert rp.status == "disetujui"
    with pytest.raises(services.RPJMDError, match="terkunci; buat versi perubahan"):
        _tambah_tujuan(u, rp, {"kode": "T9", "uraian": "x"})
    with pytest.raises(services.RPJMDError, match="Alasan"):
        buat_perubahan_rpjmd(u, rp, " ")
    baru = buat_perubahan_rpjmd(u, rp, "Penyesuaian target 2024–2026")
    assert (baru.versi, baru.status, str(baru)) == (
        2,
        "draft",
        "Perubahan RPJMD Kota Denpasar 2021–2026",
    )
    # the old version stays readable, whole
    assert rp.indikator.count() == baru.indikator.count() == 6
    assert services.rpjmd_berlaku(pemda, 2022) == baru
    # the OPD's links follow the new version
    t1 = Tujuan.objects.get(renstra__opd=rpjmd_denpasar, kode="T1")
    assert t1.sasaran_rpjmd.tujuan.rpjmd == baru
    assert rpjmd_denpasar.indikator.get(kode="S2-1").indikator_rpjmd.rpjmd == baru
    with pytest.raises(services.RPJMDError, match="versi terakhir"):
        buat_perubahan_rpjmd(u, RPJMD.objects.get(pk=rp.pk), "lagi")


def test_submitting_an_rpjmd_without_indicators_is_refused(pemda):
    u = _admin(pemda)
    rp = _buat_rpjmd(u, pemda, {"tahun_awal": "2025", "tahun_akhir": "2029", "visi": "V"})
    with pytest.raises(AlurError, match="belum punya sasaran berindikator"):
        alur.jalankan(ALUR_RPJMD, u, rp, "ajukan")


def test_linking_an_opd_sasaran(rpjmd_denpasar):
    pemda = rpjmd_denpasar.pemda
    u = _admin(pemda)
    rp = RPJMD.objects.get(pemda=pemda)
    s1 = rpjmd_denpasar.renstra.get().tujuan.get().sasaran.get(kode="S1")
    target = rp.tujuan.get().sasaran.get()
    assert "kini mendukung" in tautkan(u, rp, "sasaran", str(s1.pk), str(target.pk))
    s1.refresh_from_db()
    assert s1.sasaran_rpjmd == target
    assert "dilepas" in tautkan(u, rp, "sasaran", str(s1.pk), "")
    with pytest.raises(services.RPJMDError, match="bukan bagian"):
        tautkan(u, rp, "sasaran", str(s1.pk), "999999")
