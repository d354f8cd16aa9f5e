import pytest
from django.contrib.auth import get_user_model

from sakip.organisations.models import Keanggotaan, PerangkatDaerah
from tests.demo_cepat import muat_demo

URL = "/pemda/kota-denpasar/kelola/"


@pytest.fixture
def admin_pemda(client, db):
    muat_demo()
    client.login(username="admin.denpasar", password="sakip-demo-2022")
    return client


@pytest.mark.django_db
def test_admin_pemda_adds_opd_and_users(admin_pemda):
    resp = admin_pemda.post(
        URL,
        {"form": "opd", "nama": "Dinas Kesehatan Kota Denpasar", "slug": "dinkes-denpasar"},
        follow=True,
    )
    assert "ditambahkan" in resp.content.decode()
    assert PerangkatDaerah.objects.get(slug="dinkes-denpasar").pemda.slug == "kota-denpasar"
    resp = admin_pemda.post(
        URL,
        {
            "form": "pengguna",
            "username": "operator.dinkes",
            "password": "Kesehatan-Denpasar-2025",
            "peran": "operator_opd",
            "opd": "dinkes-denpasar",
        },
        follow=True,
    )
    assert "Pengguna “operator.dinkes” ditambahkan" in resp.content.decode()
    k = Keanggotaan.objects.get(user__username="operator.dinkes")
    assert k.opd.slug == "dinkes-denpasar" and k.peran == "operator_opd"


@pytest.mark.django_db
def test_bad_input_and_other_pemda_opd(admin_pemda):
    html = admin_pemda.post(
        URL, {"form": "opd", "nama": "", "slug": "Dinas Kesehatan"}
    ).content.decode()
    assert "Nama Perangkat Daerah wajib diisi" in html and "Slug hanya huruf kecil" in html
    html = admin_pemda.post(
        URL,
        {
            "form": "pengguna",
            "username": "x",
            "password": "123",
            "peran": "operator_opd",
            "opd": "disnaker-klungkung",
        },
    ).content.decode()
    assert (
        "Nama pengguna 3–150 karakter" in html
        and "harus memilih Perangkat Daerah milik Pemda ini" in html
    )
    assert "terlalu" in html or "password" in html.lower() or "sandi" in html.lower()
    assert not get_user_model().objects.filter(username="x").exists()


@pytest.mark.django_db
def test_only_admin_pemda(client, db):
    muat_demo()
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    assert client.get(URL).status_code == 403
    client.login(username="admin.denpasar", password="sakip-demo-2022")
    assert client.get("/pemda/kabupaten-klungkung/kelola/").status_code == 403


@pytest.mark.django_db
def test_admin_pemda_adds_a_pejabat_bound_to_a_position(admin_pemda):
    from sakip.organisations.models import Jabatan

    html = admin_pemda.post(
        URL,
        {
            "form": "pengguna",
            "username": "kabid.hi",
            "password": "Hubungan-Industrial-2025",
            "peran": "pejabat",
            "jabatan": "",
        },
    ).content.decode()
    assert "Peran Pejabat harus memilih jabatan" in html
    lain = Jabatan.objects.get(opd__slug="disnaker-klungkung", kode="kabid-hi")
    html = admin_pemda.post(
        URL,
        {
            "form": "pengguna",
            "username": "kabid.hi",
            "password": "Hubungan-Industrial-2025",
            "peran": "pejabat",
            "jabatan": str(lain.pk),
        },
    ).content.decode()
    assert "Peran Pejabat harus memilih jabatan" in html  # another Pemda's position
    kabid = Jabatan.objects.get(opd__slug="disnaker-denpasar", kode="kabid-hi")
    resp = admin_pemda.post(
        URL,
        {
            "form": "pengguna",
            "username": "kabid.hi",
            "password": "Hubungan-Industrial-2025",
            "peran": "pejabat",
            "jabatan": str(kabid.pk),
        },
        follow=True,
    )
    assert "Kepala Bidang Hubungan Industrial" in resp.content.decode()
    k = Keanggotaan.objects.get(user__username="kabid.hi")
    assert (k.opd.slug, k.jabatan, k.peran) == ("disnaker-denpasar", kabid, "pejabat")


