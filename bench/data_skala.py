"""Pembangkit data sintetis yang realistis untuk uji skala: satu provinsi atau seluruh Indonesia.

    python bench/data_skala.py --skala provinsi          # 10 Pemda × 40 OPD
    python bench/data_skala.py --skala negara            # 540 Pemda × 40 OPD (pakai PostgreSQL)
    python bench/data_skala.py --pemda 2 --opd 3         # ukuran bebas

Setiap OPD: Renstra 5 tahun (2022–2026), 2 tujuan, 4 sasaran, 30 indikator (2 tujuan, 8 sasaran/IKU,
4 program, 10 kegiatan, 6 sub kegiatan; sepertiga berumus pembilang/penyebut, 15% menurun) — kecuali
OPD nomor 02 (20 indikator: OPD kecil) dan 03 (200 indikator: sub kegiatannya masing-masing berindikator
4–5, seperti dinas besar), pembanding isian realisasi di ``bench_beban.py`` —, target
5 tahun, realisasi 5 tahun × 4 triwulan, 4 program, 10 kegiatan, 40 sub kegiatan, anggaran tahunan
dan triwulanan per sub kegiatan. Setiap Pemda: RPJMD 2022–2026 (2 tujuan, 8 sasaran berindikator dengan
target dan realisasi BPS) yang didukung tujuan setiap OPD (satu sasaran sengaja tanpa pendukung), dan
setiap OPD 16 jabatan (kepala, sekretaris, 3 kepala bidang, 10 kepala seksi, 1 fungsional) yang
memegang program, kegiatan dan sub kegiatannya. Basis data dari ``DATABASE_URL``/``SAKIP_HOME`` seperti aplikasinya.

Baris ditulis langsung (COPY di PostgreSQL, executemany di SQLite) dalam satu transaksi per Pemda,
tanpa sinyal audit; ringkasan capaian lalu dihitung oleh inti yang sama dengan aplikasi
(``measurement.ringkasan.hitung_ulang``), paralel per proses. Akun untuk uji beban:
``bench.operator`` (Operator OPD pertama), ``bench.admin`` (Admin Pemda pertama), ``bench.provinsi``
(Admin Pemda setiap Pemda sintetis), kata sandi
``sakip-bench-2026``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")

import django  # noqa: E402

TAHUN = list(range(2022, 2027))
# banyak indikator per OPD menurut nomor urutnya dalam Pemda (selain itu 30)
UKURAN_INDIKATOR = {2: 20, 3: 200}
SANDI = "sakip-bench-2026"
OPD_NAMA = [
    ("Dinas Pendidikan", "1.01"),
    ("Dinas Kesehatan", "1.02"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "1.03"),
    ("Dinas Perumahan dan Kawasan Permukiman", "1.04"),
    ("Satuan Polisi Pamong Praja", "1.05"),
    ("Dinas Sosial", "1.06"),
    ("Dinas Tenaga Kerja", "2.07"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "2.08"),
    ("Dinas Ketahanan Pangan", "2.09"),
    ("Dinas Lingkungan Hidup", "2.11"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "2.12"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "2.13"),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "2.14"),
    ("Dinas Perhubungan", "2.15"),
    ("Dinas Komunikasi dan Informatika", "2.16"),
    ("Dinas Koperasi dan Usaha Kecil Menengah", "2.17"),
    ("Dinas Penanaman Modal dan PTSP", "2.18"),
    ("Dinas Kepemudaan dan Olahraga", "2.19"),
    ("Dinas Kebudayaan", "2.22"),
    ("Dinas Perpustakaan dan Kearsipan", "2.23"),
    ("Dinas Perikanan", "3.25"),
    ("Dinas Pariwisata", "3.26"),
    ("Dinas Pertanian", "3.27"),
    ("Dinas Perdagangan", "3.30"),
    ("Dinas Perindustrian", "3.31"),
    ("Badan Perencanaan Pembangunan Daerah", "5.01"),
    ("Badan Pengelola Keuangan dan Aset Daerah", "5.02"),
    ("Badan Kepegawaian dan Pengembangan SDM", "5.03"),
    ("Badan Pendapatan Daerah", "5.02"),
    ("Badan Kesatuan Bangsa dan Politik", "8.01"),
    ("Badan Penanggulangan Bencana Daerah", "1.05"),
    ("Inspektorat Daerah", "6.01"),
    ("Sekretariat Daerah", "4.01"),
    ("Sekretariat DPRD", "4.02"),
    ("Kecamatan Utara", "7.01"),
    ("Kecamatan Selatan", "7.01"),
    ("Kecamatan Timur", "7.01"),
    ("Kecamatan Barat", "7.01"),
    ("Rumah Sakit Umum Daerah", "1.02"),
    ("Dinas Pemadam Kebakaran", "1.05"),
]


class Penulis:
    """Menampung baris per tabel dengan id eksplisit, lalu menulisnya sekaligus."""

    def __init__(self, models: list):
        from django.db import connection
        from django.db.models import Max

        self.conn = connection
        self.models = models
        self.cols = {m: [f for f in m._meta.concrete_fields] for m in models}
        self.rows: dict = {m: [] for m in models}
        self.next_id = {m: (m.objects.aggregate(x=Max("id"))["x"] or 0) + 1 for m in models}
        self.now = datetime.now(UTC)
        self.defaults = {}
        for m in models:
            d = {}
            for f in self.cols[m]:
                if f.has_default():
                    d[f.attname] = f.get_default()
                elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                    d[f.attname] = self.now
                elif f.null:
                    d[f.attname] = None
                else:
                    d[f.attname] = (
                        ""
                        if f.get_internal_type() in ("CharField", "TextField", "SlugField")
                        else None
                    )
            self.defaults[m] = d
        self.total = 0

    def tambah(self, model, **values) -> int:
        pk = self.next_id[model]
        self.next_id[model] += 1
        d = self.defaults[model]
        row = []
        for f in self.cols[model]:
            if f.attname == "id":
                row.append(pk)
            else:
                v = values.get(f.attname, d[f.attname])
                if isinstance(v, (dict, list)):
                    v = json.dumps(v)
                row.append(v)
        self.rows[model].append(row)
        return pk

    def tulis(self) -> int:
        from django.db import transaction

        n = 0
        with transaction.atomic():
            for m in self.models:
                rows = self.rows[m]
                if not rows:
                    continue
                table = m._meta.db_table
                names = [f.column for f in self.cols[m]]
                if self.conn.vendor == "postgresql":
                    with self.conn.cursor() as cur:
                        raw = cur.cursor if hasattr(cur, "cursor") else cur
                        with raw.copy(f'COPY "{table}" ({", ".join(names)}) FROM STDIN') as cp:
                            for r in rows:
                                cp.write_row(r)
                else:
                    sql = f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({", ".join(["%s"] * len(names))})'
                    with self.conn.cursor() as cur:
                        cur.executemany(sql, rows)
                n += len(rows)
                self.rows[m] = []
        self.total += n
        return n

    def urutan(self) -> None:
        if self.conn.vendor != "postgresql":
            return
        with self.conn.cursor() as cur:
            for m in self.models:
                t = m._meta.db_table
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{t}\"', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{t}"), 1))'
                )


def bangkit_pemda(
    w: Penulis, rnd: random.Random, no: int, n_opd: int, urusan: dict, M
) -> list[int]:
    prov = (no - 1) // 20 + 1
    jenis = "kota" if no % 5 == 0 else "kabupaten"
    nama = f"{'Kota' if jenis == 'kota' else 'Kabupaten'} Sintetis {no:03d}"
    pemda_id = w.tambah(
        M["Pemda"],
        slug=f"sintetis-{no:03d}",
        nama=nama,
        jenis=jenis,
        provinsi=f"Provinsi Sintetis {prov:02d}",
        ibukota=nama.split(" ", 1)[1],
        jabatan_kepala_daerah="Bupati" if jenis == "kabupaten" else "Wali Kota",
    )
    rpjmd = w.tambah(
        M["RPJMD"],
        pemda_id=pemda_id,
        tahun_awal=TAHUN[0],
        tahun_akhir=TAHUN[-1],
        nama=f"RPJMD {nama} {TAHUN[0]}–{TAHUN[-1]}",
        visi="Visi sintetis",
        misi=["Misi sintetis 1", "Misi sintetis 2"],
        contoh=True,
    )
    sasaran_rpjmd = []
    for t in range(2):
        tid = w.tambah(
            M["TujuanRPJMD"],
            rpjmd_id=rpjmd,
            kode=f"T{t + 1}",
            uraian=f"Tujuan RPJMD {t + 1}",
            misi=t + 1,
        )
        for s in range(4):
            k = 4 * t + s + 1
            sid = w.tambah(
                M["SasaranRPJMD"],
                tujuan_id=tid,
                kode=f"S{k}",
                uraian=f"Sasaran RPJMD {k}",
                urutan=s,
            )
            sasaran_rpjmd.append(sid)
            ind = w.tambah(
                M["IndikatorRPJMD"],
                rpjmd_id=rpjmd,
                sasaran_id=sid,
                kode=f"IKD-{k}",
                nama=f"Indikator kinerja daerah {k}",
                satuan="%",
                iku=True,
                polaritas="naik",
                kondisi_awal=Decimal(60),
                kondisi_awal_tahun=TAHUN[0] - 1,
                kondisi_akhir=Decimal(80),
            )
            for j, y in enumerate(TAHUN):
                w.tambah(
                    M["TargetRPJMD"], indikator_id=ind, tahun=y, nilai=Decimal(60 + 4 * (j + 1))
                )
                w.tambah(
                    M["RealisasiRPJMD"],
                    indikator_id=ind,
                    tahun=y,
                    nilai=Decimal(rnd.randint(55, 90)),
                    sumber="BPS (sintetis)",
                )
    opd_ids = []
    for k in range(n_opd):
        nm, kode_urusan = OPD_NAMA[k % len(OPD_NAMA)]
        opd_id = w.tambah(
            M["PerangkatDaerah"],
            pemda_id=pemda_id,
            slug=f"sintetis-{no:03d}-{k + 1:02d}",
            nama=f"{nm} {nama}" + (f" ({k // len(OPD_NAMA) + 1})" if k >= len(OPD_NAMA) else ""),
            singkatan=f"OPD {k + 1:02d}",
            kepala_nama=f"Kepala OPD {k + 1:02d}",
        )
        opd_ids.append(opd_id)
        # sasaran RPJMD terakhir sengaja tanpa pendukung (SEL-04 punya sesuatu untuk dilaporkan)
        bangkit_opd(
            w,
            rnd,
            opd_id,
            urusan[kode_urusan],
            kode_urusan,
            M,
            sasaran_rpjmd[k % 7],
            UKURAN_INDIKATOR.get(k + 1, 30),
        )
    return opd_ids


def bangkit_opd(
    w: Penulis,
    rnd: random.Random,
    opd_id: int,
    urusan_id: int,
    ku: str,
    M,
    sasaran_rpjmd: int,
    n_indikator: int = 30,
) -> None:
    for y in TAHUN:
        w.tambah(
            M["TahunKinerja"], opd_id=opd_id, tahun=y, tempat="Sintetis", sumber="data sintetis"
        )
    renstra = w.tambah(
        M["Renstra"],
        opd_id=opd_id,
        tahun_awal=TAHUN[0],
        tahun_akhir=TAHUN[-1],
        nama=f"Renstra {TAHUN[0]}–{TAHUN[-1]}",
        visi="Visi sintetis",
        misi=["Misi sintetis"],
    )
    tujuan, sasaran = [], []
    for t in range(2):
        tid = w.tambah(
            M["Tujuan"],
            renstra_id=renstra,
            kode=f"T{t + 1}",
            uraian=f"Tujuan {t + 1}",
            urutan=t + 1,
            sasaran_rpjmd_id=sasaran_rpjmd,
        )
        tujuan.append(tid)
        for s in range(2):
            sasaran.append(
                w.tambah(
                    M["Sasaran"],
                    tujuan_id=tid,
                    kode=f"S{2 * t + s + 1}",
                    uraian=f"Sasaran {2 * t + s + 1}",
                    urutan=s + 1,
                )
            )
    kepala = w.tambah(M["Jabatan"], opd_id=opd_id, kode="kepala", nama="Kepala", jenis="kepala")
    sekretaris = w.tambah(
        M["Jabatan"],
        opd_id=opd_id,
        kode="sekretaris",
        nama="Sekretaris",
        jenis="sekretaris",
        atasan_id=kepala,
        pemegang_nama="Sekretaris Sintetis",
        urutan=1,
    )
    kabid = [
        w.tambah(
            M["Jabatan"],
            opd_id=opd_id,
            kode=f"kabid-{b + 1}",
            nama=f"Kepala Bidang {b + 1}",
            jenis="kepala_bidang",
            atasan_id=kepala,
            pemegang_nama=f"Kabid Sintetis {b + 1}",
            urutan=b + 2,
        )
        for b in range(3)
    ]
    pj_program = [sekretaris, *kabid]
    kasi = [
        w.tambah(
            M["Jabatan"],
            opd_id=opd_id,
            kode=f"kasi-{k + 1}",
            nama=f"Kepala Seksi {k + 1}",
            jenis="kepala_seksi",
            atasan_id=pj_program[k % 4],
            pemegang_nama=f"Kasi Sintetis {k + 1}",
            urutan=k + 5,
        )
        for k in range(10)
    ]
    fungsional = w.tambah(
        M["Jabatan"],
        opd_id=opd_id,
        kode="fungsional-1",
        nama="Jabatan Fungsional 1",
        jenis="fungsional",
        atasan_id=kabid[0],
        urutan=15,
    )
    programs, kegiatan, subs = [], [], []
    for p in range(4):
        kode_p = f"{ku}.{p + 1:02d}"
        programs.append(
            w.tambah(
                M["Program"],
                opd_id=opd_id,
                kode=kode_p,
                nama=f"Program {p + 1}",
                bidang_urusan_id=urusan_id,
                urutan=p + 1,
                jabatan_id=pj_program[p],
            )
        )
    for p, pid in enumerate(programs):
        w.tambah(M["Program_sasaran"], program_id=pid, sasaran_id=sasaran[p])
    for k in range(10):
        pid = programs[k % 4]
        kode_k = f"{ku}.{k % 4 + 1:02d}.2.{k + 1:02d}"
        kegiatan.append(
            w.tambah(
                M["Kegiatan"],
                program_id=pid,
                kode=kode_k,
                nama=f"Kegiatan {k + 1}",
                sasaran_id=sasaran[k % 4],
                urutan=k + 1,
                jabatan_id=kasi[k],
            )
        )
    for s in range(40):
        kid = kegiatan[s % 10]
        subs.append(
            w.tambah(
                M["SubKegiatan"],
                kegiatan_id=kid,
                kode=f"{ku}.{s % 10 % 4 + 1:02d}.2.{s % 10 + 1:02d}.{s // 10 + 1:04d}",
                nama=f"Sub Kegiatan {s + 1}",
                urutan=s + 1,
                jabatan_id=fungsional if s % 10 == 0 else None,
            )
        )
    owners = (
        [("tujuan_id", t) for t in tujuan]
        + [("sasaran_id", s) for s in sasaran for _ in range(2)]
        + [("program_id", p) for p in programs]
        + [("kegiatan_id", k) for k in kegiatan]
        + [("sub_kegiatan_id", s) for s in subs[:6]]
    )
    # OPD kecil: indikator pertama saja; OPD besar: sub kegiatan lain bergiliran mendapat indikator
    owners = owners[:n_indikator] + [
        ("sub_kegiatan_id", subs[6 + j % (len(subs) - 6)])
        for j in range(max(0, n_indikator - len(owners)))
    ]
    for i, (field, owner) in enumerate(owners):
        rumus = i % 3 == 0
        turun = rnd.random() < 0.15
        agregasi = (
            "kumulatif" if not rumus and not turun else ("terakhir" if turun else "kumulatif")
        )
        ind = w.tambah(
            M["Indikator"],
            opd_id=opd_id,
            kode=f"I{i + 1:03d}" if n_indikator > 99 else f"I{i + 1:02d}",
            nama=f"Indikator sintetis {i + 1}",
            satuan="%" if rumus or turun else "orang",
            iku=field == "sasaran_id",
            polaritas="turun" if turun else "naik",
            agregasi=agregasi,
            pembilang="jumlah tercapai" if rumus else "",
            penyebut="jumlah sasaran" if rumus else "",
            pengali=Decimal(100),
            urutan=i + 1,
            **{field: owner},
        )
        dasar = Decimal(rnd.randint(40, 90)) if rumus or turun else Decimal(rnd.randint(100, 5000))
        for j, y in enumerate(TAHUN):
            tgt = (
                dasar * (Decimal(1) - Decimal("0.03") * j)
                if turun
                else dasar * (Decimal(1) + Decimal("0.04") * j)
            )
            tgt = tgt.quantize(Decimal("0.01"))
            w.tambah(M["TargetIndikator"], indikator_id=ind, tahun=y, nilai=tgt)
            faktor = Decimal(rnd.randint(70, 120)) / 100
            for tw in range(1, 5):
                if rumus:
                    q = Decimal(rnd.randint(200, 5000))
                    p = min(q, (q * min(tgt, Decimal(100)) * faktor / 100).quantize(Decimal(1)))
                    w.tambah(
                        M["Realisasi"],
                        indikator_id=ind,
                        tahun=y,
                        periode=f"tw{tw}",
                        pembilang=p,
                        penyebut=q,
                    )
                elif turun:
                    w.tambah(
                        M["Realisasi"],
                        indikator_id=ind,
                        tahun=y,
                        periode=f"tw{tw}",
                        nilai=(tgt / faktor).quantize(Decimal("0.01")),
                    )
                else:
                    w.tambah(
                        M["Realisasi"],
                        indikator_id=ind,
                        tahun=y,
                        periode=f"tw{tw}",
                        nilai=(tgt * faktor / 4).quantize(Decimal(1)),
                    )
    for y in TAHUN:
        for s in subs:
            pagu = Decimal(rnd.randint(50, 2000)) * 1_000_000
            real = (pagu * Decimal(rnd.randint(70, 100)) / 100).quantize(Decimal(1000))
            w.tambah(
                M["Anggaran"], opd_id=opd_id, tahun=y, sub_kegiatan_id=s, pagu=pagu, realisasi=real
            )
            for tw in range(1, 5):
                w.tambah(
                    M["Anggaran"],
                    opd_id=opd_id,
                    tahun=y,
                    triwulan=tw,
                    sub_kegiatan_id=s,
                    pagu=pagu / 4,
                    realisasi=(real / 4).quantize(Decimal(1)),
                )


def _hitung_bagian(opd_ids: list[int]) -> int:
    django.setup()
    from django.db import connection, transaction

    from sakip.measurement.ringkasan import hitung_ulang

    connection.close()  # sambungan sendiri untuk proses ini
    with transaction.atomic():
        return hitung_ulang([(o, 0) for o in opd_ids])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--skala", choices=["provinsi", "negara"], default=None)
    ap.add_argument("--pemda", type=int, default=None)
    ap.add_argument("--opd", type=int, default=40)
    ap.add_argument("--mulai", type=int, default=1, help="nomor Pemda sintetis pertama")
    ap.add_argument("--proses", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--benih", type=int, default=2026)
    args = ap.parse_args()
    n_pemda = args.pemda or {"provinsi": 10, "negara": 540, None: 10}[args.skala]

    django.setup()
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    M = {
        n: apps.get_model(a, n)
        for a, n in [
            ("organisations", "Pemda"),
            ("organisations", "PerangkatDaerah"),
            ("organisations", "Jabatan"),
            ("rpjmd", "RPJMD"),
            ("rpjmd", "TujuanRPJMD"),
            ("rpjmd", "SasaranRPJMD"),
            ("rpjmd", "IndikatorRPJMD"),
            ("rpjmd", "TargetRPJMD"),
            ("rpjmd", "RealisasiRPJMD"),
            ("planning", "TahunKinerja"),
            ("planning", "Renstra"),
            ("planning", "Tujuan"),
            ("planning", "Sasaran"),
            ("planning", "Program"),
            ("planning", "Program_sasaran"),
            ("planning", "Kegiatan"),
            ("planning", "SubKegiatan"),
            ("planning", "Indikator"),
            ("planning", "TargetIndikator"),
            ("measurement", "Realisasi"),
            ("budget", "Anggaran"),
        ]
    }
    Urusan = apps.get_model("organisations", "Urusan")
    urusan = {}
    for _, ku in OPD_NAMA:
        induk, _ = Urusan.objects.get_or_create(
            kode=ku.split(".")[0], defaults={"nama": f"Urusan {ku.split('.')[0]}"}
        )
        urusan[ku], _ = Urusan.objects.get_or_create(
            kode=ku, defaults={"nama": f"Bidang Urusan {ku}", "induk": induk}
        )
        urusan[ku] = urusan[ku].id
    if M["Pemda"].objects.filter(slug=f"sintetis-{args.mulai:03d}").exists():
        sys.exit(f"Pemda sintetis-{args.mulai:03d} sudah ada; pakai --mulai atau basis data lain.")
    print(f"Basis data: {connection.vendor} · {n_pemda} Pemda × {args.opd} OPD", flush=True)
    rnd = random.Random(args.benih)
    w = Penulis(list(M.values()))
    t0 = time.perf_counter()
    semua_opd = []
    for no in range(args.mulai, args.mulai + n_pemda):
        semua_opd += bangkit_pemda(w, rnd, no, args.opd, urusan, M)
        w.tulis()
        if (no - args.mulai + 1) % 10 == 0 or no == args.mulai + n_pemda - 1:
            dt = time.perf_counter() - t0
            print(
                f"  [{no - args.mulai + 1}/{n_pemda}] {w.total:,} baris · {w.total / dt:,.0f} baris/detik".replace(
                    ",", "."
                ),
                flush=True,
            )
    w.urutan()
    t_data = time.perf_counter() - t0
    connection.close()
    t1 = time.perf_counter()
    bagian = [semua_opd[i :: args.proses * 8] for i in range(args.proses * 8)]
    with ProcessPoolExecutor(args.proses, mp_context=multiprocessing.get_context("spawn")) as ex:
        n_ringkas = sum(ex.map(_hitung_bagian, [b for b in bagian if b]))
    t_ringkas = time.perf_counter() - t1
    # statistik perencana kueri diperbarui setelah muatan besar: tanpa ini PostgreSQL memilih
    # rencana buruk (terukur: dasbor Pemda 1,6 detik → 25 ms setelah ANALYZE pada skala negara)
    t2 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    t_analisis = time.perf_counter() - t2
    User = get_user_model()
    Keanggotaan = apps.get_model("organisations", "Keanggotaan")
    first_opd = M["PerangkatDaerah"].objects.get(slug=f"sintetis-{args.mulai:03d}-01")
    semua_pemda = list(
        M["Pemda"].objects.filter(
            slug__in=[f"sintetis-{no:03d}" for no in range(args.mulai, args.mulai + n_pemda)]
        )
    )
    for username, peran, kws in [
        ("bench.operator", "operator_opd", [{"opd": first_opd, "pemda": first_opd.pemda}]),
        ("bench.admin", "admin_pemda", [{"pemda": first_opd.pemda}]),
        # Admin Pemda setiap Pemda sintetis: uji beban isian OPD kecil/besar di banyak Pemda
        ("bench.provinsi", "admin_pemda", [{"pemda": p} for p in semua_pemda]),
    ]:
        u, created = User.objects.get_or_create(username=username)
        if created:
            u.set_password(SANDI)
            u.save()
        for kw in kws:
            Keanggotaan.objects.get_or_create(user=u, peran=peran, **kw)
    fmt = lambda x: f"{x:,.0f}".replace(",", ".")  # noqa: E731
    dtk = lambda x: f"{x:.1f}".replace(".", ",")  # noqa: E731
    print(
        f"Data: {fmt(w.total)} baris dalam {dtk(t_data)} detik ({fmt(w.total / t_data)} baris/detik)"
    )
    print(
        f"Ringkasan capaian: {fmt(n_ringkas)} baris untuk {fmt(len(semua_opd) * len(TAHUN))} OPD-tahun "
        f"dalam {dtk(t_ringkas)} detik dengan {args.proses} proses; ANALYZE {dtk(t_analisis)} detik"
    )
    print(f"Akun uji beban: bench.operator / bench.admin / bench.provinsi, kata sandi {SANDI}")


if __name__ == "__main__":
    main()
