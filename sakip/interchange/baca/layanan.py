"""Reviu laporan tercetak di aplikasi: Inspektorat mengunggah LKjIP sebuah OPD (PDF, DOCX, teks),
melihat angka yang terbaca beserta gambar halamannya, membetulkan sel yang salah terbaca, lalu
menjalankan reviu; temuannya disimpan seperti temuan reviu lainnya (bersumber laporan itu).

Setiap aksi satu transaksi; yang gagal tidak menyimpan apa pun."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sakip.organisations.models import PerangkatDaerah
from sakip.review.models import LaporanTercetak

from .. import yamlio
from .draf import baca_laporan
from .naskah import BacaError
from .pengenal import angka


class LaporanError(ValueError):
    """Pesan untuk pengguna (bahasa Indonesia)."""


class _Batal(Exception):
    pass


def _identitas_opd(opd: PerangkatDaerah) -> tuple[dict, dict]:
    p = opd.pemda
    pemda = {
        "slug": p.slug,
        "nama": p.nama,
        "jenis": p.jenis,
        "provinsi": p.provinsi,
        "ibukota": p.ibukota,
        "jabatan_kepala_daerah": p.jabatan_kepala_daerah,
    }
    o = {"slug": opd.slug, "nama": opd.nama}
    if opd.singkatan:
        o["singkatan"] = opd.singkatan
    return {k: v for k, v in pemda.items() if v}, o


def _sah(teks: str, nama: str) -> dict:
    from ..importer import read_document
    from ..schema import InvalidDocument

    try:
        return read_document(teks.encode("utf-8"), nama)
    except InvalidDocument as exc:
        raise LaporanError(
            "Draf dari laporan ini belum sah: " + "; ".join(exc.masalah[:5])
        ) from None


def unggah_laporan(
    opd: PerangkatDaerah, tahun: int, nama: str, isi: bytes, oleh=None, tujuan: str = "reviu"
):
    """Baca laporan yang diunggah untuk OPD-tahun ini dan simpan berkas serta drafnya.

    Membaca (puluhan detik untuk PDF tebal) berjalan di luar transaksi dan di proses anak berbatas;
    hanya penyimpanan hasilnya satu transaksi singkat, jadi penyimpanan lain tidak menunggu."""
    nama = (nama or "laporan").rsplit("/", 1)[-1][:200]
    try:
        hasil = baca_laporan(isi, nama)
    except BacaError as exc:
        raise LaporanError(str(exc)) from None
    draf = hasil.draf
    if draf["tahun"] != tahun:
        raise LaporanError(
            f"Laporan '{nama}' adalah laporan tahun {draf['tahun']}, bukan {tahun}: unggah di "
            f"halaman {'Rencana' if tujuan == 'rencana' else 'reviu'} tahun {draf['tahun']}."
        )
    tidak = list(hasil.tidak_terbaca)
    tercetak_opd = draf["opd"]["nama"]
    if tercetak_opd.lower() != opd.nama.lower():
        tidak.insert(
            0,
            f"Sampul menyebut '{tercetak_opd}'; laporan diunggah untuk {opd.nama} dan dibaca "
            "sebagai laporannya.",
        )
    # draf milik OPD halaman ini (slug dan data Pemda yang ada), bukan OPD baru
    urusan = draf["opd"].get("urusan")
    draf["pemda"], draf["opd"] = _identitas_opd(opd)
    if urusan:
        draf["opd"]["urusan"] = urusan
    teks = yamlio.dump(draf)
    _sah(teks, nama)
    jenis = "pdf" if isi[:5] == b"%PDF-" else ("docx" if isi[:4] == b"PK\x03\x04" else "teks")
    lap = LaporanTercetak(
        opd=opd,
        tahun=tahun,
        nama=nama,
        jenis=jenis,
        tujuan=tujuan,
        halaman=hasil.halaman if jenis == "pdf" else None,
        draf=teks,
        dibaca=list(hasil.dibaca),
        tidak_terbaca=tidak,
        berselisih=list(hasil.berselisih),
        diunggah_oleh=oleh if getattr(oleh, "is_authenticated", False) else None,
    )
    with transaction.atomic():
        lap.berkas.save(nama, ContentFile(isi), save=False)
        berkas = lap.berkas.name
        try:
            lap.save()
        except Exception:
            lap.berkas.storage.delete(berkas)
            raise
    return lap


# --- tampilan: angka terbaca dikelompokkan per tabel/bagian, dengan label yang dapat dibaca ---


@dataclass
class SelTerbaca:
    indeks: int  # urutan di draf (tercetak ke-indeks)
    objek: str
    label: str
    atribut: str
    periode: int | None
    teks: str
    baris: str  # "baris 3" atau "" (kalimat narasi)
    catatan: str = ""
    dikoreksi: bool = False


@dataclass
class Kelompok:
    tempat: str  # "Tabel 3.1 (halaman 10)", "Ikhtisar Eksekutif, halaman 5"
    halaman: int | None
    sel: list[SelTerbaca] = field(default_factory=list)


_ATRIBUT = {
    "pagu": "pagu",
    "realisasi": "realisasi",
    "serapan": "serapan",
    "sisa": "sisa",
    "sisa_persen": "sisa (%)",
    "target": "target",
    "capaian": "capaian",
    "jumlah": "jumlah",
    "rata_rata_capaian": "rata-rata capaian",
    "penilaian": "penilaian",
    "target_akhir_renstra": "target akhir Renstra",
    "capaian_renstra": "capaian terhadap Renstra",
    "kode": "kode tercetak",
}


def _indikator_draf(draf: dict):
    """(objek 'indikator:<kode>', indikator) setiap indikator draf, dengan kode otomatisnya
    (pemilik-urutan) bila tidak tertulis."""

    def dari(daftar, pemilik):
        for n, i in enumerate(daftar or [], 1):
            yield f"indikator:{i.get('kode') or f'{pemilik}-{n}'}", i

    for tj in draf.get("renstra", {}).get("tujuan", []):
        yield from dari(tj.get("indikator"), tj.get("kode"))
        for s in tj.get("sasaran", []):
            yield from dari(s.get("indikator"), s.get("kode"))
    for p in draf.get("program", []):
        yield from dari(p.get("indikator"), p["kode"])
        for k in p.get("kegiatan", []):
            yield from dari(k.get("indikator"), k["kode"])
            for s in k.get("sub_kegiatan", []):
                yield from dari(s.get("indikator"), s.get("kode"))


def _nama_dalam_draf(draf: dict) -> dict[str, str]:
    """Kode → nama setiap indikator, urusan, program, kegiatan dan sub kegiatan draf."""
    out = {objek: i["nama"] for objek, i in _indikator_draf(draf)}
    for u in draf.get("opd", {}).get("urusan", []) or []:
        out[f"kode:{u['kode']}"] = u["nama"]
    for p in draf.get("program", []):
        out[f"kode:{p['kode']}"] = p["nama"]
        for k in p.get("kegiatan", []):
            out[f"kode:{k['kode']}"] = k["nama"]
            for s in k.get("sub_kegiatan", []):
                if s.get("kode"):
                    out[f"kode:{s['kode']}"] = s["nama"]
    return out


def label_objek(objek: str, nama: dict[str, str]) -> str:
    jenis, _, kunci = objek.partition(":")
    if jenis == "indikator":
        return nama.get(objek, kunci)
    if jenis in ("anggaran", "efisiensi", "kegiatan", "program", "sub_kegiatan"):
        if kunci == "jumlah":
            return "jumlah seluruh OPD"
        return f"{kunci} {nama.get(f'kode:{kunci}', '')}".strip()
    if jenis == "hitungan":
        level, _, bidang = kunci.partition(":")
        return level.replace("_", " ") + (f" (bidang {bidang})" if bidang else "")
    if jenis == "penilaian":
        return "kinerja Perangkat Daerah"
    return objek


def kelompok_klaim(lap: LaporanTercetak) -> list[Kelompok]:
    draf = yamlio.load(lap.draf)
    nama = _nama_dalam_draf(draf)
    dikoreksi = {k["indeks"] for k in lap.koreksi}
    out: dict[str, Kelompok] = {}
    for i, e in enumerate(draf.get("tercetak", [])):
        lokasi = str(e["lokasi"])
        tempat, _, baris = lokasi.partition(", baris ")
        hal = re.search(r"halaman (\d+)", tempat)
        g = out.setdefault(tempat, Kelompok(tempat, int(hal.group(1)) if hal else None))
        g.sel.append(
            SelTerbaca(
                indeks=i,
                objek=str(e["objek"]),
                label=label_objek(str(e["objek"]), nama),
                atribut=_ATRIBUT.get(str(e["atribut"]), str(e["atribut"]).replace("_", " ")),
                periode=e.get("periode"),
                teks=str(e["teks"]),
                baris=f"baris {baris}" if baris else "",
                catatan=str(e.get("catatan", "")),
                dikoreksi=i in dikoreksi,
            )
        )

    def urut(g: Kelompok):
        m = re.search(r"(?:halaman|baris|paragraf) (\d+)", g.tempat)
        return (int(m.group(1)) if m else 0, g.tempat)

    return sorted(out.values(), key=urut)


# --- koreksi sel ---


def _ganti_data(draf: dict, e: dict, lama: Decimal | None, baru: Decimal) -> None:
    """Angka yang dibetulkan juga menjadi data draf bila sel itu sumber datanya: target/
    realisasi indikator tahun itu, pagu/realisasi baris anggaran terendah."""
    objek, atribut = str(e["objek"]), str(e["atribut"])
    jenis, _, kunci = objek.partition(":")
    nilai = int(baru) if baru == baru.to_integral_value() else baru
    if jenis == "indikator" and atribut in ("target", "realisasi"):
        th = e.get("periode") or draf["tahun"]

        ind = next((i for o, i in _indikator_draf(draf) if o == objek), None)
        if ind is None:
            return
        if atribut == "target":
            tgt = ind.setdefault("target", {})
            if lama is None or Decimal(str(tgt.get(th, lama))) == lama:
                tgt[th] = nilai
        else:
            for r in ind.setdefault("realisasi", []):
                if r.get("tahun") == th and "nilai" in r:
                    if lama is None or Decimal(str(r["nilai"])) == lama:
                        r["nilai"] = nilai
                    return
    if jenis == "anggaran" and atribut in ("pagu", "realisasi"):
        for p in draf.get("program", []):
            for k in p.get("kegiatan", []):
                for obj in [k, *k.get("sub_kegiatan", [])]:
                    a = obj.get("anggaran")
                    if obj.get("kode") == kunci and a is not None and atribut in a:
                        if lama is None or Decimal(str(a[atribut])) == lama:
                            a[atribut] = nilai


@transaction.atomic
def koreksi_sel(lap: LaporanTercetak, indeks: int, teks: str, oleh=None) -> str:
    """Betulkan satu sel yang salah terbaca. Angka harus tetap angka; sel yang menjadi sumber data
    draf (target, realisasi, pagu) ikut membetulkan datanya. Mengembalikan teks lama."""
    lap = LaporanTercetak.objects.select_for_update().get(pk=lap.pk)
    draf = yamlio.load(lap.draf)
    daftar = draf.get("tercetak", [])
    if not 0 <= indeks < len(daftar):
        raise LaporanError(f"Sel ke-{indeks + 1} tidak ada di laporan ini.")
    teks = (teks or "").strip()
    e = daftar[indeks]
    tempat = f"{e['lokasi']}, {e['atribut']}"
    if not teks:
        raise LaporanError(f"{tempat}: isi sel tidak boleh kosong.")
    if len(teks) > 255:
        raise LaporanError(f"{tempat}: isi sel paling panjang 255 karakter.")
    lama_teks = str(e["teks"])
    lama, baru = angka(lama_teks), angka(teks)
    if lama is not None and baru is None:
        raise LaporanError(
            f"{tempat}: '{teks}' bukan angka. Tulis cara Indonesia, mis. 1.164 · 8,33% · "
            "Rp2.653.931.750."
        )
    e["teks"] = teks
    if baru is not None:
        _ganti_data(draf, e, lama, baru)
    isi = yamlio.dump(draf)
    _sah(isi, lap.nama)
    lap.draf = isi
    lap.koreksi = [
        *lap.koreksi,
        {
            "indeks": indeks,
            "lokasi": str(e["lokasi"]),
            "lama": lama_teks,
            "baru": teks,
            "oleh": getattr(oleh, "username", ""),
            "waktu": timezone.now().isoformat(timespec="seconds"),
        },
    ]
    lap.save(update_fields=["draf", "koreksi"])
    return lama_teks


# --- reviu ---


SLUG_SEMENTARA = "sementara-reviu-laporan-tercetak"


def reviu_terpisah(draf_yaml: str, nama: str):
    """Temuan reviu sebuah draf laporan, diperiksa terpisah dari data sakip: draf diimpor sebagai
    OPD sementara (di bawah Pemda-nya, agar skala predikat dan metode Pemda berlaku) di dalam
    transaksi yang lalu dibatalkan, sehingga data OPD yang sudah ada (Renstra, seri data, tahun
    lain) tidak bercampur dengan angka laporan dan tidak ada yang tersimpan."""
    from sakip.review.engine import jalankan
    from sakip.review.rules.dasar import Konteks
    from sakip.review.rules.tabel import ATURAN

    from ..importer import import_document

    # keselarasan dengan RPJMD adalah tautan data di sakip, bukan isi laporan tercetak
    aturan = [a for a in ATURAN if a.kategori != "keselarasan"]
    d = yamlio.load(draf_yaml)
    d["opd"] = {**d["opd"], "slug": SLUG_SEMENTARA, "nama": f"{d['opd']['nama']} (laporan)"}
    doc = _sah(yamlio.dump(d), nama)
    hasil: list = []
    try:
        with transaction.atomic():
            imp = import_document(doc)
            hasil = jalankan(Konteks(imp.opd, imp.tahun, dari_cetakan=True), aturan)
            raise _Batal
    except _Batal:
        pass
    return hasil


def reviu_laporan(lap: LaporanTercetak, oleh=None) -> dict[str, int]:
    """Reviu angka-angka laporan terhadap angka laporan itu sendiri (terpisah dari data OPD di
    sakip, yang tidak berubah); temuannya disimpan bersumber laporan ini."""
    from sakip.review.services import perbarui_temuan

    temuan = reviu_terpisah(lap.draf, lap.nama)
    with transaction.atomic():
        ringkas = perbarui_temuan(lap.opd, lap.tahun, oleh=oleh, temuan=temuan, sumber=lap.sumber)
        LaporanTercetak.objects.filter(pk=lap.pk).update(direviu_pada=timezone.now())
    return ringkas


@transaction.atomic
def hapus_laporan(lap: LaporanTercetak) -> int:
    """Hapus laporan yang diunggah (salah berkas, versi lama) beserta temuan reviunya; berkasnya
    dihapus dari penyimpanan sesudah transaksi berhasil. Mengembalikan jumlah temuan yang dihapus."""
    from sakip.review.models import TemuanReviu

    n, _ = TemuanReviu.objects.filter(opd=lap.opd, tahun=lap.tahun, sumber=lap.sumber).delete()
    berkas = lap.berkas
    lap.delete()
    transaction.on_commit(lambda: berkas.storage.delete(berkas.name) if berkas.name else None)
    return n


def gambar_halaman(lap: LaporanTercetak, halaman: int, lebar: int = 900) -> bytes:
    """Halaman PDF sebagai PNG (untuk ditampilkan di samping angka yang terbaca); digambar di proses
    anak berbatas seperti pembacaannya."""
    from sakip.berkas import BerkasError, kotak

    if lap.jenis != "pdf":
        raise LaporanError("Gambar halaman hanya tersedia untuk laporan PDF.")
    with lap.berkas.open("rb") as f:
        isi = f.read()
    try:
        return kotak.jalankan(
            _gambar, isi, halaman, lebar, nama=lap.nama, batas=kotak.Batas(detik=30)
        )
    except BerkasError as exc:
        raise LaporanError(str(exc)) from None


def _gambar(isi: bytes, halaman: int, lebar: int) -> bytes:
    import io

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(isi)
    if not 1 <= halaman <= len(pdf):
        raise LaporanError(f"Halaman {halaman} tidak ada (laporan ini {len(pdf)} halaman).")
    page = pdf[halaman - 1]
    skala = lebar / page.get_width()
    img = page.render(scale=skala).to_pil()
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
