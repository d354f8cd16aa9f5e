"""Perencanaan: Renstra (Tujuan → Sasaran → Indikator), nomenklatur Program →
Kegiatan → Sub Kegiatan, target tahunan, Perjanjian Kinerja dan Rencana Aksi."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from sakip.core.aggregation import Agregasi
from sakip.core.capaian import Polaritas, Target
from sakip.core.kode import KodeError, Tingkat, parse_kode
from sakip.organisations.models import Jabatan, PerangkatDaerah, Urusan
from sakip.rpjmd.models import IndikatorRPJMD, ProgramRPJMD, SasaranRPJMD
from sakip.workflow.models import DapatDisetujui

from .models_berhenti import DapatDihentikan
from .models_kinerja import Crosscutting, pernyataan_kinerja
from .models_wajar import RentangWajar

DEC = {"max_digits": 20, "decimal_places": 4}
YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]


def _validate_kode(value: str, tingkat: Tingkat) -> None:
    if not value:
        return
    try:
        parse_kode(value, harus=tingkat)
    except KodeError as exc:
        raise ValidationError(str(exc)) from exc


def validate_kode_program(value: str) -> None:
    _validate_kode(value, Tingkat.PROGRAM)


def validate_kode_kegiatan(value: str) -> None:
    _validate_kode(value, Tingkat.KEGIATAN)


def validate_kode_sub_kegiatan(value: str) -> None:
    _validate_kode(value, Tingkat.SUB_KEGIATAN)


class TahunKinerja(models.Model):
    """Satu OPD pada satu tahun: satuan laporan (LKjIP), impor/ekspor dan alur kerja."""

    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="tahun_kinerja",
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    penandatangan_nama = models.CharField("nama penandatangan", max_length=200, blank=True)
    penandatangan_jabatan = models.CharField("jabatan penandatangan", max_length=200, blank=True)
    penandatangan_pangkat = models.CharField("pangkat/golongan", max_length=120, blank=True)
    penandatangan_nip = models.CharField("NIP", max_length=30, blank=True)
    tempat = models.CharField("tempat penandatanganan", max_length=100, blank=True)
    tanggal = models.DateField("tanggal laporan", null=True, blank=True)
    sumber = models.TextField(
        "sumber data", blank=True, help_text="mis. dokumen LKjIP yang diimpor"
    )
    catatan = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "Tahun Kinerja OPD"
        verbose_name_plural = "Tahun Kinerja OPD"
        ordering = ["opd_id", "-tahun"]
        constraints = [models.UniqueConstraint(fields=["opd", "tahun"], name="tahun_kinerja_unik")]

    def __str__(self) -> str:
        return f"{self.opd} {self.tahun}"


class Renstra(DapatDisetujui):
    """Renstra OPD. Yang disetujui Kepala OPD terkunci; perubahannya (Renstra Perubahan ke-N) dibuka
    lewat :func:`sakip.planning.renstra_versi.buat_perubahan` dan disetujui lagi; setiap penetapan
    tersimpan utuh sebagai :class:`RenstraVersi` (terbaca apa adanya)."""

    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="renstra",
    )
    tahun_awal = models.PositiveSmallIntegerField("tahun awal", validators=YEAR)
    tahun_akhir = models.PositiveSmallIntegerField("tahun akhir", validators=YEAR)
    nama = models.CharField("nama dokumen", max_length=255, blank=True)
    visi = models.TextField("visi", blank=True)
    misi = models.JSONField("misi", default=list, blank=True)
    perubahan_ke = models.PositiveSmallIntegerField("perubahan ke-", default=0)
    alasan_perubahan = models.TextField("alasan perubahan", blank=True)

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        ordering = ["opd_id", "-tahun_awal"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun_awal", "tahun_akhir"], name="renstra_unik"
            ),
            models.CheckConstraint(
                condition=Q(tahun_akhir__gte=models.F("tahun_awal")), name="renstra_periode_urut"
            ),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.opd} {self.tahun_awal}–{self.tahun_akhir}"

    @property
    def tahun_list(self) -> list[int]:
        return list(range(self.tahun_awal, self.tahun_akhir + 1))


class Tujuan(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan")
    kode = models.CharField("kode", max_length=40)
    uraian = models.TextField("uraian")
    sasaran_rpjmd = models.ForeignKey(
        SasaranRPJMD,
        verbose_name="sasaran RPJMD yang didukung",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tujuan_opd",
    )
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "Tujuan"
        verbose_name_plural = "Tujuan"
        ordering = ["renstra_id", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["renstra", "kode"], name="tujuan_kode_unik")]

    def __str__(self) -> str:
        return self.uraian


class Sasaran(models.Model):
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")
    kode = models.CharField("kode", max_length=40)
    uraian = models.TextField("uraian")
    sasaran_rpjmd = models.ForeignKey(
        SasaranRPJMD,
        verbose_name="sasaran RPJMD yang didukung",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sasaran_opd",
    )
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "Sasaran"
        verbose_name_plural = "Sasaran"
        ordering = ["tujuan_id", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["tujuan", "kode"], name="sasaran_kode_unik")]

    def __str__(self) -> str:
        return self.uraian

    @property
    def renstra(self) -> Renstra:
        return self.tujuan.renstra


class Program(DapatDihentikan):
    JENIS_BERHENTI = "program"
    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="program",
    )
    kode = models.CharField("kode", max_length=20, validators=[validate_kode_program])
    nama = models.CharField("nama", max_length=500)
    kinerja = pernyataan_kinerja()
    bidang_urusan = models.ForeignKey(
        Urusan, verbose_name="bidang urusan", on_delete=models.PROTECT, related_name="program"
    )
    sasaran = models.ManyToManyField(
        Sasaran, verbose_name="sasaran yang didukung", blank=True, related_name="program"
    )
    program_rpjmd = models.ForeignKey(
        ProgramRPJMD,
        verbose_name="program RPJMD",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="program_opd",
    )
    jabatan = models.ForeignKey(
        Jabatan,
        verbose_name="jabatan penanggung jawab",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="program",
    )
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "Program"
        verbose_name_plural = "Program"
        ordering = ["opd_id", "kode"]
        constraints = [models.UniqueConstraint(fields=["opd", "kode"], name="program_kode_unik")]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    @property
    def is_penunjang(self) -> bool:
        return parse_kode(self.kode).is_penunjang()


class Kegiatan(DapatDihentikan):
    JENIS_BERHENTI = "kegiatan"
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kegiatan")
    kode = models.CharField("kode", max_length=24, validators=[validate_kode_kegiatan])
    nama = models.CharField("nama", max_length=500)
    kinerja = pernyataan_kinerja()
    sasaran = models.ForeignKey(
        Sasaran,
        verbose_name="sasaran yang didukung",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kegiatan",
    )
    jabatan = models.ForeignKey(
        Jabatan,
        verbose_name="jabatan penanggung jawab",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kegiatan",
    )
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "Kegiatan"
        verbose_name_plural = "Kegiatan"
        ordering = ["program_id", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["program", "kode"], name="kegiatan_kode_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class SubKegiatan(DapatDihentikan):
    JENIS_BERHENTI = "sub_kegiatan"
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="sub_kegiatan")
    kode = models.CharField(
        "kode",
        max_length=30,
        blank=True,
        validators=[validate_kode_sub_kegiatan],
        help_text="kosong bila sumbernya tidak mencantumkan kode",
    )
    nama = models.CharField("nama", max_length=500)
    kinerja = pernyataan_kinerja()
    jabatan = models.ForeignKey(
        Jabatan,
        verbose_name="jabatan penanggung jawab",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sub_kegiatan",
    )
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "Sub Kegiatan"
        verbose_name_plural = "Sub Kegiatan"
        ordering = ["kegiatan_id", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "nama"], name="sub_kegiatan_nama_unik"),
            models.UniqueConstraint(
                fields=["kegiatan", "kode"], condition=~Q(kode=""), name="sub_kegiatan_kode_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}".strip()


# Medan nilai indikator OPD yang dipertukarkan (berkas OPD-tahun: validasi, impor, ekspor) — satu
# daftar. ``kondisi_awal_tahun`` ditulis di dalam ``kondisi_awal: {tahun, nilai}`` di berkas.
MEDAN_INDIKATOR = (
    "nama",
    "satuan",
    "iku",
    "polaritas",
    "agregasi",
    "formula",
    "pembilang",
    "penyebut",
    "pengali",
    "sumber_data",
    "penanggung_jawab",
    "kondisi_awal",
    "kondisi_awal_tahun",
    "kondisi_akhir",
    "catatan",
    "batas_bawah",
    "batas_atas",
)


class Indikator(DapatDihentikan, RentangWajar):
    """Indikator kinerja pada salah satu tingkat: tujuan, sasaran, program, kegiatan, sub kegiatan.

    Indikator rumus (seperti DHIS2) menyimpan nama pembilang dan penyebut; nilai
    realisasinya diturunkan dari data hitungan mentah, bukan diketik.
    """

    class Tingkat(models.TextChoices):
        TUJUAN = "tujuan", "Tujuan"
        SASARAN = "sasaran", "Sasaran"
        PROGRAM = "program", "Program"
        KEGIATAN = "kegiatan", "Kegiatan"
        SUB_KEGIATAN = "sub_kegiatan", "Sub Kegiatan"

    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="indikator",
    )
    kode = models.CharField("kode", max_length=60)
    nama = models.TextField("nama indikator")
    satuan = models.CharField("satuan", max_length=60, blank=True)
    iku = models.BooleanField("Indikator Kinerja Utama (IKU)", default=False)
    polaritas = models.CharField(
        "polaritas",
        max_length=10,
        choices=[(p.value, p.label) for p in Polaritas],
        default=Polaritas.NAIK.value,
    )
    agregasi = models.CharField(
        "agregasi triwulan",
        max_length=12,
        choices=[(a.value, a.label) for a in Agregasi],
        default=Agregasi.TERAKHIR.value,
    )
    formula = models.TextField("formula / penjelasan", blank=True)
    pembilang = models.CharField(
        "nama pembilang",
        max_length=255,
        blank=True,
        help_text="mis. jumlah pencari kerja yang ditempatkan",
    )
    penyebut = models.CharField(
        "nama penyebut", max_length=255, blank=True, help_text="mis. jumlah pencari kerja terdaftar"
    )
    pengali = models.DecimalField("pengali", **DEC, default=Decimal(100))
    sumber_data = models.CharField("sumber data", max_length=255, blank=True)
    penanggung_jawab = models.CharField("penanggung jawab", max_length=255, blank=True)
    kondisi_awal = models.DecimalField("kondisi awal", **DEC, null=True, blank=True)
    kondisi_awal_tahun = models.PositiveSmallIntegerField(
        "tahun kondisi awal", null=True, blank=True
    )
    kondisi_akhir = models.DecimalField("kondisi akhir", **DEC, null=True, blank=True)
    catatan = models.TextField("catatan", blank=True)
    urutan = models.PositiveIntegerField("urutan", default=0)
    indikator_rpjmd = models.ForeignKey(
        IndikatorRPJMD,
        verbose_name="indikator RPJMD yang sama",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indikator_opd",
        help_text="indikator kinerja daerah yang diukur sama oleh OPD ini",
    )
    indikator_induk = models.ForeignKey(
        "self",
        verbose_name="sama dengan indikator di tingkat atas",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="turunan",
        help_text="realisasi indikator atas yang tidak diisi sendiri dijumlahkan dari turunannya",
    )

    tujuan = models.ForeignKey(
        Tujuan, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    sasaran = models.ForeignKey(
        Sasaran, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    kegiatan = models.ForeignKey(
        Kegiatan, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )

    OWNER_FIELDS = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
    JENIS_BERHENTI = "indikator"

    class Meta:
        verbose_name = "Indikator"
        verbose_name_plural = "Indikator"
        ordering = ["opd_id", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "kode"], name="indikator_kode_unik"),
            models.CheckConstraint(
                name="indikator_satu_pemilik",
                condition=(
                    Q(
                        tujuan__isnull=False,
                        sasaran__isnull=True,
                        program__isnull=True,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        tujuan__isnull=True,
                        sasaran__isnull=False,
                        program__isnull=True,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        tujuan__isnull=True,
                        sasaran__isnull=True,
                        program__isnull=False,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        tujuan__isnull=True,
                        sasaran__isnull=True,
                        program__isnull=True,
                        kegiatan__isnull=False,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        tujuan__isnull=True,
                        sasaran__isnull=True,
                        program__isnull=True,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=False,
                    )
                ),
            ),
            models.CheckConstraint(name="indikator_pengali_positif", condition=Q(pengali__gt=0)),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def tingkat(self) -> str:
        for f in self.OWNER_FIELDS:
            if getattr(self, f + "_id"):
                return f
        return ""

    def get_tingkat_display(self) -> str:
        return dict(self.Tingkat.choices).get(self.tingkat, "")

    @property
    def pemilik(self):
        return getattr(self, self.tingkat) if self.tingkat else None

    @property
    def is_rumus(self) -> bool:
        return bool(self.pembilang and self.penyebut)

    @property
    def jabatan_efektif_id(self) -> int | None:
        """Jabatan penanggung jawab indikator: jabatan sub kegiatan, kegiatan atau programnya,
        yang terdekat; ``None`` untuk tujuan/sasaran (kepala OPD) atau yang belum ditugaskan.
        Muat ``program``, ``kegiatan__program`` dan ``sub_kegiatan__kegiatan__program`` lebih dulu."""
        rantai = []
        if self.sub_kegiatan_id:
            sk = self.sub_kegiatan
            rantai = [sk, sk.kegiatan, sk.kegiatan.program]
        elif self.kegiatan_id:
            rantai = [self.kegiatan, self.kegiatan.program]
        elif self.program_id:
            rantai = [self.program]
        return next((x.jabatan_id for x in rantai if x.jabatan_id), None)

    def clean(self) -> None:
        owners = [f for f in self.OWNER_FIELDS if getattr(self, f + "_id")]
        if len(owners) != 1:
            raise ValidationError(
                "Indikator harus melekat pada tepat satu tujuan, sasaran, program, kegiatan atau sub kegiatan."
            )
        if bool(self.pembilang) != bool(self.penyebut):
            raise ValidationError(
                {
                    "penyebut": "Indikator rumus harus punya nama pembilang dan nama penyebut sekaligus."
                }
            )


class Berversi(models.Model):
    """Nomor versi yang naik setiap kali baris disimpan (konkurensi optimistis).

    Formulir membawa versi yang dibacanya; layanan menolak simpanan bila versi di basis data
    sudah berbeda (diubah orang lain sesudah formulir dibuka)."""

    versi = models.PositiveIntegerField(
        "versi",
        default=1,
        editable=False,
        help_text="naik setiap kali disimpan; formulir membawa versi yang dibaca (konkurensi optimistis)",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.versi = (self.versi or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "versi"}
        super().save(*args, **kwargs)


class TargetIndikator(Berversi):
    """Target tahunan indikator (Renstra/rencana tahunan); bisa berupa rentang."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    nilai = models.DecimalField("target", **DEC)
    nilai_atas = models.DecimalField("batas atas (target rentang)", **DEC, null=True, blank=True)

    class Meta:
        verbose_name = "Target indikator"
        verbose_name_plural = "Target indikator"
        ordering = ["indikator_id", "tahun"]
        constraints = [models.UniqueConstraint(fields=["indikator", "tahun"], name="target_unik")]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun}: {self.nilai}"

    @property
    def as_target(self) -> Target:
        return Target(self.nilai, self.nilai_atas)

    def clean(self) -> None:
        if self.nilai_atas is not None and self.nilai is not None and self.nilai_atas < self.nilai:
            raise ValidationError(
                {"nilai_atas": "Batas atas rentang target lebih kecil dari batas bawahnya."}
            )


# Perjanjian Kinerja di modulnya sendiri (models_pk.py); diimpor di sini agar terdaftar di app ini
# dan tetap dapat diimpor dari sakip.planning.models. Diimpor sesudah model yang dirujuknya.
from .models_nomenklatur import (  # noqa: E402
    KodeLuarNomenklatur,
    NomenklaturEntri,
    NomenklaturVersi,
    RenstraVersi,
)
from .models_pk import PerjanjianKinerja, PKAnggaran, PKIndikator, RencanaAksi  # noqa: E402

__all__ = [
    "Berversi",
    "Indikator",
    "Kegiatan",
    "PerjanjianKinerja",
    "PKAnggaran",
    "PKIndikator",
    "Program",
    "RencanaAksi",
    "Renstra",
    "RenstraVersi",
    "Sasaran",
    "SubKegiatan",
    "KodeLuarNomenklatur",
    "NomenklaturEntri",
    "Crosscutting",
    "NomenklaturVersi",
    "TahunKinerja",
    "TargetIndikator",
    "Tujuan",
]
