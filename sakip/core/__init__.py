"""Inti perhitungan sakip: Python murni tanpa Django.

Modul:
  numbers     membaca/mencetak angka Indonesia, pembulatan
  capaian     capaian per polaritas, target rentang, hasil "tidak dapat dihitung"
  aggregation agregasi triwulan ke tahunan
  predikat    skala predikat (bawaan Permendagri 86/2017)
  anggaran    serapan, sisa, penjumlahan berjenjang
  efisiensi   indeks, standar dan tingkat efisiensi
  kode        kode nomenklatur program/kegiatan/sub kegiatan
"""
