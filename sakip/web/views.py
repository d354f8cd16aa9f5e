from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from sakip.budget.services import rekap_anggaran
from sakip.measurement.services import pengukuran
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.planning.models import PerjanjianKinerja, TahunKinerja


def beranda(request):
    pemda = Pemda.objects.annotate(jumlah_opd=Count("opd")).order_by("nama")
    tahun = TahunKinerja.objects.select_related("opd__pemda").order_by(
        "opd__pemda__nama", "opd__nama", "-tahun"
    )
    return render(request, "web/beranda.html", {"pemda_list": pemda, "tahun_list": tahun})


def opd_tahun(request, slug: str, tahun: int):
    opd = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), slug=slug)
    tk = TahunKinerja.objects.filter(opd=opd, tahun=tahun).first()
    if tk is None:
        raise Http404("Data tahun ini belum ada")
    rows = pengukuran(opd, tahun)
    sasaran_rows = [r for r in rows if r.indikator.tingkat in ("tujuan", "sasaran")]
    keluaran_rows = [r for r in rows if r.indikator.tingkat not in ("tujuan", "sasaran")]
    rekap = rekap_anggaran(opd, tahun)
    from sakip.reporting.models import PersetujuanLkjip

    persetujuan = PersetujuanLkjip.objects.filter(opd=opd, tahun=tahun).first()
    peran = set()
    if request.user.is_authenticated:
        from sakip.organisations.models import Keanggotaan

        peran = set(
            Keanggotaan.objects.filter(user=request.user, opd=opd).values_list("peran", flat=True)
        )
        if request.user.is_superuser:
            peran |= {"operator_opd", "kepala_opd"}
    ada_pk = PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).exists()
    dokumen = [("lkjip", "LKjIP"), ("pengukuran", "Pengukuran Kinerja Triwulan")]
    if ada_pk:
        dokumen[1:1] = [("pk", "Perjanjian Kinerja"), ("rencana-aksi", "Rencana Aksi")]
    return render(
        request,
        "web/opd_tahun.html",
        {
            "opd": opd,
            "tk": tk,
            "tahun": tahun,
            "sasaran_rows": sasaran_rows,
            "keluaran_rows": keluaran_rows,
            "rekap": rekap,
            "rekap_rows": [n for n in rekap.iter() if n.tingkat != "opd"],
            "dokumen": dokumen,
            "persetujuan": persetujuan,
            "boleh_ajukan": "operator_opd" in peran,
            "boleh_putuskan": "kepala_opd" in peran,
        },
    )
