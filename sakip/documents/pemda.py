"""Dokumen tingkat Pemda: LKjIP Pemda (struktur PermenPAN-RB 53/2014), Perjanjian Kinerja Kepala
Daerah, dan pohon kinerja (Pemda atau satu OPD) sebagai dokumen lanskap.

Semua angka dihitung dari data: capaian indikator daerah dari target dan realisasi RPJMD,
kontribusi OPD dari keselarasan Renstra, realisasi APBD per urusan dari anggaran sub kegiatan
seluruh OPD. Model dokumennya sama dengan dokumen OPD, sehingga PDF, DOCX dan HTML sama isinya.
"""

from __future__ import annotations

from collections.abc import Callable

from sakip.budget.models import Anggaran
from sakip.core.anggaran import NOL, JumlahAnggaran, serapan
from sakip.documents.document import (
    Bagian,
    Dokumen,
    Paragraf,
    Penanda,
    Sel,
    Tabel,
    TandaTangan,
    angka,
    beri_nomor,
)
from sakip.measurement import ringkasan
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.reporting.pohon import (
    BarisIndikator,
    PohonPemda,
    SimpulPohon,
    bangun_pohon,
    sasaran_rpjmd_didukung,
)
from sakip.rpjmd.services import muat_pohon

from .konteks import DokumenError, n, pct, rp
from .pk_pemda import tabel_pk_kepala_daerah, tabel_program_kepala_daerah


def _pohon(pemda: Pemda, tahun: int) -> PohonPemda:
    pohon = bangun_pohon(pemda, tahun)
    if pohon.rpjmd is None:
        raise DokumenError(
            f"{pemda.nama} belum punya RPJMD yang mencakup tahun {tahun}; susun RPJMD lebih dahulu"
        )
    return pohon


def _pred(b: BarisIndikator | None) -> str:
    return b.predikat.label if b and b.predikat else "–"


def _cap(b: BarisIndikator) -> str:
    return pct(b.capaian.nilai) if b.capaian.nilai is not None else "–"


def _penanda_kepala_daerah(pemda: Pemda, atas: str = "") -> Penanda:
    return Penanda(
        (pemda.jabatan_kepala_daerah or "Kepala Daerah").upper(),
        pemda.kepala_daerah_nama or "(nama kepala daerah)",
        atas=atas,
    )


# -- tabel -----------------------------------------------------------------------------------


def tabel_rpjmd(pohon: PohonPemda) -> Tabel:
    """Tujuan, sasaran dan indikator RPJMD dengan kondisi awal, target tiap tahun, kondisi akhir."""
    rpj = pohon.rpjmd
    years = rpj.tahun_list
    kepala = [
        [
            Sel("No", rowspan=2),
            Sel("Tujuan / Sasaran", rowspan=2),
            Sel("Indikator Kinerja Daerah", rowspan=2),
            Sel("Satuan", rowspan=2),
            Sel("Kondisi Awal", rowspan=2),
            Sel("Target", colspan=len(years), rata="tengah"),
            Sel("Kondisi Akhir", rowspan=2),
        ],
        [Sel(str(y), rata="tengah") for y in years],
    ]
    baris: list[list] = []
    no = 0
    for t in muat_pohon(rpj):
        items = [(t.uraian, i) for i in t.indikator.all()]
        for s in t.sasaran.all():
            items += [(s.uraian, i) for i in s.indikator.all()] or [(s.uraian, None)]
        if not items:
            items = [(t.uraian, None)]
        sebelumnya = None
        for uraian, ind in items:
            no += 1
            uraian, sebelumnya = ("" if uraian == sebelumnya else uraian), uraian
            if ind is None:
                baris.append([str(no), uraian, "–", "", "", *[""] * len(years), ""])
                continue
            tg = {x.tahun: x.nilai for x in ind.target.all()}
            baris.append(
                [
                    str(no),
                    uraian,
                    ind.nama,
                    ind.satuan,
                    angka(n(ind.kondisi_awal)),
                    *[angka(n(tg.get(y))) for y in years],
                    angka(n(ind.kondisi_akhir)),
                ]
            )
    return Tabel.buat(
        f"Tujuan, Sasaran dan Indikator Kinerja {rpj.get_jenis_display()} {rpj.tahun_awal}–{rpj.tahun_akhir}",
        kepala,
        baris,
        sumber=str(rpj),
        kecil=len(years) > 5,
    )


