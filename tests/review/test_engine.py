"""Reviu: each rule fires where it must and stays quiet where it must not; the seeds' expected findings."""

from pathlib import Path

import pytest
from django.core.management import call_command

from sakip.interchange.importer import import_file
from sakip.paths import SEEDS_DIR
from sakip.review.engine import jalankan, reviu_opd
from sakip.review.rules.dasar import Konteks
from sakip.review.rules.tabel import ATURAN, ATURAN_BY_ID

EXPECTED = Path(__file__).parent / "expected"


def _run(seed: str, replacements=(), rule: str | None = None):
    text = (SEEDS_DIR / f"{seed}.yaml").read_text()
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    hasil = import_file(text.encode())
    rules = [ATURAN_BY_ID[rule]] if rule else ATURAN
    found = jalankan(Konteks(hasil.opd, hasil.tahun), rules)
    if rule and rule.startswith("PMB"):
        found = [t for t in jalankan(Konteks(hasil.opd, hasil.tahun)) if t.aturan == rule]
    return found


def _line(t):
    return " | ".join([t.aturan, t.lokasi, t.objek, t.tercetak, t.dihitung])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "seed,slug,tahun",
    [("denpasar-2022", "disnaker-denpasar", 2022), ("klungkung-2024", "disnaker-klungkung", 2024)],
)
def test_seed_findings_are_exactly_the_expected_ones(seed, slug, tahun):
    import_file(SEEDS_DIR / f"{seed}.yaml")
    from sakip.organisations.models import PerangkatDaerah

    found = [_line(t) for t in reviu_opd(PerangkatDaerah.objects.get(slug=slug), tahun)]
    expected = [
        ln
        for ln in (EXPECTED / f"{seed}.txt").read_text().splitlines()
        if ln and not ln.startswith("#")
    ]
    assert sorted(found) == sorted(expected)


def test_every_rule_is_data_with_id_severity_and_indonesian_message():
    ids = [a.id for a in ATURAN]
    assert len(ids) == len(set(ids))
    for a in ATURAN:
        assert a.tingkat in ("kritis", "peringatan", "info")
        assert a.judul and a.pesan and a.kategori


