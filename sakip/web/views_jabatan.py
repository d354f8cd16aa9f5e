"""Halaman jabatan OPD: struktur atasan–bawahan, pemegang, tanggung jawab, dan Perjanjian Kinerja
setiap jabatan (cascading) dengan alurnya."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from sakip import akses
from sakip.organisations.models import Jabatan, Peran
from sakip.organisations.permissions import memegang_peran
from sakip.planning.alur import ALUR_PK
from sakip.planning.models import Kegiatan, PerjanjianKinerja, Program, SubKegiatan
from sakip.workflow import services as alur_services

from .views_pk import isian_gagal


@login_required
def jabatan(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug)
    semua = list(Jabatan.objects.filter(opd=opd).select_related("atasan"))
    tugas: dict[int, list[str]] = {}
    for model, ke_opd in (
        (Program, "opd"),
        (Kegiatan, "program__opd"),
        (SubKegiatan, "kegiatan__program__opd"),
    ):
        for obj in model.objects.filter(**{ke_opd: opd}, jabatan__isnull=False).order_by("kode"):
            tugas.setdefault(obj.jabatan_id, []).append(f"{obj.kode} {obj.nama}")
    pk_by = {}
    for pk in (
        PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun, jabatan__isnull=False)
        .prefetch_related("indikator__indikator", "indikator__rencana_aksi")
        .order_by("versi")
    ):
        pk_by[pk.jabatan_id] = pk  # versi terakhir
    for pk in pk_by.values():
        for it in pk.indikator.all():
            plan = {r.triwulan: r.target for r in it.rencana_aksi.all()}
            it.rencana_aksi_isian = [(tw, plan.get(tw), None, False) for tw in (1, 2, 3, 4)]
    isian_gagal(request, pk_by.values())  # Rencana Aksi yang ditolak: tampilkan lagi yang diketik
    anak: dict[int | None, list[Jabatan]] = {}
    for j in semua:
        anak.setdefault(j.atasan_id, []).append(j)
    baris = []

    def turun(j: Jabatan, depth: int) -> None:
        pk = pk_by.get(j.pk)
        baris.append(
            {
                "j": j,
                "depth": range(depth),
                "tugas": tugas.get(j.pk, []),
                "pk": pk,
                "alur": alur_services.tampilan(
                    ALUR_PK,
                    request.user,
                    pk,
                    lambda aksi: reverse("web:pk_alur", args=[slug, tahun, aksi]),
                    {"versi": pk.versi, "jabatan": j.kode},
                )
                if pk
                else None,
            }
        )
        for a in anak.get(j.pk, []):
            turun(a, depth + 1)

    for akar in anak.get(None, []):
        turun(akar, 0)
    return render(
        request,
        "web/jabatan.html",
        {
            "opd": opd,
            "tahun": tahun,
            "baris": baris,
            "boleh_susun": memegang_peran(request.user, opd, Peran.OPERATOR_OPD),
        },
    )