def tabel_capaian_iku(pohon: PohonPemda) -> Tabel:
    baris = []
    for no, (ind, b) in enumerate(pohon.indikator_rpjmd, 1):
        baris.append(
            [
                str(no),
                ind.nama,
                ind.satuan,
                angka(n(b.target)),
                angka(n(b.realisasi)),
                angka(_cap(b)),
                _pred(b),
                b.sumber or "–",
            ]
        )
    return Tabel.buat(
        f"Capaian Indikator Kinerja Utama {pohon.pemda.nama} Tahun {pohon.tahun}",
        [
            "No",
            "Indikator",
            "Satuan",
            "Target",
            "Realisasi",
            "Capaian",
            "Predikat",
            "Sumber realisasi",
        ],
        baris,
        sumber=f"{pohon.rpjmd}; realisasi menurut sumber yang tercantum",
    )


def tabel_kontribusi(pohon: PohonPemda) -> Tabel:
    baris = []
    tebal = set()
    for t in muat_pohon(pohon.rpjmd):
        for s in t.sasaran.all():
            tebal.add(len(baris))
            baris.append([Sel(s.uraian, tebal=True, colspan=6)])
            ks = pohon.kontribusi.get(s.pk, [])
            if not ks:
                baris.append(["", "Belum ada Perangkat Daerah pendukung", "", "", "", ""])
            for k in ks:
                rows = k.indikator or [None]
                for j, b in enumerate(rows):
                    baris.append(
                        [
                            k.opd.nama if j == 0 else "",
                            "; ".join(k.unsur) if j == 0 else "",
                            b.nama if b else "–",
                            angka(n(b.target)) if b else "",
                            angka(n(b.realisasi)) if b else "",
                            angka(_cap(b)) if b else "",
                        ]
                    )
    return Tabel.buat(
        "Kontribusi Perangkat Daerah terhadap Sasaran RPJMD (cross-cutting)",
        [
            "Perangkat Daerah",
            "Tujuan/Sasaran OPD",
            "Indikator OPD",
            "Target",
            "Realisasi",
            "Capaian",
        ],
        baris,
        baris_tebal=tebal,
    )


def tabel_peringkat(pemda: Pemda, tahun: int) -> Tabel:
    rows = ringkasan.peringkat_opd(tahun, pemda.pk)
    nama = dict(PerangkatDaerah.objects.filter(pemda=pemda).values_list("pk", "nama"))
    skala = pemda.skala()
    baris = []
    for r in rows:
        rata = ringkasan.desimal(r.get("rata"))
        pred = skala.predikat(rata) if rata is not None else None
        baris.append(
            [
                str(r.get("peringkat_pemda") or ""),
                nama.get(r["opd_id"], ""),
                angka(str(r.get("jumlah", 0))),
                angka(f"{r.get('tercapai') or 0} / {r.get('terukur', 0)}"),
                angka(pct(rata)),
                pred.label if pred else "–",
            ]
        )
    return Tabel.buat(
        f"Capaian IKU Perangkat Daerah Tahun {tahun}",
        ["Peringkat", "Perangkat Daerah", "IKU", "Tercapai", "Rata-rata capaian", "Predikat"],
        baris or [["", "Belum ada data capaian OPD", "", "", "", ""]],
    )


