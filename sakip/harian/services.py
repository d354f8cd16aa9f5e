"""Kerja harian: apa yang harus dikerjakan setiap peran sekarang, pengingat tenggat, pemberitahuan
langkah alur, surel, dan peringatan dini IKU.

Jumlah kueri beranda tetap: setiap bagian dihitung dengan kueri agregat atas semua OPD/Pemda
pengguna sekaligus, tidak per OPD atau per butir.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from sakip.core.aggregation import ROMAWI, Agregasi
from sakip.core.proyeksi import METODE, Proyeksi, proyeksi_akhir_tahun
from sakip.evaluation.models import Evaluasi
from sakip.measurement.models import PersetujuanRealisasi, Realisasi
from sakip.measurement.services import pengukuran_banyak
from sakip.organisations.models import Keanggotaan, Pemda, Peran, PerangkatDaerah
from sakip.planning.models import PerjanjianKinerja, RencanaAksi, TahunKinerja
from sakip.reporting.models import PersetujuanLkjip
from sakip.review.models import JalannyaReviu, TemuanReviu
from sakip.workflow.models import StatusAlur

from .kalender import TRIWULAN_TENGGAT, ButirKalender, bawaan, kalender
from .models import JenisTenggat, Notifikasi, PilihanPengguna, Tenggat

log = logging.getLogger(__name__)
S = StatusAlur
J = JenisTenggat
PERAN_OPD = (Peran.OPERATOR_OPD, Peran.KEPALA_OPD)
PERAN_PEMDA = (Peran.ADMIN_PEMDA, Peran.INSPEKTORAT)


def triwulan_berjalan(hari_ini: dt.date) -> int:
    return (hari_ini.month - 1) // 3 + 1


# --- peringatan dini ----------------------------------------------------------------------------


@dataclass
class PeringatanIku:
    opd: PerangkatDaerah
    indikator: object
    proyeksi: Proyeksi
    satuan: str


def peringatan_dini(
    opds: list[PerangkatDaerah], tahun: int, baris: dict | None = None
) -> dict[int, list[PeringatanIku]]:
    """Proyeksi akhir tahun setiap IKU (``sakip.core.proyeksi``) per OPD; kueri tetap.

    Rencana: target triwulan Rencana Aksi dari PK terbaru (versi terbesar) OPD itu. Indikator rumus
    kumulatif memakai persentase per triwulan dirata-rata (rasio jumlah tidak dapat diproyeksikan
    tanpa rencana pembilang dan penyebut)."""
    if not opds:
        return {}
    if (
        baris is None
    ):  # {opd_id: [BarisPengukuran IKU]} yang sudah dihitung pemanggil, atau dihitung
        baris = pengukuran_banyak(opds, tahun, hanya_iku=True)
    versi = {
        r["opd_id"]: r["v"]
        for r in PerjanjianKinerja.objects.filter(opd__in=opds, tahun=tahun, jabatan__isnull=True)
        .values("opd_id")
        .annotate(v=Max("versi"))
    }
    rencana: dict[tuple[int, int], dict[int, object]] = defaultdict(dict)
    for ra in RencanaAksi.objects.filter(
        pk_indikator__perjanjian__opd__in=opds,
        pk_indikator__perjanjian__tahun=tahun,
        pk_indikator__perjanjian__jabatan__isnull=True,
    ).values(
        "pk_indikator__perjanjian__opd_id",
        "pk_indikator__perjanjian__versi",
        "pk_indikator__indikator_id",
        "triwulan",
        "target",
    ):
        opd_id = ra["pk_indikator__perjanjian__opd_id"]
        if ra["pk_indikator__perjanjian__versi"] == versi.get(opd_id):
            rencana[(opd_id, ra["pk_indikator__indikator_id"])][ra["triwulan"]] = ra["target"]
    hasil: dict[int, list[PeringatanIku]] = {}
    for o in opds:
        pemda = o.pemda
        daftar = []
        for b in baris.get(o.id, []):
            ind = b.indikator
            cara = Agregasi(ind.agregasi)
            if ind.is_rumus and cara is Agregasi.KUMULATIF:
                cara = Agregasi.RATA_RATA
            target = None
            if b.target is not None:
                target = (b.target.bawah, b.target.atas) if b.target.is_range else b.target.bawah
            p = proyeksi_akhir_tahun(
                b.triwulan,
                rencana.get((o.id, ind.id), {}),
                target,
                cara,
                ind.polaritas,
                pemda.metode_turun,
                pemda.batas_capaian_maks,
            )
            if p.pasti and b.realisasi is not None:
                # tahun lengkap: nilai tahunan sebenarnya (indikator rumus: rasio jumlah)
                p = replace(p, nilai=b.realisasi, capaian=b.capaian)
            elif p.nilai is None and b.realisasi is not None and not p.terisi:
                # hanya realisasi tahunan (mis. data dari laporan tahunan): tidak ada yang
                # diproyeksikan, nilainya nilai tahun itu
                p = Proyeksi(nilai=b.realisasi, capaian=b.capaian, alasan="realisasi tahunan")
            if p.nilai is not None:
                daftar.append(PeringatanIku(o, ind, p, ind.satuan))
        hasil[o.id] = daftar
    return hasil


# --- beranda per peran --------------------------------------------------------------------------


@dataclass
class Butir:
    """Satu hal yang harus dikerjakan, dengan tautan ke halaman yang mengerjakannya."""

    judul: str
    keterangan: str = ""
    tautan: str = ""
    tingkat: str = ""  # "", "peringatan", "bahaya"


@dataclass
class Bagian:
    judul: str
    butir: list[Butir] = field(default_factory=list)
    kosong: str = "Tidak ada."


@dataclass
class Beranda:
    peran: list[str]
    bagian: list[Bagian]
    entri: Butir | None = None  # tombol satu klik Operator: isian triwulan ini
    tenggat: list[tuple[ButirKalender, int]] = field(default_factory=list)


def _tahun_terakhir(opd_ids, hari_ini: dt.date) -> dict[int, int]:
    return {
        r["opd_id"]: r["t"]
        for r in TahunKinerja.objects.filter(opd_id__in=opd_ids, tahun__lte=hari_ini.year)
        .values("opd_id")
        .annotate(t=Max("tahun"))
    }


def _tw_entri(tahun: int, hari_ini: dt.date) -> int:
    """Triwulan yang sedang diisi: triwulan lalu sampai tenggat laporannya (bawaan tanggal 10
    bulan berikutnya), sesudah itu triwulan berjalan; tahun yang sudah lewat: TW IV."""
    if tahun != hari_ini.year:
        return 4
    tw = triwulan_berjalan(hari_ini)
    if tw > 1 and hari_ini <= bawaan(tahun)[f"realisasi_tw{tw - 1}"]:
        return tw - 1
    return tw


def _alur_opd(opd_ids, tahun_opd: dict[int, int]):
    """Status alur (realisasi per triwulan, PK terbaru, LKjIP) OPD-OPD pada tahunnya; 3 kueri."""
    realisasi = [
        p
        for p in PersetujuanRealisasi.objects.filter(opd_id__in=opd_ids).select_related("opd")
        if tahun_opd.get(p.opd_id) == p.tahun
    ]
    pk_terbaru = {}
    for p in (
        PerjanjianKinerja.objects.filter(opd_id__in=opd_ids, jabatan__isnull=True)
        .select_related("opd")
        .order_by("versi")
    ):
        if tahun_opd.get(p.opd_id) == p.tahun:
            pk_terbaru[p.opd_id] = p
    lkjip = [
        p
        for p in PersetujuanLkjip.objects.filter(opd_id__in=opd_ids).select_related("opd")
        if tahun_opd.get(p.opd_id) == p.tahun
    ]
    return realisasi, list(pk_terbaru.values()), lkjip


def _tautan_alur(obj) -> str:
    if isinstance(obj, PersetujuanRealisasi):
        return reverse("web:realisasi", args=[obj.opd.slug, obj.tahun, obj.triwulan])
    if isinstance(obj, PerjanjianKinerja):
        return reverse("web:renstra", args=[obj.opd.slug, obj.tahun])
    if isinstance(obj, Evaluasi):
        return reverse("web:evaluasi", args=[obj.opd.slug, obj.tahun])
    if isinstance(obj, PersetujuanLkjip):
        return reverse("web:opd_tahun", args=[obj.opd.slug, obj.tahun])
    opd = getattr(obj, "opd", None)
    if opd is not None:
        return reverse("web:opd_tahun", args=[opd.slug, obj.tahun])
    if isinstance(getattr(obj, "pemda", None), Pemda):
        return reverse("web:rpjmd", args=[obj.pemda.slug, timezone.localdate().year])
    return ""


def nama_alur(obj) -> str:
    if isinstance(obj, PersetujuanRealisasi):
        return f"Realisasi TW {ROMAWI[obj.triwulan]} {obj.tahun} — {obj.opd.nama}"
    if isinstance(obj, PerjanjianKinerja):
        return f"Perjanjian Kinerja {obj.tahun} — {obj.opd.nama}"
    if isinstance(obj, PersetujuanLkjip):
        return f"LKjIP {obj.tahun} — {obj.opd.nama}"
    if isinstance(obj, Evaluasi):
        return f"Evaluasi AKIP {obj.tahun} — {obj.opd.nama}"
    return str(obj)


def _tenggat_pemda(pemda_ids, hari_ini: dt.date, n: int = 4) -> list[tuple[ButirKalender, int]]:
    """Tenggat terdekat yang belum lewat (Pemda pertama pengguna); 1 kueri."""
    if not pemda_ids:
        return []
    pemda_id = sorted(pemda_ids)[0]
    tahun = [hari_ini.year - 1, hari_ini.year]
    tersimpan = list(Tenggat.objects.filter(pemda_id=pemda_id, tahun__in=tahun))
    butir = [b for b in kalender(pemda_id, tahun, tersimpan) if b.tanggal >= hari_ini]
    return [(b, b.sisa_hari(hari_ini)) for b in butir[:n]]


def beranda(user, hari_ini: dt.date | None = None) -> Beranda:
    """Apa yang harus dikerjakan pengguna sekarang, per perannya."""
    hari_ini = hari_ini or timezone.localdate()
    anggota = list(
        Keanggotaan.objects.filter(user=user).select_related("opd__pemda", "pemda", "jabatan")
    )
    peran = sorted({m.get_peran_display() for m in anggota})
    if user.is_superuser:
        peran.insert(0, "Administrator")
    bagian: list[Bagian] = []
    entri = None
    opd_peran = defaultdict(set)
    for m in anggota:
        if m.peran in PERAN_OPD and m.opd_id:
            opd_peran[m.peran].add(m.opd_id)
    pemda_peran = defaultdict(set)
    for m in anggota:
        if m.peran in PERAN_PEMDA:
            pemda_peran[m.peran].add(m.pemda_id)
    pemda_ids = {m.pemda_id for m in anggota}
    opd_ids = opd_peran[Peran.OPERATOR_OPD] | opd_peran[Peran.KEPALA_OPD]
    opd_by_id = {m.opd_id: m.opd for m in anggota if m.opd_id}
    tahun_opd = _tahun_terakhir(opd_ids, hari_ini) if opd_ids else {}
    if opd_ids:
        realisasi, pk, lkjip = _alur_opd(opd_ids, tahun_opd)
        semua_alur = realisasi + pk + lkjip
    if opd_peran[Peran.OPERATOR_OPD]:
        ids = opd_peran[Peran.OPERATOR_OPD]
        isian = Bagian("Isian triwulan ini", kosong="Semua indikator sudah terisi.")
        kosong = _indikator_kosong(
            {i: tahun_opd[i] for i in ids if i in tahun_opd}, hari_ini, opd_by_id
        )
        for opd_id in sorted(ids):
            if opd_id not in tahun_opd:
                continue
            opd, tahun = opd_by_id[opd_id], tahun_opd[opd_id]
            tw = _tw_entri(tahun, hari_ini)
            tautan = reverse("web:realisasi", args=[opd.slug, tahun, tw])
            nama = kosong.get(opd_id, [])
            if entri is None:
                entri = Butir(f"Isi realisasi TW {ROMAWI[tw]} {tahun}", opd.nama, tautan)
            if nama:
                isian.butir.append(
                    Butir(
                        f"TW {ROMAWI[tw]} {tahun}: {len(nama)} indikator belum diisi",
                        "; ".join(nama[:5]) + (" …" if len(nama) > 5 else ""),
                        tautan,
                        "peringatan",
                    )
                )
        bagian.append(isian)
        kembali = Bagian("Dikembalikan kepada Anda", kosong="Tidak ada yang dikembalikan.")
        for obj in semua_alur:
            if obj.opd_id in ids and obj.status == S.DIKEMBALIKAN:
                kembali.butir.append(
                    Butir(nama_alur(obj), f"Alasan: {obj.alasan}", _tautan_alur(obj), "bahaya")
                )
        bagian.append(kembali)
    if opd_peran[Peran.KEPALA_OPD]:
        ids = opd_peran[Peran.KEPALA_OPD]
        tunggu = Bagian("Menunggu persetujuan Anda", kosong="Tidak ada yang menunggu.")
        for obj in semua_alur:
            if obj.opd_id in ids and obj.status == S.DIAJUKAN:
                tunggu.butir.append(
                    Butir(nama_alur(obj), _diajukan(obj), _tautan_alur(obj), "peringatan")
                )
        bagian.append(tunggu)
        bagian.append(_bagian_risiko([opd_by_id[i] for i in ids], tahun_opd))
    pejabat = [m for m in anggota if m.peran == Peran.PEJABAT and m.opd_id and m.jabatan_id]
    if pejabat:
        butir_entri, bagian_pejabat = _bagian_pejabat(pejabat, hari_ini)
        entri = entri or butir_entri
        bagian.extend(bagian_pejabat)
    for pemda_id in sorted(pemda_peran[Peran.ADMIN_PEMDA]):
        bagian.extend(_bagian_admin(pemda_id, hari_ini))
    for pemda_id in sorted(pemda_peran[Peran.INSPEKTORAT]):
        bagian.extend(_bagian_inspektorat(pemda_id))
    return Beranda(peran, bagian, entri, _tenggat_pemda(pemda_ids, hari_ini))


def _diajukan(obj) -> str:
    if obj.diajukan_pada:
        siapa = obj.diajukan_oleh.username if obj.diajukan_oleh_id else "sistem"
        return f"diajukan {siapa} pada {timezone.localtime(obj.diajukan_pada):%d/%m/%Y %H:%M}"
    return "diajukan"


def _indikator_kosong(tahun_opd: dict[int, int], hari_ini, opd_by_id) -> dict[int, list[str]]:
    """Nama IKU yang realisasi triwulan entrinya (dan realisasi tahunannya) belum diisi; 2 kueri."""
    from sakip.planning.models import Indikator

    if not tahun_opd:
        return {}
    indikator = list(
        Indikator.objects.filter(opd_id__in=list(tahun_opd))
        .filter(iku=True)
        .only("id", "opd_id", "nama", "urutan")
        .order_by("opd_id", "urutan", "id")
    )
    terisi = set(
        Realisasi.objects.filter(indikator__in=indikator)
        .exclude(nilai__isnull=True, pembilang__isnull=True)
        .values_list("indikator_id", "tahun", "periode")
    )
    hasil = defaultdict(list)
    for ind in indikator:
        tahun = tahun_opd[ind.opd_id]
        tw = _tw_entri(tahun, hari_ini)
        if (ind.id, tahun, f"tw{tw}") not in terisi and (ind.id, tahun, "tahunan") not in terisi:
            hasil[ind.opd_id].append(ind.nama)
    return hasil


def _bagian_pejabat(anggota, hari_ini: dt.date) -> tuple[Butir | None, list[Bagian]]:
    """Kepala Bidang/Seksi: indikator cabang jabatannya yang belum diisi triwulan ini, dan PK
    jenjangnya; 5 kueri berapa pun jabatannya."""
    from sakip.organisations.models import Jabatan
    from sakip.planning.models import Indikator

    opd_ids = {m.opd_id for m in anggota}
    opd_by_id = {m.opd_id: m.opd for m in anggota}
    tahun_opd = _tahun_terakhir(opd_ids, hari_ini)
    atasan = dict(Jabatan.objects.filter(opd_id__in=opd_ids).values_list("pk", "atasan_id"))
    bawahan: dict[int | None, list[int]] = defaultdict(list)
    for pk, up in atasan.items():
        bawahan[up].append(pk)
    cabang: dict[int, set[int]] = defaultdict(set)  # opd → jabatan cabang semua pejabatnya
    for m in anggota:
        antre = [m.jabatan_id]
        while antre:
            j = antre.pop()
            if j not in cabang[m.opd_id]:
                cabang[m.opd_id].add(j)
                antre.extend(bawahan.get(j, []))
    indikator = [
        i
        for i in Indikator.objects.filter(opd_id__in=list(tahun_opd))
        .exclude(program__isnull=True, kegiatan__isnull=True, sub_kegiatan__isnull=True)
        .select_related("program", "kegiatan__program", "sub_kegiatan__kegiatan__program")
        .order_by("opd_id", "urutan", "id")
        if i.jabatan_efektif_id in cabang[i.opd_id]
    ]
    terisi = set(
        Realisasi.objects.filter(indikator__in=[i.pk for i in indikator])
        .exclude(nilai__isnull=True, pembilang__isnull=True)
        .values_list("indikator_id", "tahun", "periode")
    )
    entri = None
    isian = Bagian(
        "Isian triwulan ini (cabang jabatan Anda)", kosong="Semua indikator sudah terisi."
    )
    for opd_id in sorted(tahun_opd):
        opd, tahun = opd_by_id[opd_id], tahun_opd[opd_id]
        tw = _tw_entri(tahun, hari_ini)
        tautan = reverse("web:realisasi", args=[opd.slug, tahun, tw])
        milik = [i for i in indikator if i.opd_id == opd_id]
        if entri is None and milik:
            entri = Butir(f"Isi realisasi TW {ROMAWI[tw]} {tahun}", opd.nama, tautan)
        nama = [
            i.nama
            for i in milik
            if (i.pk, tahun, f"tw{tw}") not in terisi and (i.pk, tahun, "tahunan") not in terisi
        ]
        if nama:
            isian.butir.append(
                Butir(
                    f"TW {ROMAWI[tw]} {tahun}: {len(nama)} indikator belum diisi",
                    "; ".join(nama[:5]) + (" …" if len(nama) > 5 else ""),
                    tautan,
                    "peringatan",
                )
            )
    pk = Bagian("Perjanjian Kinerja jenjang Anda", kosong="")
    terbaru = {}
    for p in PerjanjianKinerja.objects.filter(
        jabatan_id__in=[m.jabatan_id for m in anggota]
    ).order_by("versi"):
        if tahun_opd.get(p.opd_id) == p.tahun:
            terbaru[p.jabatan_id] = p
    for m in anggota:
        if m.opd_id not in tahun_opd:
            continue
        tahun = tahun_opd[m.opd_id]
        tautan = reverse("web:jabatan", args=[m.opd.slug, tahun])
        p = terbaru.get(m.jabatan_id)
        if p is None:
            pk.butir.append(
                Butir(f"PK {m.jabatan.nama} {tahun} belum dibuat", m.opd.nama, tautan, "peringatan")
            )
        else:
            tingkat = "bahaya" if p.status == S.DIKEMBALIKAN else ""
            keterangan = p.get_status_display()
            if p.status == S.DIKEMBALIKAN and p.alasan:
                keterangan += f" — alasan: {p.alasan}"
            pk.butir.append(
                Butir(f"PK {m.jabatan.nama} {tahun} (versi {p.versi})", keterangan, tautan, tingkat)
            )
    return entri, [isian, pk]


def _bagian_risiko(opds, tahun_opd) -> Bagian:
    risiko = Bagian(
        "IKU berisiko tidak mencapai target (proyeksi akhir tahun)",
        kosong="Tidak ada IKU yang diproyeksikan di bawah target.",
    )
    per_tahun = defaultdict(list)
    for o in opds:
        if o.id in tahun_opd:
            per_tahun[tahun_opd[o.id]].append(o)
    for tahun, daftar in sorted(per_tahun.items()):
        for items in peringatan_dini(daftar, tahun).values():
            for p in items:
                if p.proyeksi.berisiko:
                    o = p.opd
                    risiko.butir.append(
                        Butir(
                            f"{p.indikator.nama} ({o.singkatan or o.nama} {tahun})",
                            (
                                f"capaian akhir tahun {p.proyeksi.capaian.teks()} (tahun lengkap)"
                                if p.proyeksi.pasti
                                else f"proyeksi capaian {p.proyeksi.capaian.teks()}"
                            ),
                            reverse("web:opd_tahun", args=[o.slug, tahun]) + "#peringatan-dini",
                            "bahaya",
                        )
                    )
    return risiko


def _bagian_admin(pemda_id: int, hari_ini: dt.date) -> list[Bagian]:
    """OPD terlambat per tenggat yang sudah lewat (tahun berjalan dan sebelumnya) dan kemajuan Pemda."""
    pemda = Pemda.objects.get(pk=pemda_id)
    opds = list(PerangkatDaerah.objects.filter(pemda_id=pemda_id).order_by("nama"))
    tahun_opd = _tahun_terakhir([o.id for o in opds], hari_ini)
    tahun = max(tahun_opd.values(), default=hari_ini.year)
    realisasi_ok = set(
        PersetujuanRealisasi.objects.filter(
            opd__pemda_id=pemda_id, tahun=tahun, status=S.DISETUJUI
        ).values_list("opd_id", "triwulan")
    )
    pk_ok = set(
        PerjanjianKinerja.objects.filter(
            opd__pemda_id=pemda_id, tahun=tahun, jabatan__isnull=True, status=S.DISETUJUI
        ).values_list("opd_id", flat=True)
    )
    lkjip_ok = set(
        PersetujuanLkjip.objects.filter(
            opd__pemda_id=pemda_id, tahun=tahun, status__in=[S.DIAJUKAN, S.DISETUJUI]
        ).values_list("opd_id", flat=True)
    )
    kal = kalender(pemda_id, [tahun])
    dengan_data = [o for o in opds if tahun_opd.get(o.id) == tahun]
    telat = Bagian(f"OPD terlambat — {pemda.nama} {tahun}", kosong="Tidak ada OPD yang terlambat.")
    kemajuan = Bagian(f"Kemajuan {pemda.nama} {tahun}")
    for b in kal:
        if b.jenis in TRIWULAN_TENGGAT:
            tw = TRIWULAN_TENGGAT[b.jenis]
            belum = [o for o in dengan_data if (o.id, tw) not in realisasi_ok]
        elif b.jenis == J.PK:
            belum = [o for o in dengan_data if o.id not in pk_ok]
        elif b.jenis == J.LKJIP:
            belum = [o for o in dengan_data if o.id not in lkjip_ok]
        else:
            continue
        selesai = len(dengan_data) - len(belum)
        kemajuan.butir.append(
            Butir(
                f"{b.label}: {selesai} dari {len(dengan_data)} OPD",
                f"tenggat {b.tanggal:%d/%m/%Y}",
                reverse("web:dasbor_pemda", args=[pemda.slug, tahun]),
            )
        )
        if b.tanggal < hari_ini and belum:
            telat.butir.append(
                Butir(
                    f"{b.label} (tenggat {b.tanggal:%d/%m/%Y}): {len(belum)} OPD",
                    ", ".join(o.singkatan or o.nama for o in belum[:8])
                    + (" …" if len(belum) > 8 else ""),
                    reverse("web:dasbor_pemda", args=[pemda.slug, tahun]),
                    "bahaya",
                )
            )
    return [telat, kemajuan]


def _bagian_inspektorat(pemda_id: int) -> list[Bagian]:
    masuk = Bagian("LKjIP masuk untuk direviu", kosong="Tidak ada LKjIP yang menunggu reviu.")
    sudah = set(JalannyaReviu.objects.filter(opd__pemda_id=pemda_id).values_list("opd_id", "tahun"))
    for p in PersetujuanLkjip.objects.filter(
        opd__pemda_id=pemda_id, status=S.DIAJUKAN
    ).select_related("opd", "diajukan_oleh"):
        masuk.butir.append(
            Butir(
                nama_alur(p),
                _diajukan(p) + ("" if (p.opd_id, p.tahun) in sudah else " · belum direviu"),
                reverse("web:reviu", args=[p.opd.slug, p.tahun]),
                "peringatan",
            )
        )
    temuan = Bagian("Temuan reviu terbuka", kosong="Tidak ada temuan terbuka.")
    hitung = defaultdict(int)
    contoh = {}
    for t in TemuanReviu.objects.filter(
        opd__pemda_id=pemda_id, status=TemuanReviu.Status.TERBUKA
    ).select_related("opd"):
        hitung[(t.opd, t.tahun)] += 1
        contoh.setdefault((t.opd, t.tahun), t.judul)
    for (opd, tahun), n in sorted(hitung.items(), key=lambda kv: (kv[0][0].nama, kv[0][1])):
        temuan.butir.append(
            Butir(
                f"{opd.nama} {tahun}: {n} temuan terbuka",
                contoh[(opd, tahun)],
                reverse("web:reviu", args=[opd.slug, tahun]),
            )
        )
    evaluasi = Bagian("Evaluasi AKIP yang harus diselesaikan", kosong="Tidak ada.")
    for e in (
        Evaluasi.objects.filter(opd__pemda_id=pemda_id)
        .exclude(status=S.DISETUJUI)
        .select_related("opd")
    ):
        evaluasi.butir.append(
            Butir(
                nama_alur(e),
                f"status {e.get_status_display().lower()}",
                reverse("web:evaluasi", args=[e.opd.slug, e.tahun]),
            )
        )
    return [masuk, temuan, evaluasi]


# --- pemberitahuan ------------------------------------------------------------------------------


def beritahu(users, kunci: str, judul: str, isi: str = "", tautan: str = "") -> int:
    """Satu pemberitahuan per pengguna untuk peristiwa ``kunci``; yang sudah pernah dibuat tidak
    dibuat lagi (batasan unik pengguna+kunci). Surel menunggu pekerja (:func:`kirim_surel`)."""
    users = [u for u in users if u is not None and u.is_active]
    if not users:
        return 0
    mati = set(
        PilihanPengguna.objects.filter(user__in=users, surel=False).values_list(
            "user_id", flat=True
        )
    )
    baru = [
        Notifikasi(
            user=u,
            kunci=kunci[:200],
            judul=judul[:200],
            isi=isi,
            tautan=tautan[:300],
            surel=Notifikasi.Surel.TIDAK
            if (u.pk in mati or not u.email)
            else Notifikasi.Surel.MENUNGGU,
        )
        for u in users
    ]
    sebelum = Notifikasi.objects.filter(kunci=kunci[:200], user__in=users).count()
    Notifikasi.objects.bulk_create(baru, ignore_conflicts=True)
    return Notifikasi.objects.filter(kunci=kunci[:200], user__in=users).count() - sebelum


def _pemegang(pemda_id: int, opd_id: int | None, peran) -> list:
    qs = Keanggotaan.objects.filter(peran__in=peran, pemda_id=pemda_id).select_related("user")
    if opd_id is not None:
        qs = qs.filter(opd_id=opd_id)
    return list({m.user_id: m.user for m in qs}.values())


def pada_langkah_alur(alur, obj, aksi: str, user) -> None:
    """Pemberitahuan sesudah langkah alur (dipanggil di dalam transaksi langkah itu)."""
    opd = alur.opd(obj)
    if not isinstance(opd, PerangkatDaerah):
        return  # alur tingkat Pemda (RPJMD): tidak ada penerima OPD
    nama = nama_alur(obj)
    tautan = _tautan_alur(obj)
    waktu = int(timezone.now().timestamp() * 1000)
    kunci = f"alur:{obj._meta.label_lower}:{obj.pk}:{aksi}:{waktu}"
    if aksi == "ajukan":
        peran = set()
        for lk in alur.langkah:
            if lk.aksi in ("setujui", "kembalikan"):
                peran.update(lk.peran)
        penerima = [
            u
            for u in _pemegang(opd.pemda_id, None, list(peran))
            if u.pk != user.pk and (_memegang(u, opd))
        ]
        beritahu(penerima, kunci, f"Menunggu persetujuan Anda: {nama}", _diajukan(obj), tautan)
    elif aksi in ("kembalikan", "setujui"):
        penerima = [obj.diajukan_oleh] if obj.diajukan_oleh_id else []
        penerima += _pemegang(opd.pemda_id, opd.pk, [Peran.OPERATOR_OPD])
        penerima = [u for u in {u.pk: u for u in penerima}.values() if u.pk != user.pk]
        if aksi == "kembalikan":
            beritahu(penerima, kunci, f"Dikembalikan: {nama}", f"Alasan: {obj.alasan}", tautan)
        else:
            beritahu(penerima, kunci, f"Disetujui: {nama}", "", tautan)


def _memegang(u, opd) -> bool:
    from sakip.organisations.permissions import memegang_peran

    return memegang_peran(u, opd, (Peran.KEPALA_OPD, Peran.ADMIN_PEMDA, Peran.INSPEKTORAT))


def hari_pengingat() -> int:
    return int(getattr(settings, "SAKIP_PENGINGAT_HARI", 7))


def buat_pengingat(hari_ini: dt.date | None = None) -> int:
    """Pengingat tenggat yang jatuh dalam ``SAKIP_PENGINGAT_HARI`` hari (bawaan 7) bagi yang belum
    menyelesaikannya; sekali per pengguna per peristiwa. Mengembalikan jumlah pemberitahuan baru."""
    hari_ini = hari_ini or timezone.localdate()
    batas = hari_ini + dt.timedelta(days=hari_pengingat())
    tahun_list = [hari_ini.year - 2, hari_ini.year - 1, hari_ini.year]
    jumlah = 0
    tersimpan = list(Tenggat.objects.filter(tahun__in=tahun_list))
    for pemda in Pemda.objects.order_by("id"):
        butir = [
            b for b in kalender(pemda.id, tahun_list, tersimpan) if hari_ini <= b.tanggal <= batas
        ]
        if not butir:
            continue
        opds = {o.id: o for o in PerangkatDaerah.objects.filter(pemda=pemda)}
        ada_tahun = set(
            TahunKinerja.objects.filter(opd__pemda=pemda, tahun__in=tahun_list).values_list(
                "opd_id", "tahun"
            )
        )
        anggota = list(Keanggotaan.objects.filter(pemda=pemda).select_related("user"))
        for b in butir:
            sisa = b.sisa_hari(hari_ini)
            kapan = "hari ini" if sisa == 0 else f"{sisa} hari lagi"
            judul = f"Tenggat {b.label} {b.tahun}: {b.tanggal:%d/%m/%Y} ({kapan})"
            selesai = _selesai(pemda, b)
            if b.jenis in (J.REVIU, J.EVALUASI, J.LKJIP_PEMDA):
                peran = Peran.ADMIN_PEMDA if b.jenis == J.LKJIP_PEMDA else Peran.INSPEKTORAT
                belum = [opds[o] for (o, t) in ada_tahun if t == b.tahun and o not in selesai]
                if b.jenis != J.LKJIP_PEMDA and not belum:
                    continue
                users = [m.user for m in anggota if m.peran == peran]
                isi = (
                    "Belum selesai: " + ", ".join(sorted(o.singkatan or o.nama for o in belum))
                    if belum
                    else ""
                )
                jumlah += beritahu(
                    users,
                    f"tenggat:{pemda.id}:{b.tahun}:{b.jenis}",
                    judul,
                    isi,
                    reverse("web:beranda"),
                )
                continue
            for opd_id, opd in opds.items():
                if (opd_id, b.tahun) not in ada_tahun or opd_id in selesai:
                    continue
                users = [m.user for m in anggota if m.opd_id == opd_id and m.peran in PERAN_OPD]
                jumlah += beritahu(
                    users,
                    f"tenggat:{pemda.id}:{b.tahun}:{b.jenis}:{opd_id}",
                    judul,
                    f"{opd.nama}: belum selesai.",
                    _tautan_tenggat(opd, b),
                )
    return jumlah


def _tautan_tenggat(opd, b: ButirKalender) -> str:
    if b.jenis in TRIWULAN_TENGGAT:
        return reverse("web:realisasi", args=[opd.slug, b.tahun, TRIWULAN_TENGGAT[b.jenis]])
    if b.jenis == J.PK:
        return reverse("web:renstra", args=[opd.slug, b.tahun])
    return reverse("web:opd_tahun", args=[opd.slug, b.tahun])


def _selesai(pemda, b: ButirKalender) -> set[int]:
    """OPD yang sudah menyelesaikan kegiatan tenggat ``b``."""
    qs_opd = {"opd__pemda": pemda, "tahun": b.tahun}
    if b.jenis in TRIWULAN_TENGGAT:
        return set(
            PersetujuanRealisasi.objects.filter(
                **qs_opd, triwulan=TRIWULAN_TENGGAT[b.jenis], status__in=[S.DIAJUKAN, S.DISETUJUI]
            ).values_list("opd_id", flat=True)
        )
    if b.jenis == J.PK:
        return set(
            PerjanjianKinerja.objects.filter(
                **qs_opd, jabatan__isnull=True, status__in=[S.DIAJUKAN, S.DISETUJUI]
            ).values_list("opd_id", flat=True)
        )
    if b.jenis in (J.LKJIP, J.LKJIP_PEMDA):
        return set(
            PersetujuanLkjip.objects.filter(
                **qs_opd, status__in=[S.DIAJUKAN, S.DISETUJUI]
            ).values_list("opd_id", flat=True)
        )
    if b.jenis == J.REVIU:
        return set(JalannyaReviu.objects.filter(**qs_opd).values_list("opd_id", flat=True))
    if b.jenis == J.EVALUASI:
        return set(
            Evaluasi.objects.filter(**qs_opd, status=S.DISETUJUI).values_list("opd_id", flat=True)
        )
    return set()


def kirim_surel() -> int:
    """Kirim surel setiap pemberitahuan yang menunggu; tiap baris diklaim dulu (dikunci, dilewati
    pekerja lain), jadi tidak terkirim dua kali. Mengembalikan jumlah yang terkirim."""
    from django.core.mail import send_mail

    terkirim = 0
    while True:
        with transaction.atomic():
            qs = Notifikasi.objects.filter(surel=Notifikasi.Surel.MENUNGGU).select_related("user")
            if transaction.get_connection().features.has_select_for_update_skip_locked:
                qs = qs.select_for_update(skip_locked=True, of=("self",))
            batch = list(qs.order_by("id")[:50])
            if not batch:
                return terkirim
            for n in batch:
                try:
                    send_mail(
                        f"[sakip] {n.judul}",
                        _badan_surel(n),
                        settings.DEFAULT_FROM_EMAIL,
                        [n.user.email],
                    )
                except Exception as exc:  # SMTP mati, alamat ditolak: dicatat, tidak diulang terus
                    log.warning("surel pemberitahuan %s gagal: %s", n.pk, exc)
                    n.surel = Notifikasi.Surel.GAGAL
                else:
                    n.surel = Notifikasi.Surel.TERKIRIM
                    terkirim += 1
                n.surel_pada = timezone.now()
                n.save(update_fields=["surel", "surel_pada"])


def _badan_surel(n: Notifikasi) -> str:
    dasar = getattr(settings, "SAKIP_ALAMAT_SITUS", "").rstrip("/")
    baris = [n.judul, ""]
    if n.isi:
        baris += [n.isi, ""]
    if n.tautan:
        baris += [f"Buka: {dasar}{n.tautan}", ""]
    baris += [
        "—",
        "Surel ini dikirim otomatis oleh sakip. Matikan surel pemberitahuan di halaman "
        "Pemberitahuan aplikasi.",
    ]
    return "\n".join(baris)


__all__ = [
    "METODE",
    "beranda",
    "beritahu",
    "buat_pengingat",
    "kirim_surel",
    "pada_langkah_alur",
    "peringatan_dini",
]
