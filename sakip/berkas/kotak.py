"""Mengurai berkas pengguna di proses anak dengan batas waktu dan memori.

Pengurai (openpyxl, python-docx, pdfplumber, PyYAML) tidak dapat dihentikan dari dalam proses yang
sama: satu berkas yang lolos pemeriksaan arsip tetapi tetap berat (satu baris berisi sejuta sel,
PDF dengan aliran isi raksasa) akan menahan pekerja web selama berapa pun dan memakan memorinya.
Maka fungsi pengurai dijalankan di proses anak (``fork``: tanpa memuat ulang modul), dengan
``RLIMIT_AS`` (memori) dan ``RLIMIT_CPU`` (waktu CPU) di anak, dan batas waktu dinding di induk
yang membunuh anak bila lewat. Yang kembali hanya hasil pengurai (objek sederhana yang di-pickle);
anak tidak menyentuh basis data.

Fungsi yang dijalankan harus fungsi tingkat modul dengan argumen dan hasil yang dapat di-pickle.
Pengecualian :class:`ValueError` (dan turunannya: ExcelError, BacaError, BerkasError…) yang
dilemparkannya dilempar kembali di induk apa adanya."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import time
from dataclasses import dataclass

from . import BerkasError, mb


@dataclass(frozen=True)
class Batas:
    detik: float = 20.0  # waktu dinding (dan CPU) paling lama
    memori: int = 768 * 2**20  # tambahan ruang alamat di atas proses induk (bita)


BAWAAN = Batas()
# ``SAKIP_KOTAK=0`` mematikan proses anak (mis. sistem tanpa fork); batas arsip tetap berlaku.
_AKTIF = os.environ.get("SAKIP_KOTAK", "1") != "0"


def _ruang_alamat() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for baris in f:
                if baris.startswith("VmSize:"):
                    return int(baris.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _anak(kirim, fungsi, args, batas: Batas) -> None:
    try:
        import resource

        ruang = _ruang_alamat()
        if ruang:
            resource.setrlimit(resource.RLIMIT_AS, (ruang + batas.memori, ruang + batas.memori))
        cpu = max(1, int(batas.detik + 0.999))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    except (ImportError, ValueError, OSError):
        pass
    try:
        hasil = ("ok", fungsi(*args))
    except MemoryError:
        hasil = ("memori", None)
    except ValueError as exc:
        hasil = ("galat", exc)
    except RecursionError:
        hasil = ("rusak", "struktur bersarang terlalu dalam")
    except Exception as exc:  # noqa: BLE001 — pengurai pihak ketiga melempar apa saja
        hasil = ("rusak", type(exc).__name__)
    try:
        data = pickle.dumps(hasil, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        data = pickle.dumps(("memori", None))
    except Exception:  # noqa: BLE001 — galat yang tidak dapat di-pickle
        data = pickle.dumps(("rusak", "hasil tidak dapat dikirim"))
    try:
        kirim.send_bytes(data)
    except MemoryError:
        kirim.send_bytes(pickle.dumps(("memori", None)))
    kirim.close()


def aktif() -> bool:
    """Pengurai berjalan di proses anak (``fork`` tersedia dan tidak dimatikan ``SAKIP_KOTAK=0``)."""
    return _AKTIF and "fork" in multiprocessing.get_all_start_methods()


def jalankan(fungsi, *args, nama: str = "berkas", batas: Batas = BAWAAN):
    """``fungsi(*args)`` di proses anak dalam ``batas``; hasilnya, atau :class:`BerkasError`."""
    if not aktif():
        return fungsi(*args)
    return jalankan_banyak(fungsi, [args], nama=nama, batas=batas)[0]


def jalankan_banyak(fungsi, daftar_args: list[tuple], nama: str = "berkas", batas: Batas = BAWAAN):
    """``fungsi(*args)`` untuk setiap ``args``, masing-masing di proses anak sendiri dengan
    ``batas``-nya, serentak (satu per inti); daftar hasilnya menurut urutan ``daftar_args``. Galat
    anak mana pun (batas waktu/memori, berkas rusak, galat pembaca) dilempar; anak lain dihentikan."""
    if not aktif():
        return [fungsi(*args) for args in daftar_args]
    ctx = multiprocessing.get_context("fork")
    anak = []
    mulai = time.monotonic()
    try:
        for args in daftar_args:
            terima, kirim = ctx.Pipe(duplex=False)
            p = ctx.Process(target=_anak, args=(kirim, fungsi, args, batas))
            p.start()
            kirim.close()
            anak.append((p, terima))
        return [_tunggu(p, terima, mulai, nama, batas) for p, terima in anak]
    finally:
        for p, terima in anak:
            terima.close()
            if p.is_alive():
                p.kill()
            p.join(5)


def _tunggu(p, terima, mulai: float, nama: str, batas: Batas):
    data = None
    sisa = max(0.0, mulai + batas.detik + 1 - time.monotonic())
    if terima.poll(sisa):
        try:
            data = terima.recv_bytes()
        except (EOFError, OSError):
            data = None  # anak mati (sinyal dari batas memori/CPU) sebelum mengirim
    if data is None:
        if p.is_alive():
            p.kill()
        p.join(5)
    lama = time.monotonic() - mulai
    if data is None:
        if lama >= batas.detik or p.exitcode in (-9, -24):  # SIGKILL, SIGXCPU
            raise BerkasError(
                f"Berkas '{nama}' ditolak: membacanya memerlukan lebih dari "
                f"{batas.detik:.0f} detik; periksa isinya atau bagi menjadi beberapa berkas."
            )
        raise BerkasError(
            f"Berkas '{nama}' ditolak: membacanya memerlukan lebih dari {mb(batas.memori)} memori."
        )
    status, isi = pickle.loads(data)
    if status == "ok":
        return isi
    if status == "galat":
        raise isi
    if status == "memori":
        raise BerkasError(
            f"Berkas '{nama}' ditolak: membacanya memerlukan lebih dari {mb(batas.memori)} memori."
        )
    raise BerkasError(f"Berkas '{nama}' rusak dan tidak dapat dibaca ({isi}).")
