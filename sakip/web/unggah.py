"""Satu alur unggah lembar kerja untuk semua halaman: unggah → pratinjau setiap perubahan →
konfirmasi (satu transaksi) atau batal. Pratinjau disimpan di sesi sampai dikonfirmasi."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from sakip.interchange.excel import ExcelError

MAKS_UNGGAHAN = 5 * 1024 * 1024


@dataclass
class Unggahan:
    """Apa yang berbeda antarhalaman: kunci sesi, pembaca, penerap, dan ke mana sesudahnya."""

    kunci: str  # kunci sesi pratinjau, unik per objek yang diunggahi
    baca: Callable[
        [bytes, str], list
    ]  # (isi, nama berkas) → perubahan; ExcelError menyebut lembar/baris/kolom
    sebagai_dict: Callable[[list], Any]  # perubahan → bentuk yang dapat disimpan di sesi
    terapkan: Callable[[Any], int]  # perubahan dari sesi → jumlah yang disimpan (satu transaksi)
    halaman: str  # alamat halaman unggah (pratinjau kosong, galat penerapan)
    hasil: str | None = None  # alamat sesudah disimpan atau dibatalkan (bawaan: halaman)
    pesan_selesai: str = "{n} perubahan dari Excel disimpan."
    pesan_sama: str = "Tidak ada perubahan dibanding data sakip."


def layani(request, u: Unggahan, templat: str, ctx: dict, boleh: bool, tolak: str):
    """Satu view unggah lembar kerja: GET menampilkan halaman (dengan pratinjau yang menunggu),
    POST oleh yang ``boleh`` mengunggah / mengonfirmasi / membatalkan; selain itu 403 ``tolak``."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import render

    ctx = {**ctx, "boleh": boleh, "perubahan": pratinjau(request, u)}
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied(tolak)
        if resp := proses(request, u, ctx):
            return resp
    ctx.setdefault("galat", [])
    return render(request, templat, ctx)


def pratinjau(request, u: Unggahan):
    """Pratinjau yang menunggu konfirmasi (untuk GET)."""
    return request.session.get(u.kunci)


def proses(request, u: Unggahan, ctx: dict) -> HttpResponse | None:
    """Tangani POST halaman unggah (hak pengguna sudah diperiksa pemanggil).

    Mengembalikan pengalihan sesudah konfirmasi/batal, atau ``None`` sesudah unggah: ``ctx``
    kemudian memuat ``galat`` (daftar pesan) dan ``perubahan`` (pratinjau)."""
    ctx.setdefault("galat", [])
    ctx.setdefault("perubahan", pratinjau(request, u))
    hasil = u.hasil or u.halaman
    if "konfirmasi" in request.POST:
        changes = request.session.pop(u.kunci, None)
        if not changes:
            messages.error(request, "Tidak ada pratinjau yang menunggu; unggah berkas lagi.")
            return redirect(u.halaman)
        try:
            n = u.terapkan(changes)
        except ExcelError as exc:
            messages.error(request, " ".join(exc.galat))
            return redirect(u.halaman)
        messages.success(request, u.pesan_selesai.format(n=n))
        return redirect(hasil)
    if "batal" in request.POST:
        request.session.pop(u.kunci, None)
        messages.success(request, "Pratinjau dibatalkan; tidak ada yang disimpan.")
        return redirect(hasil)
    f = request.FILES.get("berkas")
    if f is None:
        ctx["galat"] = ["Pilih berkas .xlsx yang akan diunggah."]
    elif f.size > MAKS_UNGGAHAN:
        ctx["galat"] = ["Berkas terlalu besar (paling besar 5 MB)."]
    else:
        try:
            changes = u.baca(f.read(), (f.name or "berkas.xlsx").rsplit("/", 1)[-1][:120])
        except ExcelError as exc:
            ctx["galat"] = exc.galat
            request.session.pop(u.kunci, None)
            ctx["perubahan"] = None
        else:
            request.session[u.kunci] = u.sebagai_dict(changes)
            ctx["perubahan"] = request.session[u.kunci]
            if not changes:
                messages.success(request, u.pesan_sama)
    return None
