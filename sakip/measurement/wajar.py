"""Kewajaran realisasi yang diisi (halaman isian, buku kerja OPD, API): aturan inti
:mod:`sakip.core.wajar` dengan rentang indikator (:class:`~sakip.planning.models_wajar.RentangWajar`),
dibandingkan dengan target tahun itu (PK terbaru, atau Renstra) dan realisasi periode sebelumnya."""

from __future__ import annotations

from decimal import Decimal

from sakip.core import wajar
from sakip.core.aggregation import ROMAWI, Agregasi
from sakip.core.wajar import JenisSatuan, jenis_satuan
from sakip.planning.models import Indikator, PKIndikator, TargetIndikator

from .models import Realisasi

PESAN_KONFIRMASI = "Bila nilai ini benar, centang «Nilai ini benar» dan tulis alasannya di Catatan."


def pembanding(indikator: list[Indikator], tahun: int, tw: int) -> dict[int, list]:
    """Setiap indikator → [(label, nilai)]: target triwulan itu (Rencana Aksi PK terbaru), atau
    target tahun itu (PK terbaru, atau Renstra) — seperempatnya untuk indikator kumulatif, yang
    triwulannya dijumlahkan —, lalu realisasi periode sebelumnya (triwulan sebelumnya, atau
    realisasi tahunan/TW IV tahun lalu untuk TW I); 3 kueri ringan (tanpa objek model)."""
    from django.db.models import OuterRef, Subquery

    from sakip.planning.models import RencanaAksi

    ids = [i.pk for i in indikator]
    target: dict[int, tuple[int, Decimal, Decimal | None]] = {}
    # PK terbaru beserta target triwulannya (Rencana Aksi) dalam satu kueri, tanpa objek model
    ra_tw = RencanaAksi.objects.filter(pk_indikator=OuterRef("pk"), triwulan=tw).values("target")
    for ind_id, versi, tgt, ra in (
        PKIndikator.objects.filter(
            indikator_id__in=ids, perjanjian__tahun=tahun, perjanjian__jabatan__isnull=True
        )
        .annotate(ra=Subquery(ra_tw[:1]))
        .values_list("indikator_id", "perjanjian__versi", "target", "ra")
        .order_by()
    ):
        if ind_id not in target or versi > target[ind_id][0]:
            target[ind_id] = (versi, tgt, ra)
    renstra = dict(
        TargetIndikator.objects.filter(indikator_id__in=ids, tahun=tahun)
        .values_list("indikator_id", "nilai")
        .order_by()
    )
    if tw > 1:
        lalu_label, lalu_q = f"realisasi TW {ROMAWI[tw - 1]}", {"tahun": tahun}
        periode = [f"tw{tw - 1}"]
    else:
        lalu_label, lalu_q = f"realisasi {tahun - 1}", {"tahun": tahun - 1}
        periode = ["tahunan", "tw4"]
    lalu: dict[int, Decimal] = {}
    per_id = {i.pk: i for i in indikator}
    for ind_id, nilai, pembilang, penyebut in (
        Realisasi.objects.filter(indikator_id__in=ids, periode__in=periode, **lalu_q)
        .order_by("periode")  # "tahunan" sebelum "tw4"
        .values_list("indikator_id", "nilai", "pembilang", "penyebut")
    ):
        v = _nilai(per_id[ind_id], nilai, pembilang, penyebut)
        if v is not None and ind_id not in lalu:
            lalu[ind_id] = v

    def sasaran(i: Indikator) -> tuple[str, Decimal | None]:
        t = target.get(i.pk)
        if t is not None and t[2] is not None:
            return f"target TW {ROMAWI[tw]}", t[2]
        tahunan = t[1] if t is not None else renstra.get(i.pk)
        if tahunan is None or tw == 4:
            return f"target {tahun}", tahunan
        if i.agregasi == Agregasi.KUMULATIF:  # triwulan dijumlahkan: satu triwulan ≈ ¼ target
            return f"seperempat target {tahun}", tahunan / 4
        if i.agregasi == Agregasi.TERAKHIR and jenis_satuan(i.satuan) == JenisSatuan.CACAH:
            # cacah sampai dengan triwulan ini (nilai TW IV = setahun): target sebanding
            return f"target {tahun} sampai TW {ROMAWI[tw]}", tahunan * tw / 4
        return f"target {tahun}", tahunan

    return {i.pk: [sasaran(i), (lalu_label, lalu.get(i.pk))] for i in indikator}


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
