"""Folder data sakip (``SAKIP_HOME``)."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SEEDS_DIR = PACKAGE_DIR / "seeds"


def sakip_home() -> Path:
    """Folder data: ``$SAKIP_HOME``, bawaannya ``~/.sakip``."""
    env = os.environ.get("SAKIP_HOME")
    path = Path(env).expanduser() if env else Path.home() / ".sakip"
    return path.resolve()
