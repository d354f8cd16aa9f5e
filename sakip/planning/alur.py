"""Alur persetujuan Perjanjian Kinerja dan Renstra: Operator OPD mengajukan, Kepala OPD
menyetujui/mengembalikan; crosscutting pohon kinerja: diterima/ditolak mitranya."""

from __future__ import annotations

from sakip.organisations.models import Peran
from sakip.workflow.alur import Alur, Langkah
from sakip.workflow.models import StatusAlur

from .models import Crosscutting, PerjanjianKinerja, Renstra
from .renstra_versi import simpan_potret

ALUR_PK = Alur(
    nama="PK",
    model=PerjanjianKinerja,
    langkah=(
        Langkah("ajukan", "Ajukan PK", (Peran.OPERATOR_OPD,)),
        Langkah("setujui", "Setujui PK", (Peran.KEPALA_OPD,)),
        Langkah("kembalikan", "Kembalikan", (Peran.KEPALA_OPD,), alasan_wajib=True),
    ),
)


def _renstra_berisi(r: Renstra) -> str | None:
    if not r.tujuan.filter(sasaran__indikator__isnull=False).exists():
        return "Renstra belum punya sasaran berindikator; lengkapi sebelum diajukan."
    return None


ALUR_RENSTRA = Alur(
    nama="Renstra",
    model=Renstra,
    langkah=(
        Langkah("ajukan", "Ajukan Renstra", (Peran.OPERATOR_OPD,), syarat=(_renstra_berisi,)),
        Langkah(
            "setujui",
            "Setujui Renstra",
            (Peran.KEPALA_OPD,),
            sesudah=(simpan_potret,),
            berhasil="{obj} disetujui dan terkunci; perubahannya lewat Renstra Perubahan.",
        ),
        Langkah("kembalikan", "Kembalikan", (Peran.KEPALA_OPD,), alasan_wajib=True),
    ),
)


ALUR_CROSSCUTTING = Alur(
    nama="Crosscutting",
    model=Crosscutting,
    # diputuskan mitra: Kepala OPD mitra (atau Admin Pemda yang memfasilitasi); instansi vertikal
    # bukan pengguna sakip, keputusannya dicatat Admin Pemda
    opd=lambda obj: obj.unit_keputusan,
    label_status={
        StatusAlur.DRAFT: "Draf",
        StatusAlur.DIAJUKAN: "Diusulkan",
        StatusAlur.DISETUJUI: "Diterima",
        StatusAlur.DIKEMBALIKAN: "Ditolak",
    },
    kata_keputusan={StatusAlur.DISETUJUI: "diterima", StatusAlur.DIKEMBALIKAN: "ditolak"},
    langkah=(
        Langkah(
            "setujui",
            "Terima",
            (Peran.KEPALA_OPD, Peran.ADMIN_PEMDA),
            berhasil="Crosscutting diterima; tampil di pohon kinerja.",
        ),
        Langkah(
            "kembalikan",
            "Tolak",
            (Peran.KEPALA_OPD, Peran.ADMIN_PEMDA),
            alasan_wajib=True,
            berhasil="Crosscutting ditolak; alasannya terlihat oleh OPD pengusul.",
        ),
    ),
)
