"""Tautan ke halaman dari lapisan di bawah web (beranda per peran, pemberitahuan, pemeriksaan LKE).

Lapisan bawah tidak mengenal nama URL Django (``web:…``): ia meminta tautan ke sebuah *halaman*
dengan nama dan parameternya yang dideklarasikan di :data:`HALAMAN`; lapisan web mendaftarkan
penerjemahnya (``sakip.web.apps``) saat aplikasi siap — di proses web, pekerja dan perintah sama.
Tanpa penerjemah (mis. modul dipakai di luar Django) tautannya kosong. Tes
``tests/test_arsitektur.py`` memastikan setiap halaman di sini dapat dibuat tautannya dan tidak ada
nama ``web:`` di bawah ``sakip/web``."""

from __future__ import annotations

from collections.abc import Callable

# halaman → parameter yang diperlukannya
HALAMAN: dict[str, tuple[str, ...]] = {
    "beranda": (),
    "opd_tahun": ("slug", "tahun"),
    "renstra": ("slug", "tahun"),
    "susun_renstra": ("slug", "tahun"),
    "target": ("slug", "tahun"),
    "anggaran": ("slug", "tahun"),
    "jabatan": ("slug", "tahun"),
    "pohon_opd": ("slug", "tahun"),
    "realisasi": ("slug", "tahun", "tw"),
    "reviu": ("slug", "tahun"),
    "evaluasi": ("slug", "tahun"),
    "evaluasi_lke_pemda": ("slug", "tahun"),  # evaluasi AKIP Pemda itu sendiri
    "unduh": ("slug", "tahun", "jenis", "fmt"),
    "rpjmd": ("slug", "tahun"),
    "lkjip_pemda": ("slug", "tahun"),
    "dasbor_pemda": ("slug", "tahun"),
    "publik_berkas": ("slug", "pk", "nama"),  # PDF terbitan di portal publik
}

_penerjemah: Callable[..., str] | None = None


def daftarkan(fungsi: Callable[..., str]) -> None:
    """Lapisan web: ``fungsi(halaman, **parameter) -> alamat``."""
    global _penerjemah
    _penerjemah = fungsi


def ke(halaman: str, **parameter) -> str:
    """Alamat ``halaman`` dengan ``parameter``-nya (lihat :data:`HALAMAN`)."""
    perlu = HALAMAN.get(halaman)
    if perlu is None:
        raise KeyError(f"halaman '{halaman}' tidak dideklarasikan di sakip.tautan.HALAMAN")
    if set(parameter) != set(perlu):
        raise TypeError(f"halaman '{halaman}' memerlukan {', '.join(perlu) or 'tanpa parameter'}")
    return _penerjemah(halaman, **parameter) if _penerjemah is not None else ""
