"""Every URL and API endpoint, with every role: allowed or refused, enforced on the server."""

import pytest

from sakip.evaluation.models import Rekomendasi
from sakip.planning.models import Indikator
from sakip.review.models import TemuanReviu
from tests.demo_cepat import muat_demo

ROLES = {
    "publik": None,
    "operator": ("operator.disnaker", "sakip-demo-2022"),
    "kepala": ("kepala.disnaker", "sakip-demo-2022"),
    "admin_pemda": ("admin.denpasar", "sakip-demo-2022"),
    "inspektorat": ("inspektorat.denpasar", "sakip-demo-2022"),
    "kabid": ("kabid.perluasan", "sakip-demo-2022"),
    "opd_lain": ("operator.klungkung", "sakip-demo-2024"),
    "inspektorat_lain": ("inspektorat.klungkung", "sakip-demo-2024"),
    "superuser": ("admin", "sakip-admin-demo"),
}
DPS = {"operator", "kepala", "admin_pemda", "inspektorat", "superuser", "kabid"}
BASE = "/opd/disnaker-denpasar/2022"
PEMDA = "/pemda/kota-denpasar/2022"
ADMIN = {"admin_pemda", "superuser"}

# (method, url, data, roles allowed)
MATRIX = [
    ("get", "/", None, set(ROLES)),
    # publik: diarahkan ke portal publik (evaluasi Denpasar 2022 terbit), bukan halaman kerja
    ("get", f"{BASE}/", None, DPS | {"publik"}),
    ("get", f"{BASE}/renstra/", None, DPS),
    ("get", f"{BASE}/reviu/", None, DPS),
    ("get", f"{BASE}/narasi/", None, DPS),
    ("get", f"{BASE}/realisasi/tw1/", None, DPS),
    ("get", f"{BASE}/dokumen/lkjip.html", None, DPS),
    ("get", f"{BASE}/dokumen/pengukuran.html", None, DPS),
    ("get", "/pemda/kota-denpasar/2022/", None, {"admin_pemda", "inspektorat", "superuser"}),
    ("get", "/admin/", None, {"superuser"}),
    ("post", f"{BASE}/reviu/jalankan/", {}, {"inspektorat", "superuser"}),
    # laporan tercetak: dilihat seperti halaman reviu, diunggah/dibetulkan/direviu Inspektorat
    ("get", f"{BASE}/reviu/laporan/", None, DPS),
    ("post", f"{BASE}/reviu/laporan/", {}, {"inspektorat", "superuser"}),
    ("get", f"{BASE}/reviu/laporan/{{laporan}}/", None, DPS),
    (
        "post",
        f"{BASE}/reviu/laporan/{{laporan}}/sel/0/",
        {"teks": "5"},
        {"inspektorat", "superuser"},
    ),
    ("post", f"{BASE}/reviu/laporan/{{laporan}}/reviu/", {}, {"inspektorat", "superuser"}),
    (
        "post",
        f"{BASE}/reviu/temuan/{{temuan}}/",
        {"status": "ditindaklanjuti", "tanggapan": "x"},
        {"inspektorat", "superuser"},
    ),
    ("post", f"{BASE}/narasi/", {}, {"operator", "admin_pemda", "superuser"}),
    ("post", f"{BASE}/realisasi/tw1/", {}, {"operator", "admin_pemda", "superuser", "kabid"}),
    ("post", f"{BASE}/realisasi/tw1/alur/ajukan/", {}, {"operator", "admin_pemda", "superuser"}),
    ("post", f"{BASE}/realisasi/tw1/alur/setujui/", {}, {"kepala", "superuser"}),
    (
        "post",
        f"{BASE}/realisasi/tw1/bukti/{{indikator}}/",
        {"tautan": "https://bps.go.id"},
        {"operator", "admin_pemda", "superuser"},
    ),
    # Kepala Bidang Perluasan Kesempatan Kerja: cabangnya sendiri (program 2.07.04), bukan cabang lain
    (
        "post",
        f"{BASE}/realisasi/tw1/bukti/{{indikator_cabang}}/",
        {"tautan": "https://bps.go.id"},
        {"operator", "admin_pemda", "superuser", "kabid"},
    ),
    (
        "post",
        f"{BASE}/realisasi/tw1/bukti/{{indikator_cabang_lain}}/",
        {"tautan": "https://bps.go.id"},
        {"operator", "admin_pemda", "superuser"},
    ),
    ("get", f"{BASE}/pohon/", None, DPS),
    ("get", f"{BASE}/jabatan/", None, DPS),
    ("post", f"{BASE}/pk/buat/", {"jabatan": "kabid-perluasan"}, {"operator", "superuser"}),
    ("get", "/api/pemda/kota-denpasar/2022/rpjmd", None, DPS),
    ("get", "/api/pemda/kota-denpasar/2022/pohon?opd=disnaker-denpasar", None, DPS),
    ("get", f"{PEMDA}/rpjmd/", None, DPS),
    ("get", f"{PEMDA}/rpjmd/excel/templat.xlsx", None, DPS),
    ("post", f"{PEMDA}/rpjmd/excel/", {"batal": "1"}, ADMIN),
    ("get", f"{PEMDA}/pohon/", None, DPS),
    ("get", f"{PEMDA}/dokumen/pk-pemda.html", None, DPS),
    ("get", f"{PEMDA}/dokumen/pohon.html?opd=disnaker-denpasar", None, DPS),
    ("post", f"{PEMDA}/rpjmd/tujuan/", {"kode": "X", "uraian": "x"}, ADMIN),
    ("post", f"{PEMDA}/rpjmd/tautkan/", {"jenis": "sasaran"}, ADMIN),
    ("post", f"{PEMDA}/rpjmd/{{rpjmd}}/alur/ajukan/", {}, ADMIN),
    ("post", f"{BASE}/lkjip/ajukan/", {}, {"operator", "superuser"}),
    ("post", f"{BASE}/lkjip/setujui/", {}, {"kepala", "superuser"}),
    ("post", f"{BASE}/lkjip/kembalikan/", {"alasan": "x"}, {"kepala", "superuser"}),
    ("post", f"{BASE}/pk/buat/", {}, {"operator", "superuser"}),
    ("post", f"{BASE}/pk/setujui/", {"versi": 1}, {"kepala", "superuser"}),
    ("get", f"{BASE}/excel/", None, DPS),
    ("get", f"{BASE}/anggaran/", None, DPS),
    ("get", f"{BASE}/target/", None, DPS),
    ("post", f"{BASE}/target/", {}, {"operator", "admin_pemda", "superuser"}),
    ("post", f"{BASE}/anggaran/", {}, {"operator", "admin_pemda", "superuser"}),
    ("get", "/pemda/kota-denpasar/kelola/", None, {"admin_pemda", "superuser"}),
    ("get", f"{BASE}/excel/templat.xlsx", None, DPS),
    ("post", f"{BASE}/excel/", {}, {"operator", "admin_pemda", "superuser"}),
    ("get", f"{BASE}/rencana/", None, DPS),
    ("get", f"{BASE}/rencana/buku.xlsx", None, DPS),
    ("post", f"{BASE}/rencana/", {}, {"operator", "admin_pemda", "superuser"}),
    ("get", f"{BASE}/renstra/susun/", None, DPS),
    ("post", f"{BASE}/buka-tahun/", {}, {"operator", "superuser"}),
    ("post", f"{BASE}/renstra/susun/tujuan/", {}, {"operator", "admin_pemda", "superuser"}),
    ("get", "/api/opd", None, set(ROLES)),  # publik: hanya OPD-tahun yang terbit
    ("get", "/api/pemda", None, set(ROLES)),
    ("get", "/api/opd/disnaker-denpasar/2022/renstra", None, DPS),
    ("get", "/api/opd/disnaker-denpasar/2022/pk", None, DPS),
    ("get", "/api/opd/disnaker-denpasar/2022/realisasi", None, DPS),
    ("get", "/api/opd/disnaker-denpasar/2022/dokumen/pengukuran?format=html", None, DPS),
    (
        "get",
        "/api/pemda/kota-denpasar/2022/peringkat",
        None,
        {"admin_pemda", "inspektorat", "superuser"},
    ),
    ("get", "/api/opd/disnaker-denpasar/2022/pengukuran", None, DPS),
    ("get", "/api/opd/disnaker-denpasar/2022/anggaran", None, DPS),
    ("get", "/api/opd/disnaker-denpasar/2022/temuan", None, DPS),
    ("get", "/api/opd/disnaker-denpasar/2022/realisasi/4", None, DPS),
    (
        "post",
        "/api/opd/disnaker-denpasar/2022/realisasi/1",
        {"isian": []},
        # sama dengan halaman isian (sakip.akses, Aksi.ISI): Pejabat mengisi cabang jabatannya
        {"operator", "admin_pemda", "superuser", "kabid"},
    ),
    # Evaluasi AKIP (demo: evaluasi Denpasar 2022 sudah final; publik melihat nilai dan predikat)
    ("get", f"{BASE}/evaluasi/", None, DPS | {"publik"}),
    ("get", f"{BASE}/evaluasi/lke.xlsx", None, DPS),
    ("get", f"{BASE}/dokumen/lhe.html", None, DPS),
    ("get", "/api/opd/disnaker-denpasar/2022/evaluasi", None, DPS | {"publik"}),
    ("get", f"{PEMDA}/evaluasi/", None, {"admin_pemda", "inspektorat", "superuser"}),
    (
        "get",
        "/api/pemda/kota-denpasar/2022/evaluasi",
        None,
        {"admin_pemda", "inspektorat", "superuser"},
    ),
    (
        "get",
        "/pemda/kota-denpasar/evaluasi/templat/",
        None,
        {"admin_pemda", "inspektorat", "superuser"},
    ),
    ("post", "/pemda/kota-denpasar/evaluasi/templat/", {}, ADMIN),
    (
        "post",
        f"{BASE}/evaluasi/rekomendasi/{{rekomendasi}}/",
        {"status": "proses", "tindak_lanjut": "x"},
        {"operator", "kepala", "superuser"},
    ),
    ("post", f"{BASE}/evaluasi/alur/ajukan/", {}, {"operator", "kepala", "superuser"}),
    ("post", f"{BASE}/evaluasi/alur/setujui/", {}, {"inspektorat", "superuser"}),
    (
        "post",
        f"{BASE}/evaluasi/simpan/",
        {},
        set(),
    ),  # final: nobody edits; corrections are versions
    ("post", f"{BASE}/evaluasi/versi/", {"alasan": "koreksi"}, {"inspektorat", "superuser"}),
    # after the correction (only those two could make it) the new version is with the Inspektorat
    ("post", f"{BASE}/evaluasi/simpan/", {}, {"inspektorat", "superuser"}),
    ("post", f"{BASE}/evaluasi/unggah/", {}, {"inspektorat", "superuser"}),
    ("post", f"{BASE}/evaluasi/mulai/", {}, {"operator", "kepala", "inspektorat", "superuser"}),
    # tugas latar: dilihat (dan diulang) oleh yang boleh melihat OPD/Pemda-nya
    ("get", "/tugas/", None, set(ROLES) - {"publik"}),
    ("get", "/tugas/{tugas}/", None, DPS),
    ("post", "/tugas/{tugas}/ulangi/", {}, DPS),
    ("get", "/tugas/{tugas_pemda}/", None, {"admin_pemda", "inspektorat", "superuser"}),
    (
        "post",
        f"{PEMDA}/lkjip-semua/",
        {"format": "html"},
        {"admin_pemda", "inspektorat", "superuser"},
    ),
    # kerja harian: pemberitahuan dan pencarian untuk setiap pengguna yang masuk; kalender Pemda
    # dilihat pengguna Pemda itu, diubah hanya Admin Pemda
    ("get", "/pemberitahuan/", None, set(ROLES) - {"publik"}),
    ("get", "/pemberitahuan/jumlah/", None, set(ROLES) - {"publik"}),
    ("post", "/pemberitahuan/baca/", {}, set(ROLES) - {"publik"}),
    ("post", "/pemberitahuan/surel/", {"surel": "1"}, set(ROLES) - {"publik"}),
    ("get", "/cari/?q=kerja", None, set(ROLES) - {"publik"}),
    ("get", f"{PEMDA}/kalender/", None, DPS),
    ("post", f"{PEMDA}/kalender/", {"pk": "2022-02-15"}, ADMIN),
    # last: deleting the uploaded report (the entries above use it)
    ("post", f"{BASE}/reviu/laporan/{{laporan}}/hapus/", {}, {"inspektorat", "superuser"}),
]


