"""Impor berkas OPD-tahun ke basis data, dalam satu transaksi.

Aturan:
* Pemda, OPD, urusan, Renstra (tujuan, sasaran, indikator) dan nomenklatur
  program/kegiatan/sub kegiatan diperbarui atau dibuat menurut kodenya.
* Target dan realisasi yang ada di berkas diperbarui atau dibuat menurut
  (indikator, tahun[, periode]); yang tidak ada di berkas dibiarkan.
* Untuk tahun berkas, Perjanjian Kinerja, anggaran dan nilai tercetak OPD itu
  diganti seluruhnya oleh isi berkas.
* Bila satu saja masalah ditemukan, tidak ada yang ditulis.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction

from sakip.budget.models import Anggaran
from sakip.measurement.models import NilaiSeri, Realisasi, SeriData
from sakip.organisations.models import Pemda, PerangkatDaerah, Urusan
from sakip.planning.models import (
    MEDAN_INDIKATOR,
    Indikator,
    Kegiatan,
    PerjanjianKinerja,
    PKAnggaran,
    PKIndikator,
    Program,
    RencanaAksi,
    Renstra,
    Sasaran,
    SubKegiatan,
    TahunKinerja,
    TargetIndikator,
    Tujuan,
)
from sakip.review.models import NilaiTercetak

from . import yamlio
from .pemda import FORMAT_PEMDA, validate_pemda
from .pemda_tulis import HasilImporPemda, import_pemda
from .schema import InvalidDocument, Masalah, validate

MAX_BYTES = 5 * 1024 * 1024
_JEDA = float(os.environ.get("SAKIP_IMPOR_JEDA", "0") or 0)

BERHENTI = ("berhenti_tahun", "alasan_berhenti")  # planning.models_berhenti


@dataclass
class HasilImpor:
    opd: PerangkatDaerah
    tahun: int
    jumlah: dict[str, int] = field(default_factory=dict)

    def ringkasan(self) -> str:
        parts = ", ".join(f"{v} {k}" for k, v in self.jumlah.items() if v)
        return f"{self.opd.nama} tahun {self.tahun}: {parts}"


def read_document(source: str | bytes | Path, nama: str = "berkas") -> dict:
    """Baca dan validasi; lempar :class:`InvalidDocument` dengan pesan Indonesia."""
    if isinstance(source, Path):
        try:
            raw = source.read_bytes()
        except FileNotFoundError:
            raise InvalidDocument([Masalah(str(source), "berkas tidak ditemukan")]) from None
        except OSError as exc:
            raise InvalidDocument(
                [Masalah(str(source), f"berkas tidak dapat dibaca: {exc.strerror}")]
            ) from None
        nama = source.name
    else:
        raw = source.encode("utf-8") if isinstance(source, str) else source
    if len(raw) > MAX_BYTES:
        raise InvalidDocument(
            [
                Masalah(
                    nama,
                    f"berkas terlalu besar ({len(raw):,} bita; paling besar {MAX_BYTES:,} bita)".replace(
                        ",", "."
                    ),
                )
            ]
        )
    if raw.startswith(b"PK\x03\x04") and _buku_kerja(raw):
        from .buku_rencana_baca import baca_buku

        return baca_buku(raw, nama)
    if (
        raw.startswith(b"PK\x03\x04")
        or raw.startswith(b"%PDF")
        or raw.startswith(b"\xd0\xcf\x11\xe0")
    ):
        raise InvalidDocument(
            [
                Masalah(
                    nama,
                    "berkas ini bukan berkas YAML sakip atau buku kerja rencana (.xlsx) "
                    "(tampaknya XLSX/DOCX/PDF lain)",
                )
            ]
        )
    if b"\x00" in raw[:4096]:
        raise InvalidDocument(
            [Masalah(nama, "berkas ini berisi data biner, bukan teks YAML sakip")]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidDocument(
            [Masalah(nama, f"berkas bukan teks UTF-8 (bita ke-{exc.start + 1} tidak sah)")]
        ) from None
    try:
        data = yamlio.load(text)
    except yamlio.YamlError as exc:
        raise InvalidDocument([Masalah(nama, str(exc), exc.line)]) from None
    if isinstance(data, dict) and str(data.get("format", "")).startswith(FORMAT_PEMDA):
        return validate_pemda(data)
    return validate(data)


def _buku_kerja(raw: bytes) -> bool:
    """Arsip ZIP yang berisi buku kerja Excel (bukan DOCX atau arsip lain)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            return "xl/workbook.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def import_file(source: str | bytes | Path, nama: str = "berkas") -> HasilImpor:
    return import_document(read_document(source, nama))


