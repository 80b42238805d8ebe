"""`feelmap suggest`: emotion words for a text, or for every line of a file.

Nothing here imports Django, so the command can also run without setting Django up (see
``main``), which is most of its cold-start time. The management command wraps ``run``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from typing import Protocol, TextIO


class Output(Protocol):
    """Where answers go: a text stream, or a management command's OutputWrapper."""

    def write(self, text: str, /) -> object: ...

    def flush(self) -> None: ...


class Answer(Protocol):
    def as_dict(self) -> dict[str, object]: ...

MAX_TOP = 20
PROGRESS_EVERY = 500
HELP = "Suggest emotion words for a text (or one text per line of a file), best first."


class UsageError(Exception):
    """A problem with how the command was called; the message says what to do instead."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="*", metavar="TEXT",
                        help="What to find words for; '-' reads it from standard input.")
    parser.add_argument("--top", type=int, default=5, metavar="K",
                        help=f"How many words to suggest (1 to {MAX_TOP}, default 5).")
    parser.add_argument("--json", action="store_true", dest="as_json",
                        help='Print {"suggestions": [...]} as JSON instead of a table.')
    parser.add_argument("--batch", metavar="FILE",
                        help="Read one text per line ('-' for standard input) and print one "
                        "JSON object per line, in the same order.")


def silence_closed_pipe() -> None:
    """The reader went away (e.g. `| head`): stop quietly instead of with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _check(text: list[str], top: int, batch: str | None) -> None:
    if not 1 <= top <= MAX_TOP:
        raise UsageError(f"--top must be between 1 and {MAX_TOP}.")
    if batch is not None and text:
        raise UsageError("give either TEXT or --batch FILE, not both.")
    if batch is None and not text:
        raise UsageError('give a text, e.g. feelmap suggest "my chest is tight", '
                         "or --batch FILE for one text per line.")


def _answer(suggestions: Iterable[Answer]) -> dict[str, list[dict[str, object]]]:
    return {"suggestions": [s.as_dict() for s in suggestions]}


def format_table(answer: dict[str, list[dict[str, object]]]) -> str:
    """A readable table: rank, word, family, score and why."""
    rows = answer["suggestions"]
    if not rows:
        return ("No words to suggest: there was nothing to go on. Try describing what your "
                "body feels, e.g. 'my shoulders are tense'.")
    width = max(len(str(r["word"])) for r in rows)
    lines = [f"{'':>3} {'word'.ljust(width)}  {'family':<9} {'score':>5}  why"]
    for i, r in enumerate(rows, 1):
        lines.append(f"{i:>2}. {str(r['word']).ljust(width)}  {r['family']!s:<9} "
                     f"{r['score']:>5.2f}  {r['why']}")
    return "\n".join(lines)


def _open(path: str, stdin: TextIO) -> TextIO:
    if path == "-":
        return stdin
    try:
        return open(path, encoding="utf-8", errors="replace")  # noqa: SIM115 - closed by caller
    except FileNotFoundError:
        raise UsageError(f"cannot read {path}: there is no such file. Check the path.") from None
    except IsADirectoryError:
        raise UsageError(f"cannot read {path}: it is a folder, not a file.") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}.") from None


def run_batch(lines: Iterable[str], top: int, out: Output, err: Output) -> int:
    """One JSON object per input line, in order; the engine is loaded once."""
    from feelmap.lexicon.suggest import get_engine

    engine = get_engine()
    count = 0
    for count, line in enumerate(lines, 1):
        text = line.rstrip("\r\n")
        found = engine.suggest(text, top=top) if text.strip() else []
        out.write(json.dumps(_answer(found), ensure_ascii=False) + "\n")
        if count % PROGRESS_EVERY == 0:
            err.write(f"{count:,} lines done…\n")
            err.flush()
    err.write(f"Suggested words for {count:,} line{'s' if count != 1 else ''}.\n")
    return count


def run(text: list[str], *, top: int, as_json: bool, batch: str | None,
        stdin: TextIO, out: Output, err: Output) -> None:
    """The whole command; raises UsageError with a message for the person."""
    _check(text, top, batch)
    if batch is not None:
        source = _open(batch, stdin)
        try:
            run_batch(source, top, out, err)
        finally:
            if source is not stdin:
                source.close()
        return
    joined = stdin.read() if text == ["-"] else " ".join(text)
    from feelmap.lexicon.suggest import get_engine

    answer = _answer(get_engine().suggest(joined, top=top))
    if as_json:
        out.write(json.dumps(answer, ensure_ascii=False) + "\n")
    else:
        out.write(format_table(answer) + "\n")


def main(argv: list[str]) -> int:
    """Entry point without Django, for a fast `feelmap suggest`."""
    parser = argparse.ArgumentParser(prog="feelmap suggest", description=HELP)
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        run(args.text, top=args.top, as_json=args.as_json, batch=args.batch,
            stdin=sys.stdin, out=sys.stdout, err=sys.stderr)
    except UsageError as exc:
        print(f"feelmap suggest: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        silence_closed_pipe()
        return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
