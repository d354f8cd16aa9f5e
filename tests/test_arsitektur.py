"""Susunan kode dijaga tes: urutan lapisan (import-linter, kontrak di pyproject.toml) dan setiap modul
``sakip/`` menyatakan isinya pada baris pertama docstring-nya (docs/arsitektur.md)."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_order_contract_is_kept():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which(
        "lint-imports"
    )
    assert exe, "import-linter tidak terpasang (pip install -e '.[dev]')"
    proc = subprocess.run(
        [exe], cwd=ROOT, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout


def test_every_module_says_what_it_holds_in_its_first_line():
    kosong = []
    for path in sorted((ROOT / "sakip").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        src = path.read_text(encoding="utf-8")
        if not src.strip():
            continue  # __init__.py kosong penanda paket
        doc = ast.get_docstring(ast.parse(src))
        if not doc or not doc.splitlines()[0].strip():
            kosong.append(str(path.relative_to(ROOT)))
    assert not kosong, "modul tanpa baris pertama yang menyatakan isinya: " + ", ".join(kosong)


def test_no_web_url_names_below_the_web_layer():
    """Lapisan di bawah ``sakip/web`` meminta tautan halaman lewat ``sakip.tautan``, bukan nama URL
    ``web:…`` (nama itu milik lapisan web; mengganti halaman tidak boleh mematahkan layanan)."""
    import re

    pola = re.compile(r"""["'](?:f?)web:|f["']web:|reverse\(\s*f?["']web:""")
    langgar = []
    for path in sorted((ROOT / "sakip").rglob("*.py")):
        rel = path.relative_to(ROOT)
        if rel.parts[:2] == ("sakip", "web") or "migrations" in rel.parts:
            continue
        for n, baris in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pola.search(baris):
                langgar.append(f"{rel}:{n}: {baris.strip()}")
    assert not langgar, "nama URL web di bawah lapisan web:\n" + "\n".join(langgar)


def test_every_declared_page_link_resolves(db):
    from sakip import tautan

    contoh = {
        "slug": "disnaker-denpasar",
        "tahun": 2022,
        "tw": 1,
        "jenis": "lkjip",
        "fmt": "pdf",
        "pk": 1,
        "nama": "lkjip-disnaker-denpasar-2022.pdf",
    }
    for halaman, perlu in tautan.HALAMAN.items():
        alamat = tautan.ke(halaman, **{k: contoh[k] for k in perlu})
        assert alamat.startswith("/"), (halaman, alamat)


def test_no_module_over_600_lines():
    """Modul yang dapat dibaca utuh: paling banyak 600 baris (migrasi dikecualikan)."""
    panjang = [
        f"{p.relative_to(ROOT)} ({n} baris)"
        for p in sorted((ROOT / "sakip").rglob("*.py"))
        if "migrations" not in p.parts
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    ]
    assert not panjang, "modul lebih dari 600 baris: " + ", ".join(panjang)
