"""Halaman beranda dan halaman OPD-tahun (pengukuran, predikat, anggaran, unduhan)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from sakip import akses
from sakip.akses import Aksi
from sakip.berkas.xlsx import simpan as simpan_xlsx
from sakip.budget.services import rekap_anggaran
from sakip.measurement.services import pengukuran
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.organisations.permissions import opd_terlihat
from sakip.planning.models import PerjanjianKinerja, TahunKinerja


def _boleh_lihat(user, opd, tahun) -> bool:
    """Publik (tanpa login) hanya melihat OPD-tahun yang LKjIP-nya disetujui; pengguna lain menurut perannya."""
    from sakip.reporting.publikasi import dapat_melihat_opd_tahun

    return dapat_melihat_opd_tahun(user, opd, tahun)


def beranda(request):
    pemda = Pemda.objects.annotate(jumlah_opd=Count("opd")).order_by("nama")
    tahun = TahunKinerja.objects.select_related("opd__pemda").order_by(
        "opd__pemda__nama", "opd__nama", "-tahun"
    )
    if request.user.is_authenticated:
        tahun = list(tahun.filter(opd__in=opd_terlihat(request.user)))
    else:
        from sakip.publikasi.models import Terbitan

        terbit = set(Terbitan.objects.filter(opd__isnull=False).values_list("opd_id", "tahun"))
        tahun = [t for t in tahun if (t.opd_id, t.tahun) in terbit]
    pemda = list(pemda)
    if request.user.is_authenticated:
        import datetime as dt

        per_pemda: dict[int, set[int]] = {}
        for t in tahun:
            per_pemda.setdefault(t.opd.pemda_id, set()).add(t.tahun)
        for p in pemda:
            # tautan hanya yang boleh dibuka (aturan akses yang sama dengan halamannya)
            p.boleh_kelola = akses.boleh(request.user, p, Aksi.KELOLA)
            p.tahun_dasbor = (
                sorted(per_pemda.get(p.pk, set()), reverse=True)
                if akses.boleh(request.user, p, Aksi.DASBOR)
                else []
            )
            p.tahun_rpjmd = (
                sorted(per_pemda.get(p.pk, set()) | {dt.date.today().year})
                if akses.boleh(request.user, p, Aksi.LIHAT)
                else []
            )
    kerja = None
    if request.user.is_authenticated:
        from sakip.harian.beranda import beranda as beranda_peran

        kerja = beranda_peran(request.user)
    return render(
        request, "web/beranda.html", {"pemda_list": pemda, "tahun_list": tahun, "kerja": kerja}
    )


def _muat_tahun_kinerja(slug: str, tahun: int):
    """OPD, Pemda, tahun kinerja dan versi data dalam satu kueri (halaman paling sering dibuka)."""
    from sakip.audit.versi import anotasi_versi_opd

    return (
        TahunKinerja.objects.select_related("opd__pemda")
        .annotate(**anotasi_versi_opd())
        .filter(opd__slug=slug, tahun=tahun)
        .first()
    )


def _kunci_bertanda(slug: str, tahun: int, tw_kini: int, ids=None) -> str | None:
    """Kunci tembolok bagian data dasbor OPD di bawah tanda data tembolok bersama jaringan
    (:mod:`sakip.audit.tanda`), atau None bila tanda tidak aktif atau slug belum dikenal."""
    from sakip.audit import tanda

    from . import tembolok

    if not tanda.aktif():
        return None
    ids = ids or tembolok.cari(f"opd-slug:{slug}")
    tok = ids and tanda.baca(f"opd:{ids[0]}", f"pemda-sendiri:{ids[1]}", "umum")
    return f"dasbor-opd:{ids[0]}:{tahun}:t{tok}:{tw_kini}" if tok else None


def _ke_portal(slug: str, tahun: int):
    """Publik tidak melihat halaman kerja OPD: yang terbit ada di portal publik, selain itu 404."""
    from django.shortcuts import redirect

    from sakip.publikasi.services import ada_terbitan

    opd = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), slug=slug)
    if not ada_terbitan(opd, tahun):
        raise Http404("Belum ada dokumen tahun ini yang terbit untuk publik.")
    return redirect("web:publik_opd", opd.pemda.slug, opd.slug, tahun)


def opd_tahun(request, slug: str, tahun: int):
    import datetime as dt

    from sakip.audit.versi import versi_dari_anotasi
    from sakip.review.alur import ALUR_LKJIP
    from sakip.workflow.services import tampilan

    from . import tembolok

    if not request.user.is_authenticated:
        return _ke_portal(slug, tahun)
    today = dt.date.today()
    tw_kini = (today.month - 1) // 3 + 1 if tahun == today.year else 4
    unduh = request.GET.get("unduh") == "xlsx"
    # Dengan tembolok bersama jaringan: bagian data beserta tahun kinerjanya dari tembolok, tanpa
    # kueri (slug diperiksa terhadap OPD yang tersimpan: slug yang berpindah OPD tidak tertukar).
    kunci = None if unduh else _kunci_bertanda(slug, tahun, tw_kini)
    data = tembolok.cari(kunci) if kunci else None
    if data is not None and data["tk"].opd.slug == slug:
        tk = data["tk"]
    else:
        data = None
        tk = _muat_tahun_kinerja(slug, tahun)
    if tk is None:
        get_object_or_404(PerangkatDaerah, slug=slug)
        raise Http404("Data tahun ini belum ada")
    opd = tk.opd
    if not _boleh_lihat(request.user, opd, tahun):
        if request.user.is_authenticated:
            raise PermissionDenied("Anda tidak berwenang melihat data Perangkat Daerah ini.")
        raise Http404("Data ini belum disetujui untuk publik")
    if unduh:
        rows = pengukuran(opd, tahun)
        atas = [r for r in rows if r.indikator.tingkat in ("tujuan", "sasaran")]
        bawah = [r for r in rows if r.indikator.tingkat not in ("tujuan", "sasaran")]
        return _xlsx_halaman(opd, tahun, atas + bawah, rekap_anggaran(opd, tahun))
    if data is None:
        ids = (opd.pk, opd.pemda_id)
        kunci = _kunci_bertanda(slug, tahun, tw_kini, ids)
        if kunci is not None:
            tembolok.simpan(f"opd-slug:{slug}", ids)
            data = tembolok.ambil(
                kunci, lambda: {"tk": tk} | _data_opd_tahun(opd, tk, tahun, tw_kini)
            )
        else:
            versi = versi_dari_anotasi(tk)
            # bagian data (tabel, grafik, tautan) dan status LKjIP ditembolok per versi data OPD
            data = tembolok.ambil(
                f"dasbor-opd:{opd.pk}:{tahun}:{versi}:{tw_kini}",
                lambda: _data_opd_tahun(opd, tk, tahun, tw_kini),
                bersama=versi.jumlah > 0,
            )
            # halaman utuh per pengguna juga tanpa tembolok bersama jaringan (versi dari basis data)
            kunci = f"dasbor-opd:{opd.pk}:{tahun}:v{versi}:{tw_kini}" if versi.jumlah > 0 else None
    persetujuan = data["persetujuan"]
    persetujuan.opd = opd  # tembolok menyimpan baris tanpa OPD-nya; hindari kueri ulang

    def halaman():
        alur = tampilan(
            ALUR_LKJIP,
            request.user,
            persetujuan,
            lambda aksi: reverse("web:alur_lkjip", args=[opd.slug, tahun, aksi]),
        )
        return render(
            request,
            "web/opd_tahun.html",
            {
                "opd": opd,
                "tk": tk,
                "tahun": tahun,
                "persetujuan": persetujuan,
                "alur": alur,
                "tautan_html": tembolok.html(data, "tautan"),
                "unduhan_html": tembolok.html(data, "unduhan"),
                "data_html": tembolok.html(data),
            },
        )

    # halaman utuh per pengguna dan tanda/versi data
    return tembolok.halaman(request, kunci, halaman)


def _data_opd_tahun(opd, tk, tahun: int, tw_kini: int) -> dict:
    """Bagian data dasbor OPD (tautan, unduhan, tabel pengukuran, anggaran, grafik) sebagai HTML
    siap tembolok, dan status persetujuan LKjIP-nya."""
    from django.template.loader import render_to_string

    from sakip.reporting.models import PersetujuanLkjip

    rows = pengukuran(opd, tahun)
    sasaran_rows = [r for r in rows if r.indikator.tingkat in ("tujuan", "sasaran")]
    keluaran_rows = [r for r in rows if r.indikator.tingkat not in ("tujuan", "sasaran")]
    rekap = rekap_anggaran(opd, tahun)
    belum = [r for r in sasaran_rows if r.triwulan.get(tw_kini) is None and r.realisasi is None]
    tren = {
        "labels": ["TW I", "TW II", "TW III", "TW IV"],
        "series": [
            {
                "label": r.indikator.nama[:60],
                "data": [
                    float(r.triwulan[t]) if r.triwulan.get(t) is not None else None
                    for t in (1, 2, 3, 4)
                ],
            }
            for r in sasaran_rows
            if any(v is not None for v in r.triwulan.values())
        ],
    }
    from sakip.core.proyeksi import METODE
    from sakip.harian.peringatan import peringatan_dini

    peringatan = []
    iku = {opd.pk: [r for r in rows if r.indikator.iku]}
    for p in peringatan_dini([opd], tahun, iku).get(opd.pk, []):
        p.triwulan = sorted(p.proyeksi.triwulan.items())
        t = next((r.target for r in rows if r.indikator.pk == p.indikator.pk), None)
        p.target = None if t is None else t.bawah
        peringatan.append(p)
    html = render_to_string(
        "web/_opd_tahun_data.html",
        {
            "peringatan": peringatan,
            "metode_proyeksi": METODE,
            "opd": opd,
            "tahun": tahun,
            "sasaran_rows": sasaran_rows,
            "keluaran_rows": keluaran_rows,
            "rekap": rekap,
            "rekap_rows": [n for n in rekap.iter() if n.tingkat != "opd"],
            "belum": belum,
            "tw_kini": tw_kini,
            "tren": tren,
        },
    )
    ada_pk = PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun, jabatan__isnull=True).exists()
    dokumen = [("lkjip", "LKjIP"), ("pengukuran", "Pengukuran Kinerja Triwulan")]
    if ada_pk:
        dokumen[1:1] = [("pk", "Perjanjian Kinerja"), ("rencana-aksi", "Rencana Aksi")]
    konteks = {"opd": opd, "tk": tk, "tahun": tahun, "dokumen": dokumen}
    persetujuan = PersetujuanLkjip.objects.filter(opd=opd, tahun=tahun).first()
    return {
        "html": html,
        "tautan": render_to_string("web/_opd_tahun_tautan.html", konteks),
        "unduhan": render_to_string("web/_opd_tahun_unduhan.html", konteks),
        "persetujuan": persetujuan or PersetujuanLkjip(opd_id=opd.pk, tahun=tahun),
    }


def _xlsx_halaman(opd, tahun, rows, rekap):
    """Ekspor tabel yang tampil di halaman ke XLSX."""

    from django.http import HttpResponse
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Pengukuran"
    ws.append(
        [
            "Kode",
            "Indikator",
            "Tingkat",
            "Satuan",
            "Target",
            "Realisasi",
            "Capaian (%)",
            "Predikat",
            "Keterangan",
        ]
    )
    for r in rows:
        ws.append(
            [
                r.indikator.kode,
                r.indikator.nama,
                r.indikator.get_tingkat_display()
                if hasattr(r.indikator, "get_tingkat_display")
                else r.indikator.tingkat,
                r.indikator.satuan,
                float(r.target.bawah) if r.target else None,
                float(r.realisasi) if r.realisasi is not None else None,
                float(round(r.capaian.nilai, 2)) if r.capaian.nilai is not None else None,
                r.predikat.label if r.predikat else "",
                r.capaian.alasan or "",
            ]
        )
    wa = wb.create_sheet("Anggaran")
    wa.append(["Kode", "Uraian", "Tingkat", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)"])
    for n in rekap.iter():
        if n.tingkat == "opd":
            continue
        wa.append(
            [
                n.kode,
                n.nama,
                n.tingkat,
                float(n.jumlah.pagu),
                float(n.jumlah.realisasi),
                float(round(n.jumlah.serapan.nilai, 2))
                if n.jumlah.serapan.nilai is not None
                else None,
            ]
        )
    for sheet in (ws, wa):
        for c in sheet[1]:
            c.font = Font(bold=True)
        sheet.column_dimensions["B"].width = 70
    resp = HttpResponse(
        simpan_xlsx(wb),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = f'attachment; filename="kinerja-{opd.slug}-{tahun}.xlsx"'
    return resp
