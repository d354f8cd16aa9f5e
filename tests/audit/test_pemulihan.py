"""Pemulihan sebagai pemulihan bencana, dengan proses sungguhan tanpa terminal: ke mesin baru (folder
data kosong / basis data PostgreSQL kosong), SQLite ⇄ PostgreSQL, dari skema lama ke skema baru;
cadangan rusak atau asing ditolak dan data yang ada tidak berubah."""

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from sakip.paths import SEEDS_DIR
from tests.conftest import jalankan_sakip

BUKTI = b"%PDF-1.4 bukti dukung uji\n"


def _isi(path: Path) -> dict:
    return json.loads(zipfile.ZipFile(path).read("sakip-cadangan.json"))


@pytest.fixture(scope="module")
def sumber(basis_data_modul, tmp_path_factory):
    """Mesin lama (data demo + satu unggahan) dan cadangannya, dibuat sekali per modul dan per mesin
    basis data: setiap tes memulihkan salinan yang sama ke mesin barunya sendiri. Tes yang memakai
    mesin lama itu sendiri hanya membaca darinya (penolakan cadangan rusak tidak mengubahnya)."""
    dibuat: dict = {}

    def ambil(mesin=None) -> tuple[dict, Path]:
        if mesin not in dibuat:
            dibuat[mesin] = _sumber(basis_data_modul, tmp_path_factory.mktemp("sumber"), mesin)
        return dibuat[mesin]

    return ambil


def _sumber(basis_data_baru, tmp_path, mesin=None) -> tuple[dict, Path]:
    """Mesin lama: data demo + satu berkas unggahan, lalu cadangan."""
    env = basis_data_baru(mesin)
    jalankan_sakip(env, "demo", "--no-serve")
    media = Path(env["SAKIP_HOME"]) / "media" / "bukti" / "2022"
    media.mkdir(parents=True)
    (media / "tpt.pdf").write_bytes(BUKTI)
    path = tmp_path / f"cadangan-{mesin or 'kini'}.zip"
    out = jalankan_sakip(env, "backup", str(path))
    assert "Cadangan ditulis" in out.stdout
    return env, path


def _pulihkan_dan_bandingkan(basis_data_baru, tmp_path, path: Path, mesin=None) -> dict:
    """Pulihkan ke mesin baru yang kosong; cadangkan lagi; setiap baris dan berkas harus sama."""
    env = basis_data_baru(mesin)
    out = jalankan_sakip(env, "restore", "--ya", str(path))
    assert "Dipulihkan" in out.stdout and "1 berkas" in out.stdout
    again = tmp_path / f"ulang-{mesin or 'kini'}.zip"
    jalankan_sakip(env, "backup", str(again))
    before, after = _isi(path), _isi(again)
    assert before["migrasi"] == after["migrasi"]
    for label in before["data"]:
        assert before["data"][label] == after["data"][label], label
    assert sum(len(v) for v in after["data"].values()) > 1500
    media = Path(env["SAKIP_HOME"]) / "media" / "bukti" / "2022" / "tpt.pdf"
    assert media.read_bytes() == BUKTI
    opd = jalankan_sakip(env, "opd", "list").stdout
    assert "disnaker-denpasar" in opd and "disnaker-klungkung" in opd
    # aplikasi bekerja di atasnya: baris baru mendapat id baru (urutan PostgreSQL disetel ulang)
    jalankan_sakip(env, "token", "buat", "--user", "operator.disnaker")
    return env


def test_restore_onto_a_new_machine_gives_back_every_row_and_file(
    basis_data_baru, tmp_path, sumber
):
    _, path = sumber()
    _pulihkan_dan_bandingkan(basis_data_baru, tmp_path, path)


@pytest.mark.parametrize("dari,ke", [("sqlite", "postgres"), ("postgres", "sqlite")])
def test_restore_across_database_engines(basis_data_baru, tmp_path, dari, ke, sumber):
    _, path = sumber(dari)
    assert _isi(path)["mesin"] == {"sqlite": "sqlite", "postgres": "postgresql"}[dari]
    _pulihkan_dan_bandingkan(basis_data_baru, tmp_path, path, ke)


