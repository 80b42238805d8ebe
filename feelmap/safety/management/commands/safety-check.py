"""`feelmap safety-check`: run the app's risk-language detector on text from the command line."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from feelmap.safety.detector import check


def _result(text: str) -> dict[str, Any]:
    found = check(text)
    return {"risk": found.risk, "reason": found.reason or None}


class Command(BaseCommand):
    help = (
        "Check text for self-harm or suicide language with the same detector the app uses.\n"
        "Prints {\"risk\": true|false, \"reason\": ...}. With --batch FILE, one text per line "
        "in, one JSON object per line out ('-' reads standard input)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", nargs="?", help="The text to check (quote it).")
        parser.add_argument("--json", action="store_true", help="Print JSON (the default for --batch).")
        parser.add_argument("--batch", metavar="FILE", help="Check every line of FILE.")

    def handle(self, *args: Any, **options: Any) -> None:
        text, batch, as_json = options["text"], options["batch"], options["json"]
        if batch and text is not None:
            raise CommandError("Give either TEXT or --batch FILE, not both.")
        if batch:
            self._batch(batch)
            return
        if text is None:
            raise CommandError("Give the text to check, e.g. feelmap safety-check \"some words\", "
                               "or --batch FILE.")
        result = _result(text)
        if as_json:
            self.stdout.write(_dumps(result))
        elif result["risk"]:
            self.stdout.write(f"risk: yes. {result['reason']}")
        else:
            self.stdout.write("risk: no")

    def _batch(self, path: str) -> None:
        try:
            stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc
        done = flagged = 0
        last = time.monotonic()
        try:
            with stream:
                for line in stream:
                    result = _result(line.rstrip("\r\n"))
                    self.stdout.write(_dumps(result))
                    done += 1
                    flagged += result["risk"]
                    if time.monotonic() - last > 0.5:
                        last = time.monotonic()
                        self.stderr.write(f"\rchecked {done} lines", ending="")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not UTF-8 text (after line {done}).") from exc
        self.stderr.write(f"\rchecked {done} lines, {flagged} with risk language")


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False)
