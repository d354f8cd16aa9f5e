"""Excel tingkat Pemda: target/realisasi RPJMD dan jabatan; pratinjau lalu satu transaksi."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from sakip.interchange import excel_pemda
from sakip.interchange.excel import ExcelError
from sakip.organisations.models import Jabatan, Keanggotaan, Peran
from sakip.planning.models import Kegiatan
from sakip.rpjmd.models import RPJMD, RealisasiRPJMD


def _simpan(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def admin(rpjmd_denpasar):
    u = get_user_model().objects.create_user("adm", password="x")
    Keanggotaan.objects.create(user=u, peran=Peran.ADMIN_PEMDA, pemda=rpjmd_denpasar.pemda)
    return u


def test_unchanged_template_gives_no_change(rpjmd_denpasar):
    data = excel_pemda.buat_templat_pemda(rpjmd_denpasar.pemda, 2022)
    assert excel_pemda.baca_unggahan_pemda(rpjmd_denpasar.pemda, 2022, data) == []


def test_targets_realisasi_and_positions_round_trip(rpjmd_denpasar, admin):
    pemda = rpjmd_denpasar.pemda
    wb = load_workbook(io.BytesIO(excel_pemda.buat_templat_pemda(pemda, 2022)))
    wt = wb["Target RPJMD"]
    head = [c.value for c in wt[1]]
    tpt = next(r for r in wt.iter_rows(min_row=2) if r[0].value == "IKD-TPT")
    tpt[head.index("Target 2023")].value = "7,20"
    tpt[head.index("Realisasi 2022")].value = "6,89"
    tpt[head.index("Sumber realisasi 2022")].value = "BPS Kota Denpasar"
    wj = wb["Jabatan"]
    hj = [c.value for c in wj[1]]
    kabid = next(r for r in wj.iter_rows(min_row=2) if r[1].value == "kabid-perluasan")
    kabid[hj.index("Pemegang")].value = "Komang Contoh, S.H."
    kabid[hj.index("Kegiatan")].value = "2.07.04.2.02"
    changes = excel_pemda.baca_unggahan_pemda(pemda, 2022, _simpan(wb))
    assert [(c.jenis, c.lama, c.baru) for c in changes][:2] == [
        ("target", "7,22", "7,2"),
        ("realisasi", "–", "6,89 (BPS Kota Denpasar)"),
    ]
    assert changes[2].jenis == "jabatan" and "Komang Contoh, S.H." in changes[2].baru
    n = excel_pemda.terapkan_pemda(admin, pemda, 2022, excel_pemda.sebagai_dict(changes))
    assert n == 3
    rp = RPJMD.objects.get()
    assert str(rp.indikator.get(kode="IKD-TPT").target.get(tahun=2023).nilai) == "7.2000"
    assert RealisasiRPJMD.objects.get().sumber == "BPS Kota Denpasar"
    j = Jabatan.objects.get(opd=rpjmd_denpasar, kode="kabid-perluasan")
    assert j.pemegang_nama == "Komang Contoh, S.H."
    assert Kegiatan.objects.get(kode="2.07.04.2.02", program__opd=rpjmd_denpasar).jabatan == j


def test_errors_name_sheet_row_and_column_and_nothing_is_written(rpjmd_denpasar):
    pemda = rpjmd_denpasar.pemda
    wb = load_workbook(io.BytesIO(excel_pemda.buat_templat_pemda(pemda, 2022)))
    wt = wb["Target RPJMD"]
    wt["D2"] = "tujuh koma"
    wt.append(["IKD-XX", "tidak ada"])
    wj = wb["Jabatan"]
    wj.append(["disnaker-denpasar", "baru", "Kepala Seksi Baru", "kasi", "", "", "", "", "9.99.99"])
    with pytest.raises(ExcelError) as e:
        excel_pemda.baca_unggahan_pemda(pemda, 2022, _simpan(wb))
    msgs = e.value.galat
    assert "Lembar 'Target RPJMD', baris 2, kolom Target 2021: 'tujuh koma' bukan angka" in msgs
    assert any("indikator 'IKD-XX' tidak ada" in m for m in msgs)
    assert any("kolom Jenis: 'kasi' tidak dikenal" in m for m in msgs)
    with pytest.raises(ExcelError, match="bukan buku kerja Excel"):
        excel_pemda.baca_unggahan_pemda(pemda, 2022, b"%PDF-1.4 bukan xlsx")


def test_locked_rpjmd_refuses_target_changes_but_takes_realisasi(rpjmd_denpasar, admin):
    from sakip.rpjmd.alur import ALUR_RPJMD
    from sakip.workflow import services

    pemda = rpjmd_denpasar.pemda
    rp = RPJMD.objects.get()
    services.jalankan(ALUR_RPJMD, admin, rp, "ajukan")
    services.jalankan(ALUR_RPJMD, admin, rp, "setujui")
    wb = load_workbook(io.BytesIO(excel_pemda.buat_templat_pemda(pemda, 2022)))
    wt = wb["Target RPJMD"]
    head = [c.value for c in wt[1]]
    row = next(r for r in wt.iter_rows(min_row=2) if r[0].value == "IKD-TPT")
    row[head.index("Target 2024")].value = 7
    with pytest.raises(ExcelError, match="target tidak dapat diubah"):
        excel_pemda.baca_unggahan_pemda(pemda, 2022, _simpan(wb))
    row[head.index("Target 2024")].value = 7.02
    row[head.index("Realisasi 2022")].value = 6.89
    row[head.index("Sumber realisasi 2022")].value = "BPS"
    (c,) = excel_pemda.baca_unggahan_pemda(pemda, 2022, _simpan(wb))
    assert c.jenis == "realisasi"


@pytest.mark.django_db
def test_excel_page_preview_then_confirm(client, rpjmd_denpasar, admin):
    client.login(username="adm", password="x")
    r = client.get("/pemda/kota-denpasar/2022/rpjmd/excel/templat.xlsx")
    wb = load_workbook(io.BytesIO(r.content))
    wt = wb["Target RPJMD"]
    head = [c.value for c in wt[1]]
    row = next(x for x in wt.iter_rows(min_row=2) if x[0].value == "IKD-TPT")
    row[head.index("Realisasi 2022")].value = 6.89
    row[head.index("Sumber realisasi 2022")].value = "BPS"
    f = io.BytesIO(_simpan(wb))
    f.name = "rpjmd.xlsx"
    page = client.post("/pemda/kota-denpasar/2022/rpjmd/excel/", {"berkas": f}).content.decode()
    assert "Pratinjau perubahan (1)" in page
    assert not RealisasiRPJMD.objects.exists()
    client.post("/pemda/kota-denpasar/2022/rpjmd/excel/", {"konfirmasi": "1"})
    assert RealisasiRPJMD.objects.get().nilai == Decimal("6.89")
