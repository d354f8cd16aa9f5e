"""Aturan keselarasan dengan RPJMD: sasaran OPD tanpa tautan, target yang berbeda dengan target
RPJMD untuk indikator yang sama, dan (tingkat Pemda) sasaran RPJMD yang tidak didukung OPD mana pun.

Aturan OPD diam bila Pemda belum punya RPJMD untuk tahun itu di sakip: tanpa RPJMD tidak ada yang
dapat ditautkan, dan itu bukan kesalahan laporan OPD."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from sakip.core.numbers import format_angka
from sakip.organisations.models import Pemda
from sakip.planning.models import Indikator, PKIndikator, Program, Sasaran, TargetIndikator, Tujuan
from sakip.rpjmd.models import RPJMD, SasaranRPJMD, TargetRPJMD
from sakip.rpjmd.services import rpjmd_berlaku

from .dasar import Aturan, Konteks, Temuan


def _rpjmd(ctx) -> RPJMD | None:
    if isinstance(ctx, KonteksPemda):
        return ctx.rpjmd
    if not hasattr(ctx, "_rpjmd_berlaku"):
        ctx._rpjmd_berlaku = rpjmd_berlaku(ctx.opd.pemda, ctx.tahun)
    return ctx._rpjmd_berlaku


def _lingkup(ctx, ke_opd: str) -> dict:
    """Saringan OPD aturan: satu OPD (reviu OPD) atau semua OPD Pemda (reviu Pemda)."""
    if isinstance(ctx, KonteksPemda):
        return {f"{ke_opd}__pemda": ctx.pemda}
    return {ke_opd: ctx.opd}


def _di(ctx, opd, tempat: str) -> str:
    return f"{tempat} {opd.nama}" if isinstance(ctx, KonteksPemda) else tempat


def _angka(d) -> str:
    return format_angka(d, None, strip_zeros=True)


def cek_sasaran_tanpa_rpjmd(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    """Sasaran OPD yang tidak ditautkan (sendiri atau lewat tujuannya) ke sasaran RPJMD."""
    rp = _rpjmd(ctx)
    if rp is None:
        return
    for s in (
        Sasaran.objects.filter(
            **_lingkup(ctx, "tujuan__renstra__opd"),
            tujuan__renstra__tahun_awal__lte=ctx.tahun,
            tujuan__renstra__tahun_akhir__gte=ctx.tahun,
        )
        .select_related(
            "tujuan__renstra__opd", "sasaran_rpjmd__tujuan", "tujuan__sasaran_rpjmd__tujuan"
        )
        .order_by("tujuan__renstra__opd__nama", "tujuan__urutan", "urutan", "kode")
    ):
        tautan = s.sasaran_rpjmd or s.tujuan.sasaran_rpjmd
        if tautan is None or tautan.tujuan.rpjmd_id != rp.pk:
            yield a.temuan(
                lokasi=_di(ctx, s.tujuan.renstra.opd, "Renstra"),
                objek=f"{s.uraian} [{s.kode}]",
                dihitung="",
                rpjmd=str(rp),
            )


def cek_target_beda_rpjmd(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    """Indikator OPD yang sama dengan indikator RPJMD, tetapi target tahunnya berbeda."""
    rp = _rpjmd(ctx)
    if rp is None:
        return
    if isinstance(ctx, KonteksPemda):
        inds = list(
            Indikator.objects.filter(
                opd__pemda=ctx.pemda, indikator_rpjmd__isnull=False
            ).select_related("opd")
        )
    else:
        inds = [i for i in ctx.indikator.values() if i.indikator_rpjmd_id]
    if not inds:
        return
    t_rpjmd = {
        t.indikator_id: t
        for t in TargetRPJMD.objects.filter(
            indikator_id__in=[i.indikator_rpjmd_id for i in inds],
            indikator__rpjmd=rp,
            tahun=ctx.tahun,
        )
    }
    t_opd = {
        t.indikator_id: (t.as_target, "Renstra")
        for t in TargetIndikator.objects.filter(indikator__in=inds, tahun=ctx.tahun)
    }
    pk = {}
    for it in PKIndikator.objects.filter(
        indikator__in=inds, perjanjian__tahun=ctx.tahun, perjanjian__jabatan__isnull=True
    ).select_related("perjanjian"):
        if it.indikator_id not in pk or it.perjanjian.versi > pk[it.indikator_id][0]:
            pk[it.indikator_id] = (it.perjanjian.versi, it.as_target)
    for ind in sorted(inds, key=lambda i: (i.urutan, i.kode)):
        tr = t_rpjmd.get(ind.indikator_rpjmd_id)
        if tr is None:
            continue
        if ind.pk in pk:
            mine, asal = pk[ind.pk][1], "PK" if pk[ind.pk][0] == 1 else "PK Perubahan"
        elif ind.pk in t_opd:
            mine, asal = t_opd[ind.pk]
        else:
            continue
        if mine != tr.as_target:
            yield a.temuan(
                lokasi=_di(ctx, ind.opd, asal),
                objek=f"{ind.nama} [{ind.kode}]",
                tercetak=_angka(mine.bawah),
                dihitung=_angka(tr.nilai),
                tahun=ctx.tahun,
                rpjmd=str(rp),
            )


def cek_program_tanpa_rpjmd(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    """Program OPD (selain program penunjang) yang tidak ditautkan ke program RPJMD, bila RPJMD
    mencantumkan program."""
    rp = _rpjmd(ctx)
    if rp is None or not rp.program.exists():
        return
    for p in (
        Program.objects.filter(**_lingkup(ctx, "opd"))
        .select_related("program_rpjmd", "opd")
        .order_by("opd__nama", "kode")
    ):
        if p.is_penunjang:
            continue
        if p.program_rpjmd is None or p.program_rpjmd.rpjmd_id != rp.pk:
            yield a.temuan(
                lokasi=_di(ctx, p.opd, "Renstra"), objek=f"{p.kode} {p.nama}", rpjmd=str(rp)
            )


# -- tingkat Pemda ---------------------------------------------------------------------------


@dataclass
class KonteksPemda:
    """Data satu Pemda-tahun untuk aturan keselarasan tingkat Pemda."""

    pemda: Pemda
    tahun: int

    @cached_property
    def rpjmd(self) -> RPJMD | None:
        return rpjmd_berlaku(self.pemda, self.tahun)


def cek_sasaran_rpjmd_tanpa_opd(ctx: KonteksPemda, a: Aturan) -> Iterator[Temuan]:
    rp = ctx.rpjmd
    if rp is None:
        return
    didukung = set(
        Sasaran.objects.filter(sasaran_rpjmd__tujuan__rpjmd=rp).values_list(
            "sasaran_rpjmd_id", flat=True
        )
    ) | set(
        Tujuan.objects.filter(sasaran_rpjmd__tujuan__rpjmd=rp).values_list(
            "sasaran_rpjmd_id", flat=True
        )
    )
    for s in SasaranRPJMD.objects.filter(tujuan__rpjmd=rp).order_by(
        "tujuan__urutan", "urutan", "kode"
    ):
        if s.pk not in didukung:
            yield a.temuan(lokasi=str(rp), objek=f"{s.uraian} [{s.kode}]")
