"""The Pemda's own evaluation (PermenPAN-RB 88/2021: the Pemda is evaluated by Kementerian PANRB):
the Admin Pemda self-assesses with answers proposed from the Pemda's data (RPJMD, IKU daerah, every
OPD's PK, LKjIP and reviu), submits, enters the national evaluator's answers and finalises; its
pages, command and publication; nobody else writes it."""

import datetime
import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from sakip.evaluation import services
from sakip.evaluation.alur import ALUR_EVALUASI_PEMDA, alur_evaluasi
from sakip.evaluation.models import Evaluasi, Rekomendasi
from sakip.organisations.models import Peran
from sakip.publikasi.models import Terbitan
from sakip.workflow.alur import AlurError
from sakip.workflow.services import jalankan
from tests.conftest import pengguna

pytestmark = pytest.mark.django_db
HARI = datetime.date(2026, 12, 1)


@pytest.fixture
def pemda(rpjmd_denpasar):
    opd = rpjmd_denpasar
    pengguna("admin", Peran.ADMIN_PEMDA, opd)
    pengguna("insp", Peran.INSPEKTORAT, opd)
    pengguna("op", Peran.OPERATOR_OPD, opd)
    return opd.pemda


def _u(nama):
    return User.objects.get(username=nama)


def _jawab_semua(ev, kolom):
    templat = ev.templat.templat
    pilihan = {kr.kode: templat.pilihan(kr) for _, _, kr in templat.semua_kriteria()}
    isian = {}
    for j in ev.jawaban.all():
        isi = {kolom: j.otomatis or ("Y" if "Y" in pilihan[j.kriteria] else "B")}
        isian[j.kriteria] = isi
    return isian


def test_answers_are_proposed_from_the_pemda_data(pemda):
    ev = services.mulai_evaluasi_pemda(pemda, 2022, _u("admin"), HARI)
    assert (ev.opd, ev.pemda, ev.tingkat_pemda) == (None, pemda, True)
    assert str(ev) == "Evaluasi AKIP Kota Denpasar 2022"
    j = {x.kriteria: x for x in ev.jawaban.all()}
    assert (j["1.a.3"].otomatis, j["1.a.3"].otomatis_alasan) == (
        "Y",
        "RPJMD 2021–2026 tercatat dengan 1 sasaran dan 6 indikator kinerja utama daerah.",
    )
    assert j["1.a.4"].otomatis_alasan.startswith("Perjanjian Kinerja Kepala Daerah 2022 tersusun")
    # every OPD of the Pemda is read: Disnaker's Renstra serves an RPJMD sasaran
    assert (
        j["1.b.9"].otomatis_alasan
        == "1 dari 1 OPD menautkan tujuan/sasaran Renstra ke sasaran RPJMD."
    )
    assert j["3.a.4"].otomatis_alasan.startswith("Pernyataan Telah Direviu LKjIP 2022")
    # capaian of the IKU daerah as the Pemda LKjIP computes it (from the OPD data that serve it)
    assert "indikator kinerja utama daerah mencapai target" in j["1.c.3"].otomatis_alasan
    # criteria with no Pemda counterpart are left to the evaluator
    assert j["1.a.5"].otomatis == ""
    # the OPD evaluation of the same year is another object
    assert services.evaluasi_berlaku(pemda.opd.first(), 2022) is None
    assert services.evaluasi_berlaku(pemda, 2022) == ev


