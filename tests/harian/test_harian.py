"""Kerja harian: pengingat tenggat (sekali per pengguna per peristiwa, aplikasi dan surel),
pemberitahuan langkah alur, beranda per peran dengan kueri tetap, peringatan dini pada data demo."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.harian.beranda import beranda
from sakip.harian.kalender import bawaan
from sakip.harian.models import JenisTenggat, Notifikasi, PilihanPengguna, Tenggat
from sakip.harian.pemberitahuan import buat_pengingat
from sakip.harian.peringatan import peringatan_dini
from sakip.harian.surel import kirim_surel
from sakip.measurement.models import Realisasi
from sakip.organisations.models import Pemda, PerangkatDaerah
from tests.demo_cepat import muat_demo

pytestmark = pytest.mark.django_db

U = get_user_model()


@pytest.fixture
def demo():
    muat_demo()
    for u in U.objects.all():
        u.email = f"{u.username}@contoh.go.id"
        u.save(update_fields=["email"])


def test_tiga_hari_sebelum_tenggat_tepat_satu_pengingat_per_pengguna_dan_peristiwa(demo):
    # Klungkung 2024: tenggat LKjIP OPD bawaan 28/02/2025; jam dimajukan ke 25/02/2025
    tenggat = bawaan(2024)[JenisTenggat.LKJIP]
    assert tenggat == dt.date(2025, 2, 28)
    hari = tenggat - dt.timedelta(days=3)
    n1 = buat_pengingat(hari)
    terkirim1 = kirim_surel()
    n2 = buat_pengingat(hari)  # pekerja menjalankannya lagi sejam kemudian
    terkirim2 = kirim_surel()
    call_command("pengingat", "--tanggal", hari.isoformat())  # dan cron juga
    assert n1 > 0 and n2 == 0 and terkirim2 == 0 and terkirim1 == n1
    kunci = f"tenggat:{Pemda.objects.get(slug='kabupaten-klungkung').pk}:2024:lkjip:"
    kunci += str(PerangkatDaerah.objects.get(slug="disnaker-klungkung").pk)
    rows = list(Notifikasi.objects.filter(kunci=kunci).select_related("user"))
    penerima = sorted(n.user.username for n in rows)
    assert penerima == ["kepala.klungkung", "operator.klungkung"]
    assert all("28/02/2025 (3 hari lagi)" in n.judul for n in rows)
    assert all(n.tautan == "/opd/disnaker-klungkung/2024/" for n in rows)
    surel = [m for m in mail.outbox if "LKjIP Perangkat Daerah 2024" in m.subject]
    assert sorted(m.to[0] for m in surel) == [
        "kepala.klungkung@contoh.go.id",
        "operator.klungkung@contoh.go.id",
    ]
    # setiap pengguna-peristiwa tepat satu baris dan satu surel
    pasangan = [(n.user_id, n.kunci) for n in Notifikasi.objects.all()]
    assert len(pasangan) == len(set(pasangan))
    assert len(mail.outbox) == Notifikasi.objects.filter(surel="terkirim").count()


def test_tenggat_diubah_admin_pemda_dan_surel_dimatikan(demo):
    pemda = Pemda.objects.get(slug="kabupaten-klungkung")
    Tenggat.objects.create(
        pemda=pemda, tahun=2024, jenis=JenisTenggat.LKJIP, tanggal=dt.date(2025, 1, 31)
    )
    PilihanPengguna.objects.create(user=U.objects.get(username="kepala.klungkung"), surel=False)
    buat_pengingat(dt.date(2025, 2, 25))  # tanggal bawaan 28/02 tidak berlaku lagi
    assert not Notifikasi.objects.filter(kunci__contains=":2024:lkjip:").exists()
    buat_pengingat(dt.date(2025, 1, 30))
    kirim_surel()
    rows = Notifikasi.objects.filter(kunci__contains=":2024:lkjip:")
    assert {n.user.username: n.surel for n in rows} == {
        "kepala.klungkung": "tidak",
        "operator.klungkung": "terkirim",
    }
    assert [m.to for m in mail.outbox if "LKjIP" in m.subject] == [
        ["operator.klungkung@contoh.go.id"]
    ]


def test_yang_sudah_selesai_tidak_diingatkan(demo):
    from sakip.measurement.models import PersetujuanRealisasi

    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    st, _ = PersetujuanRealisasi.objects.get_or_create(opd=opd, tahun=2024, triwulan=3)
    PersetujuanRealisasi.objects.filter(pk=st.pk).update(status="diajukan")
    hari = dt.date(2024, 10, 7)  # tiga hari sebelum tenggat realisasi TW III (10/10/2024)
    buat_pengingat(hari)
    assert not Notifikasi.objects.filter(kunci__contains=":2024:realisasi_tw3:").exists()
    PersetujuanRealisasi.objects.filter(pk=st.pk).update(status="dikembalikan")
    buat_pengingat(hari)
    rows = Notifikasi.objects.filter(kunci__contains=":2024:realisasi_tw3:")
    assert sorted(n.user.username for n in rows) == ["kepala.klungkung", "operator.klungkung"]
    assert {n.tautan for n in rows} == {"/opd/disnaker-klungkung/2024/realisasi/tw3/"}


def test_langkah_alur_memberi_tahu_pemutus_lalu_pengaju(demo, client):
    from sakip.measurement.alur import ALUR_REALISASI
    from sakip.measurement.entry import status_triwulan
    from sakip.workflow.services import jalankan

    opd = PerangkatDaerah.objects.get(slug="disnaker-denpasar")
    st = status_triwulan(opd, 2022, 4)
    operator = U.objects.get(username="operator.disnaker")
    kepala = U.objects.get(username="kepala.disnaker")
    from sakip.measurement.models import Periode, Realisasi
    from sakip.planning.models import Indikator

    ind = Indikator.objects.filter(opd=opd, iku=True).first()
    Realisasi.objects.create(indikator=ind, tahun=2022, periode=Periode.TW4, nilai=Decimal(5))
    jalankan(ALUR_REALISASI, operator, st, "ajukan")
    n = Notifikasi.objects.get(user=kepala)
    assert n.judul.startswith("Menunggu persetujuan Anda: Realisasi TW IV 2022")
    assert n.tautan == "/opd/disnaker-denpasar/2022/realisasi/tw4/"
    assert not Notifikasi.objects.filter(user=operator).exists()
    jalankan(ALUR_REALISASI, kepala, st, "kembalikan", alasan="Bukti belum diunggah")
    balik = Notifikasi.objects.get(user=operator)
    assert balik.judul.startswith("Dikembalikan: Realisasi TW IV 2022")
    assert balik.isi == "Alasan: Bukti belum diunggah"
    # beranda Operator menampilkannya dengan alasannya; satu klik ke isian triwulan
    client.force_login(operator)
    html = client.get("/").content.decode()
    assert "Dikembalikan kepada Anda" in html and "Bukti belum diunggah" in html
    assert 'class="tombol-utama" href="/opd/disnaker-denpasar/2022/realisasi/tw4/"' in html


@pytest.mark.parametrize(
    "nama",
    [
        "operator.klungkung",
        "kepala.disnaker",
        "admin.contoh",
        "inspektorat.klungkung",
        "kabid.contoh",
    ],
)
def test_beranda_kueri_tetap(demo, nama):
    user = U.objects.get(username=nama)
    with CaptureQueriesContext(connection) as q1:
        beranda(user, dt.date(2025, 10, 7))
    # data bertambah (OPD baru dengan data) tanpa menambah kueri
    from tests.salinan import salin_denpasar

    salin_denpasar("disnaker-salinan", "Dinas Salinan", 700)
    with CaptureQueriesContext(connection) as q2:
        beranda(user, dt.date(2025, 10, 7))
    assert len(q2.captured_queries) == len(q1.captured_queries) <= 16


def test_peringatan_dini_pada_data_contoh_tahun_lengkap_sama_dengan_capaian(demo):
    from sakip.measurement.services import pengukuran

    opd = PerangkatDaerah.objects.select_related("pemda").get(slug="disnaker-contoh")
    hasil = peringatan_dini([opd], 2025)[opd.pk]
    assert hasil, "data contoh 2025 punya realisasi triwulan"
    ukur = {r.indikator.pk: r for r in pengukuran(opd, 2025)}
    for p in hasil:
        assert p.proyeksi.pasti
        assert p.proyeksi.nilai == ukur[p.indikator.pk].realisasi
        assert p.proyeksi.capaian.nilai == ukur[p.indikator.pk].capaian.nilai


def test_peringatan_dini_pada_data_klungkung_sama_dengan_capaian_yang_dihitung(demo):
    """Klungkung 2024 (laporan tahunan: hanya realisasi tahunan, tidak ada triwulan): proyeksinya
    nilai tahun itu, capaiannya sama dengan pengukuran, dan tidak ada yang ditandai berisiko
    kecuali capaian yang dihitung memang di bawah 100%."""
    from sakip.measurement.services import pengukuran

    opd = PerangkatDaerah.objects.select_related("pemda").get(slug="disnaker-klungkung")
    hasil = peringatan_dini([opd], 2024)[opd.pk]
    ukur = {r.indikator.pk: r for r in pengukuran(opd, 2024) if r.indikator.iku}
    assert {p.indikator.pk for p in hasil} == {
        k for k, r in ukur.items() if r.realisasi is not None
    }
    assert {p.indikator.kode for p in hasil} >= {"S2-1"}
    for p in hasil:
        r = ukur[p.indikator.pk]
        assert p.proyeksi.pasti and p.proyeksi.alasan == "realisasi tahunan"
        assert (p.proyeksi.nilai, p.proyeksi.capaian.nilai) == (r.realisasi, r.capaian.nilai)
        assert p.proyeksi.berisiko == (r.capaian.nilai < 100)
    s21 = next(p for p in hasil if p.indikator.kode == "S2-1")
    assert s21.proyeksi.nilai == 0 and not s21.proyeksi.berisiko  # 0 perselisihan, target ≤ 2


@pytest.mark.parametrize(
    "hari,tw",
    [
        (dt.date(2025, 1, 5), 1),
        (dt.date(2025, 4, 10), 1),  # hari tenggat TW I: masih TW I
        (dt.date(2025, 4, 11), 2),
        (dt.date(2025, 10, 7), 3),
        (dt.date(2025, 12, 31), 4),
    ],
)
def test_triwulan_isian_mengikuti_tenggat_laporan(hari, tw):
    from sakip.harian.beranda import _tw_entri

    assert _tw_entri(2025, hari) == tw
    assert _tw_entri(2024, hari) == 4


def test_beranda_pejabat_isian_cabangnya_dan_pk_jenjangnya(demo):
    from sakip.measurement.entry import indikator_isian
    from sakip.organisations.models import Jabatan
    from sakip.organisations.permissions import cabang_jabatan
    from sakip.planning.models import PerjanjianKinerja
    from sakip.planning.services import buat_pk_jabatan

    user = U.objects.get(username="kabid.contoh")
    opd = PerangkatDaerah.objects.get(slug="disnaker-contoh")
    cabang = indikator_isian(opd, 2025, cabang=cabang_jabatan(user, opd))
    assert len(cabang) >= 2
    hari = dt.date(2025, 7, 3)  # sebelum tenggat TW II
    b = beranda(user, hari)
    assert "Pejabat (Kepala Bidang/Seksi)" in b.peran
    assert b.entri.tautan == "/opd/disnaker-contoh/2025/realisasi/tw2/"
    isian, pk = b.bagian[0], b.bagian[1]
    # realisasi tahunan bukan isian TW II: halaman yang ditautkan kosong, beranda mengatakannya
    (butir,) = isian.butir
    assert butir.judul == f"TW II 2025: {len(cabang)} indikator belum diisi"
    assert [x.judul for x in pk.butir] == [
        "PK Kepala Bidang Penempatan dan Perluasan Kesempatan Kerja 2025 belum dibuat"
    ]
    # yang harus bertindak disebut: Operator menyusun PK jabatan dan mengajukan realisasi OPD
    assert pk.butir[0].keterangan.startswith("Disusun Operator OPD")
    assert "Operator OPD mengajukan realisasi" in isian.catatan
    for i in cabang[2:]:
        Realisasi.objects.update_or_create(
            indikator=i, tahun=2025, periode="tw2", defaults={"nilai": 1}
        )
    buat_pk_jabatan(
        U.objects.get(username="admin"),
        Jabatan.objects.get(opd=opd, kode="kabid-penempatan"),
        2025,
    )
    PerjanjianKinerja.objects.filter(jabatan__kode="kabid-penempatan").update(
        status="dikembalikan", alasan="Target TW II belum sesuai Renja"
    )
    b = beranda(user, hari)
    (pk,) = b.bagian[1].butir
    assert pk.judul.startswith("PK Kepala Bidang Penempatan") and "(versi 1)" in pk.judul
    assert pk.keterangan.endswith("alasan: Target TW II belum sesuai Renja")
    assert pk.tingkat == "bahaya" and pk.tautan == "/opd/disnaker-contoh/2025/jabatan/"
    (butir,) = b.bagian[0].butir
    assert butir.judul == "TW II 2025: 2 indikator belum diisi"
    assert butir.keterangan == f"{cabang[0].nama}; {cabang[1].nama}"
    assert butir.tautan == "/opd/disnaker-contoh/2025/realisasi/tw2/"
    # Operator yang sama OPD-nya tidak melihat indikator cabang itu sebagai miliknya sendiri
    assert all(
        "cabang" not in x.judul
        for x in beranda(U.objects.get(username="admin.contoh"), hari).bagian
    )


def test_perintah_pengingat_menolak_tanggal_salah(demo):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="bukan tanggal"):
        call_command("pengingat", "--tanggal", "31-02-2025")


def test_kalender_tanggal_salah_disebut_dan_tidak_ada_yang_disimpan(demo, client):
    pemda = Pemda.objects.get(slug="kabupaten-klungkung")
    url = "/pemda/kabupaten-klungkung/2024/kalender/"
    client.force_login(U.objects.get(username="inspektorat.klungkung"))
    assert client.post(url, {"pk": "2024-01-15"}).status_code == 403
    client.force_login(U.objects.get(username="admin"))
    resp = client.post(url, {"pk": "2024-01-15", "lkjip": "28-02-2025"})
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "LKjIP Perangkat Daerah: &#x27;28-02-2025&#x27; bukan tanggal" in html
    assert not Tenggat.objects.filter(pemda=pemda).exists()  # PK yang benar pun tidak disimpan
    assert client.post(url, {"pk": "2024-01-15"}).status_code == 302
    assert list(Tenggat.objects.filter(pemda=pemda).values_list("jenis", "tanggal")) == [
        ("pk", dt.date(2024, 1, 15))
    ]


def test_beranda_operator_menghitung_isian_triwulan_seperti_halaman_isian(demo, client):
    """TW IV 2024 Klungkung: seed hanya berisi realisasi tahunan; halaman isian TW IV kosong, maka
    beranda tidak boleh berkata "Semua indikator sudah terisi"."""
    from sakip.measurement.entry import indikator_isian

    user = U.objects.get(username="operator.klungkung")
    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    hari = dt.date(2025, 1, 6)  # sebelum tenggat TW IV 2024
    isian = indikator_isian(opd, 2024)
    kosong = [
        i
        for i in isian
        if not Realisasi.objects.filter(indikator=i, tahun=2024, periode="tw4").exists()
    ]
    assert len(kosong) == len(isian) == 3
    (butir,) = beranda(user, hari).bagian[0].butir
    assert butir.judul == f"TW IV 2024: {len(isian)} indikator belum diisi"
    assert butir.tautan == "/opd/disnaker-klungkung/2024/realisasi/tw4/"
    # halaman yang ditautkan memang menampilkan baris-baris itu kosong
    client.force_login(user)
    html = client.get(butir.tautan).content.decode()
    assert all(i.nama in html for i in kosong)
    for i in kosong[:2]:
        Realisasi.objects.create(indikator=i, tahun=2024, periode="tw4", nilai=Decimal(5))
    (butir,) = beranda(user, hari).bagian[0].butir
    assert butir.judul == f"TW IV 2024: {len(isian) - 2} indikator belum diisi"
    for i in kosong[2:]:
        Realisasi.objects.create(indikator=i, tahun=2024, periode="tw4", nilai=Decimal(5))
    isian_bagian = beranda(user, hari).bagian[0]
    assert isian_bagian.butir == [] and isian_bagian.kosong == "Semua indikator sudah terisi."
