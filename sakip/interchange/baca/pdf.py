"""Membaca PDF laporan tercetak (pdfplumber): baris teks di luar tabel, tabel beserta judulnya, tabel
yang bersambung ke halaman berikut digabung.

Dua tahap: :func:`baca_halaman` membaca halaman-halaman sendiri-sendiri (bagian terberat: menafsirkan
aliran isi PDF, mencari tabel), :func:`gabung` menyusun naskahnya berurutan (judul tabel, sambungan
antarhalaman). Tahap pertama berjalan di beberapa proses anak berbatas sekaligus
(:func:`baca_pdf_paralel`), masing-masing membaca halaman berselang (1, 3, 5… dan 2, 4, 6…): LKjIP
PDF 29 halaman 3,2 → 1,75 detik pada 2 inti (docs/performance.md), hasilnya sama persis."""

from __future__ import annotations

import io
import os

from .naskah import (
    BATAS,
    MAKS_HALAMAN,
    BacaError,
    Baris,
    Naskah,
    Tabel,
    _bersih,
    _kepala_halaman,
    _terlalu_banyak,
    judul_tabel,
)

# proses anak pembaca halaman: sebanyak inti (paling banyak 4), dan hanya bila PDF-nya cukup besar
PROSES = max(1, min(4, os.cpu_count() or 1))
BITA_PARALEL = 64 * 1024

Garis = tuple[str, float, float, float]  # teks, top, bottom, x0
Halaman = tuple[int, int, int, list[Garis], list[tuple[tuple, list[list[str]]]]]


def baca_pdf(data: bytes, nama: str) -> Naskah:
    """Satu proses: semua halaman lalu gabungkan."""
    return gabung([baca_halaman(data, nama, 0, 1)], nama)


def baca_pdf_paralel(data: bytes, nama: str) -> Naskah:
    """Beberapa proses anak berbatas (:func:`sakip.berkas.kotak.jalankan_banyak`) membaca halaman
    berselang; induk menggabungkan. Galat pembacaan (terenkripsi, rusak, terlalu banyak halaman)
    sama dengan satu proses: setiap anak memeriksa berkas yang sama."""
    from sakip.berkas import kotak

    n = PROSES if len(data) >= BITA_PARALEL else 1
    bagian = kotak.jalankan_banyak(
        baca_halaman, [(data, nama, i, n) for i in range(n)], nama=nama, batas=BATAS
    )
    return gabung(bagian, nama)


def baca_halaman(data: bytes, nama: str, bagian: int, dari: int) -> dict:
    """Halaman ke-``bagian`` dari setiap ``dari`` halaman (berselang): jumlah huruf dan gambar,
    baris teks di luar tabel (urut atas-kiri), tabel (kotak dan selnya) per halaman."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        halaman = pdf.pages
    except PDFPasswordIncorrect:
        raise BacaError(
            f"PDF '{nama}' dilindungi kata sandi (terenkripsi); buka kuncinya lalu unggah lagi."
        ) from None
    except Exception as exc:  # noqa: BLE001 — pdfminer melempar banyak jenis galat
        sebab = [exc, *getattr(exc, "args", ())]
        if (
            any(isinstance(x, PDFPasswordIncorrect) for x in sebab)
            or "encrypt" in repr(exc).lower()
        ):
            raise BacaError(
                f"PDF '{nama}' dilindungi kata sandi (terenkripsi); buka kuncinya lalu unggah lagi."
            ) from None
        raise BacaError(f"PDF '{nama}' rusak dan tidak dapat dibaca.") from None
    if len(halaman) > MAKS_HALAMAN:
        pdf.close()
        raise _terlalu_banyak(nama, MAKS_HALAMAN, "halaman")
    out: list[Halaman] = []
    try:
        for no, page in enumerate(halaman, 1):
            if (no - 1) % dari != bagian:
                continue
            tabel = page.find_tables()
            kotak = [t.bbox for t in tabel]

            def di_luar(obj, kotak=kotak):
                x = (obj["x0"] + obj["x1"]) / 2
                y = (obj["top"] + obj["bottom"]) / 2
                return not any(a <= x <= c and b <= y <= d for a, b, c, d in kotak)

            luar = page.filter(lambda o: o.get("object_type") != "char" or di_luar(o))
            garis = sorted(
                luar.extract_text_lines() if kotak else page.extract_text_lines(),
                key=lambda g: (round(g["top"]), g["x0"]),
            )
            out.append(
                (
                    no,
                    len(page.chars),
                    len(page.images),
                    [(g["text"], g["top"], g["bottom"], g["x0"]) for g in garis],
                    [
                        (tuple(t.bbox), [[_bersih(c) for c in row] for row in t.extract()])
                        for t in tabel
                    ],
                )
            )
            page.close()  # lepaskan objek halaman yang sudah dibaca (memori berkas besar)
    finally:
        pdf.close()
    return {"jumlah": len(halaman), "halaman": out}


def gabung(bagian: list[dict], nama: str) -> Naskah:
    """Naskah dari halaman-halaman yang sudah dibaca: baris teks, tabel berjudul (judul tepat di
    atas tabelnya), tabel yang bersambung ke halaman berikut digabung (kepala yang diulang dilewati)."""
    jumlah = bagian[0]["jumlah"]
    semua = sorted((h for b in bagian for h in b["halaman"]), key=lambda h: h[0])
    n = Naskah("pdf", halaman=jumlah)
    huruf = sum(h[1] for h in semua)
    gambar = sum(h[2] for h in semua)
    sebelumnya: Tabel | None = None
    for no, _, _, garis, tabel in semua:
        for g in garis:
            n.baris.append(Baris(g[0], no))
        for bbox, sel in sorted(tabel, key=lambda t: t[0][1]):
            if not sel:
                continue
            atas = [g for g in garis if g[2] <= bbox[1] + 1]
            jt = None
            for g in reversed(atas[-3:]):
                if bbox[1] - g[2] > 60:  # judul tepat di atas tabelnya
                    break
                jt = judul_tabel(g[0])
                if jt:
                    break
            lanjutan = (
                jt is None
                and sebelumnya is not None
                and sebelumnya.halaman == no - 1
                and not [g for g in atas if not _kepala_halaman(g[0])]
            )
            if lanjutan and sebelumnya is not None and len(sel[0]) == len(sebelumnya.sel[0]):
                # tabel yang bersambung ke halaman berikut: baris kepala yang diulang dilewati
                mulai = 1 if sel[0] == sebelumnya.sel[0] else 0
                sebelumnya.sel.extend(sel[mulai:])
                sebelumnya.halaman = no
                continue
            baru = Tabel(sel, halaman=no)
            if jt:
                baru.nomor, baru.judul = jt
            baru.halaman_awal = no  # type: ignore[attr-defined]
            n.tabel.append(baru)
            sebelumnya = baru
        if not tabel and garis:
            sebelumnya = None
    for t in n.tabel:
        t.halaman = getattr(t, "halaman_awal", t.halaman)
    if huruf == 0:
        if gambar:
            raise BacaError(
                f"PDF '{nama}' hanya berisi gambar (hasil pindaian): tidak ada teks yang dapat "
                "dibaca. sakip tidak membaca gambar (tanpa OCR); minta berkas PDF asli dari "
                "pengolah kata, atau berkas Word-nya."
            )
        raise BacaError(f"PDF '{nama}' tidak berisi teks.")
    return n
