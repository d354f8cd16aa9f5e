"""Pekerjaan latar (django-tasks + django-tasks-db) dan hasilnya: dokumen tersimpan per versi data."""
