"""Shared parts of the load benchmarks (load_clinic.py, load_local.py): a small asyncio HTTP
client (one connection per request: gunicorn's sync workers, the deployed kind, close every
connection, so keep-alive is not on offer), a cookie jar for Django's cookies, latency per
route, and the report.

Light on purpose: the client shares two cores with the server it measures, so it uses a bare
asyncio Protocol (no streams, no HTTP library, no threads, no task per request), keeps the
Cookie header ready between requests, and parses only the status line and headers. Its own CPU
time per request is reported beside the server's (`client_cpu_seconds`), so a reader can see
whether the client or the server was the limit.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench passphrase 123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 min, {os.cpu_count()} CPUs)"


def cpu_seconds(pids: set[int] | None = None, *, group: int | None = None,
                parent: int | None = None) -> float:
    """CPU time (user + system) used so far by the listed processes, a process group, or a
    process and its children, those that have ended included (Linux /proc; 0 elsewhere). Taken before and after a run, it gives
    the CPU each request cost, a figure that moves far less with the machine's load than
    latency does."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            raw = stat.read_text()
        except OSError:
            continue
        pid = int(stat.parent.name)
        fields = raw[raw.rindex(")") + 2:].split()
        ppid, pgrp = int(fields[1]), int(fields[2])
        if (pids and pid in pids) or (group is not None and pgrp == group) or (
                parent is not None and (pid == parent or ppid == parent)):
            total += (int(fields[11]) + int(fields[12])) / tick
        if parent is not None and pid == parent:
            # Children that have ended (PostgreSQL backends, recycled workers): the kernel
            # adds their time to the parent's once it has waited for them. Without this a
            # backend ending mid-run would take its CPU out of the total.
            total += (int(fields[13]) + int(fields[14])) / tick
    return total


@dataclass
class Answer:
    status: int
    headers: dict[str, list[str]]
    body: bytes

    def header(self, name: str) -> str:
        return (self.headers.get(name.lower()) or [""])[0]


class _OneAnswer(asyncio.Protocol):
    """Send one request, gather the answer until the server closes the connection."""

    def __init__(self, request: bytes, done: asyncio.Future[bytes]) -> None:
        self.request, self.done = request, done
        self.chunks: list[bytes] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport.write(self.request)  # type: ignore[attr-defined]

    def data_received(self, data: bytes) -> None:
        self.chunks.append(data)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.done.done():
            if exc is None:
                self.done.set_result(b"".join(self.chunks))
            else:
                self.done.set_exception(exc)


def client_cpu_seconds() -> float:
    """CPU time (user + system) this process has used: the load generator's own cost."""
    return time.process_time()


async def fetch(port: int, method: str, path: str, *, headers: dict[str, str] | None = None,
                body: bytes = b"", timeout: float = 30.0, header_text: str = "") -> Answer:
    """One HTTP/1.1 request on its own connection; the whole answer is read. `header_text`:
    extra header lines already joined ("Name: value\r\n" each), to save rebuilding them."""
    lines = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
             f"Content-Length: {len(body)}\r\n{header_text}")
    if headers:
        lines += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = (lines + "\r\n").encode("latin-1") + body
    loop = asyncio.get_running_loop()
    done: asyncio.Future[bytes] = loop.create_future()
    transport = None
    try:
        async with asyncio.timeout(timeout):
            transport, _ = await loop.create_connection(lambda: _OneAnswer(request, done),
                                                        "127.0.0.1", port)
            raw = await done
    finally:
        if transport is not None:
            transport.close()
    head, _, content = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    parts = status_line.split(" ", 2)
    if len(parts) < 2 or not parts[1].isdigit():
        raise ConnectionError(f"no HTTP answer ({status_line[:60]!r})")
    found: dict[str, list[str]] = defaultdict(list)
    for line in header_lines:
        name, _, value = line.partition(":")
        found[name.strip().lower()].append(value.strip())
    return Answer(int(parts[1]), dict(found), content)


