"""Pengisian realisasi triwulan: membaca isian, memvalidasi, menyimpan dalam satu transaksi,
mengunci triwulan yang disetujui, dan mencatat koreksi setelah persetujuan."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from sakip.core.capaian import rasio_persen
from sakip.core.numbers import (
    NumberFormatError,
    format_persen,
    parse_angka,
    to_decimal,
)
from sakip.core.sidik import sidik as sidik_inti
from sakip.organisations.models import PerangkatDaerah
from sakip.organisations.permissions import cabang_jabatan
from sakip.planning.models import Indikator
from sakip.planning.models_berhenti import q_aktif

from . import wajar
from .bukti import BuktiError, kenali_jenis
from .models import BuktiDukung, KoreksiRealisasi, Periode, PersetujuanRealisasi, Realisasi

S = PersetujuanRealisasi.Status


class IsianError(ValueError):
    def __init__(self, galat: dict[str, str]):
        self.galat = galat
        super().__init__("; ".join(galat.values()))


class KonflikError(IsianError):
    """Baris yang diubah orang lain sesudah formulir dibuka (konkurensi optimistis).

    ``terkini`` memetakan id indikator ke realisasi yang kini tersimpan (``None`` bila dihapus),
    agar formulir dapat ditampilkan lagi dengan versi terbaru."""

    def __init__(self, galat: dict[str, str], terkini: dict[int, Realisasi | None]):
        super().__init__(galat)
        self.terkini = terkini


def sidik(nilai, pembilang, penyebut, catatan: str) -> str:
    """Sidik jari isian satu baris: sama bila angka dan catatannya sama (1.164 = 1164,00)."""
    return sidik_inti(nilai, pembilang, penyebut, catatan or "")


def sidik_realisasi(r: Realisasi | None) -> str:
    if r is None:
        return sidik(None, None, None, "")
    return sidik(r.nilai, r.pembilang, r.penyebut, r.catatan)


def teks_realisasi(ind: Indikator, nilai, pembilang, penyebut) -> str:
    """Nilai realisasi untuk pesan: '721/1.164 (61,94%)' atau '8,33'."""
    from sakip.core.numbers import format_angka

    def f(d):
        return format_angka(d, None, strip_zeros=True)

    if pembilang is not None and penyebut is not None:
        h = rasio_persen(pembilang, penyebut)
        persen = format_persen(h.nilai) if h.nilai is not None else "–"
        return f"{f(pembilang)}/{f(penyebut)} ({persen})"
    if nilai is not None:
        return f(nilai)
    return "kosong"


def q_isian(tahun: int, semua_tingkat: bool = False) -> Q:
    """Syarat indikator yang diisi per triwulan pada ``tahun`` (lihat :func:`indikator_isian`):
    satu aturan untuk halaman isian, beranda, buku kerja dan API. Yang dihentikan mulai ``tahun``
    atau sebelumnya tidak diisi lagi."""
    q = Q(tujuan__renstra__tahun_awal__lte=tahun, tujuan__renstra__tahun_akhir__gte=tahun) | Q(
        sasaran__tujuan__renstra__tahun_awal__lte=tahun,
        sasaran__tujuan__renstra__tahun_akhir__gte=tahun,
    )
    if semua_tingkat:
        q |= Q(program__isnull=False) | Q(kegiatan__isnull=False) | Q(sub_kegiatan__isnull=False)
    return q & q_aktif("indikator", tahun)


def indikator_isian(
    opd: PerangkatDaerah, tahun: int, semua_tingkat: bool = False, cabang: set[int] | None = None
) -> list[Indikator]:
    """Indikator yang diisi realisasinya per triwulan, dalam urutan pohon (diurutkan di Python:
    PostgreSQL dan SQLite menaruh NULL di ujung yang berbeda).

    Bawaan: indikator tujuan/sasaran Renstra yang berlaku pada ``tahun``. ``semua_tingkat``: juga
    indikator program, kegiatan dan sub kegiatan. ``cabang`` (himpunan id jabatan, lihat
    :func:`~sakip.organisations.permissions.cabang_jabatan`): hanya indikator yang penanggung
    jawabnya jabatan dalam cabang itu (Pejabat mengisi cabangnya sendiri, di semua tingkat).

    Daftarnya diingat per proses menurut versi rencana OPD itu (:func:`sakip.audit.versi.
    versi_rencana_opd`, satu kueri kecil), yang tidak berubah oleh simpanan realisasi: membuka dan
    menyimpan isian tidak membangun kueri pohon yang besar itu lagi. Setiap pemanggil mendapat
    salinan objek indikatornya sendiri; objek induknya (sasaran, program, kegiatan, sub kegiatan)
    terbagi dan hanya dibaca — keadaannya sama selama versi rencana sama."""
    semua = semua_tingkat or cabang is not None
    kunci = _kunci_isian(opd, tahun, semua)
    ingat = _ISIAN.get(kunci) if kunci is not None else None
    if ingat is not None:
        out = [copy.copy(i) for i in ingat]
    else:
        out = _muat_isian(opd, tahun, semua)
        if kunci is not None:
            if len(_ISIAN) >= 256:
                _ISIAN.clear()
            _ISIAN[kunci] = [copy.copy(i) for i in out]
    if cabang is not None:
        out = [i for i in out if i.jabatan_efektif_id in cabang]
    return out


# (basis data, OPD, tahun, semua tingkat, versi rencana) → daftar indikator isian
_ISIAN: dict[tuple, list[Indikator]] = {}


def _kunci_isian(opd: PerangkatDaerah, tahun: int, semua: bool) -> tuple | None:
    from django.db import connection

    from sakip.audit.versi import versi_rencana_dari_anotasi, versi_rencana_opd

    if hasattr(opd, "sakip_rencana_v"):  # dimuat dengan anotasi_versi_rencana_opd(): tanpa kueri
        v = versi_rencana_dari_anotasi(opd)
    else:
        v = versi_rencana_opd(opd.pk, opd.pemda_id)
    if v.jumlah <= 0:  # belum ada perubahan tercatat: versi itu tidak membedakan isi
        return None
    return (connection.settings_dict["NAME"], opd.pk, tahun, semua, str(v))


def _muat_isian(opd: PerangkatDaerah, tahun: int, semua: bool) -> list[Indikator]:
    from .services import urutan_pohon

    qs = Indikator.objects.filter(q_isian(tahun, semua), opd=opd).select_related(
        "sasaran__tujuan",
        "tujuan",
        "program",
        "kegiatan__program",
        "sub_kegiatan__kegiatan__program",
    )
    return sorted(qs, key=urutan_pohon)


def _periksa_cabang(user, opd: PerangkatDaerah, indikator: list[Indikator]) -> None:
    """Operator/Admin: seluruh OPD; Pejabat: hanya indikator cabang jabatannya."""
    cabang = cabang_jabatan(user, opd)
    if cabang is None:
        return
    if not cabang:
        raise IsianError({"umum": "Anda tidak berwenang mengisi realisasi OPD ini."})
    lain = [
        i
        for i in Indikator.objects.filter(pk__in=[i.pk for i in indikator]).select_related(
            "program", "kegiatan__program", "sub_kegiatan__kegiatan__program"
        )
        if i.jabatan_efektif_id not in cabang
    ]
    if lain:
        raise IsianError(
            {
                "umum": "Indikator berikut bukan tanggung jawab jabatan Anda atau bawahan Anda: "
                + "; ".join(i.nama for i in lain)
                + "."
            }
        )


def status_triwulan(opd: PerangkatDaerah, tahun: int, tw: int) -> PersetujuanRealisasi:
    obj, _ = PersetujuanRealisasi.objects.get_or_create(opd=opd, tahun=tahun, triwulan=tw)
    return obj


@dataclass
class Isian:
    indikator: Indikator
    nilai: Decimal | None = None
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None
    catatan: str = ""
    kosong: bool = True
    yakin: bool = False  # pengisi menegaskan nilai yang jauh dari target/periode lalu
    versi_awal: int | None = None  # versi yang dibaca formulir (0 = belum ada); None = tanpa cek
    sidik_awal: str | None = None  # sidik nilai yang ditampilkan; sama = baris tidak diubah

    @property
    def sidik(self) -> str:
        return sidik(self.nilai, self.pembilang, self.penyebut, self.catatan)


# --- masukan bertipe -------------------------------------------------------------------------
# Halaman (Django form, sakip.web.formulir) dan API (skema ninja) sama-sama membangun
# :class:`IsianRealisasi`; layanan ini tidak mengenal nama medan HTML. Galat layanan berkunci
# ``"<medan>:<id indikator>"`` (lihat :func:`kunci`), ``"umum"`` atau ``"alasan"``; setiap tepi
# memetakannya ke medannya sendiri (``p-12`` di halaman, ``isian[0].pembilang`` di API).

MEDAN_ANGKA = ("nilai", "pembilang", "penyebut")
LABEL_MEDAN = {"nilai": "Realisasi", "pembilang": "Pembilang", "penyebut": "Penyebut"}


def kunci(indikator_id: int, medan: str) -> str:
    """Kunci galat satu medan satu indikator: ``"pembilang:12"``."""
    return f"{medan}:{indikator_id}"


def urai_kunci(k: str) -> tuple[str, int] | None:
    """``"pembilang:12"`` → ``("pembilang", 12)``; kunci umum → None."""
    medan, _, ind = k.partition(":")
    return (medan, int(ind)) if ind.isdigit() else None


@dataclass(frozen=True)
class IsianRealisasi:
    """Masukan satu indikator untuk :func:`baca_isian`: angka sudah dibaca (Decimal) oleh tepinya.

    ``versi``: versi baris yang dibaca formulir (0 = belum ada; None = tanpa pemeriksaan konflik).
    ``sidik``: sidik nilai yang ditampilkan (sama dengan isian = baris tidak diubah)."""

    indikator_id: int
    nilai: Decimal | None = None
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None
    catatan: str = ""
    versi: int | None = None
    sidik: str | None = None
    yakin: bool = False  # "Nilai ini benar": nilai jauh dari target/periode lalu, dengan alasan


def pesan_bukan_angka(medan: str, nama: str, teks: str) -> str:
    """Satu kalimat untuk angka yang tidak terbaca (dipakai formulir dan API)."""
    return f"{LABEL_MEDAN[medan]} “{nama}”: '{teks}' bukan angka (contoh: 1.164 atau 8,33)"


def pesan_versi_rusak(nama: str, teks: str) -> str:
    return (
        f"Versi “{nama}” ('{teks}') bukan bilangan bulat: formulir rusak; muat ulang data lalu "
        "isi lagi."
    )


def baca_angka(teks: str | None) -> Decimal | None:
    """Teks angka cara Indonesia → Decimal; kosong → None; :class:`NumberFormatError` bila salah."""
    teks = (teks or "").strip()
    return parse_angka(teks) if teks else None


def baca_isian(indikator: list[Indikator], masukan) -> list[Isian]:
    """Periksa masukan bertipe (``{id indikator: IsianRealisasi}`` atau daftarnya) untuk setiap
    ``indikator``: pasangan pembilang/penyebut, penyebut nol, angka negatif. Indikator tanpa
    masukan dianggap kosong. Lempar :class:`IsianError` (kunci :func:`kunci`) bila ada yang salah."""
    if not isinstance(masukan, dict):
        masukan = {m.indikator_id: m for m in masukan}
    galat: dict[str, str] = {}
    out = []
    for ind in indikator:
        i = ind.id
        m = masukan.get(i) or IsianRealisasi(i)
        it = Isian(ind, catatan=(m.catatan or "").strip()[:2000], versi_awal=m.versi, yakin=m.yakin)
        it.sidik_awal = (m.sidik or "").strip() or None
        if ind.is_rumus:
            for medan in ("pembilang", "penyebut"):
                d = getattr(m, medan)
                if d is not None and d < 0:
                    galat[kunci(i, medan)] = (
                        f"{LABEL_MEDAN[medan]} “{ind.nama}” tidak boleh negatif"
                    )
                else:
                    setattr(it, medan, d)
            if (it.pembilang is None) != (it.penyebut is None) and not any(
                kunci(i, x) in galat for x in ("pembilang", "penyebut")
            ):
                galat[kunci(i, "penyebut" if it.penyebut is None else "pembilang")] = (
                    f"“{ind.nama}”: pembilang dan penyebut harus diisi bersama"
                )
            elif it.penyebut == 0:
                galat[kunci(i, "penyebut")] = f"Penyebut “{ind.nama}” tidak boleh nol"
            it.kosong = it.pembilang is None and it.penyebut is None
        else:
            it.nilai = m.nilai
            it.kosong = it.nilai is None
        out.append(it)
    if galat:
        raise IsianError(galat)
    return out


def _snapshot(r: Realisasi) -> dict:
    return {
        k: (None if getattr(r, k) is None else str(getattr(r, k)))
        for k in ("nilai", "pembilang", "penyebut")
    } | {"catatan": r.catatan}


@transaction.atomic
def simpan_triwulan(
    user,
    opd: PerangkatDaerah,
    tahun: int,
    tw: int,
    isian: list[Isian],
    alasan_koreksi: str = "",
) -> int:
    """Simpan realisasi triwulan. Triwulan yang disetujui hanya dapat dikoreksi dengan alasan.

    Hanya baris yang diubah pengguna (sidiknya berbeda dari yang ditampilkan) yang dibaca-kunci dan
    ditulis, dalam satu kueri: menyimpan satu baris dari formulir 200 indikator sama murahnya dengan
    dari formulir 20 indikator."""
    _periksa_cabang(user, opd, [it.indikator for it in isian])
    st = _status_terkunci(opd, tahun, tw)
    if st.status == S.DIAJUKAN:
        raise IsianError(
            {"umum": "Realisasi triwulan ini sedang diajukan; tunggu keputusan Kepala OPD."}
        )
    koreksi = st.status == S.DISETUJUI
    if koreksi and not alasan_koreksi.strip():
        raise IsianError(
            {
                "alasan": "Realisasi triwulan ini sudah disetujui; perubahan harus disertai alasan koreksi."
            }
        )
    from sakip.audit.signals import ingat_asal

    periode = Periode.triwulan(tw)
    # baris yang tidak diubah pengguna tidak disentuh: jangan timpa perubahan orang lain
    diubah = [it for it in isian if it.sidik_awal is None or it.sidik != it.sidik_awal]
    ada = (
        {
            r.indikator_id: r
            for r in Realisasi.objects.select_for_update(of=("self",))
            .select_related("diubah_oleh")
            .filter(indikator__in=[it.indikator for it in diubah], tahun=tahun, periode=periode)
            .order_by(
                "pk"
            )  # urutan kunci yang tetap: dua penyimpanan serentak tidak saling menunggu
        }
        if diubah
        else {}
    )
    n = 0
    konflik: dict[str, str] = {}
    tidak_wajar: dict[str, str] = {}
    pemb: dict[int, list] | None = None
    terkini: dict[int, Realisasi | None] = {}
    for it in diubah:
        existing = ada.get(it.indikator.id)
        if existing is not None:
            existing.indikator = it.indikator  # sudah dimuat: sinyal audit tidak membacanya lagi
            ingat_asal(existing)  # baris terkunci ini nilai lamanya untuk jejak audit
        versi_kini = existing.versi if existing else 0
        if (
            it.versi_awal is not None
            and it.versi_awal != versi_kini
            and it.sidik != sidik_realisasi(existing)
        ):
            konflik[kunci(it.indikator.id, "pembilang" if it.indikator.is_rumus else "nilai")] = (
                _pesan_konflik(it, existing)
            )
            terkini[it.indikator.id] = existing
            continue
        if it.kosong:
            if existing and not koreksi:
                existing.delete()
            continue
        r = existing or Realisasi(indikator=it.indikator, tahun=tahun, periode=periode)
        before = _snapshot(r) if existing else None
        r.nilai, r.pembilang, r.penyebut, r.catatan, r.diubah_oleh = (
            it.nilai,
            it.pembilang,
            it.penyebut,
            it.catatan,
            user,
        )
        after = _snapshot(r)
        if before == after:
            continue
        if pemb is None:
            # pembanding hanya untuk baris yang diubah (bukan seluruh formulir)
            pemb = wajar.pembanding([x.indikator for x in diubah], tahun, tw)
        if _periksa_wajar(it, pemb[it.indikator.id], tidak_wajar):
            continue
        r.save()
        n += 1
        if koreksi and before is not None:
            KoreksiRealisasi.objects.create(
                realisasi=r,
                nilai_lama=before,
                nilai_baru=after,
                alasan=alasan_koreksi.strip(),
                oleh=user,
            )
    if tidak_wajar:
        raise IsianError(tidak_wajar)  # seluruh transaksi batal: tidak ada yang setengah tertulis
    if konflik:
        # pengecualian membatalkan seluruh transaksi: tidak ada yang setengah tertulis
        raise KonflikError(konflik, terkini)
    if koreksi and n:
        st.buka_kembali(oleh=user)  # koreksi sesudah disetujui: harus diajukan lagi
        st.save()
    return n


def _status_terkunci(opd: PerangkatDaerah, tahun: int, tw: int) -> PersetujuanRealisasi:
    """Status triwulan, dibaca-kunci (dibuat bila belum ada): satu kueri bila sudah ada."""
    st = (
        PersetujuanRealisasi.objects.select_for_update()
        .filter(opd=opd, tahun=tahun, triwulan=tw)
        .first()
    )
    if st is None:
        status_triwulan(opd, tahun, tw)
        st = PersetujuanRealisasi.objects.select_for_update().get(opd=opd, tahun=tahun, triwulan=tw)
    st.opd = opd
    return st


def _periksa_wajar(it: Isian, pembanding_ind: list, galat: dict[str, str]) -> bool:
    """Catat masalah kewajaran isian ``it`` ke ``galat``; True bila isian tidak boleh disimpan.
    Nilai yang jauh dari pembandingnya diterima bila pengisi menegaskannya dengan alasan di
    Catatan (tersimpan bersama realisasi, dengan jejak auditnya)."""
    ind = it.indikator
    medan = "pembilang" if ind.is_rumus else "nilai"
    ms = wajar.masalah(ind, it.nilai, it.pembilang, it.penyebut, pembanding_ind)
    keras = [m.pesan for m in ms if not m.konfirmasi]
    if keras:
        galat[kunci(ind.id, medan)] = f"“{ind.nama}”: " + "; ".join(keras) + "."
        return True
    if not ms:
        return False
    if not it.yakin:
        galat[kunci(ind.id, "yakin")] = f"“{ind.nama}”: {ms[0].pesan}. {wajar.PESAN_KONFIRMASI}"
        return True
    if not it.catatan:
        galat[kunci(ind.id, "catatan")] = (
            f"“{ind.nama}”: tulis alasan nilai yang ditegaskan ({ms[0].pesan}) di Catatan."
        )
        return True
    return False


def _pesan_konflik(it: Isian, kini: Realisasi | None) -> str:
    from django.utils import timezone

    anda = teks_realisasi(it.indikator, it.nilai, it.pembilang, it.penyebut)
    if kini is None:
        lain = "dikosongkan oleh pengguna lain"
    else:
        siapa = (
            (kini.diubah_oleh.get_full_name() or kini.diubah_oleh.username)
            if kini.diubah_oleh
            else "pengguna lain"
        )
        waktu = timezone.localtime(kini.diubah_pada).strftime("%d/%m/%Y %H:%M")
        lain = (
            f"diubah oleh {siapa} pada {waktu} menjadi "
            f"{teks_realisasi(it.indikator, kini.nilai, kini.pembilang, kini.penyebut)}"
        )
        if kini.catatan and kini.catatan != it.catatan:
            lain += f" (catatan: “{kini.catatan[:120]}”)"
    return (
        f"“{it.indikator.nama}” sudah {lain} sesudah halaman ini Anda buka. Isian Anda, {anda}, "
        "belum disimpan. Periksa kedua nilai, lalu simpan lagi bila isian Anda yang benar."
    )


def hitung_pratinjau(pembilang: str, penyebut: str) -> str:
    """Persentase untuk pratinjau langsung di formulir (dihitung oleh inti yang sama)."""
    try:
        p, q = parse_angka(pembilang), parse_angka(penyebut)
    except NumberFormatError:
        return "–"
    h = rasio_persen(p, q)
    return format_persen(h.nilai) if h.nilai is not None else h.alasan or "–"


@transaction.atomic
def tambah_bukti(
    user,
    realisasi: Realisasi,
    *,
    berkas=None,
    tautan: str = "",
    ganti: BuktiDukung | None = None,
    alasan: str = "",
) -> BuktiDukung:
    try:
        _periksa_cabang(user, realisasi.indikator.opd, [realisasi.indikator])
    except IsianError:
        raise BuktiError("Anda tidak berwenang menambah bukti dukung indikator ini.") from None
    if ganti is not None and not alasan.strip():
        raise BuktiError("Penggantian bukti dukung harus disertai alasan.")
    if berkas is None and not tautan:
        raise BuktiError("Pilih berkas atau isi tautan bukti dukung.")
    if berkas is not None:
        data = berkas.read()
        jenis = kenali_jenis(data)
        from django.core.files.base import ContentFile

        obj = BuktiDukung(
            realisasi=realisasi,
            nama=(berkas.name or "berkas")[:255],
            jenis=jenis,
            ukuran=len(data),
            diunggah_oleh=user,
        )
        obj.berkas.save(f"bukti.{jenis}", ContentFile(data), save=False)
    else:
        if not tautan.startswith(("http://", "https://")):
            raise BuktiError("Tautan harus diawali http:// atau https://")
        obj = BuktiDukung(
            realisasi=realisasi, tautan=tautan[:200], nama=tautan[:255], diunggah_oleh=user
        )
    obj.save()
    if ganti is not None:
        ganti.diganti_oleh, ganti.alasan_ganti = obj, alasan.strip()
        ganti.save()
    return obj


__all__ = ["to_decimal"]
