from decimal import Decimal

import pytest
from django.core.management import call_command

from sakip.budget.models import Anggaran
from sakip.interchange import yamlio
from sakip.interchange.exporter import export_text
from sakip.interchange.importer import import_file, read_document
from sakip.interchange.schema import InvalidDocument, validate
from sakip.measurement.models import Realisasi
from sakip.organisations.models import PerangkatDaerah
from sakip.paths import SEEDS_DIR
from sakip.planning.models import Indikator, Program, SubKegiatan

SEEDS = [
    ("denpasar-2022.yaml", "disnaker-denpasar", 2022),
    ("klungkung-2024.yaml", "disnaker-klungkung", 2024),
]


@pytest.mark.django_db
@pytest.mark.parametrize("name,slug,tahun", SEEDS)
def test_round_trip_is_lossless(name, slug, tahun):
    original = read_document(SEEDS_DIR / name)
    import_file(SEEDS_DIR / name)
    exported = export_text(PerangkatDaerah.objects.get(slug=slug), tahun)
    assert validate(yamlio.load(exported)) == original
    # and importing the export again changes nothing
    import_file(exported.encode())
    assert export_text(PerangkatDaerah.objects.get(slug=slug), tahun) == exported


@pytest.mark.django_db
def test_reimport_is_idempotent(denpasar):
    counts = (
        Indikator.objects.count(),
        Realisasi.objects.count(),
        Anggaran.objects.count(),
        SubKegiatan.objects.count(),
    )
    import_file(SEEDS_DIR / "denpasar-2022.yaml")
    assert counts == (
        Indikator.objects.count(),
        Realisasi.objects.count(),
        Anggaran.objects.count(),
        SubKegiatan.objects.count(),
    )


def _seed_text():
    return (SEEDS_DIR / "denpasar-2022.yaml").read_text()


def _broken(old, new, count=1):
    text = _seed_text()
    assert old in text, old
    return text.replace(old, new, count)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "old,new,expected",
    [
        (
            "anggaran: {pagu: 990000000,",
            "anggaran: {pagu: -5,",
            "kegiatan 2.07.03.2.01 › anggaran › pagu: tidak boleh kurang dari 0",
        ),
        (
            "anggaran: {pagu: 990000000,",
            "anggaran: {pagu: sembilan ratus juta,",
            "'sembilan ratus juta' bukan angka",
        ),
        (
            "- kode: 2.07.03.2.05\n",
            "- kode: 2.07.03.2.5\n",
            "bagian kegiatan '2.5' tidak sesuai format",
        ),
        (
            "- kode: 2.07.03.2.05\n",
            "- kode: 2.07.04.2.05\n",
            "kegiatan 2.07.04.2.05 bukan bagian dari program 2.07.03",
        ),
        (
            "- kode: 2.07.05\n",
            "- kode: 2.08.05\n",
            "bidang urusan 2.08 tidak tercantum pada opd › urusan",
        ),
        ("sasaran: [S1]", "sasaran: [S9]", "sasaran 'S9' tidak ada di Renstra"),
        (
            "{tahun: 2022, pembilang: 200, penyebut: 296,",
            "{tahun: 2022, pembilang: 200,",
            "pembilang dan penyebut harus diisi bersama",
        ),
        ("target: {2022: 87,", "target: {2022: tinggi,", "'tinggi' bukan angka"),
        ("  jenis: kota\n", "  jenis: kotamadya\n", "'kotamadya' tidak dikenal"),
        (
            "objek: 'indikator:S1-1', atribut: realisasi",
            "objek: 'indikator:ZZ-9', atribut: realisasi",
            "indikator 'ZZ-9' tidak ada dalam berkas",
        ),
    ],
)
def test_bad_input_is_refused_with_a_located_indonesian_message_and_nothing_saved(
    old, new, expected
):
    with pytest.raises(InvalidDocument) as exc:
        import_file(_broken(old, new).encode())
    messages = [str(m) for m in exc.value.masalah]
    assert any(expected in m for m in messages), messages
    assert all(m.startswith("baris ") for m in messages), messages
    assert not PerangkatDaerah.objects.exists()
    assert not Program.objects.exists()


@pytest.mark.django_db
def test_line_number_points_at_the_bad_value():
    text = _broken("anggaran: {pagu: 40283000,", "anggaran: {pagu: 40.283.000x,")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "40.283.000x" in row)
    with pytest.raises(InvalidDocument) as exc:
        import_file(text.encode())
    assert exc.value.masalah[0].baris == line


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload,expected",
    [
        (b"PK\x03\x04 not really a workbook", "tampaknya XLSX/DOCX/PDF"),
        (b"%PDF-1.7", "tampaknya XLSX/DOCX/PDF"),
        (b"\xff\xfe\x00a", "data biner"),
        (b"tahun: 2022 \xe9t\xe9\n", "bukan teks UTF-8"),
        (b"tahun: 2022\n", "bukan berkas pertukaran sakip"),
        (b"format: sakip/opd-tahun 9\n", "versi format '9' tidak didukung"),
        (b"format: sakip/opd-tahun 1\npemda: [\n", "YAML tidak sah"),
        (b"- a\n- b\n", "harus berupa pasangan kunci"),
    ],
)
def test_files_that_are_not_what_they_claim(payload, expected):
    with pytest.raises(InvalidDocument) as exc:
        import_file(payload)
    assert expected in str(exc.value)


