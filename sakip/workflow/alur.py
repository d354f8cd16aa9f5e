"""Deklarasi alur persetujuan: langkah, peran yang boleh mengambilnya, syarat, alasan, teks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from sakip.organisations.models import Peran

# Kata kerja setiap aksi untuk pesan ("Hanya Kepala OPD ini yang dapat menyetujui PK.").
KATA_KERJA = {
    "ajukan": "mengajukan",
    "setujui": "menyetujui",
    "kembalikan": "mengembalikan",
    "buka_kembali": "membuka kembali",
}
LABEL_PERAN: dict[str, str] = {
    Peran.OPERATOR_OPD: "Operator OPD ini",
    Peran.KEPALA_OPD: "Kepala OPD ini",
    Peran.ADMIN_PEMDA: "Admin Pemda",
    Peran.INSPEKTORAT: "Inspektorat",
    Peran.PEJABAT: "pejabat pemegang jabatan ini",
}


class AlurError(ValueError):
    """Langkah alur ditolak; pesannya berbahasa Indonesia dan ditampilkan apa adanya."""


Syarat = Callable[[Any], "str | None"]


@dataclass(frozen=True)
class Langkah:
    """Satu langkah yang boleh diambil pengguna: ``aksi`` = nama transisi pada model.

    ``syarat``: fungsi atas objek yang mengembalikan pesan penolakan, atau None bila terpenuhi;
    dijalankan di dalam transaksi langkah itu, sesudah peran, status dan alasan diperiksa.
    """

    aksi: str
    label: str
    peran: tuple[str, ...]
    alasan_wajib: bool = False
    syarat: tuple[Syarat, ...] = ()
    berhasil: str = ""  # pesan sukses; "{obj}" diganti nama objeknya
    # dijalankan sesudah status disimpan, di dalam transaksi langkah itu: fungsi(obj, user)
    sesudah: tuple[Callable[[Any, Any], Any], ...] = ()
    # peringatan yang tampil di samping tombolnya sebelum langkah diambil: fungsi(obj) → teks/""
    peringatan: Callable[[Any], str] | None = None

    @property
    def pesan_peran(self) -> str:
        siapa = " atau ".join(LABEL_PERAN.get(p, p) for p in self.peran)
        return f"Hanya {siapa} yang dapat {KATA_KERJA.get(self.aksi, self.aksi)}"


@dataclass(frozen=True)
class Alur:
    """Satu alur persetujuan: nama untuk pesan, model (turunan ``DapatDisetujui``), langkahnya."""

    nama: str
    model: type[models.Model]
    langkah: tuple[Langkah, ...]
    opd: Callable[[Any], Any] = field(default=lambda obj: obj.opd)
    # nama status dalam kata-kata alur ini (mis. evaluasi: disetujui = "Final"); bawaan: label model
    label_status: dict[str, str] = field(default_factory=dict)
    # kata kerja keputusan di keterangan status ("difinalkan oleh …"); bawaan: label status
    kata_keputusan: dict[str, str] = field(default_factory=dict)

    def label(self, obj) -> str:
        return self.label_status.get(obj.status) or obj.get_status_display()

    def langkah_untuk(self, aksi: str) -> Langkah:
        for lk in self.langkah:
            if lk.aksi == aksi:
                return lk
        raise AlurError("Aksi tidak dikenal.")