K, D = "klungkung-2024", "denpasar-2022"
TPAK_31 = "- {lokasi: Tabel 3.1, objek: 'indikator:S1-1', atribut: capaian, periode: 2024, teks: '187,90'}"
CASES = [
    # rule, seed, replacements, substring that must (fire) / must not (quiet) appear in a finding
    ("CAP-01", K, [], "Tabel 3.1", True),
    ("CAP-01", K, [(TPAK_31, TPAK_31.replace("187,90", "101,11"))], "Tabel 3.1", False),
    # an indicator without realisasi printed as 'tidak dapat dihitung': report and data agree
    (
        "CAP-01",
        K,
        [
            (
                TPAK_31,
                TPAK_31
                + "\n- {lokasi: Tabel 9.9, objek: 'indikator:T1-1', atribut: capaian, periode: 2024, "
                "teks: 'tidak dapat dihitung'}",
            )
        ],
        "Tabel 9.9",
        False,
    ),
    ("CAP-02", K, [], "TPAK", True),
    (
        "CAP-02",
        K,
        [("atribut: capaian_renstra, teks: '187,90'", "atribut: capaian_renstra, teks: '114,08'")],
        "TPAK",
        False,
    ),
    (
        "REA-01",
        D,
        [
            (
                "objek: 'indikator:S2-1', atribut: realisasi, periode: 2022, teks: 62%}",
                "objek: 'indikator:S2-1', atribut: realisasi, periode: 2022, teks: 70%}",
            )
        ],
        "Ditempatkan",
        True,
    ),
    ("REA-01", D, [], "Ditempatkan", False),
    (
        "TGT-01",
        K,
        [
            (
                "objek: 'indikator:S1-1', atribut: target, periode: 2024, teks: '79,00'}\n- {lokasi: Tabel 3.1",
                "objek: 'indikator:S1-1', atribut: target, periode: 2024, teks: '77,75'}\n- {lokasi: Tabel 3.1",
            )
        ],
        "TPAK",
        True,
    ),
    ("TGT-01", K, [], "TPAK", False),
    ("PMB-01", D, [], "Tabel 3.1", True),
    (
        "PMB-01",
        D,
        [
            (
                "lokasi: Tabel 3.1, objek: 'indikator:S1-1', atribut: realisasi, periode: 2022, teks: 67%",
                "lokasi: Tabel 3.1, objek: 'indikator:S1-1', atribut: realisasi, periode: 2022, teks: 68%",
            )
        ],
        "Tabel 3.1",
        False,
    ),
    ("PMB-02", K, [], "Evaluasi Kinerja", True),
    (
        "PMB-02",
        K,
        [
            (
                "objek: 'anggaran:2.07.01.2.01.02', atribut: serapan, periode: 2024, teks: '37,29'",
                "objek: 'anggaran:2.07.01.2.01.02', atribut: serapan, periode: 2024, teks: '37,28'",
            )
        ],
        "Evaluasi Kinerja",
        False,
    ),
    ("ANG-01", K, [], "2.07.01 Program Penunjang", True),
    # a total that covers one urusan only is compared with that urusan, not with the OPD total
    (
        "ANG-01",
        K,
        [
            (
                "objek: 'anggaran:2.07', atribut: pagu, periode: 2024, teks: '6.214.345.759,00'",
                "objek: 'anggaran:2.07', atribut: pagu, periode: 2024, teks: '6.214.115.679,00'",
            )
        ],
        "pagu 2.07 ",
        False,
    ),
    ("ANG-01", D, [], "", False),
    ("ANG-02", K, [], "92,98", True),
    (
        "ANG-02",
        K,
        [
            (
                "lokasi: Bab III 3.2 Realisasi Anggaran, objek: 'anggaran:jumlah', atribut: serapan, periode: 2024, teks: '92,98 %'",
                "lokasi: Bab III 3.2 Realisasi Anggaran, objek: 'anggaran:jumlah', atribut: serapan, periode: 2024, teks: '91,73 %'",
            )
        ],
        "Bab III 3.2",
        False,
    ),
    ("ANG-02", D, [], "", False),
    ("ANG-03", K, [], "2.07.01.2.02", True),
    ("ANG-03", D, [], "", False),
    ("ANG-04", K, [], "2.07.01.2.02", True),
    ("ANG-04", D, [], "", False),
    ("KON-01", K, [], "serapan anggaran seluruh OPD", True),
    ("KON-01", D, [], "", False),
    ("EFI-01", K, [], "2.07.03.2.05 ", True),
    (
        "EFI-01",
        K,
        [
            (
                "atribut: indeks_efisiensi, periode: 2024, teks: '40,00'",
                "atribut: indeks_efisiensi, periode: 2024, teks: '1,09'",
            )
        ],
        "2.07.03.2.05 ",
        False,
    ),
    ("EFI-02", K, [], "2.07.04 Program", True),
    ("EFI-02", K, [], "2.07.03 Program", False),
    ("EFI-03", K, [], "2.07.01 Program", True),
    ("EFI-03", K, [], "2.07.03 Program", False),
    ("EFI-04", K, [], "2.07.01 Program", True),
    ("EFI-04", K, [], "2.07.04 Program", False),
    # a conclusion that contradicts its own printed row
    (
        "EFI-05",
        K,
        [
            (
                "objek: 'efisiensi:2.07.03', atribut: kesimpulan, periode: 2024, teks: efisiensi}",
                "objek: 'efisiensi:2.07.03', atribut: kesimpulan, periode: 2024, teks: tidak efisien}",
            )
        ],
        "2.07.03 Program",
        True,
    ),
    ("EFI-05", K, [], "2.07.03 Program", False),
    # a conclusion that follows from its printed row, whose input is wrong (EFI-04): not again (issue 31)
    ("EFI-05", K, [], "Administrasi Kepegawaian", False),
    # the report prints standar efisiensi 0,00 where its own rencana output 2 ÷ rencana input 2 = 1
    ("EFI-06", K, [], "2.07.05.2.02.02", True),
    (
        "EFI-06",
        K,
        [
            (
                "'efisiensi:2.07.05.2.02.02', atribut: standar_efisiensi, periode: 2024, teks: '0,00'",
                "'efisiensi:2.07.05.2.02.02', atribut: standar_efisiensi, periode: 2024, teks: '1,00'",
            )
        ],
        "2.07.05.2.02.02",
        False,
    ),
    # a verdict in a sentence against the capaian: Denpasar says "telah berhasil" with 4 of 5 IKU
    # under target; Klungkung's verdicts (TPAK "melebihi target", disputes "sesuai target") hold
    ("TXT-02", D, [], "4 dari 5 IKU di bawah target", True),
    ("TXT-02", K, [], "", False),
    (
        "TXT-02",
        K,
        [
            (
                "atribut: penilaian, periode: 2024, teks: melampaui target,",
                "atribut: penilaian, periode: 2024, teks: tidak tercapai,",
            )
        ],
        "'tidak tercapai', padahal dari data capaian 101,11%",
        True,
    ),
    # the same indicator (name and unit) at two places with different targets
    (
        "KON-02",
        D,
        [
            (
                "{nama: Jumlah Rekomendasi UMK, satuan: Laporan,",
                "{nama: Jumlah laporan kegiatan, satuan: Laporan,",
            )
        ],
        "target berbeda",
        True,
    ),
    ("KON-02", D, [], "", False),
    ("RAT-01", K, [], "rata-rata capaian kegiatan", True),
    ("RAT-01", K, [], "rata-rata capaian program", False),
    # the sentence's average equals the average of the rows it prints: the rows carry the error
    ("RAT-01", K, [], "rata-rata capaian sub kegiatan", False),
    ("HIT-01", K, [], "jumlah kegiatan 12", True),
    ("HIT-01", D, [], "", False),
    ("SER-01", K, [], "Tabel 3.2", True),
    (
        "SER-01",
        K,
        [
            (
                "objek: 'indikator:S1-1', atribut: realisasi, periode: 2023, teks: '79,81'}",
                "objek: 'indikator:S1-1', atribut: realisasi, periode: 2023, teks: '79,88'}",
            )
        ],
        "Tabel 3.2",
        False,
    ),
    ("SER-02", K, [], "TPAK", True),
    ("SER-02", K, [], "perselisihan", False),
    ("SER-03", K, [], "tahun 2024", True),
    ("SER-03", D, [], "", False),
    ("REN-01", K, [], "TPAK", True),
    ("REN-01", D, [], "", False),
    ("REN-02", K, [], "TPAK", True),
    ("REN-02", D, [], "", False),
    # printed 100% for a lower-is-better count (target 2, realisasi 0): capped at 100% — info (issue 31)
    ("CAP-03", K, [], "perselisihan", True),
    ("CAP-03", D, [], "", False),
    # kondisi akhir 79,02 inside a range target 78–80 for the last year: consistent (issue 31)
    (
        "REN-02",
        K,
        [("kondisi_akhir: 70.02", "kondisi_akhir: 79.02"), ("2026: 79.02}", "2026: [78, 80]}")],
        "TPAK",
        False,
    ),
    # … outside the range: still found, the range named
    (
        "REN-02",
        K,
        [("kondisi_akhir: 70.02", "kondisi_akhir: 79.02"), ("2026: 79.02}", "2026: [80, 90]}")],
        "80,00–90,00",
        True,
    ),
    # a Renstra target printed for the report year is compared with the target in force (issue 31)
    (
        "REN-04",
        K,
        [
            (
                "{lokasi: Tabel 3.1, objek: 'indikator:S1-1', atribut: target, periode: 2024, teks: '79,00'}",
                "{lokasi: Tabel 2.2, objek: 'indikator:S1-1', atribut: target_renstra, periode: 2024, teks: '80,00'}",
            )
        ],
        "target Renstra Tingkat Partisipasi Angkatan Kerja (TPAK) [S1-1] tahun 2024 80,00",
        True,
    ),
    (
        "REN-04",
        K,
        [
            (
                "{lokasi: Tabel 3.1, objek: 'indikator:S1-1', atribut: target, periode: 2024, teks: '79,00'}",
                "{lokasi: Tabel 2.2, objek: 'indikator:S1-1', atribut: target_renstra, periode: 2024, teks: '79,00'}",
            )
        ],
        "Tabel 2.2",
        False,
    ),
    ("REN-03", K, [], "42,51", True),
    ("REN-03", D, [], "", False),
    ("DAT-01", D, [], "Tingkat Pengangguran Terbuka", True),
    (
        "DAT-01",
        D,
        [
            (
                "      kondisi_akhir: 6.62\n      target: {2022: 7.42,",
                "      kondisi_akhir: 6.62\n      realisasi: [{tahun: 2022, pembilang: 30, penyebut: 400, catatan: BPS}]\n      target: {2022: 7.42,",
            )
        ],
        "Tingkat Pengangguran Terbuka",
        False,
    ),
    ("DAT-02", K, [], "perselisihan", True),
    ("DAT-02", D, [], "", False),
    ("DAT-03", D, [], "Jaminan Sosial", True),
    ("DAT-03", K, [], "perselisihan", False),
    (
        "TXT-01",
        D,
        [
            (
                "tercetak:\n",
                "narasi:\n  kesimpulan: Indikator Besaran Tenaga Kerja Yang Mendapat Pelatihan Berbasis Kompetensi telah tercapai dengan baik. Anggaran terserap 97%.\ntercetak:\n",
            )
        ],
        "Pelatihan Berbasis Kompetensi",
        True,
    ),
    (
        "TXT-01",
        D,
        [
            (
                "tercetak:\n",
                "narasi:\n  kesimpulan: Indikator Besaran Tenaga Kerja Yang Mendapat Pelatihan Berbasis Kompetensi belum tercapai. Besaran Pencari Kerja yang Terdaftar Yang Ditempatkan tercapai.\ntercetak:\n",
            )
        ],
        "Pelatihan Berbasis Kompetensi",
        False,
    ),
    ("KOD-01", K, [], "2.07.01.2.03", True),
    ("KOD-01", D, [], "", False),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rule,seed,replacements,needle,fires",
    CASES,
    ids=[f"{c[0]}-{'fire' if c[4] else 'quiet'}-{i}" for i, c in enumerate(CASES)],
)
def test_rule_fires_or_stays_quiet(rule, seed, replacements, needle, fires):
    found = _run(seed, replacements, rule)
    hits = [t for t in found if needle in " ".join([t.lokasi, t.objek, t.tercetak, t.pesan])]
    if fires:
        assert hits, [t.pesan for t in found]
        assert all(t.aturan == rule and t.tingkat == ATURAN_BY_ID[rule].tingkat for t in hits)
    else:
        assert not hits, [t.pesan for t in hits]


