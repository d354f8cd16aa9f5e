"""Pemberitahuan di aplikasi: sekali per pengguna per peristiwa, sesudah langkah alur dan
beberapa hari sebelum tenggat kalender Pemda (surelnya dikirim :mod:`.surel`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from sakip.evaluation.models import Evaluasi
from sakip.measurement.models import PersetujuanRealisasi
from sakip.organisations.models import Keanggotaan, Pemda, Peran, PerangkatDaerah
from sakip.planning.models import PerjanjianKinerja, TahunKinerja
from sakip.reporting.models import PersetujuanLkjip
from sakip.review.models import JalannyaReviu
from sakip.tautan import ke as tautan_ke
from sakip.workflow.models import StatusAlur

from .alur import PERAN_OPD, keterangan_diajukan, nama_alur, tautan_alur
from .kalender import TRIWULAN_TENGGAT, ButirKalender, kalender
from .models import JenisTenggat, Notifikasi, PilihanPengguna, Tenggat

S = StatusAlur
J = JenisTenggat


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
    tautan = tautan_alur(obj)
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
        beritahu(
            penerima, kunci, f"Menunggu persetujuan Anda: {nama}", keterangan_diajukan(obj), tautan
        )
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
                    tautan_ke("beranda"),
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
        return tautan_ke("realisasi", slug=opd.slug, tahun=b.tahun, tw=TRIWULAN_TENGGAT[b.jenis])
    if b.jenis == J.PK:
        return tautan_ke("renstra", slug=opd.slug, tahun=b.tahun)
    return tautan_ke("opd_tahun", slug=opd.slug, tahun=b.tahun)


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
