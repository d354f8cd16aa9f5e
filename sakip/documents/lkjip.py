"""LKjIP satu OPD-tahun, disusun bab demi bab (PermenPAN-RB 53/2014) dari konteks bersama."""

from __future__ import annotations

from sakip.core.numbers import format_rupiah
from sakip.documents import charts
from sakip.documents.document import (
    Bagian,
    Daftar,
    Dokumen,
    Paragraf,
    Penanda,
    Sel,
    Tabel,
    TandaTangan,
    angka,
    beri_nomor,
)
from sakip.organisations.models import PerangkatDaerah
from sakip.review.models import PernyataanReviu, TemuanReviu

from .konteks import Konteks, n, pct, tanggal_id
from .lkjip_sasaran import _bagian_sasaran
from .tabel import (
    capaian_teks,
    kalimat_indikator,
    predikat_teks,
    tabel_anggaran,
    tabel_capaian_indikator,
    tabel_data_umum,
    tabel_efisiensi,
    tabel_iku,
    tabel_pengukuran,
    tabel_pk,
    tabel_rencana_aksi,
    tabel_renstra,
    tabel_triwulan,
    target_teks,
)

# ---------------------------------------------------------------------------
# LKjIP
# ---------------------------------------------------------------------------
DASAR_HUKUM = [
    "Undang-Undang Nomor 17 Tahun 2003 tentang Keuangan Negara;",
    "Undang-Undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional;",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah beserta perubahannya;",
    "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi Pemerintah;",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;",
    "Peraturan Menteri PANRB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah;",
    "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah;",
    "Peraturan Menteri PANRB Nomor 88 Tahun 2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah.",
]


def bangun_lkjip(opd: PerangkatDaerah, tahun: int, dengan_reviu: bool = True) -> Dokumen:
    """LKjIP: kata pengantar, ikhtisar, Bab I–IV dan lampiran, masing-masing dari fungsinya sendiri
    atas satu konteks bersama (data dimuat sekali)."""
    ctx = Konteks(opd, tahun)
    ctx.tk  # noqa: B018 - memastikan data tahun ada
    doc = Dokumen(
        "lkjip",
        "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)",
        [opd.nama.upper(), opd.pemda.nama.upper(), f"TAHUN {tahun}"],
        f"lkjip-{opd.slug}-{tahun}",
    )
    doc.bagian += [
        kata_pengantar(ctx),
        ikhtisar_eksekutif(ctx),
        bab_pendahuluan(ctx),
        bab_perencanaan(ctx),
        bab_akuntabilitas(ctx),
        bab_penutup(ctx),
    ]
    doc.lampiran += lampiran(ctx, dengan_reviu)
    if lkjip_disetujui(opd, tahun):
        doc.disahkan()
    return beri_nomor(doc)


def lkjip_disetujui(opd: PerangkatDaerah, tahun: int) -> bool:
    from sakip.reporting.models import PersetujuanLkjip
    from sakip.workflow.models import StatusAlur

    return PersetujuanLkjip.objects.filter(
        opd=opd, tahun=tahun, status=StatusAlur.DISETUJUI
    ).exists()


def kata_pengantar(ctx: Konteks) -> Bagian:
    opd, tahun = ctx.opd, ctx.tahun
    kp = Bagian("KATA PENGANTAR")
    kp.isi += ctx.teks(
        "kata_pengantar",
        [
            f"Laporan Kinerja Instansi Pemerintah (LKjIP) {opd.nama} Tahun {tahun} disusun sebagai wujud pertanggungjawaban "
            f"atas pelaksanaan tugas dan fungsi serta penggunaan anggaran tahun {tahun}, berpedoman pada Peraturan Menteri PANRB "
            "Nomor 53 Tahun 2014.",
            "Laporan ini memuat perencanaan kinerja, perjanjian kinerja, pengukuran dan analisis capaian kinerja, serta realisasi "
            "anggaran, sebagai bahan evaluasi dan perbaikan kinerja pada tahun berikutnya.",
        ],
    )
    kp.isi.append(TandaTangan([ctx.penanda_kepala(ctx.tempat_tanggal())]))
    return kp


