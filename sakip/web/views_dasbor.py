from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import get_object_or_404, render

from sakip.budget.models import Anggaran
from sakip.core.anggaran import serapan
from sakip.measurement.services import pengukuran_banyak
from sakip.organisations.models import Keanggotaan, Pemda, Peran
from sakip.organisations.permissions import opd_terlihat
from sakip.planning.models import TahunKinerja


@login_required
def dasbor_pemda(request, slug: str, tahun: int):
    pemda = get_object_or_404(Pemda, slug=slug)
    if not (
        request.user.is_superuser
        or Keanggotaan.objects.filter(
            user=request.user, pemda=pemda, peran__in=[Peran.ADMIN_PEMDA, Peran.INSPEKTORAT]
        ).exists()
    ):
        raise PermissionDenied("Dasbor Pemda hanya untuk Admin Pemda dan Inspektorat.")
    opds = list(
        opd_terlihat(request.user).filter(
            pemda=pemda, pk__in=TahunKinerja.objects.filter(tahun=tahun).values("opd_id")
        )
    )
    ukur = pengukuran_banyak(opds, tahun)
    money = {
        r["opd_id"]: r
        for r in Anggaran.objects.filter(opd__in=opds, tahun=tahun, triwulan__isnull=True)
        .values("opd_id")
        .annotate(pagu=Sum("pagu"), realisasi=Sum("realisasi"))
    }
    rows = []
    for o in opds:
        caps = [b.capaian.nilai for b in ukur[o.id] if b.capaian.nilai is not None]
        m = money.get(o.id)
        rows.append(
            {
                "opd": o,
                "n_iku": len(ukur[o.id]),
                "terukur": len(caps),
                "tercapai": sum(1 for c in caps if c >= 100),
                "rata": sum(caps, Decimal(0)) / len(caps) if caps else None,
                "belum": [b.indikator.nama for b in ukur[o.id] if b.realisasi is None],
                "pagu": m["pagu"] if m else None,
                "serapan": serapan(m["pagu"], m["realisasi"]).nilai if m else None,
            }
        )
    urut = request.GET.get("urut", "capaian")
    key = {
        "capaian": lambda r: (r["rata"] is None, -(r["rata"] or 0)),
        "serapan": lambda r: (r["serapan"] is None, -(r["serapan"] or 0)),
        "nama": lambda r: r["opd"].nama,
    }.get(urut)
    rows.sort(key=key or (lambda r: r["opd"].nama))
    minimal = request.GET.get("min")
    if minimal:
        try:
            rows = [r for r in rows if r["rata"] is not None and r["rata"] >= Decimal(minimal)]
        except ArithmeticError:
            pass
    for i, r in enumerate(rows, 1):
        r["peringkat"] = i
        r["predikat"] = pemda.skala().predikat(r["rata"]) if r["rata"] is not None else None
    chart = {
        "labels": [r["opd"].singkatan or r["opd"].nama for r in rows],
        "capaian": [float(round(r["rata"], 2)) if r["rata"] is not None else None for r in rows],
        "serapan": [
            float(round(r["serapan"], 2)) if r["serapan"] is not None else None for r in rows
        ],
    }
    return render(
        request,
        "web/dasbor_pemda.html",
        {
            "pemda": pemda,
            "tahun": tahun,
            "rows": rows,
            "chart": chart,
            "urut": urut,
            "min": minimal or "",
        },
    )
