"""LKjIP Pemda menurut sistematika PermenPAN-RB 53/2014 (Lampiran III): Kata Pengantar, Ikhtisar
Eksekutif, Bab I (latar belakang, gambaran umum, isu strategis, Perangkat Daerah, sistematika),
Bab II (RPJMD, PK Kepala Daerah dengan program dan anggaran), Bab III A capaian kinerja per sasaran
RPJMD dengan analisisnya — target dan realisasi, realisasi tahun-tahun sebelumnya, target akhir
RPJMD, program pendukung, efisiensi sumber daya, penyebab dan solusi (narasi) — dan III B realisasi
anggaran per sasaran dan per urusan, Bab IV penutup; lampiran PK, pohon kinerja dan Pernyataan
Telah Direviu Inspektorat.

Angka dihitung dari data (pohon kinerja Pemda tahun itu dan dua tahun sebelumnya). Narasi yang
ditulis Admin Pemda (:mod:`sakip.reporting.lkjip_pemda`) menggantikan teks otomatis; teks otomatis
bertanda DRAF sampai LKjIP Pemda ditetapkan, dan dokumen yang ditetapkan tidak pernah bertanda DRAF.
"""

from __future__ import annotations

from decimal import Decimal

from sakip.core.anggaran import NOL, JumlahAnggaran
from sakip.core.capaian import hitung_capaian
from sakip.core.efisiensi import analisis_efisiensi
from sakip.core.numbers import format_angka
from sakip.documents.document import (
    Bagian,
    Daftar,
    Dokumen,
    Paragraf,
    Penanda,
    Tabel,
    TandaTangan,
    angka,
    beri_nomor,
)
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.reporting.lkjip_pemda import narasi_pemda
from sakip.reporting.models import PersetujuanLkjipPemda
from sakip.reporting.pohon import BarisIndikator, PohonPemda, SimpulPohon, bangun_pohon
from sakip.rpjmd.models import IndikatorRPJMD
from sakip.workflow.models import StatusAlur

from . import charts
from .konteks import n, paragraf_narasi, pct, rp, tanggal_id
from .lkjip import paragraf_pernyataan_reviu
from .pemda import (
    _cap,
    _penanda_kepala_daerah,
    _pohon,
    _pred,
    tabel_apbd,
    tabel_capaian_iku,
    tabel_kontribusi,
    tabel_peringkat,
    tabel_pohon,
    tabel_rpjmd,
)
from .pk_pemda import program_kepala_daerah, tabel_pk_kepala_daerah, tabel_program_kepala_daerah


def _sasaran(pohon: PohonPemda) -> list[SimpulPohon]:
    return [x for x in pohon.akar.iter() if x.jenis == "sasaran_rpjmd"] if pohon.akar else []


def _per_indikator(pohon: PohonPemda) -> dict[int, BarisIndikator]:
    return {i.pk: b for i, b in pohon.indikator_rpjmd}


def _target_akhir(ind: IndikatorRPJMD, tahun_akhir: int):
    t = next((x for x in ind.target.all() if x.tahun == tahun_akhir), None)
    if t is not None:
        return t.as_target, t.nilai
    return ind.kondisi_akhir, ind.kondisi_akhir


def _anggaran(program: list[SimpulPohon]) -> JumlahAnggaran | None:
    ada = [p.anggaran for p in program if p.anggaran is not None]
    if not ada:
        return None
    return sum(ada[1:], ada[0]) if len(ada) > 1 else ada[0]


def _program_per_sasaran(pohon: PohonPemda) -> dict[int, list[SimpulPohon]]:
    out: dict[int, list[SimpulPohon]] = {}
    for sas, prog in program_kepala_daerah(pohon):
        out.setdefault(id(sas), []).append(prog)
    return out


def _rata(nilai: list[Decimal]) -> Decimal | None:
    return sum(nilai, Decimal(0)) / len(nilai) if nilai else None


def _tanggal(pemda: Pemda, p: PersetujuanLkjipPemda | None, tahun: int) -> str:
    tempat = pemda.ibukota or pemda.nama
    if p is not None and p.tanggal:
        return f"{tempat}, {tanggal_id(p.tanggal)}"
    return f"{tempat}, .................... {tahun + 1}"