def test_flow_admin_pemda_self_assesses_enters_kemenpan_results_and_finalises(pemda):
    admin, insp, op = _u("admin"), _u("insp"), _u("op")
    # only the Admin Pemda starts and writes it
    for siapa in (insp, op):
        with pytest.raises(services.EvaluasiError, match="Hanya Admin Pemda"):
            services.mulai_evaluasi_pemda(pemda, 2022, siapa, HARI)
    ev = services.mulai_evaluasi_pemda(pemda, 2022, admin, HARI)
    assert alur_evaluasi(ev) is ALUR_EVALUASI_PEMDA
    assert services.kolom_boleh(admin, ev) == services.MANDIRI
    assert services.kolom_boleh(insp, ev) == services.kolom_boleh(op, ev) == ()
    with pytest.raises(services.EvaluasiError, match="diisi Admin Pemda"):
        services.simpan_jawaban(ev, op, {"1.a.1": {"mandiri": "Y"}})
    services.simpan_jawaban(ev, admin, _jawab_semua(ev, "mandiri"))
    with pytest.raises(AlurError, match="Admin Pemda"):
        jalankan(ALUR_EVALUASI_PEMDA, insp, ev, "ajukan")
    ev = jalankan(ALUR_EVALUASI_PEMDA, admin, ev, "ajukan")
    assert ev.tahap == "dievaluasi Kementerian PANRB"
    # the national evaluator's answers, as its LHE reports them, entered by the Admin Pemda
    assert services.kolom_boleh(admin, ev) == services.EVALUATOR
    isian = _jawab_semua(ev, "evaluator")
    isian["1.a.1"]["rekomendasi"] = "Susun pedoman teknis perencanaan kinerja daerah."
    services.simpan_jawaban(ev, admin, isian)
    ev = jalankan(ALUR_EVALUASI_PEMDA, admin, ev, "setujui")
    assert ev.final and ev.nilai is not None and ev.predikat
    assert Rekomendasi.objects.filter(evaluasi=ev).count() == 1
    # the final score is published for the Pemda (no OPD)
    t = Terbitan.objects.get(jenis=Terbitan.Jenis.EVALUASI, pemda=pemda)
    assert t.opd is None and t.judul == "Hasil Evaluasi AKIP Kota Denpasar Tahun 2022"
    # the public portal shows it beside the Pemda LKjIP, and in the open data
    from django.test import Client

    publik = Client()
    html = publik.get(reverse("web:publik_pemda_tahun", args=[pemda.slug, 2022])).content.decode()
    assert "Evaluasi AKIP Pemda" in html and f"predikat <b>{ev.predikat}</b>" in html
    assert (
        "Kota Denpasar"
        in publik.get(
            reverse("web:publik_data", args=[pemda.slug, "evaluasi", "csv"])
        ).content.decode()
    )
    assert (
        "Hasil Evaluasi AKIP Kota Denpasar"
        in publik.get(reverse("web:publik_pemda", args=[pemda.slug])).content.decode()
    )
    # follow-up of the recommendation by the Admin Pemda, not by an OPD
    rek = Rekomendasi.objects.get(evaluasi=ev)
    with pytest.raises(services.EvaluasiError, match="Hanya Admin Pemda"):
        services.tindak_lanjut(rek, op, "selesai", "Pedoman ditetapkan.")
    services.tindak_lanjut(rek, admin, "selesai", "Pedoman ditetapkan dengan Perwali.")
    # a correction is a new version, kept apart from the OPD evaluations' numbering
    baru = services.buat_versi_baru(ev, admin, "Nilai komponen 3 dikoreksi Kementerian PANRB")
    assert (baru.versi, baru.opd, baru.pemda) == (2, None, pemda)
    # next year: last year's recommendations followed up are read for the Pemda
    ev23 = services.mulai_evaluasi_pemda(pemda, 2023, admin, HARI)
    j = ev23.jawaban.get(kriteria="4.c.1")
    assert j.otomatis_alasan.startswith("1 dari 1 rekomendasi evaluasi Pemda 2022 selesai")