def _denied(resp, role):
    if resp.status_code in (401, 403):
        return True
    if resp.status_code == 404 and role == "publik":
        return True  # the public does not see unapproved data at all
    if resp.status_code == 302 and (
        "/masuk/" in resp["Location"]
        or "/admin/login/" in resp["Location"]
        or resp["Location"].startswith("/akun/2fa/")
    ):
        return True
    return False


def _siapkan():
    muat_demo()
    from sakip.organisations.models import PerangkatDaerah
    from sakip.review.services import perbarui_temuan

    perbarui_temuan(PerangkatDaerah.objects.get(slug="disnaker-denpasar"), 2022)
    from sakip.measurement.models import Realisasi
    from sakip.rpjmd.models import RPJMD

    dps = {"opd__slug": "disnaker-denpasar"}
    cabang = Indikator.objects.get(
        sub_kegiatan__kode="2.07.04.2.03.02", nama__startswith="Leaflet", **dps
    )
    lain = Indikator.objects.filter(sub_kegiatan__kegiatan__program__kode="2.07.05", **dps).first()
    for ind in (cabang, lain):
        Realisasi.objects.get_or_create(
            indikator=ind, tahun=2022, periode="tw1", defaults={"nilai": 1}
        )
    from sakip.interchange.baca.layanan import unggah_laporan
    from sakip.paths import SEEDS_DIR

    lap = unggah_laporan(
        PerangkatDaerah.objects.get(slug="disnaker-denpasar"),
        2022,
        "denpasar-2022.txt",
        (SEEDS_DIR / "teks" / "denpasar-2022.txt").read_bytes(),
    )
    from sakip.tugas.dokumen import SEMUA_LKJIP, Permintaan
    from sakip.tugas.services import antrekan_dokumen

    opd = PerangkatDaerah.objects.select_related("pemda").get(slug="disnaker-denpasar")
    tugas, _ = antrekan_dokumen(Permintaan.untuk_opd("lkjip", opd, 2022, "pdf"))
    tugas_pemda, _ = antrekan_dokumen(Permintaan(SEMUA_LKJIP, "pdf", 2022, opd.pemda))
    return {
        "tugas": tugas.pk,
        "tugas_pemda": tugas_pemda.pk,
        "laporan": lap.pk,
        "temuan": TemuanReviu.objects.first().pk,
        "indikator": Indikator.objects.get(kode="T1-1", **dps).pk,
        "indikator_cabang": cabang.pk,
        "indikator_cabang_lain": lain.pk,
        "rpjmd": RPJMD.objects.get(pemda__slug="kota-denpasar").pk,
        "rekomendasi": Rekomendasi.objects.filter(evaluasi__opd__slug="disnaker-denpasar")
        .first()
        .pk,
    }


