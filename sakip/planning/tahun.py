"""Membuka tahun kinerja baru untuk satu OPD ("Buka tahun 2026"), dalam satu transaksi.

Yang dibuat: Tahun Kinerja (penandatangan dan tempat dibawa dari tahun sebelumnya), PK murni dari
target IKU Renstra tahun itu, kerangka Rencana Aksi (empat triwulan setiap indikator PK, targetnya
diisi perencana), dan PK berjenjang setiap jabatan yang tahun lalu ber-PK. Penugasan jabatan pada
program/kegiatan/sub kegiatan dan sumber data indikator melekat pada OPD, jadi terbawa dengan
sendirinya. Pagu tahun baru diisi dari DPA (halaman Anggaran atau buku kerja perencana).

Tidak ada data tahun lama yang diubah.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from sakip import akses
from sakip.akses import Aksi
from sakip.organisations.models import PerangkatDaerah

from .models import PerjanjianKinerja, RencanaAksi, TahunKinerja, TargetIndikator
from .models_berhenti import q_aktif
from .services import PKError, buat_pk_jabatan, buat_pk_murni
from .susun import renstra_berlaku


class BukaTahunError(ValueError):
    pass


@dataclass
class HasilBukaTahun:
    tahun: int
    pk: PerjanjianKinerja | None = None
    rencana_aksi: int = 0
    pk_jabatan: list[str] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)

    def ringkasan(self) -> str:
        bagian = [f"Tahun {self.tahun} dibuka"]
        if self.pk:
            bagian.append(
                f"PK murni dengan {self.pk.indikator.count()} indikator IKU dan kerangka Rencana "
                f"Aksi ({self.rencana_aksi} target triwulan untuk diisi)"
            )
        if self.pk_jabatan:
            bagian.append(f"PK berjenjang: {', '.join(self.pk_jabatan)}")
        return "; ".join(bagian) + "."


def dapat_dibuka(opd: PerangkatDaerah, tahun: int) -> bool:
    return (
        not TahunKinerja.objects.filter(opd=opd, tahun=tahun).exists()
        and renstra_berlaku(opd, tahun) is not None
    )


@transaction.atomic
def buka_tahun(user, opd: PerangkatDaerah, tahun: int) -> HasilBukaTahun:
    akses.periksa(user, opd, Aksi.SUSUN)
    if TahunKinerja.objects.filter(opd=opd, tahun=tahun).exists():
        raise BukaTahunError(f"Tahun {tahun} {opd.nama} sudah dibuka.")
    if renstra_berlaku(opd, tahun) is None:
        raise BukaTahunError(
            f"Belum ada Renstra yang mencakup tahun {tahun}; susun Renstra lebih dulu."
        )
    hasil = HasilBukaTahun(tahun)
    lalu = TahunKinerja.objects.filter(opd=opd, tahun__lt=tahun).order_by("-tahun").first()
    bawa = (
        {
            f: getattr(lalu, f)
            for f in (
                "penandatangan_nama",
                "penandatangan_jabatan",
                "penandatangan_pangkat",
                "penandatangan_nip",
                "tempat",
            )
        }
        if lalu
        else {}
    )
    TahunKinerja.objects.create(
        opd=opd,
        tahun=tahun,
        sumber=f"dibuka di sakip{f' dari tahun {lalu.tahun}' if lalu else ''}",
        **bawa,
    )
    if TargetIndikator.objects.filter(
        q_aktif("indikator", tahun, "indikator__"),
        indikator__opd=opd,
        indikator__iku=True,
        tahun=tahun,
    ).exists():
        try:
            hasil.pk = buat_pk_murni(user, opd, tahun)
        except PKError as exc:
            hasil.catatan.append(str(exc))
        else:
            ra = [
                RencanaAksi(pk_indikator=it, triwulan=tw)
                for it in hasil.pk.indikator.all()
                for tw in (1, 2, 3, 4)
            ]
            for r in ra:
                r.save()
            hasil.rencana_aksi = len(ra)
    else:
        hasil.catatan.append(
            f"Belum ada target IKU tahun {tahun} di Renstra: PK murni disusun sesudah targetnya diisi."
        )
    if lalu:
        jabatan_lalu = (
            PerjanjianKinerja.objects.filter(opd=opd, tahun=lalu.tahun, jabatan__isnull=False)
            .select_related("jabatan")
            .order_by("jabatan_id")
            .distinct()
        )
        sudah = set()
        for pk in jabatan_lalu:
            jab = pk.jabatan
            if jab is None or jab.pk in sudah:
                continue
            sudah.add(jab.pk)
            try:
                buat_pk_jabatan(user, jab, tahun)
            except PKError as exc:
                hasil.catatan.append(f"{jab.nama}: {exc}")
            else:
                hasil.pk_jabatan.append(jab.nama)
    hasil.catatan.append(
        f"Pagu {tahun}: impor dari ekspor DPA aplikasi keuangan di halaman Anggaran → Pagu dari "
        "DPA/DPPA (kolomnya sudah diingat bila Pemda pernah mengimpor)."
    )
    return hasil
