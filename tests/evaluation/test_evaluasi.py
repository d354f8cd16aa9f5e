"""Evaluation flow (self-assessment → evaluator with an override → final → version), the seed
evaluations of both reports, the LKE worksheet round trip, the template upload, the CLI."""

import datetime
from decimal import Decimal

import pytest

from sakip.evaluation import services
from sakip.evaluation.alur import ALUR_EVALUASI
from sakip.evaluation.models import Evaluasi, Rekomendasi
from sakip.evaluation.muat import muat_evaluasi
from sakip.interchange import excel_lke
from sakip.interchange.excel import ExcelError
from sakip.organisations.models import Peran
from sakip.paths import SEEDS_DIR
from sakip.workflow.alur import AlurError
from sakip.workflow.services import jalankan
from tests.conftest import pengguna

HARI = datetime.date(2026, 12, 1)


@pytest.fixture
def pelaku(klungkung):
    return {
        "opd": klungkung,
        "operator": pengguna("op", Peran.OPERATOR_OPD, klungkung),
        "inspektorat": pengguna("insp", Peran.INSPEKTORAT, klungkung),
    }


@pytest.mark.django_db
def test_seed_evaluations_score_exactly(klungkung, denpasar):
    """Both reports evaluated: automatic answers from the data, the rest as an evaluator would."""
    dps = muat_evaluasi(SEEDS_DIR / "evaluasi" / "denpasar-2022.yaml", HARI)
    klu = muat_evaluasi(SEEDS_DIR / "evaluasi" / "klungkung-2024.yaml", HARI)
    # the logic rule L4 (no definisi operasional, 2.a.2 = T) caps 2.b.2 (and at Klungkung 2.b.3)
    # answered B at C: 0,25 × 9/7 less per capped answer
    assert (dps.final, dps.nilai, dps.predikat) == (True, Decimal("39.0420"), "C")
    assert (klu.final, klu.nilai, klu.predikat) == (True, Decimal("41.0196"), "C")
    assert set(services.hasil(klu).dibatasi) == {"2.b.2", "2.b.3"}
    assert [str(round(k.nilai, 2)) for k in services.hasil(klu).komponen] == [
        "18.57",
        "12.61",
        "8.59",
        "1.25",
    ]
    # Denpasar: the PK in the appendix, not in sakip → the evaluator overrides with a reason
    j = dps.jawaban.get(kriteria="1.a.4")
    assert (j.otomatis, j.evaluator, j.diubah_dari_otomatis) == ("T", "Y", True)
    assert j.alasan_ubah.startswith("PK 2022 dan PK Perubahan 2022 dilampirkan")
    # Klungkung: printed errors (reviu) → report quality E, kept by the evaluator
    j = klu.jawaban.get(kriteria="3.b.1")
    assert (j.otomatis, j.evaluator, j.diubah_dari_otomatis) == ("E", "E", False)
    assert Rekomendasi.objects.filter(evaluasi=klu).count() == 4


@pytest.mark.django_db
def test_seed_file_errors_name_the_criterion(klungkung, tmp_path):
    f = tmp_path / "e.yaml"
    f.write_text(
        "format: sakip/evaluasi 1\nopd: disnaker-klungkung\ntahun: 2024\ntemplat: permenpan-88-2021\n"
        "jawaban:\n  1.a.4: [T]\n  9.z: [Y]\n  1.a.1: [Q]\n",
        encoding="utf-8",
    )
    with pytest.raises(services.EvaluasiError) as e:
        muat_evaluasi(f, HARI)
    assert e.value.galat == {
        "1.a.4": "e.yaml: kriteria 1.a.4: T berbeda dari usulan otomatis Y; tuliskan alasannya",
        "9.z": "e.yaml: kriteria '9.z' tidak ada dalam templat",
        "1.a.1": "e.yaml: kriteria 1.a.1: jawaban 'Q' tidak sah",
    }
    assert not Evaluasi.objects.exists()  # one transaction: nothing half-written


