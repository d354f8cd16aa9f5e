"""Layanan penyusunan rencana OPD (sakip.planning.susun): satu aksi, satu transaksi, galat per medan."""

from decimal import Decimal

import pytest

from sakip.akses import AksesDitolak
from sakip.organisations.models import Peran
from sakip.planning import susun
from sakip.planning.models import Indikator, Program
from tests.conftest import pengguna


def _renstra(user, opd):
    return susun.buat_renstra(
        user, opd, susun.IsianRenstra(2024, 2026, visi="Visi", misi=("A", ""))
    )


def test_a_new_opd_builds_its_renstra_tree(operator, opd_baru):
    r = _renstra(operator, opd_baru)
    assert r.nama == "Renstra Disnaker Uji 2024-2026" and r.misi == ["A"]
    t = susun.tambah_tujuan(operator, r, susun.IsianUnsur("T1", "Meningkatnya daya saing"))
    s = susun.tambah_sasaran(operator, t, susun.IsianUnsur("S1", "Terserapnya angkatan kerja"))
    ind = susun.tambah_indikator(
        operator,
        opd_baru,
        s,
        susun.IsianIndikator(
            nama="Persentase pencari kerja yang ditempatkan",
            satuan="%",
            iku=True,
            pembilang="pencari kerja ditempatkan",
            penyebut="pencari kerja terdaftar",
            target={2024: Decimal("60"), 2025: Decimal("62.5")},
            target_atas={2025: Decimal("65")},
        ),
    )
    assert ind.kode == "S1-1" and ind.is_rumus and ind.iku
    assert {(t.tahun, t.nilai, t.nilai_atas) for t in ind.target.all()} == {
        (2024, 60, None),
        (2025, Decimal("62.5"), 65),
    }


def test_mistakes_are_named_per_field_and_nothing_is_saved(operator, opd_baru):
    with pytest.raises(susun.SusunError) as exc:
        susun.buat_renstra(operator, opd_baru, susun.IsianRenstra(2026, 2024))
    assert exc.value.galat == {"tahun_akhir": "Tahun akhir lebih kecil dari tahun awal"}
    r = _renstra(operator, opd_baru)
    with pytest.raises(susun.SusunError) as exc:
        susun.buat_renstra(operator, opd_baru, susun.IsianRenstra(2025, 2029))
    assert "sudah mencakup sebagian periode ini" in exc.value.galat["tahun_awal"]
    t = susun.tambah_tujuan(operator, r, susun.IsianUnsur("T1", "x"))
    with pytest.raises(susun.SusunError) as exc:
        susun.tambah_tujuan(operator, r, susun.IsianUnsur("T1", ""))
    assert exc.value.galat == {
        "kode": "Kode tujuan 'T1' sudah dipakai",
        "uraian": "Uraian tujuan wajib diisi",
    }
    with pytest.raises(susun.SusunError) as exc:
        susun.tambah_indikator(
            operator,
            opd_baru,
            t,
            susun.IsianIndikator(
                nama="x",
                pembilang="a",
                target={2030: Decimal(1)},
                target_atas={2024: Decimal(5)},
            ),
        )
    assert exc.value.galat == {
        "penyebut": "Indikator rumus harus punya nama pembilang dan nama penyebut sekaligus",
        "target_2030": "Tahun 2030 di luar periode Renstra",
        "target_2024": "Target 2024: isi batas bawah rentang",
    }
    assert not Indikator.objects.exists()


