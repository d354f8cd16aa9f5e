"""Masuk dua langkah: wajib untuk Admin Pemda, Inspektorat dan superuser; pilihan bagi yang lain;
setel ulang oleh Admin Pemda; semua tercatat di jejak audit; sesi berakhir setelah tidak aktif."""

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sakip.audit.models import JejakAudit
from tests.demo_cepat import muat_demo
from tests.otp import daftar_2fa, kode_totp

DASBOR = "/pemda/kota-denpasar/2022/"


@pytest.fixture
def wajib(settings, db):
    settings.SAKIP_2FA_WAJIB = True
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0
    muat_demo()
    return settings


def test_inspektorat_enrols_then_every_sign_in_needs_the_second_step(client, wajib):
    assert client.login(username="inspektorat.denpasar", password="sakip-demo-2022")
    resp = client.get(DASBOR)
    assert resp.status_code == 302 and resp["Location"].startswith("/akun/2fa/?next=")
    # potongan HTMX di halaman pendaftaran (lencana pemberitahuan) tidak menerima halaman itu
    # lagi di dalamnya: kosong, tanpa pengalihan
    lencana = client.get("/pemberitahuan/jumlah/", headers={"HX-Request": "true"})
    assert lencana.status_code == 204 and lencana.content == b""
    # API lewat sesi juga tertutup sebelum langkah kedua
    api = client.get("/api/opd")
    assert api.status_code == 403 and "dua langkah" in api.json()["detail"]
    page = client.get("/akun/2fa/").content.decode()
    assert "data:image/svg+xml;base64," in page and "wajib" in page
    resp = client.post("/akun/2fa/", {"aksi": "daftar", "token": "000000"})
    assert "Kode salah, coba lagi" in resp.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    device = TOTPDevice.objects.get(user__username="inspektorat.denpasar")
    resp = client.post("/akun/2fa/", {"aksi": "daftar", "token": kode_totp(device)})
    html = resp.content.decode()
    assert "hanya ditampilkan sekali" in html
    codes = __import__("re").findall(r"<li><code>(\w+)</code></li>", html)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get(DASBOR).status_code == 200
    assert JejakAudit.objects.filter(
        aksi=JejakAudit.Aksi.DAFTAR_2FA, objek="inspektorat.denpasar"
    ).exists()

    client.logout()
    assert client.login(username="inspektorat.denpasar", password="sakip-demo-2022")
    resp = client.get(DASBOR)
    assert resp["Location"].startswith("/akun/2fa/verifikasi/?next=")
    resp = client.post("/akun/2fa/verifikasi/", {"token": "123456", "next": DASBOR})
    assert "Kode salah atau sudah dipakai, coba lagi" in resp.content.decode()
    resp = client.post("/akun/2fa/verifikasi/", {"token": codes[0], "next": DASBOR})
    assert resp.status_code == 302 and resp["Location"] == DASBOR
    assert client.get(DASBOR).status_code == 200
    assert StaticToken.objects.filter(device__user__username="inspektorat.denpasar").count() == 9
    assert JejakAudit.objects.filter(aksi=JejakAudit.Aksi.PAKAI_KODE).count() == 1

    # kode pemulihan hanya sekali pakai; kode aplikasi berikutnya tetap berlaku
    client.logout()
    assert client.login(username="inspektorat.denpasar", password="sakip-demo-2022")
    resp = client.post("/akun/2fa/verifikasi/", {"token": codes[0], "next": DASBOR})
    assert resp.status_code == 200 and "sudah dipakai" in resp.content.decode()
    resp = client.post(
        "/akun/2fa/verifikasi/", {"token": kode_totp(device, langkah=1), "next": DASBOR}
    )
    assert resp.status_code == 302
    # peran wajib tidak dapat melepasnya sendiri
    resp = client.post("/akun/2fa/", {"aksi": "lepas"})
    assert "tidak dapat dilepas" in resp.content.decode()
    assert TOTPDevice.objects.filter(user__username="inspektorat.denpasar").exists()


def test_open_redirect_is_refused(client, wajib):
    client.login(username="inspektorat.denpasar", password="sakip-demo-2022")
    daftar_2fa(client, "inspektorat.denpasar")
    client.logout()
    client.login(username="inspektorat.denpasar", password="sakip-demo-2022")
    resp = client.post(
        "/akun/2fa/verifikasi/",
        {
            "token": kode_totp(TOTPDevice.objects.get(), langkah=1),
            "next": "https://contoh.invalid/",
        },
    )
    assert resp["Location"] == "/"


def test_operator_is_not_forced_but_may_opt_in_and_out(client, wajib):
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    assert client.get("/opd/disnaker-denpasar/2022/").status_code == 200
    daftar_2fa(client, "operator.disnaker")
    client.logout()
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    resp = client.get("/opd/disnaker-denpasar/2022/")
    assert resp["Location"].startswith("/akun/2fa/verifikasi/")
    device = TOTPDevice.objects.get(user__username="operator.disnaker")
    client.post("/akun/2fa/verifikasi/", {"token": kode_totp(device, langkah=1)})
    assert client.get("/opd/disnaker-denpasar/2022/").status_code == 200
    resp = client.post("/akun/2fa/", {"aksi": "lepas"}, follow=True)
    assert "dilepas" in resp.content.decode()
    assert not TOTPDevice.objects.filter(
        user__username="operator.disnaker", confirmed=True
    ).exists()
    assert JejakAudit.objects.filter(aksi=JejakAudit.Aksi.LEPAS_2FA).count() == 1


