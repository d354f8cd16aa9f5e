"""Halaman Renstra dan Perjanjian Kinerja satu OPD-tahun."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from sakip import akses
from sakip.akses import Aksi
from sakip.planning.models import Indikator, PerjanjianKinerja, Program, Renstra
from sakip.planning.tahun import dapat_dibuka

from .views_pk import isian_gagal


@login_required
def renstra(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug)
    r = (
        Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
        .prefetch_related("tujuan__sasaran")
        .first()
    )
    if r is None:
        # OPD baru: bukan jalan buntu — arahkan ke penyusunan di halaman atau lewat buku kerja
        return render(
            request,
            "web/renstra_kosong.html",
            {"opd": opd, "tahun": tahun, "boleh": akses.boleh(request.user, opd, Aksi.ISI_PENUH)},
        )
    inds = list(
        Indikator.objects.filter(opd=opd).prefetch_related("target").order_by("urutan", "id")
    )
    by = {}
    for i in inds:
        by.setdefault((i.tingkat, getattr(i, i.tingkat + "_id")), []).append(i)
    programs = list(
        Program.objects.filter(opd=opd)
        .prefetch_related("sasaran", "kegiatan__sub_kegiatan")
        .order_by("kode")
    )
    tree = []
    for t in r.tujuan.all():
        sas = []
        for s in t.sasaran.all():
            progs = []
            for p in programs:
                if s in p.sasaran.all():
                    kegs = [
                        {
                            "obj": k,
                            "ind": by.get(("kegiatan", k.id), []),
                            "subs": [
                                {"obj": sk, "ind": by.get(("sub_kegiatan", sk.id), [])}
                                for sk in k.sub_kegiatan.all()
                            ],
                        }
                        for k in p.kegiatan.all()
                    ]
                    progs.append({"obj": p, "ind": by.get(("program", p.id), []), "kegiatan": kegs})
            sas.append({"obj": s, "ind": by.get(("sasaran", s.id), []), "program": progs})
        tree.append({"obj": t, "ind": by.get(("tujuan", t.id), []), "sasaran": sas})
    lain = [p for p in programs if not p.sasaran.exists()]
    pk = list(
        PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun, jabatan__isnull=True)
        .prefetch_related("indikator__indikator", "indikator__rencana_aksi")
        .order_by("versi")
    )
    from django.urls import reverse

    from sakip.planning.alur import ALUR_PK
    from sakip.workflow.services import tampilan

    for v in pk:
        v.alur_tampil = tampilan(
            ALUR_PK,
            request.user,
            v,
            lambda aksi: reverse("web:pk_alur", args=[opd.slug, tahun, aksi]),
            tersembunyi={"versi": v.versi},
        )
        for it in v.indikator.all():
            plan = {r.triwulan: r.target for r in it.rencana_aksi.all()}
            it.rencana_aksi_isian = [(tw, plan.get(tw), None, False) for tw in (1, 2, 3, 4)]
            it.tampil_target, it.target_salah = None, False  # diisi isian_gagal bila ditolak
    isian_gagal(request, pk)  # formulir PK yang ditolak: tampilkan lagi yang diketik
    from sakip.organisations.models import Keanggotaan

    peran = set(
        Keanggotaan.objects.filter(user=request.user, opd=opd).values_list("peran", flat=True)
    )
    if request.user.is_superuser:
        peran |= {"operator_opd", "kepala_opd"}
    return render(
        request,
        "web/renstra.html",
        {
            "operator": "operator_opd" in peran,
            "kepala": "kepala_opd" in peran,
            "opd": opd,
            "tahun": tahun,
            "r": r,
            "tree": tree,
            "lain": lain,
            "pk": pk,
            "years": r.tahun_list,
            "buka_tahun": "operator_opd" in peran and dapat_dibuka(opd, tahun),
        },
    )