@pytest.mark.django_db
def test_flow_self_assessment_evaluator_override_final_and_version(pelaku):
    opd, op, insp = pelaku["opd"], pelaku["operator"], pelaku["inspektorat"]
    ev = services.mulai_evaluasi(opd, 2024, op, HARI)
    assert ev.jawaban.count() == 80 and ev.jawaban.get(kriteria="1.a.4").otomatis == "Y"
    # the Inspektorat cannot answer before the OPD submits
    with pytest.raises(services.EvaluasiError, match="Penilaian mandiri belum diajukan OPD"):
        services.simpan_jawaban(ev, insp, {"1.a.1": {"evaluator": "Y"}})
    with pytest.raises(services.EvaluasiError) as e:
        services.simpan_jawaban(ev, op, {"1.a.1": {"mandiri": "Y"}, "1.b.1": {"mandiri": "Y"}})
    assert e.value.galat == {
        "1.b.1": "kriteria 1.b.1: jawaban 'Y' tidak sah; pilihan: A, B, C, D, E"
    }
    assert ev.jawaban.get(kriteria="1.a.1").mandiri == ""  # nothing half-written
    assert (
        services.simpan_jawaban(ev, op, {"1.a.1": {"mandiri": "y", "mandiri_catatan": "Perwali"}})
        == 1
    )
    jalankan(ALUR_EVALUASI, op, ev, "ajukan")
    with pytest.raises(services.EvaluasiError, match="sedang dievaluasi Inspektorat"):
        services.simpan_jawaban(ev, op, {"1.a.2": {"mandiri": "Y"}})
    # overriding an automatic answer needs a reason
    with pytest.raises(services.EvaluasiError) as e:
        services.simpan_jawaban(ev, insp, {"1.a.4": {"evaluator": "T"}})
    assert e.value.galat == {
        "1.a.4": "kriteria 1.a.4: jawaban evaluator T berbeda dari usulan otomatis Y; tuliskan alasannya"
    }
    services.simpan_jawaban(
        ev,
        insp,
        {
            "1.a.4": {
                "evaluator": "T",
                "alasan_ubah": "PK belum ditandatangani",
                "rekomendasi": "Tanda tangani PK",
            }
        },
    )
    with pytest.raises(AlurError, match="50 kriteria belum dijawab \\(1.a.2, 1.a.7, "):
        jalankan(ALUR_EVALUASI, insp, ev, "setujui")
    t = ev.templat.templat
    services.simpan_jawaban(
        ev,
        insp,
        {
            kr.kode: {"evaluator": t.pilihan(kr)[0], "alasan_ubah": "bukti lengkap"}
            for _, _, kr in t.semua_kriteria()
            if kr.kode != "1.a.4"
        },
    )
    ev = jalankan(ALUR_EVALUASI, insp, ev, "setujui")
    j = ev.jawaban.get(kriteria="1.a.4")
    assert (j.otomatis, j.evaluator, j.sumber, j.alasan_ubah) == (
        "Y",
        "T",
        "evaluator",
        "PK belum ditandatangani",
    )
    # 1.a: 7 Y/T criteria weight 6, one T → 100 − 6/7
    # no PK (1.a.4 = T): the logic rule L1 caps the four PK quality answers at C (4 × 0,5 × 9/10)
    assert ev.final and ev.nilai == Decimal("97.3429") and ev.predikat == "AA"
    assert set(services.hasil(ev).dibatasi) == {"1.b.1", "1.b.2", "1.b.7", "1.b.8"}
    rek = Rekomendasi.objects.get(evaluasi=ev)
    assert (rek.kriteria, rek.komponen, rek.teks) == ("1.a.4", "1", "Tanda tangani PK")
    with pytest.raises(services.EvaluasiError, match="Evaluasi sudah final"):
        services.simpan_jawaban(ev, insp, {"1.a.4": {"evaluator": "Y"}})
    # follow-up by the OPD
    with pytest.raises(services.EvaluasiError) as e:
        services.tindak_lanjut(rek, op, "selesai", "", "ftp://x", "kemarin")
    assert e.value.galat == {
        "tindak_lanjut": "Uraikan tindak lanjutnya.",
        "tautan_bukti": "Tautan harus diawali http:// atau https://",
        "tanggal_tindak_lanjut": "'kemarin' bukan tanggal (TTTT-BB-HH)",
    }
    services.tindak_lanjut(
        rek, op, "selesai", "PK ditandatangani", "https://klungkungkab.go.id/pk", "2025-03-01"
    )
    # a correction is a new version, with a reason, back with the Inspektorat
    with pytest.raises(services.EvaluasiError):
        services.buat_versi_baru(ev, insp, " ")
    v2 = services.buat_versi_baru(ev, insp, "salah ketik 1.a.4")
    assert (v2.versi, v2.status, v2.jawaban.count()) == (2, "diajukan", 80)
    assert v2.jawaban.get(kriteria="1.a.4").evaluator == "T"
    assert Evaluasi.objects.get(pk=ev.pk).final  # the old version stays final and readable
    # next year: last year's recommendations are checked
    ev25 = services.mulai_evaluasi(opd, 2025, op, HARI)
    assert ev25.jawaban.get(kriteria="4.c.1").otomatis == "A"