@pytest.mark.django_db
def test_admin_cannot_take_over_an_account_that_also_has_a_role_in_another_pemda(client, db):
    """Issue 27.1: Admin Pemda Contoh tidak boleh menyetel ulang inspektorat.klungkung hanya karena
    akun itu juga Operator di Contoh — itu memberi kuasa atas reviu Klungkung."""
    from sakip.organisations.models import Pemda, Peran

    muat_demo()
    User = get_user_model()
    korban = User.objects.get(username="inspektorat.klungkung")
    contoh = Pemda.objects.get(slug="kabupaten-contoh")
    Keanggotaan.objects.create(
        user=korban, peran=Peran.OPERATOR_OPD, pemda=contoh, opd=contoh.opd.first()
    )
    hash_lama = korban.password
    client.login(username="admin.contoh", password="sakip-demo-2025")
    url = "/pemda/kabupaten-contoh/kelola/"
    html = client.get(url).content.decode()
    baris = html[html.index('id="akun-inspektorat.klungkung"') :]
    baris = baris[: baris.index("</tr>")]
    assert "Kabupaten Klungkung" in baris and 'value="sandi"' not in baris
    assert "Siapa yang dapat Anda setel ulang" in html
    html = client.post(
        url, {"form": "sandi", "akun": korban.pk, "sandi": "Ambil-Alih-Klungkung-99"}
    ).content.decode()
    assert "hanya dapat disetel ulang administrator" in html
    korban.refresh_from_db()
    assert korban.password == hash_lama
    html = client.post(url, {"form": "2fa", "akun": korban.pk}).content.decode()
    assert "hanya dapat disetel ulang administrator" in html
    # akun yang semua perannya di Contoh tetap dapat disetel ulang
    sendiri = Keanggotaan.objects.filter(pemda=contoh).exclude(user__username="admin.contoh")
    sendiri = sendiri.exclude(user=korban).first().user
    resp = client.post(
        url, {"form": "sandi", "akun": sendiri.pk, "sandi": "Sandi-Baru-Contoh-2025"}, follow=True
    )
    assert "disetel ulang" in resp.content.decode()
    sendiri.refresh_from_db()
    assert sendiri.check_password("Sandi-Baru-Contoh-2025")


@pytest.mark.django_db
def test_superuser_may_reset_an_account_with_roles_in_several_pemda(client, db):
    from sakip.organisations import services
    from sakip.organisations.models import Pemda, Peran

    muat_demo()
    User = get_user_model()
    korban = User.objects.get(username="inspektorat.klungkung")
    contoh = Pemda.objects.get(slug="kabupaten-contoh")
    Keanggotaan.objects.create(
        user=korban, peran=Peran.OPERATOR_OPD, pemda=contoh, opd=contoh.opd.first()
    )
    root = User.objects.create_superuser("root.sakip", password="Root-Sakip-2025-x")
    services.setel_ulang_sandi(root, contoh, korban.pk, "Sandi-Dari-Root-2025")
    korban.refresh_from_db()
    assert korban.check_password("Sandi-Dari-Root-2025")
    staf = User.objects.create_user("staf.contoh", password="Staf-Contoh-2025-x", is_staff=True)
    Keanggotaan.objects.create(user=staf, peran=Peran.INSPEKTORAT, pemda=contoh)
    admin = User.objects.get(username="admin.contoh")
    with pytest.raises(services.KelolaError, match="hanya dapat disetel ulang administrator"):
        services.setel_ulang_sandi(admin, contoh, staf.pk, "Sandi-Dari-Admin-2025")
