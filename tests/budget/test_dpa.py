"""Pagu dari ekspor DPA/DPPA (sakip.budget.dpa): pemetaan kolom diingat per Pemda, pratinjau,
versi pagu bertanggal, satu transaksi; angka dari data seed Klungkung 2024."""

import datetime as dt
from decimal import Decimal

import pytest

from sakip.budget import dpa
from sakip.budget.models import Anggaran, PaguVersi, PemetaanDPA
from sakip.budget.services import rekap_anggaran
from sakip.documents.lkjip import kalimat_versi_pagu
from sakip.organisations.models import Peran
from tests.budget.dpa_contoh import JUDUL, baris_seed, buku_dpa
from tests.conftest import pengguna


@pytest.fixture
def operator(klungkung):
    return pengguna("op.k", Peran.OPERATOR_OPD, klungkung)


def _impor(opd, user, data, jenis, tanggal, nama="dpa.xlsx", pemetaan=None):
    tabel = dpa.baca(data, nama)
    peta = pemetaan or dpa.tebak(tabel, opd.pemda)
    hasil = dpa.pratinjau(opd, 2024, tabel, peta, jenis)
    judul = {m: tabel["judul"][i] for m, i in peta.items() if i is not None}
    return hasil, dpa.terapkan(user, opd, 2024, hasil, jenis, tanggal, nama, judul)


def test_a_new_year_gets_its_pagu_from_the_dppa_export(klungkung, operator):
    Anggaran.objects.filter(opd=klungkung).delete()  # rencana tanpa pagu, seperti OPD baru
    hasil, versi = _impor(klungkung, operator, buku_dpa(), "perubahan", dt.date(2024, 9, 30))
    assert len(hasil["perubahan"]) == len(baris_seed()) == 23
    root = rekap_anggaran(klungkung, 2024)
    # sama dengan jumlah baris lampiran laporan (lihat tests/budget/test_rekap.py)
    assert root.jumlah.pagu == Decimal("6253600939")
    assert root.jumlah.realisasi == Decimal("5736656695")
    assert versi.jenis == "perubahan" and versi.baris.count() == 23
    assert PemetaanDPA.objects.get(pemda=klungkung.pemda).kolom == {
        "kode": "Kode",
        "uraian": "Uraian",
        "pagu": "Anggaran Sebelum Perubahan",
        "pagu_perubahan": "Anggaran Setelah Perubahan",
        "realisasi": "Realisasi",
    }


def test_murni_then_perubahan_both_kept_with_dates_and_printed(klungkung, operator):
    def murni(kode, pagu):
        return pagu + 1000000 if kode == "2.07.04.2.01.05" else pagu

    _impor(klungkung, operator, buku_dpa(murni), "murni", dt.date(2024, 1, 2))
    sub = Anggaran.objects.get(opd=klungkung, sub_kegiatan__kode="2.07.04.2.01.05", triwulan=None)
    pagu_setelah = dict((k, p) for k, _, p, _ in baris_seed())["2.07.04.2.01.05"]
    assert sub.pagu == pagu_setelah + 1000000
    _impor(klungkung, operator, buku_dpa(murni), "perubahan", dt.date(2024, 9, 30))
    sub.refresh_from_db()
    assert sub.pagu == pagu_setelah
    riwayat = dpa.riwayat(klungkung, 2024)
    assert [r["jumlah"] for r in riwayat] == [Decimal("6254600939"), Decimal("6253600939")]
    assert kalimat_versi_pagu(klungkung, 2024) == (
        "Pagu ditetapkan dengan DPA (APBD murni) tanggal 2 Januari 2024 sebesar Rp6.254.600.939; "
        "diubah dengan DPPA (APBD perubahan) tanggal 30 September 2024 menjadi Rp6.253.600.939. "
        "Tabel di atas memakai pagu yang berlaku, yaitu DPPA (APBD perubahan) tanggal 30 September "
        "2024."
    )


def test_the_column_mapping_is_remembered_per_pemda(klungkung, operator):
    lain = ["Kd. Rek", "Nama Sub Kegiatan", "Nilai DPA Induk", "Nilai DPPA", "SP2D"]
    tabel = dpa.baca(buku_dpa(judul=lain, csv=True), "dpa.csv")
    assert dpa.tebak(tabel, klungkung.pemda) == {
        "kode": None,  # 'Kd. Rek' tidak dikenali: dipilih pengguna sekali
        "uraian": 1,
        "pagu": 2,
        "pagu_perubahan": 3,
        "realisasi": 4,
    }
    peta = {"kode": 0, "uraian": 1, "pagu": 2, "pagu_perubahan": 3, "realisasi": 4}
    _impor(
        klungkung,
        operator,
        buku_dpa(judul=lain, csv=True),
        "perubahan",
        dt.date(2024, 10, 1),
        "dpa.csv",
        peta,
    )
    assert dpa.tebak(tabel, klungkung.pemda) == peta


