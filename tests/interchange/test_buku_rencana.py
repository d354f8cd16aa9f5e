"""Buku kerja perencana: seluruh rencana satu OPD-tahun dalam satu .xlsx, bolak-balik tanpa hilang."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from sakip.interchange.buku_rencana import tulis_buku
from sakip.interchange.buku_rencana_baca import baca_buku
from sakip.interchange.exporter import export_data, export_text
from sakip.interchange.importer import import_document, import_file
from sakip.interchange.schema import InvalidDocument
from sakip.organisations.models import PerangkatDaerah
from sakip.paths import SEEDS_DIR

SEEDS = [
    ("denpasar-2022.yaml", "disnaker-denpasar", 2022),
    ("klungkung-2024.yaml", "disnaker-klungkung", 2024),
]
CONTOH = SEEDS_DIR / "contoh"


def _kosongkan():
    call_command("flush", "--noinput", verbosity=0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name,slug,tahun", SEEDS)
def test_seed_yaml_to_workbook_to_empty_database_gives_the_same_yaml(name, slug, tahun):
    import_file(SEEDS_DIR / name)
    opd = PerangkatDaerah.objects.get(slug=slug)
    yaml_awal = export_text(opd, tahun)
    buku = tulis_buku(export_data(opd, tahun))
    _kosongkan()
    import_document(baca_buku(buku))
    assert export_text(PerangkatDaerah.objects.get(slug=slug), tahun) == yaml_awal


@pytest.mark.django_db(transaction=True)
def test_example_pemda_opds_round_trip_through_the_workbook():
    berkas = sorted(p for p in CONTOH.glob("*.yaml") if not p.name.startswith("pemda"))
    for p in berkas:
        import_file(p)
    import_file(CONTOH / "pemda-contoh.yaml")
    opds = [(o.slug, 2025) for o in PerangkatDaerah.objects.filter(pemda__slug="kabupaten-contoh")]
    assert len(opds) >= 3
    awal = {s: export_text(PerangkatDaerah.objects.get(slug=s), t) for s, t in opds}
    buku = {s: tulis_buku(export_data(PerangkatDaerah.objects.get(slug=s), t)) for s, t in opds}
    _kosongkan()
    for s, _t in opds:
        import_document(baca_buku(buku[s]))
    import_file(CONTOH / "pemda-contoh.yaml")
    for s, t in opds:
        assert export_text(PerangkatDaerah.objects.get(slug=s), t) == awal[s], s


@pytest.mark.django_db(transaction=True)
def test_stopped_items_and_their_reasons_round_trip_through_yaml_and_workbook():
    from sakip.planning.models import Indikator, Kegiatan

    import_file(SEEDS_DIR / "klungkung-2024.yaml")
    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    Kegiatan.objects.filter(program__opd=opd, kode="2.07.01.2.01").update(
        berhenti_tahun=2026, alasan_berhenti="Digabung: nomenklatur 2026"
    )
    Indikator.objects.filter(opd=opd, kode="S2-1").update(
        berhenti_tahun=2025, alasan_berhenti="Diganti indikator baru"
    )
    # rentang nilai wajar yang dinyatakan indikator (sakip.core.wajar) ikut terbawa
    Indikator.objects.filter(opd=opd, kode="S1-1").update(batas_bawah=-5, batas_atas=150)
    yaml_awal = export_text(opd, 2024)
    assert yaml_awal.count("berhenti:") == 2
    assert "batas_bawah: -5" in yaml_awal and "batas_atas: 150" in yaml_awal
    buku = tulis_buku(export_data(opd, 2024))
    kegiatan = _baris(buku, "Program", Kode="2.07.01.2.01")
    wb = load_workbook(io.BytesIO(buku))
    judul = [c.value for c in wb["Program"][1]]
    baris = [c.value for c in wb["Program"][kegiatan]]
    assert baris[judul.index("Berhenti mulai tahun")] == 2026
    assert baris[judul.index("Alasan berhenti")] == "Digabung: nomenklatur 2026"
    _kosongkan()
    import_document(baca_buku(buku))
    assert export_text(PerangkatDaerah.objects.get(slug="disnaker-klungkung"), 2024) == yaml_awal


def _ubah(buku: bytes, *ubah) -> bytes:
    """Ubah sel (lembar, baris, judul kolom, nilai) pada buku kerja, seperti di Excel."""
    from sakip.berkas.xlsx import simpan

    wb = load_workbook(io.BytesIO(buku))
    for lembar, baris, judul, nilai in ubah:
        ws = wb[lembar]
        kolom = [c.value for c in ws[1]].index(judul) + 1
        ws.cell(row=baris, column=kolom, value=nilai)
    return simpan(wb)


def _baris(buku: bytes, lembar: str, **cari) -> int:
    ws = load_workbook(io.BytesIO(buku))[lembar]
    judul = [c.value for c in ws[1]]
    for n, row in enumerate(ws.iter_rows(min_row=2, values_only=True), 2):
        if all(row[judul.index(k)] == v for k, v in cari.items()):
            return n
    raise AssertionError(cari)


@pytest.fixture
def buku_klungkung(db):
    import_file(SEEDS_DIR / "klungkung-2024.yaml")
    return tulis_buku(export_data(PerangkatDaerah.objects.get(slug="disnaker-klungkung"), 2024))


def _galat(buku: bytes) -> str:
    with pytest.raises(InvalidDocument) as exc:
        baca_buku(buku, "rencana.xlsx")
    return str(exc.value)


@pytest.mark.django_db
def test_the_workbook_reads_like_the_printed_renstra(buku_klungkung):
    wb = load_workbook(io.BytesIO(buku_klungkung))
    assert wb.sheetnames[:6] == ["Petunjuk", "Identitas", "Urusan", "Misi", "Renstra", "Program"]
    ren = list(wb["Renstra"].iter_rows(values_only=True))
    assert ren[0][:3] == ("Jenis", "Kode", "Uraian / Nama") and "Target 2024" in ren[0]
    assert [r[0] for r in ren[1:5]] == ["Tujuan", "Indikator", "Sasaran", "Indikator"]
    tpak = ren[4]
    assert tpak[1:3] == ("S1-1", "Tingkat Partisipasi Angkatan Kerja (TPAK)")
    assert tpak[ren[0].index("Target 2024")] == 79 and tpak[ren[0].index("IKU")] == "Ya"
    prog = list(wb["Program"].iter_rows(values_only=True))
    kepala = prog[0]
    sub = next(r for r in prog if r[1] == "2.07.01.2.01.01")
    assert sub[0] == "Sub Kegiatan" and sub[kepala.index("Pagu (Rp)")] == 3295050
    assert wb["Renstra"]["B2"].number_format == "@"  # kode tetap teks di Excel


@pytest.mark.django_db
def test_each_mistake_is_named_by_sheet_row_and_column_and_nothing_is_read(buku_klungkung):
    b = buku_klungkung
    tpak = _baris(b, "Renstra", Kode="S1-1")
    sub = _baris(b, "Program", Kode="2.07.01.2.01.01")
    keg = _baris(b, "Program", Kode="2.07.01.2.01")
    pesan = _galat(
        _ubah(
            b,
            ("Renstra", tpak, "Target 2025", "tujuh puluh"),
            ("Renstra", tpak, "IKU", "mungkin"),
            ("Program", sub, "Pagu (Rp)", "-5"),
            ("Program", keg, "Kode", "2.07.02.2.01"),
            ("Realisasi", 2, "Kode indikator", "X-9"),
        )
    )
    assert f"Lembar 'Renstra', baris {tpak}, kolom 'Target 2025'" in pesan
    assert "tujuh puluh" in pesan
    assert f"Lembar 'Renstra', baris {tpak}, kolom 'IKU': 'mungkin' bukan Ya atau Tidak" in pesan
    assert "Lembar 'Realisasi', baris 2, kolom 'Kode indikator': indikator 'X-9'" in pesan
    assert f"Lembar 'Program', baris {sub}, kolom 'Pagu (Rp)': tidak boleh kurang dari 0" in pesan
    assert f"Lembar 'Program', baris {keg}, kolom 'Kode'" in pesan
    assert "bukan bagian dari program 2.07.01" in pesan


@pytest.mark.django_db
def test_a_stop_needs_its_year_and_reason_and_not_on_a_tujuan_row(buku_klungkung):
    b = buku_klungkung
    sub = _baris(b, "Program", Kode="2.07.01.2.01.01")
    tujuan = _baris(b, "Renstra", Jenis="Tujuan")
    pesan = _galat(
        _ubah(
            b,
            ("Program", sub, "Berhenti mulai tahun", "tahun depan"),
            ("Renstra", tujuan, "Alasan berhenti", "tidak dipakai"),
        )
    )
    assert f"Lembar 'Program', baris {sub}, kolom 'Berhenti mulai tahun'" in pesan
    assert "'tahun depan' bukan tahun" in pesan
    assert f"Lembar 'Program', baris {sub}, kolom 'Alasan berhenti': wajib diisi" in pesan
    assert f"Lembar 'Renstra', baris {tujuan}, kolom 'Alasan berhenti'" in pesan


@pytest.mark.django_db
def test_tree_order_mistakes_and_unknown_columns(buku_klungkung):
    b = buku_klungkung
    pesan = _galat(
        _ubah(b, ("Renstra", 2, "Jenis", "Indikator"), ("Program", 2, "Jenis", "Kegiatan"))
    )
    assert (
        "Lembar 'Renstra', baris 2, kolom 'Jenis': baris Indikator harus berada di bawah" in pesan
    )
    assert "Lembar 'Program', baris 2, kolom 'Jenis': baris Kegiatan harus berada di bawah" in pesan
    pesan = _galat(_ubah(b, ("Renstra", 1, "Satuan", "Satuann"), ("Program", 3, "Jenis", "Bidang")))
    assert "Lembar 'Renstra', baris 1, kolom 'Satuann': kolom tidak dikenal" in pesan
    assert "Lembar 'Program', baris 3, kolom 'Jenis': 'Bidang' tidak dikenal" in pesan


@pytest.mark.django_db
def test_a_range_target_and_indonesian_text_numbers_are_read(buku_klungkung):
    b = buku_klungkung
    tpak = _baris(b, "Renstra", Kode="S1-1")
    sub = _baris(b, "Program", Kode="2.07.01.2.01.01")
    doc = baca_buku(
        _ubah(
            b,
            ("Renstra", tpak, "Target 2026", "79–80,5"),
            ("Program", sub, "Pagu (Rp)", "Rp3.095.050"),
        )
    )
    ind = doc["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][0]
    assert ind["target"][2026] == {"nilai": 79, "nilai_atas": Decimal("80.5")}
    sk = doc["program"][0]["kegiatan"][0]["sub_kegiatan"][0]
    assert sk["anggaran"]["pagu"] == 3095050


@pytest.mark.django_db
def test_files_that_are_not_a_plan_workbook():
    from tests.berkas.bom import xlsx_bom

    assert "bukan buku kerja rencana sakip" in _galat(_kosong_xlsx())
    assert "Lembar" not in _galat(xlsx_bom())
    with pytest.raises(InvalidDocument) as exc:
        import_file(b"PK\x03\x04 bukan arsip")
    assert "tampaknya XLSX/DOCX/PDF" in str(exc.value)


def _kosong_xlsx() -> bytes:
    from openpyxl import Workbook

    from sakip.berkas.xlsx import simpan

    return simpan(Workbook())
