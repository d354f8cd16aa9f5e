"""Konteks bersama dokumen satu OPD-tahun (data dimuat sekali) dan pemformat angka/tanggal dokumen."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sakip.budget.services import Simpul, rekap_anggaran
from sakip.core.numbers import format_angka, format_persen
from sakip.documents.document import Bagian, Dokumen, Paragraf, Penanda, TandaTangan, beri_nomor
from sakip.measurement.services import BarisPengukuran, pengukuran
from sakip.organisations.models import PerangkatDaerah
from sakip.planning.models import Indikator, PerjanjianKinerja, Renstra, TahunKinerja
from sakip.reporting.models import Narasi

BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


class DokumenError(ValueError):
    pass


def n(value, places: int | None = 2) -> str:
    """Angka Indonesia; tanpa nol tak berarti untuk target dan realisasi."""
    if value is None:
        return "–"
    return format_angka(value, places, strip_zeros=True)


def pct(value) -> str:
    return "–" if value is None else format_persen(value)


def rp(value) -> str:
    return format_angka(value, 0)


def paragraf_narasi(narasi: dict[str, str], kunci: str, draf: list[str]) -> list[Paragraf]:
    """Narasi yang ditulis pengguna untuk bagian ``kunci`` (paragraf dipisah baris kosong), atau
    teks otomatis ``draf`` bertanda DRAF (LKjIP OPD dan Pemda)."""
    if narasi.get(kunci):
        return [Paragraf(p.strip()) for p in narasi[kunci].split("\n\n") if p.strip()]
    return [Paragraf(p, draf=True) for p in draf if p]


def tanggal_id(d) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}" if d else ""


def dianggarkan(simpul: list[Simpul]) -> list[Simpul]:
    """Simpul yang punya anggaran tahun ini; bila tidak satu pun, semuanya."""
    return [x for x in simpul if x.ada_data] or list(simpul)


@dataclass
class Konteks:
    """Data satu OPD-tahun untuk semua dokumen; setiap bagian dimuat sekali saat pertama dipakai."""

    opd: PerangkatDaerah
    tahun: int

    @cached_property
    def tk(self) -> TahunKinerja:
        tk = TahunKinerja.objects.filter(opd=self.opd, tahun=self.tahun).first()
        if tk is None:
            raise DokumenError(f"{self.opd.nama} belum punya data tahun {self.tahun}")
        return tk

    @cached_property
    def renstra(self) -> Renstra | None:
        return (
            Renstra.objects.filter(
                opd=self.opd, tahun_awal__lte=self.tahun, tahun_akhir__gte=self.tahun
            )
            .prefetch_related("tujuan__sasaran")
            .order_by("-tahun_awal")
            .first()
        )

    @cached_property
    def ukur(self) -> list[BarisPengukuran]:
        return pengukuran(self.opd, self.tahun)

    @cached_property
    def ukur_kode(self) -> dict[str, BarisPengukuran]:
        return {b.indikator.kode: b for b in self.ukur}

    @cached_property
    def rekap(self) -> Simpul:
        return rekap_anggaran(self.opd, self.tahun)

    @cached_property
    def narasi(self) -> dict[str, str]:
        return {x.kunci: x.teks for x in Narasi.objects.filter(opd=self.opd, tahun=self.tahun)}

    @cached_property
    def pk(self) -> list[PerjanjianKinerja]:
        return list(
            PerjanjianKinerja.objects.filter(opd=self.opd, tahun=self.tahun, jabatan__isnull=True)
            .prefetch_related(
                "indikator__indikator__sasaran",
                "indikator__rencana_aksi",
                "anggaran__program",
                "anggaran__kegiatan",
                "anggaran__sub_kegiatan",
            )
            .order_by("versi")
        )

    @cached_property
    def indikator_renstra(self) -> list[Indikator]:
        if not self.renstra:
            return []
        from django.db.models import Q

        from sakip.measurement.services import urutan_pohon

        # Urutan pohon Renstra diurutkan di Python: ORDER BY atas kolom sasaran yang NULL untuk
        # indikator tujuan menaruh NULL di awal pada SQLite dan di akhir pada PostgreSQL (dokumen
        # kedua mesin pernah berbeda; tests/golden menjaganya).
        qs = (
            Indikator.objects.filter(
                Q(tujuan__renstra=self.renstra) | Q(sasaran__tujuan__renstra=self.renstra),
                opd=self.opd,
            )
            .select_related("tujuan", "sasaran__tujuan")
            .prefetch_related("target")
        )
        return sorted(qs, key=urutan_pohon)

    @cached_property
    def renstra_rows(self) -> list[BarisPengukuran]:
        """Pengukuran indikator tujuan dan sasaran (kinerja organisasi)."""
        return [b for b in self.ukur if b.indikator.tingkat in ("tujuan", "sasaran")]

    @cached_property
    def terukur(self) -> list[BarisPengukuran]:
        return [b for b in self.renstra_rows if b.capaian.nilai is not None]

    @cached_property
    def tercapai(self) -> list[BarisPengukuran]:
        return [b for b in self.terukur if b.capaian.nilai >= 100]

    @cached_property
    def program(self) -> list[Simpul]:
        return [x for x in self.rekap.iter() if x.tingkat == "program"]

    @cached_property
    def kegiatan(self) -> list[Simpul]:
        return [x for x in self.rekap.iter() if x.tingkat == "kegiatan"]

    # Program/kegiatan yang punya anggaran tahun ini: satu hitungan untuk Ikhtisar dan Bab III
    # (dokumen sakip tidak boleh menyebut "4 program" di satu bab dan 3 di bab lain).
    # (yang dianggarkan bila ada; bila belum ada anggaran sama sekali, semuanya — sama dengan
    # hitungan yang diperiksa reviu, review.rules.konsistensi._hitung)
    @cached_property
    def program_dianggarkan(self) -> list[Simpul]:
        return dianggarkan(self.program)

    @cached_property
    def kegiatan_dianggarkan(self) -> list[Simpul]:
        return dianggarkan(self.kegiatan)

    def penanda_kepala(self, atas: str = "") -> Penanda:
        tk = self.tk
        return Penanda(
            tk.penandatangan_jabatan or f"Kepala {self.opd.nama}",
            tk.penandatangan_nama or self.opd.kepala_nama,
            tk.penandatangan_pangkat or self.opd.kepala_pangkat,
            tk.penandatangan_nip or self.opd.kepala_nip,
            atas,
        )

    def tempat_tanggal(self) -> str:
        tk = self.tk
        tempat = tk.tempat or self.opd.pemda.ibukota
        return f"{tempat}, {tanggal_id(tk.tanggal)}" if tk.tanggal else tempat

    def teks(self, kunci: str, draf: list[str]) -> list[Paragraf]:
        return paragraf_narasi(self.narasi, kunci, draf)


def dokumen_satu_bagian(ctx: Konteks, jenis: str, judul: str, judul_bagian: str, *isi) -> Dokumen:
    """Dokumen pendek tanpa sampul dan daftar isi: satu bagian bernama OPD berisi ``isi``, ditutup
    tanda tangan kepala OPD (Rencana Aksi, Pengukuran Kinerja Triwulan)."""
    opd = ctx.opd
    doc = Dokumen(
        jenis,
        judul,
        [opd.nama.upper(), opd.pemda.nama.upper()],
        f"{jenis}-{opd.slug}-{ctx.tahun}",
        daftar_isi=False,
        daftar_tabel=False,
        sampul=False,
    )
    bag = Bagian(judul_bagian, nomor=opd.nama.upper(), angka_bab=1)
    bag.tambah(*isi, TandaTangan([ctx.penanda_kepala(ctx.tempat_tanggal())]))
    doc.bagian.append(bag)
    return beri_nomor(doc)
