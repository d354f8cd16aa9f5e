"""Evaluasi AKIP: LKE berbasis templat, jawaban otomatis dari data, penilaian mandiri, evaluasi Inspektorat, rekomendasi dan tindak lanjutnya."""