def ikhtisar_eksekutif(ctx: Konteks) -> Bagian:
    opd, tahun = ctx.opd, ctx.tahun
    renstra_rows, terukur, tercapai = ctx.renstra_rows, ctx.terukur, ctx.tercapai
    j = ctx.rekap.jumlah
    ik = Bagian("IKHTISAR EKSEKUTIF")
    n_sas = sum(t.sasaran.count() for t in ctx.renstra.tujuan.all()) if ctx.renstra else 0
    ik.isi += ctx.teks(
        "ikhtisar",
        [
            f"Pada tahun {tahun}, {opd.nama} mengukur {len(renstra_rows)} indikator kinerja tujuan dan sasaran "
            f"({n_sas} sasaran strategis). Dari {len(terukur)} indikator yang capaiannya dapat dihitung, {len(tercapai)} mencapai "
            f"atau melampaui target dan {len(terukur) - len(tercapai)} belum mencapai target"
            + (
                f"; {len(renstra_rows) - len(terukur)} indikator belum dapat dihitung capaiannya."
                if len(renstra_rows) > len(terukur)
                else "."
            ),
            f"Untuk mencapai sasaran tersebut dilaksanakan {len(ctx.program_dianggarkan)} program dan {len(ctx.kegiatan_dianggarkan)} kegiatan dengan pagu "
            f"{format_rupiah(j.pagu)} dan realisasi {format_rupiah(j.realisasi)} ({pct(j.serapan.nilai)}).",
        ],
    )
    if renstra_rows:
        ik.isi.append(
            Daftar(
                [
                    f"{b.indikator.nama}: target {target_teks(b)}, realisasi {n(b.realisasi)}, "
                    f"capaian {capaian_teks(b)}" + (f" ({predikat_teks(b)})" if b.predikat else "")
                    for b in renstra_rows
                ],
                bernomor=False,
            )
        )
    return ik


def bab_pendahuluan(ctx: Konteks) -> Bagian:
    opd, tahun = ctx.opd, ctx.tahun
    b1 = Bagian("PENDAHULUAN", nomor="BAB I", angka_bab=1)
    b1.sub("Latar Belakang", "1.1").isi += ctx.teks(
        "latar_belakang",
        [
            "Peraturan Presiden Nomor 29 Tahun 2014 mewajibkan setiap perangkat daerah menyusun laporan kinerja sebagai "
            f"pertanggungjawaban atas capaian kinerja terhadap perjanjian kinerja. LKjIP ini melaporkan kinerja {opd.nama} tahun {tahun}."
        ],
    )
    dh = b1.sub("Dasar Hukum", "1.2")
    if ctx.narasi.get("dasar_hukum"):
        dh.isi.append(
            Daftar([x.strip() for x in ctx.narasi["dasar_hukum"].splitlines() if x.strip()])
        )
    else:
        dh.isi.append(Daftar(DASAR_HUKUM, draf=True))
    umum = tabel_data_umum(ctx)
    if umum:
        b1.sub("Gambaran Umum").isi.extend(umum)
    b1.sub("Isu Strategis", "1.3").isi += ctx.teks(
        "isu_strategis", ["(Isu strategis belum diisi.)"]
    )
    b1.sub("Struktur Organisasi", "1.4").isi += ctx.teks(
        "struktur_organisasi",
        [
            f"{opd.nama} melaksanakan urusan "
            + ", ".join(u.nama for u in opd.urusan.filter(induk__isnull=False))
            + "."
        ],
    )
    b1.sub("Sistematika Penulisan", "1.5").tambah(
        Daftar(
            [
                "Bab I Pendahuluan: latar belakang, dasar hukum, isu strategis, struktur organisasi dan sistematika.",
                "Bab II Perencanaan dan Perjanjian Kinerja: Renstra, Indikator Kinerja Utama dan Perjanjian Kinerja.",
                "Bab III Akuntabilitas Kinerja: pengukuran, analisis dan evaluasi capaian kinerja, efisiensi, serta realisasi anggaran.",
                "Bab IV Penutup: kesimpulan dan saran.",
                "Lampiran: Perjanjian Kinerja, Rencana Aksi, pengukuran kinerja dan realisasi anggaran.",
            ]
        )
    )
    return b1


