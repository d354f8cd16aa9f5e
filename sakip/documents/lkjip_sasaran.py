"""LKjIP, uraian capaian per sasaran (Bab III.1): tabel indikatornya, perbandingan dengan tahun lalu
dan target akhir Renstra, analisis penyebab, efisiensi dan program pendukungnya."""

from __future__ import annotations

from django.db.models import Prefetch, Q

from sakip.core.capaian import hitung_capaian
from sakip.documents import charts
from sakip.documents.document import (
    Bagian,
    Paragraf,
    Sel,
    Tabel,
    angka,
)
from sakip.measurement.models import Periode, Realisasi, SeriData
from sakip.measurement.services import pengukuran
from sakip.planning.models import Indikator, Kegiatan, Program
from sakip.planning.models_berhenti import q_aktif

from .konteks import Konteks, n, pct
from .tabel import (
    capaian_teks,
    kalimat_indikator,
    predikat_teks,
    target_teks,
)


# ---------------------------------------------------------------------------
# LKjIP
# ---------------------------------------------------------------------------
def _bagian_sasaran(ctx: Konteks, bag: Bagian, sasaran) -> None:
    tahun = ctx.tahun
    rows = [b for b in ctx.ukur if b.indikator.sasaran_id == sasaran.id]
    if not rows:
        bag.tambah(
            Paragraf("Belum ada target atau realisasi indikator sasaran ini pada tahun ini.")
        )
        return
    body = []
    for b in rows:
        hitungan = f"{n(b.pembilang)} dari {n(b.penyebut)}" if b.pembilang is not None else "–"
        body.append(
            [
                Sel(b.indikator.nama),
                Sel(b.indikator.satuan),
                angka(target_teks(b)),
                angka(hitungan),
                angka(n(b.realisasi)),
                angka(capaian_teks(b)),
                Sel(predikat_teks(b)),
            ]
        )
    bag.tambah(
        Tabel.buat(
            f"Target, Realisasi dan Capaian Sasaran {sasaran.kode}",
            [
                "Indikator",
                "Satuan",
                f"Target {tahun}",
                "Data hitungan",
                f"Realisasi {tahun}",
                "Capaian",
                "Predikat",
            ],
            body,
            lebar=[4, 1, 1.1, 1.6, 1.2, 1.2, 1.3],
        )
    )
    key = f"analisis:{sasaran.kode}"
    if ctx.narasi.get(key):
        bag.isi += [Paragraf(p) for p in ctx.narasi[key].split("\n\n") if p.strip()]
    else:
        bag.isi += [Paragraf(kalimat_indikator(b, tahun), draf=True) for b in rows]

    # realisasi dibandingkan dengan tahun-tahun sebelumnya
    for b in rows:
        ind = b.indikator
        years = sorted(
            {
                r.tahun
                for r in Realisasi.objects.filter(
                    indikator=ind, periode=Periode.TAHUNAN, tahun__lte=tahun
                )
            }
            | {t.tahun for t in ind.target.all() if t.tahun <= tahun}
        )
        if len(years) < 2:
            continue
        per_year = {y: pengukuran(ctx.opd, y, Indikator.objects.filter(pk=ind.pk)) for y in years}
        srows, tgt, real = [], [], []
        for y in years:
            r = per_year[y][0] if per_year[y] else None
            tgt.append(r.target.bawah if r and r.target else None)
            real.append(r.realisasi if r else None)
            srows.append(
                [
                    Sel(str(y), rata="tengah"),
                    angka(target_teks(r) if r else "–"),
                    angka(n(r.realisasi) if r else "–"),
                    angka(capaian_teks(r) if r else "–"),
                ]
            )
        bag.tambah(
            Tabel.buat(
                f"Perbandingan Realisasi {ind.nama} Tahun {years[0]}–{years[-1]}",
                ["Tahun", "Target", "Realisasi", "Capaian"],
                srows,
            )
        )
        g = charts.seri_tahun(f"Perkembangan {ind.nama}", ind.nama, years, tgt, real, ind.satuan)
        if g:
            bag.tambah(g)

    # dibandingkan dengan target akhir Renstra
    rr = []
    for b in rows:
        ind = b.indikator
        if ind.kondisi_akhir is None:
            continue
        h = hitung_capaian(
            ind.kondisi_akhir, b.realisasi, ind.polaritas, ctx.opd.pemda.metode_turun
        )
        rr.append(
            [
                Sel(ind.nama),
                angka(n(ind.kondisi_awal)),
                angka(n(ind.kondisi_akhir)),
                angka(n(b.realisasi)),
                angka(pct(h.nilai) if h.nilai is not None else "tidak dapat dihitung"),
            ]
        )
    if rr and ctx.renstra:
        bag.tambah(
            Tabel.buat(
                f"Capaian terhadap Target Akhir Renstra {ctx.renstra.tahun_akhir}",
                [
                    "Indikator",
                    "Kondisi awal",
                    "Target akhir Renstra",
                    f"Realisasi s.d. {tahun}",
                    "Capaian",
                ],
                rr,
            )
        )

    # dibandingkan dengan wilayah lain
    for seri in SeriData.objects.filter(opd=ctx.opd, indikator__sasaran=sasaran).prefetch_related(
        "nilai"
    ):
        vals = list(seri.nilai.all())
        ys = sorted({v.tahun for v in vals})
        regions = list(dict.fromkeys(v.wilayah for v in vals))
        m = {(v.wilayah, v.tahun): v for v in vals}
        body, bold = [], set()
        for w in regions:
            agg = any(m.get((w, y)) and m[(w, y)].agregat for y in ys)
            if agg or w.lower() == ctx.opd.pemda.nama.lower():
                bold.add(len(body))
            body.append(
                [Sel(w or ctx.opd.pemda.nama)]
                + [angka(n(m[(w, y)].nilai) if (w, y) in m else "–") for y in ys]
            )
        bag.tambah(
            Tabel.buat(
                seri.nama,
                ["Wilayah"] + [str(y) for y in ys],
                body,
                sumber=seri.sumber,
                baris_tebal=bold,
            )
        )

    # program dan kegiatan pendukung
    progs = (
        Program.objects.filter(q_aktif("program", tahun), opd=ctx.opd, sasaran=sasaran)
        .prefetch_related(
            Prefetch(
                "kegiatan",
                Kegiatan.objects.filter(
                    Q(berhenti_tahun__isnull=True) | Q(berhenti_tahun__gt=tahun)
                ),
            )
        )
        .order_by("kode")
    )
    prow = []
    for p in progs:
        kegs = list(p.kegiatan.all()) or [None]
        for i, k in enumerate(kegs):
            prow.append(
                [
                    Sel(f"{p.kode} {p.nama}" if i == 0 else ""),
                    Sel(f"{k.kode} {k.nama}" if k else "–"),
                ]
            )
    if prow:
        bag.tambah(
            Tabel.buat(
                f"Program dan Kegiatan Pendukung Sasaran {sasaran.kode}",
                ["Program", "Kegiatan"],
                prow,
            )
        )
