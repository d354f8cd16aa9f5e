"""Every automatic LKE check: a firing case and a quiet case, on the real seed data."""

import datetime

import pytest
from django.utils import timezone

from sakip.budget.models import Anggaran
from sakip.evaluation.cek import CEK, KonteksEvaluasi, jalankan_cek
from sakip.evaluation.models import Evaluasi, Rekomendasi
from sakip.evaluation.services import templat_bawaan
from sakip.measurement.models import BuktiDukung, PersetujuanRealisasi, Realisasi
from sakip.organisations.models import Jabatan
from sakip.planning.models import Indikator, PerjanjianKinerja, RencanaAksi, Sasaran
from sakip.reporting.models import Narasi, PersetujuanLkjip
from sakip.review.models import JalannyaReviu, TemuanReviu
from sakip.rpjmd.models import SasaranRPJMD

KLU, DPS = ("disnaker-klungkung", 2024), ("disnaker-denpasar", 2022)


def _kr(templat, cek):
    return next(kr for _, _, kr in templat.semua_kriteria() if kr.cek == cek)


def usul(opd, tahun, cek):
    t = templat_bawaan().templat
    return jalankan_cek(t, _kr(t, cek), KonteksEvaluasi(opd, tahun, datetime.date(2026, 12, 1)))


def _setujui(obj, tanggal=None):
    obj.ajukan()
    obj.setujui()
    obj.save()
    if tanggal:
        type(obj).objects.filter(pk=obj.pk).update(diputuskan_pada=tanggal)
    return obj


def pk_klungkung(opd, tanggal=None):
    pk = PerjanjianKinerja.objects.get(opd=opd, tahun=2024, jabatan__isnull=True)
    if tanggal:
        PerjanjianKinerja.objects.filter(pk=pk.pk).update(tanggal=tanggal)
        pk.refresh_from_db()
    return _setujui(pk)


def iku(opd):
    return list(Indikator.objects.filter(opd=opd, iku=True))


def isi_triwulan(opd, tahun):
    from sakip.measurement.services import pengukuran

    for b in pengukuran(opd, tahun):
        if b.target is not None:
            for n in (1, 2, 3, 4):
                Realisasi.objects.get_or_create(
                    indikator=b.indikator, tahun=tahun, periode=f"tw{n}", defaults={"nilai": 1}
                )


def setujui_triwulan(opd, tahun, n=(1, 2, 3, 4)):
    for tw in n:
        _setujui(PersetujuanRealisasi.objects.create(opd=opd, tahun=tahun, triwulan=tw))


def lkjip(opd, tahun, tanggal):
    return _setujui(PersetujuanLkjip.objects.create(opd=opd, tahun=tahun), tanggal)


def evaluasi_lalu(opd, tahun, status_rek):
    ev = Evaluasi.objects.create(opd=opd, tahun=tahun - 1, templat=templat_bawaan())
    _setujui(ev)
    for i, s in enumerate(status_rek):
        Rekomendasi.objects.create(evaluasi=ev, teks=f"Rekomendasi {i}", status=s)


def jabatan(opd, n=2):
    return [
        Jabatan.objects.create(
            opd=opd, kode=f"j{i}", nama=f"Kepala Bidang {i}", jenis="kepala_bidang"
        )
        for i in range(n)
    ]


def _t(y, m, d):
    return timezone.make_aware(datetime.datetime(y, m, d, 10))