def bab_perencanaan(ctx: Konteks) -> Bagian:
    tahun = ctx.tahun
    b2 = Bagian("PERENCANAAN DAN PERJANJIAN KINERJA", nomor="BAB II", angka_bab=2)
    s21 = b2.sub("Rencana Strategis", "2.1")
    if ctx.renstra:
        r = ctx.renstra
        if r.visi:
            s21.tambah(Paragraf(f"Visi: “{r.visi}”."))
        if r.misi:
            s21.tambah(Paragraf("Misi:"), Daftar(list(r.misi)))
        t = tabel_renstra(ctx)
        if t:
            s21.tambah(t)
    else:
        s21.tambah(Paragraf(f"Renstra yang berlaku untuk tahun {tahun} belum tercatat."))
    s22 = b2.sub("Indikator Kinerja Utama", "2.2")
    t = tabel_iku(ctx)
    s22.tambah(t if t else Paragraf("Belum ada indikator yang ditetapkan sebagai IKU."))
    s23 = b2.sub("Perjanjian Kinerja", "2.3")
    if ctx.pk:
        for pk in ctx.pk:
            if pk.versi > 1 and pk.alasan_perubahan:
                s23.tambah(Paragraf(f"Perjanjian Kinerja diubah ({pk}): {pk.alasan_perubahan}"))
            s23.isi.extend(tabel_pk(ctx, pk))
    else:
        s23.tambah(
            Paragraf(
                f"Perjanjian Kinerja tahun {tahun} belum tercatat dalam sakip; pengukuran memakai target Renstra.",
                draf=True,
            )
        )
    return b2


def bab_akuntabilitas(ctx: Konteks) -> Bagian:
    """Bab III: capaian organisasi, program/kegiatan, efisiensi, keuangan, faktor pendukung/penghambat."""
    b3 = Bagian("AKUNTABILITAS KINERJA", nomor="BAB III", angka_bab=3)
    capaian_organisasi(ctx, b3.sub("Capaian Kinerja Organisasi", "3.1"))
    capaian_program(ctx, b3.sub("Capaian Kinerja Program, Kegiatan dan Sub Kegiatan", "3.2"))
    analisis_efisiensi(ctx, b3.sub("Analisis Efisiensi", "3.3"))
    akuntabilitas_keuangan(ctx, b3.sub("Akuntabilitas Keuangan", "3.4"))
    faktor(ctx, b3.sub("Faktor Pendukung dan Penghambat", "3.5"))
    return b3


def capaian_organisasi(ctx: Konteks, s31: Bagian) -> None:
    tahun, pemda, renstra_rows = ctx.tahun, ctx.opd.pemda, ctx.renstra_rows
    s31.tambah(
        Paragraf(
            "Capaian dihitung sakip dari data: realisasi ÷ target × 100% untuk indikator yang makin tinggi makin baik; untuk "
            "indikator yang makin rendah makin baik "
            + (
                "(1 + (1 − realisasi ÷ target)) × 100%"
                if pemda.metode_turun == "permenpan"
                else "target ÷ realisasi × 100%"
            )
            + f". Predikat mengikuti skala {pemda.skala().nama}."
        )
    )
    if renstra_rows:
        s31.tambah(tabel_pengukuran(ctx, renstra_rows, f"Pengukuran Kinerja Tahun {tahun}"))
        g = charts.target_realisasi(
            "Target dan Realisasi Indikator Kinerja",
            [
                (b.indikator.nama, b.target.bawah if b.target else None, b.realisasi)
                for b in renstra_rows
                if b.indikator.satuan in ("%", "Persen", "persen")
            ],
        )
        if g:
            s31.tambah(g)
    if ctx.renstra:
        for ti in ctx.renstra.tujuan.all():
            for s in ti.sasaran.all():
                _bagian_sasaran(ctx, s31.sub(f"Sasaran {s.kode}: {s.uraian}"), s)
            tuj_rows = [b for b in renstra_rows if b.indikator.tujuan_id == ti.id]
            if tuj_rows:
                sub = s31.sub(f"Indikator Tujuan: {ti.uraian}")
                sub.isi.extend(Paragraf(kalimat_indikator(b, tahun), draf=True) for b in tuj_rows)


