"""Dokumen Perjanjian Kinerja (murni atau perubahan) dengan lampiran anggaran program."""

from __future__ import annotations

from sakip.documents.document import (
    Bagian,
    Daftar,
    Dokumen,
    Paragraf,
    Penanda,
    TandaTangan,
    beri_nomor,
)
from sakip.organisations.models import PerangkatDaerah

from .konteks import DokumenError, Konteks, tanggal_id
from .tabel import tabel_pk


# ---------------------------------------------------------------------------
# Dokumen lain
# ---------------------------------------------------------------------------
def bangun_pk(
    opd: PerangkatDaerah, tahun: int, versi: int | None = None, jabatan: str | None = None
) -> Dokumen:
    """PK kepala OPD dengan kepala daerah, atau (``jabatan`` = kode) PK satu jabatan dengan
    atasannya (cascading)."""
    ctx = Konteks(opd, tahun)
    pks = ctx.pk
    if jabatan:
        from sakip.planning.models import PerjanjianKinerja

        pks = list(
            PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun, jabatan__kode=jabatan)
            .select_related("jabatan")
            .prefetch_related("indikator__indikator__program", "indikator__indikator__kegiatan")
            .prefetch_related(
                "indikator__indikator__sub_kegiatan",
                "anggaran__program",
                "anggaran__kegiatan",
                "anggaran__sub_kegiatan",
            )
            .order_by("versi")
        )
        if not pks:
            raise DokumenError(f"Jabatan '{jabatan}' belum punya Perjanjian Kinerja tahun {tahun}")
    if not pks:
        raise DokumenError(f"{opd.nama} belum punya Perjanjian Kinerja tahun {tahun}")
    pk = next((p for p in pks if p.versi == versi), None) if versi else pks[-1]
    if pk is None:
        raise DokumenError(f"Perjanjian Kinerja versi {versi} tahun {tahun} tidak ada")
    judul = "PERJANJIAN KINERJA" if pk.versi == 1 else "PERJANJIAN KINERJA PERUBAHAN"
    doc = Dokumen(
        "pk",
        f"{judul} TAHUN {tahun}",
        [opd.nama.upper(), opd.pemda.nama.upper()],
        f"pk-{opd.slug}-{tahun}-v{pk.versi}"
        if not jabatan
        else f"pk-{opd.slug}-{jabatan}-{tahun}-v{pk.versi}",
        daftar_isi=False,
        daftar_tabel=False,
        sampul=False,
    )
    pihak2 = pk.pihak_kedua_jabatan or opd.pemda.jabatan_kepala_daerah or "Kepala Daerah"
    pihak1 = Penanda(
        pk.pihak_pertama_jabatan or f"Kepala {opd.nama}",
        pk.pihak_pertama_nama
        or (opd.kepala_nama if not pk.jabatan_id else "(nama pemegang jabatan)"),
        pk.pihak_pertama_pangkat,
        pk.pihak_pertama_nip,
        "PIHAK PERTAMA,",
    )
    bag = Bagian(f"{judul} TAHUN {tahun}", nomor=opd.nama.upper(), angka_bab=1)
    bag.tambah(
        Paragraf(
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi pada hasil, "
            "kami yang bertanda tangan di bawah ini:"
        ),
        Daftar(
            [
                f"Nama: {pihak1.nama}; Jabatan: {pihak1.jabatan} — selanjutnya disebut PIHAK PERTAMA",
                f"Nama: {pk.pihak_kedua_nama or '(nama)'}; Jabatan: {pihak2} — selanjutnya disebut PIHAK KEDUA",
            ]
        ),
        Paragraf(
            "PIHAK PERTAMA berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, dalam "
            "rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan. "
            "Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami."
        ),
        Paragraf(
            "PIHAK KEDUA akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian kinerja "
            "dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan dan sanksi."
        ),
    )
    if pk.versi > 1 and pk.alasan_perubahan:
        bag.tambah(Paragraf(f"Alasan perubahan: {pk.alasan_perubahan}"))
    tempat = f"{opd.pemda.ibukota or ''}, {tanggal_id(pk.tanggal)}".strip(", ")
    bag.tambah(
        TandaTangan(
            [
                Penanda(pihak2, pk.pihak_kedua_nama, atas="PIHAK KEDUA,"),
                Penanda(
                    pihak1.jabatan,
                    pihak1.nama,
                    pihak1.pangkat,
                    pihak1.nip,
                    f"{tempat}\nPIHAK PERTAMA,",
                ),
            ]
        )
    )
    doc.bagian.append(bag)
    lamp = Bagian(f"{judul} TAHUN {tahun}", nomor="LAMPIRAN", angka_bab=2)
    lamp.isi.extend(tabel_pk(ctx, pk))
    lamp.tambah(
        TandaTangan(
            [
                Penanda(pihak2, pk.pihak_kedua_nama, atas="PIHAK KEDUA,"),
                Penanda(pihak1.jabatan, pihak1.nama, pihak1.pangkat, pihak1.nip, "PIHAK PERTAMA,"),
            ]
        )
    )
    doc.bagian.append(lamp)
    return beri_nomor(doc)
