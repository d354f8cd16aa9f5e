"""Skema masukan dan keluaran API, beserta batasan parameter jalur yang diumumkan di OpenAPI."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, ModelSchema, Path, Query, Schema

from sakip.review.models import TemuanReviu

# Parameter jalur dengan batasannya sendiri (nilai di luar batas: 422 yang menyebut medannya).
Slug = Annotated[
    str,
    Path(
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        max_length=80,
        description="slug OPD/Pemda (huruf kecil, angka, tanda hubung)",
        examples=["disnaker-denpasar"],
    ),
]
SlugPemda = Annotated[
    str,
    Path(
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        max_length=80,
        description="slug Pemda",
        examples=["kota-denpasar"],
    ),
]
Tahun = Annotated[int, Path(ge=2000, le=2100, description="tahun kinerja", examples=[2022])]
Triwulan = Annotated[int, Path(ge=1, le=4, description="triwulan 1–4", examples=[4])]
JenisDokumen = Literal["lkjip", "pk", "rencana-aksi", "pengukuran"]
FormatDokumen = Literal["pdf", "docx", "html"]
Tingkat = Literal["opd", "urusan", "bidang", "program", "kegiatan", "sub_kegiatan"]


class Galat(Schema):
    detail: str = Field(description="kalimat untuk manusia")
    galat: dict[str, str] = Field(
        default_factory=dict, description="pesan per medan, mis. {'isian[0].nilai': '…'}"
    )


class PemdaOut(Schema):
    slug: str
    nama: str
    jenis: str
    provinsi: str
    jumlah_opd: int


class OpdOut(Schema):
    slug: str
    nama: str
    singkatan: str
    pemda: str
    pemda_slug: str
    tahun: list[int] = Field(description="tahun kinerja yang datanya ada (dan boleh dilihat)")


class BarisOut(Schema):
    kode: str
    indikator: str
    tingkat: str
    satuan: str
    polaritas: str
    target: Decimal | None
    realisasi: Decimal | None
    pembilang: Decimal | None
    penyebut: Decimal | None
    capaian: Decimal | None
    capaian_teks: str
    alasan: str | None
    predikat: str | None


class TargetOut(Schema):
    tahun: int
    nilai: Decimal
    nilai_atas: Decimal | None


class IndikatorOut(Schema):
    kode: str
    nama: str
    satuan: str
    iku: bool
    polaritas: str
    agregasi: str
    rumus: bool = Field(description="indikator rumus: realisasi berupa pembilang/penyebut")
    pembilang: str
    penyebut: str
    formula: str
    kondisi_awal: Decimal | None
    kondisi_akhir: Decimal | None
    target: list[TargetOut]


class SasaranOut(Schema):
    kode: str
    uraian: str
    indikator: list[IndikatorOut]


class TujuanOut(Schema):
    kode: str
    uraian: str
    indikator: list[IndikatorOut]
    sasaran: list[SasaranOut]


class RenstraOut(Schema):
    nama: str
    tahun_awal: int
    tahun_akhir: int
    visi: str
    misi: list[str]
    tujuan: list[TujuanOut]


class RencanaAksiOut(Schema):
    triwulan: int
    target: Decimal | None
    target_atas: Decimal | None
    rencana_kegiatan: str


class PKIndikatorOut(Schema):
    kode: str
    indikator: str
    satuan: str
    target: Decimal
    target_atas: Decimal | None
    rencana_aksi: list[RencanaAksiOut]


class PKAnggaranOut(Schema):
    program_kode: str
    program: str
    kegiatan_kode: str | None = None  # PK eselon III/IV: anggaran per kegiatan/sub kegiatan
    sub_kegiatan_kode: str | None = None
    uraian: str = ""  # nama yang dianggarkan (program, kegiatan atau sub kegiatan)
    pagu: Decimal


class PKOut(Schema):
    versi: int
    jenis: str
    status: str
    tanggal: date | None
    pihak_pertama_nama: str
    pihak_pertama_jabatan: str
    pihak_kedua_nama: str
    pihak_kedua_jabatan: str
    alasan_perubahan: str
    indikator: list[PKIndikatorOut]
    anggaran: list[PKAnggaranOut]


class RealisasiOut(Schema):
    kode: str
    indikator: str
    periode: str = Field(description="tw1–tw4 atau tahunan")
    nilai: Decimal | None
    pembilang: Decimal | None
    penyebut: Decimal | None
    catatan: str
    versi: int


class RealisasiTwOut(Schema):
    kode: str
    indikator: str
    nilai: Decimal | None
    pembilang: Decimal | None
    penyebut: Decimal | None
    catatan: str
    versi: int


class AnggaranOut(Schema):
    tingkat: str
    kode: str
    nama: str
    pagu: Decimal
    realisasi: Decimal
    serapan: Decimal | None


class SaringAnggaran(Schema):
    tingkat: Tingkat | None = Field(None, description="hanya satu tingkat; kosong = semua")


class TemuanOut(ModelSchema):
    class Meta:
        model = TemuanReviu
        fields = [
            "aturan",
            "tingkat",
            "judul",
            "lokasi",
            "objek",
            "tercetak",
            "dihitung",
            "pesan",
            "status",
        ]


class PeringkatOut(Schema):
    peringkat: int | None
    opd_slug: str
    opd: str
    jumlah_iku: int
    terukur: int
    tercapai: int
    rata_capaian: Decimal | None


class FormatQuery(Schema):
    format: FormatDokumen = Field("pdf", description="pdf, docx atau html")


# Teks tanpa karakter NUL (PostgreSQL tidak dapat menyimpannya; ditolak 422 seperti bentuk lain).
TANPA_NUL = r"^[^\x00]*$"


class IsianIn(Schema):
    model_config = {"extra": "forbid"}

    indikator: str = Field(
        max_length=60, pattern=TANPA_NUL, description="kode indikator, mis. S2-1"
    )
    nilai: str | None = Field(
        None, max_length=40, pattern=TANPA_NUL, description="indikator biasa: '8,33' atau '1.164'"
    )
    pembilang: str | None = Field(None, max_length=40, pattern=TANPA_NUL, description="rumus")
    penyebut: str | None = Field(None, max_length=40, pattern=TANPA_NUL, description="rumus")
    catatan: str = Field("", max_length=2000, pattern=TANPA_NUL)
    versi: int | None = Field(
        None,
        ge=0,
        description="versi yang dibaca (GET …/realisasi/{triwulan}; 0 = belum ada). Bila diisi dan "
        "realisasi sudah diubah orang lain, simpanan ditolak dengan 409.",
    )
    yakin: bool = Field(
        False,
        description="nilai ini benar: nilai yang lebih dari 10 kali (atau kurang dari sepersepuluh) "
        "target atau periode sebelumnya diterima hanya dengan yakin=true dan alasan di catatan",
    )


class RealisasiIn(Schema):
    model_config = {"extra": "forbid"}

    isian: list[IsianIn] = Field(max_length=500)
    alasan_koreksi: str = Field("", max_length=2000, pattern=TANPA_NUL)


class HasilSimpan(Schema):
    disimpan: int
    status: str


__all__ = ["Query"]


# --- Tingkat Pemda: RPJMD dan pohon kinerja ------------------------------------------------


class IndikatorRpjmdOut(Schema):
    kode: str
    nama: str
    satuan: str
    iku: bool
    polaritas: str
    sumber_data: str
    kondisi_awal: Decimal | None
    kondisi_awal_tahun: int | None
    kondisi_akhir: Decimal | None
    target: list[TargetOut]
    target_tahun: Decimal | None = Field(description="target pada tahun yang diminta")
    realisasi_tahun: Decimal | None = Field(description="realisasi pada tahun yang diminta")
    sumber_realisasi: str = Field(
        description="sumber realisasi (mis. BPS), atau OPD yang mengukur indikator yang sama"
    )
    capaian: Decimal | None
    predikat: str | None


class PendukungOut(Schema):
    opd_slug: str
    opd: str
    unsur: list[str] = Field(description="tujuan/sasaran OPD yang mendukung sasaran ini")


class SasaranRpjmdOut(Schema):
    kode: str
    uraian: str
    indikator: list[IndikatorRpjmdOut]
    pendukung: list[PendukungOut] = Field(description="OPD pendukung (cross-cutting)")


class TujuanRpjmdOut(Schema):
    kode: str
    uraian: str
    misi: int | None
    indikator: list[IndikatorRpjmdOut]
    sasaran: list[SasaranRpjmdOut]


class RpjmdOut(Schema):
    jenis: str = Field(description="rpjmd atau rpd")
    nama: str
    tahun_awal: int
    tahun_akhir: int
    versi: int
    status: str
    contoh: bool = Field(description="data contoh (peragaan), bukan data resmi")
    visi: str
    misi: list[str]
    tujuan: list[TujuanRpjmdOut]


class IndikatorSimpulOut(Schema):
    nama: str
    satuan: str
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None
    predikat: str | None


class SimpulOut(Schema):
    jenis: str = Field(
        description="rpjmd, tujuan_rpjmd, sasaran_rpjmd, opd, tujuan, sasaran, program, kegiatan, sub_kegiatan"
    )
    kode: str
    nama: str
    opd_slug: str | None
    jabatan: str | None
    pemegang: str | None
    capaian: Decimal | None
    predikat: str | None
    pagu: Decimal | None
    realisasi_anggaran: Decimal | None
    indikator: list[IndikatorSimpulOut]
    anak: list[SimpulOut]


SimpulOut.model_rebuild()


class PohonQuery(Schema):
    opd: str | None = Field(None, description="slug OPD: pohon satu OPD saja", max_length=80)
