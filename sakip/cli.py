"""Perintah ``sakip``: pembungkus perintah manajemen Django dengan nama yang mudah.

sakip demo [--no-serve] [--port N]
sakip opd list
sakip import BERKAS
sakip export --opd SLUG --tahun TAHUN [--output BERKAS]
sakip <perintah-django> ...        (mis. sakip migrate, sakip createsuperuser)
"""

from __future__ import annotations

import os
import sys

ALIASES = {"import": "impor", "export": "ekspor"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    from sakip.paths import sakip_home

    home = sakip_home()
    home.mkdir(parents=True, exist_ok=True)
    if not argv or argv[0] in {"-h", "--help", "bantuan"}:
        print(__doc__.strip())
        print(f"\nFolder data (SAKIP_HOME): {home}")
        return
    if argv[0] in ALIASES:
        argv[0] = ALIASES[argv[0]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sakip", *argv])


if __name__ == "__main__":  # pragma: no cover
    main()
