"""Sinyal yang mencatat perubahan model yang diaudit (nilai lama → baru, siapa, kapan)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models.signals import post_delete, post_save, pre_save

from .middleware import current_user, keterangan
from .models import JejakAudit

AUDITED = [
    "planning.Renstra",
    "planning.Tujuan",
    "planning.Sasaran",
    "planning.Indikator",
    "planning.TargetIndikator",
    "planning.Program",
    "planning.Kegiatan",
    "planning.SubKegiatan",
    "planning.PerjanjianKinerja",
    "planning.PKIndikator",
    "planning.PKAnggaran",
    "planning.RencanaAksi",
    "measurement.Realisasi",
    "measurement.PersetujuanRealisasi",
    "measurement.BuktiDukung",
    "budget.Anggaran",
    "reporting.PersetujuanLkjip",
    "reporting.Narasi",
    "planning.Crosscutting",
    "reporting.NarasiPemda",
    "reporting.PersetujuanLkjipPemda",
    "review.TemuanReviu",
    # evaluasi AKIP: keputusan orang (jawaban mandiri/evaluator, alasan, rekomendasi, tindak lanjut);
    # usulan otomatis yang dihitung ulang sakip tidak dicatat satu per satu
    "evaluation.Evaluasi",
    "evaluation.JawabanKriteria",
    "evaluation.BuktiKriteria",
    "evaluation.Rekomendasi",
    "organisations.PerangkatDaerah",
    "organisations.Keanggotaan",
]
SKIP_FIELDS = {"diubah_pada", "diunggah_pada", "versi"}


def _value(v):
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral_value() else str(v)
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


def _snapshot(instance) -> dict:
    out = {}
    for f in instance._meta.concrete_fields:
        if f.name in SKIP_FIELDS or f.primary_key:
            continue
        out[f.attname] = _value(getattr(instance, f.attname))
    return out


def _opd_id(instance):
    for path in (
        "opd_id",
        "indikator.opd_id",
        "perjanjian.opd_id",
        "pk_indikator.perjanjian.opd_id",
        "realisasi.indikator.opd_id",
        "renstra.opd_id",
        "tujuan.renstra.opd_id",
        "program.opd_id",
        "kegiatan.program.opd_id",
        "evaluasi.opd_id",
        "jawaban.evaluasi.opd_id",
    ):
        obj = instance
        try:
            for part in path.split("."):
                obj = getattr(obj, part)
        except AttributeError:
            continue
        if isinstance(obj, int):
            return obj
    if instance._meta.label == "organisations.PerangkatDaerah":
        return instance.pk
    return None


def ingat_asal(instance) -> None:
    """Catat keadaan ``instance`` sebagaimana dimuat sebagai nilai lamanya untuk jejak audit
    penyimpanan berikutnya, agar sinyal tidak membacanya lagi dari basis data. Hanya untuk baris
    yang baru dimuat dengan kunci (``select_for_update``) di transaksi yang sama, sebelum diubah."""
    instance._audit_asal = _snapshot(instance)


def _before(sender, instance, **kwargs):
    asal = instance.__dict__.pop("_audit_asal", None)
    if asal is not None:
        instance._audit_old = asal
    elif instance.pk:
        old = sender.objects.filter(pk=instance.pk).first()
        instance._audit_old = _snapshot(old) if old else None
    else:
        instance._audit_old = None


def _after(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    new = _snapshot(instance)
    old = getattr(instance, "_audit_old", None)
    if created or old is None:
        changes = {k: [None, v] for k, v in new.items() if v not in (None, "")}
        aksi = JejakAudit.Aksi.BUAT
    else:
        changes = {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}
        aksi = JejakAudit.Aksi.UBAH
        if not changes:
            return
    JejakAudit.objects.create(
        user=current_user(),
        model=sender._meta.label,
        objek_id=str(instance.pk),
        objek=str(instance)[:255],
        opd_id=_opd_id(instance),
        aksi=aksi,
        perubahan=changes,
        keterangan=keterangan(),
    )


def _deleted(sender, instance, **kwargs):
    JejakAudit.objects.create(
        user=current_user(),
        model=sender._meta.label,
        objek_id=str(instance.pk),
        objek=str(instance)[:255],
        opd_id=_opd_id(instance),
        aksi=JejakAudit.Aksi.HAPUS,
        perubahan={k: [v, None] for k, v in _snapshot(instance).items() if v not in (None, "")},
    )


def _connect():
    from django.apps import apps

    for label in AUDITED:
        model = apps.get_model(label)
        uid = f"audit-{label}"
        pre_save.connect(_before, sender=model, dispatch_uid=uid + "-pre")
        post_save.connect(_after, sender=model, dispatch_uid=uid + "-post")
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid + "-del")


_connect()
