"""Buku kerja Excel satu OPD-tahun: unduh templat terisi, isi di Excel, unggah kembali.

Unggahan dibaca dan diperiksa seluruhnya dulu; setiap kesalahan menyebut lembar, baris dan kolom.
Hasilnya daftar perubahan (lama → baru) untuk pratinjau; perubahan diterapkan dalam satu
transaksi setelah pengguna mengonfirmasi.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from sakip.berkas.xlsx import simpan as simpan_xlsx
from sakip.budget.entry import baris_anggaran
from sakip.budget.models import Anggaran
from sakip.core.numbers import NumberFormatError, format_angka, to_decimal
from sakip.measurement import entry, wajar
from sakip.measurement.models import Periode, PersetujuanRealisasi, Realisasi
from sakip.organisations import permissions
from sakip.organisations.models import PerangkatDaerah
from sakip.planning.models import Kegiatan, SubKegiatan

LEMBAR_IND = "Realisasi Indikator"
LEMBAR_ANG = "Anggaran"
KOLOM_IND = (
    ["Kode", "Indikator", "Satuan", "Target"]
    + [f"TW {r} {x}" for r in ("I", "II", "III", "IV") for x in ("Nilai", "Pembilang", "Penyebut")]
    + ["Catatan"]
)
# kolom R (boleh tidak ada pada berkas lama): "Ya" menegaskan nilai yang jauh dari target atau
# triwulan sebelumnya (sakip.core.wajar); alasannya di kolom Catatan
K_YAKIN = "Nilai benar (Ya)"
KOLOM_ANG = ["Kode", "Uraian", "Tingkat", "Pagu (Rp)", "Realisasi (Rp)"]
HEAD = PatternFill("solid", fgColor="D9E2F3")


class ExcelError(ValueError):
    def __init__(self, galat: list[str]):
        self.galat = galat
        super().__init__("\n".join(galat))


@dataclass
class Perubahan:
    jenis: str  # realisasi | anggaran
    kunci: str  # "indikator_id:tw" atau "sub:ID" / "keg:ID"
    label: str
    lama: str
    baru: str
    nilai: dict


def _num(d) -> str:
    return "" if d is None else format_angka(d, None, strip_zeros=True)


def buat_templat(opd: PerangkatDaerah, tahun: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Petunjuk"
    for line in [
        f"Templat realisasi {opd.nama} tahun {tahun} (sakip)",
        "Isi lembar 'Realisasi Indikator': untuk indikator rumus isi Pembilang dan Penyebut; untuk indikator lain isi Nilai.",
        "Angka boleh ditulis sebagai angka Excel atau teks cara Indonesia (1.164 atau 8,33). Jangan mengubah kolom Kode.",
        "Lembar 'Anggaran': isi Pagu dan Realisasi per sub kegiatan (atau kegiatan bila tidak dirinci).",
        "Unggah kembali di sakip: perubahan ditampilkan dulu, dan baru disimpan setelah dikonfirmasi.",
    ]:
        ws.append([line])
    ws.column_dimensions["A"].width = 120
    wi = wb.create_sheet(LEMBAR_IND)
    wi.append([*KOLOM_IND, K_YAKIN])
    inds = entry.indikator_isian(opd, tahun)
    real = {
        (r.indikator_id, r.periode): r
        for r in Realisasi.objects.filter(indikator__in=inds, tahun=tahun)
    }
    targets = {t.indikator_id: t.nilai for ind in inds for t in ind.target.filter(tahun=tahun)}
    for ind in inds:
        row = [
            ind.kode,
            ind.nama,
            ind.satuan,
            float(targets[ind.id]) if ind.id in targets else None,
        ]
        for tw in (1, 2, 3, 4):
            r = real.get((ind.id, f"tw{tw}"))
            row += [
                float(r.nilai) if r and r.nilai is not None else None,
                float(r.pembilang) if r and r.pembilang is not None else None,
                float(r.penyebut) if r and r.penyebut is not None else None,
            ]
        row.append(
            next(
                (
                    real[(ind.id, f"tw{t}")].catatan
                    for t in (4, 3, 2, 1)
                    if (ind.id, f"tw{t}") in real
                ),
                "",
            )
        )
        wi.append(row)
    wa = wb.create_sheet(LEMBAR_ANG)
    wa.append(KOLOM_ANG)
    for r in baris_anggaran(opd, tahun):  # sama dengan halaman Anggaran (tanpa yang dihentikan)
        a = r["data"].get(0)
        kode = r["kode"] or ("" if r["tingkat"] == "kegiatan" else f"#{r['key'][4:]}")
        wa.append(
            [
                kode,
                r["nama"],
                r["tingkat"],
                float(a.pagu) if a else None,
                float(a.realisasi) if a else None,
            ]
        )
    for sheet, widths in ((wi, [14, 60, 12, 10] + [11] * 12 + [30]), (wa, [20, 70, 14, 18, 18])):
        for i, w in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(i)].width = w
        for c in sheet[1]:
            c.font = Font(bold=True)
            c.fill = HEAD
        sheet.freeze_panes = "C2"
    return simpan_xlsx(wb)


def _cell_num(
    value, sheet: str, row: int, col: str, galat: list[str], minimum: Decimal | None = None
) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        d = to_decimal(value.strip() if isinstance(value, str) else value)
    except NumberFormatError:
        galat.append(f"Lembar '{sheet}', baris {row}, kolom {col}: '{value}' bukan angka")
        return None
    if minimum is not None and d < minimum:
        galat.append(f"Lembar '{sheet}', baris {row}, kolom {col}: tidak boleh negatif ({value})")
        return None
    return d


def _fmt_realisasi(t: tuple) -> str:
    if t[0] is not None:
        return _num(t[0])
    if t[1] is not None:
        return f"{_num(t[1])} / {_num(t[2])}"
    return "–"


def buka_buku_kerja(data: bytes, lembar: tuple[str, ...], nama: str = "unggahan.xlsx"):
    """Nilai sel lembar-lembar ``lembar`` dari unggahan .xlsx, dibaca dalam batas ukuran, baris,
    waktu dan memori (:mod:`sakip.berkas.xlsx`); lempar :class:`ExcelError`."""
    from sakip.berkas import BerkasError
    from sakip.berkas.xlsx import baca_buku_kerja

    try:
        wb = baca_buku_kerja(data, nama, lembar)
    except BerkasError as exc:
        raise ExcelError([str(exc)]) from None
    galat = [
        f"Lembar '{name}' tidak ada; unduh templat dari sakip lalu isi lembar itu."
        for name in lembar
        if name not in wb.sheetnames
    ]
    if galat:
        raise ExcelError(galat)
    return wb


def baca_unggahan(
    opd: PerangkatDaerah, tahun: int, data: bytes, nama: str = "unggahan.xlsx"
) -> list[Perubahan]:
    wb = buka_buku_kerja(data, (LEMBAR_IND, LEMBAR_ANG), nama)
    galat: list[str] = []
    changes: list[Perubahan] = []
    inds = {i.kode: i for i in entry.indikator_isian(opd, tahun)}
    real = {
        (r.indikator_id, r.periode): r
        for r in Realisasi.objects.filter(indikator__in=inds.values(), tahun=tahun)
    }
    locked = set(
        PersetujuanRealisasi.objects.filter(
            opd=opd, tahun=tahun, status__in=["diajukan", "disetujui"]
        ).values_list("triwulan", flat=True)
    )
    ws = wb[LEMBAR_IND]
    header = [c for c in next(ws.iter_rows(min_row=1, max_row=1, values_only=True))]
    if [str(h or "").strip() for h in header[: len(KOLOM_IND)]] != KOLOM_IND:
        raise ExcelError(
            [
                f"Lembar '{LEMBAR_IND}', baris 1: judul kolom tidak sesuai templat (jangan menambah/memindah kolom)."
            ]
        )
    ada_yakin = (
        len(header) > len(KOLOM_IND) and str(header[len(KOLOM_IND)] or "").strip() == K_YAKIN
    )
    pemb = {tw: wajar.pembanding(list(inds.values()), tahun, tw) for tw in (1, 2, 3, 4)}
    seen = set()
    for rnum, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        if not row or all(v is None for v in row):
            continue
        kode = str(row[0] or "").strip()
        ind = inds.get(kode)
        if ind is None:
            galat.append(
                f"Lembar '{LEMBAR_IND}', baris {rnum}, kolom A (Kode): indikator '{kode}' tidak dikenal"
            )
            continue
        if kode in seen:
            galat.append(
                f"Lembar '{LEMBAR_IND}', baris {rnum}, kolom A (Kode): indikator '{kode}' ditulis dua kali"
            )
        seen.add(kode)
        catatan = str(row[16] or "").strip() if len(row) > 16 else ""
        yakin = (
            ada_yakin
            and len(row) > len(KOLOM_IND)
            and str(row[len(KOLOM_IND)] or "").strip().lower() in ("ya", "y", "yes", "1", "true")
        )
        for tw in (1, 2, 3, 4):
            base = 4 + (tw - 1) * 3
            cols = [get_column_letter(base + 1 + j) for j in range(3)]
            n = _cell_num(row[base], LEMBAR_IND, rnum, f"{cols[0]} (TW {tw} Nilai)", galat)
            p = _cell_num(
                row[base + 1], LEMBAR_IND, rnum, f"{cols[1]} (TW {tw} Pembilang)", galat, Decimal(0)
            )
            q = _cell_num(
                row[base + 2], LEMBAR_IND, rnum, f"{cols[2]} (TW {tw} Penyebut)", galat, Decimal(0)
            )
            if ind.is_rumus:
                if n is not None:
                    galat.append(
                        f"Lembar '{LEMBAR_IND}', baris {rnum}, kolom {cols[0]}: indikator rumus diisi Pembilang dan Penyebut, bukan Nilai"
                    )
                if (p is None) != (q is None):
                    galat.append(
                        f"Lembar '{LEMBAR_IND}', baris {rnum}, kolom {cols[1]}–{cols[2]}: Pembilang dan Penyebut harus diisi bersama"
                    )
                if q == 0:
                    galat.append(
                        f"Lembar '{LEMBAR_IND}', baris {rnum}, kolom {cols[2]}: Penyebut tidak boleh nol"
                    )
            elif p is not None or q is not None:
                galat.append(
                    f"Lembar '{LEMBAR_IND}', baris {rnum}, kolom {cols[1]}–{cols[2]}: indikator ini tidak berumus; isi kolom Nilai"
                )
            old = real.get((ind.id, f"tw{tw}"))
            old_t = (old.nilai, old.pembilang, old.penyebut) if old else (None, None, None)
            new_t = (n, p, q)
            if (
                all(v is None for v in new_t)
                or tuple(None if v is None else Decimal(v) for v in old_t) == new_t
            ):
                continue
            if tw in locked:
                galat.append(
                    f"Lembar '{LEMBAR_IND}', baris {rnum}: realisasi TW {tw} sudah diajukan/disetujui dan terkunci; "
                    "koreksi lewat halaman realisasi dengan alasannya"
                )
                continue
            ms = wajar.masalah(ind, n, p, q, pemb[tw][ind.id])
            tempat = (
                f"Lembar '{LEMBAR_IND}', baris {rnum}, kolom {cols[1] if ind.is_rumus else cols[0]}"
            )
            if keras := [m.pesan for m in ms if not m.konfirmasi]:
                galat.append(f"{tempat}: “{ind.nama}” TW {tw}: " + "; ".join(keras))
                continue
            if ms and not (yakin and catatan):
                galat.append(
                    f"{tempat}: “{ind.nama}” TW {tw}: {ms[0].pesan}. Bila benar, isi Ya di kolom "
                    f"R ({K_YAKIN}) dan alasannya di kolom Q (Catatan)"
                )
                continue
            changes.append(
                Perubahan(
                    "realisasi",
                    f"{ind.id}:{tw}",
                    f"{ind.nama} — TW {tw}",
                    _fmt_realisasi(old_t),
                    _fmt_realisasi(new_t),
                    {
                        "nilai": None if n is None else str(n),
                        "pembilang": None if p is None else str(p),
                        "penyebut": None if q is None else str(q),
                        "catatan": catatan,
                        "versi": old.versi if old else 0,
                    },
                )
            )
    wa = wb[LEMBAR_ANG]
    subs = {
        s.kode: s
        for s in SubKegiatan.objects.filter(kegiatan__program__opd=opd)
        .select_related("kegiatan__program")
        .exclude(kode="")
    }
    subs_id = {
        f"#{s.id}": s
        for s in SubKegiatan.objects.filter(kegiatan__program__opd=opd).select_related(
            "kegiatan__program"
        )
    }
    kegs = {k.kode: k for k in Kegiatan.objects.filter(program__opd=opd).select_related("program")}
    old_rows = {
        (a.sub_kegiatan_id, a.kegiatan_id): a
        for a in Anggaran.objects.filter(opd=opd, tahun=tahun, triwulan__isnull=True)
    }
    for rnum, row in enumerate(wa.iter_rows(min_row=2, values_only=True), start=2):
        if not row or all(v is None for v in row):
            continue
        kode, tingkat = str(row[0] or "").strip(), str(row[2] or "").strip()
        pagu = _cell_num(row[3], LEMBAR_ANG, rnum, "D (Pagu)", galat, Decimal(0))
        realisasi = _cell_num(row[4], LEMBAR_ANG, rnum, "E (Realisasi)", galat, Decimal(0))
        if tingkat == "kegiatan":
            obj, key = kegs.get(kode), ("keg", None)
        else:
            obj, key = subs.get(kode) or subs_id.get(kode), ("sub", None)
        if obj is None:
            galat.append(
                f"Lembar '{LEMBAR_ANG}', baris {rnum}, kolom A (Kode): {tingkat or 'kode'} '{kode}' tidak dikenal"
            )
            continue
        if pagu is None and realisasi is None:
            continue
        if (henti := obj.berhenti_efektif()) is not None and henti <= tahun:
            galat.append(
                f"Lembar '{LEMBAR_ANG}', baris {rnum}, kolom A (Kode): {tingkat} '{kode}' dihentikan "
                f"mulai {henti}; tidak dianggarkan tahun {tahun}"
            )
            continue
        if pagu is None:
            galat.append(
                f"Lembar '{LEMBAR_ANG}', baris {rnum}, kolom D (Pagu): pagu wajib diisi bila realisasi diisi"
            )
            continue
        old = old_rows.get((obj.id, None) if key[0] == "sub" else (None, obj.id))
        if old and old.pagu == pagu and old.realisasi == (realisasi or 0):
            continue
        changes.append(
            Perubahan(
                "anggaran",
                f"{key[0]}:{obj.id}",
                f"{kode} {obj.nama}",
                f"{_num(old.pagu)} / {_num(old.realisasi)}" if old else "–",
                f"{_num(pagu)} / {_num(realisasi or 0)}",
                {"pagu": str(pagu), "realisasi": str(realisasi or 0)},
            )
        )
    if galat:
        raise ExcelError(galat)
    return changes


@transaction.atomic
def terapkan(user, opd: PerangkatDaerah, tahun: int, changes: list[dict]) -> int:
    if not permissions.boleh_mengisi(user, opd):
        raise ExcelError(["Anda tidak berwenang mengubah data OPD ini."])
    n = 0
    for c in changes:
        if c["jenis"] == "realisasi":
            ind_id, tw = (int(x) for x in c["kunci"].split(":"))
            st = PersetujuanRealisasi.objects.select_for_update().get(
                pk=entry.status_triwulan(opd, tahun, tw).pk
            )
            if st.status in ("diajukan", "disetujui"):
                raise ExcelError(
                    [f"Realisasi TW {tw} terkunci sejak pratinjau dibuat; tidak ada yang disimpan."]
                )
            v = c["nilai"]
            kini = (
                Realisasi.objects.select_for_update(of=("self",))
                .select_related("indikator", "diubah_oleh")
                .filter(indikator_id=ind_id, tahun=tahun, periode=Periode.triwulan(tw))
                .first()
            )
            if "versi" in v and (kini.versi if kini else 0) != v["versi"]:
                # diubah orang lain sesudah pratinjau: batalkan seluruh penerapan
                raise ExcelError([_pesan_berubah(c, kini)])
            r = kini or Realisasi(indikator_id=ind_id, tahun=tahun, periode=Periode.triwulan(tw))
            for k in ("nilai", "pembilang", "penyebut"):
                setattr(r, k, None if v[k] is None else Decimal(v[k]))
            r.catatan, r.diubah_oleh = v["catatan"], user
            r.save()
        else:
            kind, pk = c["kunci"].split(":")
            owner = {"sub_kegiatan_id": int(pk)} if kind == "sub" else {"kegiatan_id": int(pk)}
            Anggaran.objects.update_or_create(
                opd=opd,
                tahun=tahun,
                triwulan=None,
                **owner,
                defaults={
                    "pagu": Decimal(c["nilai"]["pagu"]),
                    "realisasi": Decimal(c["nilai"]["realisasi"]),
                },
            )
        n += 1
    return n


def _pesan_berubah(c: dict, kini: Realisasi | None) -> str:
    from django.utils import timezone

    if kini is None:
        lain = "dikosongkan oleh pengguna lain"
    else:
        siapa = kini.diubah_oleh.username if kini.diubah_oleh else "pengguna lain"
        nilai = entry.teks_realisasi(kini.indikator, kini.nilai, kini.pembilang, kini.penyebut)
        lain = (
            f"diubah oleh {siapa} pada {timezone.localtime(kini.diubah_pada):%d/%m/%Y %H:%M} "
            f"menjadi {nilai}"
        )
    return (
        f"{c['label']}: sudah {lain} sesudah pratinjau dibuat; tidak ada yang disimpan. "
        "Unggah lagi buku kerja Anda untuk melihat pratinjau yang baru."
    )


def sebagai_dict(changes: list[Perubahan]) -> list[dict]:
    return [asdict(c) for c in changes]
