"""Siapa boleh melihat satu OPD-tahun: pengguna menurut perannya, publik hanya yang LKjIP-nya disetujui."""

from __future__ import annotations

from sakip.organisations.models import PerangkatDaerah

from .models import PersetujuanLkjip


def terbit_untuk_publik(opd: PerangkatDaerah, tahun: int) -> bool:
    """OPD-tahun yang LKjIP-nya disetujui: dapat dilihat publik tanpa masuk."""
    return PersetujuanLkjip.objects.filter(
        opd=opd, tahun=tahun, status=PersetujuanLkjip.Status.DISETUJUI
    ).exists()


def dapat_melihat_opd_tahun(user, opd: PerangkatDaerah, tahun: int) -> bool:
    """Halaman dan API memakai aturan yang sama: pengguna menurut perannya, publik hanya yang terbit."""
    from sakip.organisations.permissions import dapat_melihat

    if user is not None and user.is_authenticated:
        return dapat_melihat(user, opd)
    return terbit_untuk_publik(opd, tahun)