def tabel_analisis_sasaran(
    pohon: PohonPemda,
    sas: SimpulPohon,
    lalu: dict[int, BarisIndikator],
    lalu2: dict[int, BarisIndikator],
) -> Tabel:
    """Satu sasaran: realisasi dua tahun sebelumnya, target dan realisasi tahun ini, target akhir
    RPJMD dan capaian terhadapnya (polaritas indikator dihormati)."""
    tahun, rpj = pohon.tahun, pohon.rpjmd
    baris = []
    for b in sas.indikator:
        ind = b.obj
        if not isinstance(ind, IndikatorRPJMD):
            continue
        t_akhir, nilai_akhir = _target_akhir(ind, rpj.tahun_akhir)
        terhadap_akhir = hitung_capaian(
            t_akhir, b.realisasi, ind.polaritas, pohon.pemda.metode_turun
        )
        r1, r2 = lalu.get(ind.pk), lalu2.get(ind.pk)
        baris.append(
            [
                ind.nama,
                ind.satuan,
                angka(n(r2.realisasi) if r2 else "–"),
                angka(n(r1.realisasi) if r1 else "–"),
                angka(n(b.target)),
                angka(n(b.realisasi)),
                angka(_cap(b)),
                angka(n(nilai_akhir)),
                angka(pct(terhadap_akhir.nilai) if terhadap_akhir.nilai is not None else "–"),
            ]
        )
    return Tabel.buat(
        f"Capaian Sasaran {sas.kode}: {sas.nama}",
        [
            "Indikator",
            "Satuan",
            f"Realisasi {tahun - 2}",
            f"Realisasi {tahun - 1}",
            f"Target {tahun}",
            f"Realisasi {tahun}",
            f"Capaian {tahun}",
            f"Target akhir RPJMD ({rpj.tahun_akhir})",
            "Capaian thd target akhir",
        ],
        baris or [["Sasaran ini belum berindikator", "", "", "", "", "", "", "", ""]],
        sumber="Target dan realisasi RPJMD; realisasi OPD yang mendukung bila realisasi daerah "
        "belum dicatat",
    )


def tabel_pembanding(pohon: PohonPemda, sas: SimpulPohon) -> list[Tabel]:
    """Pembanding antarwilayah (kabupaten/kota se-provinsi, provinsi, nasional) bagi indikator
    sasaran ini: seri data OPD yang indikatornya mengukur indikator daerah itu, nilai tahun laporan."""
    from sakip.measurement.models import NilaiSeri

    ids = [b.obj.pk for b in sas.indikator if isinstance(b.obj, IndikatorRPJMD)]
    if not ids:
        return []
    out = []
    nilai = (
        NilaiSeri.objects.filter(
            seri__indikator__indikator_rpjmd__in=ids,
            seri__opd__pemda=pohon.pemda,
            tahun=pohon.tahun,
        )
        .select_related("seri__indikator")
        .order_by("seri__kode", "urutan", "wilayah")
    )
    per_seri: dict[int, list] = {}
    for x in nilai:
        per_seri.setdefault(x.seri_id, []).append(x)
    for baris_seri in per_seri.values():
        seri = baris_seri[0].seri
        baris, tebal = [], set()
        for x in baris_seri:
            if x.agregat:
                tebal.add(len(baris))
            baris.append([x.wilayah or pohon.pemda.nama, angka(n(x.nilai))])
        out.append(
            Tabel.buat(
                f"Perbandingan {seri.nama} Tahun {pohon.tahun}",
                ["Wilayah", f"Nilai ({seri.satuan})" if seri.satuan else "Nilai"],
                baris,
                baris_tebal=tebal,
                sumber=seri.sumber or "Seri data OPD",
            )
        )
    return out