def test_every_rule_has_a_firing_and_a_quiet_case():
    """Kasus di CASES, atau (aturan keselarasan RPJMD, yang butuh berkas Pemda) tes bernama di
    tests/review/test_selaras.py (DIPICU, DIAM)."""
    from sakip.review.rules.tabel import ATURAN_PEMDA
    from tests.review import test_selaras as sel

    rules = {a.id for a in ATURAN + ATURAN_PEMDA}
    fired = {c[0] for c in CASES if c[4]} | set(sel.DIPICU)
    quiet = {c[0] for c in CASES if not c[4]} | set(sel.DIAM)
    assert rules == fired == quiet
    assert all(callable(f) for f in [*sel.DIPICU.values(), *sel.DIAM.values()])


@pytest.mark.django_db
def test_reviu_command_on_a_file_saves_nothing(tmp_path, capsys):
    from sakip.organisations.models import PerangkatDaerah

    call_command("reviu", str(SEEDS_DIR / "klungkung-2024.yaml"))
    out = capsys.readouterr().out
    assert (
        "Tabel 3.1 mencetak capaian Tingkat Partisipasi Angkatan Kerja (TPAK) [S1-1] tahun 2024 187,90"
        in out
    )
    assert "101,11%" in out
    assert not PerangkatDaerah.objects.exists()