# (cek, seed, setup → None, expected answer): the data as the seed gives it, or changed
FIRING = {
    "renstra_ada": (KLU, lambda o: o.renstra.update(tahun_awal=2020, tahun_akhir=2023), "T"),
    "pk_ada": (DPS, None, "T"),
    "pk_disetujui": (KLU, None, "E"),
    "pk_tepat_waktu": (KLU, lambda o: pk_klungkung(o, datetime.date(2024, 4, 15)), "E"),
    "rencana_aksi_ada": (KLU, None, "T"),
    "anggaran_ada": (KLU, lambda o: Anggaran.objects.filter(opd=o).delete(), "T"),
    "pk_berjenjang": (KLU, lambda o: jabatan(o), "T"),
    "target_tahunan": (
        DPS,
        lambda o: Indikator.objects.get(opd=o, kode="S1-1").target.all().delete(),
        "B",
    ),
    "selaras_rpjmd": ("rpd", None, "E"),
    "capaian_iku": (DPS, None, "E"),
    "realisasi_terisi": (DPS, None, "E"),
    "realisasi_disetujui": (KLU, lambda o: setujui_triwulan(o, 2024, (1, 2)), "D"),
    "realisasi_berjenjang": (
        KLU,
        lambda o: (
            Realisasi.objects.filter(indikator__opd=o, tahun=2024)
            .exclude(indikator__tujuan__isnull=False)
            .exclude(indikator__sasaran__isnull=False)
            .delete()
        ),
        "E",
    ),
    "capaian_terhitung": (DPS, None, "B"),
    "definisi_operasional": (KLU, None, "T"),
    "bukti_dukung": (KLU, None, "T"),
    "realisasi_anggaran": (KLU, lambda o: Anggaran.objects.filter(opd=o).update(realisasi=0), "E"),
    "lkjip_disusun": (KLU, None, "T"),
    "lkjip_disetujui": (KLU, None, "T"),
    "lkjip_tepat_waktu": (KLU, lambda o: lkjip(o, 2024, _t(2025, 3, 20)), "T"),
    "reviu_dijalankan": (KLU, None, "T"),
    "reviu_bersih": (KLU, "reviu", "E"),
    "target_jangka_menengah": (
        KLU,
        lambda o: Indikator.objects.filter(opd=o, iku=True).update(kondisi_akhir=None),
        "E",
    ),
    "realisasi_tahun_lalu": (DPS, None, "E"),
    "capaian_membaik": (
        KLU,
        lambda o: Realisasi.objects.filter(indikator__in=iku(o), tahun=2023).update(nilai=10**6),
        "D",
    ),
    "rekomendasi_ditindaklanjuti": (
        KLU,
        lambda o: evaluasi_lalu(o, 2024, ["belum", "selesai"]),
        "D",
    ),
}

QUIET = {
    "renstra_ada": (KLU, None, "Y"),
    "pk_ada": (KLU, None, "Y"),
    "pk_disetujui": (KLU, lambda o: pk_klungkung(o), "A"),
    "pk_tepat_waktu": (KLU, lambda o: pk_klungkung(o, datetime.date(2024, 2, 1)), "A"),
    "rencana_aksi_ada": (
        KLU,
        lambda o: [
            RencanaAksi.objects.create(pk_indikator=p, triwulan=4, target=p.target)
            for p in PerjanjianKinerja.objects.get(opd=o, tahun=2024).indikator.all()
        ],
        "Y",
    ),
    "anggaran_ada": (KLU, None, "Y"),
    "pk_berjenjang": (
        KLU,
        lambda o: [
            _setujui(PerjanjianKinerja.objects.create(opd=o, tahun=2024, jabatan=j))
            for j in jabatan(o)
        ],
        "Y",
    ),
    "target_tahunan": (DPS, None, "A"),
    "selaras_rpjmd": (
        "rpd",
        lambda o: Sasaran.objects.filter(tujuan__renstra__opd=o).update(
            sasaran_rpjmd=SasaranRPJMD.objects.filter(tujuan__rpjmd__pemda=o.pemda).first()
        ),
        "A",
    ),
    "capaian_iku": (KLU, None, "A"),
    "realisasi_terisi": (KLU, lambda o: isi_triwulan(o, 2024), "A"),
    "realisasi_disetujui": (KLU, lambda o: setujui_triwulan(o, 2024), "A"),
    "realisasi_berjenjang": (KLU, None, "A"),
    "capaian_terhitung": (KLU, None, "A"),
    "definisi_operasional": (
        KLU,
        lambda o: Indikator.objects.filter(opd=o, iku=True).update(formula="x", sumber_data="BPS"),
        "Y",
    ),
    "bukti_dukung": (
        KLU,
        lambda o: [
            BuktiDukung.objects.create(realisasi=r, tautan="https://bps.go.id", nama="BPS")
            for r in Realisasi.objects.filter(indikator__in=iku(o), tahun=2024)
        ],
        "Y",
    ),
    "realisasi_anggaran": (KLU, None, "A"),
    "lkjip_disusun": (
        KLU,
        lambda o: Narasi.objects.create(opd=o, tahun=2024, kunci="bab1", teks="x"),
        "Y",
    ),
    "lkjip_disetujui": (KLU, lambda o: lkjip(o, 2024, _t(2025, 1, 23)), "Y"),
    "lkjip_tepat_waktu": (KLU, lambda o: lkjip(o, 2024, _t(2025, 1, 23)), "Y"),
    "reviu_dijalankan": (KLU, lambda o: pernyataan_reviu(o, 2024), "Y"),
    "reviu_bersih": (KLU, lambda o: JalannyaReviu.objects.create(opd=o, tahun=2024), "A"),
    "target_jangka_menengah": (KLU, None, "A"),
    "realisasi_tahun_lalu": (KLU, None, "A"),
    "capaian_membaik": (KLU, None, "A"),
    "rekomendasi_ditindaklanjuti": (
        KLU,
        lambda o: evaluasi_lalu(o, 2024, ["selesai", "selesai"]),
        "A",
    ),
}


