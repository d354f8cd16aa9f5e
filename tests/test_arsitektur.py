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
