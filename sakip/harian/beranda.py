"""Beranda per peran: apa yang harus dikerjakan pengguna sekarang.

Jumlah kueri beranda tetap: setiap bagian dihitung dengan kueri agregat atas semua OPD/Pemda
pengguna sekaligus, tidak per OPD atau per butir.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, Q
from django.utils import timezone

from sakip.core.aggregation import ROMAWI
from sakip.evaluation.models import Evaluasi
from sakip.measurement.entry import q_isian
from sakip.measurement.models import PersetujuanRealisasi, Realisasi
from sakip.organisations.models import Keanggotaan, Pemda, Peran, PerangkatDaerah
from sakip.organisations.permissions import PERAN_PEMDA
from sakip.planning.models import PerjanjianKinerja, TahunKinerja
from sakip.reporting.models import PersetujuanLkjip
from sakip.review.models import JalannyaReviu
from sakip.review.services import q_terbuka
from sakip.tautan import ke as tautan_ke
from sakip.workflow.models import StatusAlur

from .alur import PERAN_OPD, keterangan_diajukan, nama_alur, tautan_alur
from .kalender import TRIWULAN_TENGGAT, ButirKalender, bawaan, kalender
from .models import JenisTenggat, Tenggat
from .peringatan import peringatan_dini, triwulan_berjalan

S = StatusAlur
J = JenisTenggat


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
    catatan: str = ""  # siapa melakukan langkah berikutnya, bila bukan pembaca


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
            tautan = tautan_ke("realisasi", slug=opd.slug, tahun=tahun, tw=tw)
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
                    Butir(nama_alur(obj), f"Alasan: {obj.alasan}", tautan_alur(obj), "bahaya")
                )
        bagian.append(kembali)
    if opd_peran[Peran.KEPALA_OPD]:
        ids = opd_peran[Peran.KEPALA_OPD]
        tunggu = Bagian("Menunggu persetujuan Anda", kosong="Tidak ada yang menunggu.")
        for obj in semua_alur:
            if obj.opd_id in ids and obj.status == S.DIAJUKAN:
                tunggu.butir.append(
                    Butir(nama_alur(obj), keterangan_diajukan(obj), tautan_alur(obj), "peringatan")
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


def _q_isian(tahun_opd: dict[int, int], semua_tingkat: bool = False) -> Q:
    """Indikator yang diisi per triwulan setiap OPD pada tahunnya: aturan halaman isian
    (:func:`sakip.measurement.entry.q_isian`), untuk banyak OPD dalam satu kueri."""
    q = Q(pk__in=[])
    for opd_id, tahun in tahun_opd.items():
        q |= Q(opd_id=opd_id) & q_isian(tahun, semua_tingkat)
    return q


def _kosong_triwulan(indikator, tahun_opd: dict[int, int], hari_ini) -> dict[int, list[str]]:
    """Nama indikator yang realisasi triwulan entrinya belum diisi — triwulan yang ditautkan,
    seperti halaman isian menampilkannya (realisasi tahunan bukan isian triwulan); 1 kueri."""
    terisi = set(
        Realisasi.objects.filter(indikator__in=[i.pk for i in indikator])
        .exclude(nilai__isnull=True, pembilang__isnull=True)
        .values_list("indikator_id", "tahun", "periode")
    )
    hasil = defaultdict(list)
    for ind in indikator:
        tahun = tahun_opd[ind.opd_id]
        if (ind.id, tahun, f"tw{_tw_entri(tahun, hari_ini)}") not in terisi:
            hasil[ind.opd_id].append(ind.nama)
    return hasil


def _indikator_kosong(tahun_opd: dict[int, int], hari_ini, opd_by_id) -> dict[int, list[str]]:
    """Nama indikator isian (tujuan/sasaran Renstra tahun itu) yang realisasi triwulan entrinya
    belum diisi; 2 kueri."""
    from sakip.planning.models import Indikator

    if not tahun_opd:
        return {}
    indikator = list(
        Indikator.objects.filter(_q_isian(tahun_opd))
        .distinct()
        .only("id", "opd_id", "nama", "urutan")
        .order_by("opd_id", "urutan", "id")
    )
    return _kosong_triwulan(indikator, tahun_opd, hari_ini)


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
        for i in Indikator.objects.filter(_q_isian(tahun_opd, semua_tingkat=True))
        .distinct()
        .select_related("program", "kegiatan__program", "sub_kegiatan__kegiatan__program")
        .order_by("opd_id", "urutan", "id")
        if i.jabatan_efektif_id in cabang[i.opd_id]
    ]
    kosong = _kosong_triwulan(indikator, tahun_opd, hari_ini)
    entri = None
    isian = Bagian(
        "Isian triwulan ini (cabang jabatan Anda)",
        kosong="Semua indikator sudah terisi.",
        catatan="Anda mengisi realisasi cabang Anda; Operator OPD mengajukan realisasi triwulan "
        "seluruh OPD kepada Kepala OPD.",
    )
    for opd_id in sorted(tahun_opd):
        opd, tahun = opd_by_id[opd_id], tahun_opd[opd_id]
        tw = _tw_entri(tahun, hari_ini)
        tautan = tautan_ke("realisasi", slug=opd.slug, tahun=tahun, tw=tw)
        milik = [i for i in indikator if i.opd_id == opd_id]
        if entri is None and milik:
            entri = Butir(f"Isi realisasi TW {ROMAWI[tw]} {tahun}", opd.nama, tautan)
        nama = kosong.get(opd_id, [])
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
        tautan = tautan_ke("jabatan", slug=m.opd.slug, tahun=tahun)
        p = terbaru.get(m.jabatan_id)
        if p is None:
            pk.butir.append(
                Butir(
                    f"PK {m.jabatan.nama} {tahun} belum dibuat",
                    f"Disusun Operator OPD {m.opd.singkatan or m.opd.nama} di halaman Jabatan "
                    "(atau saat Buka tahun); Anda pihak pertamanya.",
                    tautan,
                    "peringatan",
                )
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
                            tautan_ke("opd_tahun", slug=o.slug, tahun=tahun) + "#peringatan-dini",
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
                tautan_ke("dasbor_pemda", slug=pemda.slug, tahun=tahun),
            )
        )
        if b.tanggal < hari_ini and belum:
            telat.butir.append(
                Butir(
                    f"{b.label} (tenggat {b.tanggal:%d/%m/%Y}): {len(belum)} OPD",
                    ", ".join(o.singkatan or o.nama for o in belum[:8])
                    + (" …" if len(belum) > 8 else ""),
                    tautan_ke("dasbor_pemda", slug=pemda.slug, tahun=tahun),
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
                keterangan_diajukan(p)
                + ("" if (p.opd_id, p.tahun) in sudah else " · belum direviu"),
                tautan_ke("reviu", slug=p.opd.slug, tahun=p.tahun),
                "peringatan",
            )
        )
    temuan = Bagian("Temuan reviu terbuka", kosong="Tidak ada temuan terbuka.")
    hitung = defaultdict(int)
    contoh = {}
    for t in q_terbuka(opd__pemda_id=pemda_id).select_related("opd"):
        hitung[(t.opd, t.tahun)] += 1
        contoh.setdefault((t.opd, t.tahun), t.judul)
    for (opd, tahun), n in sorted(hitung.items(), key=lambda kv: (kv[0][0].nama, kv[0][1])):
        temuan.butir.append(
            Butir(
                f"{opd.nama} {tahun}: {n} temuan terbuka",
                contoh[(opd, tahun)],
                tautan_ke("reviu", slug=opd.slug, tahun=tahun),
            )
        )
    evaluasi = Bagian("Evaluasi AKIP yang harus diselesaikan", kosong="Tidak ada.")
    for e in (
        Evaluasi.objects.filter(pemda_id=pemda_id)
        .exclude(status=S.DISETUJUI)
        .select_related("opd", "pemda")
    ):
        evaluasi.butir.append(
            Butir(nama_alur(e), f"status {e.get_status_display().lower()}", tautan_alur(e))
        )
    return [masuk, temuan, evaluasi]
