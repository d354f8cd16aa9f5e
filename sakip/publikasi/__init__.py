"""Publikasi: apa yang diterbitkan untuk publik, sebagai cuplikan yang tidak berubah lagi.

Saat LKjIP OPD disetujui Kepala OPD, PK Kepala OPD disetujui, evaluasi AKIP difinalkan Inspektorat,
atau Admin Pemda menerbitkan LKjIP Pemda, dibuat satu :class:`~.models.Terbitan`: angka yang terbit
(indikator, target, realisasi, capaian, predikat, anggaran, nilai evaluasi) dan berkas PDF-nya,
pada versi data saat itu. Portal publik (``/publik/``) dan data terbuka hanya membaca terbitan;
koreksi data sesudahnya tidak mengubah apa yang sudah terbit.
"""
