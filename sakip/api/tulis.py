"""Titik tulis: realisasi triwulan (satu transaksi; tidak ada yang disimpan bila satu isian salah)."""

from ninja import Status
from ninja.security import django_auth

from sakip import akses
from sakip.akses import Aksi
from sakip.core.numbers import NumberFormatError
from sakip.measurement import entry
from sakip.organisations import permissions

from .app import GALAT_TULIS, BearerToken, api, pengguna
from .baca import opd_tahun
from .skema import Galat, HasilSimpan, RealisasiIn, Slug, Tahun, Triwulan


def _galat(galat: dict[str, str]):
    return Status(
        400,
        Galat(
            detail="Realisasi tidak disimpan: " + "; ".join(f"{k}: {v}" for k, v in galat.items()),
            galat=galat,
        ),
    )


@api.post(
    "/opd/{slug}/{tahun}/realisasi/{triwulan}",
    auth=[BearerToken(), django_auth],
    response={200: HasilSimpan, **GALAT_TULIS},
    summary="Tulis realisasi triwulan (angka boleh cara Indonesia: '1.164', '8,33')",
)
def api_tulis_realisasi(request, slug: Slug, tahun: Tahun, triwulan: Triwulan, body: RealisasiIn):
    opd = opd_tahun(request, slug, tahun)
    user = pengguna(request)
    # aturan yang sama dengan halaman isian: Operator/Admin Pemda seluruh OPD, Pejabat cabang
    # jabatannya (layanan entry.simpan_triwulan memeriksa setiap indikator yang dikirim)
    akses.periksa(user, opd, Aksi.ISI)
    cabang = permissions.cabang_jabatan(user, opd)
    by_code = {i.kode: i for i in entry.indikator_isian(opd, tahun, cabang=cabang)}
    galat: dict[str, str] = {}
    seen: dict[str, int] = {}
    for n, x in enumerate(body.isian):
        where = f"isian[{n}]"
        ind = by_code.get(x.indikator)
        if ind is None:
            galat[f"{where}.indikator"] = (
                f"indikator '{x.indikator}' tidak dikenal pada OPD-tahun ini"
            )
            continue
        if x.indikator in seen:
            galat[f"{where}.indikator"] = (
                f"indikator '{x.indikator}' sudah disebut di isian[{seen[x.indikator]}]"
            )
        seen.setdefault(x.indikator, n)
        if ind.is_rumus and x.nilai not in (None, ""):
            galat[f"{where}.nilai"] = (
                f"“{ind.nama}” adalah indikator rumus: kirim pembilang dan penyebut, bukan nilai "
                "(persentasenya dihitung sakip)"
            )
        if not ind.is_rumus:
            for medan in ("pembilang", "penyebut"):
                if getattr(x, medan) not in (None, ""):
                    galat[f"{where}.{medan}"] = (
                        f"“{ind.nama}” bukan indikator rumus: kirim nilai, bukan {medan}"
                    )
    masukan, chosen, medan_api = [], [], {}
    for n, x in enumerate(body.isian):
        ind = by_code.get(x.indikator)
        if ind is None:
            continue
        chosen.append(ind)
        angka = {}
        for medan in (*entry.MEDAN_ANGKA, "catatan", "yakin"):
            medan_api[entry.kunci(ind.id, medan)] = f"isian[{n}].{medan}"
        for medan in entry.MEDAN_ANGKA:
            try:
                angka[medan] = entry.baca_angka(getattr(x, medan))
            except NumberFormatError:
                galat.setdefault(
                    f"isian[{n}].{medan}",
                    entry.pesan_bukan_angka(medan, ind.nama, str(getattr(x, medan)).strip()),
                )
                angka[medan] = None
        masukan.append(
            entry.IsianRealisasi(ind.id, catatan=x.catatan, versi=x.versi, yakin=x.yakin, **angka)
        )
    if galat:
        return _galat(galat)
    try:
        isian = entry.baca_isian(chosen, masukan)
        n = entry.simpan_triwulan(user, opd, tahun, triwulan, isian, body.alasan_koreksi)
    except entry.KonflikError as exc:
        return Status(
            409,
            Galat(
                detail="Realisasi tidak disimpan: sudah diubah orang lain sejak versi yang Anda baca.",
                galat={medan_api.get(k, k): v for k, v in exc.galat.items()},
            ),
        )
    except entry.IsianError as exc:
        return _galat({medan_api.get(k, k): v for k, v in exc.galat.items()})
    st = entry.status_triwulan(opd, tahun, triwulan)
    return Status(200, HasilSimpan(disimpan=n, status=st.status))
