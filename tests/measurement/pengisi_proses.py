"""Satu pengisi realisasi dalam prosesnya sendiri (dipakai tests/measurement/test_two_processes.py).

    python -m tests.measurement.pengisi_proses USER IND_KODE PEMBILANG PENYEBUT SIAP MULAI

Membuka formulir TW IV Denpasar 2022 (seperti peramban), menulis berkas SIAP, menunggu berkas
MULAI, lalu mengirim isiannya. Mencetak JSON: kode status HTTP dan pesan galat yang tampil."""

import json
import os
import pathlib
import re
import sys
import time

import django


def main() -> None:
    user, kode, p, q, siap, mulai = sys.argv[1:7]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    from sakip.planning.models import Indikator
    from tests.formulir import isi_formulir

    setup_test_environment()
    url = "/opd/disnaker-denpasar/2022/realisasi/tw4/"
    c = Client()
    c.force_login(get_user_model().objects.get(username=user))
    form = isi_formulir(c.get(url).content.decode(), "isian")
    ind = Indikator.objects.get(opd__slug="disnaker-denpasar", kode=kode)
    form |= {f"p-{ind.id}": p, f"q-{ind.id}": q}
    pathlib.Path(siap).write_text(form[f"v-{ind.id}"])
    batas = time.monotonic() + 60
    while not pathlib.Path(mulai).exists():
        if time.monotonic() > batas:
            sys.exit("tidak ada aba-aba mulai")
        time.sleep(0.01)
    resp = c.post(url, form)
    html = resp.content.decode()
    galat = re.findall(r'<div class="galat-medan"[^>]*>([^<]+)', html)
    print(json.dumps({"user": user, "status": resp.status_code, "galat": galat}))


if __name__ == "__main__":
    main()