def import_document(doc: dict, pertahankan_pk: bool = False) -> HasilImpor | HasilImporPemda:
    """Tulis dokumen hasil :func:`read_document` (berkas OPD-tahun atau berkas Pemda).

    ``pertahankan_pk``: Perjanjian Kinerja OPD-tahun itu dibiarkan apa adanya (dengan status alur
    kerjanya) — dipakai unggahan halaman bila PK sudah diajukan atau disetujui dan tidak diubah."""
    if doc.get("_format") == FORMAT_PEMDA:
        return import_pemda(doc)
    try:
        with transaction.atomic():
            return _Writer(doc, pertahankan_pk).run()
    except IntegrityError as exc:  # pragma: no cover - schema validation should catch these first
        raise InvalidDocument(
            [Masalah("basis data", f"data bertentangan dengan data yang sudah ada: {exc}")]
        ) from None


class _Writer:
    def __init__(self, doc: dict, pertahankan_pk: bool = False):
        self.doc = doc
        self.pertahankan_pk = pertahankan_pk
        self.tahun: int = doc["tahun"]
        self.count: dict[str, int] = {}
        self.indikator: dict[str, Indikator] = {}
        self.sasaran: dict[str, Sasaran] = {}
        self.sama_dengan: list[tuple[str, str]] = []
        self.program: dict[str, Program] = {}

    def bump(self, key: str, n: int = 1) -> None:
        self.count[key] = self.count.get(key, 0) + n

    def run(self) -> HasilImpor:
        d = self.doc
        pm = d["pemda"]
        pemda_defaults = {
            k: pm[k] for k in ("nama", "jenis", "provinsi", "ibukota", "jabatan_kepala_daerah")
        }
        if pm.get("metode_turun"):
            pemda_defaults["metode_turun"] = pm["metode_turun"]
        self.pemda, _ = Pemda.objects.update_or_create(slug=pm["slug"], defaults=pemda_defaults)

        om = d["opd"]
        existing = PerangkatDaerah.objects.filter(slug=om["slug"]).select_related("pemda").first()
        if existing and existing.pemda_id != self.pemda.id:
            raise InvalidDocument(
                [
                    Masalah(
                        "opd › slug",
                        f"slug '{om['slug']}' sudah dipakai OPD milik {existing.pemda}",
                    )
                ]
            )
        self.opd, _ = PerangkatDaerah.objects.update_or_create(
            slug=om["slug"],
            defaults={
                "pemda": self.pemda,
                "nama": om["nama"],
                "singkatan": om["singkatan"],
                "alamat": om["alamat"],
                "kepala_nama": om["kepala"]["nama"],
                "kepala_pangkat": om["kepala"]["pangkat"],
                "kepala_nip": om["kepala"]["nip"],
            },
        )
        urusan = {}
        for u in sorted(om["urusan"], key=lambda x: x["kode"]):
            induk = urusan.get(u["kode"].rsplit(".", 1)[0]) if "." in u["kode"] else None
            obj, _ = Urusan.objects.update_or_create(
                kode=u["kode"], defaults={"nama": u["nama"], "induk": induk}
            )
            urusan[u["kode"]] = obj
        self.opd.urusan.set(urusan.values())
        self.urusan = urusan

        pt = d["penandatangan"]
        TahunKinerja.objects.update_or_create(
            opd=self.opd,
            tahun=self.tahun,
            defaults={
                "penandatangan_nama": pt["nama"],
                "penandatangan_jabatan": pt["jabatan"],
                "penandatangan_pangkat": pt["pangkat"],
                "penandatangan_nip": pt["nip"],
                "tempat": pt["tempat"],
                "tanggal": dt.date.fromisoformat(pt["tanggal"]) if pt["tanggal"] else None,
                "sumber": d["sumber"],
                "catatan": d["catatan"],
            },
        )

        if d["renstra"]:
            self._renstra(d["renstra"])
        self._programs(d["program"])
        for kode, induk in self.sama_dengan:
            Indikator.objects.filter(pk=self.indikator[kode].pk).update(
                indikator_induk=self.indikator[induk]
            )
        if not self.pertahankan_pk:
            self._pk(d["perjanjian_kinerja"])
        self._seri(d["seri_data"])
        self._tercetak(d["tercetak"])
        self._narasi(d["narasi"])
        return HasilImpor(self.opd, self.tahun, self.count)

    # -- plan -------------------------------------------------------------------
    def _renstra(self, r: dict) -> None:
        renstra, _ = Renstra.objects.update_or_create(
            opd=self.opd,
            tahun_awal=r["tahun_awal"],
            tahun_akhir=r["tahun_akhir"],
            defaults={"nama": r["nama"], "visi": r["visi"], "misi": r["misi"]},
        )
        self.bump("renstra")
        for i, t in enumerate(r["tujuan"]):
            tujuan, _ = Tujuan.objects.update_or_create(
                renstra=renstra, kode=t["kode"], defaults={"uraian": t["uraian"], "urutan": i}
            )
            for n, ind in enumerate(t["indikator"]):
                self._indikator(ind, n, tujuan=tujuan)
            for j, s in enumerate(t["sasaran"]):
                existing = Sasaran.objects.filter(tujuan__renstra=renstra, kode=s["kode"]).first()
                if existing and existing.tujuan_id != tujuan.id:
                    existing.tujuan = tujuan
                sasaran = existing or Sasaran(tujuan=tujuan, kode=s["kode"])
                sasaran.uraian = s["uraian"]
                sasaran.urutan = j
                sasaran.save()
                self.sasaran[s["kode"]] = sasaran
                self.bump("sasaran")
                for n, ind in enumerate(s["indikator"]):
                    self._indikator(ind, n, sasaran=sasaran)

    def _indikator(self, d: dict, urutan: int, **owner) -> Indikator:
        if _JEDA:
            time.sleep(_JEDA)  # hanya untuk menguji impor yang dihentikan di tengah jalan
        fields = {f: None for f in Indikator.OWNER_FIELDS}
        fields.update(owner)
        values = {k: d[k] for k in (*MEDAN_INDIKATOR, *BERHENTI)}
        values.update(fields)
        values["urutan"] = urutan
        if d.get("sama_dengan"):
            self.sama_dengan.append((d["kode"], d["sama_dengan"]))
        ind, _ = Indikator.objects.update_or_create(opd=self.opd, kode=d["kode"], defaults=values)
        self.indikator[d["kode"]] = ind
        self.bump("indikator")
        for tahun, t in d["target"].items():
            TargetIndikator.objects.update_or_create(indikator=ind, tahun=tahun, defaults=t)
            self.bump("target")
        for r in d["realisasi"]:
            Realisasi.objects.update_or_create(
                indikator=ind,
                tahun=r["tahun"],
                periode=r["periode"],
                defaults={k: r[k] for k in ("nilai", "pembilang", "penyebut", "catatan", "bukti")},
            )
            self.bump("realisasi")
        return ind

    def _programs(self, programs: list[dict]) -> None:
        Anggaran.objects.filter(opd=self.opd, tahun=self.tahun).delete()
        for i, p in enumerate(programs):
            bidang = self.urusan[p["kode"].rsplit(".", 1)[0]]
            prog, _ = Program.objects.update_or_create(
                opd=self.opd,
                kode=p["kode"],
                defaults={
                    "nama": p["nama"],
                    "kinerja": p.get("kinerja", ""),
                    "bidang_urusan": bidang,
                    "urutan": i,
                    **{f: p[f] for f in BERHENTI},
                },
            )
            prog.sasaran.set(
                [self.sasaran[s] for s in p["sasaran"] if s in self.sasaran]
                or self._existing_sasaran(p["sasaran"])
            )
            self.program[p["kode"]] = prog
            self.bump("program")
            for n, ind in enumerate(p["indikator"]):
                self._indikator(ind, n, program=prog)
            for j, k in enumerate(p["kegiatan"]):
                keg, _ = Kegiatan.objects.update_or_create(
                    program=prog,
                    kode=k["kode"],
                    defaults={
                        "nama": k["nama"],
                        "kinerja": k.get("kinerja", ""),
                        "urutan": j,
                        "sasaran": self.sasaran.get(k["sasaran"]) if k["sasaran"] else None,
                        **{f: k[f] for f in BERHENTI},
                    },
                )
                self.bump("kegiatan")
                for n, ind in enumerate(k["indikator"]):
                    self._indikator(ind, n, kegiatan=keg)
                if k["anggaran"]:
                    self._anggaran(k["anggaran"], kegiatan=keg)
                for q, s in enumerate(k["sub_kegiatan"]):
                    lookup = {"kode": s["kode"]} if s["kode"] else {"nama": s["nama"], "kode": ""}
                    sub = SubKegiatan.objects.filter(kegiatan=keg, **lookup).first() or SubKegiatan(
                        kegiatan=keg
                    )
                    sub.kode, sub.nama, sub.urutan = s["kode"], s["nama"], q
                    sub.kinerja = s.get("kinerja", "")
                    sub.berhenti_tahun, sub.alasan_berhenti = (
                        s["berhenti_tahun"],
                        s["alasan_berhenti"],
                    )
                    sub.save()
                    self.bump("sub kegiatan")
                    for n, ind in enumerate(s["indikator"]):
                        self._indikator(ind, n, sub_kegiatan=sub)
                    if s["anggaran"]:
                        self._anggaran(s["anggaran"], sub_kegiatan=sub)

    def _existing_sasaran(self, codes: list[str]) -> list[Sasaran]:
        return list(Sasaran.objects.filter(tujuan__renstra__opd=self.opd, kode__in=codes))

    def _anggaran(self, a: dict, **owner) -> None:
        Anggaran.objects.create(
            opd=self.opd,
            tahun=self.tahun,
            triwulan=None,
            pagu=a["pagu"],
            realisasi=a["realisasi"],
            catatan=a["catatan"],
            **owner,
        )
        self.bump("baris anggaran")
        for tw, v in sorted(a["triwulan"].items()):
            Anggaran.objects.create(
                opd=self.opd,
                tahun=self.tahun,
                triwulan=tw,
                pagu=v["pagu"],
                realisasi=v["realisasi"],
                **owner,
            )

    def _find_indikator(self, kode: str) -> Indikator:
        return self.indikator.get(kode) or Indikator.objects.get(opd=self.opd, kode=kode)

    def _pk(self, pks: list[dict]) -> None:
        PerjanjianKinerja.objects.filter(
            opd=self.opd, tahun=self.tahun, jabatan__isnull=True
        ).delete()
        for pk in sorted(pks, key=lambda x: x["versi"]):
            a, b = pk["pihak_pertama"], pk["pihak_kedua"]
            obj = PerjanjianKinerja.objects.create(
                opd=self.opd,
                tahun=self.tahun,
                versi=pk["versi"],
                jenis=pk["jenis"],
                tanggal=pk["tanggal"],
                pihak_pertama_nama=a["nama"],
                pihak_pertama_jabatan=a["jabatan"],
                pihak_pertama_pangkat=a["pangkat"],
                pihak_pertama_nip=a["nip"],
                pihak_kedua_nama=b["nama"],
                pihak_kedua_jabatan=b["jabatan"],
                alasan_perubahan=pk["alasan_perubahan"],
            )
            self.bump("perjanjian kinerja")
            for i, it in enumerate(pk["indikator"]):
                item = PKIndikator.objects.create(
                    perjanjian=obj,
                    indikator=self._find_indikator(it["indikator"]),
                    target=it["target"]["nilai"],
                    target_atas=it["target"]["nilai_atas"],
                    urutan=i,
                )
                for tw, ra in sorted(it["rencana_aksi"].items()):
                    t = ra["target"] or {"nilai": None, "nilai_atas": None}
                    RencanaAksi.objects.create(
                        pk_indikator=item,
                        triwulan=tw,
                        target=t["nilai"],
                        target_atas=t["nilai_atas"],
                        rencana_kegiatan=ra["rencana_kegiatan"],
                    )
            for a in pk["anggaran"]:
                prog = self.program.get(a["program"]) or Program.objects.get(
                    opd=self.opd, kode=a["program"]
                )
                keg = sub = None
                if a.get("sub_kegiatan"):
                    sub = SubKegiatan.objects.get(kegiatan__program=prog, kode=a["sub_kegiatan"])
                    keg = sub.kegiatan
                elif a.get("kegiatan"):
                    keg = Kegiatan.objects.get(program=prog, kode=a["kegiatan"])
                PKAnggaran.objects.create(
                    perjanjian=obj, program=prog, kegiatan=keg, sub_kegiatan=sub, pagu=a["pagu"]
                )

    def _seri(self, series: list[dict]) -> None:
        for s in series:
            obj, _ = SeriData.objects.update_or_create(
                opd=self.opd,
                kode=s["kode"],
                defaults={
                    "nama": s["nama"],
                    "satuan": s["satuan"],
                    "sumber": s["sumber"],
                    "catatan": s["catatan"],
                    "indikator": self._find_indikator(s["indikator"]) if s["indikator"] else None,
                },
            )
            obj.nilai.all().delete()
            NilaiSeri.objects.bulk_create(
                NilaiSeri(
                    seri=obj,
                    wilayah=n["wilayah"],
                    tahun=n["tahun"],
                    nilai=n["nilai"],
                    agregat=n["agregat"],
                    urutan=i,
                )
                for i, n in enumerate(s["nilai"])
            )
            self.bump("seri data")

    def _narasi(self, items: dict[str, str]) -> None:
        from sakip.reporting.models import Narasi

        Narasi.objects.filter(opd=self.opd, tahun=self.tahun).delete()
        Narasi.objects.bulk_create(
            Narasi(opd=self.opd, tahun=self.tahun, kunci=k, teks=v) for k, v in items.items()
        )
        self.bump("narasi", len(items))

    def _tercetak(self, items: list[dict]) -> None:
        NilaiTercetak.objects.filter(opd=self.opd, tahun=self.tahun).delete()
        NilaiTercetak.objects.bulk_create(
            NilaiTercetak(opd=self.opd, tahun=self.tahun, urutan=i, **item)
            for i, item in enumerate(items)
        )
        self.bump("nilai tercetak", len(items))
