"""Dokumen tersimpan per versi data: unduhan data yang tidak berubah = berkas tersimpan.

Kunci sebuah dokumen = jenis, format, OPD (atau Pemda), tahun dan opsinya (jabatan, versi PK).
Versinya = versi data OPD/Pemda itu saat pembuatan dimulai (``audit.versi``). Dibaca versi dulu,
baru datanya: bila data berubah selama pembuatan, dokumen tersimpan dengan versi lama dan unduhan
berikutnya membuat ulang — tidak pernah berkas lama dengan versi baru.
"""

from __future__ import annotations

import hashlib
import io
import time
import zipfile
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from sakip.audit.versi import Versi, versi_opd, versi_pemda
from sakip.documents.konteks import DokumenError
from sakip.documents.pemda import PEMDA_BUILDERS
from sakip.documents.services import BUILDERS, FORMATS, Berkas, buat_dokumen, buat_dokumen_pemda
from sakip.organisations.models import Pemda, PerangkatDaerah

from .models import DokumenTersimpan

SEMUA_LKJIP = "lkjip-semua"  # ZIP berisi LKjIP semua OPD satu Pemda
MIME_ZIP = "application/zip"


@dataclass
class Permintaan:
    """Dokumen yang diminta: OPD (``opd``) atau tingkat Pemda (``tingkat_pemda``)."""

    jenis: str
    fmt: str
    tahun: int
    pemda: Pemda
    opd: PerangkatDaerah | None = None
    tingkat_pemda: bool = False
    opsi: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.jenis == SEMUA_LKJIP:
            self.tingkat_pemda = True
            if self.fmt not in FORMATS or self.fmt == "html":
                raise DokumenError("ZIP LKjIP semua OPD tersedia dalam PDF atau DOCX")
        elif self.tingkat_pemda:
            if self.jenis not in PEMDA_BUILDERS:
                raise DokumenError(
                    f"jenis dokumen '{self.jenis}' tidak dikenal; pilihan: {', '.join(PEMDA_BUILDERS)}"
                )
        elif self.jenis not in BUILDERS:
            raise DokumenError(
                f"jenis dokumen '{self.jenis}' tidak dikenal; pilihan: {', '.join(BUILDERS)}"
            )
        if self.fmt not in FORMATS:
            raise DokumenError(f"format '{self.fmt}' tidak dikenal; pilihan: {', '.join(FORMATS)}")

    @classmethod
    def untuk_opd(cls, jenis: str, opd: PerangkatDaerah, tahun: int, fmt: str, **opsi):
        return cls(jenis, fmt, tahun, opd.pemda, opd, False, {k: v for k, v in opsi.items() if v})

    @classmethod
    def untuk_pemda(cls, jenis: str, pemda: Pemda, tahun: int, fmt: str, opd=None):
        return cls(jenis, fmt, tahun, pemda, opd, True, {})

    @property
    def kunci(self) -> str:
        opsi = ";".join(f"{k}={self.opsi[k]}" for k in sorted(self.opsi))
        pemilik = f"pemda{self.pemda.pk}" + (f"-opd{self.opd.pk}" if self.opd else "")
        tingkat = "pemda" if self.tingkat_pemda else "opd"
        return f"{tingkat}|{self.jenis}|{self.fmt}|{pemilik}|{self.tahun}|{opsi}"[:255]

    @property
    def kunci_hash(self) -> str:
        return hashlib.sha256(self.kunci.encode()).hexdigest()

    def versi(self) -> Versi:
        if self.tingkat_pemda:
            return versi_pemda(self.pemda.pk)
        return versi_opd(self.opd.pk, self.opd.pemda_id)

    @property
    def judul(self) -> str:
        nama = {
            "lkjip": "LKjIP",
            "pk": "Perjanjian Kinerja",
            "rencana-aksi": "Rencana Aksi",
            "pengukuran": "Pengukuran Kinerja",
            "lhe": "LHE Evaluasi AKIP",
            "lkjip-pemda": "LKjIP Pemda",
            "pk-pemda": "PK Kepala Daerah",
            "pohon": "Pohon kinerja",
            SEMUA_LKJIP: "LKjIP semua OPD (ZIP)",
        }.get(self.jenis, self.jenis)
        siapa = self.opd.nama if self.opd else self.pemda.nama
        return f"{nama} {self.tahun} — {siapa} ({self.fmt.upper()})"[:255]

    def buat(self) -> Berkas:
        """Buat dokumennya sekarang (tanpa menyimpan)."""
        if self.tingkat_pemda:
            return buat_dokumen_pemda(self.jenis, self.pemda, self.tahun, self.fmt, opd=self.opd)
        return buat_dokumen(self.jenis, self.opd, self.tahun, self.fmt, **self.opsi)

    def sebagai_parameter(self) -> dict:
        return {
            "jenis": self.jenis,
            "fmt": self.fmt,
            "tahun": self.tahun,
            "pemda": self.pemda.pk,
            "opd": self.opd.pk if self.opd else None,
            "tingkat_pemda": self.tingkat_pemda,
            "opsi": self.opsi,
        }

    @classmethod
    def dari_parameter(cls, p: dict) -> Permintaan:
        pemda = Pemda.objects.get(pk=p["pemda"])
        opd = PerangkatDaerah.objects.select_related("pemda").get(pk=p["opd"]) if p["opd"] else None
        return cls(p["jenis"], p["fmt"], p["tahun"], pemda, opd, p["tingkat_pemda"], p["opsi"])


