"""The `feelmap` command: `serve` runs the app; every other command is a Django management
command of one of Feelmap's apps, so the web app and the command line share one code path."""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
import threading
import webbrowser
from pathlib import Path
from typing import NoReturn

EXTRA_DJANGO_COMMANDS = {
    "migrate": "Apply database changes (serve does this by itself).",
    "check": "Check the configuration; add --deploy for a clinic's security checklist.",
    "shell": "Open a Python shell with Feelmap loaded.",
    "collectstatic": "Copy static files to FEELMAP_STATIC_ROOT for a reverse proxy (clinic mode).",
}


def _take_data_dir(argv: list[str]) -> list[str]:
    """Accept --data-dir anywhere on the line; it must be known before settings load."""
    out: list[str] = []
    it = iter(argv)
    for arg in it:
        if arg == "--data-dir":
            value = next(it, None)
            if value is None:
                _fail("--data-dir needs a folder, e.g. --data-dir ~/feelmap-data")
            os.environ["FEELMAP_DATA_DIR"] = str(Path(value).expanduser().resolve())
        elif arg.startswith("--data-dir="):
            os.environ["FEELMAP_DATA_DIR"] = str(Path(arg.split("=", 1)[1]).expanduser().resolve())
        else:
            out.append(arg)
    return out


def _fail(message: str, code: int = 2) -> NoReturn:
    print(f"feelmap: {message}", file=sys.stderr)
    raise SystemExit(code)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "feelmap.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        _fail(f"the configuration is incomplete: {exc}")


# Commands that read or write accounts and data. On a person's own computer they bring the
# database up to date first, as serve does, so `feelmap demo` works before the first serve
# and after an upgrade. A clinic applies changes deliberately with `feelmap migrate`.
NEEDS_DATABASE = {"demo", "createuser", "token", "invite", "password", "worker", "export",
                  "import", "two-step", "rotate-key"}


def _prepare_local_database() -> None:
    from django.conf import settings
    from django.core.management import call_command

    if not settings.CLINIC:
        call_command("migrate", interactive=False, verbosity=0)


def _feelmap_commands() -> dict[str, str]:
    """Every command Feelmap's own apps define, with the first line of its help."""
    from django.core.management import get_commands, load_command_class

    found: dict[str, str] = {}
    for name, app in sorted(get_commands().items()):
        if app.startswith("feelmap.") or name in EXTRA_DJANGO_COMMANDS:
            if name in EXTRA_DJANGO_COMMANDS:
                found[name] = EXTRA_DJANGO_COMMANDS[name]
            else:
                text = (load_command_class(app, name).help or "").strip()
                found[name] = text.splitlines()[0] if text else ""
    return found


def print_help() -> None:
    _setup_django()
    commands = {"serve": "Run Feelmap on this computer and open it in the browser."}
    commands.update(_feelmap_commands())
    width = max(len(name) for name in commands) + 2
    print("usage: feelmap [--data-dir DIR] COMMAND [options]\n")
    print("Sense, name, say, share: daily practice for knowing and saying what you feel.\n")
    print("commands:")
    for name, text in commands.items():
        print(f"  {name.ljust(width)}{text}")
    print("\nRun 'feelmap COMMAND --help' for a command's options.")


def _check_data_dir_writable() -> Path:
    from feelmap.lib.env import data_dir, private_dir

    folder = data_dir()
    try:
        private_dir(folder)  # 0700 on POSIX: only this account can read it
        probe = folder / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        _fail(
            f"cannot write to the data folder {folder} ({exc.strerror or exc}). "
            "Choose a folder you can write to with --data-dir DIR or FEELMAP_DATA_DIR."
        )
    return folder


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        if os.name == "posix":
            # As the server itself does: connections left in TIME_WAIT by a crash or a kill
            # must not keep Feelmap from starting again at once.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                _fail(
                    f"port {port} on {host} is already in use. Stop the other program, "
                    "or choose another port with --port N."
                )
            _fail(f"cannot listen on {host}:{port} ({exc.strerror or exc}).")


def serve(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="feelmap serve", description="Run Feelmap on this computer.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-browser", action="store_true", help="Don't open a browser window.")
    parser.add_argument("--threads", type=int, default=8, help="Worker threads (default 8).")
    args = parser.parse_args(argv)
    if not 0 < args.port < 65536:
        _fail("--port must be between 1 and 65535.")

    # The same rule as settings.py: FEELMAP_MODE if set, else clinic when DATABASE_URL is set.
    mode = os.environ.get("FEELMAP_MODE") or ("clinic" if os.environ.get("DATABASE_URL") else "local")
    if mode == "clinic":
        # waitress drops the proxy's X-Forwarded-Proto, so behind an HTTPS proxy every request
        # looks like plain http: an endless redirect, and login throttling counts the proxy's
        # address for everyone. A clinic runs gunicorn, which the README describes.
        _fail(
            "'feelmap serve' is for one person's own computer and does not run in clinic mode. "
            "Behind your HTTPS proxy, run gunicorn instead, e.g. "
            "'gunicorn feelmap.wsgi --workers 4 --bind 127.0.0.1:8001' "
            "(README.md, 'Clinic deployment')."
        )
    folder = _check_data_dir_writable()
    print(f"Your data folder: {folder}", file=sys.stderr)
    _check_port_free(args.host, args.port)
    if args.host not in {"127.0.0.1", "localhost", "::1"} and not os.environ.get(
        "FEELMAP_ALLOWED_HOSTS"
    ):
        _fail("to listen beyond this computer, set FEELMAP_ALLOWED_HOSTS to the host names to answer.")

    _setup_django()
    from django.core.management import call_command

    print("Preparing the database…", file=sys.stderr)
    call_command("migrate", interactive=False, verbosity=0)

    from waitress.server import create_server

    from feelmap.wsgi import application

    try:
        server = create_server(application, host=args.host, port=args.port, threads=args.threads)
    except OSError as exc:
        _fail(f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc}).")
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{shown_host}:{args.port}/"
    print(f"Feelmap is running at {url}  (press Ctrl+C to stop)", file=sys.stderr)
    if not args.no_browser:
        # The socket is already listening, so the browser's first request simply waits.
        threading.Timer(0.3, webbrowser.open, args=[url]).start()
    try:
        server.run()
    except KeyboardInterrupt:
        print("\nFeelmap stopped. Your data is saved.", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    argv = _take_data_dir(list(sys.argv[1:] if argv is None else argv))
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print_help()
        return
    if argv[0] in {"--version", "version"}:
        from feelmap import __version__

        print(f"feelmap {__version__}")
        return
    command, rest = argv[0], argv[1:]
    if command == "serve":
        serve(rest)
        return
    if command == "suggest":
        # Researchers run this on many files: it needs no database, so skip Django's setup
        # (about 0.7 s of the cold start).
        from feelmap.lexicon.management.suggest_cli import main as suggest_main

        raise SystemExit(suggest_main(rest))
    if command == "heartbeat":
        # Signal processing only: no database, no Django setup.
        from feelmap.heartbeat.management.heartbeat_cli import main as heartbeat_main

        raise SystemExit(heartbeat_main(rest))
    _setup_django()
    from django.core.management import execute_from_command_line

    if command == "manage":
        execute_from_command_line(["feelmap", *rest])
        return
    if command not in _feelmap_commands():
        _fail(f"unknown command {command!r}. Run 'feelmap --help' to see the commands.")
    if command in NEEDS_DATABASE and not any(a in {"-h", "--help"} for a in rest):
        _prepare_local_database()
    execute_from_command_line(["feelmap", command, *rest])


if __name__ == "__main__":
    main()
