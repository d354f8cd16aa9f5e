"""Layanan buku kerja perencana di halaman: unduh, unggah → pratinjau setiap perubahan → simpan.

Aturan halaman (di atas aturan berkas pertukaran):

* Hanya Operator OPD itu atau Admin Pemda (:data:`Aksi.ISI_PENUH`); buku kerja harus untuk OPD dan
  tahun halaman ini. Identitas Pemda dan nama urusan yang sudah terdaftar tidak diubah dari buku
  kerja (diatur Admin Pemda / nomenklatur); perbedaannya disebut di pratinjau.
* PK yang sudah diajukan atau disetujui tidak diubah dari buku kerja: target dan Rencana Aksinya
  berubah lewat PK Perubahan. Realisasi dan anggaran triwulan yang terkunci juga tidak.
* Pratinjau dihitung lagi saat disimpan; bila data sakip berubah di antaranya, tidak ada yang
  disimpan dan pengguna diminta mengunggah lagi.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db import transaction

from sakip import akses
from sakip.akses import Aksi
from sakip.berkas.xlsx import BukuTerbaca
from sakip.core.numbers import NumberFormatError, format_angka, to_decimal
from sakip.measurement.models import PersetujuanRealisasi
from sakip.organisations.models import PerangkatDaerah, Urusan
from sakip.planning.models import PerjanjianKinerja
from sakip.planning.renstra_versi import pesan_kunci
from sakip.planning.susun import renstra_berlaku
from sakip.workflow.models import StatusAlur

from . import buku_rencana as br
from .buku_rencana_baca import baca_buku, buka
from .dasar import InvalidDocument
from .excel import ExcelError
from .exporter import export_data
from .importer import import_document

# kolom kunci baris setiap lembar (untuk membandingkan buku kerja lama dan baru)
KUNCI = {
    br.L_IDENTITAS: ("Isian",),
    br.L_URUSAN: ("Kode",),
    br.L_MISI: ("No",),
    br.L_RENSTRA: (br.K_JENIS, br.K_KODE),
    br.L_PROGRAM: (br.K_JENIS, br.K_KODE),
    br.L_REALISASI: ("Kode indikator", "Tahun", "Periode (tahunan/tw1–tw4)"),
    br.L_PK: ("Versi",),
    br.L_PK_IND: ("Versi PK", "Kode indikator"),
    br.L_PK_ANG: ("Versi PK", "Kode program"),
    br.L_SERI: ("Kode seri",),
    br.L_NILAI_SERI: ("Kode seri", "Wilayah", "Tahun"),
    br.L_TERCETAK: ("Lokasi", "Objek", "Atribut", "Periode"),
    br.L_NARASI: ("Bagian",),
}
# lembar yang isinya untuk tahun ini diganti seluruhnya oleh buku kerja (baris yang hilang dihapus)
DIGANTI = {br.L_PK, br.L_PK_IND, br.L_PK_ANG, br.L_TERCETAK}
LEMBAR_PK = {br.L_PK, br.L_PK_IND, br.L_PK_ANG}
TIDAK_DIBANDING = {"Nama indikator (tidak dibaca)"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Perubahan:
    jenis: str  # lembar
    label: str
    lama: str
    baru: str


def unduh(user, opd: PerangkatDaerah, tahun: int) -> bytes:
    """Buku kerja terisi (atau kerangka untuk OPD yang belum punya rencana tahun itu)."""
    akses.periksa(user, opd, Aksi.LIHAT)
    return br.tulis_buku(export_data(opd, tahun, kosong_boleh=True))


# --- membandingkan dua buku kerja ------------------------------------------------------------------


def _baris(wb: BukuTerbaca) -> dict[tuple, dict]:
    """(lembar, kunci baris) → {judul kolom: nilai} dari buku kerja yang sudah dibaca berbatas."""
    out: dict[tuple, dict] = {}
    for lembar, kunci in KUNCI.items():
        if lembar not in wb.sheetnames:
            continue
        rows = wb[lembar].baris
        if not rows:
            continue
        judul = [str(j).strip() if j is not None else "" for j in rows[0]]
        for n, row in enumerate(rows[1:], 2):
            if not any(v not in (None, "") for v in row):
                continue
            d = {j: row[i] for i, j in enumerate(judul) if j and i < len(row)}
            k = tuple(_tampil(d.get(x), x) for x in kunci)
            if lembar in (br.L_RENSTRA, br.L_PROGRAM) and not k[1]:
                k = (k[0], _tampil(d.get(br.K_NAMA)))
            if lembar == br.L_MISI:
                k = (str(n - 1),)
            kk = (lembar, *k)
            while kk in out:  # kunci kembar: tetap dibandingkan menurut urutan
                kk = (*kk, "·")
            out[kk] = d
    return out


def _tampil(v, kolom: str = "") -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "Ya" if v else ""
    if isinstance(v, int) and "tahun" in kolom.lower() or kolom.startswith("Versi"):
        return str(v)  # tahun dan versi tanpa pemisah ribuan
    if isinstance(v, (int, float, Decimal)):
        return format_angka(
            Decimal(repr(v)) if isinstance(v, float) else Decimal(v), None, strip_zeros=True
        )
    return " ".join(str(v).split())


def _sama(a, b) -> bool:
    if _tampil(a) == _tampil(b):
        return True
    try:
        return to_decimal(a) == to_decimal(b)
    except NumberFormatError:
        return False


def _ringkas(t: str, n: int = 120) -> str:
    return t if len(t) <= n else t[: n - 1] + "…"


def bandingkan(lama: BukuTerbaca, baru: BukuTerbaca) -> list[Perubahan]:
    a, b = _baris(lama), _baris(baru)
    out: list[Perubahan] = []

    def judul(k, row) -> str:
        label = " · ".join(x for x in k[1:] if x and x != "·")
        nama = _tampil(row.get(br.K_NAMA))
        if nama and k[0] in (br.L_RENSTRA, br.L_PROGRAM) and nama not in label:
            label += f" ({_ringkas(nama, 60)})"
        return label

    for k, row in b.items():
        lembar, label = k[0], judul(k, row)
        if k not in a:
            isi = _tampil(row.get(br.K_NAMA) or row.get("Nilai") or row.get("Nama") or "")
            out.append(Perubahan(lembar, label, "", _ringkas(f"baris baru {isi}".strip())))
            continue
        for j, v in row.items():
            if j in TIDAK_DIBANDING or j in KUNCI[lembar]:
                continue
            if not _sama(a[k].get(j), v):
                kolom = f"{label} {j}"
                out.append(
                    Perubahan(
                        lembar,
                        f"{label} · {j}",
                        _ringkas(_tampil(a[k].get(j), kolom)),
                        _ringkas(_tampil(v, kolom)),
                    )
                )
    for k in a:
        if k not in b:
            lembar, label = k[0], judul(k, a[k])
            nasib = "dihapus" if lembar in DIGANTI else "tidak ada di buku kerja; tetap di sakip"
            out.append(Perubahan(lembar, label, "ada", nasib))
    return out


# --- unggah ---------------------------------------------------------------------------------------


class HasilBaca(list):
    """Daftar perubahan beserta berkasnya (disimpan di sesi sampai dikonfirmasi)."""

    data: bytes = b""
    nama: str = ""
    catatan: list[str]


def _dokumen(
    opd: PerangkatDaerah, tahun: int, data: bytes, nama: str
) -> tuple[dict, list[str], BukuTerbaca]:
    try:
        wb = buka(data, nama)
        doc = baca_buku(data, nama, wb)
    except InvalidDocument as exc:
        raise ExcelError([str(m) for m in exc.masalah]) from None
    galat, catatan = [], []
    if doc["opd"]["slug"] != opd.slug or doc["tahun"] != tahun:
        galat.append(
            f"Lembar 'Identitas': buku kerja ini untuk OPD '{doc['opd']['slug']}' tahun "
            f"{doc['tahun']}, bukan {opd.nama} ({opd.slug}) tahun {tahun}. Unduh buku kerja dari "
            "halaman ini."
        )
    if doc["pemda"]["slug"] != opd.pemda.slug:
        galat.append(
            f"Lembar 'Identitas', isian 'Pemda: slug': '{doc['pemda']['slug']}' bukan "
            f"{opd.pemda.nama} ({opd.pemda.slug})."
        )
    if galat:
        raise ExcelError(galat)
    pm = opd.pemda
    tetap = {
        "nama": pm.nama,
        "jenis": pm.jenis,
        "provinsi": pm.provinsi,
        "ibukota": pm.ibukota,
        "jabatan_kepala_daerah": pm.jabatan_kepala_daerah,
        "metode_turun": pm.metode_turun,
    }
    beda = [k for k, v in tetap.items() if doc["pemda"].get(k) not in (None, "", v)]
    if beda:
        catatan.append(
            "Identitas Pemda tidak diubah dari buku kerja (diatur Admin Pemda di Kelola): "
            + ", ".join(beda)
            + "."
        )
    doc["pemda"] = {**doc["pemda"], **tetap}
    nama_urusan = dict(
        Urusan.objects.filter(kode__in=[u["kode"] for u in doc["opd"]["urusan"]]).values_list(
            "kode", "nama"
        )
    )
    for u in doc["opd"]["urusan"]:
        if u["kode"] in nama_urusan and u["nama"] != nama_urusan[u["kode"]]:
            catatan.append(
                f"Nama urusan {u['kode']} tetap '{nama_urusan[u['kode']]}' (nomenklatur)."
            )
            u["nama"] = nama_urusan[u["kode"]]
    catatan.extend(_catatan_nomenklatur(opd, tahun, doc))
    return doc, catatan, wb


def _catatan_nomenklatur(opd: PerangkatDaerah, tahun: int, doc: dict) -> list[str]:
    """Kode program/kegiatan/sub kegiatan di luar nomenklatur yang berlaku: tetap dibaca, ditandai."""
    from sakip.planning.nomenklatur import katalog, luar_nomenklatur

    kode = []
    for p in doc.get("program") or []:
        kode.append(p.get("kode", ""))
        for k in p.get("kegiatan") or []:
            kode.append(k.get("kode", ""))
            kode.extend(s.get("kode", "") for s in k.get("sub_kegiatan") or [])
    luar = luar_nomenklatur(opd, [str(k) for k in kode if k], tahun)
    if not luar:
        return []
    kat = katalog(tahun)
    tanpa = [k for k, a in luar.items() if not a]
    teks = ", ".join(list(luar)[:10]) + (f" dan {len(luar) - 10} lainnya" if len(luar) > 10 else "")
    return [
        f"{len(luar)} kode tidak ada dalam nomenklatur {kat.judul if kat else ''}: {teks}. Kode itu "
        "tetap dibaca dan ditandai 'di luar nomenklatur'"
        + (
            f"; {len(tanpa)} belum beralasan: isi alasannya di halaman Susun Renstra (Ubah program/"
            "kegiatan/sub kegiatan)."
            if tanpa
            else "."
        )
    ]


def _lama(opd: PerangkatDaerah, tahun: int) -> BukuTerbaca:
    """Rencana yang tersimpan sekarang, dalam bentuk buku kerja yang sama (untuk dibandingkan)."""
    data = br.tulis_buku(export_data(opd, tahun, kosong_boleh=True))
    return buka(data, "sakip.xlsx")


def _kunci_pk(opd: PerangkatDaerah, tahun: int) -> PerjanjianKinerja | None:
    return (
        PerjanjianKinerja.objects.filter(
            opd=opd,
            tahun=tahun,
            jabatan__isnull=True,
            status__in=[StatusAlur.DIAJUKAN, StatusAlur.DISETUJUI],
        )
        .order_by("-versi")
        .first()
    )


def _periksa_kunci(opd: PerangkatDaerah, tahun: int, perubahan: list[Perubahan]) -> bool:
    """Tolak perubahan pada yang terkunci; kembalikan ``True`` bila PK harus dipertahankan."""
    galat = []
    pk = _kunci_pk(opd, tahun)
    if pk is not None:
        ubah_pk = [c for c in perubahan if c.jenis in LEMBAR_PK]
        if ubah_pk:
            galat.append(
                f"Lembar '{ubah_pk[0].jenis}' ({ubah_pk[0].label}): {pk} sudah "
                f"{pk.get_status_display().lower()}; PK tidak diubah dari buku kerja. Ubah target "
                "lewat PK Perubahan di halaman Renstra, lalu unduh buku kerja lagi."
            )
    renstra = renstra_berlaku(opd, tahun)
    if renstra is not None and (pesan := pesan_kunci(renstra)):
        ubah = [
            c
            for c in perubahan
            if c.jenis in (br.L_MISI, br.L_RENSTRA)
            or (c.jenis == br.L_IDENTITAS and "Renstra" in c.label)
        ]
        if ubah:
            galat.append(f"Lembar '{ubah[0].jenis}' ({ubah[0].label}): {pesan}")
    terkunci = set(
        PersetujuanRealisasi.objects.filter(
            opd=opd, tahun=tahun, status__in=[StatusAlur.DIAJUKAN, StatusAlur.DISETUJUI]
        ).values_list("triwulan", flat=True)
    )
    for tw in sorted(terkunci):
        romawi = br.TW[tw - 1]
        for c in perubahan:
            kena = (c.jenis == br.L_REALISASI and f"· {tahun} · tw{tw}" in f"· {c.label}") or (
                c.jenis == br.L_PROGRAM and f"TW {romawi} (Rp)" in c.label
            )
            if kena:
                galat.append(
                    f"Lembar '{c.jenis}' ({c.label}): triwulan {romawi} {tahun} sudah diajukan atau "
                    "disetujui dan terkunci."
                )
    if galat:
        raise ExcelError(galat)
    return pk is not None


def baca_unggahan(user, opd: PerangkatDaerah, tahun: int, data: bytes, nama: str) -> HasilBaca:
    akses.periksa(user, opd, Aksi.ISI_PENUH)
    _doc, catatan, wb = _dokumen(opd, tahun, data, nama)
    perubahan = bandingkan(_lama(opd, tahun), wb)
    _periksa_kunci(opd, tahun, perubahan)
    hasil = HasilBaca(perubahan)
    hasil.data, hasil.nama, hasil.catatan = data, nama, catatan
    return hasil


def ringkasan(perubahan: list[Perubahan]) -> list[tuple[str, int, int, int]]:
    """Per lembar: (lembar, baris baru, sel berubah, baris yang tidak ada lagi)."""
    hit: dict[str, list[int]] = {}
    for c in perubahan:
        h = hit.setdefault(c.jenis, [0, 0, 0])
        h[0 if not c.lama else (2 if c.lama == "ada" else 1)] += 1
    urut = [br.L_IDENTITAS, *br.LEMBAR]
    return [
        (lb, hit[lb][0], hit[lb][1], hit[lb][2])
        for lb in sorted(hit, key=lambda x: urut.index(x) if x in urut else 99)
    ]


def sebagai_dict(hasil: HasilBaca) -> dict:
    return {
        "ringkasan": ringkasan(list(hasil)),
        "daftar": [asdict(c) for c in hasil],
        "catatan": hasil.catatan,
        "berkas": base64.b64encode(hasil.data).decode(),
        "nama": hasil.nama,
        "sidik": hashlib.sha256(repr([asdict(c) for c in hasil]).encode()).hexdigest(),
    }


@transaction.atomic
def terapkan(user, opd: PerangkatDaerah, tahun: int, simpanan: dict) -> int:
    """Simpan buku kerja yang pratinjaunya sudah dikonfirmasi, dalam satu transaksi."""
    akses.periksa(user, opd, Aksi.ISI_PENUH)
    data = base64.b64decode(simpanan["berkas"])
    doc, _, wb = _dokumen(opd, tahun, data, simpanan["nama"])
    perubahan = bandingkan(_lama(opd, tahun), wb)
    if (
        hashlib.sha256(repr([asdict(c) for c in perubahan]).encode()).hexdigest()
        != simpanan["sidik"]
    ):
        raise ExcelError(
            [
                "Data sakip berubah sejak pratinjau dibuat; tidak ada yang disimpan. Unggah berkas lagi."
            ]
        )
    pertahankan_pk = _periksa_kunci(opd, tahun, perubahan)
    if not perubahan:
        return 0
    try:
        import_document(doc, pertahankan_pk=pertahankan_pk)
    except InvalidDocument as exc:
        raise ExcelError([str(m) for m in exc.masalah]) from None
    return len(perubahan)


def dari_laporan(user, lap) -> HasilBaca:
    """Draf rencana dari laporan/Renstra tercetak yang dibaca (dan dibetulkan) di halaman
    pembacaan: pratinjau yang sama dengan unggahan buku kerja, ditambah apa yang tidak dapat
    ditempatkan — tidak ada yang ditebak diam-diam."""
    from . import yamlio

    akses.periksa(user, lap.opd, Aksi.ISI_PENUH)
    data = br.tulis_buku(yamlio.load(lap.draf))
    hasil = baca_unggahan(user, lap.opd, lap.tahun, data, f"{lap.nama}.xlsx")
    n = len(lap.tidak_terbaca)
    hasil.catatan = [
        f"Dari '{lap.nama}' ({len(lap.dibaca)} bagian terbaca). Periksa setiap baris di bawah; "
        "angka yang salah terbaca dibetulkan di halaman pembacaannya, lalu buat pratinjau lagi.",
        *(
            [f"{n} hal tidak dapat ditempatkan dan TIDAK masuk rencana (isi sendiri bila perlu):"]
            + [f"• {t}" for t in lap.tidak_terbaca]
            if n
            else []
        ),
        *hasil.catatan,
    ]
    return hasil
