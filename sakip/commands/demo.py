"""Data demo: kedua laporan contoh dan satu akun per peran."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from sakip.core.numbers import format_angka
from sakip.evaluation.models import Evaluasi
from sakip.evaluation.muat import muat_evaluasi
from sakip.interchange.importer import import_file
from sakip.organisations.models import Jabatan, Keanggotaan, Pemda, Peran, PerangkatDaerah
from sakip.paths import SEEDS_DIR
from sakip.rpjmd.models import RPJMD

SEED_FILES = ["denpasar-2022.yaml", "klungkung-2024.yaml"]
# Pemda contoh (data rekaan bertanda ``contoh``): tiga OPD berlainan jenis dan RPJMD-nya.
CONTOH_FILES = [
    "contoh/disnaker-contoh-2025.yaml",
    "contoh/bappeda-contoh-2025.yaml",
    "contoh/kecamatan-contoh-utara-2025.yaml",
]
# Berkas Pemda (RPJMD/RPD, jabatan, keselarasan); diimpor sesudah berkas OPD yang ditunjuknya.
SEED_PEMDA = ["denpasar-rpjmd.yaml", "klungkung-rpd.yaml", "contoh/pemda-contoh.yaml"]
# Evaluasi AKIP contoh atas kedua laporan (sakip/seeds/evaluasi/, bukan LHE resmi).
SEED_EVALUASI = ["denpasar-2022.yaml", "klungkung-2024.yaml"]


@dataclass(frozen=True)
class AkunDemo:
    username: str
    password: str
    peran: str
    pemda_slug: str
    opd_slug: str | None
    superuser: bool = False
    jabatan_kode: str | None = None


AKUN_DEMO = [
    AkunDemo("admin", "sakip-admin-demo", "superuser (admin situs)", "kota-denpasar", None, True),
    AkunDemo("admin.denpasar", "sakip-demo-2022", Peran.ADMIN_PEMDA, "kota-denpasar", None),
    AkunDemo(
        "operator.disnaker",
        "sakip-demo-2022",
        Peran.OPERATOR_OPD,
        "kota-denpasar",
        "disnaker-denpasar",
    ),
    AkunDemo(
        "kepala.disnaker", "sakip-demo-2022", Peran.KEPALA_OPD, "kota-denpasar", "disnaker-denpasar"
    ),
    AkunDemo("inspektorat.denpasar", "sakip-demo-2022", Peran.INSPEKTORAT, "kota-denpasar", None),
    AkunDemo(
        "kabid.perluasan",
        "sakip-demo-2022",
        Peran.PEJABAT,
        "kota-denpasar",
        "disnaker-denpasar",
        jabatan_kode="kabid-perluasan",
    ),
    AkunDemo("admin.contoh", "sakip-demo-2025", Peran.ADMIN_PEMDA, "kabupaten-contoh", None),
    AkunDemo(
        "kabid.contoh",
        "sakip-demo-2025",
        Peran.PEJABAT,
        "kabupaten-contoh",
        "disnaker-contoh",
        jabatan_kode="kabid-penempatan",
    ),
    AkunDemo(
        "operator.klungkung",
        "sakip-demo-2024",
        Peran.OPERATOR_OPD,
        "kabupaten-klungkung",
        "disnaker-klungkung",
    ),
    AkunDemo(
        "kepala.klungkung",
        "sakip-demo-2024",
        Peran.KEPALA_OPD,
        "kabupaten-klungkung",
        "disnaker-klungkung",
    ),
    AkunDemo(
        "inspektorat.klungkung", "sakip-demo-2024", Peran.INSPEKTORAT, "kabupaten-klungkung", None
    ),
]


def load_seeds(force: bool = False) -> list[str]:
    """Impor kedua laporan contoh bila belum ada (atau bila ``force``)."""
    done = []
    for name in SEED_FILES + CONTOH_FILES:
        slug = {
            "denpasar-2022.yaml": "disnaker-denpasar",
            "klungkung-2024.yaml": "disnaker-klungkung",
        }.get(name) or name.split("/")[-1].rsplit("-", 1)[0]
        if not force and PerangkatDaerah.objects.filter(slug=slug).exists():
            continue
        hasil = import_file(SEEDS_DIR / name)
        done.append(hasil.ringkasan())
    if done or not RPJMD.objects.exists():
        for name in SEED_PEMDA:
            done.append(import_file(SEEDS_DIR / name).ringkasan())
    for name in SEED_EVALUASI:
        opd_slug, tahun = name.rsplit("-", 1)[0], int(name.rsplit("-", 1)[1].split(".")[0])
        slug = {"denpasar": "disnaker-denpasar", "klungkung": "disnaker-klungkung"}[opd_slug]
        if not Evaluasi.objects.filter(opd__slug=slug, tahun=tahun).exists():
            ev = muat_evaluasi(SEEDS_DIR / "evaluasi" / name)
            done.append(
                f"Evaluasi AKIP {ev.opd.nama} {tahun}: {format_angka(ev.nilai, 2)} ({ev.predikat})"
            )
    # yang sudah disetujui/final di data contoh terbit di portal publik (/publik/)
    from sakip.publikasi.services import lengkapi

    for t in lengkapi():
        done.append(f"Terbit di portal publik: {t.judul}")
    return done


@transaction.atomic
def ensure_demo_users() -> list[AkunDemo]:
    User = get_user_model()
    for akun in AKUN_DEMO:
        user, created = User.objects.get_or_create(username=akun.username)
        if created:
            user.set_password(akun.password)
        user.is_staff = akun.superuser
        user.is_superuser = akun.superuser
        user.save()
        if not akun.superuser:
            pemda = Pemda.objects.get(slug=akun.pemda_slug)
            opd = PerangkatDaerah.objects.get(slug=akun.opd_slug) if akun.opd_slug else None
            jabatan = (
                Jabatan.objects.get(opd=opd, kode=akun.jabatan_kode) if akun.jabatan_kode else None
            )
            Keanggotaan.objects.get_or_create(
                user=user, peran=akun.peran, pemda=pemda, opd=opd, defaults={"jabatan": jabatan}
            )
    return AKUN_DEMO
