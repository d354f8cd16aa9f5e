"""Renstra lewat alur bersama: diajukan/disetujui terkunci, Renstra Perubahan beralasan, setiap
penetapan tersimpan utuh dan terbaca (sakip.planning.renstra_versi)."""

from decimal import Decimal

import pytest

from sakip.interchange.excel import ExcelError
from sakip.organisations.models import Peran
from sakip.planning import renstra_versi, susun
from sakip.planning.alur import ALUR_RENSTRA
from sakip.planning.models import Indikator, Renstra
from sakip.planning.services import SelTarget, TargetError, simpan_target_renstra
from sakip.workflow.alur import AlurError
from sakip.workflow.services import jalankan
from tests.conftest import pengguna


@pytest.fixture
def kepala(opd_baru):
    return pengguna("kepala.uji", Peran.KEPALA_OPD, opd_baru)


def _isi(operator, opd):
    r = susun.buat_renstra(operator, opd, susun.IsianRenstra(2024, 2026, visi="Visi"))
    t = susun.tambah_tujuan(operator, r, susun.IsianUnsur("T1", "Meningkatnya daya saing"))
    s = susun.tambah_sasaran(operator, t, susun.IsianUnsur("S1", "Terserapnya angkatan kerja"))
    return r, s


def _ind(operator, opd, s, target):
    return susun.tambah_indikator(
        operator,
        opd,
        s,
        susun.IsianIndikator(nama="TPAK", satuan="%", iku=True, target=target),
    )


def test_submitted_and_approved_renstra_is_locked_and_kept(operator, kepala, opd_baru):
    r, s = _isi(operator, opd_baru)
    with pytest.raises(AlurError, match="belum punya sasaran berindikator"):
        jalankan(ALUR_RENSTRA, operator, r, "ajukan")
    ind = _ind(operator, opd_baru, s, {2024: Decimal("79"), 2025: Decimal("79.5")})
    with pytest.raises(AlurError, match="Hanya Operator OPD ini"):
        jalankan(ALUR_RENSTRA, kepala, r, "ajukan")
    r = jalankan(ALUR_RENSTRA, operator, r, "ajukan")
    with pytest.raises(susun.SusunError, match="sedang diajukan"):
        susun.tambah_tujuan(operator, r, susun.IsianUnsur("T2", "Lain"))
    r = jalankan(ALUR_RENSTRA, kepala, r, "setujui")
    v0 = r.versi.get()
    assert v0.nomor == 0 and v0.disetujui_oleh == kepala
    assert v0.isi["tujuan"][0]["sasaran"][0]["indikator"][0]["target"] == {
        "2024": "79",
        "2025": "79.5",
    }
    for aksi in (
        lambda: susun.ubah_indikator(operator, ind, susun.IsianIndikator(nama="TPAK baru")),
        lambda: susun.ubah_renstra(operator, r, susun.IsianRenstra(2024, 2027)),
        lambda: susun.hapus(operator, opd_baru, "indikator", ind.pk),
    ):
        with pytest.raises(susun.SusunError, match="sudah disetujui dan terkunci"):
            aksi()
    with pytest.raises(TargetError) as exc:
        simpan_target_renstra(
            operator, opd_baru, [ind], [2026], {(ind.pk, 2026): SelTarget(Decimal(80))}
        )
    assert "Renstra Perubahan" in next(iter(exc.value.galat.values()))
    # program tetap dapat disusun (bukan bagian dokumen Renstra yang dikunci)
    susun.tambah_program(operator, opd_baru, susun.IsianNomenklatur("2.07.04", ""))


def test_a_renstra_perubahan_keeps_the_approved_version_readable(operator, kepala, opd_baru):
    r, s = _isi(operator, opd_baru)
    ind = _ind(operator, opd_baru, s, {2024: Decimal("79")})
    for u, aksi in ((operator, "ajukan"), (kepala, "setujui")):
        r = jalankan(ALUR_RENSTRA, u, r, aksi)
    with pytest.raises(renstra_versi.RenstraTerkunci, match="Alasan perubahan"):
        renstra_versi.buat_perubahan(operator, r, " ")
    r = renstra_versi.buat_perubahan(operator, r, "Perubahan RPJMD 2025")
    assert (r.perubahan_ke, r.status) == (1, "draft")
    susun.ubah_indikator(
        operator, ind, susun.IsianIndikator(nama="TPAK", satuan="%", target={2024: Decimal("80")})
    )
    with pytest.raises(renstra_versi.RenstraTerkunci, match="belum disetujui"):
        renstra_versi.buat_perubahan(operator, r, "lagi")
    for u, aksi in ((operator, "ajukan"), (kepala, "setujui")):
        r = jalankan(ALUR_RENSTRA, u, r, aksi)
    v0, v1 = r.versi.order_by("nomor")
    t0 = v0.isi["tujuan"][0]["sasaran"][0]["indikator"][0]["target"]
    t1 = v1.isi["tujuan"][0]["sasaran"][0]["indikator"][0]["target"]
    assert (t0, t1) == ({"2024": "79"}, {"2024": "80"})
    assert v1.alasan_perubahan == "Perubahan RPJMD 2025"
    # pohonnya tetap satu: kode dan baris indikator yang sama (riwayat realisasi tetap melekat)
    assert Indikator.objects.get().pk == ind.pk and Renstra.objects.count() == 1


def test_the_workbook_does_not_change_an_approved_renstra(client, klungkung):
    from openpyxl import load_workbook

    from sakip.berkas.xlsx import simpan
    from sakip.interchange import rencana

    op = pengguna("op.k", Peran.OPERATOR_OPD, klungkung)
    kep = pengguna("kepala.k", Peran.KEPALA_OPD, klungkung)
    r = susun.renstra_berlaku(klungkung, 2024)
    for u, aksi in ((op, "ajukan"), (kep, "setujui")):
        r = jalankan(ALUR_RENSTRA, u, r, aksi)
    data = rencana.unduh(op, klungkung, 2024)
    wb = load_workbook(__import__("io").BytesIO(data))
    ws = wb["Renstra"]
    judul = [c.value for c in ws[1]]
    kol = judul.index("Target 2024") + 1
    baris = next(i for i in range(2, ws.max_row + 1) if ws.cell(i, kol).value not in (None, ""))
    ws.cell(baris, kol).value = 1234
    with pytest.raises(ExcelError) as exc:
        rencana.baca_unggahan(op, klungkung, 2024, simpan(wb), "rencana.xlsx")
    assert "sudah disetujui dan terkunci" in exc.value.galat[0]
    assert exc.value.galat[0].startswith("Lembar 'Renstra'")