@pytest.mark.django_db
def test_reviu_command_outputs(tmp_path, klungkung):
    import json

    from openpyxl import load_workbook

    j = tmp_path / "r.json"
    call_command(
        "reviu",
        "--opd",
        "disnaker-klungkung",
        "--tahun",
        "2024",
        "--format",
        "json",
        "--output",
        str(j),
    )
    data = json.loads(j.read_text())
    assert data["opd"] == "Dinas Ketenagakerjaan Kabupaten Klungkung"
    assert any(
        t["aturan"] == "EFI-01" and t["tercetak"] == "40,00" and t["dihitung"] == "1,09"
        for t in data["temuan"]
    )
    x = tmp_path / "r.xlsx"
    call_command(
        "reviu",
        "--opd",
        "disnaker-klungkung",
        "--tahun",
        "2024",
        "--format",
        "xlsx",
        "--output",
        str(x),
    )
    ws = load_workbook(x)["Temuan reviu"]
    assert ws["A4"].value == "Aturan"
    assert ws.max_row == 4 + len(data["temuan"])


@pytest.mark.django_db
def test_reviu_command_bad_arguments():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="salah satu"):
        call_command("reviu")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("reviu", "--opd", "tidak-ada", "--tahun", "2024")


@pytest.mark.django_db
def test_a_consequence_is_reported_once_in_the_finding_of_its_cause():
    """A derived figure that is wrong only because its row's input is wrong is named in the
    finding of that input, not reported again on its own."""
    found = _run(K)
    efi06 = [t for t in found if t.aturan == "EFI-06" and "2.07.05.2.02.02" in t.objek]
    assert len(efi06) == 1
    assert "Akibatnya juga (EFI-02, tidak dilaporkan terpisah)" in efi06[0].pesan
    assert not [t for t in found if t.aturan == "EFI-02" and "2.07.05.2.02.02" in t.objek]
    # a wrong total: its serapan is said in the total's finding (ANG-01), not as ANG-02
    ang01 = [t for t in found if t.aturan == "ANG-01" and t.objek.startswith("2.07.01.2.01 ")]
    # (its pagu and its realisasi are both wrong: two findings, the serapan named once)
    dengan_akibat = [t for t in ang01 if "Akibatnya juga (ANG-02" in t.pesan]
    assert len(ang01) == 2 and len(dengan_akibat) == 1
    assert "tercetak 42,03, dari data 43,24%" in dengan_akibat[0].pesan
    assert not [t for t in found if t.aturan == "ANG-02" and t.objek.startswith("2.07.01.2.01 ")]
    # the tingkat efisiensi of a row whose standar is right is still its own finding
    assert [t for t in found if t.aturan == "EFI-02" and "2.07.04 Program" in t.objek]
    # … and the one whose standar is wrong is recomputed from the right standar (2 ÷ 2 = 1): 3,66
    efi06 = next(t for t in found if t.aturan == "EFI-06" and "2.07.05.2.02.02" in t.objek)
    assert "tercetak 200,00, dari data 3,66" in efi06.pesan


