"""A real Feelmap server in a child process, for the SIGKILL and fault tests.

SQLite: `feelmap serve` (waitress) on its own data folder, as a person runs it. PostgreSQL:
gunicorn with two workers, as a clinic runs it (README, "Clinic deployment"), on the test
database the suite already made; the test uses `transactional_db` so what the server commits
is visible here, and the suite's keys, so the test process can read what it wrote.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[2]


def on_postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(host: str | None = None, port: int | None = None) -> str:
    """The suite's (test) PostgreSQL database as a URL, optionally through another address."""
    from django.db import connection

    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{host or s['HOST'] or '127.0.0.1'}:{port or s['PORT'] or 5432}/{s['NAME']}"


class AppServer:
    def __init__(self, data_dir: Path, *, database: str | None = None, workers: int = 2,
                 env: dict[str, str] | None = None) -> None:
        from django.conf import settings

        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        base = {k: v for k, v in os.environ.items()
                if not k.startswith(("DJANGO_", "FEELMAP_", "DATABASE_URL"))}
        base.update(FEELMAP_DATA_DIR=str(data_dir), FEELMAP_MODE="local",
                    PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1",
                    FEELMAP_SECRET_KEY=settings.SECRET_KEY,
                    FEELMAP_ENCRYPTION_KEYS=",".join(settings.FEELMAP_ENCRYPTION_KEYS))
        if database:
            base["DATABASE_URL"] = database
        base.update(env or {})
        self.env = base
        self.workers = workers
        self.log = data_dir / "server.log"
        self.kind = ""

    def manage(self, code: str) -> str:
        """Run Python with Django set up against the server's database; returns its stdout."""
        script = ("import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
                  "'feelmap.settings'); django.setup()\n" + code)
        done = subprocess.run([sys.executable, "-c", script], env=self.env, cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    def prepare(self, username: str = "kill-test") -> str:
        """Migrate (SQLite), make the person, and return an API token for them."""
        return self.manage(
            "from django.conf import settings\n"
            "from django.core.management import call_command\n"
            "if 'sqlite' in settings.DATABASES['default']['ENGINE']:\n"
            "    call_command('migrate', verbosity=0)\n"
            "from feelmap.accounts.models import User, ApiToken\n"
            f"user = User.objects.create_user(username={username!r}, password='a calm blue river 42')\n"
            "print(ApiToken.issue(user)[1])\n"
        ).strip().splitlines()[-1]

    def start(self) -> None:
        if "DATABASE_URL" in self.env and shutil.which("gunicorn", path=str(Path(sys.executable).parent)):
            self.kind = "gunicorn"
            command = [sys.executable, "-m", "gunicorn", "feelmap.wsgi", "--workers",
                       str(self.workers), "--bind", f"127.0.0.1:{self.port}", "--graceful-timeout", "1"]
        else:
            self.kind = "feelmap serve"
            command = [sys.executable, "-m", "feelmap.cli", "serve", "--no-browser", "--port",
                       str(self.port)]
        with open(self.log, "ab") as log:
            # Its own process group, so a kill takes a gunicorn master and its workers at once.
            self.process = subprocess.Popen(command, env=self.env, cwd=ROOT, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server stopped: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:  # noqa: S310  # loopback
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("the server did not answer within 60 s")

    def kill(self) -> None:
        """SIGKILL, no warning: the app processes get no chance to finish anything."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill()


def call(url: str, token: str, method: str = "GET", body: Any = None, *,
         content_type: str = "application/json", timeout: float = 15) -> tuple[int, Any]:
    """One API request; (status, decoded JSON or text). Connection errors propagate."""
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)  # noqa: S310  # loopback
    request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310  # loopback
            raw = answer.read()
            status = answer.status
    except urllib.error.HTTPError as error:
        raw, status = error.read(), error.code
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw.decode(errors="replace")


def multipart(name: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = "feelmap-kill-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; "
            f"filename=\"{filename}\"\r\nContent-Type: application/json\r\n\r\n").encode()
    body += content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"
