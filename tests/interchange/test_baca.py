"""Reading a printed LKjIP: sakip's own LKjIP of both seeds, as PDF and as DOCX, read back
(every figure in the draft equals the data); the drafts are valid files; bad files are refused
with one Indonesian message each."""

import io
from decimal import Decimal

import pytest

from sakip.budget.models import Anggaran
from sakip.documents.services import buat_dokumen
from sakip.interchange.baca import BacaError, baca_laporan
from sakip.interchange.importer import read_document
from sakip.measurement.services import pengukuran

pytestmark = pytest.mark.django_db


def _angka_draf(draf: dict):
    """(indikator nama → (target, realisasi)) and (kode → (pagu, realisasi)) of the draft."""
    ind = {}
    for tj in draf.get("renstra", {}).get("tujuan", []):
        for s in tj["sasaran"]:
            for i in s["indikator"]:
                t = i.get("target", {}).get(draf["tahun"])
                r = next((x for x in i.get("realisasi", []) if x["tahun"] == draf["tahun"]), {})
                nilai = r.get("nilai")
                if "pembilang" in r:
                    nilai = Decimal(r["pembilang"]) / Decimal(r["penyebut"]) * 100
                if i["iku"]:
                    ind[i["nama"]] = (t, nilai)
    ang = {}
    for p in draf.get("program", []):
        for k in p["kegiatan"]:
            if "anggaran" in k:
                ang[k["kode"]] = (k["anggaran"].get("pagu"), k["anggaran"].get("realisasi"))
            for s in k.get("sub_kegiatan", []):
                ang[s["kode"]] = (s["anggaran"].get("pagu"), s["anggaran"].get("realisasi"))
    return ind, ang


