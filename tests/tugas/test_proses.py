"""Tugas latar dengan proses sungguhan: pekerja yang dimatikan paksa, dua server web + dua pekerja.

Semua proses (``sakip worker``, ``sakip serve``) dijalankan seperti di mesin produksi, pada satu
basis data baru (PostgreSQL di CI; SQLite bila DATABASE_URL bukan PostgreSQL, kecuali tes dua
server web yang memang tentang PostgreSQL bersama)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import jalankan_sakip
from tests.formulir import isi_formulir

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(basis_data_modul):
    env = basis_data_modul()
    if "DATABASE_URL" not in env:
        env["DATABASE_URL"] = f"sqlite:///{env['SAKIP_HOME']}/proses.sqlite3"
    env["SAKIP_TUGAS_BATAS_DETAK"] = "4"
    jalankan_sakip(env, "demo", "--no-serve", timeout=900)
    return env


def _tanya(env: dict, kode: str):
    """Jalankan ``kode`` (yang mengisi ``hasil``) di proses sakip baru; kembalikan hasil JSON-nya."""
    skrip = (
        "import json\nhasil = None\n" + kode + "\nprint('HASIL=' + json.dumps(hasil, default=str))"
    )
    out = jalankan_sakip(env, "shell", "-c", skrip).stdout
    return json.loads(out.split("HASIL=", 1)[1])


def _pekerja(env: dict, id_pekerja: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "sakip.cli", "worker", "--id", id_pekerja, "--detak", "0.5"],
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _henti(p: subprocess.Popen) -> str:
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
    out = p.stdout.read() if p.stdout else ""
    assert "Traceback" not in out, out
    return out


def _keadaan(env: dict, tugas_id: str) -> dict:
    return _tanya(
        env,
        f"""
from sakip.tugas.models import Tugas
t = Tugas.objects.get(pk="{tugas_id}")
hasil = {{"status": t.status, "selesai": t.selesai, "jumlah": t.jumlah, "percobaan": t.percobaan,
         "pesan": t.pesan, "hasil": t.hasil}}
""",
    )


def _tunggu(env, tugas_id, syarat, batas=300):
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        k = _keadaan(env, tugas_id)
        if syarat(k):
            return k
        time.sleep(0.5)
    raise AssertionError(f"tugas {tugas_id} tidak mencapai keadaan yang ditunggu: {k}")


def test_killed_worker_job_is_taken_over_and_not_done_twice(demo):
    env = demo
    tugas_id = jalankan_sakip(
        env, "laporan", "lkjip", "--pemda", "kabupaten-contoh", "--tahun", "2025", "--latar"
    ).stdout.strip()
    assert re.fullmatch(r"[0-9a-f-]{36}", tugas_id), tugas_id
    a = _pekerja(env, "pekerja-a")
    try:
        # LKjIP pertama (dari tiga) tersimpan, lalu pekerja A dimatikan paksa di tengah tugas
        _tunggu(env, tugas_id, lambda k: k["selesai"] >= 1, batas=240)
    finally:
        a.kill()
        a.wait()
    k = _keadaan(env, tugas_id)
    assert k["status"] == "berjalan" and k["percobaan"] == 1, k
    b = _pekerja(env, "pekerja-b")
    try:
        k = _tunggu(env, tugas_id, lambda k: k["status"] in ("selesai", "gagal"), batas=300)
    finally:
        out_b = _henti(b)
    assert k["status"] == "selesai", (k, out_b)
    assert k["percobaan"] == 2
    # LKjIP yang sudah dibuat pekerja A dipakai ulang, bukan dibuat dua kali
    assert k["hasil"]["lkjip"] == 3 and k["hasil"]["dipakai_ulang"] >= 1, k
    akhir = _tanya(
        env,
        f"""