def test_backup_of_an_older_schema_restores_into_the_newer_one(basis_data_baru, tmp_path):
    """Cadangan dibuat sebelum migrasi audit 0002 (kolom keterangan, aksi keamanan akun): dimuat
    pada skema lamanya, lalu dimigrasikan ke skema sekarang."""
    env = basis_data_baru()
    jalankan_sakip(env, "demo", "--no-serve")
    jalankan_sakip(env, "migrate", "audit", "0001_initial")
    old = tmp_path / "lama.zip"
    jalankan_sakip(env, "backup", str(old))
    isi = _isi(old)
    assert ["audit", "0001_initial"] in isi["migrasi"]
    assert ["audit", "0002_keamanan_akun"] not in isi["migrasi"]
    jejak = isi["data"]["audit.JejakAudit"]
    assert len(jejak) > 100 and all("keterangan" not in r["fields"] for r in jejak)

    baru = basis_data_baru()
    out = jalankan_sakip(baru, "restore", "--ya", str(old))
    assert f"Dipulihkan: {sum(len(v) for v in isi['data'].values())} baris" in out.stdout
    now = tmp_path / "baru.zip"
    jalankan_sakip(baru, "backup", str(now))
    after = _isi(now)
    assert ["audit", "0002_keamanan_akun"] in after["migrasi"]
    rows = after["data"]["audit.JejakAudit"]
    assert [r["pk"] for r in rows] == [r["pk"] for r in jejak]
    for a, b in zip(jejak, rows, strict=True):
        assert b["fields"].pop("keterangan") == ""
        assert a == b
    for label, data in isi["data"].items():
        assert after["data"][label] == data or label == "audit.JejakAudit", label


def test_format_1_backups_still_restore(basis_data_baru, tmp_path, sumber):
    """Cadangan versi sebelumnya (format 1, tanpa daftar migrasi) dipulihkan pada skema format itu."""
    env, path = sumber()
    isi = _isi(path)
    lama = {
        "format": "sakip-cadangan 1",
        "data": {
            k: v
            for k, v in isi["data"].items()
            if k not in ("contenttypes.ContentType", "auth.Permission", "auth.Group")
            and not k.startswith(
                (
                    "otp_",
                    "rpjmd.",
                    "organisations.Jabatan",
                    "evaluation.",
                    "review.JalannyaReviu",
                    "review.LaporanTercetak",
                    "audit.VersiData",  # versi data (audit 0003)
                    "measurement.RingkasanOpd",  # ringkasan per OPD (measurement 0008)
                    "planning.Nomenklatur",  # nomenklatur berversi (planning 0007-0008)
                    "planning.KodeLuarNomenklatur",
                    "planning.RenstraVersi",  # penetapan Renstra (planning 0009)
                    "budget.PaguVersi",  # versi pagu DPA/DPPA (budget 0004)
                    "budget.PaguBaris",
                    "budget.PemetaanDPA",
                    "planning.Crosscutting",  # pohon kinerja (planning 0013)
                    "reporting.NarasiPemda",  # LKjIP Pemda (reporting 0005)
                    "reporting.PersetujuanLkjipPemda",
                )
            )
        },
    }
    BERHENTI = ("berhenti_tahun", "alasan_berhenti")
    # medan yang ditambahkan sesudah format 1 (lapisan Pemda: RPJMD, jabatan, keselarasan)
    sesudah = {
        "organisations.Pemda": ["kepala_daerah_nama"],
        "organisations.Keanggotaan": ["jabatan"],
        "planning.Tujuan": ["sasaran_rpjmd"],
        "planning.Sasaran": ["sasaran_rpjmd"],
        # berhenti mulai tahun, dengan alasan (planning 0010)
        # pernyataan kinerja (planning 0013)
        "planning.Program": ["program_rpjmd", "jabatan", *BERHENTI, "kinerja"],
        "planning.Kegiatan": ["jabatan", *BERHENTI, "kinerja"],
        "planning.SubKegiatan": ["jabatan", *BERHENTI, "kinerja"],
        "planning.Indikator": [  # rentang nilai wajar (planning 0011)
            "indikator_rpjmd",
            "indikator_induk",
            *BERHENTI,
            "batas_bawah",
            "batas_atas",
        ],
        "planning.PerjanjianKinerja": ["jabatan"],
        "review.TemuanReviu": ["sumber"],  # reviu laporan tercetak (review 0005)
        "planning.Renstra": [  # alur penetapan dan Renstra Perubahan (planning 0009)
            "status",
            "alasan",
            "diajukan_oleh",
            "diajukan_pada",
            "diputuskan_oleh",
            "diputuskan_pada",
            "perubahan_ke",
            "alasan_perubahan",
        ],
    }
    for label, fields in sesudah.items():
        for r in lama["data"].get(label, []):
            for k in fields:
                r["fields"].pop(k)
    for r in lama["data"]["audit.JejakAudit"]:
        r["fields"].pop("keterangan")
    # kolom alur persetujuan bersama (planning 0003, measurement 0005/0006) belum ada di format 1
    alur = ("alasan", "diajukan_oleh", "diajukan_pada", "diputuskan_oleh", "diputuskan_pada")
    for r in lama["data"]["planning.PerjanjianKinerja"]:
        for k in alur:
            r["fields"].pop(k)
    for r in lama["data"].get("measurement.PersetujuanRealisasi", []):
        r["fields"]["diubah_oleh"] = r["fields"]["diputuskan_oleh"] or r["fields"]["diajukan_oleh"]
        for k in alur[1:]:
            r["fields"].pop(k)
    f1 = tmp_path / "format1.zip"
    with zipfile.ZipFile(f1, "w") as z:
        z.writestr("sakip-cadangan.json", json.dumps(lama))
    baru = basis_data_baru()
    jalankan_sakip(baru, "restore", "--ya", str(f1))
    assert "disnaker-klungkung" in jalankan_sakip(baru, "opd", "list").stdout