def _sama(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(Decimal(str(a)) - Decimal(str(b))) < Decimal("0.005")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("seed", ["denpasar", "klungkung"])
def test_sakips_own_lkjip_reads_back_to_its_data(request, seed, fmt):
    opd = request.getfixturevalue(seed)
    tahun = {"denpasar": 2022, "klungkung": 2024}[seed]
    berkas = buat_dokumen("lkjip", opd, tahun, fmt)
    hasil = baca_laporan(berkas.isi, berkas.nama)
    draf = hasil.draf
    assert (draf["tahun"], draf["opd"]["nama"], draf["pemda"]["nama"]) == (
        tahun,
        opd.nama,
        opd.pemda.nama,
    )
    # an OPD already in sakip keeps its slug and its Pemda's details: importing adds no twin
    assert (draf["opd"]["slug"], draf["pemda"].get("provinsi")) == (opd.slug, opd.pemda.provinsi)
    ind, ang = _angka_draf(draf)
    # every IKU with a target is read, with the figures of the data
    data = {
        b.indikator.nama: (b.target.bawah if b.target else None, b.realisasi)
        for b in pengukuran(opd, tahun)
        if b.indikator.iku
    }
    assert set(ind) == set(data)
    salah = [(n, ind[n], data[n]) for n in data if not all(map(_sama, ind[n], data[n]))]
    assert salah == []
    # every budget line at the lowest level is read with its pagu and realisasi
    rows = Anggaran.objects.filter(opd=opd, tahun=tahun, triwulan__isnull=True)
    data_ang = {}
    for a in rows.select_related("kegiatan__program", "sub_kegiatan__kegiatan__program"):
        kode = a.sub_kegiatan.kode if a.sub_kegiatan_id else a.kegiatan.kode
        data_ang[kode] = (a.pagu, a.realisasi)
    assert set(ang) == set(data_ang)
    salah = [(k, ang[k], data_ang[k]) for k in data_ang if not all(map(_sama, ang[k], data_ang[k]))]
    assert salah == []
    # the draft is a valid interchange file; every printed figure is kept with its place
    read_document(hasil.teks.encode(), "draf.yaml")
    assert hasil.jumlah_angka == len(draf["tercetak"]) > 100
    tabel = [e for e in draf["tercetak"] if e["lokasi"].startswith("Tabel ")]
    narasi = [e for e in draf["tercetak"] if not e["lokasi"].startswith("Tabel ")]
    assert len(tabel) > 100
    # the rest are sentences of the narrative, each with its chapter and page
    assert narasi and all(
        e["lokasi"].startswith(("Ikhtisar", "Ringkasan", "Bab "))
        and ("halaman" if fmt == "pdf" else "paragraf") in e["lokasi"]
        for e in narasi
    ), narasi
    # what could not be placed is listed, never silently dropped
    assert hasil.tidak_terbaca
    assert all(
        t.startswith(("Tabel ", "tabel tanpa nomor", "Ikhtisar", "Bab "))
        for t in hasil.tidak_terbaca
    ), hasil.tidak_terbaca
    assert any("Tabel 2.2" in t and "belum dikenali" in t for t in hasil.tidak_terbaca)
    assert "Tidak dapat ditempatkan" in hasil.laporan()


def _pdf_gambar() -> bytes:
    """A one-page PDF whose only content is an image (like a scanned report)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(buf, format="PDF")
    return buf.getvalue()


def _pdf_terenkripsi(klungkung) -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    for p in PdfReader(io.BytesIO(buat_dokumen("pk", klungkung, 2024, "pdf").isi)).pages:
        w.add_page(p)
    w.encrypt("rahasia")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _docx_kosong() -> bytes:
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    return buf.getvalue()


def test_bad_files_get_one_clear_message(klungkung):
    from docx import Document

    bukan_lkjip = io.BytesIO()
    d = Document()
    d.add_paragraph("Notulen rapat koordinasi")
    d.add_paragraph("Rapat dibuka pukul 09.00.")
    d.save(bukan_lkjip)
    kasus = [
        (_pdf_gambar(), "pindaian.pdf", "hanya berisi gambar (hasil pindaian)"),
        (_pdf_terenkripsi(klungkung), "kunci.pdf", "dilindungi kata sandi"),
        (
            b"\x89PNG\r\n\x1a\n" + bytes(200),
            "laporan.pdf",
            "berakhiran .pdf tetapi isinya bukan PDF",
        ),
        (_docx_kosong(), "kosong.docx", "kosong: tidak ada teks atau tabel"),
        (bukan_lkjip.getvalue(), "notulen.docx", "Tahun laporan tidak terbaca"),
        (b"", "nol.txt", "kosong"),
        (bytes(range(256)) * 4, "acak.txt", "bukan PDF, DOCX atau teks"),
        (b"%PDF-1.4\nrusak", "rusak.pdf", "rusak dan tidak dapat dibaca"),
    ]
    for data, nama, pesan in kasus:
        with pytest.raises(BacaError) as e:
            baca_laporan(data, nama)
        assert pesan in str(e.value), (nama, str(e.value))
        assert nama in str(e.value) or "Tahun" in str(e.value), str(e.value)


def _nama_indikator(doc: dict) -> dict[str, str]:
    """kode → normalised name of every indicator in an interchange file."""
    from sakip.interchange.baca.draf_dasar import kunci_nama

    out = {}

    def walk(x):
        if isinstance(x, dict):
            if "nama" in x and ("target" in x or "realisasi" in x or "iku" in x or "satuan" in x):
                if "kode" in x:
                    out[str(x["kode"])] = kunci_nama(str(x["nama"]))
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(doc)
    return out


def _cakupan(seed: dict, draf: dict) -> tuple[int, list[tuple]]:
    """How many numeric printed values of the hand-encoded seed the draft holds (same kind of
    object, same attribute, same number); indicators are matched by name, codes differ."""
    from sakip.interchange.baca.pengenal import angka

    def kunci(e, nama):
        o = str(e["objek"])
        if o.startswith("indikator:"):
            o = "indikator:" + nama.get(o.split(":", 1)[1], o)
        return o, e.get("atribut")

    nama_seed, nama_draf = _nama_indikator(seed), _nama_indikator(draf)
    ada: dict = {}
    for e in draf.get("tercetak", []):
        ada.setdefault(kunci(e, nama_draf), set()).add(angka(str(e["teks"])))
    kena, luput = 0, []
    for e in seed["tercetak"]:
        v = angka(str(e["teks"]))
        if v is None:
            continue
        if v in ada.get(kunci(e, nama_seed), set()):
            kena += 1
        else:
            luput.append((e["lokasi"], e["objek"], e.get("atribut"), e["teks"]))
    return kena, luput


# What the reader does not place yet, honestly: Klungkung — one cell the conversion garbled and
# an Ikhtisar sentence whose figure is ambiguous (capaian or serapan of an urusan); Denpasar — the
# Ringkasan Eksekutif names its four programs instead of counting them. (Denpasar prints no
# nomenclature codes: its budget and sub kegiatan lines are placed by name, from the nomenclature.)
BATAS = {"klungkung-2024": (99.0, 2), "denpasar-2022": (97.0, 1)}


@pytest.mark.parametrize("seed", ["klungkung-2024", "denpasar-2022"])
def test_the_seed_texts_read_into_a_draft_holding_the_printed_values(seed):
    from sakip.interchange import yamlio
    from sakip.paths import SEEDS_DIR

    hasil = baca_laporan((SEEDS_DIR / "teks" / f"{seed}.txt").read_bytes(), f"{seed}.txt")
    read_document(hasil.teks.encode(), "draf.yaml")
    hand = yamlio.load((SEEDS_DIR / f"{seed}.yaml").read_text())
    kena, luput = _cakupan(hand, hasil.draf)
    persen = kena * 100 / (kena + len(luput))
    minimal, paling_banyak_luput = BATAS[seed]
    assert persen >= minimal, (persen, luput)
    assert len(luput) <= paling_banyak_luput, luput
    if seed == "klungkung-2024":
        sisa = [m for m in luput if "Tabel" in m[0]]
        assert sisa == [
            (
                "Lampiran Tabel 3.9 (Capaian Indikator Kinerja)",
                "indikator:2.07.01.2.05-1",
                "capaian",
                "95,55",
            )
        ]
        # the kegiatan printed with a wrong code is read under its sub kegiatan's code, and said
        assert any("kodenya dibaca sebagai 2.07.01.2.05" in t for t in hasil.tidak_terbaca)
        # the BPS table per region: a series linked to the TPAK indicator, 'Kab.' written out
        (seri,) = hasil.draf["seri_data"]
        assert seri["nama"].startswith("Tingkat partisipasi Angkatan kerja Provinsi Bali")
        tpak = _nama_indikator(hasil.draf)[seri["indikator"]]
        assert tpak == "tingkat partisipasi angkatan kerja"
        nilai = {(n["wilayah"], n["tahun"]): n for n in seri["nilai"]}
        assert len(nilai) == 30 and nilai[("Kabupaten Klungkung", 2024)]["nilai"] == Decimal(
            "77.23"
        )
        assert nilai[("Provinsi Bali", 2024)]["agregat"] is True
    else:
        # no code printed: every kegiatan of the budget table is placed by its name
        assert "9 baris tanpa kode dicocokkan menurut nama dengan nomenklatur" in hasil.laporan()
        kegiatan = {k["kode"]: k for p in hasil.draf["program"] for k in p["kegiatan"]}
        assert kegiatan["2.07.04.2.02"]["anggaran"] == {"pagu": 29305000, "realisasi": 19599000}
        # a sub kegiatan absent from the nomenclature keeps its printed name, without a code
        sub = [s for s in kegiatan["2.07.04.2.01"]["sub_kegiatan"] if "kode" not in s]
        assert [s["nama"] for s in sub] == ["Penyuluhan dan Bimbingan Jabatan Bagi Pencari Kerja"]


# Critical findings of the hand-encoded seed that the reviu of the read draft does not report yet,
# honestly: none left. (The four that come from sentences — Ikhtisar, Bab III, Bab IV — are found
# since the reader reads the narrative; the BPS series one since it reads tables per region.)
BELUM_DITEMUKAN = {"klungkung-2024": set(), "denpasar-2022": set()}


@pytest.mark.parametrize("seed", ["klungkung-2024", "denpasar-2022"])
def test_reviu_of_the_read_text_finds_the_critical_findings_without_false_alarms(seed):
    import re

    from django.db import transaction

    from sakip.interchange import yamlio
    from sakip.interchange.baca.pengenal import angka
    from sakip.interchange.importer import import_file
    from sakip.organisations.models import Pemda
    from sakip.paths import SEEDS_DIR
    from sakip.review.engine import reviu_opd

    def kunci(t):
        n = angka(t.tercetak)
        return t.aturan, n if n is not None else re.sub(r",00\b", "", t.tercetak), t.dihitung

    def kritis(hasil):
        return [t for t in reviu_opd(hasil.opd, hasil.tahun) if t.tingkat == "kritis"]

    with transaction.atomic():
        tangan = kritis(import_file(SEEDS_DIR / f"{seed}.yaml"))
        transaction.set_rollback(True)
    # the Pemda is set up in sakip (as its Admin does), the OPD and its data come from the text
    pm = yamlio.load((SEEDS_DIR / f"{seed}.yaml").read_text())["pemda"]
    Pemda.objects.create(**{k: v for k, v in pm.items() if k != "skala_predikat"})
    draf = baca_laporan((SEEDS_DIR / "teks" / f"{seed}.txt").read_bytes(), f"{seed}.txt")
    dibaca = kritis(import_file(draf.teks.encode()))
    k_tangan, k_dibaca = {kunci(t) for t in tangan}, {kunci(t) for t in dibaca}
    # no critical finding the hand-encoded file does not have (no false alarm)
    assert [t.pesan for t in dibaca if kunci(t) not in k_tangan] == []
    luput = {(t.aturan, t.lokasi) for t in tangan if kunci(t) not in k_dibaca}
    assert luput == BELUM_DITEMUKAN[seed]


@pytest.mark.parametrize(
    "nama, arah",
    [
        ("Besaran Kasus Yang Diselesaikan dengan Perjanjian Bersama (PB)", "naik"),
        ("Persentase kasus hubungan industrial yang tertangani", "naik"),
        ("Penurunan angka pengangguran", "naik"),
        ("Jumlah perselisihan hubungan industrial", "turun"),
        ("Tingkat Pengangguran Terbuka", "turun"),
        ("Tingkat Partisipasi Angkatan Kerja", "naik"),
    ],
)
def test_direction_from_an_indicator_name(nama, arah):
    """A resolved-cases rate is higher-is-better although its name says 'kasus' (issue 31: TXT-02 on
    Denpasar counted 3 of 5 IKU under target instead of 4)."""
    from sakip.interchange.baca.draf_dasar import _polaritas_nama

    assert _polaritas_nama(nama)[0] == arah
