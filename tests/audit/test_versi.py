"""Versi data per OPD/Pemda: naik di transaksi yang sama dengan setiap perubahan, tidak terulang."""

from decimal import Decimal

import pytest
from django.db import transaction

from sakip.audit.versi import TANPA_VERSI, jalur, naikkan, pemilik, versi_opd, versi_pemda
from sakip.measurement.models import Periode, Realisasi
from sakip.planning.models import Indikator


@pytest.mark.django_db
def test_every_change_to_an_opd_raises_its_version_and_its_pemdas(denpasar, klungkung):
    v_opd, v_pemda = versi_opd(denpasar.pk, denpasar.pemda_id), versi_pemda(denpasar.pemda_id)
    v_lain = versi_opd(klungkung.pk, klungkung.pemda_id)
    ind = Indikator.objects.filter(opd=denpasar).first()
    Realisasi.objects.create(indikator=ind, tahun=2022, periode=Periode.TW1, nilai=Decimal(5))
    baru = versi_opd(denpasar.pk, denpasar.pemda_id)
    assert baru != v_opd and baru.jumlah > v_opd.jumlah
    assert versi_pemda(denpasar.pemda_id).jumlah > v_pemda.jumlah
    assert versi_opd(klungkung.pk, klungkung.pemda_id) == v_lain  # OPD lain tidak berubah
    # perubahan data Pemda (mis. skala predikat) mengenai setiap OPD-nya
    denpasar.pemda.save()
    assert versi_opd(denpasar.pk, denpasar.pemda_id).jumlah == baru.jumlah + 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_the_version_and_a_repeat_never_reuses_it(denpasar):
    v0 = versi_opd(denpasar.pk, denpasar.pemda_id)
    ind = Indikator.objects.filter(opd=denpasar).first()
    with pytest.raises(RuntimeError), transaction.atomic():
        ind.save()
        raise RuntimeError
    assert versi_opd(denpasar.pk, denpasar.pemda_id) == v0
    ind.save()
    v1 = versi_opd(denpasar.pk, denpasar.pemda_id)
    assert v1.jumlah == v0.jumlah + 1
    # counter restored to an earlier value (a restored backup): the text version still differs
    from sakip.audit.models import VersiData

    VersiData.objects.filter(opd_id=denpasar.pk).update(versi=0)
    naikkan(denpasar.pk)
    v2 = versi_opd(denpasar.pk, denpasar.pemda_id)
    assert v2.jumlah <= v1.jumlah and v2 != v1


def test_each_sakip_model_has_a_path_to_its_owner_or_is_shared_on_purpose():
    from django.apps import apps

    # data umum: Pemda, urusan, dan nomenklatur nasional (sama untuk setiap Pemda)
    umum = {
        "organisations.Pemda",
        "organisations.Urusan",
        "planning.NomenklaturVersi",
        "planning.NomenklaturEntri",
    }
    for m in apps.get_models():
        label = m._meta.label
        if not m.__module__.startswith("sakip.") or label in TANPA_VERSI or label in umum:
            continue
        if m._meta.app_label == "tugas" or label == "audit.VersiData":
            continue
        assert jalur(label) is not None, f"{label}: tidak ada jalan ke OPD atau Pemda"
    # sub kegiatan: lewat kegiatan → program → OPD (wajib), bukan jabatan (boleh kosong)
    assert jalur("planning.SubKegiatan") == ("opd", ("kegiatan", "program", "opd_id"))


@pytest.mark.django_db
def test_owner_of_a_nested_row(klungkung):
    from sakip.planning.models import PKIndikator, RencanaAksi, SubKegiatan

    pki = PKIndikator.objects.filter(perjanjian__opd=klungkung).first()
    assert pki is not None and pemilik(pki) == (klungkung.pk, None)
    assert pemilik(RencanaAksi(pk_indikator=pki, triwulan=1)) == (klungkung.pk, None)
    sk = SubKegiatan.objects.filter(kegiatan__program__opd=klungkung, jabatan=None).first()
    assert sk is not None and pemilik(sk) == (klungkung.pk, None)


@pytest.mark.django_db
def test_one_raise_per_transaction_unless_the_version_was_read_in_between(denpasar):
    ind = Indikator.objects.filter(opd=denpasar).first()
    v0 = versi_opd(denpasar.pk, denpasar.pemda_id)
    with transaction.atomic():
        for _ in range(5):
            ind.save()
    v1 = versi_opd(denpasar.pk, denpasar.pemda_id)
    assert v1.jumlah == v0.jumlah + 1  # an import of thousands of rows raises it once
    with transaction.atomic():
        ind.save()
        dibaca = versi_opd(denpasar.pk, denpasar.pemda_id)
        ind.save()  # a change after a read (a document made mid-transaction) raises it again
    assert versi_opd(denpasar.pk, denpasar.pemda_id).jumlah == dibaca.jumlah + 1
    with pytest.raises(RuntimeError), transaction.atomic():
        with transaction.atomic():
            ind.save()
        raise RuntimeError
    v2 = versi_opd(denpasar.pk, denpasar.pemda_id)
    with transaction.atomic():
        ind.save()  # after a rollback the raise is not skipped
    assert versi_opd(denpasar.pk, denpasar.pemda_id).jumlah == v2.jumlah + 1


