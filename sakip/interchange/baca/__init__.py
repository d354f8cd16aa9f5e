"""Membaca laporan kinerja tercetak (PDF, DOCX, teks) menjadi draf berkas OPD-tahun dan laporan
pembacaannya: naskah (:mod:`.naskah`), pengenalan tabel dari kata kepalanya (:mod:`.pengenal`),
penyusunan draf (:mod:`.draf`)."""

from .draf import HasilBaca, baca_laporan
from .naskah import BacaError

__all__ = ["BacaError", "HasilBaca", "baca_laporan"]
