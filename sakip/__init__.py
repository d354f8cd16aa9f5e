"""sakip — Sistem Akuntabilitas Kinerja Instansi Pemerintah untuk Perangkat Daerah."""

__version__ = "0.1.0"