def rekap_apbd_urusan(pemda: Pemda, tahun: int) -> list[tuple[str, str, JumlahAnggaran, bool]]:
    """(kode, nama, jumlah, adalah_urusan) per urusan dan bidang urusan, dari baris terendah."""
    per_bidang: dict[str, JumlahAnggaran] = {}
    nama: dict[str, str] = {}
    induk: dict[str, tuple[str, str]] = {}
    for a in Anggaran.objects.filter(
        opd__pemda=pemda, tahun=tahun, triwulan__isnull=True
    ).select_related(
        "kegiatan__program__bidang_urusan__induk",
        "sub_kegiatan__kegiatan__program__bidang_urusan__induk",
    ):
        keg = a.sub_kegiatan.kegiatan if a.sub_kegiatan_id else a.kegiatan
        b = keg.program.bidang_urusan
        per_bidang[b.kode] = per_bidang.get(b.kode, NOL) + JumlahAnggaran(a.pagu, a.realisasi)
        nama[b.kode] = b.nama
        if b.induk:
            induk[b.kode] = (b.induk.kode, b.induk.nama)
        else:
            induk[b.kode] = (b.kode.split(".")[0], "")
    out = []
    urusan: dict[str, list[str]] = {}
    for k in sorted(per_bidang):
        urusan.setdefault(induk[k][0], []).append(k)
    for u, bidang in sorted(urusan.items()):
        total = NOL
        for k in bidang:
            total = total + per_bidang[k]
        out.append((u, next(induk[k][1] for k in bidang) or f"Urusan {u}", total, True))
        for k in bidang:
            out.append((k, nama[k], per_bidang[k], False))
    return out


def tabel_apbd(pemda: Pemda, tahun: int) -> Tabel:
    rows = rekap_apbd_urusan(pemda, tahun)
    baris, tebal = [], set()
    total = NOL
    for kode, nm, j, is_urusan in rows:
        if is_urusan:
            tebal.add(len(baris))
            total = total + j
        s = serapan(j.pagu, j.realisasi).nilai
        baris.append([kode, nm, angka(rp(j.pagu)), angka(rp(j.realisasi)), angka(pct(s))])
    tebal.add(len(baris))
    baris.append(
        [
            "",
            Sel("Jumlah", tebal=True),
            angka(rp(total.pagu)),
            angka(rp(total.realisasi)),
            angka(pct(serapan(total.pagu, total.realisasi).nilai)),
        ]
    )
    return Tabel.buat(
        f"Realisasi APBD per Urusan Tahun {tahun}",
        ["Kode", "Urusan / Bidang Urusan", "Pagu (Rp)", "Realisasi (Rp)", "Serapan"],
        baris,
        baris_tebal=tebal,
        sumber="dijumlahkan sakip dari anggaran sub kegiatan seluruh Perangkat Daerah",
    )


def _baris_simpul(node: SimpulPohon, depth: int, out: list, tebal: set) -> None:
    ind = node.indikator or [None]
    jab = ""
    if node.jabatan:
        jab = node.jabatan.nama + (
            f" ({node.jabatan.pemegang_nama})" if node.jabatan.pemegang_nama else ""
        )
    for j, b in enumerate(ind):
        first = j == 0
        if first and depth <= 2:
            tebal.add(len(out))
        out.append(
            [
                node.label_jenis if first else "",
                (
                    "›\u00a0" * depth
                    + (f"{node.kode} " if node.kode and node.jenis not in ("opd",) else "")
                    + node.nama
                    + (
                        f" (kinerja: {node.kinerja})"
                        if node.kinerja and node.jenis in ("program", "kegiatan", "sub_kegiatan")
                        else ""
                    )
                    + "".join(f"; crosscutting: {c.nama_mitra}" for c in node.crosscutting)
                )
                if first
                else "",
                jab if first else "",
                b.nama if b else "",
                angka(n(b.target)) if b else "",
                angka(n(b.realisasi)) if b else "",
                angka(_cap(b)) if b else "",
                (b.predikat.label if b and b.predikat else "")
                if b
                else (node.predikat.label if first and node.predikat else ""),
                angka(rp(node.anggaran.pagu)) if first and node.anggaran else "",
                angka(pct(serapan(node.anggaran.pagu, node.anggaran.realisasi).nilai))
                if first and node.anggaran
                else "",
            ]
        )
    for a in node.anak:
        _baris_simpul(a, depth + 1, out, tebal)


def tabel_pohon(judul: str, akar: list[SimpulPohon]) -> Tabel:
    baris: list = []
    tebal: set = set()
    for a in akar:
        _baris_simpul(a, 0, baris, tebal)
    return Tabel.buat(
        judul,
        [
            "Tingkat",
            "Uraian",
            "Penanggung jawab",
            "Indikator",
            "Target",
            "Realisasi",
            "Capaian",
            "Predikat",
            "Pagu (Rp)",
            "Serapan",
        ],
        baris,
        baris_tebal=tebal,
        kecil=True,
        lebar=[1.1, 3.4, 2.0, 3.0, 0.9, 0.9, 0.9, 1.0, 1.3, 0.8],
    )


