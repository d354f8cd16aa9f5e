"""Laporan Hasil Evaluasi (LHE) AKIP satu OPD: ringkasan, nilai per komponen dan sub komponen,
catatan per komponen, rekomendasi, tindak lanjut rekomendasi tahun lalu, tanda tangan Inspektur."""

from __future__ import annotations

from sakip.core.numbers import format_angka
from sakip.evaluation import services
from sakip.evaluation.models import Evaluasi
from sakip.organisations.models import PerangkatDaerah

from .document import (
    Bagian,
    Daftar,
    Dokumen,
    Paragraf,
    Penanda,
    Tabel,
    TandaTangan,
    angka,
    beri_nomor,
    sel,
)
from .konteks import DokumenError

BULAN = (
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()
)


def _n(d) -> str:
    return format_angka(d, 2)


def bangun_lhe(opd: PerangkatDaerah, tahun: int, versi: int | None = None) -> Dokumen:
    qs = Evaluasi.objects.filter(opd=opd, tahun=tahun).select_related("templat", "opd__pemda")
    ev = qs.filter(versi=versi).first() if versi else qs.order_by("-versi").first()
    if ev is None:
        raise DokumenError(f"Evaluasi AKIP {opd.nama} tahun {tahun} belum dimulai.")
    templat = ev.templat.templat
    h = services.hasil(ev)
    jawab = {j.kriteria: j for j in ev.jawaban.all()}
    pemda = opd.pemda
    doc = Dokumen(
        "lhe",
        "LAPORAN HASIL EVALUASI AKUNTABILITAS KINERJA INSTANSI PEMERINTAH",
        [opd.nama.upper(), f"TAHUN {tahun}", pemda.nama.upper()],
        f"lhe-{opd.slug}-{tahun}" + (f"-v{ev.versi}" if ev.versi > 1 else ""),
        daftar_isi=False,
        daftar_tabel=False,
        sampul=False,
        catatan_kaki="" if ev.final else "DRAF — evaluasi belum final; nilai dapat berubah.",
    )
    utama = Bagian(
        f"LAPORAN HASIL EVALUASI AKUNTABILITAS KINERJA TAHUN {tahun}",
        nomor=opd.nama.upper(),
        angka_bab=1,
    )
    doc.bagian.append(utama)
    bab = utama.sub("Hasil Evaluasi", nomor="A")
    kepada = f"Yth. Kepala {opd.nama}"
    if ev.nomor_lhe:
        bab.tambah(Paragraf(f"Nomor: {ev.nomor_lhe}"))
    bab.tambah(
        Paragraf(kepada),
        Paragraf(
            f"Berdasarkan {templat.dasar or templat.nama}, Inspektorat {pemda.nama} telah melaksanakan "
            f"evaluasi atas akuntabilitas kinerja {opd.nama} tahun {tahun} dengan {ev.templat}. "
            f"Hasil evaluasi menunjukkan nilai {_n(h.nilai)} dengan predikat "
            f"{h.predikat.predikat} ({h.predikat.uraian})."
            + (
                f" Dibandingkan tahun {tahun - 1} ({_n(lalu.nilai)}), nilai "
                if (lalu := _lalu(ev))
                else ""
            )
            + (_arah(h.nilai - lalu.nilai) if lalu else "")
        ),
    )
    if ev.ringkasan:
        bab.tambah(Paragraf(ev.ringkasan))
    elif not ev.final:
        bab.tambah(Paragraf("Ringkasan hasil evaluasi belum ditulis evaluator.", draf=True))
    baris, tebal = [], set()
    for nk in h.komponen:
        tebal.add(len(baris))
        baris.append(
            [
                sel(nk.komponen.kode, tebal=True),
                sel(nk.komponen.nama, tebal=True),
                angka(format_angka(nk.komponen.bobot)),
                angka(_n(nk.nilai)),
                angka(format_angka(nk.persen, 2) + "%"),
            ]
        )
        for ns in nk.sub:
            baris.append(
                [
                    ns.sub.kode,
                    f"{ns.sub.nama} ({ns.sub.jenis})",
                    angka(format_angka(ns.sub.bobot)),
                    angka(_n(ns.nilai)),
                    angka(format_angka(ns.persen, 2) + "%"),
                ]
            )
    tebal.add(len(baris))
    baris.append(
        [
            "",
            sel("Nilai hasil evaluasi", tebal=True),
            angka("100"),
            angka(_n(h.nilai), tebal=True),
            "",
        ]
    )
    baris.append(
        [
            "",
            sel("Predikat", tebal=True),
            "",
            sel(f"{h.predikat.predikat} ({h.predikat.uraian})", tebal=True),
            "",
        ]
    )
    bab.tambah(
        Tabel.buat(
            "Nilai Evaluasi AKIP per Komponen dan Sub Komponen",
            ["No", "Komponen / Sub komponen", "Bobot", "Nilai", "% bobot"],
            baris,
            baris_tebal=tebal,
            lebar=[0.08, 0.56, 0.1, 0.12, 0.14],
        )
    )
    cat = utama.sub("Catatan Hasil Evaluasi per Komponen", nomor="B")
    for nk in h.komponen:
        sub = cat.sub(
            f"{nk.komponen.nama} (nilai {_n(nk.nilai)} dari {format_angka(nk.komponen.bobot)})"
        )
        butir = []
        for ns in nk.sub:
            for kr in ns.sub.kriteria:
                j = jawab.get(kr.kode)
                if j is None or not j.akhir:
                    butir.append(f"{kr.kode} {kr.teks} — belum dijawab.")
                    continue
                v = templat.skala[kr.jawaban][j.akhir]
                if v >= 1 and not j.evaluator_catatan:
                    continue
                teks = f"{kr.kode} {kr.teks} — jawaban {j.akhir}"
                alasan = j.evaluator_catatan or (
                    j.otomatis_alasan if j.sumber == "otomatis" else j.mandiri_catatan
                )
                if alasan:
                    teks += f": {alasan}"
                if j.diubah_dari_otomatis:
                    teks += f" (usulan otomatis {j.otomatis} diubah: {j.alasan_ubah})"
                butir.append(teks)
        sub.tambah(
            Daftar(butir, bernomor=False)
            if butir
            else Paragraf("Seluruh kriteria komponen ini terpenuhi.")
        )
    rek = utama.sub("Rekomendasi", nomor="C")
    daftar = (
        [r.teks for r in ev.rekomendasi_set.all()]
        if ev.final
        else [j.rekomendasi for j in ev.jawaban.all() if j.rekomendasi.strip()]
    )
    rek.tambah(
        Paragraf(f"Untuk meningkatkan akuntabilitas kinerja, Kepala {opd.nama} agar:"),
        Daftar(daftar) if daftar else Paragraf("Tidak ada rekomendasi."),
    )
    if (lalu := _lalu(ev)) is not None:
        rows = [
            [r.kriteria, r.teks, r.get_status_display(), r.tindak_lanjut or "–"]
            for r in lalu.rekomendasi_set.all()
        ]
        if rows:
            rek.tambah(
                Tabel.buat(
                    f"Tindak Lanjut Rekomendasi Evaluasi {tahun - 1}",
                    ["Kriteria", "Rekomendasi", "Status", "Tindak lanjut"],
                    rows,
                    lebar=[0.1, 0.4, 0.15, 0.35],
                )
            )
    tgl = ev.tanggal_lhe
    tempat = pemda.ibukota or pemda.nama
    atas = f"{tempat}, {tgl.day} {BULAN[tgl.month - 1]} {tgl.year}" if tgl else tempat
    rek.tambah(
        TandaTangan(
            [
                Penanda(
                    jabatan=f"INSPEKTUR {pemda.nama.upper()}",
                    nama=ev.inspektur_nama or "(nama Inspektur)",
                    pangkat=ev.inspektur_pangkat,
                    nip=f"NIP. {ev.inspektur_nip}" if ev.inspektur_nip else "",
                    atas=atas,
                )
            ]
        )
    )
    return beri_nomor(doc)


def _lalu(ev: Evaluasi) -> Evaluasi | None:
    return (
        Evaluasi.objects.filter(opd=ev.opd, tahun=ev.tahun - 1, status=Evaluasi.Status.DISETUJUI)
        .order_by("-versi")
        .first()
    )


def _arah(selisih) -> str:
    if selisih > 0:
        return f"naik {_n(selisih)} poin."
    if selisih < 0:
        return f"turun {_n(-selisih)} poin."
    return "tetap."
