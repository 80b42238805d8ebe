"""`feelmap heartbeat analyze FILE`: beats, rate and signal quality of a recorded file.

Nothing here imports Django, so `feelmap heartbeat` runs without setting Django up; the
management command wraps ``run`` so the command also shows in `feelmap --help`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Protocol

from ..analysis import analyze_recording
from ..files import KINDS, Kind, RecordingError, parse_recording

HELP = "Find heartbeats in a recorded file (PPG, ECG or RR intervals): beats, rate, quality."
MAX_BYTES = 200 * 1024 * 1024


class Writer(Protocol):
    def write(self, msg: str, /) -> object: ...


class UsageError(Exception):
    """A problem with how the command was called or with the file; the message says what."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["analyze"], help="What to do (analyze).")
    parser.add_argument("file", metavar="FILE", help="A CSV (header row; optional time column "
                        "in seconds; a ppg, ecg or signal column) or RR intervals in ms, one a line.")
    parser.add_argument("--kind", choices=KINDS, help="What the file holds (default: from the columns).")
    parser.add_argument("--rate", type=float, metavar="HZ", help="Samples per second (or a time column).")
    parser.add_argument("--start", type=float, metavar="S", help="Start of the window, in seconds.")
    parser.add_argument("--end", type=float, metavar="S", help="End of the window, in seconds.")
    parser.add_argument("--json", action="store_true", dest="as_json", help="Print JSON.")


def run(*, file: str, kind: Kind | None, rate: float | None, start: float | None,
        end: float | None, as_json: bool, out: Writer) -> None:
    path = Path(file)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise UsageError(f"{file} is larger than 200 MB; cut it into shorter recordings.")
        text = path.read_text(encoding="utf-8-sig", errors="strict")
    except FileNotFoundError:
        raise UsageError(f"There is no file {file}.") from None
    except UnicodeDecodeError:
        raise UsageError(f"{file} is not a text file (CSV or one number a line).") from None
    except OSError as exc:
        raise UsageError(f"Cannot read {file}: {exc.strerror or exc}.") from None
    try:
        recording = parse_recording(text, kind=kind, rate=rate)
        result = analyze_recording(recording, start, end).as_dict()
    except (RecordingError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    if as_json:
        out.write(json.dumps(result) + "\n")
        return
    quality = result["quality"]
    assert isinstance(quality, dict)  # nosec B101  # type narrowing in a developer tool
    if result["bpm"] is None:
        out.write(f"No rate shown: {quality['message']}\n")
    else:
        out.write(f"{result['beats']} beats, {result['bpm']} beats a minute. {quality['message']}\n")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="feelmap heartbeat", description=HELP)
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        run(file=args.file, kind=args.kind, rate=args.rate, start=args.start, end=args.end,
            as_json=args.as_json, out=sys.stdout)
    except UsageError as exc:
        print(f"feelmap heartbeat: {exc}", file=sys.stderr)
        return 2
    return 0
