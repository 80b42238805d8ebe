"""PDF report speed: `python bench/pdf.py [--days 30 365 1825]`.

For each size, a throwaway data folder gets `feelmap demo --days N` (three check-ins a day,
every kind); then the demo person's PDF summary is made for the whole period (1 month, 1 year,
5 years) and, for data longer than a year, for its last year, as the person's page and the
care report do (reads + measures + charts + layout). Prints wall and CPU time (these machines
are shared), pages and size. Target: one year of data ≤ 5 s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import demo_folder  # noqa: E402


def _measure(days: int, repeat: int) -> None:
    from django.utils import timezone

    from feelmap.accounts.models import User
    from feelmap.insights.report import Period, summary_pdf

    demo = User.objects.get(username="demo")
    today = timezone.localdate()
    periods = [("whole", Period(today - timedelta(days=days - 1), today))]
    if days > 365:
        periods.append(("last year", Period(today - timedelta(days=364), today)))
    for name, period in periods:
        walls, cpus = [], []
        for _ in range(repeat):
            started, cpu = time.perf_counter(), time.process_time()
            data = summary_pdf(demo, period, made_by="bench")
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
        pages = data.count(b"/Type /Page\n") or data.count(b"/Type /Page")
        print(f"{days:>5} days of data, {name:<9} ({period.days:>4} days): "
              f"best {min(walls):5.2f} s wall, {min(cpus):5.2f} s CPU; worst {max(walls):5.2f} s "
              f"wall  ({pages} pages, {len(data) / 1024:.0f} KB)", flush=True)


def _run_in(folder: Path, days: int, repeat: int) -> None:
    demo_folder.use(folder)
    _measure(days, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, nargs="+", default=[30, 365, 1825])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.folder:
        _run_in(Path(args.folder), args.days[0], args.repeat)
        return
    for days in args.days:
        folder = demo_folder.prepare(days, "pdf")
        # Each size has its own database, so Django is set up in a fresh process per size.
        subprocess.run([sys.executable, __file__, "--days", str(days), "--repeat",
                        str(args.repeat), "--folder", str(folder)], check=True)


if __name__ == "__main__":
    main()