import zipfile
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from sakip.tugas.models import DokumenTersimpan, Tugas
t = Tugas.objects.get(pk="{tugas_id}")
r = DBTaskResult.objects.get(pk=t.hasil_id)
with t.dokumen.berkas.open("rb") as f:
    nama = sorted(zipfile.ZipFile(f).namelist())
ganda = list(DokumenTersimpan.objects.values("kunci_hash").annotate(n=Count("id")).filter(n__gt=1))
hasil = {{"status": r.status, "pekerja": r.worker_ids, "zip": nama, "ganda": ganda,
         "lkjip": DokumenTersimpan.objects.filter(kunci__startswith="opd|lkjip|pdf").count()}}
""",
    )
    assert akhir["status"] == "SUCCESSFUL"
    assert akhir["pekerja"] == ["pekerja-a", "pekerja-b"]
    assert akhir["zip"] == [
        "lkjip-bappeda-contoh-2025.pdf",
        "lkjip-disnaker-contoh-2025.pdf",
        "lkjip-kecamatan-contoh-utara-2025.pdf",
    ]
    assert akhir["ganda"] == [] and akhir["lkjip"] == 3


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Klien:
    """Peramban minimal (cookie + CSRF) untuk satu server web."""

    def __init__(self, port: int):
        import http.cookiejar
        import urllib.request

        self.base = f"http://127.0.0.1:{port}"
        self.jar = http.cookiejar.CookieJar()

        class _TanpaAlih(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *a, **k):
                return None

        self.op = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _TanpaAlih()
        )

    def minta(self, path: str, data: dict | None = None) -> tuple[int, str]:
        import urllib.error
        import urllib.request

        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            req.add_header("Referer", self.base + path)
        try:
            with self.op.open(req, timeout=60) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def pindah(self, port: int) -> None:
        """Permintaan berikutnya ke server lain (kuki 127.0.0.1 ikut: seperti penyeimbang beban)."""
        self.base = f"http://127.0.0.1:{port}"

    def masuk(self, user: str, sandi: str) -> None:
        st, html = self.minta("/masuk/")
        assert st == 200
        st, _ = self.minta(
            "/masuk/", {"username": user, "password": sandi, "csrfmiddlewaretoken": self.csrf()}
        )
        assert st == 302, st


def _produksi(env: dict, **tambahan: str) -> dict:
    """Lingkungan ``sakip serve`` mode produksi di loopback (HTTP, tanpa langkah kedua wajib)."""
    return {
        **env,
        "SAKIP_PRODUCTION": "1",
        "SAKIP_SECRET_KEY": "uji-beberapa-mesin-" + "x" * 40,
        "SAKIP_HTTPS": "0",
        "SAKIP_ALLOWED_HOSTS": "127.0.0.1",
        "SAKIP_2FA_WAJIB": "0",
        **tambahan,
    }


def _serve(env: dict, port: int) -> subprocess.Popen:
    p = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sakip.cli",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    akhir = time.monotonic() + 120
    while time.monotonic() < akhir:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return p
        except OSError:
            assert p.poll() is None, p.stderr.read()
            time.sleep(0.3)
    p.kill()
    raise AssertionError("server web tidak siap")


def test_two_web_processes_and_two_workers_on_one_postgresql(demo):
    env = demo
    if not env["DATABASE_URL"].startswith("postgres"):
        pytest.skip("beberapa mesin berbagi satu PostgreSQL (CI menjalankannya pada PostgreSQL)")
    env = _produksi(env)
    sebelum = _tanya(
        env,
        "from sakip.tugas.models import Tugas\n"
        "hasil = [str(x) for x in Tugas.objects.values_list('pk', flat=True)]",
    )
    ports = [_port(), _port()]
    web = [_serve(env, p) for p in ports]
    kerja = [_pekerja(env, "mesin-1"), _pekerja(env, "mesin-2")]
    try:
        klien = []
        for port in ports:
            k = _Klien(port)
            k.masuk("operator.klungkung", "sakip-demo-2024")
            klien.append(k)
        # tugas: LKjIP semua OPD Kabupaten Contoh (ZIP) lewat web 2, dan dokumen Klungkung
        admin = _Klien(ports[1])
        admin.masuk("admin.contoh", "sakip-demo-2025")
        st, _ = admin.minta("/pemda/kabupaten-contoh/2025/")
        assert st == 200
        st, _ = admin.minta(
            "/pemda/kabupaten-contoh/2025/lkjip-semua/",
            {"format": "docx", "csrfmiddlewaretoken": admin.csrf()},
        )
        assert st == 302  # diantrekan (ZIP PDF tes sebelumnya tersimpan: DOCX belum pernah)
        for jenis, fmt in (("lkjip", "pdf"), ("pengukuran", "docx"), ("pk", "pdf")):
            jalankan_sakip(
                env,
                "laporan",
                jenis,
                "--opd",
                "disnaker-klungkung",
                "--tahun",
                "2024",
                "--format",
                fmt,
                "--latar",
            )

        # sementara itu: dua operator menyimpan realisasi lewat kedua server web, bersamaan
        dikirim: dict[tuple[int, int], str] = {}
        galat: list[str] = []

        def simpan(k: _Klien, urutan: int):
            try:
                for putaran in range(3):
                    for tw in (1, 2, 3, 4):
                        path = f"/opd/disnaker-klungkung/2024/realisasi/tw{tw}/"
                        st, html = k.minta(path)
                        assert st == 200, st
                        form = isi_formulir(html, "isian")
                        kunci = sorted(x for x in form if x.startswith("n-"))[urutan]
                        # nilai wajar (persen 0–100, bulat untuk cacah), ditegaskan bila jauh
                        # dari targetnya (sakip.core.wajar)
                        nilai = f"{10 + putaran * 10 + tw + urutan * 40}"
                        form[kunci] = nilai
                        form[kunci.replace("n-", "y-")] = "on"
                        form[kunci.replace("n-", "c-")] = "uji dua operator"
                        form["csrfmiddlewaretoken"] = k.csrf()
                        st, body = k.minta(path, form)
                        if st != 302:
                            galat.append(f"{path} {kunci}: {st} {body[:300]}")
                        dikirim[(int(kunci[2:]), tw)] = nilai
            except Exception as exc:  # dilaporkan di utas utama
                galat.append(repr(exc))

        utas = [threading.Thread(target=simpan, args=(k, i)) for i, k in enumerate(klien)]
        for u in utas:
            u.start()
        for u in utas:
            u.join(timeout=600)
        assert not galat, galat

        # semua tugas selesai, tepat sekali
        akhir = time.monotonic() + 400
        while time.monotonic() < akhir:
            keadaan = _tanya(
                env,
                "from sakip.tugas.models import Tugas\n"
                f"hasil = list(Tugas.objects.exclude(pk__in={sebelum!r})"
                ".values_list('status', flat=True))",
            )
            if all(s in ("selesai", "gagal") for s in keadaan):
                break
            time.sleep(1)
        ringkas = _tanya(
            env,
            f"SEBELUM = {sebelum!r}\n"
            + """
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from sakip.measurement.models import Realisasi
from sakip.tugas.models import DokumenTersimpan, Tugas
tugas = [
    {"status": t.status, "percobaan": t.percobaan, "judul": t.judul, "pesan": t.pesan,
     "antrean": DBTaskResult.objects.filter(pk=t.hasil_id).values("status", "worker_ids").first()}
    for t in Tugas.objects.exclude(pk__in=SEBELUM)
]
hasil = {
    "tugas": tugas,
    "ganda": list(DokumenTersimpan.objects.values("kunci_hash", "versi_data")
                  .annotate(n=Count("id")).filter(n__gt=1)),
    "realisasi": [[r.indikator_id, r.periode, str(r.nilai)] for r in
                  Realisasi.objects.filter(indikator__opd__slug="disnaker-klungkung", tahun=2024)],
}
""",
        )
    finally:
        keluaran = [_henti(p) for p in kerja]
        for w in web:
            w.terminate()
            w.wait(timeout=30)
    assert len(ringkas["tugas"]) == 4
    for t in ringkas["tugas"]:
        assert t["status"] == "selesai" and t["percobaan"] == 1, (t, keluaran)
        assert t["antrean"]["status"] == "SUCCESSFUL" and len(t["antrean"]["worker_ids"]) == 1, t
        assert t["antrean"]["worker_ids"][0] in ("mesin-1", "mesin-2")
    assert ringkas["ganda"] == []
    # tidak ada simpanan yang hilang: nilai terakhir setiap operator ada di basis data
    di_db = {(i, p): Decimal(v) for i, p, v in ringkas["realisasi"] if v != "None"}
    assert len(dikirim) == 8
    for (ind, tw), nilai in dikirim.items():
        assert di_db[(ind, f"tw{tw}")] == Decimal(nilai.replace(",", ".")), (ind, tw, nilai)
    assert os.environ.get("SAKIP_HOME") != env["SAKIP_HOME"]


def test_two_web_processes_share_sessions_and_dashboards_through_redis(demo):
    """Dua server web dengan SAKIP_REDIS_URL: dasbor bertembolok di server 1 menampilkan realisasi
    yang baru disimpan lewat server 2 pada permintaan berikutnya; keluar lewat server 2 mengakhiri
    sesi yang sama di server 1 seketika."""
    import urllib.error
    import urllib.request
    import uuid

    from tests.conftest import redis_tes

    env = _produksi(
        demo,
        SAKIP_REDIS_URL=redis_tes(),
        SAKIP_REDIS_AWALAN=f"proses-{uuid.uuid4().hex[:8]}",
    )
    ports = [_port(), _port()]
    web = [_serve(env, p) for p in ports]
    try:
        k = _Klien(ports[0])
        k.masuk("operator.klungkung", "sakip-demo-2024")
        dasbor = "/opd/disnaker-klungkung/2024/"
        for _ in range(3):  # dibangun, lalu dari tembolok (kedua worker gunicorn)
            st, html = k.minta(dasbor)
            assert st == 200
        assert "43.21" not in html
        k.pindah(ports[1])
        path = "/opd/disnaker-klungkung/2024/realisasi/tw1/"
        st, form_html = k.minta(path)
        assert st == 200
        form = isi_formulir(form_html, "isian")
        # TPAK versi BPS (persen, target 2024 = 5): nilai wajar yang tidak ada di data demo
        (kunci,) = re.findall(
            r'name="(n-\d+)" value="[^"]*" inputmode="decimal" '
            r'aria-label="Realisasi Tingkat Partisipasi Angkatan Kerja Oleh BPS"',
            form_html,
        )
        form[kunci] = "43,21"
        form["csrfmiddlewaretoken"] = k.csrf()
        st, body = k.minta(path, form)
        assert st == 302, body[:500]
        k.pindah(ports[0])
        for _ in range(2):  # kedua worker server 1
            st, html = k.minta(dasbor)
            assert st == 200 and "43.21" in html

        kuki = "; ".join(f"{c.name}={c.value}" for c in k.jar)
        k.pindah(ports[1])
        st, _ = k.minta("/keluar/", {"csrfmiddlewaretoken": k.csrf()})
        assert st == 302
        # kuki sesi lama (mis. tersalin) di server 1: sudah tidak berlaku
        for _ in range(2):
            req = urllib.request.Request(
                f"http://127.0.0.1:{ports[0]}{path}", headers={"Cookie": kuki}
            )
            lokasi = ""
            try:
                with k.op.open(req, timeout=60) as r:
                    st = r.status
            except urllib.error.HTTPError as e:
                st, lokasi = e.code, e.headers.get("Location", "")
            assert st == 302 and "/masuk/" in lokasi
    finally:
        for p in web:
            p.terminate()
            p.wait(timeout=60)