@pytest.mark.django_db
def test_lke_worksheet_round_trip(pelaku):
    opd, op = pelaku["opd"], pelaku["operator"]
    ev = services.mulai_evaluasi(opd, 2024, op, HARI)
    data = excel_lke.buat_lembar(ev)
    assert excel_lke.baca_unggahan(ev, op, data) == []  # unchanged worksheet: no change
    from io import BytesIO

    from openpyxl import load_workbook

    wb = load_workbook(BytesIO(data))
    ws = wb["LKE"]
    rows = {ws.cell(r, 2).value: r for r in range(7, ws.max_row + 1)}
    ws.cell(rows["1.a.1"], excel_lke.IDX["mandiri"], "y")
    ws.cell(rows["1.a.1"], excel_lke.IDX["mandiri_catatan"], "Perbup SAKIP")
    ws.cell(rows["1.b.3"], excel_lke.IDX["mandiri"], "B")
    ws.cell(rows["1.b.3"], excel_lke.IDX["evaluator"], "A")  # not the operator's column: ignored
    out = BytesIO()
    wb.save(out)
    changes = excel_lke.baca_unggahan(ev, op, out.getvalue())
    assert [(c.kriteria, c.kolom, c.baru, c.baris) for c in changes] == [
        ("1.a.1", "mandiri", "Y", rows["1.a.1"]),
        ("1.a.1", "mandiri_catatan", "Perbup SAKIP", rows["1.a.1"]),
        ("1.b.3", "mandiri", "B", rows["1.b.3"]),
    ]
    assert excel_lke.terapkan(ev, op, excel_lke.sebagai_dict(changes)) == 2
    again = load_workbook(BytesIO(excel_lke.buat_lembar(ev)))["LKE"]
    assert again.cell(rows["1.b.3"], excel_lke.IDX["mandiri"]).value == "B"
    assert excel_lke.baca_unggahan(ev, op, excel_lke.buat_lembar(ev)) == []
    # bad input names sheet, row and column
    ws.cell(rows["1.b.3"], excel_lke.IDX["mandiri"], "Z")
    ws.cell(rows["1.a.2"], 2, "9.9.9")
    out = BytesIO()
    wb.save(out)
    with pytest.raises(ExcelError) as e:
        excel_lke.baca_unggahan(ev, op, out.getvalue())
    assert e.value.galat == [
        f"Lembar LKE, baris {rows['1.a.2']}, kolom B: kode '9.9.9' tidak ada dalam templat {ev.templat}.",
        f"Lembar LKE, baris {rows['1.b.3']}, kolom H (Jawaban mandiri): 'Z' bukan pilihan kriteria 1.b.3; pilihan: A, B, C, D, E.",
    ]
    with pytest.raises(ExcelError, match="bukan buku kerja Excel"):
        excel_lke.baca_unggahan(ev, op, b"%PDF-1.4 bukan xlsx")


