"""Pohon kinerja OPD: pernyataan kinerja program/kegiatan/sub kegiatan (disunting Operator OPD atau
Admin Pemda) dan usulan crosscutting ke OPD lain atau instansi vertikal. Satu aksi satu transaksi;
galat menyebut medan atau simpulnya."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from sakip import akses
from sakip.akses import Aksi
from sakip.audit.middleware import keterangan_audit
from sakip.organisations.models import PerangkatDaerah

from .models import Crosscutting, Kegiatan, Program, Sasaran, SubKegiatan

MAKS_KINERJA = 500
JENIS = {"program": Program, "kegiatan": Kegiatan, "sub": SubKegiatan}
LABEL = {"program": "Program", "kegiatan": "Kegiatan", "sub": "Sub kegiatan"}


class PohonKinerjaError(ValueError):
    """Ditolak: ``galat`` medan → pesan Indonesia."""

    def __init__(self, galat: dict[str, str] | str):
        self.galat = galat if isinstance(galat, dict) else {"": galat}
        super().__init__("; ".join(self.galat.values()))


def simpul_kinerja(opd: PerangkatDaerah) -> list[tuple[str, object]]:
    """(kunci medan, objek) setiap program, kegiatan dan sub kegiatan OPD, berurutan."""
    out: list[tuple[str, object]] = []
    for p in Program.objects.filter(opd=opd).order_by("urutan", "kode"):
        out.append((f"program:{p.pk}", p))
        for k in p.kegiatan.order_by("urutan", "kode"):
            out.append((f"kegiatan:{k.pk}", k))
            for s in k.sub_kegiatan.order_by("urutan", "pk"):
                out.append((f"sub:{s.pk}", s))
    return out


@transaction.atomic
def simpan_pernyataan(user, opd: PerangkatDaerah, isian: dict[str, str]) -> int:
    """Pernyataan kinerja yang dikirim (kunci ``program:<id>``/``kegiatan:<id>``/``sub:<id>``)."""
    akses.periksa(user, opd, Aksi.ISI_PENUH)
    milik = dict(simpul_kinerja(opd))
    galat: dict[str, str] = {}
    ubah = []
    for kunci, teks in isian.items():
        obj = milik.get(kunci)
        if obj is None:
            galat[kunci] = f"'{kunci}' bukan program/kegiatan/sub kegiatan {opd.nama}."
            continue
        teks = " ".join((teks or "").split())
        jenis = kunci.split(":", 1)[0]
        if len(teks) > MAKS_KINERJA:
            galat[kunci] = (
                f"{LABEL[jenis]} {obj.kode or obj.nama}: pernyataan kinerja paling banyak "
                f"{MAKS_KINERJA} karakter (tertulis {len(teks)})."
            )
            continue
        if obj.kinerja != teks:
            obj.kinerja = teks
            ubah.append(obj)
    if galat:
        raise PohonKinerjaError(galat)
    with keterangan_audit("Pohon kinerja: pernyataan kinerja"):
        for obj in ubah:
            obj.save(update_fields=["kinerja"])
    return len(ubah)


@dataclass(frozen=True)
class IsianCrosscutting:
    sasaran: str  # kode sasaran Renstra pengusul
    mitra_opd: str = ""  # slug OPD mitra se-Pemda
    mitra_instansi: str = ""  # nama instansi vertikal
    peran: str = ""


@transaction.atomic
def usulkan(user, opd: PerangkatDaerah, tahun: int, isian: IsianCrosscutting) -> Crosscutting:
    """OPD pengusul mengusulkan crosscutting; langsung berstatus diusulkan kepada mitranya."""
    akses.periksa(user, opd, Aksi.ISI_PENUH)
    galat: dict[str, str] = {}
    sasaran = Sasaran.objects.filter(
        tujuan__renstra__opd=opd,
        tujuan__renstra__tahun_awal__lte=tahun,
        tujuan__renstra__tahun_akhir__gte=tahun,
        kode=isian.sasaran.strip(),
    ).first()
    if sasaran is None:
        galat["sasaran"] = (
            f"Sasaran '{isian.sasaran}' tidak ada di Renstra {opd.nama} tahun {tahun}."
        )
    mitra = None
    slug, instansi = isian.mitra_opd.strip(), " ".join(isian.mitra_instansi.split())
    if bool(slug) == bool(instansi):
        galat["mitra"] = "Pilih satu mitra: OPD se-Pemda atau instansi vertikal (bukan keduanya)."
    elif slug:
        mitra = PerangkatDaerah.objects.filter(slug=slug, pemda_id=opd.pemda_id).first()
        if mitra is None:
            galat["mitra"] = f"OPD '{slug}' tidak ada di {opd.pemda.nama}."
        elif mitra.pk == opd.pk:
            galat["mitra"] = "Mitra crosscutting adalah OPD lain, bukan OPD pengusul sendiri."
    elif len(instansi) > 200:
        galat["mitra"] = "Nama instansi vertikal paling banyak 200 karakter."
    peran = " ".join(isian.peran.split())
    if not peran:
        galat["peran"] = "Uraikan kontribusi yang diharapkan dari mitra."
    elif len(peran) > 1000:
        galat["peran"] = f"Kontribusi paling banyak 1.000 karakter (tertulis {len(peran)})."
    if galat:
        raise PohonKinerjaError(galat)
    if Crosscutting.objects.filter(
        sasaran=sasaran,
        tahun=tahun,
        mitra_opd=mitra,
        mitra_instansi=instansi,
        status__in=[Crosscutting.Status.DIAJUKAN, Crosscutting.Status.DISETUJUI],
    ).exists():
        raise PohonKinerjaError(
            {"mitra": f"Crosscutting sasaran {sasaran.kode} dengan mitra ini sudah diusulkan."}
        )
    with keterangan_audit("Pohon kinerja: crosscutting diusulkan"):
        c = Crosscutting(
            pengusul=opd,
            tahun=tahun,
            sasaran=sasaran,
            mitra_opd=mitra,
            mitra_instansi=instansi,
            peran=peran,
        )
        c.save()
        c.ajukan(oleh=user)
        c.save()
    return c


def crosscutting_opd(opd: PerangkatDaerah, tahun: int) -> list[Crosscutting]:
    """Yang diusulkan OPD ini dan yang diusulkan kepadanya, tahun itu."""
    return list(
        Crosscutting.objects.filter(Q(pengusul=opd) | Q(mitra_opd=opd), tahun=tahun)
        .select_related("pengusul__pemda", "mitra_opd", "sasaran")
        .order_by("pk")
    )


def crosscutting_pemda(pemda, tahun: int) -> list[Crosscutting]:
    """Setiap crosscutting se-Pemda tahun itu (pohon kinerja Pemda: Admin Pemda, Inspektorat)."""
    return list(
        Crosscutting.objects.filter(pengusul__pemda=pemda, tahun=tahun)
        .select_related("pengusul", "mitra_opd", "sasaran")
        .order_by("pengusul__nama", "pk")
    )
