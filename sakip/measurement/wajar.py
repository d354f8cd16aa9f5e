"""Kewajaran realisasi yang diisi (halaman isian, buku kerja OPD, API): aturan inti
:mod:`sakip.core.wajar` dengan rentang indikator (:class:`~sakip.planning.models_wajar.RentangWajar`),
dibandingkan dengan target tahun itu (PK terbaru, atau Renstra) dan realisasi periode sebelumnya."""

from __future__ import annotations

from decimal import Decimal

from sakip.core import wajar
from sakip.core.aggregation import ROMAWI
from sakip.planning.models import Indikator, PKIndikator, TargetIndikator

from .models import Realisasi

PESAN_KONFIRMASI = "Bila nilai ini benar, centang «Nilai ini benar» dan tulis alasannya di Catatan."


def pembanding(indikator: list[Indikator], tahun: int, tw: int) -> dict[int, list]:
    """Setiap indikator → [(label, nilai)]: target tahun itu, lalu realisasi periode sebelumnya
    (triwulan sebelumnya, atau realisasi tahunan/TW IV tahun lalu untuk TW I); 3 kueri."""
    ids = [i.pk for i in indikator]
    target: dict[int, tuple[int, Decimal]] = {}
    for it in PKIndikator.objects.filter(
        indikator_id__in=ids, perjanjian__tahun=tahun, perjanjian__jabatan__isnull=True
    ).values_list("indikator_id", "perjanjian__versi", "target"):
        if it[0] not in target or it[1] > target[it[0]][0]:
            target[it[0]] = (it[1], it[2])
    renstra = dict(
        TargetIndikator.objects.filter(indikator_id__in=ids, tahun=tahun).values_list(
            "indikator_id", "nilai"
        )
    )
    if tw > 1:
        lalu_label, lalu_q = f"realisasi TW {ROMAWI[tw - 1]}", {"tahun": tahun}
        periode = [f"tw{tw - 1}"]
    else:
        lalu_label, lalu_q = f"realisasi {tahun - 1}", {"tahun": tahun - 1}
        periode = ["tahunan", "tw4"]
    lalu: dict[int, Decimal] = {}
    per_id = {i.pk: i for i in indikator}
    for r in Realisasi.objects.filter(indikator_id__in=ids, periode__in=periode, **lalu_q).order_by(
        "periode"  # "tahunan" sebelum "tw4"
    ):
        v = _nilai(per_id[r.indikator_id], r.nilai, r.pembilang, r.penyebut)
        if v is not None and r.indikator_id not in lalu:
            lalu[r.indikator_id] = v
    return {
        i.pk: [
            (f"target {tahun}", target[i.pk][1] if i.pk in target else renstra.get(i.pk)),
            (lalu_label, lalu.get(i.pk)),
        ]
        for i in indikator
    }


def _nilai(ind: Indikator, nilai, pembilang, penyebut) -> Decimal | None:
    if ind.is_rumus:
        if pembilang is None or not penyebut:
            return None
        return Decimal(pembilang) / Decimal(penyebut) * ind.pengali
    return None if nilai is None else Decimal(nilai)


def masalah(ind: Indikator, nilai, pembilang, penyebut, pembanding_ind) -> list[wajar.Masalah]:
    """Masalah kewajaran satu isian. Nilai indikator rumus diturunkan dari hitungannya; rentang
    bilangan bulat hanya untuk nilai yang diketik."""
    v = _nilai(ind, nilai, pembilang, penyebut)
    if v is None:
        return []
    r = ind.rentang_wajar()
    if ind.is_rumus:
        r = wajar.Rentang(r.bawah, r.atas, False)
    return wajar.periksa(v, r, ind.satuan, pembanding_ind)
