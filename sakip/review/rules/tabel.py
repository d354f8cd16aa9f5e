"""Tabel aturan reviu: satu baris per aturan (id, kategori, tingkat, judul, templat pesan, fungsi).

Menambah aturan = satu fungsi di modul kelompoknya, satu baris di sini, satu tes yang memicu dan
satu yang diam (tests/review/test_engine.py)."""

from __future__ import annotations

from .anggaran import cek_anggaran_jumlah, cek_melebihi_pagu, cek_serapan, cek_serapan_internal
from .capaian import (
    cek_capaian,
    cek_capaian_renstra,
    cek_konvensi_capaian,
    cek_pembulatan,
    cek_realisasi,
    cek_target,
    cek_target_renstra,
)
from .dasar import INFO, KRITIS, PERINGATAN, Aturan
from .data import (
    cek_jauh_dari_awal,
    cek_kolom_tahun_sama,
    cek_realisasi_sama,
    cek_seri_resmi,
    cek_tanpa_bukti,
    cek_tanpa_realisasi,
)
from .efisiensi import (
    cek_efisiensi_data,
    cek_indeks_efisiensi,
    cek_input_efisiensi,
    cek_output_efisiensi,
    cek_standar_efisiensi,
    cek_tingkat_efisiensi,
)
from .konsistensi import (
    cek_hitungan,
    cek_indikator_kembar,
    cek_kode,
    cek_kutipan_berbeda,
    cek_rata_rata,
    cek_renstra_akhir,
    cek_renstra_arah,
    cek_target_akhir_tercetak,
)
from .selaras import (
    cek_program_tanpa_rpjmd,
    cek_sasaran_rpjmd_tanpa_opd,
    cek_sasaran_tanpa_rpjmd,
    cek_target_beda_rpjmd,
)
from .teks import cek_narasi_tercapai, cek_penilaian