def test_programs_follow_the_nomenclature_and_know_their_urusan(operator, opd_baru):
    r = _renstra(operator, opd_baru)
    s = susun.tambah_sasaran(
        operator,
        susun.tambah_tujuan(operator, r, susun.IsianUnsur("T1", "x")),
        susun.IsianUnsur("S1", "y"),
    )
    p = susun.tambah_program(
        operator,
        opd_baru,
        susun.IsianNomenklatur("2.07.04", "Program Penempatan Tenaga Kerja", (s.pk,)),
    )
    assert p.bidang_urusan.nama == "Urusan Pemerintahan Bidang Tenaga Kerja"
    assert set(opd_baru.urusan.values_list("kode", flat=True)) == {"2", "2.07"}
    assert list(p.sasaran.all()) == [s]
    with pytest.raises(susun.SusunError) as exc:
        susun.tambah_kegiatan(operator, p, susun.IsianNomenklatur("2.07.03.2.01", "Pelatihan"))
    assert exc.value.galat["kode"] == "Kegiatan 2.07.03.2.01 bukan bagian dari program 2.07.04"
    with pytest.raises(susun.SusunError) as exc:
        susun.tambah_program(operator, opd_baru, susun.IsianNomenklatur("2.7.4", "x"))
    assert "kode" in exc.value.galat
    with pytest.raises(susun.SusunError) as exc:
        susun.tambah_program(operator, opd_baru, susun.IsianNomenklatur("2.99.01", "x"))
    assert (
        exc.value.galat["kode"] == "Bidang urusan 2.99 tidak dikenal nomenklatur; periksa kodenya"
    )
    k = susun.tambah_kegiatan(
        operator, p, susun.IsianNomenklatur("2.07.04.2.01", "Pelayanan Antarkerja", (s.pk,))
    )
    sk = susun.tambah_sub_kegiatan(
        operator, k, susun.IsianNomenklatur("2.07.04.2.01.02", "Pelayanan Antarkerja di Kabupaten")
    )
    ind = susun.tambah_indikator(
        operator, opd_baru, sk, susun.IsianIndikator(nama="Jumlah pencaker")
    )
    assert ind.kode == "2.07.04.2.01.02-1" and k.sasaran == s


def test_an_item_with_data_is_not_deleted_and_order_can_change(operator, opd_baru):
    from sakip.measurement.models import Realisasi

    r = _renstra(operator, opd_baru)
    t = susun.tambah_tujuan(operator, r, susun.IsianUnsur("T1", "x"))
    a = susun.tambah_indikator(operator, opd_baru, t, susun.IsianIndikator(nama="a", kode="A"))
    b = susun.tambah_indikator(operator, opd_baru, t, susun.IsianIndikator(nama="b", kode="B"))
    susun.geser(operator, opd_baru, "indikator", b.pk, -1)
    assert list(t.indikator.order_by("urutan").values_list("kode", flat=True)) == ["B", "A"]
    Realisasi.objects.create(indikator=a, tahun=2024, periode="tahunan", nilai=1)
    with pytest.raises(susun.SusunError, match="sudah punya realisasi"):
        susun.hapus(operator, opd_baru, "tujuan", t.pk)
    assert susun.hapus(operator, opd_baru, "indikator", b.pk) == "b"


def test_only_the_opd_operator_or_admin_pemda_builds_the_plan(opd_baru):
    kepala = pengguna("kepala.uji", Peran.KEPALA_OPD, opd_baru)
    with pytest.raises(AksesDitolak):
        _renstra(kepala, opd_baru)
    admin = pengguna("admin.uji", Peran.ADMIN_PEMDA, opd_baru)
    assert _renstra(admin, opd_baru).pk
    assert not Program.objects.exists()


def test_an_indicator_may_state_its_plausible_range(operator, opd_baru):
    r = _renstra(operator, opd_baru)
    t = susun.tambah_tujuan(operator, r, susun.IsianUnsur("T1", "Tujuan"))
    isian = susun.IsianIndikator(
        nama="Pertumbuhan investasi", satuan="%", batas_bawah=Decimal(-50), batas_atas=Decimal(-60)
    )
    with pytest.raises(susun.SusunError) as exc:
        susun.tambah_indikator(operator, opd_baru, t, isian)
    assert exc.value.galat == {
        "batas_atas": "Batas atas nilai wajar lebih kecil dari batas bawahnya"
    }
    isian = susun.IsianIndikator(
        nama="Pertumbuhan investasi", satuan="%", batas_bawah=Decimal(-50), batas_atas=Decimal(500)
    )
    ind = susun.tambah_indikator(operator, opd_baru, t, isian)
    assert (ind.batas_bawah, ind.batas_atas) == (-50, 500)
    assert ind.rentang_wajar().atas == 500 and not ind.rentang_wajar().bulat
