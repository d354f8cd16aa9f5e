"""Halaman Susun Renstra: Renstra, tujuan → sasaran → indikator dan target, program → kegiatan →
sub kegiatan dengan indikatornya — disunting di tempat, satu formulir per aksi (layanan:
:mod:`sakip.planning.susun`, satu transaksi per aksi)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sakip import akses
from sakip.akses import Aksi
from sakip.core.aggregation import Agregasi
from sakip.core.capaian import Polaritas
from sakip.core.numbers import bilangan_id, format_angka
from sakip.planning import nomenklatur, renstra_versi, susun
from sakip.planning.alur import ALUR_RENSTRA
from sakip.planning.models import Indikator, Kegiatan, Program, Sasaran, SubKegiatan, Tujuan
from sakip.workflow import services as alur_services

from .formulir.renstra import FormIndikator, FormNomenklatur, FormRenstra, FormUnsur
from .views_alur import jalankan_alur

SESI = "susun_gagal"


def _angka(v) -> str:
    return "" if v is None else format_angka(v, None, strip_zeros=True)


def _tahun_list(renstra, tahun: int) -> list[int]:
    return renstra.tahun_list if renstra else list(range(tahun, tahun + 5))


def _nilai_indikator(i: Indikator) -> dict:
    v = {
        f: getattr(i, f)
        for f in (
            "kode",
            "nama",
            "satuan",
            "polaritas",
            "agregasi",
            "formula",
            "pembilang",
            "penyebut",
            "sumber_data",
            "penanggung_jawab",
            "catatan",
        )
    }
    v["iku"] = "on" if i.iku else ""
    v["kondisi_awal"] = _angka(i.kondisi_awal)
    v["kondisi_awal_tahun"] = i.kondisi_awal_tahun or ""
    v["kondisi_akhir"] = _angka(i.kondisi_akhir)
    v["batas_bawah"], v["batas_atas"] = _angka(i.batas_bawah), _angka(i.batas_atas)
    for t in i.target.all():
        v[f"target_{t.tahun}"] = _angka(t.nilai)
        v[f"target_atas_{t.tahun}"] = _angka(t.nilai_atas)
    return v


class _Formulir:
    """Nilai dan galat satu formulir di halaman: yang diketik pengguna bila formulir itu baru saja
    ditolak, selain itu nilai tersimpan."""

    def __init__(self, kunci: str, awal: dict, gagal: dict, tahun_list: list[int] = ()):
        ditolak = gagal.get("kunci") == kunci
        self.kunci = kunci
        self.nilai = gagal.get("isian", {}) if ditolak else awal
        self.galat = gagal.get("galat", {}) if ditolak else {}
        self.terbuka = ditolak
        self.target = [
            (
                y,
                self.nilai.get(f"target_{y}", ""),
                self.nilai.get(f"target_atas_{y}", ""),
                self.galat.get(f"target_{y}") or self.galat.get(f"target_atas_{y}"),
            )
            for y in tahun_list
        ]


@login_required
def susun_renstra(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug)
    boleh = akses.boleh(request.user, opd, Aksi.ISI_PENUH)
    renstra = susun.renstra_berlaku(opd, tahun)
    gagal = request.session.pop(SESI, {})
    th = _tahun_list(renstra, tahun)
    ind_qs = Indikator.objects.prefetch_related("target").order_by("urutan", "id")

    def inds(obj):
        out = list(obj.indikator.all())
        for i in out:
            th_i = obj.renstra.tahun_list if isinstance(obj, (Tujuan, Sasaran)) else th
            awal = _nilai_indikator(i)
            i.f = _Formulir(f"ind-{i.pk}", awal, gagal, th_i)
            i.tampil = [
                (awal.get(f"target_{y}", ""), awal.get(f"target_atas_{y}", "")) for y in th_i
            ]
            i.h = [("pk", i.pk)]
            i.id_form = f"ui-{i.pk}"
            henti(i, "indikator")
        return out

    def henti(obj, tingkat):
        """Status berhenti dan formulir "Hentikan" satu unsur (indikator, program, …)."""
        obj.tingkat_henti = tingkat
        obj.henti = obj.berhenti_efektif()
        obj.henti_induk = obj.henti is not None and obj.henti != obj.berhenti_tahun
        awal = {"berhenti_tahun": tahun + 1}
        obj.f_henti = _Formulir(f"henti-{tingkat}-{obj.pk}", awal, gagal)

    def tambah_ind(obj, tingkat):
        obj.f_ind = _Formulir(f"tambah-ind-{tingkat}-{obj.pk}", {}, gagal, th)
        obj.inds = inds(obj)
        obj.tingkat = tingkat
        obj.h_ind = [("tingkat", tingkat), ("pemilik", obj.pk)]
        obj.id_form = f"ti-{tingkat}-{obj.pk}"
        obj.ncol = 4 + len(obj.f_ind.target)

    tujuan = []
    if renstra:
        tujuan = list(
            renstra.tujuan.prefetch_related(
                Prefetch("indikator", queryset=ind_qs),
                Prefetch(
                    "sasaran",
                    queryset=Sasaran.objects.prefetch_related(
                        Prefetch("indikator", queryset=ind_qs)
                    ),
                ),
            )
        )
        for t in tujuan:
            t.f = _Formulir(f"tujuan-{t.pk}", {"kode": t.kode, "uraian": t.uraian}, gagal)
            t.f_sasaran = _Formulir(f"tambah-sasaran-{t.pk}", {}, gagal)
            tambah_ind(t, "tujuan")
            t.daftar_sasaran = list(t.sasaran.all())
            for s in t.daftar_sasaran:
                s.f = _Formulir(f"sasaran-{s.pk}", {"kode": s.kode, "uraian": s.uraian}, gagal)
                tambah_ind(s, "sasaran")
    sasaran = [s for t in tujuan for s in t.daftar_sasaran]
    programs = list(
        Program.objects.filter(opd=opd)
        .order_by("urutan", "kode")
        .prefetch_related(
            "sasaran",
            Prefetch("indikator", queryset=ind_qs),
            Prefetch(
                "kegiatan",
                queryset=Kegiatan.objects.order_by("urutan", "kode").prefetch_related(
                    Prefetch("indikator", queryset=ind_qs),
                    Prefetch(
                        "sub_kegiatan",
                        queryset=SubKegiatan.objects.prefetch_related(
                            Prefetch("indikator", queryset=ind_qs)
                        ),
                    ),
                ),
            ),
        )
    )
    kat = nomenklatur.katalog(tahun)
    kode_ada = [p.kode for p in programs] + [
        x.kode for p in programs for k in p.kegiatan.all() for x in (k, *k.sub_kegiatan.all())
    ]
    luar = nomenklatur.luar_nomenklatur(opd, kode_ada, tahun)

    def tandai(obj):
        obj.di_luar = obj.kode in luar
        obj.alasan_luar = luar.get(obj.kode, "")

    def pilihan(induk: str, ada) -> list[tuple[str, str]]:
        dipakai = {x.kode for x in ada}
        return [(k, n) for k, n in (kat.anak(induk) if kat else []) if k not in dipakai]

    for p in programs:
        tandai(p)
        henti(p, "program")
        p.sasaran_id = {s.pk for s in p.sasaran.all()}
        p.f = _Formulir(f"program-{p.pk}", {"nama": p.nama}, gagal)
        p.f_kegiatan = _Formulir(f"tambah-kegiatan-{p.pk}", {}, gagal)
        tambah_ind(p, "program")
        p.daftar_kegiatan = list(p.kegiatan.all())
        p.pilihan = pilihan(p.kode, p.daftar_kegiatan)
        p.id_nom, p.contoh_anak = f"tk{p.pk}", f"{p.kode}.2.01"
        for k in p.daftar_kegiatan:
            tandai(k)
            henti(k, "kegiatan")
            k.f = _Formulir(f"kegiatan-{k.pk}", {"nama": k.nama}, gagal)
            k.f_sub = _Formulir(f"tambah-sub-{k.pk}", {}, gagal)
            tambah_ind(k, "kegiatan")
            k.daftar_sub = list(k.sub_kegiatan.all())
            k.pilihan = pilihan(k.kode, k.daftar_sub)
            k.id_nom, k.contoh_anak = f"tsk{k.pk}", f"{k.kode}.01"
            for sk in k.daftar_sub:
                tandai(sk)
                henti(sk, "sub_kegiatan")
                sk.f = _Formulir(f"sub-{sk.pk}", {"nama": sk.nama}, gagal)
                tambah_ind(sk, "sub_kegiatan")
    awal_renstra = (
        {
            "tahun_awal": renstra.tahun_awal,
            "tahun_akhir": renstra.tahun_akhir,
            "nama": renstra.nama,
            "visi": renstra.visi,
            "misi": "\n".join(renstra.misi),
        }
        if renstra
        else {"tahun_awal": tahun, "tahun_akhir": tahun + 4}
    )
    return render(
        request,
        "web/susun_renstra.html",
        {
            "opd": opd,
            "tahun": tahun,
            "boleh": boleh,
            "renstra": renstra,
            "tahun_list": th,
            "tujuan": tujuan,
            "sasaran": sasaran,
            "programs": programs,
            "f_renstra": _Formulir("renstra", awal_renstra, gagal),
            "f_tujuan": _Formulir("tambah-tujuan", {}, gagal),
            "f_program": _Formulir("tambah-program", {}, gagal),
            "nomenklatur": kat,
            "boleh_renstra": boleh and (renstra is None or renstra.dapat_disunting),
            "kunci_renstra": renstra_versi.pesan_kunci(renstra) if renstra else None,
            "alur": (
                alur_services.tampilan(
                    ALUR_RENSTRA,
                    request.user,
                    renstra,
                    lambda aksi: reverse("web:renstra_alur", args=[slug, tahun, aksi]),
                )
                if renstra
                else None
            ),
            "versi_renstra": list(renstra.versi.order_by("nomor")) if renstra else [],
            "jumlah_luar": len(luar),
            "pilihan_program": [x for b in _bidang_opd(opd) for x in pilihan(b, programs)],
            "polaritas": [(x.value, x.label) for x in Polaritas],
            "agregasi": [(x.value, x.label) for x in Agregasi],
        },
    )


def _bidang_opd(opd) -> list[str]:
    """Bidang urusan OPD (2.07, 3.32); semua bidang bila OPD belum mencatat urusannya."""
    from sakip.planning.urusan import BIDANG

    bidang = sorted({u.kode for u in opd.urusan.all() if u.kode.count(".") == 1})
    return bidang or sorted(BIDANG)


@login_required
def susun_formulir(request, slug: str, tahun: int):
    """Formulir indikator (ubah / tambah) dimuat saat dibuka (HTMX): halaman pohon tetap ringan."""
    opd = akses.opd(request.user, slug, Aksi.ISI_PENUH)
    renstra = susun.renstra_berlaku(opd, tahun)
    th = _tahun_list(renstra, tahun)
    G = request.GET
    if G.get("pk"):
        i = Indikator.objects.filter(opd=opd, pk=bilangan_id(G["pk"])).first()
        if i is None:
            raise Http404("Indikator tidak ditemukan")
        th_i = i.pemilik.renstra.tahun_list if i.tingkat in ("tujuan", "sasaran") else th
        ctx = {
            "f": _Formulir(f"ind-{i.pk}", _nilai_indikator(i), {}, th_i),
            "id": f"ui-{i.pk}",
            "aksi": reverse("web:susun_aksi", args=[slug, tahun, "ubah-indikator"]),
            "tersembunyi": [("pk", i.pk)],
            "tombol": "Simpan indikator",
        }
    else:
        tingkat = G.get("tingkat", "")
        obj = susun.muat_pemilik(opd, tingkat, bilangan_id(G.get("pemilik", "")))
        if obj is None:
            raise Http404("Unsur rencana tidak ditemukan")
        th_i = obj.renstra.tahun_list if isinstance(obj, (Tujuan, Sasaran)) else th
        ctx = {
            "f": _Formulir("", {}, {}, th_i),
            "id": f"ti-{tingkat}-{obj.pk}",
            "aksi": reverse("web:susun_aksi", args=[slug, tahun, "indikator"]),
            "tersembunyi": [("tingkat", tingkat), ("pemilik", obj.pk)],
            "tombol": "Tambah indikator",
        }
    ctx |= {
        "polaritas": [(x.value, x.label) for x in Polaritas],
        "agregasi": [(x.value, x.label) for x in Agregasi],
    }
    return render(request, "web/susun/_indikator.html", ctx)


def _muat(opd, tingkat: str, pk):
    obj = susun.muat_pemilik(opd, tingkat, bilangan_id(str(pk or "")))
    if obj is None:
        raise susun.SusunError("Unsur rencana tidak ditemukan; muat ulang halaman.")
    return obj


def _baca(form) -> object:
    if not form.is_valid():
        raise susun.SusunError("Tidak disimpan: periksa isian yang ditandai.", form.galat())
    return form.isian()


@login_required
@require_POST
def susun_aksi(request, slug: str, tahun: int, aksi: str):
    """Satu aksi penyusunan = satu transaksi di layanan; kembali ke halaman Susun Renstra."""
    opd = akses.opd(request.user, slug, Aksi.ISI_PENUH)
    P = request.POST
    renstra = susun.renstra_berlaku(opd, tahun)
    th = _tahun_list(renstra, tahun)
    kunci, jangkar = aksi, ""
    try:
        if aksi == "renstra":
            isian = _baca(FormRenstra(P))
            if renstra is None:
                r = susun.buat_renstra(request.user, opd, isian)
                pesan = f"{r} dibuat."
            else:
                r = susun.ubah_renstra(request.user, renstra, isian)
                pesan = f"{r} disimpan."
        elif aksi == "tujuan":
            if renstra is None:
                raise susun.SusunError(f"Buat Renstra yang mencakup tahun {tahun} lebih dulu.")
            kunci = "tambah-tujuan"
            t = susun.tambah_tujuan(request.user, renstra, _baca(FormUnsur(P)))
            pesan, jangkar = f"Tujuan “{t}” ditambahkan.", f"tujuan-{t.pk}"
        elif aksi == "sasaran":
            tj = _muat(opd, "tujuan", P.get("tujuan"))
            kunci = f"tambah-sasaran-{tj.pk}"
            s = susun.tambah_sasaran(request.user, tj, _baca(FormUnsur(P)))
            pesan, jangkar = f"Sasaran “{s}” ditambahkan.", f"sasaran-{s.pk}"
        elif aksi == "ubah-unsur":
            tingkat = P.get("tingkat", "")
            if tingkat not in ("tujuan", "sasaran"):
                raise Http404("Unsur tidak dikenal")
            obj = _muat(opd, tingkat, P.get("pk"))
            kunci = f"{tingkat}-{obj.pk}"
            susun.ubah_unsur(request.user, obj, _baca(FormUnsur(P)))
            pesan, jangkar = f"{tingkat.capitalize()} “{obj}” disimpan.", kunci
        elif aksi == "indikator":
            tingkat = P.get("tingkat", "")
            pemilik = _muat(opd, tingkat, P.get("pemilik"))
            kunci = f"tambah-ind-{tingkat}-{pemilik.pk}"
            th_i = pemilik.renstra.tahun_list if isinstance(pemilik, (Tujuan, Sasaran)) else th
            i = susun.tambah_indikator(request.user, opd, pemilik, _baca(FormIndikator(th_i, P)))
            pesan, jangkar = f"Indikator “{i}” ditambahkan.", f"ind-{i.pk}"
        elif aksi == "ubah-indikator":
            i = Indikator.objects.filter(opd=opd, pk=bilangan_id(P.get("pk", ""))).first()
            if i is None:
                raise susun.SusunError("Indikator tidak ditemukan; muat ulang halaman.")
            kunci = jangkar = f"ind-{i.pk}"
            th_i = i.pemilik.renstra.tahun_list if i.tingkat in ("tujuan", "sasaran") else th
            susun.ubah_indikator(request.user, i, _baca(FormIndikator(th_i, P)))
            pesan = f"Indikator “{i}” disimpan."
        elif aksi == "program":
            kunci = "tambah-program"
            p = susun.tambah_program(request.user, opd, _baca(FormNomenklatur(P, tahun=tahun)))
            pesan, jangkar = f"Program {p} ditambahkan.", f"program-{p.pk}"
        elif aksi == "kegiatan":
            p = _muat(opd, "program", P.get("program"))
            kunci = f"tambah-kegiatan-{p.pk}"
            k = susun.tambah_kegiatan(request.user, p, _baca(FormNomenklatur(P, tahun=tahun)))
            pesan, jangkar = f"Kegiatan {k} ditambahkan.", f"kegiatan-{k.pk}"
        elif aksi == "sub-kegiatan":
            k = _muat(opd, "kegiatan", P.get("kegiatan"))
            kunci = f"tambah-sub-{k.pk}"
            sk = susun.tambah_sub_kegiatan(request.user, k, _baca(FormNomenklatur(P, tahun=tahun)))
            pesan, jangkar = f"Sub kegiatan {sk} ditambahkan.", f"sub-{sk.pk}"
        elif aksi == "ubah-nomenklatur":
            tingkat = P.get("tingkat", "")
            if tingkat not in ("program", "kegiatan", "sub_kegiatan"):
                raise Http404("Unsur tidak dikenal")
            obj = _muat(opd, tingkat, P.get("pk"))
            kunci = jangkar = f"{ {'sub_kegiatan': 'sub'}.get(tingkat, tingkat) }-{obj.pk}"
            susun.ubah_nomenklatur(request.user, obj, _baca(FormNomenklatur(P, tahun=tahun)))
            pesan = f"“{obj}” disimpan."
        elif aksi == "perubahan":
            if renstra is None:
                raise susun.SusunError(f"Belum ada Renstra yang mencakup tahun {tahun}.")
            try:
                r = renstra_versi.buat_perubahan(request.user, renstra, P.get("alasan", ""))
            except renstra_versi.RenstraTerkunci as exc:
                raise susun.SusunError(str(exc), {"alasan": str(exc)}) from None
            kunci = "perubahan"
            pesan = (
                f"Renstra Perubahan ke-{r.perubahan_ke} dibuka: ubah tujuan, sasaran, indikator "
                "dan target, lalu ajukan lagi kepada Kepala OPD."
            )
        elif aksi == "hapus":
            teks = susun.hapus(
                request.user, opd, P.get("tingkat", ""), bilangan_id(P.get("pk", ""))
            )
            pesan = f"“{teks}” dihapus."
        elif aksi in ("hentikan", "aktifkan"):
            tingkat, pk = P.get("tingkat", ""), bilangan_id(P.get("pk", ""))
            kunci = f"henti-{tingkat}-{pk}"
            jangkar = {"sub_kegiatan": "sub", "indikator": "ind"}.get(tingkat, tingkat) + f"-{pk}"
            if aksi == "hentikan":
                pesan = susun.hentikan(
                    request.user,
                    opd,
                    tingkat,
                    pk,
                    P.get("berhenti_tahun", ""),
                    P.get("alasan_berhenti", ""),
                )
            else:
                pesan = susun.aktifkan_lagi(request.user, opd, tingkat, pk)
        elif aksi == "geser":
            susun.geser(
                request.user,
                opd,
                P.get("tingkat", ""),
                bilangan_id(P.get("pk", "")),
                1 if P.get("arah") == "turun" else -1,
            )
            pesan = "Urutan disimpan."
            jangkar = P.get("jangkar", "")
        else:
            raise Http404("Aksi tidak dikenal")
        messages.success(request, pesan)
    except susun.SusunError as exc:
        messages.error(request, str(exc))
        request.session[SESI] = {
            "kunci": kunci,
            "galat": exc.galat,
            "isian": {k: v for k, v in P.items() if k != "csrfmiddlewaretoken"},
        }
        jangkar = kunci
    url = reverse("web:susun_renstra", args=[slug, tahun])
    return redirect(f"{url}#{jangkar}" if jangkar else url)


@login_required
@require_POST
def renstra_alur(request, slug: str, tahun: int, aksi: str):
    """Ajukan / setujui / kembalikan Renstra (alur bersama; peran diperiksa lebih dulu)."""
    opd = akses.opd(request.user, slug)
    renstra = susun.renstra_berlaku(opd, tahun)
    if renstra is None:
        raise Http404("Renstra tidak ditemukan")
    return jalankan_alur(
        request, ALUR_RENSTRA, renstra, aksi, reverse("web:susun_renstra", args=[slug, tahun])
    )


def _baris_versi(isi: dict, tahun_list: list[str]) -> list[dict]:
    """Baris tabel versi Renstra: tujuan, indikatornya, sasaran, indikatornya (angka Indonesia)."""

    def teks(v: str | None) -> str:
        if not v:
            return "–"
        return "–".join(_angka(Decimal(x)) for x in v.split("–"))

    out: list[dict] = []

    def inds(daftar):
        for i in daftar:
            out.append(
                {
                    "jenis": "indikator",
                    "kode": i["kode"],
                    "teks": i["nama"] + (" (IKU)" if i.get("iku") else ""),
                    "satuan": i["satuan"],
                    "awal": teks(i.get("kondisi_awal")),
                    "target": [teks(i["target"].get(y)) for y in tahun_list],
                    "akhir": teks(i.get("kondisi_akhir")),
                }
            )

    for t in isi["tujuan"]:
        out.append({"jenis": "Tujuan", "kode": t["kode"], "teks": t["uraian"]})
        inds(t["indikator"])
        for s in t["sasaran"]:
            out.append({"jenis": "Sasaran", "kode": s["kode"], "teks": s["uraian"]})
            inds(s["indikator"])
    return out


@login_required
def renstra_versi_lihat(request, slug: str, tahun: int, nomor: int):
    """Renstra sebagaimana disetujui pada penetapan awal (0) atau perubahan ke-N: apa adanya."""
    opd = akses.opd(request.user, slug)
    renstra = susun.renstra_berlaku(opd, tahun)
    v = renstra.versi.filter(nomor=nomor).first() if renstra else None
    if v is None:
        raise Http404("Versi Renstra tidak ditemukan")
    tahun_v = [str(y) for y in range(v.isi["tahun_awal"], v.isi["tahun_akhir"] + 1)]
    return render(
        request,
        "web/renstra_versi.html",
        {
            "opd": opd,
            "tahun": tahun,
            "renstra": renstra,
            "v": v,
            "isi": v.isi,
            "tahun_list": tahun_v,
            "baris": _baris_versi(v.isi, tahun_v),
            "semua": list(renstra.versi.order_by("nomor")),
        },
    )


@login_required
@require_POST
def buka_tahun(request, slug: str, tahun: int):
    """Buka tahun kinerja baru: PK murni, kerangka Rencana Aksi, PK berjenjang (satu transaksi)."""
    from sakip.planning.tahun import BukaTahunError
    from sakip.planning.tahun import buka_tahun as buka

    opd = akses.opd(request.user, slug, Aksi.SUSUN)
    try:
        hasil = buka(request.user, opd, tahun)
    except BukaTahunError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, hasil.ringkasan())
        for c in hasil.catatan:
            messages.warning(request, c)
    return redirect(reverse("web:renstra", args=[slug, tahun]) + "#pk")
