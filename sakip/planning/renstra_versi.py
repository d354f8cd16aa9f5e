"""Penetapan dan perubahan Renstra lewat alur bersama (Operator OPD mengajukan, Kepala OPD
menyetujui atau mengembalikan).

Renstra yang diajukan atau disetujui terkunci: tujuan, sasaran, indikator dan target Renstra tidak
dapat diubah di halaman, API maupun buku kerja. Perubahan sesudah disetujui hanya sebagai
**Renstra Perubahan ke-N** (:func:`buat_perubahan`, beralasan): pohon yang sama dibuka lagi — kode
dan riwayat realisasi indikator tetap melekat — dan diajukan lagi. Setiap persetujuan menyimpan
potret Renstra saat itu (:class:`RenstraVersi`), sehingga penetapan awal dan setiap perubahan tetap
terbaca apa adanya."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from sakip import akses
from sakip.akses import Aksi

from .models import Renstra, RenstraVersi


class RenstraTerkunci(ValueError):
    """Renstra diajukan/disetujui: pesan berbahasa Indonesia, apa adanya ke pengguna."""


def pesan_kunci(renstra: Renstra) -> str | None:
    """Pesan bila Renstra sedang tidak boleh diubah; None bila boleh (draf / dikembalikan)."""
    if renstra.dapat_disunting:
        return None
    if renstra.sedang_diajukan:
        return (
            f"{renstra} sedang diajukan kepada Kepala OPD; tunggu keputusannya (atau minta "
            "dikembalikan) sebelum mengubahnya."
        )
    return (
        f"{renstra} sudah disetujui dan terkunci. Perubahan hanya lewat Renstra Perubahan: "
        "tombol 'Buat Renstra Perubahan' di halaman Susun Renstra, dengan alasannya."
    )


def periksa_terbuka(renstra: Renstra | None) -> None:
    if renstra is not None and (pesan := pesan_kunci(renstra)):
        raise RenstraTerkunci(pesan)


def _angka(v) -> str | None:
    return None if v is None else format(v.normalize(), "f")


def potret(renstra: Renstra) -> dict:
    """Isi Renstra saat ini sebagai data biasa (JSON): periode, visi, misi, tujuan → sasaran →
    indikator dengan satuan, kondisi awal/akhir dan target per tahun."""

    def indikator(qs) -> list[dict]:
        return [
            {
                "kode": i.kode,
                "nama": i.nama,
                "satuan": i.satuan,
                "iku": i.iku,
                "polaritas": i.polaritas,
                "kondisi_awal": _angka(i.kondisi_awal),
                "kondisi_akhir": _angka(i.kondisi_akhir),
                "target": {
                    str(t.tahun): _angka(t.nilai)
                    + (f"–{_angka(t.nilai_atas)}" if t.nilai_atas is not None else "")
                    for t in i.target.all()
                },
            }
            for i in qs.prefetch_related("target").order_by("urutan", "id")
        ]

    return {
        "nama": renstra.nama,
        "tahun_awal": renstra.tahun_awal,
        "tahun_akhir": renstra.tahun_akhir,
        "visi": renstra.visi,
        "misi": list(renstra.misi),
        "tujuan": [
            {
                "kode": t.kode,
                "uraian": t.uraian,
                "indikator": indikator(t.indikator),
                "sasaran": [
                    {"kode": s.kode, "uraian": s.uraian, "indikator": indikator(s.indikator)}
                    for s in t.sasaran.all()
                ],
            }
            for t in renstra.tujuan.all()
        ],
    }


def simpan_potret(renstra: Renstra, oleh) -> RenstraVersi:
    """Dipanggil dalam transaksi langkah 'setujui' (sinyal alur): potret versi ini."""
    versi, _ = RenstraVersi.objects.update_or_create(
        renstra=renstra,
        nomor=renstra.perubahan_ke,
        defaults={
            "isi": potret(renstra),
            "alasan_perubahan": renstra.alasan_perubahan,
            "disetujui_oleh": oleh,
            "disetujui_pada": renstra.diputuskan_pada or timezone.now(),
        },
    )
    return versi


@transaction.atomic
def buat_perubahan(user, renstra: Renstra, alasan: str) -> Renstra:
    """Buka Renstra yang sudah disetujui sebagai Renstra Perubahan ke-N (draf), beralasan."""
    akses.periksa(user, renstra.opd, Aksi.ISI_PENUH)
    renstra = Renstra.objects.select_for_update().get(pk=renstra.pk)
    alasan = (alasan or "").strip()
    if not renstra.disetujui:
        raise RenstraTerkunci(f"{renstra} belum disetujui; ubah langsung tanpa Renstra Perubahan.")
    if not alasan:
        raise RenstraTerkunci("Alasan perubahan Renstra wajib diisi (mis. perubahan RPJMD).")
    renstra.buka_kembali(oleh=user, alasan=alasan)
    renstra.perubahan_ke += 1
    renstra.alasan_perubahan = alasan[:4000]
    renstra.save()
    return renstra
