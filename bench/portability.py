"""Export and re-import speed and memory: `python bench/portability.py [--days 30 1825]`.

For each size, a throwaway data folder gets `feelmap demo --days N` (three check-ins a day);
then, in this process, the demo person is exported to JSON and imported into a new account
(timed without tracing; wall and CPU time, since these machines are shared), and both are
repeated under tracemalloc for the peak of Python
memory. Prints one line per size and step. Targets: each step ≤ 10 s at 1825 days, and export
memory flat in the amount of data (a streamed export does not grow with the years).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import demo_folder  # noqa: E402


def _measure(days: int, folder: Path) -> None:
    from django.db import connections

    from feelmap.accounts.models import User
    from feelmap.portability.exporting import write_json
    from feelmap.portability.importing import import_file

    demo = User.objects.get(username="demo")
    target = folder / "export.json"

    def export() -> None:
        target.unlink(missing_ok=True)
        with target.open("w", encoding="utf-8") as out:
            write_json(demo, out)

    def import_into(name: str) -> int:
        user = User.objects.create_user(username=name)
        with target.open("rb") as stream:
            return import_file(user, stream).total_added

    started, cpu = time.perf_counter(), time.process_time()
    export()
    export_s, export_cpu = time.perf_counter() - started, time.process_time() - cpu
    size = target.stat().st_size
    started, cpu = time.perf_counter(), time.process_time()
    added = import_into("copy1")
    import_s, import_cpu = time.perf_counter() - started, time.process_time() - cpu

    tracemalloc.start()
    export()
    _, export_peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    import_into("copy2")
    _, import_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    connections.close_all()
    print(f"{days:>5} days  file {size / 1e6:7.2f} MB  {added:>6} records  "
          f"export {export_s:5.2f} s wall, {export_cpu:5.2f} s CPU (peak {export_peak / 1e6:6.2f} MB)  "
          f"import {import_s:5.2f} s wall, {import_cpu:5.2f} s CPU (peak {import_peak / 1e6:6.2f} MB)",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, nargs="+", default=[30, 1825])
    args = parser.parse_args()
    for days in args.days:
        folder = demo_folder.prepare(days, "port")
        # Each size has its own database, so Django is set up in a fresh process per size.
        if len(args.days) > 1:
            subprocess.run([sys.executable, __file__, "--days", str(days), "--folder", str(folder)],
                           check=True)
            continue
        _run_in(folder, days)


def _run_in(folder: Path, days: int) -> None:
    demo_folder.use(folder)
    _measure(days, folder)


if __name__ == "__main__":
    if "--folder" in sys.argv:
        p = argparse.ArgumentParser()
        p.add_argument("--days", type=int, nargs="+")
        p.add_argument("--folder")
        a = p.parse_args()
        _run_in(Path(a.folder), a.days[0])
    else:
        main()
