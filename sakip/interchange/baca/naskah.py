"""Naskah sebuah laporan tercetak: baris teks dan tabel (sel sebagai teks) beserta tempatnya
(halaman, nomor baris), dari PDF (pdfplumber), DOCX (python-docx) atau teks bertab. Jenis berkas
dikenali dari isinya, bukan dari akhiran namanya; tanpa OCR."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from sakip.berkas import ribuan
from sakip.berkas.kotak import Batas

MAKS_BITA = 50 * 1024 * 1024
MAKS_HALAMAN = 600  # PDF
MAKS_UNSUR = 300_000  # baris teks, paragraf DOCX
# PDF ±0,15 detik per halaman (docs/performance.md): 600 halaman ±90 detik
BATAS = Batas(detik=150, memori=1536 * 2**20)
_JUDUL = re.compile(r"^\s*(?:\*\*)?\s*Tabel\s+([A-Z]?\.?\d+(?:\.\d+)*)\.?\s*(.*)$", re.IGNORECASE)


class BacaError(ValueError):
    """Berkas tidak dapat dibaca sebagai laporan; pesannya berbahasa Indonesia, untuk pengguna."""


@dataclass
class Baris:
    teks: str
    halaman: int | None = None
    nomor: int | None = None  # nomor baris berkas teks, atau urutan paragraf DOCX

    @property
    def lokasi(self) -> str:
        if self.halaman is not None:
            return f"halaman {self.halaman}"
        return f"baris {self.nomor}" if self.nomor is not None else ""


@dataclass
class Tabel:
    sel: list[list[str]]
    nomor: str = ""  # "3.1", "L.5"; kosong bila tidak berjudul
    judul: str = ""
    halaman: int | None = None
    baris: int | None = None  # nomor baris pertama (berkas teks)

    @property
    def lokasi(self) -> str:
        nama = f"Tabel {self.nomor}" if self.nomor else "tabel tanpa nomor"
        if self.halaman is not None:
            return f"{nama} (halaman {self.halaman})"
        if self.baris is not None:
            return f"{nama} (baris {self.baris})"
        return nama


@dataclass
class Naskah:
    jenis: str  # pdf | docx | teks
    baris: list[Baris] = field(default_factory=list)
    tabel: list[Tabel] = field(default_factory=list)
    halaman: int | None = None

    @property
    def teks(self) -> str:
        return "\n".join(b.teks for b in self.baris)


def _bersih(s) -> str:
    """Isi sel sebagai teks satu baris, tanpa tanda tebal sisa konversi (<b>…</b>, **…**)."""
    t = re.sub(r"</?(?:b|i|u|strong|em)>", "", str(s or ""))
    return re.sub(r"\s+", " ", t).strip().strip("*").strip()


def judul_tabel(teks: str) -> tuple[str, str] | None:
    m = _JUDUL.match(teks.replace("*", ""))
    if not m:
        return None
    return m.group(1).rstrip("."), _bersih(m.group(2))


def baca_naskah(data: bytes, nama: str = "berkas") -> Naskah:
    """Naskah dari isi berkas. Jenisnya dari isi: PDF, DOCX (ZIP berisi word/document.xml), teks.

    DOCX diperiksa dulu sebagai arsip (ukuran dibuka, jumlah isi, rasio); pembacaannya berjalan di
    proses anak dengan batas waktu dan memori (:mod:`sakip.berkas.kotak`) — PDF di beberapa proses
    anak sekaligus, masing-masing dengan batasnya, halaman dibagi berselang (:mod:`.pdf`)."""
    from sakip.berkas import BerkasError, arsip, kotak

    if not data:
        raise BacaError(f"Berkas '{nama}' kosong.")
    if len(data) > MAKS_BITA:
        raise BacaError(f"Berkas '{nama}' terlalu besar (paling besar {MAKS_BITA // 2**20} MB).")
    try:
        if data[:4] == b"PK\x03\x04":
            arsip.periksa_zip(data, nama, arsip.DOCX, "dokumen Word")
        if data[:5] == b"%PDF-" and kotak.aktif():
            from .pdf import baca_pdf_paralel

            return baca_pdf_paralel(data, nama)
        return kotak.jalankan(_baca, data, nama, nama=nama, batas=BATAS)
    except BerkasError as exc:
        raise BacaError(str(exc)) from None


def _baca(data: bytes, nama: str) -> Naskah:
    akhiran = nama.lower().rsplit(".", 1)[-1] if "." in nama else ""
    if data[:5] == b"%PDF-":
        from .pdf import baca_pdf

        return baca_pdf(data, nama)
    if data[:4] == b"PK\x03\x04":
        return _docx(data, nama)
    if akhiran in ("pdf", "docx", "doc"):
        jenis = {"pdf": "PDF", "docx": "dokumen Word (.docx)", "doc": "dokumen Word"}[akhiran]
        raise BacaError(
            f"Berkas '{nama}' berakhiran .{akhiran} tetapi isinya bukan {jenis}"
            + (" (format .doc lama tidak dibaca; simpan sebagai .docx)" if akhiran == "doc" else "")
            + "."
        )
    return _teks(data, nama)


def _terlalu_banyak(nama: str, jumlah: int, apa: str) -> BacaError:
    return BacaError(
        f"Berkas '{nama}' ditolak: berisi lebih dari {ribuan(jumlah)} {apa}; sebuah LKjIP jauh "
        "lebih kecil."
    )


# --- teks bertab (seperti salinan teks laporan di shared/seeds) ---------------------------------


def _teks(data: bytes, nama: str) -> Naskah:
    if b"\x00" in data[:4096]:
        raise BacaError(f"Berkas '{nama}' bukan PDF, DOCX atau teks yang dapat dibaca.")
    try:
        isi = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        isi = data.decode("cp1252", errors="replace")
    kontrol = sum(1 for c in isi[:4096] if ord(c) < 32 and c not in "\t\r\n\f")
    if kontrol > 20:
        raise BacaError(f"Berkas '{nama}' bukan PDF, DOCX atau teks yang dapat dibaca.")
    if isi.count("\n") > MAKS_UNSUR:
        raise _terlalu_banyak(nama, MAKS_UNSUR, "baris")
    baris = [Baris(t.rstrip("\r"), None, i) for i, t in enumerate(isi.split("\n"), 1)]
    n = Naskah("teks")
    i = 0
    while i < len(baris):
        if "\t" not in baris[i].teks:
            n.baris.append(baris[i])
            i += 1
            continue
        awal = i
        sel = []
        while i < len(baris) and ("\t" in baris[i].teks or not baris[i].teks.strip()):
            isi = [_bersih(c) for c in baris[i].teks.split("\t")]
            # baris pemisah tabel markdown ('-- | --- | --') bukan isi
            if any(isi) and not all(re.fullmatch(r"-*", c) for c in isi):
                sel.append(isi)
            i += 1
        t = Tabel(sel, baris=baris[awal].nomor)
        # judul: baris "Tabel N" terdekat di atasnya (paling jauh lima baris berisi)
        berisi = [b for b in n.baris[-12:] if b.teks.strip()][-5:]
        for j, b in enumerate(reversed(berisi)):
            jt = judul_tabel(b.teks)
            if jt:
                t.nomor = jt[0]
                t.judul = jt[1] or " ".join(x.teks.strip() for x in berisi[len(berisi) - j :])
                break
        n.tabel.append(t)
    return n


# --- DOCX ----------------------------------------------------------------------------------------


def _docx(data: bytes, nama: str) -> Naskah:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except zipfile.BadZipFile:
        raise BacaError(f"Berkas '{nama}' rusak: arsip ZIP/DOCX tidak dapat dibuka.") from None
    if "word/document.xml" not in names:
        raise BacaError(
            f"Berkas '{nama}' adalah arsip ZIP tetapi bukan dokumen Word (.docx); "
            "lembar kerja Excel tidak dibaca sebagai laporan."
        )
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 — python-docx melempar banyak jenis galat XML
        raise BacaError(f"Dokumen Word '{nama}' rusak dan tidak dapat dibaca ({exc}).") from None
    n = Naskah("docx")
    nomor = 0
    unsur = sum(1 for _ in doc.element.body.iter("{*}p"))
    if unsur > MAKS_UNSUR:
        raise _terlalu_banyak(nama, MAKS_UNSUR, "paragraf")
    for el in doc.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            nomor += 1
            teks = Paragraph(el, doc).text
            if teks.strip():
                n.baris.append(Baris(teks, None, nomor))
        elif tag == "tbl":
            tbl = Table(el, doc)
            sel = [[_bersih(c.text) for c in row.cells] for row in tbl.rows]
            t = Tabel(sel)
            for b in reversed(n.baris[-3:]):
                jt = judul_tabel(b.teks)
                if jt:
                    t.nomor, t.judul = jt
                    break
            n.tabel.append(t)
    if not n.baris and not n.tabel:
        raise BacaError(f"Dokumen Word '{nama}' kosong: tidak ada teks atau tabel.")
    return n


def _kepala_halaman(teks: str) -> bool:
    """Baris kepala/kaki halaman yang berulang (nomor halaman, judul laporan singkat)."""
    t = teks.strip()
    return not t or bool(re.fullmatch(r"[ivxlcdm\d]+|halaman \d+( dari \d+)?", t.lower()))