def test_backup_before_the_shared_workflow_keeps_who_submitted_and_decided(
    basis_data_baru, tmp_path
):
    """Cadangan dari sebelum alur bersama (measurement 0005): 'diubah_oleh' triwulan lama menjadi
    pengaju (diajukan) atau pemutus (disetujui) setelah pemulihan dan migrasi maju."""
    import subprocess
    import sys

    env = basis_data_baru()
    jalankan_sakip(env, "demo", "--no-serve")
    jalankan_sakip(env, "migrate", "measurement", "0004_ringkasan_capaian")
    kode = (
        "import django; django.setup();"
        "from django.db import connection;"
        "from django.contrib.auth.models import User;"
        "from sakip.organisations.models import PerangkatDaerah as P;"
        "o=P.objects.get(slug='disnaker-denpasar').pk;"
        "op=User.objects.get(username='operator.disnaker').pk;"
        "kp=User.objects.get(username='kepala.disnaker').pk;"
        "c=connection.cursor();"
        "q='INSERT INTO measurement_persetujuanrealisasi (opd_id,tahun,triwulan,status,alasan,"
        "diubah_oleh_id,diubah_pada) VALUES (%s,2022,%s,%s,%s,%s,%s)';"
        "c.execute(q,[o,1,'disetujui','',kp,'2022-04-10 09:00:00+00:00']);"
        "c.execute(q,[o,2,'diajukan','',op,'2022-07-10 09:00:00+00:00'])"
    )
    subprocess.run(
        [sys.executable, "-c", kode], env=env, check=True, stdin=subprocess.DEVNULL, timeout=120
    )
    old = tmp_path / "sebelum-alur.zip"
    jalankan_sakip(env, "backup", str(old))
    isi = _isi(old)
    assert ["measurement", "0005_alur_bersama"] not in isi["migrasi"]
    lama = {r["fields"]["triwulan"]: r for r in isi["data"]["measurement.PersetujuanRealisasi"]}
    assert "diubah_oleh" in lama[1]["fields"]

    baru = basis_data_baru()
    jalankan_sakip(baru, "restore", "--ya", str(old))
    now = tmp_path / "sesudah-alur.zip"
    jalankan_sakip(baru, "backup", str(now))
    after = _isi(now)
    assert ["measurement", "0006_alur_bersama_status"] in after["migrasi"]
    users = {r["fields"]["username"]: r["pk"] for r in after["data"]["auth.User"]}
    st = {
        r["fields"]["triwulan"]: r["fields"]
        for r in after["data"]["measurement.PersetujuanRealisasi"]
    }
    assert st[1]["status"] == "disetujui" and st[1]["diputuskan_oleh"] == users["kepala.disnaker"]
    assert st[1]["diputuskan_pada"].startswith("2022-04-10")
    assert st[2]["status"] == "diajukan" and st[2]["diajukan_oleh"] == users["operator.disnaker"]
    assert st[2]["diputuskan_oleh"] is None and "diubah_oleh" not in st[2]


def _sidik(env) -> str:
    """Sidik seluruh data: isi cadangan tanpa waktu pembuatannya."""
    path = Path(env["SAKIP_HOME"]) / "sidik.zip"
    jalankan_sakip(env, "backup", str(path))
    isi = _isi(path)
    path.unlink()
    return hashlib.sha256(json.dumps([isi["migrasi"], isi["data"]]).encode()).hexdigest()


def _zip(tmp_path, name, members: dict) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        for k, v in members.items():
            z.writestr(k, v)
    return path


