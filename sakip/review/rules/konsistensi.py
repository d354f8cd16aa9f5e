"""Aturan konsistensi: kutipan berbeda, rata-rata, jumlah dalam teks, Renstra, kode nomenklatur."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from sakip.budget.services import Simpul
from sakip.core.capaian import Polaritas
from sakip.core.efisiensi import analisis_efisiensi
from sakip.core.numbers import format_angka, round_half_up
from sakip.review.compare import (
    BEDA,
    BEDA_KECIL,
    DIPOTONG,
    SAMA,
    baca,
    bandingkan,
    desimal_tercetak,
)

from .dasar import (
    Aturan,
    Klaim,
    Konteks,
    Temuan,
    fmt,
    label_indikator,
    label_objek,
    nama_kode,
    renstra_indikator,
)


def cek_kutipan_berbeda(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    groups: dict[tuple, list[Klaim]] = defaultdict(list)
    for k in ctx.klaim:
        if k.atribut in ("kode", "uraian") or baca(k.teks) is None:
            continue
        if k.atribut == "target" and k.objek.startswith("indikator:"):
            row = ctx.ukur(k.periode).get(k.objek.partition(":")[2])
            if row is not None and row.target is not None:
                continue  # TGT-01 membandingkan setiap tempat dengan target yang berlaku
        if k.objek.startswith("hitungan:") and _hitung(ctx, k.objek.partition(":")[2]) is not None:
            continue  # HIT-01 membandingkan setiap hitungan tercetak dengan data
        groups[(k.objek, k.atribut, k.periode)].append(k)
    for (objek, atribut, periode), items in groups.items():
        places = {k.lokasi for k in items}
        if len(places) < 2:
            continue
        d = min(desimal_tercetak(k.teks) for k in items)
        values = {round_half_up(baca(k.teks), d) for k in items}
        if len(values) > 1:
            listing = "; ".join(f"{k.lokasi}: {k.teks}" for k in items)
            label = label_objek(ctx, objek)
            yield a.temuan(
                lokasi=", ".join(sorted(places)),
                objek=f"{atribut.replace('_', ' ')} {label}"
                + (f" tahun {periode}" if periode else ""),
                tercetak=listing,
                dihitung="",
                daftar=listing,
            )


_LEVEL = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub_kegiatan"}


def _nodes(ctx: Konteks, level: str, bidang: str | None) -> list[Simpul]:
    nodes = ctx.simpul_per_tingkat.get(level, [])
    if bidang:
        nodes = [n for n in nodes if n.kode.startswith(bidang + ".")]
    return nodes


def cek_rata_rata(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for k in ctx.klaim_atribut("hitungan", "rata_rata_capaian"):
        level, _, bidang = k.kunci.partition(":")
        if level not in _LEVEL:
            continue
        values = [
            r.capaian.nilai
            for n in _nodes(ctx, level, bidang or None)
            if (r := ctx.capaian_simpul(n.kode)) is not None and r.capaian.nilai is not None
        ]
        if not values:
            continue
        mean = sum(values, Decimal(0)) / len(values)
        cmp = bandingkan(k.teks, mean)
        if cmp and cmp.status in (BEDA, BEDA_KECIL, DIPOTONG):
            printed = [
                baca(c.teks)
                for c in ctx.klaim_atribut("indikator", "capaian")
                if c.kunci.rsplit("-", 1)[0] in {n.kode for n in _nodes(ctx, level, bidang or None)}
                and c.kunci.endswith("-1")
                and baca(c.teks) is not None
            ]
            rata_cetak = sum(printed, Decimal(0)) / len(printed) if printed else None
            sesuai_tabel = rata_cetak is not None and bandingkan(k.teks, rata_cetak)
            if sesuai_tabel and sesuai_tabel.status == SAMA:
                # rata-rata itu benar atas baris yang dicetaknya: selisih dengan data berasal dari
                # baris yang salah, yang dilaporkan di barisnya sendiri (akibat, bukan temuan baru)
                continue
            printed_mean = format_angka(rata_cetak, 2) if rata_cetak is not None else "–"
            yield a.temuan(
                lokasi=k.lokasi,
                objek=f"rata-rata capaian {level.replace('_', ' ')}",
                tercetak=k.teks,
                dihitung=format_angka(mean, 2),
                n=len(values),
                rata_tercetak=printed_mean,
            )


def _hitung(ctx: Konteks, kunci: str) -> int | None:
    level, _, bidang = kunci.partition(":")
    bidang = bidang or None
    if level in _LEVEL:
        nodes = _nodes(ctx, level, bidang)
        if not nodes:
            return (
                None  # tidak ada unsur tingkat ini dalam data (mis. tidak terbaca): tak terbanding
            )
        with_data = [n for n in nodes if n.ada_data]
        return len(with_data) if with_data else len(nodes)
    if level == "program_dilaksanakan":
        return len(_nodes(ctx, "program", bidang))
    for lv in ("kegiatan", "sub_kegiatan", "program"):
        if level.startswith(lv + "_"):
            rest = level[len(lv) + 1 :]
            nodes = [
                n
                for n in _nodes(ctx, lv, bidang)
                if n.ada_data and n.jumlah.serapan.nilai is not None
            ]
            if rest == "serapan_di_atas_90":
                return sum(1 for n in nodes if n.jumlah.serapan.nilai > 90)
            if rest == "serapan_di_bawah_70":
                return sum(1 for n in nodes if n.jumlah.serapan.nilai < 70)
            if rest == "tidak_efisien":
                count = 0
                for n in nodes:
                    ukur = ctx.capaian_simpul(n.kode)
                    if ukur and ukur.capaian.nilai is not None:
                        if (
                            analisis_efisiensi(
                                ukur.capaian.nilai, n.jumlah.serapan.nilai
                            ).kesimpulan
                            == "tidak efisien"
                        ):
                            count += 1
                return count
    return None


def cek_hitungan(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for k in ctx.klaim_atribut("hitungan", "jumlah"):
        value = _hitung(ctx, k.kunci)
        printed = baca(k.teks)
        if value is None or printed is None or printed == value:
            continue
        level, _, bidang = k.kunci.partition(":")
        label = level.replace("_", " ")
        if bidang.count(".") >= 2:
            label += f" pada program {nama_kode(ctx, bidang)}"
        elif bidang:
            label += f" pada bidang urusan {bidang}"
        yield a.temuan(
            lokasi=k.lokasi,
            objek=label,
            tercetak=k.teks,
            dihitung=str(value),
            kutipan=f" ({k.catatan})" if k.catatan else "",
        )


def cek_renstra_arah(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for ind in renstra_indikator(ctx):
        if ind.kondisi_awal is None or ind.kondisi_akhir is None:
            continue
        worse = (ind.polaritas == Polaritas.NAIK and ind.kondisi_akhir < ind.kondisi_awal) or (
            ind.polaritas == Polaritas.TURUN and ind.kondisi_akhir > ind.kondisi_awal
        )
        if worse:
            yield a.temuan(
                lokasi="Renstra",
                objek=label_indikator(ctx, ind.kode),
                tercetak=f"awal {fmt(ind.kondisi_awal)}, akhir {fmt(ind.kondisi_akhir)}",
                dihitung="",
                arah=Polaritas(ind.polaritas).label.lower(),
            )


def cek_renstra_akhir(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for ind in renstra_indikator(ctx):
        targets = sorted(ind.target.all(), key=lambda t: t.tahun)
        if ind.kondisi_akhir is None or not targets:
            continue
        last = targets[-1]
        if last.nilai_atas is not None:
            # target rentang (80–90): kondisi akhir di dalam rentangnya sesuai target
            if last.nilai <= ind.kondisi_akhir <= last.nilai_atas:
                continue
            target = f"{fmt(last.nilai)}–{fmt(last.nilai_atas)}"
        elif last.nilai == ind.kondisi_akhir:
            continue
        else:
            target = fmt(last.nilai)
        yield a.temuan(
            lokasi="Renstra",
            objek=label_indikator(ctx, ind.kode),
            tercetak=fmt(ind.kondisi_akhir),
            dihitung=target,
            tahun=last.tahun,
        )


def cek_target_akhir_tercetak(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for k in ctx.klaim_atribut("indikator", "target_akhir_renstra"):
        ind = ctx.indikator.get(k.kunci)
        if ind is None or ind.kondisi_akhir is None:
            continue
        cmp = bandingkan(k.teks, ind.kondisi_akhir)
        if cmp and cmp.status != SAMA:
            yield a.temuan(
                lokasi=k.lokasi,
                objek=label_indikator(ctx, k.kunci),
                tercetak=k.teks,
                dihitung=fmt(ind.kondisi_akhir),
            )


def cek_kode(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    for k in ctx.klaim:
        if k.atribut == "kode" and k.kunci and k.teks != k.kunci:
            yield a.temuan(
                lokasi=k.lokasi, objek=nama_kode(ctx, k.kunci), tercetak=k.teks, dihitung=k.kunci
            )


def _kunci_indikator(nama: str, satuan: str) -> tuple[str, str]:
    import re

    nama = re.sub(r"\(\s*[A-Z/]{2,10}\s*\)", " ", nama or "")  # singkatan: (TPAK), (PB)
    satuan = (satuan or "").strip().lower()
    satuan = {"persen": "%", "prosentase": "%", "persentase": "%"}.get(satuan, satuan)
    return " ".join(re.findall(r"[a-z0-9]+", nama.lower())), satuan


def _tempat_indikator(ctx: Konteks, kode: str) -> str:
    """Tempat indikator: pemiliknya (sasaran/program/kegiatan/sub kegiatan) dan tabel yang
    mencetaknya."""
    ind = ctx.indikator[kode]
    pemilik = ind.pemilik
    tempat = ind.get_tingkat_display().lower() or "indikator"
    if pemilik is not None and getattr(pemilik, "kode", ""):
        tempat = f"{tempat} {pemilik.kode}"
    dicetak = sorted({k.lokasi for k in ctx.klaim if k.objek == f"indikator:{kode}"})
    return f"{tempat} [{kode}]" + (f", dicetak di {', '.join(dicetak[:2])}" if dicetak else "")


def cek_indikator_kembar(ctx: Konteks, a: Aturan) -> Iterator[Temuan]:
    """Indikator yang sama (nama dan satuan sama) di dua tingkat atau tabel, dengan target atau
    realisasi tahun laporan yang berbeda: satu temuan yang menyebut kedua tempatnya."""
    kelompok: dict[tuple[str, str], list[str]] = defaultdict(list)
    for kode, ind in ctx.indikator.items():
        kunci = _kunci_indikator(ind.nama, ind.satuan)
        if kunci[0]:
            kelompok[kunci].append(kode)
    ukur = ctx.ukur()
    for kodes in kelompok.values():
        if len(kodes) < 2:
            continue
        for atribut in ("target", "realisasi"):
            nilai = {}
            for kode in kodes:
                b = ukur.get(kode)
                if b is None:
                    continue
                v = (b.target.bawah if b.target else None) if atribut == "target" else b.realisasi
                if v is not None:
                    nilai[kode] = v
            if len(set(nilai.values())) < 2:
                continue
            daftar = "; ".join(
                f"{_tempat_indikator(ctx, kode)}: {fmt(v)}" for kode, v in nilai.items()
            )
            ind = ctx.indikator[next(iter(nilai))]
            yield a.temuan(
                lokasi=", ".join(f"indikator {k}" for k in nilai),
                objek=f"'{ind.nama}' ({ind.satuan or 'tanpa satuan'}) tahun {ctx.tahun}",
                tercetak=" / ".join(fmt(v) for v in nilai.values()),
                dihitung="",
                atribut=atribut,
                daftar=daftar,
            )
