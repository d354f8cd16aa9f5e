"""Kerja harian: kalender tenggat Pemda, pemberitahuan (aplikasi dan surel), beranda per peran."""
