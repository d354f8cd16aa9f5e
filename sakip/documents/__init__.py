"""Dokumen dari data: model dokumen (document), penyusun tiap dokumen, dan perender HTML/PDF/DOCX."""