# -- dokumen ---------------------------------------------------------------------------------


def bangun_lkjip_pemda(pemda: Pemda, tahun: int) -> Dokumen:
    """LKjIP Pemda (:mod:`.lkjip_pemda`; dimuat di sini agar daftar pembangun tetap satu)."""
    from .lkjip_pemda import bangun

    return bangun(pemda, tahun)


def bangun_pk_pemda(pemda: Pemda, tahun: int) -> Dokumen:
    pohon = _pohon(pemda, tahun)
    jab = pemda.jabatan_kepala_daerah or "Kepala Daerah"
    doc = Dokumen(
        "pk-pemda",
        f"PERJANJIAN KINERJA TAHUN {tahun}",
        [pemda.nama.upper()],
        f"pk-{pemda.slug}-{tahun}",
        daftar_isi=False,
        daftar_tabel=False,
        sampul=False,
    )
    bag = Bagian(f"PERJANJIAN KINERJA TAHUN {tahun}", nomor=pemda.nama.upper(), angka_bab=1)
    bag.tambah(
        Paragraf(
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel "
            f"serta berorientasi pada hasil, {jab} menetapkan target kinerja tahun {tahun} sebagai "
            f"penjabaran {pohon.rpjmd}, sebagaimana tercantum dalam lampiran perjanjian ini."
        ),
        Paragraf(
            "Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab "
            f"{jab} dan dilaksanakan melalui Perjanjian Kinerja setiap Kepala Perangkat Daerah."
        ),
        TandaTangan([_penanda_kepala_daerah(pemda, f"{pemda.ibukota or ''}, {tahun}".strip(", "))]),
        tabel_pk_kepala_daerah(pohon),
        tabel_program_kepala_daerah(pohon),
    )
    doc.bagian.append(bag)
    return beri_nomor(doc)


def bangun_pohon_dokumen(pemda: Pemda, tahun: int, opd: PerangkatDaerah | None = None) -> Dokumen:
    pohon = bangun_pohon(pemda, tahun, opd=opd)
    pengantar: list = []
    if opd is not None:
        akar = [pohon.opd[opd.pk]]
        nama, slug = opd.nama, opd.slug
        didukung = sasaran_rpjmd_didukung(pohon, opd)
        if didukung:
            pengantar.append(
                Paragraf(
                    f"Pohon kinerja {opd.nama} mendukung sasaran {pohon.rpjmd}: "
                    + "; ".join(f"{s.kode} {s.nama}".strip() for s in didukung)
                    + "."
                )
            )
        elif pohon.rpjmd is not None:
            pengantar.append(
                Paragraf(f"Renstra {opd.nama} belum ditautkan ke sasaran {pohon.rpjmd}.", draf=True)
            )
    else:
        if pohon.akar is None:
            raise DokumenError(
                f"{pemda.nama} belum punya RPJMD yang mencakup tahun {tahun}; pohon kinerja Pemda berakar pada RPJMD"
            )
        akar = [pohon.akar]
        nama, slug = pemda.nama, pemda.slug
    doc = Dokumen(
        "pohon",
        f"POHON KINERJA TAHUN {tahun}",
        [nama.upper()],
        f"pohon-{slug}-{tahun}",
        daftar_isi=False,
        daftar_tabel=False,
        sampul=False,
    )
    doc.lampiran.append(
        Bagian(f"Pohon Kinerja {nama} Tahun {tahun}").tambah(
            *pengantar,
            Paragraf(
                "Capaian simpul = rata-rata capaian indikatornya, atau rata-rata anaknya bila simpul "
                "tidak berindikator; anggaran = pagu dan serapan sub kegiatan di bawahnya."
            ),
            tabel_pohon(f"Pohon Kinerja {nama} Tahun {tahun}", akar),
        )
    )
    return beri_nomor(doc)


PEMDA_BUILDERS: dict[str, Callable[..., Dokumen]] = {
    "lkjip-pemda": bangun_lkjip_pemda,
    "pk-pemda": bangun_pk_pemda,
    "pohon": bangun_pohon_dokumen,
}