def capaian_program(ctx: Konteks, s32: Bagian) -> None:
    tahun = ctx.tahun
    out_rows = [
        b for b in ctx.ukur if b.indikator.tingkat in ("program", "kegiatan", "sub_kegiatan")
    ]
    if out_rows:
        body = [
            [
                Sel(getattr(b.indikator.pemilik, "kode", "") or ""),
                Sel(b.indikator.pemilik.nama),
                Sel(b.indikator.nama),
                angka(target_teks(b)),
                angka(n(b.realisasi)),
                Sel(b.indikator.satuan),
                angka(capaian_teks(b)),
            ]
            for b in out_rows
        ]
        s32.tambah(
            Tabel.buat(
                f"Capaian Indikator Program, Kegiatan dan Sub Kegiatan Tahun {tahun}",
                [
                    "Kode",
                    "Program / Kegiatan / Sub Kegiatan",
                    "Indikator",
                    "Target",
                    "Realisasi",
                    "Satuan",
                    "Capaian",
                ],
                body,
                kecil=True,
                lebar=[1.4, 3.5, 4.5, 1, 1, 1.2, 1],
            )
        )
    else:
        s32.tambah(
            Paragraf(
                "Belum ada indikator program/kegiatan/sub kegiatan dengan target atau realisasi."
            )
        )


def analisis_efisiensi(ctx: Konteks, s33: Bagian) -> None:
    te = tabel_efisiensi(ctx)
    if te:
        s33.tambah(
            Paragraf(
                "Indeks efisiensi = capaian output ÷ capaian input (serapan anggaran); tingkat efisiensi = "
                "(IE − SE) ÷ SE dengan standar efisiensi SE = 1; efisien bila tingkat efisiensi ≥ 0."
            ),
            te,
        )
        tidak = [r for r in te.baris if r[-1].teks == "tidak efisien"]
        s33.tambah(
            Paragraf(
                f"Dari {len(te.baris)} program, kegiatan dan sub kegiatan yang dianalisis, {len(tidak)} tergolong tidak "
                "efisien"
                + (": " + "; ".join(f"{r[0].teks} {r[1].teks}" for r in tidak) if tidak else "")
                + ".",
                draf=True,
            )
        )
    else:
        s33.tambah(
            Paragraf(
                "Analisis efisiensi memerlukan indikator dan anggaran pada tingkat program/kegiatan/sub kegiatan."
            )
        )


def akuntabilitas_keuangan(ctx: Konteks, s34: Bagian) -> None:
    j = ctx.rekap.jumlah
    s34.tambah(tabel_anggaran(ctx))
    if teks := kalimat_versi_pagu(ctx.opd, ctx.tahun):
        s34.tambah(Paragraf(teks))
    prog_nodes = ctx.program_dianggarkan
    g = charts.serapan_program(
        "Serapan Anggaran per Program",
        [(f"{x.kode} {x.nama}", x.jumlah.serapan.nilai) for x in prog_nodes],
    )
    if g:
        s34.tambah(g)
    keg_data = [x for x in ctx.kegiatan if x.ada_data and x.jumlah.serapan.nilai is not None]
    s34.tambah(
        Paragraf(
            f"Dari {len(prog_nodes)} program dan {len(ctx.kegiatan_dianggarkan)} kegiatan yang dianggarkan, realisasi anggaran mencapai "
            f"{format_rupiah(j.realisasi)} dari pagu {format_rupiah(j.pagu)} ({pct(j.serapan.nilai)}), dengan sisa "
            f"{format_rupiah(j.sisa)}. Terdapat {sum(1 for x in keg_data if x.jumlah.serapan.nilai > 90)} kegiatan dengan serapan "
            f"di atas 90% dan {sum(1 for x in keg_data if x.jumlah.serapan.nilai < 70)} kegiatan dengan serapan di bawah 70%.",
            draf=True,
        )
    )