@pytest.mark.django_db
def test_failure_after_validation_rolls_back(monkeypatch):
    """A crash in the middle of writing leaves the database as it was."""
    from sakip.interchange import importer

    def boom(self, items):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(importer._Writer, "_tercetak", boom)
    with pytest.raises(RuntimeError):
        import_file(SEEDS_DIR / "denpasar-2022.yaml")
    assert not PerangkatDaerah.objects.exists() and not Anggaran.objects.exists()


@pytest.mark.django_db
def test_anggaran_on_both_levels_is_refused():
    text = _broken(
        "      nama: Proses Pelaksanaan Pendidikan dan Pelatihan Keterampilan Bagi Pencari Kerja Berdasarkan Klaster Kompetensi\n",
        "      nama: Proses Pelaksanaan Pendidikan dan Pelatihan Keterampilan Bagi Pencari Kerja Berdasarkan Klaster Kompetensi\n      anggaran: {pagu: 1, realisasi: 1}\n",
    )
    with pytest.raises(InvalidDocument, match="tingkat terendah saja"):
        import_file(text.encode())


@pytest.mark.django_db
def test_commands(tmp_path, capsys):
    call_command("impor", str(SEEDS_DIR / "klungkung-2024.yaml"))
    call_command("opd", "list")
    out = capsys.readouterr().out
    assert (
        "disnaker-klungkung\tDinas Ketenagakerjaan Kabupaten Klungkung\tKabupaten Klungkung" in out
    )
    target = tmp_path / "out.yaml"
    call_command(
        "ekspor", "--opd", "disnaker-klungkung", "--tahun", "2024", "--output", str(target)
    )
    assert validate(yamlio.load(target.read_text())) == read_document(
        SEEDS_DIR / "klungkung-2024.yaml"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: sakip/opd-tahun 1\ntahun: dua ribu\n")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("impor", str(bad))
    assert "'dua ribu' bukan tahun" in capsys.readouterr().err
    assert Decimal(1) == 1


def _klungkung_dengan_anggaran_pk(anggaran: list[dict]) -> str:
    data = yamlio.load((SEEDS_DIR / "klungkung-2024.yaml").read_text("utf-8"))
    data["perjanjian_kinerja"][0]["anggaran"] = anggaran
    return yamlio.dump(data)


@pytest.mark.django_db
def test_a_pk_budget_per_kegiatan_and_sub_kegiatan_round_trips():
    """Issue 32: a PK budget row may name a kegiatan or a sub kegiatan under its programme (as the
    PKs of eselon III/IV do); the file keeps the level and reads back the same."""
    from sakip.planning.models import PKAnggaran

    teks = _klungkung_dengan_anggaran_pk(
        [
            {"program": "2.07.03", "pagu": 100000000},
            {"program": "2.07.01", "kegiatan": "2.07.01.2.01", "pagu": 25057580},
            {"program": "2.07.01", "sub_kegiatan": "2.07.01.2.02.01", "pagu": 3787355027},
        ]
    )
    import_file(teks.encode())
    rows = {a.unsur.kode: a for a in PKAnggaran.objects.select_related("kegiatan", "sub_kegiatan")}
    assert set(rows) == {"2.07.03", "2.07.01.2.01", "2.07.01.2.02.01"}
    assert rows["2.07.01.2.02.01"].kegiatan.kode == "2.07.01.2.02"
    assert rows["2.07.01.2.01"].sub_kegiatan is None
    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    exported = export_text(opd, 2024)
    assert validate(yamlio.load(exported)) == read_document(teks.encode())
    assert "sub_kegiatan: 2.07.01.2.02.01" in exported


@pytest.mark.django_db
@pytest.mark.parametrize(
    "baris,pesan",
    [
        (
            {"program": "2.07.03", "kegiatan": "2.07.01.2.01", "pagu": 1},
            "kegiatan 2.07.01.2.01 bukan bagian dari program 2.07.03",
        ),
        (
            {"program": "2.07.01", "sub_kegiatan": "2.07.01.2.02.99", "pagu": 1},
            "sub kegiatan '2.07.01.2.02.99' tidak ada dalam berkas",
        ),
        ({"program": "2.07.01", "kegiatn": "2.07.01.2.01", "pagu": 1}, "kegiatn"),
    ],
)
def test_a_wrong_pk_budget_row_is_named(baris, pesan):
    with pytest.raises(InvalidDocument) as e:
        read_document(_klungkung_dengan_anggaran_pk([baris]).encode())
    assert any(pesan in str(m) for m in e.value.masalah), e.value.masalah
