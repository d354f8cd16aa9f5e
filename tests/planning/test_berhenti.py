"""Unsur rencana yang berhenti dipakai mulai suatu tahun (sakip.planning.models_berhenti): tidak
dihapus, tahun sebelumnya tetap, tahun itu dan sesudahnya tidak memakainya lagi. Data: seed
Klungkung 2024."""

import difflib

import pytest

from sakip.akses import AksesDitolak
from sakip.budget.entry import baris_anggaran
from sakip.budget.services import rekap_anggaran
from sakip.interchange.exporter import export_text
from sakip.organisations.models import Peran, PerangkatDaerah
from sakip.planning import susun
from sakip.planning.models import Indikator, PerjanjianKinerja, Program, SubKegiatan, Tujuan
from sakip.planning.models_berhenti import q_aktif
from sakip.planning.tahun import buka_tahun
from tests.conftest import pengguna

SUB = "2.07.01.2.01.01"  # Penyusunan Dokumen Perencanaan Perangkat Daerah, pagu 2024 Rp3.295.050


@pytest.fixture
def klk(klungkung):
    return PerangkatDaerah.objects.get(slug="disnaker-klungkung")


@pytest.fixture
def op(klk):
    return pengguna("op.klk", Peran.OPERATOR_OPD, klk)


def _sub(klk):
    return SubKegiatan.objects.get(kegiatan__program__opd=klk, kode=SUB)


def _kunci(rows):
    return {r["kode"] for r in rows}


def test_an_item_with_data_in_2024_stops_from_2025_and_2024_stays_as_it_was(klk, op):
    sub = _sub(klk)
    with pytest.raises(susun.SusunError) as exc:
        susun.hentikan(op, klk, "sub_kegiatan", sub.pk, 2024, "Digabung ke sub kegiatan lain")
    assert "tidak dapat dihentikan mulai 2024: indikatornya sudah punya realisasi 2024" in str(
        exc.value
    )
    assert exc.value.galat == {"berhenti_tahun": "indikatornya sudah punya realisasi 2024."}
    Indikator.objects.get(opd=klk, sub_kegiatan=sub).realisasi.all().delete()
    with pytest.raises(susun.SusunError, match="mulai 2024: sudah punya anggaran 2024"):
        susun.hentikan(op, klk, "sub_kegiatan", sub.pk, 2024, "Digabung ke sub kegiatan lain")
    sub.refresh_from_db()
    assert sub.berhenti_tahun is None

    sebelum = export_text(klk, 2024)
    pesan = susun.hentikan(op, klk, "sub_kegiatan", sub.pk, "2025", "Digabung ke 2.07.01.2.01.02")
    assert pesan == f"“{sub}” tidak dipakai lagi mulai 2025."
    sub.refresh_from_db()
    assert (sub.berhenti_tahun, sub.alasan_berhenti) == (2025, "Digabung ke 2.07.01.2.01.02")
    # 2024: baris anggaran dan jumlahnya tetap; 2025: tidak dianggarkan lagi
    assert SUB in _kunci(baris_anggaran(klk, 2024))
    assert SUB not in _kunci(baris_anggaran(klk, 2025))
    assert rekap_anggaran(klk, 2024).cari(SUB) is not None
    assert rekap_anggaran(klk, 2025).cari(SUB) is None
    # indikatornya ikut berhenti bersama induknya
    ind = Indikator.objects.get(opd=klk, sub_kegiatan=sub)
    assert ind.berhenti_efektif() == 2025 and ind.aktif_pada(2024) and not ind.aktif_pada(2025)
    assert not Indikator.objects.filter(q_aktif("indikator", 2025), pk=ind.pk).exists()
    assert Indikator.objects.filter(q_aktif("indikator", 2024), pk=ind.pk).exists()
    # berkas 2024 hanya bertambah catatan berhentinya
    sesudah = export_text(klk, 2024)
    assert "berhenti:" in sesudah and "alasan: Digabung ke 2.07.01.2.01.02" in sesudah
    tambah = [
        x[2:].strip()
        for x in difflib.ndiff(sebelum.splitlines(), sesudah.splitlines())
        if x[:2] in ("+ ", "- ")
    ]
    assert tambah == ["berhenti:", "tahun: 2025", "alasan: Digabung ke 2.07.01.2.01.02"]

    assert susun.aktifkan_lagi(op, klk, "sub_kegiatan", sub.pk) == f"“{sub}” dipakai lagi."
    assert SUB in _kunci(baris_anggaran(klk, 2025))
    assert export_text(klk, 2024) == sebelum


def test_a_stopped_program_takes_its_kegiatan_and_sub_kegiatan_with_it(klk, op):
    prog = Program.objects.get(opd=klk, kode="2.07.01")
    susun.hentikan(op, klk, "program", prog.pk, 2026, "Nomenklatur baru")
    sub = _sub(klk)
    assert sub.berhenti_efektif() == 2026 and sub.aktif_pada(2025)
    assert not any(r["kode"].startswith("2.07.01.") for r in baris_anggaran(klk, 2026))
    assert any(r["kode"].startswith("2.07.01.") for r in baris_anggaran(klk, 2025))
    assert rekap_anggaran(klk, 2026).cari("2.07.01") is None


def test_an_iku_stopped_from_2025_is_left_out_of_the_2025_pk(klk, op):
    iku = Indikator.objects.get(opd=klk, kode="S2-1")
    susun.hentikan(op, klk, "indikator", iku.pk, 2025, "Diganti indikator baru pada Renstra")
    hasil = buka_tahun(op, klk, 2025)
    pk = PerjanjianKinerja.objects.get(opd=klk, tahun=2025, jabatan__isnull=True)
    assert hasil.pk == pk
    assert [i.indikator.kode for i in pk.indikator.all()] == ["S1-1"]
    # sudah tercantum dalam PK 2024: tidak dapat dihentikan mulai 2024
    with pytest.raises(susun.SusunError, match="tercantum dalam Perjanjian Kinerja 2024"):
        susun.hentikan(op, klk, "indikator", iku.pk, 2024, "x")


def test_mistakes_are_named_per_field_and_other_roles_are_refused(klk, op):
    sub = _sub(klk)
    with pytest.raises(susun.SusunError) as exc:
        susun.hentikan(op, klk, "sub_kegiatan", sub.pk, "dua ribu", " ")
    assert exc.value.galat == {
        "berhenti_tahun": "Tahun berhenti harus tahun empat angka (2000–2100).",
        "alasan_berhenti": "Tulis alasan berhentinya (tercatat dalam riwayat).",
    }
    tujuan = Tujuan.objects.filter(renstra__opd=klk).first()
    with pytest.raises(susun.SusunError, match="Tujuan dan sasaran berlaku selama Renstranya"):
        susun.hentikan(op, klk, "tujuan", tujuan.pk, 2025, "x")
    with pytest.raises(susun.SusunError, match="tidak sedang dihentikan"):
        susun.aktifkan_lagi(op, klk, "sub_kegiatan", sub.pk)
    kepala = pengguna("kepala.klk", Peran.KEPALA_OPD, klk)
    with pytest.raises(AksesDitolak):
        susun.hentikan(kepala, klk, "sub_kegiatan", sub.pk, 2025, "x")
    sub.refresh_from_db()
    assert sub.berhenti_tahun is None


def test_deleting_an_item_with_data_points_to_stopping_it(klk, op):
    with pytest.raises(susun.SusunError, match=r"hentikan mulai tahun berikutnya \(Hentikan\)"):
        susun.hapus(op, klk, "sub_kegiatan", _sub(klk).pk)