def kalimat_versi_pagu(opd, tahun: int) -> str:
    """Penetapan dan perubahan pagu (DPA, DPPA) dengan tanggal dan jumlahnya, bila diimpor."""
    from sakip.budget.dpa import riwayat

    versi = riwayat(opd, tahun)
    if not versi:
        return ""
    bagian = [
        f"{r['versi'].get_jenis_display()} tanggal {tanggal_id(r['versi'].tanggal)} "
        f"{'sebesar' if i == 0 else 'menjadi'} {format_rupiah(r['jumlah'])}"
        for i, r in enumerate(versi)
    ]
    akhir = versi[-1]["versi"]
    return (
        "Pagu ditetapkan dengan "
        + "; diubah dengan ".join(bagian)
        + f". Tabel di atas memakai pagu yang berlaku, yaitu {akhir.get_jenis_display()} tanggal "
        f"{tanggal_id(akhir.tanggal)}."
    )


def faktor(ctx: Konteks, s35: Bagian) -> None:
    s35.isi += ctx.teks("faktor_pendukung", ["(Faktor pendukung belum diisi.)"])
    s35.isi += ctx.teks("faktor_penghambat", ["(Faktor penghambat belum diisi.)"])


def bab_penutup(ctx: Konteks) -> Bagian:
    tahun, terukur, tercapai = ctx.tahun, ctx.terukur, ctx.tercapai
    j = ctx.rekap.jumlah
    b4 = Bagian("PENUTUP", nomor="BAB IV", angka_bab=4)
    kes = b4.sub("Kesimpulan", "4.1")
    kurang = [b for b in terukur if b.capaian.nilai < 100]
    kes.isi += ctx.teks(
        "kesimpulan",
        [
            f"Pada tahun {tahun}, {len(tercapai)} dari {len(terukur)} indikator kinerja tujuan dan sasaran yang terukur mencapai atau "
            "melampaui target"
            + (
                ". Indikator yang belum mencapai target: "
                + "; ".join(f"{b.indikator.nama} ({pct(b.capaian.nilai)})" for b in kurang)
                if kurang
                else ""
            )
            + ".",
            f"Realisasi anggaran {pct(j.serapan.nilai)} dari pagu {format_rupiah(j.pagu)}.",
        ],
    )
    b4.sub("Saran", "4.2").isi += ctx.teks(
        "saran",
        [
            "Target dan rencana aksi tahun berikutnya disusun dengan mempertimbangkan capaian dan hambatan tahun ini.",
            "Realisasi setiap indikator disertai data hitungan dan bukti dukung sejak triwulan berjalan.",
        ],
    )
    b4.tambah(TandaTangan([ctx.penanda_kepala(ctx.tempat_tanggal())]))
    return b4


def lampiran(ctx: Konteks, dengan_reviu: bool) -> list[Bagian]:
    """Lampiran bernomor urut: PK, Rencana Aksi, pengukuran tahunan dan triwulan, anggaran, reviu."""
    opd, tahun, renstra_rows = ctx.opd, ctx.tahun, ctx.renstra_rows
    out: list[Bagian] = []
    if ctx.pk:
        lp = Bagian("Perjanjian Kinerja", nomor="LAMPIRAN 1")
        for pk in ctx.pk:
            lp.isi.extend(tabel_pk(ctx, pk))
        out.append(lp)
        tra = tabel_rencana_aksi(ctx)
        if tra:
            out.append(Bagian("Rencana Aksi", nomor=f"LAMPIRAN {len(out) + 1}").tambah(tra))
    if renstra_rows:
        out.append(
            Bagian("Pengukuran Kinerja Tahunan", nomor=f"LAMPIRAN {len(out) + 1}").tambah(
                tabel_pengukuran(ctx, renstra_rows, f"Pengukuran Kinerja Tahun {tahun}")
            )
        )
        out.append(
            Bagian("Pengukuran Kinerja Triwulan", nomor=f"LAMPIRAN {len(out) + 1}").tambah(
                tabel_triwulan(ctx, renstra_rows)
            )
        )
    out.append(
        Bagian(
            "Realisasi Anggaran dan Capaian Indikator Kinerja",
            nomor=f"LAMPIRAN {len(out) + 1}",
        ).tambah(tabel_capaian_indikator(ctx))
    )
    if dengan_reviu:
        temuan = list(TemuanReviu.objects.filter(opd=opd, tahun=tahun, masih_berlaku=True))
        pernyataan = PernyataanReviu.objects.filter(opd=opd, tahun=tahun).first()
        if pernyataan is not None:
            out.append(_pernyataan_reviu(ctx, pernyataan, temuan, len(out) + 1))
        elif temuan:
            out.append(_lampiran_reviu(ctx, temuan, len(out) + 1))
    return out


