"""Pengukuran kinerja: target, realisasi, capaian dan predikat per indikator untuk satu tahun."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from sakip.core.aggregation import Agregasi, HasilAgregasi, agregasi, agregasi_rasio
from sakip.core.capaian import HasilCapaian, Polaritas, Target, hitung_capaian
from sakip.core.predikat import Kategori
from sakip.organisations.models import PerangkatDaerah
from sakip.planning.models import Indikator, PKIndikator, TargetIndikator

from .models import Periode, Realisasi


@dataclass
class BarisPengukuran:
    indikator: Indikator
    target: Target | None
    sumber_target: str  # "PK Perubahan", "PK", "Renstra" atau ""
    realisasi: Decimal | None
    pembilang: Decimal | None
    penyebut: Decimal | None
    triwulan: dict[int, Decimal | None]
    capaian: HasilCapaian
    predikat: Kategori | None
    catatan: str = ""


def nilai_realisasi_tahunan(
    ind: Indikator, rows: list[Realisasi]
) -> tuple[Decimal | None, Decimal | None, Decimal | None, dict, str]:
    """Realisasi tahunan: baris 'tahunan' bila ada, bila tidak agregasi triwulan."""
    by_period = {r.periode: r for r in rows}
    tw = {n: by_period.get(Periode.triwulan(n)) for n in (1, 2, 3, 4)}
    tw_values = {n: (r.nilai_efektif if r else None) for n, r in tw.items()}
    annual = by_period.get(Periode.TAHUNAN)
    if annual is not None:
        return annual.nilai_efektif, annual.pembilang, annual.penyebut, tw_values, annual.catatan
    if not any(r for r in tw.values()):
        return None, None, None, tw_values, ""
    cara = Agregasi(ind.agregasi)
    if ind.is_rumus and all(r is None or r.pembilang is not None for r in tw.values()):
        p, q, rasio = agregasi_rasio(
            {n: (r.pembilang if r else None) for n, r in tw.items()},
            {n: (r.penyebut if r else None) for n, r in tw.items()},
            cara,
        )
        value = None if rasio.nilai is None else rasio.nilai * ind.pengali / Decimal(100)
        return value, p.nilai, q.nilai, tw_values, "diagregasi dari triwulan"
    hasil: HasilAgregasi = agregasi(tw_values, cara)
    return hasil.nilai, None, None, tw_values, "diagregasi dari triwulan"


def target_tahun(
    ind: Indikator, tahun: int, pk_items: list[PKIndikator], targets: list[TargetIndikator]
) -> tuple[Target | None, str]:
    """Target yang berlaku: PK versi terakhir, bila tidak ada target Renstra/rencana tahunan."""
    items = [p for p in pk_items if p.perjanjian.tahun == tahun]
    if items:
        latest = max(items, key=lambda p: p.perjanjian.versi)
        return latest.as_target, "PK" if latest.perjanjian.versi == 1 else "PK Perubahan"
    for t in targets:
        if t.tahun == tahun:
            return t.as_target, "Renstra" if ind.tingkat in (
                "tujuan",
                "sasaran",
            ) else "Rencana tahunan"
    return None, ""


def urutan_pohon(ind: Indikator) -> tuple:
    """Urutan indikator mengikuti pohon Renstra lalu kode nomenklatur."""
    if ind.tujuan is not None:
        return (0, ind.tujuan.urutan, ind.tujuan_id, -1, 0, ind.urutan, ind.id)
    if ind.sasaran is not None:
        s = ind.sasaran
        return (0, s.tujuan.urutan, s.tujuan_id, s.urutan, s.id, ind.urutan, ind.id)
    owner = ind.program or ind.kegiatan or ind.sub_kegiatan
    kode = getattr(owner, "kode", "") or ""
    if ind.sub_kegiatan is not None and not kode:
        kode = ind.sub_kegiatan.kegiatan.kode + ".~"
    return (1, kode, 0, 0, 0, ind.urutan, ind.id)


SATUAN_PERSEN = {"%", "persen", "persentase"}


def realisasi_turunan(ind: Indikator, turunan: list[Indikator]) -> list[Realisasi]:
    """Realisasi indikator yang tidak diisi sendiri, dijumlahkan per periode dari indikator
    turunannya yang sama (``indikator_induk``): pembilang dan penyebut dijumlahkan untuk indikator
    rumus; nilai dijumlahkan untuk indikator hitungan bersatuan sama. Persentase tanpa hitungan
    mentah tidak dijumlahkan (hasilnya tidak bermakna). Baris yang dikembalikan tidak disimpan."""
    if not turunan:
        return []
    per: dict[str, list[Realisasi]] = {}
    for t in turunan:
        pra: Any = t  # _realisasi: diisi prefetch (to_attr) oleh pemanggil
        for r in pra._realisasi:
            per.setdefault(r.periode, []).append(r)
    out = []
    for periode, rows in per.items():
        catatan = f"dijumlahkan dari {len(rows)} indikator turunan"
        if ind.is_rumus:
            if all(r.pembilang is not None for r in rows):
                out.append(
                    Realisasi(
                        indikator=ind,
                        tahun=rows[0].tahun,
                        periode=periode,
                        pembilang=sum((r.pembilang or Decimal(0) for r in rows), Decimal(0)),
                        penyebut=sum((r.penyebut or Decimal(0) for r in rows), Decimal(0)),
                        catatan=catatan,
                    )
                )
        elif ind.satuan.strip().lower() not in SATUAN_PERSEN and all(
            r.indikator.satuan.strip().lower() == ind.satuan.strip().lower()
            and r.nilai_efektif is not None
            for r in rows
        ):
            out.append(
                Realisasi(
                    indikator=ind,
                    tahun=rows[0].tahun,
                    periode=periode,
                    nilai=sum((r.nilai_efektif or Decimal(0) for r in rows), Decimal(0)),
                    catatan=catatan,
                )
            )
    return out


def _baris(ind: Indikator, tahun: int, pemda, skala, skala_turun) -> BarisPengukuran | None:
    """Satu baris pengukuran dari data yang sudah di-prefetch; ``None`` bila tanpa target dan realisasi."""
    pra: Any = ind  # _pk, _target, _realisasi, _turunan: diisi prefetch (to_attr) oleh pemanggil
    target, sumber = target_tahun(ind, tahun, pra._pk, pra._target)
    sendiri = pra._realisasi
    rows = sendiri or realisasi_turunan(ind, getattr(ind, "_turunan", []))
    value, p, q, tw, catatan = nilai_realisasi_tahunan(ind, rows)
    if rows and not sendiri:
        catatan = rows[0].catatan
    if target is None and value is None:
        return None
    hasil = hitung_capaian(
        target, value, ind.polaritas, pemda.metode_turun, pemda.batas_capaian_maks
    )
    pred = (skala_turun if ind.polaritas == Polaritas.TURUN else skala).predikat(hasil.nilai)
    return BarisPengukuran(ind, target, sumber, value, p, q, tw, hasil, pred, catatan)


def _dengan_data_tahun(qs, tahun: int):
    """Indikator beserta pemiliknya, realisasi, target dan butir PK ``tahun`` (jumlah kueri tetap).

    Prefetch memakai .order_by() kosong: urutan bawaan model (lewat indikator → OPD → Pemda) hanya
    menambah JOIN; urutan tampilan ditentukan urutan_pohon di Python."""
    return qs.select_related(
        "tujuan", "sasaran__tujuan", "program", "kegiatan", "sub_kegiatan__kegiatan"
    ).prefetch_related(
        Prefetch(
            "realisasi",
            queryset=Realisasi.objects.filter(tahun=tahun).order_by(),
            to_attr="_realisasi",
        ),
        Prefetch(
            "target",
            queryset=TargetIndikator.objects.filter(tahun=tahun).order_by(),
            to_attr="_target",
        ),
        Prefetch(
            "pk_item",
            queryset=PKIndikator.objects.filter(perjanjian__tahun=tahun)
            .order_by()
            .select_related("perjanjian"),
            to_attr="_pk",
        ),
        Prefetch(
            "turunan",
            queryset=Indikator.objects.order_by().prefetch_related(
                Prefetch(
                    "realisasi",
                    queryset=Realisasi.objects.filter(tahun=tahun).order_by(),
                    to_attr="_realisasi",
                )
            ),
            to_attr="_turunan",
        ),
    )


def pengukuran_banyak(
    opds: list[PerangkatDaerah], tahun: int, hanya_iku: bool = True
) -> dict[int, list[BarisPengukuran]]:
    """Pengukuran banyak OPD sekaligus dengan jumlah kueri tetap (untuk dasbor Pemda)."""
    out: dict[int, list[BarisPengukuran]] = {o.id: [] for o in opds}
    by_id = {o.id: o for o in opds}
    qs = Indikator.objects.filter(opd__in=opds)
    if hanya_iku:
        qs = qs.filter(iku=True)
    qs = _dengan_data_tahun(qs, tahun)
    scales: dict[int, tuple] = {}
    for ind in sorted(qs, key=urutan_pohon):
        opd = by_id[ind.opd_id]
        pemda = opd.pemda
        if pemda.id not in scales:
            scales[pemda.id] = (pemda.skala(), pemda.skala(turun=True))
        b = _baris(ind, tahun, pemda, *scales[pemda.id])
        if b is not None:
            out[ind.opd_id].append(b)
    return out


def pengukuran(opd: PerangkatDaerah, tahun: int, indikator_qs=None) -> list[BarisPengukuran]:
    """Pengukuran semua indikator OPD yang punya target atau realisasi pada ``tahun``.

    Jumlah kueri tetap, tidak bertambah dengan jumlah indikator.
    """
    pemda = opd.pemda
    qs = indikator_qs if indikator_qs is not None else Indikator.objects.filter(opd=opd)
    qs = _dengan_data_tahun(qs, tahun).order_by("urutan", "id")
    skala, skala_turun = pemda.skala(), pemda.skala(turun=True)
    rows = [_baris(ind, tahun, pemda, skala, skala_turun) for ind in sorted(qs, key=urutan_pohon)]
    return [b for b in rows if b is not None]
