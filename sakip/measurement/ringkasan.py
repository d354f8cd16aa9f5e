"""Ringkasan capaian tersimpan dan peringkat yang dihitung basis data.

Alur:

1. Setiap penyimpanan/penghapusan data yang memengaruhi capaian (realisasi, target, PK, indikator,
   pengaturan Pemda) menandai OPD-tahun itu kedaluwarsa (:class:`CapaianKedaluwarsa`) di
   transaksi yang sama: penanda ikut ter-commit atau ikut batal bersama datanya.
2. Sebelum membaca peringkat, :func:`segarkan` menghitung ulang OPD-tahun yang kedaluwarsa dengan
   :func:`~sakip.measurement.services.pengukuran_banyak` (inti perhitungan yang sama dengan halaman
   dan dokumen), lalu menyimpannya ke :class:`RingkasanCapaian`.
3. :func:`peringkat_opd` dan :func:`peringkat_pemda` menghitung rata-rata, jumlah tercapai dan
   peringkat dengan SQL (GROUP BY, ``RANK() OVER (PARTITION BY …)``), bukan perulangan Python.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Avg, Count
from django.db.models.signals import post_delete, post_save

from sakip.organisations.models import PerangkatDaerah

from .models import CapaianKedaluwarsa, Realisasi, RingkasanCapaian, RingkasanOpd

SEMUA_TAHUN = 0
TABEL = RingkasanCapaian._meta.db_table  # nama tetap dari model, bukan dari masukan pengguna
TABEL_OPD = RingkasanOpd._meta.db_table
Q12 = Decimal("0.000000000001")


def tandai(opd_id: int | None, tahun: int = SEMUA_TAHUN) -> None:
    """Tandai ringkasan OPD-tahun kedaluwarsa (dalam transaksi pemanggil)."""
    if opd_id:
        # satu pernyataan INSERT … ON CONFLICT DO NOTHING, baik penandanya sudah ada maupun belum
        CapaianKedaluwarsa.objects.bulk_create(
            [CapaianKedaluwarsa(opd_id=opd_id, tahun=tahun)], ignore_conflicts=True
        )


def _opd_indikator(instance, attr: str = "indikator") -> int | None:
    from sakip.planning.models import Indikator

    field = type(instance)._meta.get_field(attr)
    if field.is_cached(instance):
        return getattr(instance, attr).opd_id
    return (
        Indikator.objects.filter(pk=getattr(instance, f"{attr}_id"))
        .values_list("opd_id", flat=True)
        .first()
    )


def _pada_realisasi_atau_target(sender, instance, raw=False, **kwargs):
    if not raw:
        tandai(_opd_indikator(instance), instance.tahun)


def _pada_pk_indikator(sender, instance, raw=False, **kwargs):
    from sakip.planning.models import PerjanjianKinerja

    if raw:
        return
    pk = (
        PerjanjianKinerja.objects.filter(pk=instance.perjanjian_id)
        .values("opd_id", "tahun")
        .first()
    )
    if pk:
        tandai(pk["opd_id"], pk["tahun"])


def _pada_pk(sender, instance, raw=False, **kwargs):
    if not raw:
        tandai(instance.opd_id, instance.tahun)


def _pada_indikator(sender, instance, raw=False, **kwargs):
    if not raw:
        tandai(instance.opd_id)


def _pada_pemda(sender, instance, raw=False, created=False, **kwargs):
    if raw or created:
        return
    for opd_id in PerangkatDaerah.objects.filter(pemda=instance).values_list("id", flat=True):
        tandai(opd_id)


def hubungkan_sinyal() -> None:
    from sakip.organisations.models import Pemda
    from sakip.planning.models import Indikator, PerjanjianKinerja, PKIndikator, TargetIndikator

    for model in (Realisasi, TargetIndikator):
        post_save.connect(_pada_realisasi_atau_target, sender=model, dispatch_uid=f"rk-{model}")
        post_delete.connect(_pada_realisasi_atau_target, sender=model, dispatch_uid=f"rkd-{model}")
    post_save.connect(_pada_pk_indikator, sender=PKIndikator, dispatch_uid="rk-pki")
    post_delete.connect(_pada_pk_indikator, sender=PKIndikator, dispatch_uid="rkd-pki")
    post_save.connect(_pada_pk, sender=PerjanjianKinerja, dispatch_uid="rk-pk")
    post_delete.connect(_pada_pk, sender=PerjanjianKinerja, dispatch_uid="rkd-pk")
    post_save.connect(_pada_indikator, sender=Indikator, dispatch_uid="rk-ind")
    post_save.connect(_pada_pemda, sender=Pemda, dispatch_uid="rk-pemda")


def _tahun_data(opd_ids: Iterable[int]) -> dict[int, set[int]]:
    """Tahun yang punya target, realisasi atau PK, per OPD."""
    from sakip.planning.models import PerjanjianKinerja, TargetIndikator

    out: dict[int, set[int]] = defaultdict(set)
    ids = list(opd_ids)
    for model, opd_field in (
        (Realisasi, "indikator__opd_id"),
        (TargetIndikator, "indikator__opd_id"),
        (PerjanjianKinerja, "opd_id"),
    ):
        for opd_id, tahun in (
            model.objects.filter(**{f"{opd_field}__in": ids})
            .values_list(opd_field, "tahun")
            .distinct()
        ):
            out[opd_id].add(tahun)
    return out


def hitung_ulang(pasangan: Iterable[tuple[int, int]], batch: int = 200) -> int:
    """Hitung ulang ringkasan untuk pasangan (opd_id, tahun); tahun 0 = semua tahun berdata.
    Mengembalikan jumlah baris ringkasan yang ditulis."""
    from .services import pengukuran_banyak

    per_opd: dict[int, set[int]] = defaultdict(set)
    for opd_id, tahun in pasangan:
        per_opd[opd_id].add(tahun)
    semua = [o for o, ys in per_opd.items() if SEMUA_TAHUN in ys]
    if semua:
        for opd_id, ys in _tahun_data(semua).items():
            per_opd[opd_id] |= ys
        # tahun yang tidak lagi berdata pun dibersihkan
        for opd_id, tahun in (
            RingkasanCapaian.objects.filter(opd_id__in=semua)
            .values_list("opd_id", "tahun")
            .distinct()
        ):
            per_opd[opd_id].add(tahun)
    per_tahun: dict[int, list[int]] = defaultdict(list)
    for opd_id, ys in per_opd.items():
        for y in ys - {SEMUA_TAHUN}:
            per_tahun[y].append(opd_id)
    n = 0
    for tahun, opd_ids in sorted(per_tahun.items()):
        opd_ids.sort()
        for i in range(0, len(opd_ids), batch):
            chunk = list(
                PerangkatDaerah.objects.filter(id__in=opd_ids[i : i + batch]).select_related(
                    "pemda"
                )
            )
            ukur = pengukuran_banyak(chunk, tahun, hanya_iku=False)
            rows = [
                RingkasanCapaian(
                    indikator_id=b.indikator.id,
                    opd_id=o.id,
                    pemda_id=o.pemda_id,
                    tahun=tahun,
                    iku=b.indikator.iku,
                    target=b.target.bawah if b.target else None,
                    realisasi=b.realisasi,
                    capaian=b.capaian.nilai,
                    predikat=b.predikat.label if b.predikat else "",
                )
                for o in chunk
                for b in ukur[o.id]
            ]
            ids = [o.id for o in chunk]
            RingkasanCapaian.objects.filter(opd_id__in=ids, tahun=tahun).delete()
            RingkasanCapaian.objects.bulk_create(rows, batch_size=2000)
            RingkasanOpd.objects.filter(opd_id__in=ids, tahun=tahun).delete()
            RingkasanOpd.objects.bulk_create(ringkas_per_opd(rows), batch_size=2000)
            n += len(rows)
    return n


def ringkas_per_opd(rows: list[RingkasanCapaian]) -> list[RingkasanOpd]:
    """Baris per OPD-tahun dari baris per indikator: dua kelompok, IKU saja dan semua indikator.
    Sama dengan GROUP BY atas baris-baris itu (jumlah, terukur, tercapai, belum, rata-rata)."""
    kelompok: dict[tuple[int, int, int, bool], list[RingkasanCapaian]] = defaultdict(list)
    for r in rows:
        kelompok[(r.opd_id, r.pemda_id, r.tahun, False)].append(r)
        if r.iku:
            kelompok[(r.opd_id, r.pemda_id, r.tahun, True)].append(r)
    out = []
    for (opd_id, pemda_id, tahun, iku), rs in kelompok.items():
        nilai = [Decimal(r.capaian).quantize(Q12) for r in rs if r.capaian is not None]
        total = sum(nilai, Decimal(0)) if nilai else None
        out.append(
            RingkasanOpd(
                opd_id=opd_id,
                pemda_id=pemda_id,
                tahun=tahun,
                iku=iku,
                jumlah=len(rs),
                terukur=len(nilai),
                tercapai=sum(1 for v in nilai if v >= 100),
                belum=sum(1 for r in rs if r.realisasi is None),
                total_capaian=total,
                rata=(total / len(nilai)).quantize(Q12) if nilai else None,
            )
        )
    return out


def segarkan(opd_ids: Iterable[int] | None = None) -> int:
    """Hitung ulang OPD-tahun yang kedaluwarsa (seluruhnya, atau hanya ``opd_ids``)."""
    qs = CapaianKedaluwarsa.objects.all()
    if opd_ids is not None:
        qs = qs.filter(opd_id__in=list(opd_ids))
    if not qs.exists():
        return 0
    with transaction.atomic():
        penanda = list(qs.select_for_update().values_list("pk", "opd_id", "tahun"))
        if not penanda:
            return 0
        n = hitung_ulang((o, t) for _, o, t in penanda)
        CapaianKedaluwarsa.objects.filter(pk__in=[p for p, _, _ in penanda]).delete()
    return n


def desimal(x) -> Decimal | None:
    """Hasil AVG dari basis data sebagai Decimal: PostgreSQL memberi numeric (tepat), SQLite
    memberi float; float dibulatkan ke 6 desimal agar galat biner (±1e-13) tidak menggeser
    pembulatan tampilan (97,345 tetap 97,35)."""
    if x is None or isinstance(x, Decimal):
        return x
    return Decimal(repr(x)).quantize(Decimal("0.000001"))


def _sql(sql: str, params: list) -> list[dict]:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def peringkat_opd(tahun: int, pemda_id: int | None = None, hanya_iku: bool = True) -> list[dict]:
    """Peringkat OPD menurut rata-rata capaian indikator (IKU), dihitung dengan SQL.

    Setiap baris: opd_id, pemda_id, jumlah (indikator bertarget atau berealisasi), terukur (punya
    capaian), tercapai (capaian ≥ 100), belum (tanpa realisasi), rata, peringkat_pemda dan
    peringkat_nasional (RANK() OVER; OPD tanpa capaian di urutan terakhir; nilai sama = peringkat
    sama). Dengan ``pemda_id``, peringkat_nasional berarti peringkat di antara OPD Pemda itu."""
    segarkan(
        None
        if pemda_id is None
        else PerangkatDaerah.objects.filter(pemda_id=pemda_id).values_list("id", flat=True)
    )
    where, params = ["tahun = %s", "iku = %s"], [tahun, hanya_iku]
    if pemda_id is not None:
        where.append("pemda_id = %s")
        params.append(pemda_id)
    # satu baris per OPD (RingkasanOpd), bukan semua indikatornya: pindai ±1/30 baris
    return _sql(
        f"""
        SELECT opd_id, pemda_id, jumlah, terukur, tercapai, belum, rata,
               RANK() OVER (PARTITION BY pemda_id ORDER BY rata IS NULL, rata DESC)
                   AS peringkat_pemda,
               RANK() OVER (ORDER BY rata IS NULL, rata DESC) AS peringkat_nasional
        FROM {TABEL_OPD}
        WHERE {" AND ".join(where)}
        ORDER BY peringkat_nasional, opd_id
        """,
        params,
    )


def peringkat_pemda(tahun: int, hanya_iku: bool = True) -> list[dict]:
    """Peringkat Pemda se-Indonesia menurut rata-rata capaian indikator seluruh OPD-nya (SQL)."""
    segarkan()
    return _sql(
        f"""
        SELECT pemda_id, opd, terukur, tercapai, rata,
               RANK() OVER (ORDER BY rata IS NULL, rata DESC) AS peringkat
        FROM (
            SELECT pemda_id,
                   COUNT(*) AS opd,
                   SUM(terukur) AS terukur,
                   SUM(tercapai) AS tercapai,
                   SUM(total_capaian) / NULLIF(SUM(terukur), 0) AS rata
            FROM {TABEL_OPD}
            WHERE tahun = %s AND iku = %s
            GROUP BY pemda_id
        ) per_pemda
        ORDER BY peringkat, pemda_id
        """,
        [tahun, hanya_iku],
    )


def pindai_polos(tahun: int) -> dict:
    """Pembanding tolok ukur: agregat polos atas tabel yang sama (tanpa GROUP BY dan peringkat)."""
    return RingkasanCapaian.objects.filter(tahun=tahun).aggregate(
        n=Count("id"), rata=Avg("capaian")
    )
