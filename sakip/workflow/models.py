"""Model abstrak alur persetujuan: status (django-fsm-2, terlindung), alasan, siapa dan kapan."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition


class StatusAlur(models.TextChoices):
    DRAFT = "draft", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DISETUJUI = "disetujui", "Disetujui"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"


S = StatusAlur


class DapatDisetujui(FSMModelMixin, models.Model):
    """Sesuatu yang diajukan, lalu disetujui atau dikembalikan dengan alasan.

    Status hanya berubah lewat transisi di bawah (``protected=True``: ``obj.status = …`` ditolak);
    transisi dijalankan oleh :func:`sakip.workflow.services.jalankan`, yang memeriksa peran, syarat
    dan alasan menurut deklarasi alurnya, dalam satu transaksi, dan tercatat di jejak audit.
    Yang disetujui terkunci; perubahan sesudahnya ditentukan alurnya (PK: versi baru; realisasi:
    koreksi beralasan yang membuka kembali triwulan sebagai draf).
    """

    status = FSMField(
        "status", max_length=15, choices=StatusAlur.choices, default=S.DRAFT, protected=True
    )
    alasan = models.TextField("alasan dikembalikan", blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diajukan oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diajukan_pada = models.DateTimeField("diajukan pada", null=True, blank=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diputuskan oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diputuskan_pada = models.DateTimeField("diputuskan pada", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def sedang_diajukan(self) -> bool:
        return self.status == S.DIAJUKAN

    @property
    def disetujui(self) -> bool:
        return self.status == S.DISETUJUI

    @property
    def dapat_disunting(self) -> bool:
        """Draf atau dikembalikan: isinya masih boleh diubah tanpa koreksi/versi baru."""
        return self.status in (S.DRAFT, S.DIKEMBALIKAN)

    @transition(field=status, source=[S.DRAFT, S.DIKEMBALIKAN], target=S.DIAJUKAN)
    def ajukan(self, oleh=None, alasan: str = "") -> None:
        self.diajukan_oleh, self.diajukan_pada = oleh, timezone.now()

    @transition(field=status, source=S.DIAJUKAN, target=S.DISETUJUI)
    def setujui(self, oleh=None, alasan: str = "") -> None:
        self.alasan, self.diputuskan_oleh, self.diputuskan_pada = "", oleh, timezone.now()

    @transition(field=status, source=S.DIAJUKAN, target=S.DIKEMBALIKAN)
    def kembalikan(self, oleh=None, alasan: str = "") -> None:
        self.alasan, self.diputuskan_oleh, self.diputuskan_pada = alasan, oleh, timezone.now()

    @transition(field=status, source=S.DISETUJUI, target=S.DRAFT)
    def buka_kembali(self, oleh=None, alasan: str = "") -> None:
        """Perubahan sesudah disetujui (koreksi beralasan): kembali draf, harus diajukan lagi.
        Siapa dan kapan tercatat di jejak audit; keputusan yang lama tetap terbaca di sana."""
