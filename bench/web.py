"""Web benchmark: a real `feelmap serve` process, measured from a second process.

Reports p50 and p95 latency over N requests for the floor view (/healthz, the cheapest answer
the app gives through its whole middleware stack), the login page and the signed-in home page,
each as a ratio to the floor measured in the same run, plus the time from `feelmap serve` start
to the first answered page. Ratios, not absolute times, are what to compare on a shared machine.
Pages are requested in turn (one request each per round), so load from elsewhere falls on all
of them alike.

    .venv/bin/python bench/web.py [--requests 500] [--demo-days N]

With --demo-days, a demo person with that many days of data is created first (three
check-ins a day) and the check-in pages are measured for them too.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench passphrase 123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def feelmap(args: list[str], env: dict, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "feelmap.cli", *args], env=env, input=stdin,
        capture_output=True, text=True, check=True,
    )


class Client:
    """A keep-alive HTTP client with a cookie jar just big enough for Django's two cookies."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.conn.port}{path}"
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, content

    def csrf(self, path: str) -> str:
        _status, content = self.request("GET", path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        assert match, f"no CSRF token on {path}"
        return match.group(1).decode()

    def login(self, username: str) -> None:
        token = self.csrf("/accounts/login/")
        status, _ = self.request(
            "POST", "/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        )
        assert status == 302, f"login failed with {status}"


def measure(client: Client, method: str, path: str, n: int, body_factory=None) -> list[float]:
    times = []
    for i in range(n):
        body = body_factory(i) if body_factory else None
        start = time.perf_counter()
        status, _ = client.request(method, path, body)
        times.append((time.perf_counter() - start) * 1000)
        assert status in (200, 302), f"{method} {path} answered {status}"
    return times


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--demo-days", type=int, default=0)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="feelmap-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FEELMAP_"))}
    env.pop("DATABASE_URL", None)
    env.update(FEELMAP_DATA_DIR=str(data_dir), BROWSER="true", PYTHONPATH=str(ROOT))

    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "feelmap.cli", "serve", "--port", str(port), "--no-browser"],
        env=env, stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    pass
                client = Client(port)
                if client.request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.02)
            if time.perf_counter() - started > 60:
                raise SystemExit("the server did not answer within 60 s")
        first_page_s = time.perf_counter() - started
        print(f"serve start to first answered page: {first_page_s:.2f} s (fresh data folder, migrations included)")

        feelmap(["createuser", "--username", "bench", "--password-stdin"], env, PASSWORD + "\n")
        pages: list[tuple[str, str, str, object]] = [
            ("floor /healthz", "GET", "/healthz", None),
            ("login page", "GET", "/accounts/login/", None),
        ]
        anon = Client(port)
        person = Client(port)
        person.login("bench")
        signed_in = [("home page (signed in)", "GET", "/", None)]
        try:
            from bench_pages import extra_pages  # type: ignore[import-not-found]
        except ImportError:
            extra_pages = None
        if extra_pages is not None:
            signed_in += extra_pages(person, env, args)
        plan = [(anon, *page) for page in pages] + [(person, *page) for page in signed_in]
        for client, _name, method, path, factory in plan:
            measure(client, method, path, 20, factory)  # warm-up
        # Round robin: one request to each page in turn, so a burst of load from elsewhere on
        # this shared machine lands on every page alike instead of on whichever ran then.
        results: dict[str, list[float]] = {name: [] for _c, name, *_rest in plan}
        for i in range(args.requests):
            for client, name, method, path, factory in plan:
                body = factory(i) if factory else None
                start = time.perf_counter()
                status, _ = client.request(method, path, body)
                results[name].append((time.perf_counter() - start) * 1000)
                assert status in (200, 302), f"{method} {path} answered {status}"

        floor50 = statistics.median(results["floor /healthz"])
        floor95 = pct(results["floor /healthz"], 0.95)
        print(f"\n{'page':34} {'p50 ms':>8} {'p95 ms':>8} {'p50/floor':>10} {'p95/floor':>10}   (n={args.requests} each)")
        for name, times in results.items():
            p50, p95 = statistics.median(times), pct(times, 0.95)
            print(f"{name:34} {p50:8.2f} {p95:8.2f} {p50 / floor50:10.2f} {p95 / floor95:10.2f}")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
