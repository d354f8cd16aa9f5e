"""Lapisan teratas: semua perintah `sakip …` (perintah manajemen Django) dan pemuatan data demo."""
