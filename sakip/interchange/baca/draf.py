"""Menyusun draf berkas OPD-tahun (``sakip/opd-tahun 1``) dari naskah laporan tercetak: identitas
dari sampul, indikator dari tabel pengukuran dan target Renstra, program → kegiatan → sub
kegiatan dan anggaran dari tabel anggaran, dan setiap angka tercetak sebagai ``tercetak`` dengan
tempatnya. Yang tidak dapat ditempatkan didaftar di laporan pembacaan, tidak pernah dibuang diam-diam."""

from __future__ import annotations

from decimal import Decimal

from django.utils.text import slugify

from .. import yamlio
from ..schema import FORMAT_NAME, FORMAT_VERSION
from .draf_anggaran import _BacaAnggaran
from .draf_dasar import (
    HasilBaca,
    _identitas,
    _num,
)
from .draf_indikator import _BacaIndikator
from .narasi import IndikatorDikenal, baca_narasi
from .naskah import BacaError, Naskah, baca_naskah
from .pengenal import (
    Pengenalan,
    angka,
    kenali,
    kepala,
)


class _Penyusun(_BacaIndikator, _BacaAnggaran):
    def __init__(self, n: Naskah):
        self.n = n
        self.id = _identitas(n)
        self.tahun = self.id["tahun"]
        self.tercetak: list[dict] = []
        self.dibaca: list[str] = []
        self.tidak: list[str] = []
        self.berselisih: list[str] = []  # satu indikator-tahun, dua angka tercetak
        self.kenal: list[Pengenalan] = []
        self.urutan_pemilik: list[tuple[str, str]] = []  # (kode, nama) program → sub kegiatan
        self.ganti_kode: dict[str, str] = {}  # kode tercetak → kode yang dipakai draf
        self.indikator_dikenal: list[IndikatorDikenal] = []  # untuk kalimat narasi
        for t in n.tabel:
            p = kenali(t)
            if p is None:
                if any(angka(c) is not None for row in t.sel[1:] for c in row if c.strip()):
                    k = kepala(t.sel)
                    judul = f" {t.judul}" if t.judul else ""
                    self.tidak.append(
                        f"{t.lokasi}{judul}: tabel belum dikenali "
                        f"(kepala: {' | '.join(x for x in k.nama if x)[:120]})"
                    )
                continue
            self.kenal.append(p)
            self.tidak.extend(p.tidak_terbaca)

    def cetak(self, lokasi: str, objek: str, atribut: str, teks: str, periode=None):
        e = {"lokasi": lokasi, "objek": objek, "atribut": atribut}
        if periode is not None:
            e["periode"] = periode
        e["teks"] = teks
        self.tercetak.append(e)

    # indikator dan Renstra: draf_indikator._BacaIndikator; program, kegiatan, sub kegiatan,
    # anggaran dan nama tanpa kode (nomenklatur): draf_anggaran._BacaAnggaran

    def narasi(self, urusan: list[dict], program: list[dict]) -> None:
        """Kalimat narasi yang menyebut angka atau penilaian (Ikhtisar, Bab III, Bab IV)."""
        h = baca_narasi(
            self.n,
            self.tahun,
            self.indikator_dikenal,
            {u["kode"]: u["nama"] for u in urusan},
            {p["kode"]: p["nama"] for p in program},
        )
        self.tercetak.extend(h.tercetak)
        self.tidak.extend(h.tidak_terbaca)
        self.hitungan_narasi = h.hitungan
        if h.tercetak:
            self.dibaca.append(
                f"narasi: {len(h.tercetak)} angka dan penilaian dari {h.kalimat} kalimat"
            )

    def realisasi_dari_kalimat(self, renstra: dict) -> None:
        """Realisasi persen yang tercetak di tabel sebagai angka saja, padahal kalimatnya menyebut
        cacahnya: draf menyimpan pembilang dan penyebutnya (persennya dihitung, seperti DHIS2),
        agar pembulatan yang tercetak dapat diperiksa."""
        indikator = {
            i["kode"]: i for t in renstra["tujuan"] for s in t["sasaran"] for i in s["indikator"]
        }
        for kode, tahun, (a, nama_a), (b, nama_b), lokasi in getattr(self, "hitungan_narasi", []):
            ind = indikator.get(kode)
            r = (
                next((r for r in ind.get("realisasi", []) if r["tahun"] == tahun), None)
                if ind
                else None
            )
            if r is None or "nilai" not in r or abs(Decimal(str(r["nilai"])) - a / b * 100) >= 1:
                continue
            if ind.get("pembilang") is None:
                ind["pembilang"], ind["penyebut"] = nama_a, nama_b
            r.pop("nilai")
            r.update(pembilang=_num(a), penyebut=_num(b), catatan=f"cacah dari kalimat {lokasi}")
            self.dibaca.append(
                f"{lokasi}: realisasi {ind['nama'][:60]} {tahun} = {_num(a)} dari {_num(b)}"
            )

    def seri(self) -> list[dict]:
        """Seri data per wilayah; ditautkan ke indikator yang namanya disebut nama serinya."""
        from .narasi import cocok_indikator

        out = []
        for p in self.kenal:
            if p.jenis != "seri" or not p.baris:
                continue
            nama = p.nama or f"Seri data {p.tabel.lokasi}"
            kode = slugify(nama)[:40].strip("-") or f"seri-{len(out) + 1}"
            if any(x["kode"] == kode for x in out):
                kode = f"{kode[:36]}-{len(out) + 1}"
            d: dict = {
                "kode": kode,
                "nama": nama[:200],
                "sumber": f"{p.tabel.lokasi}{f' {p.tabel.judul}' if p.tabel.judul else ''}"[:200],
            }
            ind = cocok_indikator(nama, self.indikator_dikenal)
            if ind is not None:
                d["indikator"] = ind.kode
            d["nilai"] = [
                {"wilayah": b.wilayah, "tahun": th, "nilai": _num(s_.nilai)}
                | ({"agregat": True} if b.agregat else {})
                for b in p.baris
                for th, s_ in sorted(b.nilai.items())
            ]
            out.append(d)
            self.dibaca.append(
                f"{p.tabel.lokasi}: seri data '{nama[:60]}', {len(p.baris)} wilayah"
                + (f", ditautkan ke indikator {ind.kode}" if ind is not None else "")
            )
        return out

    def susun(self, sumber: str) -> dict:
        renstra, _ = self.indikator()
        urusan, program = self.anggaran()
        pk = self.perjanjian(program)
        self.efisiensi()
        self.narasi(urusan, program)
        seri = self.seri()
        if renstra is not None:
            self.realisasi_dari_kalimat(renstra)
        if renstra is None and not program:
            raise BacaError(
                "Berkas ini tidak tampak sebagai laporan kinerja: tidak ada tabel pengukuran "
                "kinerja (Indikator, Target, Realisasi, Capaian) atau tabel anggaran (Kode, Pagu, "
                "Realisasi) yang dikenali."
            )
        pemda = self.id["pemda"]
        pemda_d = {"slug": slugify(pemda), "nama": pemda, "jenis": self.id["pemda_jenis"]}
        opd_d = {"slug": slugify(self.id["opd"])[:50].strip("-"), "nama": self.id["opd"]}
        # Pemda dan OPD yang sudah ada di sakip: draf memakai slug dan isiannya, agar mengimpor
        # draf tidak membuat OPD kembar atau mengosongkan data Pemda
        from sakip.organisations.models import Pemda, PerangkatDaerah

        ada = (
            Pemda.objects.filter(nama__iexact=pemda).first()
            or Pemda.objects.filter(slug=pemda_d["slug"]).first()
        )
        if ada is not None:
            pemda_d = {
                "slug": ada.slug,
                "nama": ada.nama,
                "jenis": ada.jenis,
                "provinsi": ada.provinsi,
                "ibukota": ada.ibukota,
                "jabatan_kepala_daerah": ada.jabatan_kepala_daerah,
            }
            o = PerangkatDaerah.objects.filter(pemda=ada, nama__iexact=self.id["opd"]).first()
            if o is not None:
                opd_d = {"slug": o.slug, "nama": o.nama}
                if o.singkatan:
                    opd_d["singkatan"] = o.singkatan
        pemda_d = {k: v for k, v in pemda_d.items() if v}
        doc: dict = {
            "format": f"{FORMAT_NAME} {FORMAT_VERSION}",
            "tahun": self.tahun,
            "sumber": sumber,
            "catatan": (
                "Draf dibaca otomatis oleh 'sakip baca' dari laporan tercetak. Periksa dan "
                "lengkapi sebelum diimpor: tujuan dan sasaran, polaritas, formula indikator."
            ),
            "pemda": pemda_d,
            "opd": opd_d,
        }
        if urusan:
            doc["opd"]["urusan"] = urusan
        if renstra is not None:
            doc["renstra"] = renstra
        if seri:
            doc["seri_data"] = seri
        if program:
            doc["program"] = program
        if pk:
            doc["perjanjian_kinerja"] = pk
        if self.tercetak:
            doc["tercetak"] = self.tercetak
        return doc


def baca_laporan(data: bytes, nama: str = "berkas") -> HasilBaca:
    """Baca laporan tercetak menjadi draf berkas OPD-tahun yang sah, dengan laporan pembacaannya."""
    from ..importer import read_document
    from ..schema import InvalidDocument

    naskah = baca_naskah(data, nama)
    p = _Penyusun(naskah)
    jenis = {"pdf": "PDF", "docx": "DOCX", "teks": "teks"}[naskah.jenis]
    halaman = f", {naskah.halaman} halaman" if naskah.halaman else ""
    draf = p.susun(f"dibaca dari {nama} ({jenis}{halaman}) oleh sakip baca")
    teks = yamlio.dump(draf)
    try:
        read_document(teks.encode("utf-8"), nama)
    except InvalidDocument as exc:
        raise BacaError(
            "Draf yang tersusun dari laporan ini belum sah:\n"
            + "\n".join(f"  • {m}" for m in exc.masalah)
        ) from None
    return HasilBaca(draf, teks, p.dibaca, p.tidak, len(p.tercetak), naskah.halaman, p.berselisih)
