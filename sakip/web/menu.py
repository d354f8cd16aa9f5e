"""Menu mengikuti siklus SAKIP dan peran pengguna (pemroses konteks templat).

Konteks OPD-tahun diambil dari alamat halaman (``/opd/<slug>/<tahun>/…``); di luar itu dari
keanggotaan pengguna (OPD-nya, tahun kinerja terakhirnya: satu kueri). Keanggotaan dimuat sekali per
permintaan (dipakai juga pemeriksaan izin), jadi halaman OPD tidak bertambah kuerinya. Menu yang
sudah disusun disimpan per proses menurut nilai yang menentukannya (tanpa data kinerja)."""

from __future__ import annotations

import datetime as dt

from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject

from sakip.organisations.models import Peran
from sakip.organisations.permissions import _memberships


def _menu(request) -> list[dict]:
    user = request.user
    if not user.is_authenticated:
        return []
    tahun_path, slug_opd, slug_pemda, anggota = _konteks(request)
    peran = frozenset(m.peran for m in anggota)
    if slug_opd is None:
        opd_m = next((m for m in anggota if m.opd_id), None)
        if opd_m is not None:
            slug_opd = opd_m.opd.slug
            if tahun_path is None:
                from django.db.models import Max

                from sakip.planning.models import TahunKinerja

                tahun_path = TahunKinerja.objects.filter(
                    opd_id=opd_m.opd_id, tahun__lte=dt.date.today().year
                ).aggregate(t=Max("tahun"))["t"]
    if slug_pemda is None:
        pm = next((m for m in anggota if m.pemda_id), None)
        if pm is not None:
            slug_pemda = pm.pemda.slug
    if tahun_path is None and slug_pemda is not None:
        # Admin Pemda/Inspektorat: tahun terakhir yang berdata di Pemda-nya, bukan tahun kalender
        # yang mungkin belum berdata (satu kueri)
        from django.db.models import Max

        from sakip.planning.models import TahunKinerja

        tahun_path = TahunKinerja.objects.filter(
            opd__pemda__slug=slug_pemda, tahun__lte=dt.date.today().year
        ).aggregate(t=Max("tahun"))["t"]
    tahun = tahun_path or dt.date.today().year
    # Menu hanya bergantung pada nilai-nilai ini: disimpan per proses (tanpa puluhan reverse()
    # pada setiap halaman). Keanggotaan berubah → kuncinya berubah.
    kunci = (get_script_prefix(), slug_opd, slug_pemda, tahun, user.is_superuser, peran)
    hasil = _TEMBOLOK.get(kunci)
    if hasil is None:
        hasil = _susun(slug_opd, slug_pemda, tahun, user.is_superuser, peran)
        if len(_TEMBOLOK) >= 4096:
            _TEMBOLOK.clear()
        _TEMBOLOK[kunci] = hasil
    return hasil


_TEMBOLOK: dict[tuple, list[dict]] = {}


def _konteks(request):
    match = getattr(request, "resolver_match", None)
    kw = match.kwargs if match else {}
    tahun = kw.get("tahun")
    slug_opd = kw.get("slug") if request.path.startswith("/opd/") else None
    slug_pemda = kw.get("slug") if request.path.startswith("/pemda/") else None
    return tahun, slug_opd, slug_pemda, _memberships(request.user)


def _susun(slug_opd, slug_pemda, tahun, superuser: bool, peran) -> list[dict]:
    menu: list[dict] = []

    def grup(judul, butir):
        butir = [(label, url) for label, url in butir if url]
        if butir:
            menu.append({"judul": judul, "butir": butir})

    if slug_opd:
        o = [slug_opd, tahun]
        grup(
            "Perencanaan",
            [
                ("Renstra & PK", reverse("web:renstra", args=o)),
                ("Susun Renstra", reverse("web:susun_renstra", args=o)),
                ("Rencana lewat Excel", reverse("web:rencana", args=o)),
                ("Target indikator", reverse("web:target", args=o)),
                ("Jabatan & PK berjenjang", reverse("web:jabatan", args=o)),
                ("Pohon kinerja OPD", reverse("web:pohon_opd", args=o)),
            ],
        )
        grup(
            "Pengukuran",
            [
                (f"Realisasi TW {r}", reverse("web:realisasi", args=[*o, n]))
                for n, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
            ]
            + [
                ("Anggaran", reverse("web:anggaran", args=o)),
                ("Unggah Excel", reverse("web:excel", args=o)),
            ],
        )
        grup(
            "Pelaporan",
            [
                ("Dasbor OPD & dokumen", reverse("web:opd_tahun", args=o)),
                ("Narasi LKjIP", reverse("web:narasi", args=o)),
                ("Riwayat perubahan", reverse("web:riwayat", args=[slug_opd])),
            ],
        )
        grup("Reviu", [("Reviu LKjIP", reverse("web:reviu", args=o))])
        grup("Evaluasi", [("Evaluasi AKIP (LKE)", reverse("web:evaluasi", args=o))])
    if slug_pemda and (superuser or peran & {Peran.ADMIN_PEMDA, Peran.INSPEKTORAT}):
        p = [slug_pemda, tahun]
        grup(
            "Pemda",
            [
                ("Dasbor Pemda", reverse("web:dasbor_pemda", args=p)),
                ("RPJMD & pohon kinerja", reverse("web:rpjmd", args=p)),
                ("LKjIP Pemda", reverse("web:lkjip_pemda", args=p)),
                ("Evaluasi AKIP OPD", reverse("web:evaluasi_pemda", args=p)),
                ("Evaluasi AKIP Pemda", reverse("web:evaluasi_lke_pemda", args=p)),
                ("Kalender tenggat", reverse("web:kalender", args=p)),
            ],
        )
    pengaturan = [("Akun & masuk dua langkah", reverse("web:akun_2fa"))]
    pengaturan.append(("Pemberitahuan", reverse("web:pemberitahuan")))
    pengaturan.append(("Tugas latar", reverse("web:daftar_tugas")))
    if slug_pemda and (superuser or Peran.ADMIN_PEMDA in peran):
        pengaturan.append(("Kelola Pemda & pengguna", reverse("web:kelola", args=[slug_pemda])))
    if slug_pemda and (superuser or peran):
        pengaturan.append(("Kalender tenggat", reverse("web:kalender", args=[slug_pemda, tahun])))
    grup("Pengaturan", pengaturan)
    return menu


def menu(request) -> dict:
    return {"menu_sakip": SimpleLazyObject(lambda: _menu(request))}