@pytest.mark.django_db
def test_a_capaian_convention_is_an_info_note_and_quiet_once_the_pemda_adopts_it():
    """Issue 31: "Jumlah perselisihan" printed 100% where sakip says 200% is a convention (capaian
    capped at 100%), shown as CAP-03 naming it and the Pemda setting — not a CAP-01/CAP-02 error."""
    from decimal import Decimal

    hasil = import_file(SEEDS_DIR / "klungkung-2024.yaml")
    temuan = reviu_opd(hasil.opd, 2024)
    pers = [t for t in temuan if "perselisihan" in t.objek and t.aturan.startswith("CAP")]
    assert {t.aturan for t in pers} == {"CAP-03"} and all(t.tingkat == "info" for t in pers)
    assert "paling tinggi 100%" in pers[0].pesan and "tanpa batas atas" in pers[0].pesan
    pemda = hasil.opd.pemda
    pemda.batas_capaian_maks = Decimal(100)
    pemda.save()
    temuan = reviu_opd(hasil.opd, 2024)
    assert not [t for t in temuan if "perselisihan" in t.objek and t.aturan.startswith("CAP")]


@pytest.mark.django_db
def test_one_wrong_figure_printed_at_several_places_is_one_finding():
    """Issue 31: the same wrong value at several places is one finding listing every place."""
    hasil = import_file(SEEDS_DIR / "klungkung-2024.yaml")
    temuan = [
        t for t in reviu_opd(hasil.opd, 2024) if t.aturan == "CAP-01" and "187,90" in t.tercetak
    ]
    assert len(temuan) == 1
    assert temuan[0].lokasi == "Tabel 3.1; Tabel 3.2"
    assert "Angka yang sama tercetak juga di: Tabel 3.2 (2 tempat, satu temuan)." in temuan[0].pesan


@pytest.mark.django_db
def test_a_sisa_that_follows_its_printed_row_is_not_a_second_finding():
    """Issue 31: Klungkung prints SISA 517.394.344 = its printed pagu 6.254.031.019 − printed realisasi
    5.736.636.675; the pagu and realisasi are the errors (ANG-01), the SISA only follows them."""
    hasil = import_file(SEEDS_DIR / "klungkung-2024.yaml")
    temuan = [t for t in reviu_opd(hasil.opd, 2024) if t.objek == "jumlah seluruh baris"]
    assert not [t for t in temuan if "517.394.344" in t.tercetak]
    assert [t for t in temuan if t.aturan == "ANG-01" and "6.254.031.019" in t.tercetak]
    assert [t for t in temuan if t.aturan == "ANG-01" and "5.736.636.675" in t.tercetak]