def _periksa(client, role, subst, boleh) -> list[str]:
    problems = []
    for method, url, data, allowed in MATRIX:
        url = url.format(**subst)
        if method == "get":
            resp = client.get(url)
        elif url.startswith("/api/"):
            resp = client.post(url, data, content_type="application/json")
        else:
            resp = client.post(url, data)
        denied = _denied(resp, role)
        if boleh(role, allowed) == denied:
            problems.append(
                f"{method.upper()} {url}: {resp.status_code} ({'ditolak' if denied else 'diizinkan'})"
            )
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(ROLES))
def test_permission_matrix(client, role):
    subst = _siapkan()
    if ROLES[role]:
        assert client.login(username=ROLES[role][0], password=ROLES[role][1])
    problems = _periksa(client, role, subst, lambda r, allowed: r in allowed)
    assert not problems, f"peran {role}:\n" + "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin_pemda", "inspektorat", "superuser", "operator"])
def test_permission_matrix_when_two_factor_is_required(client, settings, role):
    """With SAKIP_2FA_WAJIB a password alone reaches nothing for the roles that change or approve a
    whole Pemda's data (every page and API call refused); after the second step, the usual matrix.
    Other roles are not affected."""
    from tests.otp import daftar_2fa

    settings.SAKIP_2FA_WAJIB = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    subst = _siapkan()
    assert client.login(username=ROLES[role][0], password=ROLES[role][1])
    if role != "operator":
        problems = _periksa(client, role, subst, lambda r, allowed: False)
        assert not problems, f"peran {role} tanpa langkah kedua:\n" + "\n".join(problems)
        daftar_2fa(client, ROLES[role][0])
    problems = _periksa(client, role, subst, lambda r, allowed: r in allowed)
    assert not problems, f"peran {role} dengan langkah kedua:\n" + "\n".join(problems)