@pytest.mark.django_db
def test_version_read_in_the_same_query_as_the_opd_equals_the_separate_read(denpasar, klungkung):
    from sakip.audit.versi import anotasi_versi_opd, versi_dari_anotasi
    from sakip.organisations.models import PerangkatDaerah
    from sakip.planning.models import TahunKinerja

    def dari_kueri(opd):
        tk = TahunKinerja.objects.annotate(**anotasi_versi_opd()).filter(opd=opd).first()
        return versi_dari_anotasi(tk)

    for opd in (denpasar, klungkung):
        assert dari_kueri(opd) == versi_opd(opd.pk, opd.pemda_id)
    ind = Indikator.objects.filter(opd=denpasar).first()
    Realisasi.objects.create(indikator=ind, tahun=2022, periode=Periode.TW2, nilai=Decimal(7))
    denpasar.pemda.save()
    naikkan()  # penghitung umum
    for opd in (denpasar, klungkung):
        assert dari_kueri(opd) == versi_opd(opd.pk, opd.pemda_id)
    o = PerangkatDaerah.objects.annotate(**anotasi_versi_opd("pk", "pemda_id")).get(pk=denpasar.pk)
    assert versi_dari_anotasi(o) == versi_opd(denpasar.pk, denpasar.pemda_id)
    from sakip.audit.versi import anotasi_versi_pemda
    from sakip.organisations.models import Pemda

    for pemda_id in (denpasar.pemda_id, klungkung.pemda_id):
        p = Pemda.objects.annotate(**anotasi_versi_pemda()).get(pk=pemda_id)
        assert versi_dari_anotasi(p) == versi_pemda(pemda_id)


@pytest.mark.django_db
def test_the_plan_version_moves_with_the_plan_not_with_realisasi(denpasar, klungkung):
    """Versi rencana (kunci daftar indikator isian): realisasi dan anggaran tidak menaikkannya,
    perubahan rencana dan penaikan eksplisit (impor, layanan) selalu."""
    from sakip.audit.versi import versi_rencana_opd
    from sakip.budget.models import Anggaran

    def rencana():
        return versi_rencana_opd(denpasar.pk, denpasar.pemda_id)

    r0, v0 = rencana(), versi_opd(denpasar.pk, denpasar.pemda_id)
    ind = Indikator.objects.filter(opd=denpasar).first()
    Realisasi.objects.create(indikator=ind, tahun=2022, periode=Periode.TW1, nilai=Decimal(5))
    v1 = versi_opd(denpasar.pk, denpasar.pemda_id)
    a = Anggaran.objects.filter(opd=denpasar).first()
    a.realisasi += 1
    a.save()
    assert v1.jumlah == v0.jumlah + 1
    assert versi_opd(denpasar.pk, denpasar.pemda_id).jumlah == v0.jumlah + 2
    assert rencana() == r0
    ind.nama += " (ubah)"
    ind.save()
    r1 = rencana()
    assert r1.jumlah == r0.jumlah + 1 and r1 != r0
    naikkan(denpasar.pk)  # tanpa keterangan: keduanya naik
    assert rencana().jumlah == r1.jumlah + 1
    denpasar.pemda.save()  # pengaturan Pemda mengenai setiap OPD-nya
    assert rencana().jumlah == r1.jumlah + 2
    assert versi_rencana_opd(klungkung.pk, klungkung.pemda_id).jumlah > 0


@pytest.mark.django_db
def test_a_realisasi_then_a_plan_change_in_one_transaction_raises_the_plan_version(denpasar):
    from sakip.audit.versi import versi_rencana_opd

    r0 = versi_rencana_opd(denpasar.pk, denpasar.pemda_id)
    ind = Indikator.objects.filter(opd=denpasar).first()
    with transaction.atomic():
        Realisasi.objects.create(indikator=ind, tahun=2022, periode=Periode.TW3, nilai=Decimal(5))
        ind.save()  # sesudah penaikan tanpa rencana di transaksi yang sama: tetap naik
        Realisasi.objects.create(indikator=ind, tahun=2022, periode=Periode.TW4, nilai=Decimal(6))
    assert versi_rencana_opd(denpasar.pk, denpasar.pemda_id).jumlah == r0.jumlah + 1