def tersimpan(p: Permintaan, versi: Versi | None = None) -> DokumenTersimpan | None:
    """Dokumen tersimpan untuk versi data sekarang, atau None (belum dibuat / data berubah)."""
    v = p.versi() if versi is None else versi
    d = DokumenTersimpan.objects.filter(kunci_hash=p.kunci_hash, versi_data=str(v)).first()
    if d is not None and not d.berkas.storage.exists(d.berkas.name):
        d.delete()  # berkasnya hilang dari folder media: buat ulang
        return None
    return d


def simpan(
    p: Permintaan, versi: Versi, berkas: Berkas, detik: float, sebelum_simpan=None
) -> DokumenTersimpan:
    """Simpan hasil pembuatan dengan versi ``versi``; versi lama kunci yang sama dibuang.

    ``sebelum_simpan`` dipanggil di dalam transaksi penyimpanan (pemeriksaan kepemilikan tugas:
    pekerja yang tugasnya sudah diambil alih tidak menyimpan apa pun)."""
    d = DokumenTersimpan(
        kunci=p.kunci,
        kunci_hash=p.kunci_hash,
        versi_data=str(versi),
        versi_jumlah=versi.jumlah,
        pemda=p.pemda,
        opd=p.opd,
        tahun=p.tahun,
        nama=berkas.nama,
        mime=berkas.mime,
        ukuran=len(berkas.isi),
        detik=round(detik, 3),
    )
    d.berkas.save(berkas.nama, ContentFile(berkas.isi), save=False)
    try:
        with transaction.atomic():
            if sebelum_simpan is not None:
                sebelum_simpan()
            d.save()
            lama = list(
                DokumenTersimpan.objects.filter(
                    kunci_hash=p.kunci_hash, versi_jumlah__lt=versi.jumlah
                )
            )
            DokumenTersimpan.objects.filter(pk__in=[x.pk for x in lama]).delete()
    except IntegrityError:
        # dibuat bersamaan oleh proses lain untuk versi yang sama: pakai yang sudah ada
        d.berkas.storage.delete(d.berkas.name)
        return DokumenTersimpan.objects.get(kunci_hash=p.kunci_hash, versi_data=str(versi))
    except BaseException:
        d.berkas.storage.delete(d.berkas.name)
        raise
    for x in lama:
        x.berkas.storage.delete(x.berkas.name)
    return d


def ambil_atau_buat(p: Permintaan, sebelum_simpan=None) -> tuple[DokumenTersimpan, bool]:
    """Dokumen tersimpan versi sekarang; bila belum ada, dibuat lalu disimpan.
    Mengembalikan (dokumen, dibuat_baru)."""
    v = p.versi()
    d = tersimpan(p, v)
    if d is not None:
        return d, False
    t0 = time.perf_counter()
    berkas = p.buat()
    return simpan(p, v, berkas, time.perf_counter() - t0, sebelum_simpan), True


def isi(d: DokumenTersimpan) -> bytes:
    with d.berkas.open("rb") as f:
        return f.read()


def zip_lkjip(nama: str, berkas: list[tuple[str, bytes]]) -> Berkas:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in berkas:
            z.writestr(n, b)
    return Berkas(nama, MIME_ZIP, buf.getvalue())