class Session:
    """One simulated person or clinician: cookies, CSRF, and their measured requests."""

    def __init__(self, port: int, stats: Stats, *, https_proxy: bool = False,
                 token: str = "") -> None:
        self.stats = stats
        self.cookies: dict[str, str] = {}
        self.token = token
        self.https_proxy = https_proxy
        self.port = port
        self._cookie_line = ""

    @property
    def port(self) -> int:
        return self._port

    @port.setter
    def port(self, port: int) -> None:
        """Sessions live in the database, so a signed-in session may move to a new server."""
        self._port = port
        # Clinic mode sits behind an HTTPS proxy: the app trusts X-Forwarded-Proto, so the
        # client says https, as the proxy would, and sends the Origin a browser would.
        extra = ({"X-Forwarded-Proto": "https", "Origin": f"https://127.0.0.1:{port}"}
                 if self.https_proxy else {})
        if self.token:
            extra["Authorization"] = f"Bearer {self.token}"
        self._fixed_lines = "".join(f"{k}: {v}\r\n" for k, v in extra.items())

    def set_cookie(self, name: str, value: str) -> None:
        self.cookies[name] = value
        self._cookie_line = ("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items())
                             + "\r\n")

    def csrf(self) -> str:
        for name, value in self.cookies.items():
            if name.endswith("csrftoken"):
                return value
        return ""

    async def request(self, route: str, method: str, path: str, *, form: dict | None = None,
                      json_body: bytes | None = None, expect: tuple[int, ...] = (200,),
                      record: bool = True) -> Answer | None:
        header_text = self._fixed_lines + self._cookie_line
        body = b""
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.csrf()}
            body = urlencode(form).encode()
            header_text += "Content-Type: application/x-www-form-urlencoded\r\n"
        elif json_body is not None:
            body = json_body
            header_text += "Content-Type: application/json\r\n"
        started = time.perf_counter()
        try:
            answer = await fetch(self.port, method, path, body=body, header_text=header_text)
        except (TimeoutError, OSError, ConnectionError) as exc:
            if record:
                self.stats.add(route, time.perf_counter() - started, f"{type(exc).__name__}")
            return None
        elapsed = time.perf_counter() - started
        set_cookies = answer.headers.get("set-cookie")
        if set_cookies:
            for cookie in set_cookies:
                name, _, rest = cookie.partition("=")
                value = rest.split(";", 1)[0]
                if value in ("", '""') or "max-age=0" in cookie.lower():
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
            self._cookie_line = ("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items())
                                 + "\r\n") if self.cookies else ""
        if record:
            problem = "" if answer.status in expect else f"HTTP {answer.status}"
            if b"database is locked" in answer.body:
                problem = "database is locked"
            self.stats.add(route, elapsed, problem)
        return answer

    async def login(self, username: str) -> bool:
        await self.request("login", "GET", "/accounts/login/", record=False)
        answer = await self.request("login", "POST", "/accounts/login/",
                                    form={"username": username, "password": PASSWORD},
                                    expect=(302,), record=False)
        return answer is not None and answer.status == 302


@dataclass
class Stats:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    recording: bool = True

    def add(self, route: str, seconds: float, problem: str = "") -> None:
        if not self.recording:
            return
        self.times[route].append(seconds)
        if problem:
            self.errors[route][problem] = self.errors[route].get(problem, 0) + 1

    def report(self, title: str, seconds: float) -> str:
        total = sum(len(v) for v in self.times.values())
        failed = sum(sum(e.values()) for e in self.errors.values())
        out = [f"== {title}",
               f"requests {total} in {seconds:.0f} s: {total / seconds:.1f} per second; "
               f"errors {failed}",
               f"{'route':44} {'n':>6} {'per s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  errors"]
        for route in sorted(self.times):
            values = sorted(self.times[route])
            errors = ", ".join(f"{k}: {v}" for k, v in self.errors.get(route, {}).items()) or "0"
            out.append(f"{route:44} {len(values):6} {len(values) / seconds:7.1f} "
                       f"{percentile(values, 50):8.1f} {percentile(values, 95):8.1f} "
                       f"{percentile(values, 99):8.1f}  {errors}")
        return "\n".join(out)

    def overall(self) -> tuple[int, float, float, float]:
        """Requests, and p50/p95/p99 in ms over every route together."""
        values = sorted(v for route in self.times.values() for v in route)
        return (len(values), percentile(values, 50), percentile(values, 95),
                percentile(values, 99))

    def count(self, problem: str) -> int:
        return sum(e.get(problem, 0) for e in self.errors.values())

    def total_errors(self) -> int:
        return sum(sum(e.values()) for e in self.errors.values())


def percentile(sorted_values: list[float], p: float) -> float:
    """Milliseconds at percentile p (nearest rank) of sorted seconds."""
    if not sorted_values:
        return float("nan")
    if len(sorted_values) == 1:
        return sorted_values[0] * 1000
    rank = max(0, min(len(sorted_values) - 1, round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[rank] * 1000


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000 if values else float("nan")


UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
