"""Alur persetujuan bersama (draf → diajukan → disetujui / dikembalikan) untuk PK, realisasi, LKjIP, ….

- :mod:`.models`: model abstrak :class:`~.models.DapatDisetujui` (status django-fsm-2 yang
  terlindung: hanya transisi yang mengubahnya; alasan; siapa dan kapan mengajukan/memutuskan).
- :mod:`.alur`: deklarasi satu alur (:class:`~.alur.Alur`, :class:`~.alur.Langkah`): peran yang
  boleh mengambil setiap langkah, syaratnya, wajib tidaknya alasan, teks tombol dan pesan.
- :mod:`.services`: satu layanan yang menjalankan langkah (:func:`~.services.jalankan`), satu
  fungsi izin (:func:`~.services.boleh`) dan tampilan untuk templat ``workflow/_alur.html``.

Setiap alur dideklarasikan sekali di app pemilik syaratnya: PK di ``planning.alur``, realisasi
triwulan di ``measurement.alur``, LKjIP di ``review.alur`` (gerbangnya reviu).
"""