def test_admin_pemda_resets_password_and_second_factor_audited(client, wajib):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    # inspektorat mendaftar, lalu "kehilangan ponsel"
    client.login(username="inspektorat.denpasar", password="sakip-demo-2022")
    daftar_2fa(client, "inspektorat.denpasar")
    client.logout()
    client.login(username="admin.denpasar", password="sakip-demo-2022")
    daftar_2fa(client, "admin.denpasar")
    url = "/pemda/kota-denpasar/kelola/"
    page = client.get(url).content.decode()
    assert 'id="akun-inspektorat.denpasar"' in page
    target = User.objects.get(username="inspektorat.denpasar")
    resp = client.post(url, {"form": "2fa", "akun": target.pk}, follow=True)
    assert "disetel ulang" in resp.content.decode()
    assert not TOTPDevice.objects.filter(user=target).exists()
    resp = client.post(url, {"form": "sandi", "akun": target.pk, "sandi": "pendek"}, follow=True)
    assert "terlalu pendek" in resp.content.decode() or "minimal" in resp.content.decode()
    assert User.objects.get(pk=target.pk).check_password("sakip-demo-2022")
    client.post(url, {"form": "sandi", "akun": target.pk, "sandi": "Inspektorat-Baru-2026"})
    assert User.objects.get(pk=target.pk).check_password("Inspektorat-Baru-2026")
    events = list(
        JejakAudit.objects.filter(objek="inspektorat.denpasar", model="auth.User").order_by("id")
    )
    assert [e.aksi for e in events] == ["2fa-daftar", "2fa-reset", "sandi"]
    assert events[1].user.username == "admin.denpasar"
    page = client.get(url).content.decode()
    assert "Riwayat keamanan akun" in page and "Kata sandi disetel ulang" in page
    # bukan anggota Pemda ini, diri sendiri, atau superuser: ditolak, tidak ada yang berubah
    other = User.objects.get(username="inspektorat.klungkung")
    admin = User.objects.get(username="admin")
    me = User.objects.get(username="admin.denpasar")
    for pk in (other.pk, admin.pk, me.pk, "x"):
        resp = client.post(
            url, {"form": "sandi", "akun": pk, "sandi": "Sandi-Yang-Kuat-2026"}, follow=True
        )
        assert resp.status_code == 200 and 'class="galat"' in resp.content.decode()
    assert User.objects.get(pk=other.pk).check_password("sakip-demo-2024")
    # operator tidak dapat menyetel ulang siapa pun
    client.logout()
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    assert client.post(url, {"form": "2fa", "akun": me.pk}).status_code == 403
    assert TOTPDevice.objects.filter(user=me).exists()


def test_session_ends_after_inactivity(client, settings, db):
    muat_demo()
    settings.SAKIP_SESI_TIDAK_AKTIF = 60
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    assert client.get("/opd/disnaker-denpasar/2022/").status_code == 200
    session = client.session
    session["_aktif"] -= 61
    session.save()
    # potongan HTMX: seluruh halaman pindah ke halaman masuk (bukan halaman masuk di dalam potongan)
    potongan = client.get(
        "/pemberitahuan/jumlah/",
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/opd/x/?a=1"},
    )
    assert potongan.status_code == 204
    assert potongan["HX-Redirect"].startswith("/masuk/?next=/opd/x/%3Fa%3D1&habis=1")
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    session = client.session
    session["_aktif"] -= 61
    session.save()
    resp = client.get("/opd/disnaker-denpasar/2022/")
    assert resp.status_code == 302 and "habis=1" in resp["Location"]
    assert "lama tidak aktif" in client.get(resp["Location"]).content.decode()
    assert "_auth_user_id" not in client.session  # keluar: publik tidak melihat data ini


def test_wrong_codes_are_throttled(client, wajib):
    wajib.OTP_TOTP_THROTTLE_FACTOR = 10
    client.login(username="inspektorat.denpasar", password="sakip-demo-2022")
    client.get("/akun/2fa/")
    device = TOTPDevice.objects.get()
    client.post("/akun/2fa/", {"aksi": "daftar", "token": "000000"})
    resp = client.post("/akun/2fa/", {"aksi": "daftar", "token": kode_totp(device)})
    assert "Terlalu banyak kode salah" in resp.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_one_mistyped_code_is_not_too_many(client, wajib):
    """Issue 27: satu salah ketik (jeda bawaan 1 detik) bukan 'Terlalu banyak kode salah'; jeda
    baru disebut bila sungguh ada (beberapa kali salah), dan kode yang dikirim selama jeda
    dikatakan belum diperiksa."""
    import datetime as dt

    wajib.OTP_TOTP_THROTTLE_FACTOR = 1
    client.login(username="inspektorat.denpasar", password="sakip-demo-2022")
    client.get("/akun/2fa/")
    html = client.post("/akun/2fa/", {"aksi": "daftar", "token": "000000"}).content.decode()
    assert "Kode salah, coba lagi" in html and "Terlalu banyak" not in html
    assert "beberapa kali salah" not in html
    device = TOTPDevice.objects.get()
    device.throttling_failure_count = 5  # kelima kalinya: jeda 16 detik
    device.throttling_failure_timestamp = device.throttling_failure_timestamp - dt.timedelta(
        seconds=30
    )
    device.save()
    html = client.post("/akun/2fa/", {"aksi": "daftar", "token": "000000"}).content.decode()
    assert "Kode salah, coba lagi" in html and "beberapa kali salah" in html
    html = client.post(
        "/akun/2fa/", {"aksi": "daftar", "token": kode_totp(device)}
    ).content.decode()
    assert "Terlalu banyak kode salah; kode ini belum diperiksa" in html
