"""Yang terbit: cuplikan saat disetujui/final, berkas PDF-nya, dan tidak berubah sesudahnya."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from sakip.measurement.models import Realisasi
from sakip.organisations.models import PerangkatDaerah
from sakip.planning.alur import ALUR_PK
from sakip.planning.models import PerjanjianKinerja
from sakip.publikasi import services
from sakip.publikasi.models import Terbitan
from sakip.review import alur as alur_reviu
from sakip.workflow.services import jalankan
from tests.demo_cepat import muat_demo

pytestmark = pytest.mark.django_db

J = Terbitan.Jenis


def _u(nama):
    return get_user_model().objects.get(username=nama)


def _klungkung():
    return PerangkatDaerah.objects.select_related("pemda").get(slug="disnaker-klungkung")


def setujui_lkjip(monkeypatch, opd, tahun, operator, kepala):
    """Ajukan dan setujui LKjIP lewat alurnya; gerbang reviu dianggap bersih (diuji di review/)."""
    monkeypatch.setattr(alur_reviu, "perbarui_temuan", lambda *a: None)
    monkeypatch.setattr(alur_reviu, "lkjip_dapat_disetujui", lambda *a: (True, ""))
    s = alur_reviu.status_lkjip(opd, tahun)
    jalankan(alur_reviu.ALUR_LKJIP, _u(operator), s, "ajukan")
    jalankan(alur_reviu.ALUR_LKJIP, _u(kepala), s, "setujui")


def setujui_pk(opd, tahun, operator, kepala):
    pk = PerjanjianKinerja.objects.get(opd=opd, tahun=tahun, jabatan__isnull=True, versi=1)
    jalankan(ALUR_PK, _u(operator), pk, "ajukan")
    return jalankan(ALUR_PK, _u(kepala), pk, "setujui")


def test_demo_publishes_the_final_evaluations_of_both_seeds():
    muat_demo()
    ev = Terbitan.objects.filter(jenis=J.EVALUASI).order_by("opd__slug")
    assert [(t.opd.slug, t.tahun) for t in ev] == [
        ("disnaker-denpasar", 2022),
        ("disnaker-klungkung", 2024),
    ]
    from sakip.evaluation import services as ev_services
    from sakip.evaluation.models import Evaluasi

    e = Evaluasi.objects.get(opd__slug="disnaker-klungkung", tahun=2024)
    t = ev.get(opd__slug="disnaker-klungkung")
    assert Decimal(t.data["nilai"]) == round(ev_services.hasil(e).nilai, 2)
    assert t.data["predikat"] == ev_services.hasil(e).predikat.predikat
    assert sum(Decimal(k["bobot"]) for k in t.data["komponen"]) == 100
    # catatan per kriteria evaluator tidak ikut terbit
    assert "catatan" not in str(t.data).lower()
    assert services.lengkapi() == []  # sekali saja


def test_approving_the_lkjip_publishes_its_figures_and_pdf(
    monkeypatch, django_capture_on_commit_callbacks
):
    muat_demo()
    opd = _klungkung()
    assert not Terbitan.objects.filter(opd=opd, jenis=J.LKJIP).exists()
    with django_capture_on_commit_callbacks(execute=True):
        setujui_lkjip(monkeypatch, opd, 2024, "operator.klungkung", "kepala.klungkung")
    t = Terbitan.objects.get(opd=opd, tahun=2024, jenis=J.LKJIP)
    assert t.diterbitkan_oleh.username == "kepala.klungkung"
    tpak = next(b for b in t.data["indikator"] if b["kode"] == "S1-1")
    # 79,88 dari target 79 → 101,11% (seed Klungkung 2024)
    assert (tpak["target"], tpak["realisasi"], tpak["capaian"]) == ("79", "79.88", "101.11")
    assert tpak["iku"] and tpak["unsur"] == "Terserapnya Angkatan Kerja"
    assert Decimal(t.data["anggaran"]["pagu"]) == sum(Decimal(p["pagu"]) for p in t.data["program"])
    assert t.versi_data and t.berkas and t.ukuran > 10_000 and len(t.sidik) == 64
    with t.berkas.open("rb") as f:
        assert f.read(5) == b"%PDF-"


def test_what_is_published_does_not_change_when_the_data_is_corrected(
    monkeypatch, django_capture_on_commit_callbacks
):
    muat_demo()
    opd = _klungkung()
    with django_capture_on_commit_callbacks(execute=True):
        setujui_lkjip(monkeypatch, opd, 2024, "operator.klungkung", "kepala.klungkung")
    t = Terbitan.objects.get(opd=opd, jenis=J.LKJIP)
    sidik = t.sidik
    for r in Realisasi.objects.filter(indikator__opd=opd, indikator__kode="S1-1", tahun=2024):
        r.nilai = Decimal("70")
        r.save()
    t.refresh_from_db()
    tpak = next(b for b in t.data["indikator"] if b["kode"] == "S1-1")
    assert tpak["realisasi"] == "79.88" and t.sidik == sidik
    # berkas yang belum sempat dibuat tidak dibuat dari data yang tidak terbit
    t.berkas.delete(save=True)
    from sakip.tugas.models import DokumenTersimpan

    sebelum = DokumenTersimpan.objects.count()
    assert services.siapkan_berkas(t) is False
    assert "berubah" in t.catatan
    assert DokumenTersimpan.objects.count() == sebelum  # nothing rendered from unpublished data


def test_pk_approval_publishes_the_pk_and_a_pk_perubahan_publishes_a_new_version(
    django_capture_on_commit_callbacks,
):
    muat_demo()
    opd = _klungkung()
    with django_capture_on_commit_callbacks(execute=True):
        pk = setujui_pk(opd, 2024, "operator.klungkung", "kepala.klungkung")
    t = Terbitan.objects.get(opd=opd, tahun=2024, jenis=J.PK)
    assert t.versi == 1 and t.berkas and t.data["jenis"] == "PK Murni"
    assert [(b["nama"], b["target"]) for b in t.data["indikator"]] == [
        (i.indikator.nama, services.cuplikan._d(i.target))
        for i in pk.indikator.order_by("urutan", "pk")
    ]
    from sakip.planning.services import IsianTargetPK, buat_perubahan

    target = {i.indikator_id: i.target + 1 for i in pk.indikator.all()}
    baru = buat_perubahan(
        _u("operator.klungkung"),
        pk,
        IsianTargetPK(target=target, alasan="Penyesuaian anggaran perubahan"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        jalankan(ALUR_PK, _u("operator.klungkung"), baru, "ajukan")
        jalankan(ALUR_PK, _u("kepala.klungkung"), baru, "setujui")
    v2 = Terbitan.objects.get(opd=opd, tahun=2024, jenis=J.PK, versi=2)
    assert "PK Perubahan ke-1" in v2.judul
    assert v2.data["alasan_perubahan"] == "Penyesuaian anggaran perubahan"
    assert Terbitan.objects.filter(opd=opd, jenis=J.PK).count() == 2  # yang lama tetap


def test_a_cascaded_pk_of_a_jabatan_is_not_published():
    from sakip.organisations.models import Jabatan

    muat_demo()
    jabatan = Jabatan.objects.filter(opd__slug="disnaker-denpasar").first()
    pk = PerjanjianKinerja(opd=jabatan.opd, jabatan=jabatan, tahun=2022)
    assert services.terbitkan_pk(pk) is None
    assert not Terbitan.objects.filter(jenis=J.PK).exists()


def test_the_command_fills_in_what_was_approved_before_the_portal(capsys):
    from django.core.management import call_command

    from sakip.reporting.models import PersetujuanLkjip

    muat_demo()
    Terbitan.objects.all().delete()
    PersetujuanLkjip.objects.create(opd=_klungkung(), tahun=2024, status="disetujui")
    call_command("terbitan", "--lengkapi", "--pemda", "kabupaten-klungkung")
    keluar = capsys.readouterr().out
    assert "Terbit: LKjIP Dinas Ketenagakerjaan Kabupaten Klungkung Tahun 2024" in keluar
    assert "Terbitan baru: 2" in keluar  # LKjIP dan evaluasi final; Denpasar tidak disentuh
    assert not Terbitan.objects.filter(pemda__slug="kota-denpasar").exists()


def test_a_publication_is_never_overwritten_even_when_its_source_is_remade(
    django_capture_on_commit_callbacks,
):
    """A final evaluation deleted and made again: the new result is a new publication (ke-2), the
    first stays readable."""
    from sakip.evaluation.models import Evaluasi

    muat_demo()
    opd = _klungkung()
    lama = Terbitan.objects.get(opd=opd, jenis=J.EVALUASI)
    ev = Evaluasi.objects.get(opd=opd, tahun=2024)
    baru = services.terbitkan_evaluasi(ev)
    assert (lama.versi, baru.versi, baru.versi_sumber) == (1, 2, 1)
    assert "(terbitan ke-2)" in baru.judul
    assert services.terbaru(Terbitan.objects.filter(opd=opd, jenis=J.EVALUASI)) == [baru]
    assert Terbitan.objects.filter(opd=opd, jenis=J.EVALUASI).count() == 2