def _kalimat_sasaran(
    pohon: PohonPemda, sas: SimpulPohon, lalu: dict[int, BarisIndikator]
) -> list[str]:
    out = []
    for b in sas.indikator:
        ind = b.obj
        if not isinstance(ind, IndikatorRPJMD):
            continue
        if b.capaian.nilai is None:
            alasan = "realisasinya belum tercatat" if b.realisasi is None else "targetnya belum ada"
            out.append(f"Capaian {ind.nama} tahun {pohon.tahun} belum dapat dihitung: {alasan}.")
            continue
        kal = (
            f"{ind.nama}: target {n(b.target)} {ind.satuan}, realisasi {n(b.realisasi)} "
            f"{ind.satuan}{f' ({b.sumber})' if b.sumber else ''}; capaian {_cap(b)}, predikat "
            f"{_pred(b)}."
        )
        r1 = lalu.get(ind.pk)
        if r1 is not None and r1.realisasi is not None and b.realisasi is not None:
            arah = (
                "tetap"
                if r1.realisasi == b.realisasi
                else ("naik" if b.realisasi > r1.realisasi else "turun")
            )
            kal += f" Dibanding tahun {pohon.tahun - 1} ({n(r1.realisasi)}) realisasinya {arah}."
        out.append(kal)
    return out


def _efisiensi(
    sas: SimpulPohon, program: list[SimpulPohon]
) -> tuple[JumlahAnggaran | None, Decimal | None, object]:
    ang = _anggaran(program)
    cap = _rata([b.capaian.nilai for b in sas.indikator if b.capaian.nilai is not None])
    serap = ang.serapan.nilai if ang is not None else None
    return ang, cap, analisis_efisiensi(cap, serap)


def tabel_anggaran_sasaran(pohon: PohonPemda, program: dict[int, list[SimpulPohon]]) -> Tabel:
    """III B: pagu dan realisasi program pendukung per sasaran RPJMD, dan efisiensinya."""
    baris, tebal = [], set()
    total = NOL
    for sas in _sasaran(pohon):
        prog = program.get(id(sas), [])
        ang, cap, ef = _efisiensi(sas, prog)
        if ang is not None:
            total = total + ang
        baris.append(
            [
                f"{sas.kode} {sas.nama}".strip(),
                str(len(prog)),
                angka(rp(ang.pagu) if ang else "–"),
                angka(rp(ang.realisasi) if ang else "–"),
                angka(pct(ang.serapan.nilai) if ang and ang.serapan.nilai is not None else "–"),
                angka(pct(cap) if cap is not None else "–"),
                ef.kesimpulan or "–",
            ]
        )
    if baris:
        baris.append(
            [
                "Jumlah",
                "",
                angka(rp(total.pagu)),
                angka(rp(total.realisasi)),
                angka(pct(total.serapan.nilai) if total.serapan.nilai is not None else "–"),
                "",
                "",
            ]
        )
        tebal.add(len(baris) - 1)
    return Tabel.buat(
        f"Realisasi Anggaran per Sasaran RPJMD Tahun {pohon.tahun}",
        [
            "Sasaran",
            "Program",
            "Pagu (Rp)",
            "Realisasi (Rp)",
            "Serapan",
            "Capaian rata-rata",
            "Efisiensi",
        ],
        baris or [["Belum ada sasaran RPJMD", "", "", "", "", "", ""]],
        baris_tebal=tebal,
        sumber="Program OPD yang mendukung setiap sasaran (pohon kinerja), anggaran sub kegiatannya; "
        "efisiensi = capaian rata-rata ÷ serapan (standar 1,00)",
    )


