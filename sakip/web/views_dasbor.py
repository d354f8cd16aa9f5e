"""Dasbor Pemda: peringkat OPD dan serapan anggaran se-Pemda."""

import hashlib
from collections import defaultdict
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from sakip.audit import tanda
from sakip.audit.versi import anotasi_versi_pemda, versi_dari_anotasi
from sakip.budget.models import Anggaran
from sakip.core.anggaran import serapan
from sakip.evaluation.models import Evaluasi
from sakip.measurement import ringkasan
from sakip.measurement.models import RingkasanCapaian
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.organisations.permissions import dapat_melihat_dasbor_pemda
from sakip.planning.models import TahunKinerja

from . import tembolok


@login_required
def dasbor_pemda(request, slug: str, tahun: int):
    urut = request.GET.get("urut", "capaian")
    minimal = request.GET.get("min", "")[:20]
    # Yang boleh membuka dasbor ini (superuser, Admin Pemda, Inspektorat Pemda itu) melihat semua OPD
    # Pemda ini: daftar OPD ikut ditembolok bersama bagian data, per versi data Pemda (naik pada
    # setiap perubahan data OPD mana pun) — atau, dengan tembolok bersama jaringan, per tanda data
    # Pemda itu, beserta Pemda-nya sendiri (tanpa kueri).
    pilihan = hashlib.sha1(f"{urut}|{minimal}".encode()).hexdigest()[:20]
    kunci = _kunci_bertanda(slug, tahun, pilihan)
    data = tembolok.cari(kunci) if kunci else None
    if data is not None and data["pemda"].slug == slug:
        pemda = data["pemda"]
    else:
        data = None
        pemda = get_object_or_404(Pemda.objects.annotate(**anotasi_versi_pemda()), slug=slug)
    if not dapat_melihat_dasbor_pemda(request.user, pemda):
        raise PermissionDenied("Dasbor Pemda hanya untuk Admin Pemda dan Inspektorat.")
    if data is None:
        kunci = _kunci_bertanda(slug, tahun, pilihan, pemda.pk)
        if kunci is not None:
            tembolok.simpan(f"pemda-slug:{slug}", pemda.pk)
            data = tembolok.ambil(
                kunci,
                lambda: (
                    {"pemda": pemda}
                    | _data_dasbor(pemda, tahun, _opd_tahun(pemda, tahun), urut, minimal)
                ),
            )
        else:
            versi = versi_dari_anotasi(pemda)
            data = tembolok.ambil(
                f"dasbor-pemda:{pemda.pk}:{tahun}:{versi}:{pilihan}",
                lambda: _data_dasbor(pemda, tahun, _opd_tahun(pemda, tahun), urut, minimal),
                bersama=versi.jumlah > 0,
            )
            # halaman utuh per pengguna juga tanpa tembolok bersama jaringan (versi dari basis data)
            kunci = (
                f"dasbor-pemda:{pemda.pk}:{tahun}:v{versi}:{pilihan}" if versi.jumlah > 0 else None
            )
    return tembolok.halaman(
        request,
        kunci,
        lambda: render(
            request,
            "web/dasbor_pemda.html",
            {"pemda": pemda, "tahun": tahun, "data_html": tembolok.html(data)},
        ),
    )


def _kunci_bertanda(slug: str, tahun: int, pilihan: str, pemda_id=None) -> str | None:
    """Kunci bagian data dasbor Pemda di bawah tanda data tembolok bersama jaringan
    (:mod:`sakip.audit.tanda`); None bila tanda tidak aktif atau slug belum dikenal tembolok."""
    if not tanda.aktif():
        return None
    pemda_id = pemda_id or tembolok.cari(f"pemda-slug:{slug}")
    tok = pemda_id and tanda.baca(f"pemda:{pemda_id}", "umum")
    return f"dasbor-pemda:{pemda_id}:{tahun}:t{tok}:{pilihan}" if tok else None


def _opd_tahun(pemda, tahun: int) -> list:
    """OPD Pemda yang punya data tahun ini."""
    return list(
        PerangkatDaerah.objects.select_related("pemda").filter(
            pemda=pemda, pk__in=TahunKinerja.objects.filter(tahun=tahun).values("opd_id")
        )
    )


def _data_dasbor(pemda, tahun: int, opds: list, urut: str, minimal: str) -> dict:
    # peringkat, rata-rata dan hitungan dihitung basis data atas ringkasan capaian tersimpan
    rank = {r["opd_id"]: r for r in ringkasan.peringkat_opd(tahun, pemda.id)}
    belum = defaultdict(list)
    for opd_id, nama in (
        RingkasanCapaian.objects.filter(tahun=tahun, pemda=pemda, iku=True, realisasi__isnull=True)
        .order_by("opd_id", "indikator__urutan", "indikator_id")
        .values_list("opd_id", "indikator__nama")
    ):
        belum[opd_id].append(nama)
    money = {
        r["opd_id"]: r
        for r in Anggaran.objects.filter(opd__in=opds, tahun=tahun, triwulan__isnull=True)
        .order_by()
        .values("opd_id")
        .annotate(pagu=Sum("pagu"), realisasi=Sum("realisasi"))
    }
    # evaluasi AKIP terakhir setiap OPD (satu kueri; versi terbesar menang)
    evaluasi = {
        e.opd_id: e
        for e in Evaluasi.objects.filter(opd__in=opds, tahun=tahun)
        .only("opd_id", "versi", "status", "nilai", "predikat")
        .order_by("versi")
    }
    rows = []
    for o in opds:
        r = rank.get(o.id, {})
        m = money.get(o.id)
        rows.append(
            {
                "opd": o,
                "n_iku": r.get("jumlah", 0),
                "terukur": r.get("terukur", 0),
                "tercapai": r.get("tercapai") or 0,
                "rata": ringkasan.desimal(r.get("rata")),
                "peringkat": r.get("peringkat_pemda"),
                "belum": belum.get(o.id, []),
                "pagu": m["pagu"] if m else None,
                "serapan": serapan(m["pagu"], m["realisasi"]).nilai if m else None,
                "evaluasi": evaluasi.get(o.id),
            }
        )
    key = {
        "capaian": lambda r: (r["peringkat"] is None, r["peringkat"] or 0, r["opd"].nama),
        "serapan": lambda r: (r["serapan"] is None, -(r["serapan"] or 0)),
        "nama": lambda r: r["opd"].nama,
    }.get(urut)
    rows.sort(key=key or (lambda r: r["opd"].nama))
    if minimal:
        try:
            rows = [r for r in rows if r["rata"] is not None and r["rata"] >= Decimal(minimal)]
        except ArithmeticError:
            pass
    for r in rows:
        r["predikat"] = pemda.skala().predikat(r["rata"]) if r["rata"] is not None else None
    chart = {
        "labels": [r["opd"].singkatan or r["opd"].nama for r in rows],
        "capaian": [float(round(r["rata"], 2)) if r["rata"] is not None else None for r in rows],
        "serapan": [
            float(round(r["serapan"], 2)) if r["serapan"] is not None else None for r in rows
        ],
    }
    from sakip.reporting.pohon import bangun_pohon

    pohon = bangun_pohon(pemda, tahun)
    html = render_to_string(
        "web/_dasbor_pemda_data.html",
        {
            "rpjmd": pohon.rpjmd,
            "indikator_rpjmd": pohon.indikator_rpjmd,
            "sasaran_tanpa_opd": pohon.sasaran_tanpa_opd,
            "pemda": pemda,
            "tahun": tahun,
            "rows": rows,
            "chart": chart,
            "urut": urut,
            "min": minimal or "",
        },
    )
    return {"html": html}
