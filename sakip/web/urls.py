"""Peta alamat halaman aplikasi (namespace ``web``)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import (
    views,
    views_akun,
    views_anggaran,
    views_dasbor,
    views_dokumen,
    views_dpa,
    views_evaluasi,
    views_excel,
    views_harian,
    views_jabatan,
    views_kelola,
    views_laporan,
    views_lkjip_pemda,
    views_narasi,
    views_nomenklatur,
    views_pemda,
    views_pk,
    views_pohon_kinerja,
    views_publik,
    views_realisasi,
    views_rencana,
    views_renstra,
    views_reviu,
    views_riwayat,
    views_susun,
    views_target,
    views_tugas,
)

app_name = "web"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("publik/", views_publik.indeks, name="publik"),
    path("publik/<slug:slug>/", views_publik.portal, name="publik_pemda"),
    path("publik/<slug:slug>/<int:tahun>/", views_publik.pemda_tahun, name="publik_pemda_tahun"),
    path("publik/<slug:slug>/<slug:opd>/<int:tahun>/", views_publik.opd_tahun, name="publik_opd"),
    path(
        "publik/<slug:slug>/berkas/<int:pk>/<str:nama>", views_publik.berkas, name="publik_berkas"
    ),
    path(
        "publik/<slug:slug>/data/<str:nama>.<str:fmt>",
        views_publik.data_terbuka,
        name="publik_data",
    ),
    path(
        "pemda/<slug:slug>/<int:tahun>/terbitkan/",
        views_publik.terbitkan_pemda,
        name="terbitkan_pemda",
    ),
    path("masuk/", auth_views.LoginView.as_view(template_name="web/masuk.html"), name="masuk"),
    path("keluar/", auth_views.LogoutView.as_view(), name="keluar"),
    path("akun/2fa/", views_akun.akun_2fa, name="akun_2fa"),
    path("akun/2fa/verifikasi/", views_akun.verifikasi_2fa, name="verifikasi_2fa"),
    path("opd/<slug:slug>/<int:tahun>/", views.opd_tahun, name="opd_tahun"),
    path("opd/<slug:slug>/<int:tahun>/reviu/", views_reviu.reviu, name="reviu"),
    path(
        "opd/<slug:slug>/<int:tahun>/reviu/laporan/",
        views_laporan.daftar,
        name="laporan_daftar",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/reviu/laporan/<int:pk>/",
        views_laporan.detail,
        name="laporan_tercetak",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/reviu/laporan/<int:pk>/halaman/<int:nomor>.png",
        views_laporan.halaman,
        name="laporan_halaman",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/reviu/laporan/<int:pk>/sel/<int:indeks>/",
        views_laporan.sel,
        name="laporan_sel",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/reviu/laporan/<int:pk>/reviu/",
        views_laporan.jalankan,
        name="laporan_reviu",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/reviu/laporan/<int:pk>/hapus/",
        views_laporan.hapus,
        name="laporan_hapus",
    ),
    path("opd/<slug:slug>/<int:tahun>/narasi/", views_narasi.narasi, name="narasi"),
    path(
        "opd/<slug:slug>/<int:tahun>/realisasi/tw<int:tw>/",
        views_realisasi.realisasi,
        name="realisasi",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/realisasi/tw<int:tw>/alur/<str:aksi>/",
        views_realisasi.alur_realisasi,
        name="alur_realisasi",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/realisasi/tw<int:tw>/bukti/<int:indikator_id>/",
        views_realisasi.bukti,
        name="bukti",
    ),
    path("bukti/<int:pk>/", views_realisasi.unduh_bukti, name="unduh_bukti"),
    path("hitung/", views_realisasi.hitung, name="hitung"),
    path("nomenklatur/", views_nomenklatur.nomenklatur, name="nomenklatur"),
    path("nomenklatur/muat/", views_nomenklatur.nomenklatur_muat, name="nomenklatur_muat"),
    path("pemda/<slug:slug>/<int:tahun>/", views_dasbor.dasbor_pemda, name="dasbor_pemda"),
    path(
        "pemda/<slug:slug>/<int:tahun>/lkjip-semua/",
        views_tugas.lkjip_semua,
        name="lkjip_semua",
    ),
    path("tugas/", views_tugas.daftar_tugas, name="daftar_tugas"),
    path("pemberitahuan/", views_harian.pemberitahuan, name="pemberitahuan"),
    path("pemberitahuan/jumlah/", views_harian.pemberitahuan_jumlah, name="pemberitahuan_jumlah"),
    path("pemberitahuan/baca/", views_harian.pemberitahuan_baca, name="pemberitahuan_baca"),
    path("pemberitahuan/surel/", views_harian.pemberitahuan_surel, name="pemberitahuan_surel"),
    path("cari/", views_harian.cari, name="cari"),
    path("pemda/<slug:slug>/<int:tahun>/kalender/", views_harian.kalender, name="kalender"),
    path("tugas/<uuid:pk>/", views_tugas.tugas, name="tugas"),
    path("tugas/<uuid:pk>/berkas/", views_tugas.tugas_berkas, name="tugas_berkas"),
    path("tugas/<uuid:pk>/ulangi/", views_tugas.tugas_ulangi, name="tugas_ulangi"),
    path("pemda/<slug:slug>/kelola/", views_kelola.kelola, name="kelola"),
    path("pemda/<slug:slug>/<int:tahun>/rpjmd/", views_pemda.rpjmd, name="rpjmd"),
    path("pemda/<slug:slug>/<int:tahun>/rpjmd/excel/", views_pemda.rpjmd_excel, name="rpjmd_excel"),
    path(
        "pemda/<slug:slug>/<int:tahun>/rpjmd/excel/templat.xlsx",
        views_pemda.rpjmd_excel_templat,
        name="rpjmd_excel_templat",
    ),
    path(
        "pemda/<slug:slug>/<int:tahun>/rpjmd/buat/",
        views_pemda.rpjmd_buat,
        name="rpjmd_buat",
    ),
    path(
        "pemda/<slug:slug>/<int:tahun>/rpjmd/tujuan/",
        views_pemda.rpjmd_tujuan,
        name="rpjmd_tujuan",
    ),
    path(
        "pemda/<slug:slug>/<int:tahun>/rpjmd/sasaran/",
        views_pemda.rpjmd_sasaran,
        name="rpjmd_sasaran",
    ),
    path(
        "pemda/<slug:slug>/<int:tahun>/rpjmd/indikator/",
        views_pemda.rpjmd_indikator,
        name="rpjmd_indikator",
    ),
    path(
        "pemda/<slug:slug>/<int:tahun>/rpjmd/realisasi/",
        views_pemda.rpjmd_realisasi,
        name="rpjmd_realisasi",
    ),
    path(
        "pemda/<slug:slug>/<int:tahun>/rpjmd/tautkan/",
        views_pemda.rpjmd_tautkan,
        name="rpjmd_tautkan",
    ),
    path(
        "pemda/<slug:slug>/<int:tahun>/rpjmd/perubahan/",
        views_pemda.rpjmd_perubahan,
        name="rpjmd_perubahan",
    ),
    path(
        "pemda/<slug:slug>/<int:tahun>/rpjmd/<int:pk>/alur/<str:aksi>/",
        views_pemda.rpjmd_alur,
        name="rpjmd_alur",
    ),
    path("pemda/<slug:slug>/<int:tahun>/pohon/", views_pemda.pohon_pemda, name="pohon_pemda"),
    path(
        "pemda/<slug:slug>/<int:tahun>/dokumen/<str:jenis>.<str:fmt>",
        views_dokumen.unduh_pemda,
        name="unduh_pemda",
    ),
    path("opd/<slug:slug>/<int:tahun>/pohon/", views_pemda.pohon_opd, name="pohon_opd"),
    path(
        "opd/<slug:slug>/<int:tahun>/pohon/kinerja/",
        views_pohon_kinerja.kinerja,
        name="pohon_kinerja",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/pohon/crosscutting/",
        views_pohon_kinerja.crosscutting_usul,
        name="crosscutting_usul",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/pohon/crosscutting/<int:pk>/<str:aksi>/",
        views_pohon_kinerja.crosscutting_alur,
        name="crosscutting_alur",
    ),
    path("opd/<slug:slug>/<int:tahun>/evaluasi/", views_evaluasi.evaluasi, name="evaluasi"),
    path(
        "opd/<slug:slug>/<int:tahun>/evaluasi/lke.xlsx",
        views_evaluasi.unduh_lke,
        name="evaluasi_xlsx",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/evaluasi/unggah/",
        views_evaluasi.unggah_lke,
        name="evaluasi_unggah",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/evaluasi/mulai/",
        views_evaluasi.evaluasi_mulai,
        name="evaluasi_mulai",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/evaluasi/simpan/",
        views_evaluasi.evaluasi_simpan,
        name="evaluasi_simpan",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/evaluasi/segarkan/",
        views_evaluasi.evaluasi_segarkan,
        name="evaluasi_segarkan",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/evaluasi/versi/",
        views_evaluasi.evaluasi_versi,
        name="evaluasi_versi",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/evaluasi/bukti/",
        views_evaluasi.evaluasi_bukti,
        name="evaluasi_bukti",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/evaluasi/alur/<str:aksi>/",
        views_evaluasi.evaluasi_alur,
        name="evaluasi_alur",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/evaluasi/rekomendasi/<int:pk>/",
        views_evaluasi.tindak_lanjut,
        name="evaluasi_tindak_lanjut",
    ),
    path(
        "pemda/<slug:slug>/<int:tahun>/evaluasi/",
        views_evaluasi.evaluasi_pemda,
        name="evaluasi_pemda",
    ),
    path("pemda/<slug:slug>/<int:tahun>/lkjip/", views_lkjip_pemda.halaman, name="lkjip_pemda"),
    path(
        "pemda/<slug:slug>/<int:tahun>/lkjip/reviu/",
        views_lkjip_pemda.reviu,
        name="lkjip_pemda_reviu",
    ),
    path(
        "pemda/<slug:slug>/<int:tahun>/lkjip/alur/<str:aksi>/",
        views_lkjip_pemda.langkah,
        name="lkjip_pemda_alur",
    ),
    # evaluasi AKIP Pemda itu sendiri: halaman dan aksi yang sama dengan evaluasi OPD
    *(
        path(
            f"pemda/<slug:slug>/<int:tahun>/evaluasi/lke/{jalur}",
            fungsi,
            {"tingkat": "pemda"},
            name=f"evaluasi_lke_pemda{akhiran}",
        )
        for jalur, fungsi, akhiran in (
            ("", views_evaluasi.evaluasi, ""),
            ("lke.xlsx", views_evaluasi.unduh_lke, "_xlsx"),
            ("unggah/", views_evaluasi.unggah_lke, "_unggah"),
            ("mulai/", views_evaluasi.evaluasi_mulai, "_mulai"),
            ("simpan/", views_evaluasi.evaluasi_simpan, "_simpan"),
            ("segarkan/", views_evaluasi.evaluasi_segarkan, "_segarkan"),
            ("versi/", views_evaluasi.evaluasi_versi, "_versi"),
            ("bukti/", views_evaluasi.evaluasi_bukti, "_bukti"),
            ("alur/<str:aksi>/", views_evaluasi.evaluasi_alur, "_alur"),
            ("rekomendasi/<int:pk>/", views_evaluasi.tindak_lanjut, "_tindak_lanjut"),
        )
    ),
    path(
        "pemda/<slug:slug>/evaluasi/templat/",
        views_evaluasi.templat_pemda,
        name="evaluasi_templat",
    ),
    path("opd/<slug:slug>/<int:tahun>/jabatan/", views_jabatan.jabatan, name="jabatan"),
    path("opd/<slug:slug>/<int:tahun>/renstra/", views_renstra.renstra, name="renstra"),
    path("opd/<slug:slug>/<int:tahun>/rencana/", views_rencana.halaman, name="rencana"),
    path(
        "opd/<slug:slug>/<int:tahun>/renstra/susun/",
        views_susun.susun_renstra,
        name="susun_renstra",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/buka-tahun/",
        views_susun.buka_tahun,
        name="buka_tahun",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/renstra/susun/alur/<str:aksi>/",
        views_susun.renstra_alur,
        name="renstra_alur",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/renstra/versi/<int:nomor>/",
        views_susun.renstra_versi_lihat,
        name="renstra_versi",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/renstra/susun/formulir/",
        views_susun.susun_formulir,
        name="susun_formulir",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/renstra/susun/<str:aksi>/",
        views_susun.susun_aksi,
        name="susun_aksi",
    ),
    path("opd/<slug:slug>/<int:tahun>/rencana/buku.xlsx", views_rencana.buku, name="rencana_buku"),
    path(
        "opd/<slug:slug>/<int:tahun>/rencana/dokumen/",
        views_rencana.dari_dokumen,
        name="rencana_dokumen",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/rencana/dokumen/<int:pk>/",
        views_rencana.jadikan_rencana,
        name="rencana_dari_dokumen",
    ),
    path("opd/<slug:slug>/<int:tahun>/target/", views_target.target, name="target"),
    path("opd/<slug:slug>/riwayat/", views_riwayat.riwayat, name="riwayat"),
    path("opd/<slug:slug>/<int:tahun>/excel/", views_excel.unggah, name="excel"),
    path("opd/<slug:slug>/<int:tahun>/anggaran/", views_anggaran.anggaran, name="anggaran"),
    path("opd/<slug:slug>/<int:tahun>/anggaran/dpa/", views_dpa.impor_dpa, name="impor_dpa"),
    path("opd/<slug:slug>/<int:tahun>/pk/buat/", views_pk.pk_buat, name="pk_buat"),
    path("opd/<slug:slug>/<int:tahun>/pk/target/", views_pk.pk_target, name="pk_target"),
    path("opd/<slug:slug>/<int:tahun>/pk/perubahan/", views_pk.pk_perubahan, name="pk_perubahan"),
    path(
        "opd/<slug:slug>/<int:tahun>/pk/rencana-aksi/",
        views_pk.pk_rencana_aksi,
        name="pk_rencana_aksi",
    ),
    path("opd/<slug:slug>/<int:tahun>/pk/<str:aksi>/", views_pk.pk_alur, name="pk_alur"),
    path(
        "opd/<slug:slug>/<int:tahun>/excel/templat.xlsx", views_excel.templat, name="excel_templat"
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/lkjip/<str:aksi>/", views_reviu.alur_lkjip, name="alur_lkjip"
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/dokumen/<str:jenis>.<str:fmt>",
        views_dokumen.unduh,
        name="unduh",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/reviu/jalankan/",
        views_reviu.jalankan_reviu,
        name="reviu_jalankan",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/reviu/pernyataan/",
        views_reviu.tandatangani_pernyataan,
        name="reviu_pernyataan",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/reviu/temuan/",
        views_reviu.ubah_status_terpilih,
        name="reviu_status_terpilih",
    ),
    path(
        "opd/<slug:slug>/<int:tahun>/reviu/temuan/<int:pk>/",
        views_reviu.ubah_status_temuan,
        name="reviu_status",
    ),
]