def pernyataan_reviu(opd, tahun):
    import datetime as dt

    from sakip.review.models import PernyataanReviu

    JalannyaReviu.objects.create(opd=opd, tahun=tahun)
    return PernyataanReviu.objects.create(
        opd=opd,
        tahun=tahun,
        tanggal=dt.date(tahun + 1, 2, 20),
        jabatan="Inspektur",
        nama="Inspektur",
    )


@pytest.mark.django_db
def test_lke_3a4_needs_a_signed_statement_not_an_automatic_run(klungkung):
    """Issue 31: "telah direviu" is answered from a reviu the Inspektorat signed off."""
    JalannyaReviu.objects.create(opd=klungkung, tahun=2024)
    case_name.current = "reviu_dijalankan"
    u = usul(klungkung, 2024, "reviu_dijalankan")
    assert u.jawaban == "T" and "belum ditandatangani" in u.alasan


def _jalankan(case, request):
    seed, setup, expected = case
    if seed == "rpd":
        request.getfixturevalue("rpd_klungkung")
        from sakip.organisations.models import PerangkatDaerah

        opd, tahun = PerangkatDaerah.objects.get(slug=KLU[0]), KLU[1]
    else:
        opd = request.getfixturevalue("klungkung" if seed == KLU else "denpasar")
        tahun = seed[1]
    if setup == "reviu":
        from sakip.review.services import perbarui_temuan

        perbarui_temuan(opd, tahun)
    elif setup is not None:
        setup(opd)
    return usul(opd, tahun, case_name(case)), expected


def case_name(case):  # filled per test
    return case_name.current


@pytest.mark.django_db
@pytest.mark.parametrize("cek", list(FIRING))
def test_check_fires(cek, request):
    case_name.current = cek
    u, expected = _jalankan(FIRING[cek], request)
    assert u is not None and u.jawaban == expected, (u, expected)
    assert u.alasan


@pytest.mark.django_db
@pytest.mark.parametrize("cek", list(QUIET))
def test_check_is_quiet(cek, request):
    case_name.current = cek
    u, expected = _jalankan(QUIET[cek], request)
    assert u is not None and u.jawaban == expected, (u, expected)


def test_every_check_has_a_firing_and_a_quiet_case():
    assert set(FIRING) == set(CEK) == set(QUIET)


def test_every_check_named_by_the_template_exists():
    import yaml

    from sakip.core.lke import baca_templat
    from sakip.evaluation.cek import periksa_templat
    from sakip.evaluation.services import TEMPLAT_BAWAAN, TEMPLAT_DIR

    templat = baca_templat(yaml.safe_load((TEMPLAT_DIR / TEMPLAT_BAWAAN).read_text("utf-8")))
    assert periksa_templat(templat) == []
    assert {kr.cek for _, _, kr in templat.semua_kriteria() if kr.cek} == set(CEK)


@pytest.mark.django_db
def test_no_proposal_where_sakip_lacks_the_data(denpasar):
    """Without positions, an RPJMD, last year's data or evaluation: no answer is proposed."""
    for cek in ("pk_berjenjang", "selaras_rpjmd", "rekomendasi_ditindaklanjuti", "capaian_membaik"):
        assert usul(denpasar, 2022, cek) is None, cek


@pytest.mark.django_db
def test_denpasar_tpt_with_a_target_and_no_realisasi_is_named(denpasar):
    u = usul(denpasar, 2022, "capaian_iku")
    assert u.jawaban == "E"
    assert "punya target tetapi tanpa realisasi: Tingkat Pengangguran Terbuka" in u.alasan
    u = usul(denpasar, 2022, "capaian_terhitung")
    assert u.alasan.startswith("Capaian 5 dari 6 IKU dihitung sakip")


@pytest.mark.django_db
def test_klungkung_printed_errors_lower_the_report_quality_answer(klungkung):
    from sakip.review.services import perbarui_temuan

    perbarui_temuan(klungkung, 2024)
    kritis = TemuanReviu.objects.filter(opd=klungkung, tahun=2024, tingkat="kritis").count()
    u = usul(klungkung, 2024, "reviu_bersih")
    assert kritis > 5 and u.jawaban == "E"
    assert u.alasan.startswith(f"Temuan reviu yang masih terbuka: {kritis} kritis")
