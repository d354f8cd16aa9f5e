"""Pengisian realisasi triwulan: membaca isian, memvalidasi, menyimpan dalam satu transaksi,
mengunci triwulan yang disetujui, dan mencatat koreksi setelah persetujuan."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from sakip.core.capaian import rasio_persen
from sakip.core.numbers import (
    NumberFormatError,
    bilangan_id,
    format_persen,
    parse_angka,
    to_decimal,
)
from sakip.core.sidik import sidik as sidik_inti
from sakip.organisations.models import PerangkatDaerah
from sakip.organisations.permissions import cabang_jabatan
from sakip.planning.models import Indikator

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


def indikator_isian(
    opd: PerangkatDaerah, tahun: int, semua_tingkat: bool = False, cabang: set[int] | None = None
) -> list[Indikator]:
    """Indikator yang diisi realisasinya per triwulan, dalam urutan pohon (diurutkan di Python:
    PostgreSQL dan SQLite menaruh NULL di ujung yang berbeda).

    Bawaan: indikator tujuan/sasaran Renstra yang berlaku pada ``tahun``. ``semua_tingkat``: juga
    indikator program, kegiatan dan sub kegiatan. ``cabang`` (himpunan id jabatan, lihat
    :func:`~sakip.organisations.permissions.cabang_jabatan`): hanya indikator yang penanggung
    jawabnya jabatan dalam cabang itu (Pejabat mengisi cabangnya sendiri, di semua tingkat)."""
    from django.db.models import Q

    from .services import urutan_pohon

    q = Q(tujuan__renstra__tahun_awal__lte=tahun, tujuan__renstra__tahun_akhir__gte=tahun) | Q(
        sasaran__tujuan__renstra__tahun_awal__lte=tahun,
        sasaran__tujuan__renstra__tahun_akhir__gte=tahun,
    )
    if semua_tingkat or cabang is not None:
        q |= Q(program__isnull=False) | Q(kegiatan__isnull=False) | Q(sub_kegiatan__isnull=False)
    qs = (
        Indikator.objects.filter(q, opd=opd)
        .distinct()
        .select_related(
            "sasaran__tujuan",
            "tujuan",
            "program",
            "kegiatan__program",
            "sub_kegiatan__kegiatan__program",
        )
    )
    out = sorted(qs, key=urutan_pohon)
    if cabang is not None:
        out = [i for i in out if i.jabatan_efektif_id in cabang]
    return out


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
    mentah: dict = field(default_factory=dict)
    versi_awal: int | None = None  # versi yang dibaca formulir (0 = belum ada); None = tanpa cek
    sidik_awal: str | None = None  # sidik nilai yang ditampilkan; sama = baris tidak diubah

    @property
    def sidik(self) -> str:
        return sidik(self.nilai, self.pembilang, self.penyebut, self.catatan)


def _angka(
    teks: str, label: str, nama: str, galat: dict, key: str, minimum: Decimal | None = None
) -> Decimal | None:
    teks = (teks or "").strip()
    if not teks:
        return None
    try:
        d = parse_angka(teks)
    except NumberFormatError:
        galat[key] = f"{label} “{nama}”: '{teks}' bukan angka (contoh: 1.164 atau 8,33)"
        return None
    if minimum is not None and d < minimum:
        galat[key] = f"{label} “{nama}” tidak boleh negatif"
        return None
    return d


def baca_isian(indikator: list[Indikator], data) -> list[Isian]:
    """Baca isian formulir (nama medan: n-ID, p-ID, q-ID, c-ID; tersembunyi v-ID = versi yang
    dibaca, h-ID = sidik nilai yang ditampilkan). Lempar :class:`IsianError` bila ada yang salah."""
    galat: dict[str, str] = {}
    out = []
    for ind in indikator:
        i = ind.id
        raw = {k: (data.get(f"{k}-{i}") or "") for k in ("n", "p", "q", "c")}
        it = Isian(ind, catatan=raw["c"].strip()[:2000], mentah=raw)
        v = data.get(f"v-{i}")
        if v is not None and str(v).strip() != "":
            if bilangan_id(v) is None:
                galat[f"{'p' if ind.is_rumus else 'n'}-{i}"] = (
                    f"Versi “{ind.nama}” ('{v}') bukan bilangan bulat: formulir rusak; "
                    "muat ulang data lalu isi lagi."
                )
            else:
                it.versi_awal = bilangan_id(v)
        it.sidik_awal = (data.get(f"h-{i}") or "").strip() or None
        if ind.is_rumus:
            it.pembilang = _angka(raw["p"], "Pembilang", ind.nama, galat, f"p-{i}", Decimal(0))
            it.penyebut = _angka(raw["q"], "Penyebut", ind.nama, galat, f"q-{i}", Decimal(0))
            if (
                (it.pembilang is None) != (it.penyebut is None)
                and f"p-{i}" not in galat
                and f"q-{i}" not in galat
            ):
                galat[f"q-{i}" if it.penyebut is None else f"p-{i}"] = (
                    f"“{ind.nama}”: pembilang dan penyebut harus diisi bersama"
                )
            elif it.penyebut == 0:
                galat[f"q-{i}"] = f"Penyebut “{ind.nama}” tidak boleh nol"
            it.kosong = it.pembilang is None and it.penyebut is None
        else:
            it.nilai = _angka(raw["n"], "Realisasi", ind.nama, galat, f"n-{i}")
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
    user, opd: PerangkatDaerah, tahun: int, tw: int, isian: list[Isian], alasan_koreksi: str = ""
) -> int:
    """Simpan realisasi triwulan. Triwulan yang disetujui hanya dapat dikoreksi dengan alasan."""
    _periksa_cabang(user, opd, [it.indikator for it in isian])
    st = PersetujuanRealisasi.objects.select_for_update().get(pk=status_triwulan(opd, tahun, tw).pk)
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
    periode = Periode.triwulan(tw)
    n = 0
    konflik: dict[str, str] = {}
    terkini: dict[int, Realisasi | None] = {}
    for it in isian:
        existing = (
            Realisasi.objects.select_for_update(of=("self",))
            .select_related("diubah_oleh")
            .filter(indikator=it.indikator, tahun=tahun, periode=periode)
            .first()
        )
        if it.sidik_awal is not None and it.sidik == it.sidik_awal:
            continue  # baris ini tidak diubah pengguna: jangan timpa perubahan orang lain
        versi_kini = existing.versi if existing else 0
        if (
            it.versi_awal is not None
            and it.versi_awal != versi_kini
            and it.sidik != sidik_realisasi(existing)
        ):
            konflik[f"{'p' if it.indikator.is_rumus else 'n'}-{it.indikator.id}"] = _pesan_konflik(
                it, existing
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
    if konflik:
        # pengecualian membatalkan seluruh transaksi: tidak ada yang setengah tertulis
        raise KonflikError(konflik, terkini)
    if koreksi and n:
        st.buka_kembali(oleh=user)  # koreksi sesudah disetujui: harus diajukan lagi
        st.save()
    return n


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