ATURAN: list[Aturan] = [
    Aturan(
        "CAP-01",
        "capaian",
        KRITIS,
        "Capaian tercetak berbeda dengan hasil hitung",
        "{lokasi} mencetak capaian {objek} {tercetak}, padahal dari datanya capaian = {dihitung} ({rumus}).",
        cek_capaian,
        akibat_dari=("REA-01", "TGT-01"),
    ),
    Aturan(
        "CAP-03",
        "capaian",
        INFO,
        "Capaian tercetak mengikuti konvensi lain",
        "{lokasi} mencetak capaian {objek} {tercetak}: sah menurut konvensi {konvensi}; setelan Pemda "
        "({setelan}) menghitung {dihitung}. Bila konvensi tercetak yang berlaku di Pemda ini, ubah "
        "setelan capaian Pemda.",
        cek_konvensi_capaian,
    ),
    Aturan(
        "CAP-02",
        "capaian",
        KRITIS,
        "Capaian terhadap target akhir Renstra keliru",
        "{lokasi} mencetak capaian terhadap target akhir Renstra {objek} {tercetak}; realisasi {realisasi} terhadap kondisi akhir {akhir} memberi {dihitung}.",
        cek_capaian_renstra,
    ),
    Aturan(
        "REA-01",
        "realisasi",
        KRITIS,
        "Realisasi tercetak berbeda dengan data",
        "{lokasi} mencetak realisasi {objek} {tercetak}, padahal datanya ({asal}) = {dihitung}.",
        cek_realisasi,
    ),
    Aturan(
        "TGT-01",
        "target",
        KRITIS,
        "Target tercetak berbeda dengan target yang ditetapkan",
        "{lokasi} mencetak target {objek} {tercetak}, padahal target {sumber} = {dihitung}.",
        cek_target,
    ),
    Aturan(
        "PMB-01",
        "pembulatan",
        PERINGATAN,
        "Angka dipotong, bukan dibulatkan",
        "{lokasi} mencetak {objek} {tercetak}: hasil hitung {dihitung} dipotong; dibulatkan semestinya {dibulatkan}.",
        cek_pembulatan,
    ),
    Aturan(
        "PMB-02",
        "pembulatan",
        INFO,
        "Selisih kecil (pembulatan)",
        "{lokasi} mencetak {objek} {tercetak}; hasil hitung dari data {dihitung} (selisih kecil).",
        cek_pembulatan,
    ),
    Aturan(
        "ANG-01",
        "anggaran",
        KRITIS,
        "Jumlah anggaran tidak sama dengan jumlah barisnya",
        "{lokasi} mencetak {atribut} {objek} {tercetak}, padahal jumlah baris {tingkat_baris} di bawahnya {dihitung} (selisih {selisih}).",
        cek_anggaran_jumlah,
    ),
    Aturan(
        "ANG-02",
        "anggaran",
        KRITIS,
        "Serapan anggaran tercetak berbeda dengan data",
        "{lokasi} mencetak serapan {objek} {tercetak}, padahal realisasi {realisasi} dari pagu {pagu} = {dihitung}.",
        cek_serapan,
        akibat_dari=("ANG-01",),
    ),
    Aturan(
        "ANG-03",
        "anggaran",
        PERINGATAN,
        "Persentase tidak sesuai dengan angka di barisnya sendiri",
        "{lokasi}, baris {objek}: realisasi {realisasi} dari pagu {pagu} = {dihitung}, tetapi dicetak {tercetak}.",
        cek_serapan_internal,
    ),
    Aturan(
        "ANG-04",
        "anggaran",
        KRITIS,
        "Realisasi anggaran melebihi pagu",
        "{lokasi}, {objek}: {tercetak} — realisasi {dihitung} di atas pagu.",
        cek_melebihi_pagu,
    ),
    Aturan(
        "KON-01",
        "konsistensi",
        PERINGATAN,
        "Angka yang sama dikutip berbeda di beberapa tempat",
        "{objek} dikutip dengan nilai berbeda: {daftar}.",
        cek_kutipan_berbeda,
    ),
    Aturan(
        "EFI-01",
        "efisiensi",
        KRITIS,
        "Indeks efisiensi tidak sesuai barisnya",
        "{lokasi}, {objek}: capaian output {output} ÷ capaian input {input} = {dihitung}, tetapi indeks efisiensi dicetak {tercetak}.",
        cek_indeks_efisiensi,
    ),
    Aturan(
        "EFI-06",
        "efisiensi",
        PERINGATAN,
        "Standar efisiensi tidak sesuai rencana output ÷ rencana input",
        "{lokasi}, {objek}: rencana output {output} ÷ rencana input {input} = {dihitung}, tetapi standar efisiensi dicetak {tercetak}.",
        cek_standar_efisiensi,
    ),
    Aturan(
        "EFI-02",
        "efisiensi",
        PERINGATAN,
        "Tingkat efisiensi tidak mengikuti rumus (IE − SE) ÷ SE",
        "{lokasi}, {objek}: dengan IE {ie} dan SE {se}, (IE − SE) ÷ SE = {dihitung}, tetapi dicetak {tercetak}.",
        cek_tingkat_efisiensi,
        akibat_dari=("EFI-06",),
    ),
    Aturan(
        "EFI-03",
        "efisiensi",
        PERINGATAN,
        "Capaian input pada tabel efisiensi berbeda dengan serapan anggaran",
        "{lokasi}, {objek}: capaian input dicetak {tercetak}, padahal serapan anggarannya {dihitung}.",
        cek_input_efisiensi,
    ),
    Aturan(
        "EFI-04",
        "efisiensi",
        PERINGATAN,
        "Capaian output pada tabel efisiensi berbeda dengan capaian indikator",
        "{lokasi}, {objek}: capaian output dicetak {tercetak}, padahal capaian indikator '{indikator}' = {dihitung}.",
        cek_output_efisiensi,
    ),
    Aturan(
        "EFI-05",
        "efisiensi",
        PERINGATAN,
        "Kesimpulan efisiensi berbeda dengan hasil hitung dari data",
        "{lokasi}, {objek}: dicetak '{tercetak}', padahal dari data capaian output {output} dan serapan {input} (IE {ie}) kesimpulannya '{dihitung}'.",
        cek_efisiensi_data,
    ),
    Aturan(
        "RAT-01",
        "konsistensi",
        PERINGATAN,
        "Rata-rata tercetak tidak sesuai dengan barisnya",
        "{lokasi} mencetak {objek} {tercetak}, padahal rata-rata capaian {n} baris dari data = {dihitung} (rata-rata angka tercetak: {rata_tercetak}).",
        cek_rata_rata,
    ),
    Aturan(
        "HIT-01",
        "konsistensi",
        PERINGATAN,
        "Jumlah yang disebut dalam teks tidak sesuai data",
        "{lokasi} menyebut jumlah {objek} {tercetak}{kutipan}, padahal menurut data {dihitung}.",
        cek_hitungan,
    ),
    Aturan(
        "SER-01",
        "deret waktu",
        PERINGATAN,
        "Kolom satu tahun sama persis dengan tahun sebelumnya",
        "{lokasi}, {objek}: seluruh kolom tahun {tahun} ({tercetak}) sama persis dengan tahun {sebelumnya}; kemungkinan tersalin.",
        cek_kolom_tahun_sama,
    ),
    Aturan(
        "SER-02",
        "deret waktu",
        INFO,
        "Realisasi sama persis dengan tahun sebelumnya",
        "{objek}: realisasi {tahun} ({tercetak}) sama persis dengan {sebelumnya}; periksa apakah tersalin.",
        cek_realisasi_sama,
    ),
    Aturan(
        "SER-03",
        "deret waktu",
        KRITIS,
        "Realisasi berbeda dengan sumber data resminya",
        "{objek}: realisasi yang dipakai {dihitung}, sedangkan {lokasi} ({sumber}) mencatat {tercetak}.",
        cek_seri_resmi,
    ),
    Aturan(
        "REN-01",
        "renstra",
        PERINGATAN,
        "Kondisi akhir Renstra lebih buruk dari kondisi awal",
        "{objek}: {tercetak}, padahal indikator ini {arah}.",
        cek_renstra_arah,
    ),
    Aturan(
        "REN-02",
        "renstra",
        PERINGATAN,
        "Kondisi akhir tidak sama dengan target tahun terakhir",
        "{objek}: kondisi akhir {tercetak}, target tahun {tahun} {dihitung}.",
        cek_renstra_akhir,
    ),
    Aturan(
        "REN-03",
        "renstra",
        PERINGATAN,
        "Target akhir Renstra tercetak berbeda dengan Renstra",
        "{lokasi} mencetak target akhir Renstra {objek} {tercetak}, padahal kondisi akhir dalam Renstra {dihitung}.",
        cek_target_akhir_tercetak,
    ),
    Aturan(
        "REN-04",
        "renstra",
        PERINGATAN,
        "Target Renstra tercetak berbeda dengan target tahun itu",
        "{lokasi} mencetak target Renstra {objek} {tercetak}, padahal target {sumber} tahun itu "
        "{dihitung}: satu indikator-tahun dengan dua target. Bila target PK sengaja berbeda dari "
        "Renstra, sebutkan dasar perubahannya; bila tidak, perbaiki angka yang salah.",
        cek_target_renstra,
    ),
    Aturan(
        "DAT-01",
        "kelengkapan",
        PERINGATAN,
        "Indikator bertarget tanpa realisasi",
        "{objek} punya {tercetak} untuk tahun {tahun}, tetapi realisasinya tidak dilaporkan.",
        cek_tanpa_realisasi,
    ),
    Aturan(
        "DAT-02",
        "kelengkapan",
        INFO,
        "Realisasi tanpa catatan bukti dukung",
        "Realisasi {objek} tahun {tahun} ({tercetak}) tidak disertai catatan sumber atau bukti dukung.",
        cek_tanpa_bukti,
    ),
    Aturan(
        "DAT-03",
        "kelengkapan",
        PERINGATAN,
        "Realisasi jauh dari kondisi awal Renstra",
        "Realisasi {objek} tahun {tahun} ({tercetak}) {jauh} kondisi awal Renstra ({awal}); "
        "periksa apakah keduanya diukur dengan definisi dan sumber yang sama.",
        cek_jauh_dari_awal,
    ),
    Aturan(
        "TXT-01",
        "narasi",
        KRITIS,
        "Narasi menyebut indikator tercapai padahal capaiannya di bawah 100%",
        "{lokasi}: “{tercetak}” — padahal capaian {objek} = {dihitung}.",
        cek_narasi_tercapai,
    ),
    Aturan(
        "TXT-02",
        "narasi",
        PERINGATAN,
        "Penilaian dalam kalimat tidak didukung capaian",
        "{lokasi} menilai {objek} '{tercetak}', padahal dari data {dihitung}{rincian}. Kalimatnya: {kalimat}",
        cek_penilaian,
    ),
    Aturan(
        "KON-02",
        "konsistensi",
        PERINGATAN,
        "Indikator yang sama dicetak dengan nilai berbeda di dua tempat",
        "{objek} muncul di dua tempat dengan {atribut} berbeda: {daftar}.",
        cek_indikator_kembar,
    ),
    Aturan(
        "KOD-01",
        "nomenklatur",
        PERINGATAN,
        "Kode tercetak berbeda dengan kode nomenklatur",
        "{lokasi} mencetak kode {tercetak} untuk {objek}; kode yang sesuai nomenklatur dan sub kegiatannya {dihitung}.",
        cek_kode,
    ),
    Aturan(
        "SEL-01",
        "keselarasan",
        PERINGATAN,
        "Sasaran OPD tidak ditautkan ke sasaran RPJMD",
        "Sasaran {objek} dalam {lokasi} tidak mendukung sasaran mana pun dalam {rpjmd}; "
        "setiap sasaran Perangkat Daerah harus menjabarkan sasaran RPJMD.",
        cek_sasaran_tanpa_rpjmd,
    ),
    Aturan(
        "SEL-02",
        "keselarasan",
        PERINGATAN,
        "Target OPD berbeda dengan target RPJMD untuk indikator yang sama",
        "{lokasi} menetapkan target {tahun} {objek} = {tercetak}, padahal {rpjmd} menargetkan "
        "{dihitung} untuk indikator yang sama.",
        cek_target_beda_rpjmd,
    ),
    Aturan(
        "SEL-03",
        "keselarasan",
        INFO,
        "Program OPD tidak ditautkan ke program RPJMD",
        "Program {objek} tidak ditautkan ke program mana pun dalam {rpjmd}.",
        cek_program_tanpa_rpjmd,
    ),
]

# Aturan tingkat Pemda: dijalankan atas KonteksPemda (lihat engine.reviu_pemda): keselarasan
# seluruh OPD sekaligus (aturan SEL OPD yang sama, jumlah kueri tetap) ditambah SEL-04.
ATURAN_PEMDA: list[Aturan] = [
    *(a for a in ATURAN if a.id.startswith("SEL-")),
    Aturan(
        "SEL-04",
        "keselarasan",
        PERINGATAN,
        "Sasaran RPJMD tidak didukung Perangkat Daerah mana pun",
        "Sasaran {objek} dalam {lokasi} tidak didukung tujuan atau sasaran Perangkat Daerah mana "
        "pun; tidak ada yang bertanggung jawab atas capaiannya.",
        cek_sasaran_rpjmd_tanpa_opd,
    ),
]


ATURAN_BY_ID = {a.id: a for a in [*ATURAN, *ATURAN_PEMDA]}
