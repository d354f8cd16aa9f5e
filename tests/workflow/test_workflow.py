"""Alur persetujuan bersama diuji sekali secara umum, untuk setiap alur yang dideklarasikan (PK,
realisasi triwulan, LKjIP): urutan status, peran, alasan wajib, status terlindung, satu transaksi,
jejak audit setiap transisi, dan tombol yang tampil; lalu yang khas setiap alur."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django_fsm import TransitionNotAllowed

from sakip.audit.models import JejakAudit
from sakip.measurement.alur import ALUR_REALISASI
from sakip.measurement.entry import indikator_isian, status_triwulan
from sakip.measurement.models import Periode, Realisasi
from sakip.organisations.models import PerangkatDaerah
from sakip.planning.alur import ALUR_PK
from sakip.planning.models import PerjanjianKinerja
from sakip.review.alur import ALUR_LKJIP, status_lkjip
from sakip.workflow.alur import AlurError
from sakip.workflow.services import boleh, jalankan, tampilan
from tests.demo_cepat import muat_demo


@pytest.fixture
def demo(db):
    muat_demo()
    return get_user_model().objects


def _kasus(nama, users):
    """(alur, objek, pengaju, pemutus, orang lain) untuk setiap alur, pada data demo."""
    dps = PerangkatDaerah.objects.get(slug="disnaker-denpasar")
    klk = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    if nama == "lkjip":  # Denpasar 2022: reviunya hanya peringatan, jadi dapat disetujui
        return (
            ALUR_LKJIP,
            status_lkjip(dps, 2022),
            users.get(username="operator.disnaker"),
            users.get(username="kepala.disnaker"),
            users.get(username="operator.klungkung"),
        )
    if nama == "realisasi":
        ind = indikator_isian(dps, 2022)[0]
        Realisasi.objects.create(
            indikator=ind, tahun=2022, periode=Periode.triwulan(4), pembilang=721, penyebut=1164
        )
        return (
            ALUR_REALISASI,
            status_triwulan(dps, 2022, 4),
            users.get(username="operator.disnaker"),
            users.get(username="kepala.disnaker"),
            users.get(username="kepala.klungkung"),
        )
    return (
        ALUR_PK,
        PerjanjianKinerja.objects.get(opd=klk, tahun=2024, versi=1),
        users.get(username="operator.klungkung"),
        users.get(username="kepala.klungkung"),
        users.get(username="operator.disnaker"),
    )


ALUR = ["pk", "realisasi", "lkjip"]


@pytest.mark.django_db
@pytest.mark.parametrize("nama", ALUR)
def test_every_flow_runs_draft_submit_return_submit_approve(demo, nama):
    alur, obj, pengaju, pemutus, lain = _kasus(nama, demo)
    with pytest.raises(AlurError, match="harus diajukan lebih dahulu"):
        jalankan(alur, pemutus, obj, "setujui")
    with pytest.raises(AlurError, match=r"^Hanya .* yang dapat mengajukan"):
        jalankan(alur, pemutus, obj, "ajukan")
    with pytest.raises(AlurError, match="Hanya"):
        jalankan(alur, lain, obj, "ajukan")  # peran yang sama pada OPD lain tidak berlaku
    obj = jalankan(alur, pengaju, obj, "ajukan")
    assert obj.status == "diajukan" and obj.diajukan_oleh == pengaju and obj.diajukan_pada
    with pytest.raises(AlurError, match="berstatus diajukan"):
        jalankan(alur, pengaju, obj, "ajukan")
    with pytest.raises(AlurError, match="Hanya Kepala OPD ini yang dapat menyetujui"):
        jalankan(alur, pengaju, obj, "setujui")
    with pytest.raises(AlurError, match="Alasan pengembalian wajib diisi"):
        jalankan(alur, pemutus, obj, "kembalikan", "   ")
    obj = jalankan(alur, pemutus, obj, "kembalikan", "  Lengkapi bukti dukung  ")
    assert obj.status == "dikembalikan" and obj.alasan == "Lengkapi bukti dukung"
    assert obj.diputuskan_oleh == pemutus
    obj = jalankan(alur, pengaju, obj, "ajukan")
    obj = jalankan(alur, pemutus, obj, "setujui")
    assert obj.status == "disetujui" and obj.alasan == "" and obj.disetujui
    with pytest.raises(AlurError, match="berstatus disetujui"):
        jalankan(alur, pengaju, obj, "ajukan")  # yang disetujui terkunci
    with pytest.raises(AlurError, match="Aksi tidak dikenal"):
        jalankan(alur, pemutus, obj, "hapus")


@pytest.mark.django_db
@pytest.mark.parametrize("nama", ALUR)
def test_every_transition_is_audited_with_the_flow_and_step(demo, nama):
    alur, obj, pengaju, pemutus, _ = _kasus(nama, demo)
    label = obj._meta.label
    jalankan(alur, pengaju, obj, "ajukan")
    jalankan(alur, pemutus, obj, "kembalikan", "kurang")
    jejak = list(JejakAudit.objects.filter(model=label, objek_id=str(obj.pk)).order_by("id"))
    transisi = [j for j in jejak if "status" in j.perubahan]
    assert [j.perubahan["status"] for j in transisi][-2:] == [
        ["draft", "diajukan"],
        ["diajukan", "dikembalikan"],
    ]
    assert [j.keterangan for j in transisi][-2:] == [
        f"{alur.nama}: {alur.langkah_untuk('ajukan').label}",
        f"{alur.nama}: Kembalikan",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("nama", ALUR)
def test_status_changes_only_through_a_transition(demo, nama):
    alur, obj, *_ = _kasus(nama, demo)
    with pytest.raises(AttributeError):
        obj.status = "disetujui"  # terlindung: tidak ada jalan pintas di sekitar alur
    with pytest.raises(TransitionNotAllowed):
        obj.setujui()  # dari draf tidak ada transisi ke disetujui


@pytest.mark.django_db
@pytest.mark.parametrize("nama", ALUR)
def test_refused_step_writes_nothing(demo, nama):
    alur, obj, pengaju, pemutus, _ = _kasus(nama, demo)
    jalankan(alur, pengaju, obj, "ajukan")
    sebelum = JejakAudit.objects.count()
    with pytest.raises(AlurError):
        jalankan(alur, pemutus, obj, "kembalikan", "")
    obj.refresh_from_db()
    assert obj.status == "diajukan" and JejakAudit.objects.count() == sebelum


@pytest.mark.django_db
@pytest.mark.parametrize("nama", ALUR)
def test_buttons_shown_are_exactly_the_steps_the_user_may_take_now(demo, nama):
    alur, obj, pengaju, pemutus, lain = _kasus(nama, demo)

    def tombol(user):
        return [t.aksi for t in tampilan(alur, user, obj, lambda a: f"/{a}/").tombol]

    assert tombol(pengaju) == ["ajukan"] and tombol(pemutus) == [] and tombol(lain) == []
    obj = jalankan(alur, pengaju, obj, "ajukan")
    assert tombol(pengaju) == [] and tombol(pemutus) == ["setujui", "kembalikan"]
    ket = tampilan(alur, pemutus, obj, lambda a: f"/{a}/").keterangan
    assert ket.startswith(f"diajukan oleh {pengaju.get_full_name() or pengaju.username} pada ")
    t = tampilan(alur, pemutus, obj, lambda a: f"/{a}/")
    assert [x.alasan_wajib for x in t.tombol] == [False, True]
    assert boleh(alur, pemutus, obj, "setujui") and not boleh(alur, lain, obj, "setujui")
    assert not boleh(alur, pemutus, obj, "tidak-ada")


@pytest.mark.django_db
def test_realisasi_may_be_submitted_by_the_admin_pemda_but_not_empty(demo):
    dps = PerangkatDaerah.objects.get(slug="disnaker-denpasar")
    admin = demo.get(username="admin.denpasar")
    kosong = status_triwulan(dps, 2021, 1)  # tahun tanpa realisasi
    with pytest.raises(AlurError, match="Belum ada realisasi yang diisi untuk triwulan ini"):
        jalankan(ALUR_REALISASI, admin, kosong, "ajukan")
    kosong.refresh_from_db()
    assert kosong.status == "draft"
    _kasus("realisasi", demo)  # mengisi satu realisasi triwulan IV
    assert jalankan(ALUR_REALISASI, admin, status_triwulan(dps, 2022, 4), "ajukan").sedang_diajukan