def paragraf_pernyataan_reviu(instansi: str, tahun: int) -> list[Paragraf]:
    """Isi Pernyataan Telah Direviu (Pedoman Reviu atas Laporan Kinerja), untuk OPD maupun Pemda."""
    return [
        Paragraf(
            f"Kami telah mereviu Laporan Kinerja Instansi Pemerintah {instansi} untuk tahun {tahun} "
            "sesuai Pedoman Reviu atas Laporan Kinerja. Substansi informasi yang dimuat dalam Laporan "
            f"Kinerja menjadi tanggung jawab manajemen {instansi}."
        ),
        Paragraf(
            "Reviu bertujuan untuk memberikan keyakinan terbatas bahwa laporan kinerja telah disajikan "
            "secara akurat, andal, dan valid."
        ),
        Paragraf(
            "Berdasarkan reviu kami, tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan "
            "dalam meyakini keandalan informasi yang disajikan di dalam laporan kinerja ini."
        ),
    ]


def _pernyataan_reviu(ctx: Konteks, p: PernyataanReviu, temuan: list, nomor: int) -> Bagian:
    """Pernyataan Telah Direviu (pedoman reviu, PermenPAN-RB 53/2014) yang ditandatangani Inspektur."""
    opd = ctx.opd.nama
    bag = Bagian("Pernyataan Telah Direviu", nomor=f"LAMPIRAN {nomor}")
    if p.nomor:
        bag.tambah(Paragraf(f"Nomor: {p.nomor}"))
    bag.tambah(
        *paragraf_pernyataan_reviu(opd, ctx.tahun),
        TandaTangan(
            [
                Penanda(
                    p.jabatan,
                    p.nama,
                    p.pangkat,
                    p.nip,
                    f"{ctx.opd.pemda.ibukota}, {tanggal_id(p.tanggal)}",
                )
            ]
        ),
    )
    if temuan:
        bag.tambah(_tabel_temuan(temuan))
    return bag


def _tabel_temuan(temuan: list) -> Tabel:
    from collections import Counter

    c = Counter((t.tingkat, t.status) for t in temuan)
    body = []
    for tingkat in ("kritis", "peringatan", "info"):
        body.append(
            [
                Sel(tingkat.capitalize()),
                angka(str(c[(tingkat, "terbuka")])),
                angka(str(c[(tingkat, "ditindaklanjuti")])),
                angka(str(c[(tingkat, "diterima")])),
            ]
        )
    return Tabel.buat(
        "Temuan Reviu menurut Tingkat dan Status",
        ["Tingkat", "Terbuka", "Ditindaklanjuti", "Diterima"],
        body,
    )


def _lampiran_reviu(ctx: Konteks, temuan: list, nomor: int) -> Bagian:
    bag = Bagian("Hasil Pemeriksaan Otomatis", nomor=f"LAMPIRAN {nomor}")
    bag.tambah(
        Paragraf(
            f"Angka LKjIP {ctx.opd.nama} tahun {ctx.tahun} telah diperiksa otomatis oleh sakip atas "
            "konsistensi angka tercetak dengan datanya. Pernyataan Telah Direviu dari Inspektorat belum "
            "ditandatangani. Ringkasan temuan dan status tindak lanjutnya:"
        ),
        _tabel_temuan(temuan),
    )
    return bag
