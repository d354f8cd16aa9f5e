"""Pengelolaan Pemda oleh Admin Pemda: Perangkat Daerah dan akun pengguna beserta perannya."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from sakip.core.numbers import bilangan_id

from .models import Jabatan, Keanggotaan, Pemda, Peran, PerangkatDaerah

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class KelolaError(ValueError):
    def __init__(self, galat: dict[str, str]):
        self.galat = galat
        super().__init__("; ".join(galat.values()))


def boleh_kelola(user, pemda: Pemda) -> bool:
    return (
        user.is_superuser
        or Keanggotaan.objects.filter(user=user, pemda=pemda, peran=Peran.ADMIN_PEMDA).exists()
    )


@transaction.atomic
def tambah_opd(user, pemda: Pemda, nama: str, slug: str, singkatan: str = "") -> PerangkatDaerah:
    if not boleh_kelola(user, pemda):
        raise KelolaError({"umum": "Hanya Admin Pemda yang dapat menambah Perangkat Daerah."})
    galat = {}
    nama, slug = nama.strip(), slug.strip()
    if not nama:
        galat["nama"] = "Nama Perangkat Daerah wajib diisi"
    if not SLUG.match(slug):
        galat["slug"] = "Slug hanya huruf kecil, angka dan tanda hubung, mis. dinas-kesehatan"
    elif PerangkatDaerah.objects.filter(slug=slug).exists():
        galat["slug"] = f"Slug '{slug}' sudah dipakai"
    if galat:
        raise KelolaError(galat)
    return PerangkatDaerah.objects.create(
        pemda=pemda, nama=nama, slug=slug, singkatan=singkatan.strip()
    )


@transaction.atomic
def tambah_pengguna(
    user,
    pemda: Pemda,
    username: str,
    password: str,
    peran: str,
    opd_slug: str = "",
    jabatan_id: str = "",
):
    if not boleh_kelola(user, pemda):
        raise KelolaError({"umum": "Hanya Admin Pemda yang dapat menambah pengguna."})
    galat = {}
    username = username.strip()
    User = get_user_model()
    if not re.fullmatch(r"[\w.@+-]{3,150}", username):
        galat["username"] = "Nama pengguna 3–150 karakter: huruf, angka, titik, @, + atau -"
    elif User.objects.filter(username=username).exists():
        galat["username"] = f"Nama pengguna '{username}' sudah dipakai"
    if peran not in Peran.values:
        galat["peran"] = "Peran tidak dikenal"
    opd = jabatan = None
    if peran == Peran.PEJABAT:
        pk = bilangan_id(jabatan_id)
        jabatan = (
            Jabatan.objects.filter(opd__pemda=pemda, pk=pk).select_related("opd").first()
            if pk
            else None
        )
        if jabatan is None:
            galat["jabatan"] = "Peran Pejabat harus memilih jabatan pada salah satu OPD Pemda ini"
        else:
            opd = jabatan.opd
    elif peran in (Peran.OPERATOR_OPD, Peran.KEPALA_OPD):
        opd = PerangkatDaerah.objects.filter(pemda=pemda, slug=opd_slug).first()
        if opd is None:
            galat["opd"] = (
                "Peran Operator/Kepala OPD harus memilih Perangkat Daerah milik Pemda ini"
            )
    try:
        validate_password(password, User(username=username))
    except ValidationError as exc:
        galat["password"] = " ".join(exc.messages)
    if galat:
        raise KelolaError(galat)
    new = User.objects.create_user(username=username, password=password)
    Keanggotaan.objects.create(user=new, peran=peran, pemda=pemda, opd=opd, jabatan=jabatan)
    return new


def _pemda_dikelola(user) -> set[int]:
    return set(
        Keanggotaan.objects.filter(user=user, peran=Peran.ADMIN_PEMDA).values_list(
            "pemda_id", flat=True
        )
    )


def _pemda_luar(akun_ids, dikelola: set[int]) -> dict[int, list[str]]:
    """Nama Pemda tempat setiap akun berperan di luar ``dikelola``."""
    luar: dict[int, set[str]] = {}
    for uid, nama in (
        Keanggotaan.objects.filter(user_id__in=list(akun_ids))
        .exclude(pemda_id__in=dikelola)
        .values_list("user_id", "pemda__nama")
    ):
        luar.setdefault(uid, set()).add(nama)
    return {uid: sorted(n) for uid, n in luar.items()}


def _alasan(user, akun, luar: list[str]) -> str | None:
    if akun.pk == user.pk:
        return "Akun Anda sendiri diubah lewat halaman Akun, bukan dari sini."
    if user.is_superuser:
        return None
    if akun.is_superuser or akun.is_staff:
        return "Akun administrator hanya dapat disetel ulang administrator."
    if luar:
        return (
            f"{akun.username} juga berperan di {', '.join(luar)}, yang tidak Anda kelola; "
            "kata sandi dan masuk dua langkahnya hanya dapat disetel ulang administrator."
        )
    return None


def alasan_tidak_boleh_setel_ulang(user, akun) -> str | None:
    """Mengapa ``user`` tidak boleh menyetel ulang kata sandi / masuk dua langkah ``akun`` (None: boleh).

    Aturannya: menyetel ulang sebuah akun memberi kuasa atas *semua* peran akun itu. Maka Admin Pemda
    hanya boleh menyetel ulang akun yang setiap keanggotaannya berada di Pemda yang ia kelola (ia
    sendiri Admin Pemda di sana). Akun yang juga berperan di Pemda lain, akun staf/administrator, dan
    akunnya sendiri tidak — itu dikerjakan administrator (superuser) atau lewat halaman Akun.
    """
    luar = (
        [] if user.is_superuser else _pemda_luar([akun.pk], _pemda_dikelola(user)).get(akun.pk, [])
    )
    return _alasan(user, akun, luar)


def _akun_pemda(user, pemda: Pemda, akun_id) -> User:
    """Akun anggota Pemda ini yang boleh disetel ulang oleh Admin Pemda ``user``."""
    if not boleh_kelola(user, pemda):
        raise KelolaError({"umum": "Hanya Admin Pemda yang dapat menyetel ulang akun."})
    User = get_user_model()
    pk = bilangan_id(akun_id)
    akun = User.objects.filter(pk=pk, keanggotaan__pemda=pemda).first() if pk else None
    if akun is None:
        raise KelolaError({"umum": "Pengguna itu bukan anggota Pemda ini."})
    alasan = alasan_tidak_boleh_setel_ulang(user, akun)
    if alasan:
        raise KelolaError({"umum": alasan})
    return akun


@transaction.atomic
def setel_ulang_sandi(user, pemda: Pemda, akun_id, password: str):
    """Admin Pemda memberi kata sandi baru kepada anggota Pemda-nya (tercatat di jejak audit)."""
    from sakip.audit.models import JejakAudit, catat_keamanan

    akun = _akun_pemda(user, pemda, akun_id)
    try:
        validate_password(password, akun)
    except ValidationError as exc:
        raise KelolaError(
            {"sandi": f"Kata sandi baru {akun.username}: " + " ".join(exc.messages)}
        ) from exc
    akun.set_password(password)
    akun.save(update_fields=["password"])
    catat_keamanan(user, akun, JejakAudit.Aksi.SANDI, f"disetel ulang oleh {user.username}")
    return akun


@transaction.atomic
def setel_ulang_faktor_kedua(user, pemda: Pemda, akun_id):
    """Admin Pemda menghapus perangkat masuk dua langkah anggota Pemda-nya (mis. ponsel hilang)."""
    from .faktor_kedua import lepas

    akun = _akun_pemda(user, pemda, akun_id)
    lepas(user, akun, reset=True)
    return akun


@dataclass(frozen=True)
class BarisAkun:
    """Satu akun anggota Pemda di halaman Kelola."""

    pk: int
    username: str
    peran_teks: str
    punya_2fa: bool
    tidak_boleh: str | None  # mengapa pengguna halaman tidak boleh menyetel ulangnya


def akun_pemda(pemda: Pemda, user=None) -> list[BarisAkun]:
    """Akun anggota Pemda, masing-masing dengan perannya, status masuk dua langkahnya dan (bila
    ``user`` diberikan) mengapa ``user`` tidak boleh menyetel ulangnya (``u.tidak_boleh``)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    User = get_user_model()
    users = list(User.objects.filter(keanggotaan__pemda=pemda).distinct().order_by("username"))
    aktif = set(
        TOTPDevice.objects.filter(user__in=users, confirmed=True).values_list("user_id", flat=True)
    )
    peran: dict[int, list[str]] = {}
    for k in Keanggotaan.objects.filter(pemda=pemda, user__in=users).select_related("opd"):
        opd = k.opd
        peran.setdefault(k.user_id, []).append(
            k.get_peran_display() + (f" — {opd.singkatan or opd.nama}" if opd is not None else "")
        )
    luar: dict[int, list[str]] = {}
    if user is not None and not user.is_superuser:
        luar = _pemda_luar([u.pk for u in users], _pemda_dikelola(user))
    return [
        BarisAkun(
            pk=u.pk,
            username=u.username,
            peran_teks="; ".join(peran.get(u.pk, [])),
            punya_2fa=u.pk in aktif,
            tidak_boleh=_alasan(user, u, luar.get(u.pk, [])) if user is not None else None,
        )
        for u in users
    ]


def jejak_keamanan(pemda: Pemda, batas: int = 30):
    """Peristiwa keamanan terakhir pada akun anggota Pemda (setel ulang, masuk dua langkah)."""
    from sakip.audit.models import JejakAudit

    ids = [
        str(i) for i in Keanggotaan.objects.filter(pemda=pemda).values_list("user_id", flat=True)
    ]
    return (
        JejakAudit.objects.filter(model="auth.User", objek_id__in=ids)
        .select_related("user")
        .order_by("-waktu", "-id")[:batas]
    )
