"""Urusan pemerintahan dan bidang urusan menurut Permendagri 90/2019 (Lampiran I, klasifikasi
urusan; dimutakhirkan Kepmendagri 050-5889/2021 dan 900.1.15.5-1317/2023, yang tidak mengubah
daftar urusan dan bidang urusan kabupaten/kota dan provinsi ini).

Dipakai saat program baru dicatat lewat formulir: bidang urusannya (dua angka pertama kode program)
dikenali dan namanya dicatat tanpa diketik ulang."""

from __future__ import annotations

URUSAN = {
    "1": "Urusan Pemerintahan Wajib yang Berkaitan dengan Pelayanan Dasar",
    "2": "Urusan Pemerintahan Wajib yang Tidak Berkaitan dengan Pelayanan Dasar",
    "3": "Urusan Pemerintahan Pilihan",
    "4": "Unsur Pendukung Urusan Pemerintahan",
    "5": "Unsur Penunjang Urusan Pemerintahan",
    "6": "Unsur Pengawasan Urusan Pemerintahan",
    "7": "Unsur Kewilayahan",
    "8": "Unsur Pemerintahan Umum",
}

BIDANG = {
    "1.01": "Pendidikan",
    "1.02": "Kesehatan",
    "1.03": "Pekerjaan Umum dan Penataan Ruang",
    "1.04": "Perumahan Rakyat dan Kawasan Permukiman",
    "1.05": "Ketenteraman dan Ketertiban Umum serta Perlindungan Masyarakat",
    "1.06": "Sosial",
    "2.07": "Tenaga Kerja",
    "2.08": "Pemberdayaan Perempuan dan Perlindungan Anak",
    "2.09": "Pangan",
    "2.10": "Pertanahan",
    "2.11": "Lingkungan Hidup",
    "2.12": "Administrasi Kependudukan dan Pencatatan Sipil",
    "2.13": "Pemberdayaan Masyarakat dan Desa",
    "2.14": "Pengendalian Penduduk dan Keluarga Berencana",
    "2.15": "Perhubungan",
    "2.16": "Komunikasi dan Informatika",
    "2.17": "Koperasi, Usaha Kecil, dan Menengah",
    "2.18": "Penanaman Modal",
    "2.19": "Kepemudaan dan Olahraga",
    "2.20": "Statistik",
    "2.21": "Persandian",
    "2.22": "Kebudayaan",
    "2.23": "Perpustakaan",
    "2.24": "Kearsipan",
    "3.25": "Kelautan dan Perikanan",
    "3.26": "Pariwisata",
    "3.27": "Pertanian",
    "3.28": "Kehutanan",
    "3.29": "Energi dan Sumber Daya Mineral",
    "3.30": "Perdagangan",
    "3.31": "Perindustrian",
    "3.32": "Transmigrasi",
    "4.01": "Sekretariat Daerah",
    "4.02": "Sekretariat DPRD",
    "5.01": "Perencanaan",
    "5.02": "Keuangan",
    "5.03": "Kepegawaian",
    "5.04": "Pendidikan dan Pelatihan",
    "5.05": "Penelitian dan Pengembangan",
    "6.01": "Inspektorat Daerah",
    "7.01": "Kecamatan",
    "8.01": "Kesatuan Bangsa dan Politik",
}


def nama_urusan(kode: str) -> str | None:
    """Nama urusan (``2``) atau bidang urusan (``2.07``) seperti dicetak dokumen daerah."""
    if kode in URUSAN:
        return URUSAN[kode]
    if kode in BIDANG:
        nama = BIDANG[kode]
        return f"Urusan Pemerintahan Bidang {nama}" if kode[0] in "123" else nama
    return None
