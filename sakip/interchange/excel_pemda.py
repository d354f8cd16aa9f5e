"""Buku kerja Excel tingkat Pemda: target dan realisasi indikator RPJMD, dan jabatan (cascade) setiap
OPD. Unduh templat terisi, isi di Excel, unggah kembali; pratinjau perubahan (lama → baru), lalu
diterapkan dalam satu transaksi setelah dikonfirmasi. Setiap kesalahan menyebut lembar, baris dan
kolomnya, dan bila ada satu saja, tidak ada yang ditulis."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from sakip.berkas.xlsx import simpan as simpan_xlsx
from sakip.core.numbers import NumberFormatError, format_angka, to_decimal
from sakip.organisations.models import Jabatan, Pemda, PerangkatDaerah
from sakip.organisations.permissions import boleh_mengelola_rpjmd
from sakip.planning.models import Kegiatan, Program, SubKegiatan
from sakip.rpjmd.models import RPJMD, RealisasiRPJMD, TargetRPJMD
from sakip.rpjmd.services import rpjmd_berlaku
from sakip.workflow.models import StatusAlur

from .excel import ExcelError, buka_buku_kerja

LEMBAR_TARGET = "Target RPJMD"
LEMBAR_JABATAN = "Jabatan"
KOLOM_JABATAN = [
    "OPD",
    "Kode",
    "Nama jabatan",
    "Jenis",
    "Atasan",
    "Pemegang",
    "NIP",
    "Pangkat",
    "Program",
    "Kegiatan",
    "Sub kegiatan",
]
HEAD = PatternFill("solid", fgColor="D9E2F3")
JENIS = dict(Jabatan.Jenis.choices)


@dataclass
class PerubahanPemda:
    jenis: str  # target | realisasi | jabatan
    kunci: str
    label: str
    lama: str
    baru: str
    nilai: dict


def _n(d) -> str:
    return "–" if d is None else format_angka(d, None, strip_zeros=True)


def _kolom_target(rp: RPJMD, tahun: int) -> list[str]:
    return (
        ["Kode", "Indikator", "Satuan"]
        + [f"Target {y}" for y in rp.tahun_list]
        + [f"Realisasi {tahun}", f"Sumber realisasi {tahun}"]
    )


def _rpjmd(pemda: Pemda, tahun: int) -> RPJMD:
    rp = rpjmd_berlaku(pemda, tahun)
    if rp is None:
        raise ExcelError([f"{pemda.nama} belum punya RPJMD yang mencakup tahun {tahun}."])
    return rp


def _tugas(opd: PerangkatDaerah) -> dict[int, dict[str, list[str]]]:
    out: dict[int, dict[str, list[str]]] = {}
    for model, key, ke_opd in (
        (Program, "program", "opd"),
        (Kegiatan, "kegiatan", "program__opd"),
        (SubKegiatan, "sub_kegiatan", "kegiatan__program__opd"),
    ):
        for kode, jid in (
            model.objects.filter(**{ke_opd: opd}, jabatan__isnull=False)
            .order_by("kode")
            .values_list("kode", "jabatan_id")
        ):
            out.setdefault(jid, {}).setdefault(key, []).append(kode)
    return out


def buat_templat_pemda(pemda: Pemda, tahun: int) -> bytes:
    rp = _rpjmd(pemda, tahun)
    wb = Workbook()
    ws = wb.active
    ws.title = "Petunjuk"
    for line in [
        f"Templat {rp} — {pemda.nama}, tahun {tahun} (sakip)",
        f"Lembar '{LEMBAR_TARGET}': target setiap tahun periode dan realisasi {tahun} beserta sumbernya "
        "(mis. BPS). Jangan mengubah kolom Kode. Target hanya dapat diubah selama RPJMD belum ditetapkan.",
        f"Lembar '{LEMBAR_JABATAN}': satu jabatan per baris; Atasan = kode jabatan atasan pada OPD yang "
        "sama; Program/Kegiatan/Sub kegiatan = kode nomenklatur dipisah koma.",
        "Jenis jabatan: " + ", ".join(JENIS),
        "Angka boleh ditulis sebagai angka Excel atau teks cara Indonesia (7,42 atau 1.164).",
        "Unggah kembali di sakip: perubahan ditampilkan dulu, dan baru disimpan setelah dikonfirmasi.",
    ]:
        ws.append([line])
    ws.column_dimensions["A"].width = 120
    wt = wb.create_sheet(LEMBAR_TARGET)
    wt.append(_kolom_target(rp, tahun))
    for ind in rp.indikator.prefetch_related("target", "realisasi").order_by("urutan", "kode"):
        tg = {t.tahun: t.nilai for t in ind.target.all()}
        rl = next((r for r in ind.realisasi.all() if r.tahun == tahun), None)
        wt.append(
            [ind.kode, ind.nama, ind.satuan]
            + [float(tg[y]) if y in tg else None for y in rp.tahun_list]
            + [float(rl.nilai) if rl else None, rl.sumber if rl else ""]
        )
    wj = wb.create_sheet(LEMBAR_JABATAN)
    wj.append(KOLOM_JABATAN)
    for opd in PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama"):
        tugas = _tugas(opd)
        for j in Jabatan.objects.filter(opd=opd).select_related("atasan"):
            t = tugas.get(j.pk, {})
            wj.append(
                [
                    opd.slug,
                    j.kode,
                    j.nama,
                    j.jenis,
                    j.atasan.kode if j.atasan else "",
                    j.pemegang_nama,
                    j.pemegang_nip,
                    j.pemegang_pangkat,
                    ", ".join(t.get("program", [])),
                    ", ".join(t.get("kegiatan", [])),
                    ", ".join(t.get("sub_kegiatan", [])),
                ]
            )
    for sheet, widths in (
        (wt, [14, 60, 10] + [11] * len(rp.tahun_list) + [12, 30]),
        (wj, [22, 20, 50, 16, 20, 30, 22, 24, 24, 28, 34]),
    ):
        for i, w in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(i)].width = w
        for c in sheet[1]:
            c.font = Font(bold=True)
            c.fill = HEAD
        sheet.freeze_panes = "C2"
    return simpan_xlsx(wb)


def _teks(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _angka(v, sheet, row, col, galat) -> object:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    try:
        return to_decimal(v.strip() if isinstance(v, str) else v)
    except NumberFormatError:
        galat.append(f"Lembar '{sheet}', baris {row}, kolom {col}: '{v}' bukan angka")
        return None


def baca_unggahan_pemda(
    pemda: Pemda, tahun: int, data: bytes, nama: str = "unggahan.xlsx"
) -> list[PerubahanPemda]:
    rp = _rpjmd(pemda, tahun)
    wb = buka_buku_kerja(data, (LEMBAR_TARGET, LEMBAR_JABATAN), nama)
    galat: list[str] = []
    changes: list[PerubahanPemda] = []
    _baca_target(rp, tahun, wb[LEMBAR_TARGET], galat, changes)
    _baca_jabatan(pemda, wb[LEMBAR_JABATAN], galat, changes)
    if galat:
        raise ExcelError(galat)
    return changes


def _baca_target(rp, tahun, ws, galat, changes) -> None:
    kolom = _kolom_target(rp, tahun)
    head = [_teks(c.value) for c in ws[1]][: len(kolom)]
    if head != kolom:
        galat.append(
            f"Lembar '{LEMBAR_TARGET}', baris 1: judul kolom harus {', '.join(kolom)}; "
            "unduh templat untuk tahun ini lalu isi lagi."
        )
        return
    inds = {i.kode: i for i in rp.indikator.prefetch_related("target", "realisasi")}
    terkunci = rp.status in (StatusAlur.DIAJUKAN, StatusAlur.DISETUJUI)
    seen = set()
    for r, row in enumerate(ws.iter_rows(min_row=2, values_only=True), 2):
        row = list(row) + [None] * (len(kolom) - len(row))
        kode = _teks(row[0])
        if not kode and not any(_teks(v) for v in row):
            continue
        ind = inds.get(kode)
        if ind is None:
            galat.append(
                f"Lembar '{LEMBAR_TARGET}', baris {r}, kolom Kode: indikator '{kode}' tidak ada di {rp}"
            )
            continue
        if kode in seen:
            galat.append(
                f"Lembar '{LEMBAR_TARGET}', baris {r}: indikator '{kode}' ditulis dua kali"
            )
            continue
        seen.add(kode)
        lama = {t.tahun: t.nilai for t in ind.target.all()}
        for k, y in enumerate(rp.tahun_list):
            col = f"Target {y}"
            v = _angka(row[3 + k], LEMBAR_TARGET, r, col, galat)
            if v is None or v == lama.get(y):
                continue
            if terkunci:
                galat.append(
                    f"Lembar '{LEMBAR_TARGET}', baris {r}, kolom {col}: {rp} berstatus "
                    f"{rp.get_status_display().lower()}; target tidak dapat diubah (buat versi perubahan)"
                )
                continue
            changes.append(
                PerubahanPemda(
                    "target",
                    f"{ind.pk}:{y}",
                    f"Target {y} {ind.nama}",
                    _n(lama.get(y)),
                    _n(v),
                    {"indikator": ind.pk, "tahun": y, "nilai": str(v)},
                )
            )
        n_real = 3 + len(rp.tahun_list)
        v = _angka(row[n_real], LEMBAR_TARGET, r, f"Realisasi {tahun}", galat)
        sumber = _teks(row[n_real + 1])
        rl = next((x for x in ind.realisasi.all() if x.tahun == tahun), None)
        if v is None:
            if sumber and rl is None:
                galat.append(
                    f"Lembar '{LEMBAR_TARGET}', baris {r}, kolom Realisasi {tahun}: sumber diisi tetapi realisasinya kosong"
                )
            continue
        if not sumber:
            galat.append(
                f"Lembar '{LEMBAR_TARGET}', baris {r}, kolom Sumber realisasi {tahun}: wajib diisi (mis. BPS)"
            )
            continue
        if rl is None or rl.nilai != v or rl.sumber != sumber:
            changes.append(
                PerubahanPemda(
                    "realisasi",
                    f"{ind.pk}:{tahun}",
                    f"Realisasi {tahun} {ind.nama}",
                    f"{_n(rl.nilai)} ({rl.sumber})" if rl else "–",
                    f"{_n(v)} ({sumber})",
                    {"indikator": ind.pk, "tahun": tahun, "nilai": str(v), "sumber": sumber},
                )
            )


def _baca_jabatan(pemda, ws, galat, changes) -> None:
    head = [_teks(c.value) for c in ws[1]][: len(KOLOM_JABATAN)]
    if head != KOLOM_JABATAN:
        galat.append(
            f"Lembar '{LEMBAR_JABATAN}', baris 1: judul kolom harus {', '.join(KOLOM_JABATAN)}"
        )
        return
    opds = {o.slug: o for o in PerangkatDaerah.objects.filter(pemda=pemda)}
    kode_per_opd: dict[str, dict[str, int]] = {}
    per_opd: dict[str, list[tuple[int, dict]]] = {}
    for r, row in enumerate(ws.iter_rows(min_row=2, values_only=True), 2):
        row = [_teks(v) for v in list(row) + [None] * (len(KOLOM_JABATAN) - len(row))]
        if not any(row):
            continue
        d = dict(zip(KOLOM_JABATAN, row, strict=False))
        where = f"Lembar '{LEMBAR_JABATAN}', baris {r}"
        if d["OPD"] not in opds:
            galat.append(f"{where}, kolom OPD: '{d['OPD']}' bukan OPD {pemda.nama}")
            continue
        if not d["Kode"] or not d["Nama jabatan"]:
            galat.append(f"{where}: Kode dan Nama jabatan wajib diisi")
            continue
        if d["Jenis"] not in JENIS:
            galat.append(
                f"{where}, kolom Jenis: '{d['Jenis']}' tidak dikenal; pilihan: {', '.join(JENIS)}"
            )
            continue
        kodes = kode_per_opd.setdefault(d["OPD"], {})
        if d["Kode"] in kodes:
            galat.append(
                f"{where}, kolom Kode: '{d['Kode']}' sudah dipakai di baris {kodes[d['Kode']]}"
            )
            continue
        kodes[d["Kode"]] = r
        per_opd.setdefault(d["OPD"], []).append((r, d))
    for slug, rows in per_opd.items():
        opd = opds[slug]
        kodes = kode_per_opd[slug]
        pools = {
            "Program": set(Program.objects.filter(opd=opd).values_list("kode", flat=True)),
            "Kegiatan": set(
                Kegiatan.objects.filter(program__opd=opd).values_list("kode", flat=True)
            ),
            "Sub kegiatan": set(
                SubKegiatan.objects.filter(kegiatan__program__opd=opd).values_list(
                    "kode", flat=True
                )
            ),
        }
        lama = {j.kode: j for j in Jabatan.objects.filter(opd=opd).select_related("atasan")}
        tugas_lama = _tugas(opd)
        for r, d in rows:
            where = f"Lembar '{LEMBAR_JABATAN}', baris {r}"
            if d["Atasan"] and d["Atasan"] not in kodes:
                galat.append(
                    f"{where}, kolom Atasan: jabatan '{d['Atasan']}' tidak ada di lembar ini untuk {slug}"
                )
            if not d["Atasan"] and d["Jenis"] != "kepala":
                galat.append(f"{where}, kolom Atasan: jabatan selain kepala OPD harus punya atasan")
            tugas = {}
            for col, key in (
                ("Program", "program"),
                ("Kegiatan", "kegiatan"),
                ("Sub kegiatan", "sub_kegiatan"),
            ):
                items = [x.strip() for x in d[col].split(",") if x.strip()]
                for x in items:
                    if x not in pools[col]:
                        galat.append(f"{where}, kolom {col}: kode '{x}' tidak ada di {opd.nama}")
                tugas[key] = items
            j = lama.get(d["Kode"])
            baru = {
                "nama": d["Nama jabatan"],
                "jenis": d["Jenis"],
                "atasan": d["Atasan"],
                "pemegang_nama": d["Pemegang"],
                "pemegang_nip": d["NIP"],
                "pemegang_pangkat": d["Pangkat"],
                **tugas,
            }
            sebelum = None
            if j is not None:
                t = tugas_lama.get(j.pk, {})
                sebelum = {
                    "nama": j.nama,
                    "jenis": j.jenis,
                    "atasan": j.atasan.kode if j.atasan else "",
                    "pemegang_nama": j.pemegang_nama,
                    "pemegang_nip": j.pemegang_nip,
                    "pemegang_pangkat": j.pemegang_pangkat,
                    "program": t.get("program", []),
                    "kegiatan": t.get("kegiatan", []),
                    "sub_kegiatan": t.get("sub_kegiatan", []),
                }
            if sebelum != baru:
                changes.append(
                    PerubahanPemda(
                        "jabatan",
                        f"{opd.pk}:{d['Kode']}",
                        f"{opd.singkatan or opd.nama}: {d['Nama jabatan']}",
                        "–" if sebelum is None else _ringkas(sebelum),
                        _ringkas(baru),
                        {"opd": opd.pk, "kode": d["Kode"], **baru},
                    )
                )


def _ringkas(d: dict) -> str:
    parts = [d["nama"], JENIS.get(d["jenis"], d["jenis"])]
    if d["atasan"]:
        parts.append(f"atasan {d['atasan']}")
    if d["pemegang_nama"]:
        parts.append(d["pemegang_nama"])
    t = d["program"] + d["kegiatan"] + d["sub_kegiatan"]
    if t:
        parts.append("tanggung jawab " + ", ".join(t))
    return "; ".join(parts)


def sebagai_dict(changes: list[PerubahanPemda]) -> list[dict]:
    return [asdict(c) for c in changes]


@transaction.atomic
def terapkan_pemda(user, pemda: Pemda, tahun: int, changes: list[dict]) -> int:
    """Terapkan perubahan pratinjau dalam satu transaksi (Admin Pemda)."""
    if not boleh_mengelola_rpjmd(user, pemda):
        raise ExcelError(["Hanya Admin Pemda yang dapat mengunggah data RPJMD dan jabatan."])
    rp = RPJMD.objects.select_for_update().get(pk=_rpjmd(pemda, tahun).pk)
    n = 0
    for c in changes:
        v = c["nilai"]
        if c["jenis"] == "target":
            if rp.status in (StatusAlur.DIAJUKAN, StatusAlur.DISETUJUI):
                raise ExcelError(
                    [f"{rp} sudah {rp.get_status_display().lower()}; target terkunci."]
                )
            ind = rp.indikator.get(pk=v["indikator"])
            TargetRPJMD.objects.update_or_create(
                indikator=ind, tahun=v["tahun"], defaults={"nilai": to_decimal(v["nilai"])}
            )
        elif c["jenis"] == "realisasi":
            ind = rp.indikator.get(pk=v["indikator"])
            RealisasiRPJMD.objects.update_or_create(
                indikator=ind,
                tahun=v["tahun"],
                defaults={"nilai": to_decimal(v["nilai"]), "sumber": v["sumber"]},
            )
        else:
            continue
        n += 1
    jabatan = [c["nilai"] for c in changes if c["jenis"] == "jabatan"]
    for opd_id in {v["opd"] for v in jabatan}:
        opd = PerangkatDaerah.objects.get(pk=opd_id, pemda=pemda)
        rows = [v for v in jabatan if v["opd"] == opd_id]
        obj = {j.kode: j for j in Jabatan.objects.filter(opd=opd)}
        for v in rows:
            j = obj.get(v["kode"]) or Jabatan(opd=opd, kode=v["kode"])
            for f in ("nama", "jenis", "pemegang_nama", "pemegang_nip", "pemegang_pangkat"):
                setattr(j, f, v[f])
            j.save()
            obj[v["kode"]] = j
        for v in rows:
            j = obj[v["kode"]]
            j.atasan = obj.get(v["atasan"]) if v["atasan"] else None
            j.save(update_fields=["atasan"])
            for model, key, ke_opd in (
                (Program, "program", "opd"),
                (Kegiatan, "kegiatan", "program__opd"),
                (SubKegiatan, "sub_kegiatan", "kegiatan__program__opd"),
            ):
                model.objects.filter(**{ke_opd: opd}, jabatan=j).exclude(kode__in=v[key]).update(
                    jabatan=None
                )
                model.objects.filter(**{ke_opd: opd}, kode__in=v[key]).update(jabatan=j)
            n += 1
    return n
