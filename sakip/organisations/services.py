"""Pengelolaan Pemda oleh Admin Pemda: Perangkat Daerah dan akun pengguna beserta perannya."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Keanggotaan, Pemda, Peran, PerangkatDaerah

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
    user, pemda: Pemda, username: str, password: str, peran: str, opd_slug: str = ""
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
    opd = None
    if peran in (Peran.OPERATOR_OPD, Peran.KEPALA_OPD):
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
    Keanggotaan.objects.create(user=new, peran=peran, pemda=pemda, opd=opd)
    return new