def bangun(pemda: Pemda, tahun: int) -> Dokumen:
    pohon = _pohon(pemda, tahun)
    lalu = _per_indikator(bangun_pohon(pemda, tahun - 1))
    lalu2 = _per_indikator(bangun_pohon(pemda, tahun - 2))
    rpj = pohon.rpjmd
    opds = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama"))
    persetujuan = PersetujuanLkjipPemda.objects.filter(pemda=pemda, tahun=tahun).first()
    narasi = narasi_pemda(pemda, tahun)

    def teks(kunci: str, draf: list[str]) -> list[Paragraf]:
        return paragraf_narasi(narasi, kunci, draf)

    tanggal = _tanggal(pemda, persetujuan, tahun)
    program = _program_per_sasaran(pohon)
    doc = Dokumen(
        "lkjip-pemda",
        f"LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN {tahun}",
        [pemda.nama.upper()],
        f"lkjip-{pemda.slug}-{tahun}",
    )
    iku = [(i, b) for i, b in pohon.indikator_rpjmd if i.iku]
    terukur = [(i, b) for i, b in iku if b.capaian.nilai is not None]
    tercapai = [(i, b) for i, b in terukur if b.capaian.nilai >= 100]
    belum = [(i, b) for i, b in terukur if b.capaian.nilai < 100]
    kepala = pemda.jabatan_kepala_daerah or "Kepala Daerah"

    kp = Bagian("KATA PENGANTAR")
    kp.isi += teks(
        "kata_pengantar",
        [
            f"Laporan Kinerja Instansi Pemerintah (LKjIP) {pemda.nama} Tahun {tahun} disusun sebagai "
            f"pertanggungjawaban {kepala} atas pelaksanaan {rpj} pada tahun ke-"
            f"{tahun - rpj.tahun_awal + 1} periodenya, menurut Peraturan Presiden Nomor 29 Tahun 2014 "
            "dan Peraturan Menteri PANRB Nomor 53 Tahun 2014.",
            "Laporan ini memuat perencanaan kinerja, capaian kinerja beserta analisisnya, dan "
            "realisasi anggaran, sebagai bahan perbaikan kinerja pada tahun berikutnya.",
        ],
    )
    kp.isi.append(TandaTangan([_penanda_kepala_daerah(pemda, tanggal)]))
    doc.bagian.append(kp)

    ik = Bagian("IKHTISAR EKSEKUTIF")
    ik.isi += teks(
        "ikhtisar",
        [
            f"Dari {len(iku)} Indikator Kinerja Utama {pemda.nama}, {len(terukur)} dapat diukur "
            f"capaiannya dan {len(tercapai)} mencapai atau melampaui target tahun {tahun}."
            + (
                " Yang belum mencapai target: "
                + "; ".join(f"{i.nama} ({_cap(b)})" for i, b in belum)
                + "."
                if belum
                else ""
            ),
        ],
    )
    total = _anggaran([p for ps in program.values() for p in ps])
    if total is not None:
        ik.tambah(
            Paragraf(
                f"Program Perangkat Daerah yang mendukung sasaran RPJMD dianggarkan "
                f"Rp{rp(total.pagu)} dan terealisasi Rp{rp(total.realisasi)} "
                f"({pct(total.serapan.nilai) if total.serapan.nilai is not None else '–'}).",
                draf="ikhtisar" not in narasi,
            )
        )
    doc.bagian.append(ik)

    b1 = Bagian("PENDAHULUAN", nomor="BAB I", angka_bab=1, halaman_baru=True)
    b1.sub("Latar Belakang", "1.1").tambah(
        Paragraf(
            "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
            "Pemerintah mewajibkan setiap pemerintah daerah menyusun laporan kinerja tahunan atas "
            "pencapaian sasaran rencana pembangunan jangka menengahnya. Laporan ini disusun menurut "
            "Peraturan Menteri PANRB Nomor 53 Tahun 2014.",
            draf=True,
        )
    )
    s12 = b1.sub("Gambaran Umum", "1.2")
    s12.isi += teks(
        "gambaran_umum",
        [
            f"{pemda.nama} menyelenggarakan urusan pemerintahan daerah melalui {len(opds)} Perangkat "
            f"Daerah yang datanya dikelola di sakip, dipimpin {kepala}"
            + (f" {pemda.kepala_daerah_nama}" if pemda.kepala_daerah_nama else "")
            + "."
            + (f" Visi pembangunan daerah: “{rpj.visi}”." if rpj.visi else ""),
        ],
    )
    s13 = b1.sub("Isu Strategis", "1.3")
    isu = [
        f"{i.nama} tahun {tahun - 1} baru mencapai {pct(b.capaian.nilai)} dari targetnya."
        for i, b in ((i, lalu.get(i.pk)) for i, _ in iku)
        if b is not None and b.capaian.nilai is not None and b.capaian.nilai < 100
    ] + [
        f"Sasaran RPJMD “{s.uraian}” belum didukung Perangkat Daerah mana pun."
        for s in pohon.sasaran_tanpa_opd
    ]
    s13.isi += teks(
        "isu_strategis",
        [
            "Isu strategis yang terbaca dari capaian tahun sebelumnya dan keselarasan RPJMD: "
            + " ".join(isu)
            if isu
            else f"Capaian tahun {tahun - 1} tidak menunjukkan indikator kinerja utama yang "
            "tertinggal dari targetnya; tuliskan isu strategis daerah di narasi LKjIP Pemda.",
        ],
    )
    b1.sub("Perangkat Daerah", "1.4").tambah(
        Tabel.buat(
            f"Perangkat Daerah {pemda.nama}",
            ["No", "Perangkat Daerah", "Kepala"],
            [[str(i), o.nama, o.kepala_nama or "–"] for i, o in enumerate(opds, 1)],
        )
    )
    b1.sub("Sistematika", "1.5").tambah(
        Daftar(
            [
                "Bab I Pendahuluan: latar belakang, gambaran umum, isu strategis.",
                "Bab II Perencanaan Kinerja: RPJMD dan Perjanjian Kinerja Kepala Daerah.",
                "Bab III Akuntabilitas Kinerja: capaian kinerja per sasaran dengan analisisnya, "
                "dan realisasi anggaran.",
                "Bab IV Penutup: kesimpulan dan langkah perbaikan ke depan.",
            ]
        )
    )
    doc.bagian.append(b1)

    b2 = Bagian("PERENCANAAN KINERJA", nomor="BAB II", angka_bab=2, halaman_baru=True)
    s21 = b2.sub(f"{rpj.get_jenis_display()} {rpj.tahun_awal}–{rpj.tahun_akhir}", "2.1")
    if rpj.visi:
        s21.tambah(Paragraf(f"Visi: “{rpj.visi}”."))
    if rpj.misi:
        s21.tambah(Paragraf("Misi:"), Daftar(list(rpj.misi)))
    s21.tambah(tabel_rpjmd(pohon))
    s22 = b2.sub(f"Perjanjian Kinerja {kepala} Tahun {tahun}", "2.2")
    s22.tambah(tabel_pk_kepala_daerah(pohon), tabel_program_kepala_daerah(pohon))
    doc.bagian.append(b2)

    b3 = Bagian("AKUNTABILITAS KINERJA", nomor="BAB III", angka_bab=3, halaman_baru=True)
    s3a = b3.sub("A. Capaian Kinerja", "3.1")
    s3a.tambah(tabel_capaian_iku(pohon))
    g = charts.target_realisasi(
        "Target dan Realisasi Indikator Kinerja Utama Pemda",
        [(i.nama, b.target, b.realisasi) for i, b in iku],
    )
    if g:
        s3a.tambah(g)
    for k, sas in enumerate(_sasaran(pohon), 1):
        s = b3.sub(f"Sasaran {sas.kode}: {sas.nama}", f"3.1.{k}")
        s.tambah(tabel_analisis_sasaran(pohon, sas, lalu, lalu2), *tabel_pembanding(pohon, sas))
        s.isi += teks(f"analisis:{sas.kode}", _kalimat_sasaran(pohon, sas, lalu))
        prog = program.get(id(sas), [])
        if prog:
            s.tambah(
                Paragraf("Program Perangkat Daerah yang mendukung sasaran ini:"),
                Daftar(
                    [
                        f"{p.kode} {p.nama} — {p.opd.nama if p.opd else ''}"
                        + (
                            f" (pagu Rp{rp(p.anggaran.pagu)}, realisasi Rp{rp(p.anggaran.realisasi)})"
                            if p.anggaran
                            else ""
                        )
                        for p in prog
                    ]
                ),
            )
        else:
            s.tambah(Paragraf("Belum ada program Perangkat Daerah yang ditautkan ke sasaran ini."))
    s32 = b3.sub("Kontribusi Perangkat Daerah", "3.2")
    s32.tambah(tabel_kontribusi(pohon))
    if pohon.sasaran_tanpa_opd:
        s32.tambah(
            Paragraf(
                "Sasaran RPJMD yang belum didukung Perangkat Daerah mana pun: "
                + "; ".join(s.uraian for s in pohon.sasaran_tanpa_opd)
                + "."
            )
        )
    s32.tambah(tabel_peringkat(pemda, tahun))
    s33 = b3.sub("Efisiensi Penggunaan Sumber Daya", "3.3")
    ef_kal = []
    for sas in _sasaran(pohon):
        ang, cap, ef = _efisiensi(sas, program.get(id(sas), []))
        if ef.indeks is not None:
            ef_kal.append(
                f"Sasaran {sas.kode}: capaian rata-rata {pct(cap)} dengan serapan anggaran "
                f"{pct(ang.serapan.nilai)} (indeks efisiensi {format_angka(ef.indeks, 2)}, "
                f"{ef.kesimpulan})."
            )
    s33.isi += teks(
        "efisiensi",
        ef_kal
        or ["Efisiensi belum dapat dihitung: capaian atau serapan anggaran per sasaran belum ada."],
    )
    s3b = b3.sub("B. Realisasi Anggaran", "3.4")
    s3b.tambah(tabel_anggaran_sasaran(pohon, program), tabel_apbd(pemda, tahun))
    doc.bagian.append(b3)

    b4 = Bagian("PENUTUP", nomor="BAB IV", angka_bab=4, halaman_baru=True)
    b4.sub("Kesimpulan", "4.1").isi += teks(
        "kesimpulan",
        [
            f"Pada tahun {tahun}, {len(tercapai)} dari {len(terukur)} Indikator Kinerja Utama "
            f"{pemda.nama} yang terukur mencapai target."
            + (
                f" {len(iku) - len(terukur)} indikator belum dapat diukur dan perlu dilengkapi datanya."
                if len(iku) > len(terukur)
                else ""
            ),
        ],
    )
    s42 = b4.sub("Langkah Perbaikan ke Depan", "4.2")
    s42.isi += teks(
        "saran",
        [f"Meningkatkan capaian {i.nama} yang baru mencapai {_cap(b)}." for i, b in belum]
        or ["Mempertahankan capaian indikator kinerja utama pada tahun berikutnya."],
    )
    s42.tambah(TandaTangan([_penanda_kepala_daerah(pemda, tanggal)]))  # penutup bab, sesudah 4.2
    doc.bagian.append(b4)

    doc.lampiran.append(
        Bagian(f"Perjanjian Kinerja {kepala}", nomor="LAMPIRAN 1").tambah(
            tabel_pk_kepala_daerah(pohon), tabel_program_kepala_daerah(pohon)
        )
    )
    doc.lampiran.append(
        Bagian("Pohon Kinerja", nomor="LAMPIRAN 2").tambah(
            tabel_pohon(f"Pohon Kinerja {pemda.nama} Tahun {tahun}", [pohon.akar])
        )
    )
    if persetujuan is not None and persetujuan.direviu:
        doc.lampiran.append(_pernyataan_reviu(pemda, tahun, persetujuan))
    if persetujuan is not None and persetujuan.status == StatusAlur.DISETUJUI:
        doc.disahkan()
    return beri_nomor(doc)


def _pernyataan_reviu(pemda: Pemda, tahun: int, p: PersetujuanLkjipPemda) -> Bagian:
    bag = Bagian("Pernyataan Telah Direviu", nomor="LAMPIRAN 3")
    bag.tambah(
        *paragraf_pernyataan_reviu(pemda.nama, tahun),
        TandaTangan(
            [
                Penanda(
                    f"INSPEKTUR {pemda.nama.upper()}",
                    p.reviu_nama,
                    p.reviu_pangkat,
                    p.reviu_nip,
                    f"{pemda.ibukota or pemda.nama}, {tanggal_id(p.reviu_tanggal)}",
                )
            ]
        ),
    )
    return bag
