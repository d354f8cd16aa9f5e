"""Layanan evaluasi AKIP: templat, memulai evaluasi, jawaban, bukti, final, versi, tindak lanjut."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction
from django.db.models import Max

from sakip.audit.middleware import keterangan_audit
from sakip.audit.versi import naikkan as naikkan_versi
from sakip.berkas import yaml_aman
from sakip.core.lke import (
    HasilLKE,
    JawabanError,
    Templat,
    TemplatError,
    baca_templat,
    nilai_jawaban,
    nilai_lke,
)
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.organisations.permissions import boleh_mengevaluasi, boleh_menilai_mandiri
from sakip.workflow.models import StatusAlur

from .cek import periksa_templat, usulan_otomatis, usulan_otomatis_pemda
from .models import BuktiKriteria, Evaluasi, JawabanKriteria, Rekomendasi, TemplatLKE

TEMPLAT_DIR = Path(__file__).parent / "lke"
TEMPLAT_BAWAAN = "permenpan-88-2021.yaml"
FORMAT_TEMPLAT = "sakip/lke 1"


class EvaluasiError(ValueError):
    """Ditolak; ``galat``: pesan per kolom/kriteria (kunci "" = umum), berbahasa Indonesia."""

    def __init__(self, pesan: str | dict[str, str]):
        self.galat = pesan if isinstance(pesan, dict) else {"": pesan}
        super().__init__("; ".join(f"{k}: {v}" if k else v for k, v in self.galat.items()))


# --- templat ---------------------------------------------------------------------------------------


def baca_berkas_templat(teks: str | bytes, nama: str = "templat") -> tuple[dict, Templat]:
    """Isi berkas templat (YAML) → (data, Templat); semua masalah dalam satu TemplatError."""
    try:
        data = yaml_aman.muat(teks)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        baris = f" baris {mark.line + 1}" if mark else ""
        masalah = getattr(e, "problem", "") or ""
        sebab = f" ({masalah})" if "alias" in masalah else ""
        raise TemplatError([f"{nama}{baris}: bukan YAML yang sah{sebab}"]) from None
    except RecursionError:
        raise TemplatError([f"{nama}: susunan YAML bersarang terlalu dalam"]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_TEMPLAT:
        raise TemplatError(
            [f"{nama}: bukan templat LKE sakip (baris pertama 'format: {FORMAT_TEMPLAT}')"]
        )
    templat = baca_templat(data)
    if galat := periksa_templat(templat):
        raise TemplatError(galat)
    return data, templat


def templat_bawaan() -> TemplatLKE:
    """Templat bawaan sakip (berkas di repo: yang baku dan variannya, mis. skala AA–E), dimuat ke
    basis data bila belum ada; yang dikembalikan: templat baku."""
    baku = None
    for berkas in sorted(TEMPLAT_DIR.glob("*.yaml")):
        data, t = baca_berkas_templat(berkas.read_text("utf-8"), berkas.name)
        obj, _ = TemplatLKE.objects.get_or_create(
            kode=t.kode, versi=t.versi, defaults={"nama": t.nama, "isi": data, "pemda": None}
        )
        if berkas.name == TEMPLAT_BAWAAN:
            baku = obj
    assert baku is not None, TEMPLAT_BAWAAN
    return baku


def templat_terbaru(pemda: Pemda) -> TemplatLKE:
    """Templat untuk evaluasi baru di Pemda ini: yang terakhir diunggah atau dipilih Admin
    Pemda-nya, bila tidak ada templat bawaan."""
    milik = TemplatLKE.objects.filter(pemda=pemda).order_by("-dibuat_pada", "-pk").first()
    return milik or templat_bawaan()


def pakai_templat(pemda: Pemda, obj: TemplatLKE, user) -> TemplatLKE:
    """Admin Pemda memakai templat bawaan (mis. varian skala AA–E) untuk evaluasi baru: salinannya
    menjadi versi templat milik Pemda itu."""
    if obj.pemda_id is not None:
        raise EvaluasiError("Hanya templat bawaan sakip yang dapat dipakai dengan cara ini.")
    return unggah_templat(
        pemda, teks_templat(obj), user, f"Memakai templat bawaan {obj}", f"{obj.kode}.yaml"
    )


@transaction.atomic
def unggah_templat(
    pemda: Pemda, teks: str | bytes, user, catatan: str, nama_berkas: str
) -> TemplatLKE:
    """Versi baru templat dari berkas yang disunting Admin Pemda; nomor versinya diberikan sakip."""
    if not catatan.strip():
        raise EvaluasiError({"catatan": "Tuliskan apa yang diubah pada versi ini."})
    data, t = baca_berkas_templat(teks, nama_berkas)
    templat_bawaan()
    versi = (TemplatLKE.objects.filter(kode=t.kode).aggregate(m=Max("versi"))["m"] or 0) + 1
    data = {**data, "versi": versi}
    with keterangan_audit(f"Templat LKE: versi {versi}"):
        return TemplatLKE.objects.create(
            kode=t.kode,
            versi=versi,
            nama=t.nama,
            pemda=pemda,
            isi=data,
            catatan=catatan.strip(),
            dibuat_oleh=user if getattr(user, "is_authenticated", False) else None,
        )


def teks_templat(obj: TemplatLKE) -> str:
    return yaml.safe_dump(obj.isi, allow_unicode=True, sort_keys=False, width=100)


# --- evaluasi --------------------------------------------------------------------------------------


def evaluasi_berlaku(opd: PerangkatDaerah | Pemda, tahun: int) -> Evaluasi | None:
    """Versi terakhir evaluasi OPD-tahun; untuk sebuah :class:`Pemda`: evaluasi Pemda itu sendiri."""
    if isinstance(opd, Pemda):
        qs = Evaluasi.objects.filter(pemda=opd, opd__isnull=True, tahun=tahun)
    else:
        qs = Evaluasi.objects.filter(opd=opd, tahun=tahun)
    return qs.select_related("templat", "opd__pemda", "pemda").order_by("-versi").first()


def _isi_otomatis(ev: Evaluasi, hari_ini: datetime.date | None = None) -> None:
    templat = ev.templat.templat
    if ev.tingkat_pemda:
        usulan = usulan_otomatis_pemda(templat, ev.pemda, ev.tahun, hari_ini)
    else:
        assert ev.opd is not None
        usulan = usulan_otomatis(templat, ev.opd, ev.tahun, hari_ini)
    ada = {j.kriteria: j for j in ev.jawaban.all()}
    baru: list[JawabanKriteria] = []
    ubah: list[JawabanKriteria] = []
    for i, (_, _, kr) in enumerate(templat.semua_kriteria()):
        u = usulan.get(kr.kode)
        j = ada.get(kr.kode) or JawabanKriteria(evaluasi=ev, kriteria=kr.kode, urutan=i)
        j.otomatis = u.jawaban if u else ""
        j.otomatis_cek = u.cek if u else ""
        j.otomatis_alasan = u.alasan if u else ""
        j.otomatis_bukti = [{"label": b.label, "url": b.url} for b in u.bukti] if u else []
        (ubah if j.pk else baru).append(j)
    JawabanKriteria.objects.bulk_create(baru)
    JawabanKriteria.objects.bulk_update(
        ubah, ["otomatis", "otomatis_cek", "otomatis_alasan", "otomatis_bukti"]
    )
    # bulk_* tanpa sinyal: LHE dan dasbor memakai versi data
    naikkan_versi(ev.opd_id, ev.pemda_id)


@transaction.atomic
def mulai_evaluasi(opd: PerangkatDaerah, tahun: int, user=None, hari_ini=None) -> Evaluasi:
    """Evaluasi versi 1 dengan templat terbaru Pemda dan usulan otomatis; yang sudah ada dikembalikan.

    ``user`` (dari halaman atau API) harus Operator/Kepala OPD itu atau Inspektorat Pemda-nya; tanpa
    ``user`` (perintah ``sakip evaluasi``, data demo) dijalankan sebagai sistem."""
    if user is not None and not (boleh_menilai_mandiri(user, opd) or boleh_mengevaluasi(user, opd)):
        raise EvaluasiError("Hanya OPD ini atau Inspektorat yang dapat memulai evaluasi.")
    return _mulai(opd.pemda, opd, tahun, hari_ini)


@transaction.atomic
def mulai_evaluasi_pemda(pemda: Pemda, tahun: int, user=None, hari_ini=None) -> Evaluasi:
    """Evaluasi AKIP Pemda itu sendiri (penilaian mandiri Pemda, lalu hasil Kementerian PANRB),
    dengan templat terbaru Pemda dan usulan otomatis dari data Pemda; yang sudah ada dikembalikan."""
    if user is not None and not boleh_menilai_mandiri(user, pemda):
        raise EvaluasiError("Hanya Admin Pemda yang dapat memulai evaluasi AKIP Pemda.")
    return _mulai(pemda, None, tahun, hari_ini)


def _mulai(pemda: Pemda, opd: PerangkatDaerah | None, tahun: int, hari_ini) -> Evaluasi:
    if (ev := evaluasi_berlaku(opd or pemda, tahun)) is not None:
        return ev
    with keterangan_audit("Evaluasi AKIP: dimulai"):
        ev = Evaluasi.objects.create(
            pemda=pemda, opd=opd, tahun=tahun, templat=templat_terbaru(pemda)
        )
        _isi_otomatis(ev, hari_ini)
    return ev


@transaction.atomic
def segarkan_otomatis(ev: Evaluasi, hari_ini: datetime.date | None = None) -> Evaluasi:
    """Hitung ulang usulan otomatis dari data terkini (tidak untuk evaluasi yang sudah final)."""
    if ev.final:
        raise EvaluasiError("Evaluasi sudah final; usulan otomatisnya tidak diubah lagi.")
    _isi_otomatis(ev, hari_ini)
    return ev


def jawaban_akhir(ev: Evaluasi) -> dict[str, str]:
    return {j.kriteria: j.akhir for j in ev.jawaban.all()}


def hasil(ev: Evaluasi) -> HasilLKE:
    return nilai_lke(ev.templat.templat, jawaban_akhir(ev))


MANDIRI = ("mandiri", "mandiri_catatan")
EVALUATOR = ("evaluator", "evaluator_catatan", "alasan_ubah", "rekomendasi")


def kolom_boleh(user, ev: Evaluasi) -> tuple[str, ...]:
    """Kolom jawaban yang boleh diisi pengguna ini sekarang."""
    if ev.final:
        return ()
    if ev.dapat_disunting and boleh_menilai_mandiri(user, ev.unit):
        return MANDIRI
    if ev.status == StatusAlur.DIAJUKAN and boleh_mengevaluasi(user, ev.unit):
        return EVALUATOR
    return ()


def _pesan_kolom(user, ev: Evaluasi) -> str:
    if ev.final:
        return "Evaluasi sudah final; koreksi dibuat sebagai versi baru dengan alasan."
    if ev.tingkat_pemda:
        if ev.dapat_disunting:
            return "Penilaian mandiri Pemda diisi Admin Pemda."
        return (
            "Penilaian mandiri Pemda sudah diajukan; hasil evaluasi Kementerian PANRB dicatat "
            "Admin Pemda."
        )
    if ev.dapat_disunting:
        if boleh_mengevaluasi(user, ev.unit):
            return "Penilaian mandiri belum diajukan OPD; Inspektorat menilai sesudah diajukan."
        return "Hanya Operator atau Kepala OPD ini yang mengisi penilaian mandiri."
    if boleh_menilai_mandiri(user, ev.unit):
        return "Penilaian mandiri sudah diajukan dan sedang dievaluasi Inspektorat."
    return "Hanya Inspektorat yang mengisi jawaban evaluator."


@transaction.atomic
def simpan_jawaban(ev: Evaluasi, user, isian: dict[str, dict[str, str]]) -> int:
    """Simpan jawaban beberapa kriteria (satu transaksi; satu galat membatalkan semuanya).

    ``isian``: kode kriteria → {kolom: nilai}; hanya kolom peran pengguna yang dibaca. Jawaban
    evaluator yang berbeda dari usulan otomatis wajib disertai alasan."""
    ev = Evaluasi.objects.select_for_update().select_related("templat").get(pk=ev.pk)
    kolom = kolom_boleh(user, ev)
    if not kolom:
        raise EvaluasiError(_pesan_kolom(user, ev))
    templat = ev.templat.templat
    ada = {j.kriteria: j for j in ev.jawaban.all()}
    galat: dict[str, str] = {}
    ubah = []
    for kode, nilai in isian.items():
        kr = templat.kriteria(kode)
        j = ada.get(kode)
        if kr is None or j is None:
            galat[kode] = f"kriteria '{kode}' tidak ada dalam templat {ev.templat}"
            continue
        berubah = False
        for k in kolom:
            if k not in nilai:
                continue
            v = str(nilai[k] or "").strip()
            if k in ("mandiri", "evaluator"):
                v = v.upper()
                if v:
                    try:
                        nilai_jawaban(templat, kr, v)
                    except JawabanError:
                        galat[kode] = (
                            f"kriteria {kode}: jawaban '{nilai[k]}' tidak sah; pilihan: "
                            f"{', '.join(templat.pilihan(kr))}"
                        )
                        continue
            if getattr(j, k) != v:
                setattr(j, k, v)
                berubah = True
        if "evaluator" in kolom and j.diubah_dari_otomatis and not j.alasan_ubah.strip():
            galat[kode] = (
                f"kriteria {kode}: jawaban evaluator {j.evaluator} berbeda dari usulan otomatis "
                f"{j.otomatis}; tuliskan alasannya"
            )
        if berubah:
            ubah.append(j)
    if galat:
        raise EvaluasiError(galat)
    with keterangan_audit("Evaluasi AKIP: jawaban disimpan"):
        for j in ubah:  # satu per satu: setiap jawaban yang berubah masuk jejak audit
            j.save(update_fields=list(kolom))
    return len(ubah)


def kunci_hasil(ev: Evaluasi) -> str | None:
    """Syarat final (dijalankan alur dalam transaksinya): semua kriteria terjawab; simpan nilai,
    predikat, dan rekomendasi per kriteria sebagai daftar tindak lanjut."""
    h = hasil(ev)
    if h.belum_dijawab:
        return (
            f"Evaluasi belum dapat difinalkan: {len(h.belum_dijawab)} kriteria belum dijawab "
            f"({', '.join(h.belum_dijawab[:8])}{', …' if len(h.belum_dijawab) > 8 else ''})."
        )
    ev.nilai = h.nilai.quantize(Decimal("0.0001"))
    ev.predikat = h.predikat.predikat
    templat = ev.templat.templat
    komponen = {kr.kode: k.kode for k, _, kr in templat.semua_kriteria()}
    Rekomendasi.objects.filter(evaluasi=ev, kriteria__gt="").delete()
    Rekomendasi.objects.bulk_create(
        Rekomendasi(
            evaluasi=ev,
            kriteria=j.kriteria,
            komponen=komponen.get(j.kriteria, ""),
            teks=j.rekomendasi.strip(),
            urutan=j.urutan,
        )
        for j in ev.jawaban.all()
        if j.rekomendasi.strip()
    )
    return None


MEDAN_LHE = ("ringkasan", "nomor_lhe", "inspektur_nama", "inspektur_pangkat", "inspektur_nip")


@dataclass(frozen=True)
class IsianLHE:
    """Masukan bertipe LHE: medan teks yang dikirim (yang tidak dikirim tidak diubah) dan tanggal
    (sudah dibaca tepinya; ``tanggal_dikirim`` tanpa ``tanggal`` = mengosongkan)."""

    teks: dict[str, str] = field(default_factory=dict)
    tanggal: datetime.date | None = None
    tanggal_dikirim: bool = False


@transaction.atomic
def simpan_lhe(ev: Evaluasi, user, isian: IsianLHE) -> Evaluasi:
    """Ringkasan, nomor/tanggal LHE dan penanda tangan (Inspektorat, sebelum final)."""
    ev = Evaluasi.objects.select_for_update().get(pk=ev.pk)
    if "evaluator" not in kolom_boleh(user, ev):
        raise EvaluasiError(_pesan_kolom(user, ev))
    if isian.tanggal is not None:
        ev.tanggal_lhe = isian.tanggal
    for k, v in isian.teks.items():
        if k in MEDAN_LHE:
            setattr(ev, k, (v or "").strip())
    ev.save()
    return ev


@transaction.atomic
def buat_versi_baru(ev: Evaluasi, user, alasan: str) -> Evaluasi:
    """Koreksi sesudah final: versi baru (salinan jawaban dan rekomendasi), langsung di tangan
    Inspektorat (diajukan); versi lama tetap final dan terbaca."""
    if not boleh_mengevaluasi(user, ev.unit):
        siapa = "Admin Pemda" if ev.tingkat_pemda else "Inspektorat"
        raise EvaluasiError(f"Hanya {siapa} yang dapat mengoreksi evaluasi yang sudah final.")
    if not ev.final:
        raise EvaluasiError("Evaluasi belum final; jawaban masih dapat diubah tanpa versi baru.")
    if not alasan.strip():
        raise EvaluasiError({"alasan": "Alasan koreksi wajib diisi."})
    terakhir = evaluasi_berlaku(ev.unit, ev.tahun)
    if terakhir is not None and terakhir.pk != ev.pk:
        raise EvaluasiError(f"Sudah ada versi {terakhir.versi}; koreksi versi terakhir.")
    salin = {
        f: getattr(ev, f)
        for f in (
            "ringkasan",
            "nomor_lhe",
            "tanggal_lhe",
            "inspektur_nama",
            "inspektur_pangkat",
            "inspektur_nip",
        )
    }
    with keterangan_audit(f"Evaluasi AKIP: versi {ev.versi + 1}"):
        baru = Evaluasi.objects.create(
            pemda_id=ev.pemda_id,
            opd=ev.opd,
            tahun=ev.tahun,
            versi=ev.versi + 1,
            templat=ev.templat,
            alasan_versi=alasan.strip(),
            **salin,
        )
        JawabanKriteria.objects.bulk_create(
            JawabanKriteria(
                evaluasi=baru,
                **{
                    f.name: getattr(j, f.name)
                    for f in JawabanKriteria._meta.concrete_fields
                    if f.name not in ("id", "evaluasi")
                },
            )
            for j in ev.jawaban.all()
        )
        Rekomendasi.objects.bulk_create(
            Rekomendasi(
                evaluasi=baru,
                **{
                    f.name: getattr(r, f.name)
                    for f in Rekomendasi._meta.concrete_fields
                    if f.name not in ("id", "evaluasi", "diubah_pada")
                },
            )
            for r in ev.rekomendasi_set.all()
        )
        baru.ajukan(oleh=user)
        baru.save()
    return baru


def tambah_bukti(jawaban: JawabanKriteria, user, *, berkas=None, tautan: str = "") -> BuktiKriteria:
    """Bukti penilaian mandiri (berkas diperiksa isinya, seperti bukti dukung realisasi)."""
    from sakip.measurement.bukti import BuktiError, kenali_jenis

    if "mandiri" not in kolom_boleh(user, jawaban.evaluasi):
        raise EvaluasiError(_pesan_kolom(user, jawaban.evaluasi))
    if berkas is None and not tautan:
        raise EvaluasiError("Pilih berkas atau isi tautan bukti.")
    if berkas is not None:
        from django.core.files.base import ContentFile

        data = berkas.read()
        try:
            jenis = kenali_jenis(data)
        except BuktiError as e:
            raise EvaluasiError({"berkas": str(e)}) from None
        obj = BuktiKriteria(
            jawaban=jawaban,
            nama=(berkas.name or "berkas")[:255],
            jenis=jenis,
            ukuran=len(data),
            diunggah_oleh=user,
        )
        obj.berkas.save(f"bukti.{jenis}", ContentFile(data), save=False)
    else:
        if not tautan.startswith(("http://", "https://")):
            raise EvaluasiError({"tautan": "Tautan harus diawali http:// atau https://"})
        obj = BuktiKriteria(
            jawaban=jawaban, tautan=tautan[:200], nama=tautan[:255], diunggah_oleh=user
        )
    obj.save()
    return obj


@transaction.atomic
def tindak_lanjut(
    rek: Rekomendasi, user, status: str, uraian: str, tautan: str = "", tanggal: str = ""
) -> Rekomendasi:
    """Tindak lanjut satu rekomendasi oleh OPD (sesudah evaluasi final)."""
    ev = rek.evaluasi
    if not boleh_menilai_mandiri(user, ev.unit):
        siapa = "Admin Pemda" if ev.tingkat_pemda else "Operator atau Kepala OPD ini"
        raise EvaluasiError(f"Hanya {siapa} yang menindaklanjuti rekomendasi.")
    if not ev.final:
        raise EvaluasiError("Rekomendasi ditindaklanjuti sesudah evaluasi final.")
    galat = {}
    if status not in Rekomendasi.Status.values:
        galat["status"] = f"status '{status}' tidak dikenal"
    if status != Rekomendasi.Status.BELUM and not uraian.strip():
        galat["tindak_lanjut"] = "Uraikan tindak lanjutnya."
    if tautan and not tautan.startswith(("http://", "https://")):
        galat["tautan_bukti"] = "Tautan harus diawali http:// atau https://"
    tgl = None
    if tanggal.strip():
        try:
            tgl = datetime.date.fromisoformat(tanggal.strip())
        except ValueError:
            galat["tanggal_tindak_lanjut"] = f"'{tanggal}' bukan tanggal (TTTT-BB-HH)"
    if galat:
        raise EvaluasiError(galat)
    rek.status, rek.tindak_lanjut, rek.tautan_bukti = status, uraian.strip(), tautan.strip()
    rek.tanggal_tindak_lanjut = tgl or (datetime.date.today() if status != "belum" else None)
    rek.diubah_oleh = user
    with keterangan_audit("Evaluasi AKIP: tindak lanjut rekomendasi"):
        rek.save()
    return rek


# --- tampilan se-Pemda -----------------------------------------------------------------------------


@dataclass
class BarisPemda:
    opd: PerangkatDaerah
    evaluasi: Evaluasi | None
    hasil: HasilLKE | None
    nilai_lalu: Decimal | None
    peringkat: int | None = None

    @property
    def nilai(self) -> Decimal | None:
        return self.hasil.nilai if self.hasil else None

    @property
    def perubahan(self) -> Decimal | None:
        if self.nilai is None or self.nilai_lalu is None:
            return None
        return self.nilai - self.nilai_lalu


def rekap_pemda(pemda: Pemda, tahun: int, hanya_final: bool = False) -> list[BarisPemda]:
    """Setiap OPD Pemda: evaluasi terakhir tahun ini, nilainya per komponen, nilai final tahun lalu,
    peringkat (hanya evaluasi final yang diberi peringkat), urut dari nilai tertinggi."""
    opds = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama"))
    evs: dict[int | None, Evaluasi] = {}
    for ev in (
        Evaluasi.objects.filter(opd__in=opds, tahun=tahun)
        .select_related("templat")
        .prefetch_related("jawaban")
        .order_by("versi")
    ):
        evs[ev.opd_id] = ev
    lalu: dict[int | None, Decimal | None] = {}
    for ev in Evaluasi.objects.filter(
        opd__in=opds, tahun=tahun - 1, status=StatusAlur.DISETUJUI
    ).order_by("versi"):
        lalu[ev.opd_id] = ev.nilai
    rows = []
    for o in opds:
        ev_o: Evaluasi | None = evs.get(o.pk)
        if ev_o is not None and hanya_final and not ev_o.final:
            ev_o = None
        rows.append(BarisPemda(o, ev_o, hasil(ev_o) if ev_o else None, lalu.get(o.pk)))
    final = sorted(
        (r for r in rows if r.evaluasi and r.evaluasi.final), key=lambda r: -(r.nilai or 0)
    )
    for i, r in enumerate(final, 1):
        r.peringkat = i
    return sorted(
        rows, key=lambda r: (r.peringkat is None, r.peringkat or 0, -(r.nilai or 0), r.opd.nama)
    )
