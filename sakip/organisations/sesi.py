"""Sesi dan pengguna dari tembolok bersama jaringan (Redis), bila ``SAKIP_REDIS_URL`` diisi.

Sesi: ``cached_db`` Django (ditulis ke basis data dan Redis, dibaca dari Redis; keluar menghapus
keduanya seketika, di semua mesin), dengan jalan kembali ke basis data bila Redis tidak dapat
dihubungi. Pengguna: dimuat sekali beserta keanggotaannya dan tanda langkah keduanya, disimpan di
tembolok di bawah tanda ``pengguna:<id>`` (:mod:`sakip.audit.tanda`), yang diganti sesudah commit
setiap perubahan akun, keanggotaan, perangkat autentikator, atau nama OPD/Pemda keanggotaannya.
Halaman bersesi tidak menyentuh basis data sama sekali bila datanya ada di tembolok.
"""

from __future__ import annotations

import logging

from django.contrib.sessions.backends import cached_db
from django.core.cache import cache, caches

from sakip.audit import tanda

log = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    """``cached_db`` yang tetap bekerja (dari basis data) saat Redis tidak dapat dihubungi."""

    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception as e:  # Redis mati/terputus, atau kunci tidak sah: basis data
            log.warning("Sesi dibaca dari basis data: %s", e)
            data = None
        if data is not None:
            return data
        s = self._get_session_from_db()
        if not s:
            return {}
        data = self.decode(s.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=s.expire_date))
        except Exception as e:
            log.warning("Sesi tidak dapat disimpan ke tembolok bersama: %s", e)
        return data

    def exists(self, session_key):
        try:
            if session_key and (self.cache_key_prefix + session_key) in self._cache:
                return True
        except Exception:
            pass
        return cached_db.DBStore.exists(self, session_key)

    def delete(self, session_key=None):
        cached_db.DBStore.delete(self, session_key)
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception as e:
            # Sesi sudah terhapus dari basis data; salinan di Redis berakhir menurut umurnya.
            log.error("Sesi %s… tidak dapat dihapus dari tembolok bersama: %s", session_key[:6], e)


def pengguna_tembolok(user_id, muat):
    """Pengguna ``user_id`` dari tembolok (proses, lalu bersama) di bawah tandanya, atau hasil
    ``muat(user_id)`` (pengguna dengan keanggotaan dan tanda langkah kedua sudah dimuat) yang lalu
    disimpan. Tanpa tanda bersama: ``muat`` langsung."""
    tok = tanda.baca(f"pengguna:{user_id}")
    if tok is None:
        return muat(user_id)
    kunci = f"pengguna:{user_id}:{tok}"
    user = cache.get(kunci)
    if user is not None:
        user._sakip_tanda = tok  # kunci tembolok halaman per pengguna (sakip.web.tembolok.halaman)
        return user
    try:
        user = caches["bersama"].get(kunci)
    except Exception:
        user = None
    if user is None:
        user = muat(user_id)
        if user is None:
            return None
        try:
            caches["bersama"].set(kunci, user, tanda.UMUR)
        except Exception:
            pass
    cache.set(kunci, user, tanda.UMUR)
    user._sakip_tanda = tok
    return user


# --- penggantian tanda pengguna (dipasang di OrganisationsConfig.ready) ---


def _pada_pengguna(sender, instance, **kwargs):
    tanda.ganti(f"pengguna:{instance.pk}")


def _pada_milik_pengguna(sender, instance, **kwargs):
    if instance.user_id:
        tanda.ganti(f"pengguna:{instance.user_id}")


def _pada_organisasi(sender, instance, **kwargs):
    """Nama/slug OPD atau Pemda ikut tersimpan di keanggotaan bertembolok: ganti tanda anggotanya."""
    from .models import Keanggotaan, Pemda

    if not tanda.aktif() or kwargs.get("raw"):
        return
    kolom = "pemda_id" if isinstance(instance, Pemda) else "opd_id"
    ids = Keanggotaan.objects.filter(**{kolom: instance.pk}).values_list("user_id", flat=True)
    tanda.ganti(*{f"pengguna:{i}" for i in ids})


def hubungkan() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_delete, post_save
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .models import Keanggotaan, Pemda, PerangkatDaerah

    for sinyal in (post_save, post_delete):
        nama = "simpan" if sinyal is post_save else "hapus"
        sinyal.connect(_pada_pengguna, sender=get_user_model(), dispatch_uid=f"tanda-user-{nama}")
        for model in (Keanggotaan, TOTPDevice):
            sinyal.connect(
                _pada_milik_pengguna,
                sender=model,
                dispatch_uid=f"tanda-{model._meta.label}-{nama}",
            )
    for model in (Pemda, PerangkatDaerah):
        post_save.connect(_pada_organisasi, sender=model, dispatch_uid=f"tanda-{model._meta.label}")
