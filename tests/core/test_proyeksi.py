from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.core.aggregation import Agregasi, agregasi
from sakip.core.capaian import Polaritas, hitung_capaian
from sakip.core.proyeksi import proyeksi_akhir_tahun

pytestmark = pytest.mark.sekali  # tanpa basis data: CI menjalankannya sekali

nilai = st.decimals(
    min_value=Decimal(0), max_value=Decimal(10**5), places=2, allow_nan=False, allow_infinity=False
)
target = st.decimals(
    min_value=Decimal("0.01"),
    max_value=Decimal(10**5),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)
cara = st.sampled_from(list(Agregasi))
polaritas = st.sampled_from(list(Polaritas))
empat = st.fixed_dictionaries({tw: nilai for tw in (1, 2, 3, 4)})
sebagian = st.dictionaries(st.sampled_from([1, 2, 3, 4]), nilai, max_size=4)


@given(empat, sebagian, target, cara, polaritas)
def test_semua_triwulan_terisi_proyeksi_sama_dengan_nilai_tahunan(real, plan, t, c, p):
    hasil = proyeksi_akhir_tahun(real, plan, t, c, p)
    assert hasil.pasti
    assert hasil.nilai == agregasi(real, c).nilai
    assert hasil.capaian == hitung_capaian(t, hasil.nilai, p)


@given(empat, st.integers(min_value=1, max_value=4), target, cara)
def test_realisasi_tepat_rencana_proyeksi_sama_dengan_agregasi_rencana(plan, sampai, t, c):
    real = {tw: v for tw, v in plan.items() if tw <= sampai}
    hasil = proyeksi_akhir_tahun(real, plan, t, c)
    assert hasil.nilai == agregasi(plan, c).nilai


@given(sebagian, sebagian, target, cara, st.data())
def test_menaikkan_realisasi_tidak_menurunkan_proyeksi(real, plan, t, c, data):
    if not real:
        return
    tw = data.draw(st.sampled_from(sorted(real)))
    tambah = data.draw(nilai)
    naik = {**real, tw: real[tw] + tambah}
    assert (
        proyeksi_akhir_tahun(naik, plan, t, c).nilai >= proyeksi_akhir_tahun(real, plan, t, c).nilai
    )


@given(sebagian, sebagian, target, cara, polaritas)
def test_realisasi_terisi_tidak_diubah_dan_berisiko_berarti_di_bawah_100(real, plan, t, c, p):
    hasil = proyeksi_akhir_tahun(real, plan, t, c, p)
    if not real:
        assert hasil.nilai is None and hasil.alasan and not hasil.berisiko
        return
    assert set(hasil.terisi) | set(hasil.diperkirakan) == {1, 2, 3, 4}
    for tw, v in real.items():
        assert hasil.triwulan[tw] == v
    assert hasil.berisiko == (hasil.capaian.nilai is not None and hasil.capaian.nilai < 100)


@given(sebagian, sebagian, target, cara)
def test_polaritas_turun_proyeksi_lebih_tinggi_capaian_tidak_lebih_tinggi(real, plan, t, c):
    if not real:
        return
    tw = max(real)
    naik = {**real, tw: real[tw] + 1}
    a = proyeksi_akhir_tahun(real, plan, t, c, Polaritas.TURUN).capaian.nilai
    b = proyeksi_akhir_tahun(naik, plan, t, c, Polaritas.TURUN).capaian.nilai
    assert b <= a


def test_kumulatif_memakai_target_rencana_aksi_untuk_triwulan_sisa():
    # 180 orang ditempatkan pada TW I-II, Rencana Aksi TW III dan IV masing-masing 70, target 400
    hasil = proyeksi_akhir_tahun({1: 80, 2: 100}, {1: 100, 2: 100, 3: 70, 4: 70}, 400)
    assert hasil.nilai == Decimal(320)
    assert hasil.capaian.teks() == "80,00%"
    assert hasil.berisiko and hasil.diperkirakan == (3, 4)


def test_kumulatif_tanpa_rencana_aksi_memakai_laju_sejauh_ini():
    hasil = proyeksi_akhir_tahun({1: 90, 2: 110}, {}, 400)
    assert hasil.nilai == Decimal(400) and not hasil.berisiko


def test_nilai_posisi_tertinggal_dari_rencana_tetap_tertinggal():
    # TPT (makin rendah makin baik): rencana turun 7,4 → 6,8; TW II tercatat 7,6 (0,3 di atas rencana)
    rencana = {1: "7.40", 2: "7.30", 3: "7.00", 4: "6.80"}
    hasil = proyeksi_akhir_tahun(
        {1: "7.40", 2: "7.60"}, rencana, "6.80", Agregasi.TERAKHIR, Polaritas.TURUN
    )
    assert hasil.nilai == Decimal("7.10")
    assert hasil.berisiko
    assert hasil.capaian.teks() == "95,59%"


def test_tanpa_target_tidak_berisiko_dan_beralasan():
    hasil = proyeksi_akhir_tahun({1: 5}, {}, None)
    assert hasil.nilai == Decimal(20)
    assert not hasil.berisiko and hasil.capaian.alasan == "target belum ditetapkan"


def test_klungkung_tpak_tahunan_terisi_penuh_sama_dengan_capaian_tercetak_yang_benar():
    # Klungkung 2024: TPAK 79,88 terhadap target 79,00 (nilai posisi) → 101,11%, tidak berisiko
    hasil = proyeksi_akhir_tahun({4: "79.88"}, {}, "79.00", Agregasi.TERAKHIR)
    assert hasil.capaian.teks() == "101,11%" and not hasil.berisiko


def test_triwulan_tidak_dikenal_ditolak():
    with pytest.raises(ValueError, match="triwulan 5"):
        proyeksi_akhir_tahun({5: 1}, {}, 10)