@pytest.mark.django_db
def test_template_upload_is_a_new_version_and_errors_are_named(pelaku):
    pemda = pelaku["opd"].pemda
    bawaan = services.templat_bawaan()
    teks = services.teks_templat(bawaan).replace("bobot: 30\n", "bobot: 31\n", 1)
    from sakip.core.lke import TemplatError

    with pytest.raises(TemplatError) as e:
        services.unggah_templat(pemda, teks, None, "ubah bobot", "lke.yaml")
    assert "jumlah bobot komponen 101, seharusnya 100" in e.value.galat
    with pytest.raises(TemplatError, match="lke.yaml baris 1: bukan YAML yang sah"):
        services.unggah_templat(pemda, "a: [", None, "x", "lke.yaml")
    baru_teks = services.teks_templat(bawaan).replace("cek: renstra_ada", "cek: tidak_ada")
    with pytest.raises(TemplatError, match="pemeriksaan otomatis 'tidak_ada' tidak dikenal"):
        services.unggah_templat(pemda, baru_teks, None, "x", "lke.yaml")
    ok = services.teks_templat(bawaan).replace(
        "Terdapat pedoman teknis perencanaan kinerja.",
        "Terdapat Perbup pedoman perencanaan kinerja.",
    )
    v2 = services.unggah_templat(pemda, ok, None, "kriteria 1.a.1 disesuaikan", "lke.yaml")
    # the built-in template is version 2 (issue 32: whole texts, logic rules): the upload is 3
    assert (v2.versi, v2.pemda) == (3, pemda) and services.templat_terbaru(pemda) == v2
    ev = services.mulai_evaluasi(pelaku["opd"], 2024, pelaku["operator"], HARI)
    assert ev.templat == v2  # the evaluation keeps the version it was made with


@pytest.mark.django_db
def test_the_aa_variant_is_built_in_and_a_pemda_can_adopt_it(pelaku, client):
    """Issue 32: both 88/2021 variants ship as built-in templates; the Admin Pemda adopts the
    AA–E one with one button; the automatic checks answer on its scale; a capped answer is shown
    beside itself on the evaluation page."""
    from sakip.evaluation.models import TemplatLKE
    from sakip.organisations.models import Peran
    from tests.conftest import pengguna

    opd = pelaku["opd"]
    services.templat_bawaan()
    varian = TemplatLKE.objects.get(kode="permenpan-88-2021-aa", pemda=None)
    admin = pengguna("admin.pemda", Peran.ADMIN_PEMDA, opd)
    client.force_login(admin)
    url = f"/pemda/{opd.pemda.slug}/evaluasi/templat/"
    html = client.get(url).content.decode()
    assert "skala AA–E" in html and "Pakai untuk evaluasi baru" in html
    resp = client.post(url, {"pakai": varian.pk}, follow=True)
    assert "evaluasi baru memakai versi ini" in resp.content.decode()
    milik = services.templat_terbaru(opd.pemda)
    assert (milik.kode, milik.pemda, milik.versi) == ("permenpan-88-2021-aa", opd.pemda, 2)
    ev = services.mulai_evaluasi(opd, 2024, pelaku["operator"], HARI)
    assert ev.templat == milik
    otomatis = {j.kriteria: j.otomatis for j in ev.jawaban.all() if j.otomatis}
    t = milik.templat
    assert otomatis and all(v in t.pilihan(t.kriteria(k)) for k, v in otomatis.items())
    assert {v for k, v in otomatis.items() if t.kriteria(k).jawaban == "aa"} <= set(t.skala["aa"])
    # a foreign template id is not adoptable; a Pemda-owned one neither
    assert client.post(url, {"pakai": 999999}).status_code == 404
    resp = client.post(url, {"pakai": milik.pk}, follow=True)
    assert "Hanya templat bawaan sakip" in resp.content.decode()


@pytest.mark.django_db
def test_starting_an_evaluation_checks_the_role_in_the_service(klungkung):
    """Issue 28: layanan tulis memeriksa izinnya sendiri (bukan hanya view-nya)."""
    from sakip.evaluation.models import Evaluasi
    from sakip.organisations.models import Peran
    from tests.conftest import pengguna

    lain = pengguna("admin.lain", Peran.ADMIN_PEMDA, klungkung)
    with pytest.raises(services.EvaluasiError, match="Hanya OPD ini atau Inspektorat"):
        services.mulai_evaluasi(klungkung, 2024, lain)
    assert not Evaluasi.objects.exists()
    assert services.mulai_evaluasi(klungkung, 2024).versi == 1  # sistem (perintah, demo)