def test_bad_backups_are_refused_and_existing_data_untouched(basis_data_baru, tmp_path, sumber):
    env, path = sumber()
    sebelum = _sidik(env)
    raw = path.read_bytes()
    isi = _isi(path)

    # tanpa --ya dan tanpa terminal: menolak dan menyebut --ya
    out = jalankan_sakip(env, "restore", str(path), ok=False)
    assert out.returncode != 0 and "--ya" in out.stderr

    rusak = tmp_path / "rusak.zip"  # satu bita di tengah isi terkompresi dibalik → CRC tidak cocok
    data = bytearray(raw)
    data[len(data) // 3] ^= 0xFF
    rusak.write_bytes(bytes(data))
    terpotong = tmp_path / "terpotong.zip"
    terpotong.write_bytes(raw[: len(raw) // 2])
    asing = _zip(tmp_path, "asing.zip", {"laporan.docx": b"PK bukan cadangan"})
    bukan_json = _zip(tmp_path, "bukan-json.zip", {"sakip-cadangan.json": b"\xff\xfe{"})
    baru = dict(isi, migrasi=isi["migrasi"] + [["audit", "0099_dari_masa_depan"]])
    lebih_baru = _zip(tmp_path, "lebih-baru.zip", {"sakip-cadangan.json": json.dumps(baru)})
    yatim = json.loads(json.dumps(isi))
    yatim["data"]["organisations.Pemda"] = []  # OPD merujuk Pemda yang tidak ada
    tanpa_induk = _zip(tmp_path, "tanpa-induk.zip", {"sakip-cadangan.json": json.dumps(yatim)})
    salah_nilai = json.loads(json.dumps(isi))
    salah_nilai["data"]["budget.Anggaran"][0]["fields"]["pagu"] = "seribu"
    nilai = _zip(tmp_path, "salah-nilai.zip", {"sakip-cadangan.json": json.dumps(salah_nilai)})
    jalur = _zip(
        tmp_path,
        "jalur.zip",
        {"sakip-cadangan.json": json.dumps(isi), "media/../../luar.txt": b"x"},
    )
    # nama di luar media/ tidak lagi dilewati diam-diam: seluruh cadangan ditolak (issue 27)
    keluar = _zip(
        tmp_path,
        "keluar.zip",
        {"sakip-cadangan.json": json.dumps(isi), "../luar.txt": b"x"},
    )
    mutlak = _zip(
        tmp_path,
        "mutlak.zip",
        {"sakip-cadangan.json": json.dumps(isi), "/tmp/sakip-mutlak.txt": b"x"},
    )
    bom = tmp_path / "bom.zip"
    with zipfile.ZipFile(bom, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("sakip-cadangan.json", json.dumps(isi))
        with z.open("media/bom.bin", "w", force_zip64=True) as f:
            for _ in range(8):
                f.write(bytes(2**20 * 2))  # 16 MB nol: ±1.000 kali termampatkan
    tidak_ada = tmp_path / "tidak-ada.zip"
    cases = {
        keluar: "nama berkas tidak sah",
        mutlak: "nama berkas tidak sah",
        bom: "mengembang",
        rusak: "rusak",
        terpotong: "bukan berkas cadangan sakip",
        asing: "bukan berkas cadangan sakip",
        bukan_json: "bukan JSON",
        lebih_baru: "versi sakip yang lebih baru",
        tanpa_induk: "tidak utuh",
        nilai: "budget.Anggaran baris",
        jalur: "nama berkas tidak sah",
        tidak_ada: "tidak ditemukan",
    }
    for bad, pesan in cases.items():
        out = jalankan_sakip(env, "restore", "--ya", str(bad), ok=False)
        assert out.returncode == 1, (bad.name, out.stdout, out.stderr)
        assert pesan in out.stderr and "tidak diubah" in out.stderr, (bad.name, out.stderr)
    assert _sidik(env) == sebelum
    assert not (tmp_path.parent / "luar.txt").exists()
    media = Path(env["SAKIP_HOME"]) / "media" / "bukti" / "2022" / "tpt.pdf"
    assert media.read_bytes() == BUKTI


def test_restore_replaces_existing_data_whole(basis_data_baru, tmp_path, sumber):
    """Memulihkan ke mesin yang sudah berisi data lain: yang lama hilang seluruhnya."""
    _, path = sumber()
    env = basis_data_baru()
    jalankan_sakip(env, "import", str(SEEDS_DIR / "denpasar-2022.yaml"))
    (Path(env["SAKIP_HOME"]) / "media").mkdir()
    (Path(env["SAKIP_HOME"]) / "media" / "lama.txt").write_text("lama")
    jalankan_sakip(env, "restore", "--ya", str(path))
    assert not (Path(env["SAKIP_HOME"]) / "media" / "lama.txt").exists()
    assert "disnaker-klungkung" in jalankan_sakip(env, "opd", "list").stdout
    assert _sidik(env) != ""
