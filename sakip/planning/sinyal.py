"""Sinyal app perencanaan untuk app di lapisan atasnya (anggaran tidak boleh diimpor dari sini)."""

from django.dispatch import Signal

# PK jabatan (eselon III/IV) baru dibuat, di dalam transaksinya: ``pk``, ``indikator`` (daftar
# Indikator yang masuk PK itu). App anggaran mengisi anggaran PK dari pagu tahun itu.
pk_jabatan_dibuat = Signal()
