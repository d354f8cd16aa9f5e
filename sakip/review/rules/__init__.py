"""Aturan reviu dikelompokkan menurut yang diperiksa; satu tabel (:mod:`.tabel`) menyusunnya.

- :mod:`.dasar`: Temuan, Aturan, Klaim, Konteks dan pembantu bersama
- :mod:`.capaian`, :mod:`.anggaran`, :mod:`.efisiensi`, :mod:`.konsistensi`, :mod:`.teks`,
  :mod:`.data`: fungsi pemeriksa, satu per aturan
- :mod:`.tabel`: ATURAN, urutan dan tingkat setiap aturan
"""