def test_each_mistake_names_its_row_and_column_and_nothing_is_written(klungkung, operator):
    data = buku_dpa().replace(b"x", b"x")
    tabel = dpa.baca(data, "dpa.xlsx")
    i = next(n for n, (nomor, row) in enumerate(tabel["baris"]) if str(row[0]).endswith(".0001"))
    tabel["baris"][i][1][3] = "satu juta"
    tabel["baris"][i + 1][1][4] = "999.999.999.999"
    peta = dpa.tebak(tabel, klungkung.pemda)
    with pytest.raises(dpa.DPAError) as exc:
        dpa.pratinjau(klungkung, 2024, tabel, peta, "perubahan")
    nomor = tabel["baris"][i][0]
    assert exc.value.galat[0] == (
        f"Baris {nomor}, kolom 'Anggaran Setelah Perubahan': 'satu juta' bukan angka"
    )
    assert exc.value.galat[1].startswith(f"Baris {nomor + 1}: realisasi ")
    assert "melebihi pagu" in exc.value.galat[1]
    with pytest.raises(dpa.DPAError, match="Kolom Pagu belum dipilih"):
        dpa.pratinjau(klungkung, 2024, tabel, peta | {"pagu": None}, "murni")
    with pytest.raises(dpa.DPAError, match="baris judul kolom"):
        dpa.baca(b"a;b\n1;2\n", "bukan.csv")
    with pytest.raises(dpa.DPAError, match="bukan untuk tahun anggaran 2024"):
        dpa.baca_tanggal("2022-01-02", 2024)
    assert not PaguVersi.objects.exists()


def test_codes_not_in_the_plan_and_plan_rows_missing_are_listed(klungkung):
    tabel = dpa.baca(buku_dpa(), "dpa.xlsx")
    tabel["baris"].append(
        [999, ["2.07.04.2.01.0004", "Penyelenggaraan Unit Layanan Disabilitas", 5, 5, 0]]
    )
    tabel["baris"] = [b for b in tabel["baris"] if b[1][0] != "2.07.01.2.01.0001"]
    hasil = dpa.pratinjau(klungkung, 2024, tabel, dpa.tebak(tabel, klungkung.pemda), "murni")
    assert hasil["catatan"][0].startswith("1 baris rencana tidak ada di berkas")
    assert "2.07.01.2.01.01 Penyusunan Dokumen Perencanaan Perangkat Daerah" in hasil["catatan"][0]
    assert hasil["catatan"][1].startswith("1 sub kegiatan di berkas tidak ada di rencana OPD")
    assert JUDUL[0] == tabel["judul"][0]


def test_a_stopped_sub_kegiatan_is_named_not_matched_in_a_later_year(klungkung, operator):
    from sakip.planning import susun
    from sakip.planning.models import SubKegiatan

    sub = SubKegiatan.objects.get(kegiatan__program__opd=klungkung, kode="2.07.01.2.01.01")
    sub.indikator.first().realisasi.all().delete()
    susun.hentikan(operator, klungkung, "sub_kegiatan", sub.pk, 2025, "Digabung")
    tabel = dpa.baca(buku_dpa(), "dpa.xlsx")
    hasil = dpa.pratinjau(klungkung, 2025, tabel, dpa.tebak(tabel, klungkung.pemda), "murni")
    assert len(hasil["perubahan"]) == 22
    assert hasil["catatan"] == [
        "1 baris berkas memuat sub kegiatan/kegiatan yang dihentikan OPD; pagunya tidak dicatat "
        "(pakai lagi di Susun Renstra bila tahun ini masih dilaksanakan): "
        "2.07.01.2.01.0001 (berhenti mulai 2025)"
    ]
    # tahun 2024 tidak berubah: baris itu tetap cocok
    hasil = dpa.pratinjau(klungkung, 2024, tabel, dpa.tebak(tabel, klungkung.pemda), "murni")
    assert len(hasil["perubahan"]) == 23 and hasil["catatan"] == []
