"""Model dokumen: dibangun sekali sebagai struktur, dirender ke HTML, PDF dan DOCX.

Dokumen → Bagian (bab/subbab, bersarang) → blok: :class:`Paragraf`, :class:`Daftar`,
:class:`Tabel`, :class:`Gambar`, :class:`TandaTangan`, :class:`PemisahHalaman`.
Nomor tabel dan gambar diberikan per bab (Tabel 3.1, 3.2, …; lampiran: Tabel L.1) oleh
:func:`beri_nomor`, sehingga semua renderer memakai nomor yang sama.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# karakter yang tidak sah dalam XML 1.0 (DOCX) dan tak bermakna di dokumen: kendali selain tab/baris
# baru, pengganti tunggal, U+FFFE/U+FFFF. Teks pengguna yang memuatnya tetap dicetak, tanpa itu.
_TAK_SAH = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def bersih(teks: str) -> str:
    """Teks yang aman untuk setiap format dokumen (lihat :data:`_TAK_SAH`)."""
    return _TAK_SAH.sub("", teks) if isinstance(teks, str) else teks


class _Teks:
    """Medan teks setiap blok dibersihkan saat dibuat (teks pengguna dari halaman, API, berkas)."""

    _MEDAN: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for nama in self._MEDAN:
            setattr(self, nama, bersih(getattr(self, nama)))


@dataclass
class Sel(_Teks):
    _MEDAN = ("teks",)
    teks: str
    rata: str = "kiri"  # kiri | kanan | tengah
    tebal: bool = False
    colspan: int = 1
    rowspan: int = 1


def sel(value, **kw) -> Sel:
    return value if isinstance(value, Sel) else Sel("" if value is None else str(value), **kw)


def angka(teks: str, **kw) -> Sel:
    return Sel(teks, rata="kanan", **kw)


@dataclass
class Paragraf(_Teks):
    _MEDAN = ("teks",)
    teks: str
    draf: bool = False  # disusun otomatis dari data; belum ditulis/diperiksa pengguna
    miring: bool = False


@dataclass
class Daftar:
    butir: list[str]
    bernomor: bool = True
    draf: bool = False

    def __post_init__(self) -> None:
        self.butir = [bersih(b) for b in self.butir]


@dataclass
class Tabel(_Teks):
    _MEDAN = ("judul", "sumber")
    judul: str
    kepala: list[list[Sel]]
    baris: list[list[Sel]]
    sumber: str = ""
    nomor: str = ""
    baris_tebal: set[int] = field(default_factory=set)  # indeks baris jumlah/induk
    lebar: list[float] | None = None  # proporsi lebar kolom
    kecil: bool = False  # huruf kecil untuk tabel lebar

    @classmethod
    def buat(cls, judul: str, kepala: list, baris: list[list], **kw) -> Tabel:
        head = [
            [sel(c) for c in row]
            for row in (kepala if kepala and isinstance(kepala[0], list) else [kepala])
        ]
        body = [[sel(c) for c in row] for row in baris]
        return cls(judul, head, body, **kw)

    @property
    def jumlah_kolom(self) -> int:
        return (
            sum(c.colspan for c in self.kepala[0])
            if self.kepala
            else max((len(r) for r in self.baris), default=0)
        )


@dataclass
class Gambar:
    judul: str
    svg: str
    png: bytes
    nomor: str = ""
    lebar_cm: float = 15.0


@dataclass
class Penanda(_Teks):
    """Satu blok tanda tangan."""

    _MEDAN = ("jabatan", "nama", "pangkat", "nip", "atas")
    jabatan: str
    nama: str
    pangkat: str = ""
    nip: str = ""
    atas: str = ""  # mis. "Denpasar, Januari 2023" atau "PIHAK PERTAMA"


@dataclass
class TandaTangan:
    penanda: list[Penanda]


@dataclass
class PemisahHalaman:
    pass


Blok = Paragraf | Daftar | Tabel | Gambar | TandaTangan | PemisahHalaman


@dataclass
class Bagian(_Teks):
    _MEDAN = ("judul",)
    judul: str
    isi: list = field(default_factory=list)
    anak: list[Bagian] = field(default_factory=list)
    nomor: str = ""  # "BAB III", "3.1", "A"
    halaman_baru: bool = False
    angka_bab: int = 0  # >0: bab bernomor; tabel di dalamnya bernomor "angka_bab.n"

    def tambah(self, *blok) -> Bagian:
        self.isi.extend(blok)
        return self

    def sub(self, judul: str, nomor: str = "") -> Bagian:
        b = Bagian(judul, nomor=nomor)
        self.anak.append(b)
        return b

    def iter_blok(self):
        yield from self.isi
        for a in self.anak:
            yield from a.iter_blok()


@dataclass
class Dokumen:
    jenis: str  # lkjip | pk | rencana-aksi | pengukuran
    judul: str
    subjudul: list[str]
    nama_berkas: str
    bagian: list[Bagian] = field(default_factory=list)
    lampiran: list[Bagian] = field(default_factory=list)
    daftar_isi: bool = True
    daftar_tabel: bool = True
    sampul: bool = True
    catatan_kaki: str = ""

    def __post_init__(self) -> None:
        self.judul = bersih(self.judul)
        self.subjudul = [bersih(x) for x in self.subjudul]

    def tabel(self) -> list[Tabel]:
        return [
            b
            for bag in self.bagian + self.lampiran
            for b in bag.iter_blok()
            if isinstance(b, Tabel)
        ]

    def gambar(self) -> list[Gambar]:
        return [
            b
            for bag in self.bagian + self.lampiran
            for b in bag.iter_blok()
            if isinstance(b, Gambar)
        ]

    def disahkan(self) -> Dokumen:
        """Dokumen yang sudah disetujui: teks otomatis yang tidak disunting adalah teks yang
        disetujui, jadi tidak lagi bertanda DRAF (tanda itu tidak pernah ada di dokumen sah)."""
        for bag in self.bagian + self.lampiran:
            for b in bag.iter_blok():
                if getattr(b, "draf", False):
                    b.draf = False
        return self

    @property
    def ada_draf(self) -> bool:
        return any(
            getattr(b, "draf", False)
            for bag in self.bagian + self.lampiran
            for b in bag.iter_blok()
        )


def beri_nomor(doc: Dokumen) -> Dokumen:
    """Nomori tabel dan gambar per bab (urutan bab = 1, 2, …; lampiran = L)."""
    for bab in doc.bagian:
        if not bab.angka_bab:
            continue
        i = bab.angka_bab
        t = g = 0
        for b in bab.iter_blok():
            if isinstance(b, Tabel):
                t += 1
                b.nomor = f"{i}.{t}"
            elif isinstance(b, Gambar):
                g += 1
                b.nomor = f"{i}.{g}"
    t = g = 0
    for bab in doc.lampiran:
        for b in bab.iter_blok():
            if isinstance(b, Tabel):
                t += 1
                b.nomor = f"L.{t}"
            elif isinstance(b, Gambar):
                g += 1
                b.nomor = f"L.{g}"
    return doc