def test_one_version_per_pemda_year_and_opd_evaluations_apart(pemda):
    from django.db import IntegrityError, transaction

    ev = services.mulai_evaluasi_pemda(pemda, 2022, None, HARI)
    opd_ev = services.mulai_evaluasi(pemda.opd.first(), 2022, None, HARI)
    assert (opd_ev.pemda, opd_ev.versi, ev.versi) == (pemda, 1, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluasi.objects.create(pemda=pemda, tahun=2022, templat=ev.templat)
    # the OPD recap does not list the Pemda's own evaluation
    assert [r.opd.slug for r in services.rekap_pemda(pemda, 2022)] == ["disnaker-denpasar"]


def test_pages_and_worksheet_of_the_pemda_evaluation(client, pemda):
    url = reverse("web:evaluasi_lke_pemda", kwargs={"slug": pemda.slug, "tahun": 2022})
    client.force_login(_u("op"))
    r = client.get(url)
    assert r.status_code == 200 and "belum dimulai" in r.content.decode()
    assert "Mulai evaluasi" not in r.content.decode()
    assert client.post(url + "mulai/").status_code == 403
    client.force_login(_u("admin"))
    r = client.post(url + "mulai/", follow=True)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Evaluasi AKIP Kota Denpasar tahun 2022" in html and "Kementerian PANRB" in html
    # the LHE is Kementerian PANRB's document: no Inspektur signatory, no sakip LHE download
    assert "Nama Inspektur" not in html and "/dokumen/lhe." not in html
    r = client.post(url + "simpan/", {"mandiri-1.a.1": "Q"}, follow=True)
    assert any("kriteria 1.a.1: jawaban 'Q' tidak sah" in str(m) for m in r.context["messages"])
    r = client.post(url + "simpan/", {"mandiri-1.a.1": "Y"}, follow=True)
    assert any("1 jawaban disimpan" in str(m) for m in r.context["messages"])
    ev = services.evaluasi_berlaku(pemda, 2022)
    assert ev.jawaban.get(kriteria="1.a.1").mandiri == "Y"
    r = client.post(url + "alur/ajukan/", follow=True)
    assert "Penilaian mandiri Pemda diajukan" in r.content.decode()
    x = client.get(url + "lke.xlsx")
    assert x.status_code == 200 and x["Content-Disposition"].endswith(
        f'lke-{pemda.slug}-2022-v1.xlsx"'
    )
    # the Inspektorat reads it but does not take a step of it
    client.force_login(_u("insp"))
    assert client.get(url).status_code == 200
    assert client.post(url + "alur/setujui/").status_code == 403
    # another Pemda's admin does not see it
    from sakip.organisations.models import PerangkatDaerah

    lain = PerangkatDaerah.objects.exclude(pemda=pemda).first()
    if lain is not None:
        client.force_login(pengguna("admin_lain", Peran.ADMIN_PEMDA, lain))
        assert client.get(url).status_code == 403


def test_command_reads_the_pemda_evaluation(pemda, capsys):
    call_command("evaluasi", "--pemda", pemda.slug, "--tahun", "2022", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert data["pemda"] == pemda.slug and data["status"] == "belum dimulai"
    k = {b["kode"]: b for b in data["kriteria"]}
    assert k["1.a.3"]["sumber"] == "otomatis" and k["1.a.3"]["jawaban"] == "Y"
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Pemda dengan slug 'tidak-ada' tidak ditemukan"):
        call_command("evaluasi", "--pemda", "tidak-ada", "--tahun", "2022")


def test_api_reads_the_pemda_evaluation_by_the_pages_rule(pemda):
    """``GET /api/pemda/<slug>/<tahun>/evaluasi/lke``: publik hanya evaluasi final tanpa rincian;
    yang berperan (aturan halamannya) melihat kriteria dan rekomendasi; Pemda lain ditolak."""
    from django.test import Client

    from sakip.organisations.models import Pemda

    url = f"/api/pemda/{pemda.slug}/2022/evaluasi/lke"
    publik, admin = Client(), Client()
    admin.force_login(_u("admin"))
    assert publik.get(url).status_code == 404  # belum ada
    ev = services.mulai_evaluasi_pemda(pemda, 2022, _u("admin"), HARI)
    services.simpan_jawaban(ev, _u("admin"), _jawab_semua(ev, "mandiri"))
    d = admin.get(url).json()
    assert (d["pemda_slug"], d["status"], d["final"]) == (pemda.slug, "draft", False)
    assert len(d["kriteria"]) == ev.jawaban.count() and d["nomor_lhe"] == ""
    assert publik.get(url).status_code == 404  # belum final: tidak untuk publik
    ev = jalankan(ALUR_EVALUASI_PEMDA, _u("admin"), ev, "ajukan")
    services.simpan_jawaban(ev, _u("admin"), _jawab_semua(ev, "evaluator"))
    ev = jalankan(ALUR_EVALUASI_PEMDA, _u("admin"), ev, "setujui")
    d = publik.get(url).json()
    assert d["final"] and d["predikat"] == ev.predikat and d["kriteria"] is None
    assert d["nilai"] == str(services.hasil(ev).nilai.quantize(Decimal("0.01")))
    # Admin Pemda lain: ditolak dengan aturan yang sama dengan halamannya
    lain = Pemda.objects.create(slug="kabupaten-lain", nama="Kabupaten Lain", jenis="kabupaten")
    from sakip.organisations.models import Keanggotaan

    u = User.objects.create_user("admin.lain", password="x-x-x-x-1")
    Keanggotaan.objects.create(user=u, peran=Peran.ADMIN_PEMDA, pemda=lain)
    c = Client()
    c.force_login(u)
    assert c.get(url).status_code == 403
    assert c.get(reverse("web:evaluasi_lke_pemda", args=[pemda.slug, 2022])).status_code == 403
