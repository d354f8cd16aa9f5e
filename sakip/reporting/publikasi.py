"""Siapa boleh melihat data kerja satu OPD-tahun: pengguna menurut perannya; publik tidak.

Publik membaca *terbitan* (:mod:`sakip.publikasi`: angka yang dibekukan saat LKjIP/PK disetujui dan
evaluasi final) di portal publik dan data terbuka — bukan data kerja, yang dapat berubah sesudah
terbit dan memuat butir internal (temuan reviu, realisasi triwulan yang belum disetujui)."""

from __future__ import annotations

from sakip.organisations.models import PerangkatDaerah


def dapat_melihat_opd_tahun(user, opd: PerangkatDaerah, tahun: int) -> bool:
    """Halaman dan API memakai aturan yang sama: pengguna menurut perannya; publik tidak pernah."""
    from sakip.organisations.permissions import dapat_melihat

    if user is not None and user.is_authenticated:
        return dapat_melihat(user, opd)
    return False
