"""A throwaway data folder filled by `feelmap demo`, for bench scripts that measure one size of
data per process (bench/pdf.py, bench/portability.py).

`prepare(days, name)` makes the folder in a child process (the demo person is "demo");
`use(folder)` points this process's Django at it and sets Django up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def prepare(days: int, name: str) -> Path:
    """A new data folder holding `days` days of demo data for the user "demo"."""
    folder = Path(tempfile.mkdtemp(prefix=f"feelmap-bench-{name}-{days}-"))
    env = {**os.environ, "FEELMAP_DATA_DIR": str(folder), "FEELMAP_MODE": "local"}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "feelmap.cli", "demo", "--days", str(days),
                    "--username", "demo"], env=env, check=True, capture_output=True)
    return folder


def use(folder: Path) -> None:
    """Set Django up in this process on the data folder (local mode, its SQLite database)."""
    os.environ["FEELMAP_DATA_DIR"] = str(folder)
    os.environ["FEELMAP_MODE"] = "local"
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "feelmap.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
