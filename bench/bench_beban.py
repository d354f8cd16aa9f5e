"""Uji beban di loopback: banyak pengguna serentak pada server produksi (gunicorn) sakip.

    python bench/data_skala.py --skala provinsi      # sekali, menyiapkan data
    python bench/bench_beban.py [--koneksi 16] [--detik 15] [--tahun 2026]
    SAKIP_REDIS_URL=redis://127.0.0.1:6379/0 python bench/bench_beban.py …   # susunan banyak mesin

Menjalankan ``sakip serve`` (gunicorn, mode produksi) pada basis data dari ``DATABASE_URL``/
``SAKIP_HOME``, masuk sebagai ``bench.admin``, lalu dengan wrk (alat beban, proses terpisah) mengukur
p50/p95/p99 dan jumlah galat untuk: tampilan Django minimal (/sehat/), tampilan minimal bersesi
(lencana pemberitahuan: sesi, pengguna, satu kueri hitung), dasbor OPD, dasbor Pemda,
halaman isian realisasi, dan penyimpanan realisasi (POST, OPD acak se-Pemda, nilai acak); lalu halaman
isian dan simpanan semua tingkat untuk OPD kecil (20 indikator) dan besar (200 indikator), simpanan
tersebar di OPD seukuran itu di setiap Pemda sintetis (akun ``bench.provinsi``).
Setiap angka dicetak juga sebagai rasio terhadap tampilan minimal (dan p95 terhadap yang bersesi) yang diukur pada jalannya yang
sama. Keluar dengan kode 1 bila ada galat (status ≥ 400, galat sambungan/batas waktu, atau simpanan
yang ditolak formulir).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LUA_UMUM = r"""
ditolak = 0
local threads = {}
setup = function(thread) table.insert(threads, thread) end
response = function(status, headers, body)
  local lokasi = headers["Location"] or headers["location"] or ""
  if status ~= HARAP or string.find(lokasi, "/masuk/", 1, true) then ditolak = ditolak + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  local tolak = 0
  for _, t in ipairs(threads) do tolak = tolak + t:get("ditolak") end
  io.write(string.format(
    '{"permintaan": %d, "detik": %.3f, "p50": %.3f, "p95": %.3f, "p99": %.3f, "maks": %.3f, ' ..
    '"galat_sambungan": %d, "galat_baca": %d, "galat_tulis": %d, "galat_status": %d, "galat_waktu": %d, ' ..
    '"galat_tak_diharapkan": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout, tolak))
end
"""


def _cookies(resp, jar: dict) -> None:
    for k, v in resp.getheaders():
        if k.lower() == "set-cookie":
            name, _, rest = v.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]


def _req(port, method, path, jar, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    h = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} | (headers or {})
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read().decode("utf-8", "replace")
    _cookies(r, jar)
    c.close()
    return r.status, data


def masuk(port: int, user: str, sandi: str) -> dict:
    jar: dict = {}
    _, html = _req(port, "GET", "/masuk/", jar)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode(
        {"username": user, "password": sandi, "csrfmiddlewaretoken": token}
    )
    st, _ = _req(
        port,
        "POST",
        "/masuk/",
        jar,
        body,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{port}/masuk/",
        },
    )
    if st != 302 or "sessionid" not in jar:
        sys.exit(
            f"Gagal masuk sebagai {user} (status {st}); jalankan bench/data_skala.py lebih dahulu."
        )
    return jar


def badan_simpan(port: int, jar: dict, paths: list[str]) -> list[tuple[str, str]]:
    """Formulir isian utuh per OPD (seperti peramban), satu pembilang diganti '__NILAI__'."""
    from tests.formulir import isi_formulir

    out = []
    for path in paths:
        st, html = _req(port, "GET", path, jar)
        if st != 200:
            sys.exit(f"{path}: status {st}")
        form = isi_formulir(html, "isian")
        p_key = next(k for k in form if k.startswith("p-"))
        # versi tidak dikirim: setiap permintaan benar-benar menulis (tanpa tolakan konkurensi);
        # sidik dikirim: baris lain tidak ditulis ulang, seperti simpanan peramban biasa
        form = {k: v for k, v in form.items() if not k.startswith("v-")}
        form[p_key] = "__NILAI__"
        # penyebut 10.000 dan pembilang 1–9.000: persen wajar (0–90%); nilai yang jauh dari
        # targetnya ditegaskan dengan alasan (sakip.core.wajar), seperti pengisi sungguhan
        form[p_key.replace("p-", "q-")] = "10000"
        form[p_key.replace("p-", "y-")] = "on"
        form[p_key.replace("p-", "c-")] = "uji beban"
        form["csrfmiddlewaretoken"] = jar["csrftoken"]
        out.append((path, urllib.parse.urlencode(form)))
    return out


def lua_post(pairs: list[tuple[str, str]], jar: dict, port: int) -> str:
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    items = ",\n".join(f"{{{json.dumps(p)}, {json.dumps(b)}}}" for p, b in pairs)
    return (
        f"local badan = {{\n{items}\n}}\n"
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Cookie"] = {json.dumps(cookie)}\n'
        f'wrk.headers["Referer"] = "http://127.0.0.1:{port}/"\n'
        "request = function()\n"
        "  local b = badan[math.random(#badan)]\n"
        '  local isi = string.gsub(b[2], "__NILAI__", tostring(math.random(1, 9000)))\n'
        '  return wrk.format("POST", b[1], nil, isi)\n'
        "end\n"
    )


def jalankan_wrk(
    url: str, lua: str, harap: int, koneksi: int, detik: int, cookie: str | None
) -> dict:
    """Satu skenario wrk; setiap jawaban selain ``harap`` (200/302) dihitung galat."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(lua + LUA_UMUM.replace("HARAP", str(harap)))
        script = f.name
    cmd = ["wrk", "-t2", f"-c{koneksi}", f"-d{detik}s", "--timeout", "30s", "-s", script]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    run = subprocess.run(cmd + [url], capture_output=True, text=True)
    if run.returncode:
        sys.exit(f"wrk gagal: {run.stderr or run.stdout}")
    out = run.stdout
    os.unlink(script)
    line = next(x for x in out.splitlines() if x.startswith('{"permintaan"'))
    return json.loads(line)


def _semua_slug(port: int, jar: dict) -> list[str]:
    """Slug semua OPD yang terlihat (API bernomor halaman, 500 per halaman)."""
    out, offset = [], 0
    while True:
        _, daftar = _req(port, "GET", f"/api/opd?limit=500&offset={offset}", dict(jar))
        items = json.loads(daftar)["items"]
        out += [o["slug"] for o in items]
        if len(items) < 500:
            return out
        offset += 500


def tunggu(port: int, proc) -> None:
    batas = time.monotonic() + 120
    while time.monotonic() < batas:
        if proc.poll() is not None:
            sys.exit("server berhenti sebelum siap")
        try:
            if _req(port, "GET", "/sehat/", {})[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit("server tidak siap dalam 120 detik")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--koneksi", type=int, default=16, help="pengguna serentak (koneksi wrk)")
    ap.add_argument("--detik", type=int, default=15, help="lama tiap skenario")
    ap.add_argument("--tahun", type=int, default=2026)
    ap.add_argument("--port", type=int, default=8799)
    ap.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    ap.add_argument("--pemda", default="sintetis-001")
    ap.add_argument(
        "--latar",
        action="store_true",
        help="selama uji beban, satu pekerja membuat LKjIP semua OPD Pemda itu (ZIP) di latar",
    )
    args = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk tidak ditemukan: pasang dengan 'apt-get install wrk'.")
    env = os.environ | {
        "SAKIP_PRODUCTION": "1",
        "SAKIP_SECRET_KEY": secrets.token_urlsafe(50),
        "SAKIP_ALLOWED_HOSTS": "127.0.0.1",
        "SAKIP_CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{args.port}",
        # Uji beban mengukur halaman, bukan masuk dua langkah: akun bench.admin (Admin Pemda)
        # masuk dengan kata sandi saja.
        "SAKIP_2FA_WAJIB": "0",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sakip.cli",
            "serve",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        tunggu(args.port, proc)
        jar = masuk(args.port, "bench.admin", "sakip-bench-2026")
        cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
        base = f"http://127.0.0.1:{args.port}"
        opd = f"{args.pemda}-01"
        t = args.tahun
        slugs = [s for s in _semua_slug(args.port, jar) if s.startswith(args.pemda + "-")]
        paths = [f"/opd/{slug}/{t}/realisasi/tw4/" for slug in slugs]
        pairs = badan_simpan(args.port, jar, [p for p in paths])
        # OPD kecil (nomor 02, 20 indikator) dan besar (nomor 03, 200 indikator) setiap Pemda
        # sintetis (bench/data_skala.py), isian semua tingkat: setiap indikator satu baris formulir
        # (Admin Pemda setiap Pemda sintetis: simpanan tersebar di banyak OPD, seperti sungguhan)
        jar_prov = masuk(args.port, "bench.provinsi", "sakip-bench-2026")
        ukuran = {}
        for no, n in ((2, 20), (3, 200)):
            ps = [
                f"/opd/{s}/{t}/realisasi/tw4/?tingkat=semua"
                for s in _semua_slug(args.port, jar_prov)
                if s.startswith("sintetis-") and s.endswith(f"-{no:02d}")
            ]
            ukuran[n] = (ps[0], badan_simpan(args.port, jar_prov, ps))
        cookie_prov = "; ".join(f"{k}={v}" for k, v in jar_prov.items())
        skenario = [
            ("Tampilan Django minimal (/sehat/)", f"{base}/sehat/", "", 200, None),
            # lantai halaman bersesi: sesi + pengguna + satu kueri hitung, tanpa templat halaman
            ("Minimal bersesi (lencana)", f"{base}/pemberitahuan/jumlah/", "", 200, cookie),
            ("Dasbor OPD", f"{base}/opd/{opd}/{t}/", "", 200, cookie),
            ("Dasbor Pemda", f"{base}/pemda/{args.pemda}/{t}/", "", 200, cookie),
            ("Halaman isian realisasi", f"{base}/opd/{opd}/{t}/realisasi/tw4/", "", 200, cookie),
            ("Simpan realisasi (POST)", base, lua_post(pairs, jar, args.port), 302, None),
        ]
        for n, (contoh, badan) in ukuran.items():
            skenario += [
                (f"Halaman isian, {n} indikator", base + contoh, "", 200, cookie_prov),
                (f"Simpan, {n} indikator", base, lua_post(badan, jar_prov, args.port), 302, None),
            ]
        print(
            f"Uji beban: {args.koneksi} koneksi serentak × {args.detik} detik per skenario, "
            f"gunicorn {args.workers} worker, wrk 2 utas, loopback; basis data "
            f"{'PostgreSQL' if os.environ.get('DATABASE_URL', '').startswith('postgres') else 'SQLite'}; "
            "tembolok bersama "
            + (
                f"Redis ({os.environ['SAKIP_REDIS_URL']})"
                if os.environ.get("SAKIP_REDIS_URL")
                else "berkas satu mesin (tanpa SAKIP_REDIS_URL)"
            )
        )
        pekerja = tugas_id = None
        if args.latar:
            pekerja, tugas_id, mulai_latar = _mulai_latar(env, args.pemda, t)
        hasil = []
        for nama, url, lua, harap, ck in skenario:
            _req(args.port, "GET", url.replace(base, "") or "/sehat/", dict(jar))  # pemanasan
            r = jalankan_wrk(url, lua, harap, args.koneksi, args.detik, ck)
            r["nama"] = nama
            r["galat"] = sum(r[k] for k in r if k.startswith("galat_"))
            hasil.append(r)
        dasar, sesi = hasil[0], hasil[1]
        kepala = f"{'Skenario':36} {'req/dtk':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'galat':>6} {'p50 ×min':>9} {'p95 ×min':>9} {'p95 ×sesi':>10}"
        print(kepala)
        print("-" * len(kepala))
        for r in hasil:
            rps = r["permintaan"] / r["detik"]
            print(
                f"{r['nama']:36} {rps:9.1f} {r['p50']:8.1f} {r['p95']:8.1f} {r['p99']:8.1f} "
                f"{r['galat']:6d} {r['p50'] / dasar['p50']:9.1f} {r['p95'] / dasar['p95']:9.1f} "
                f"{r['p95'] / sesi['p95']:10.1f}".replace(".", ",")
            )
        total = sum(r["galat"] for r in hasil)
        print(f"Jumlah galat: {total}")
        if pekerja is not None:
            total += _tunggu_latar(env, pekerja, tugas_id, mulai_latar)
        sys.exit(1 if total else 0)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _sakip(env: dict, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "sakip.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        sys.exit(f"sakip {' '.join(args)}: {out.stderr or out.stdout}")
    return out.stdout


def _mulai_latar(env: dict, pemda: str, tahun: int):
    """Antrekan LKjIP semua OPD (PDF, ZIP) lalu jalankan satu pekerja di sampingnya."""
    tugas_id = _sakip(
        env, "laporan", "lkjip", "--pemda", pemda, "--tahun", str(tahun), "--latar"
    ).strip()
    pekerja = subprocess.Popen(
        [sys.executable, "-m", "sakip.cli", "worker", "--verbosity", "0"],
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )
    print(f"Di latar: LKjIP semua OPD {pemda} {tahun} (tugas {tugas_id[:8]}), 1 pekerja")
    return pekerja, tugas_id, time.monotonic()


def _tunggu_latar(env: dict, pekerja, tugas_id: str, mulai: float) -> int:
    """Tunggu tugas latar selesai; cetak progres saat uji beban berakhir dan lamanya."""
    print("Progres tugas saat uji beban selesai: " + _progres(env, tugas_id))
    while True:
        keadaan = _progres(env, tugas_id)
        if keadaan.startswith(("Selesai", "Gagal")):
            break
        time.sleep(2)
    pekerja.terminate()
    pekerja.wait(timeout=60)
    lama = f"{time.monotonic() - mulai:.1f}".replace(".", ",")
    print(f"Tugas latar: {keadaan} — {lama} detik sejak diantrekan")
    return 0 if keadaan.startswith("Selesai") else 1


def _progres(env: dict, tugas_id: str) -> str:
    out = _sakip(env, "tugas", tugas_id[:8])
    status = next(x for x in out.splitlines() if x.startswith("Status"))
    progres = next(x for x in out.splitlines() if x.startswith("Progres"))
    return f"{status.split(':', 1)[1].strip()} {progres.split(':', 1)[1].strip()}"


if __name__ == "__main__":
    main()
