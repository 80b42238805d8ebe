"""Shared parts of the load benchmarks (load_clinic.py, load_local.py): a small asyncio HTTP
client (one connection per request, as a browser behind a proxy would open many), a cookie jar
for Django's cookies, latency per route, and the report.

Light on purpose: the client shares two cores with the server it measures, so it uses raw
asyncio streams (no HTTP library, no threads) and parses only the status line and headers.
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
    process and its children (Linux /proc; 0 elsewhere). Taken before and after a run, it gives
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
    return total


@dataclass
class Answer:
    status: int
    headers: dict[str, list[str]]
    body: bytes

    def header(self, name: str) -> str:
        return (self.headers.get(name.lower()) or [""])[0]


async def fetch(port: int, method: str, path: str, *, headers: dict[str, str] | None = None,
                body: bytes = b"", timeout: float = 30.0) -> Answer:
    """One HTTP/1.1 request on its own connection; the whole answer is read."""

    async def go() -> Answer:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}",
                     "Connection: close", f"Content-Length: {len(body)}"]
            lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            await writer.drain()
            raw = await reader.read()
        finally:
            writer.close()
        head, _, content = raw.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        parts = status_line.split(" ")
        if len(parts) < 2 or not parts[1].isdigit():
            raise ConnectionError(f"no HTTP answer ({status_line[:60]!r})")
        found: dict[str, list[str]] = defaultdict(list)
        for line in header_lines:
            name, _, value = line.partition(":")
            found[name.strip().lower()].append(value.strip())
        return Answer(int(parts[1]), dict(found), content)

    return await asyncio.wait_for(go(), timeout)


class Session:
    """One simulated person or clinician: cookies, CSRF, and their measured requests."""

    def __init__(self, port: int, stats: Stats, *, https_proxy: bool = False,
                 token: str = "") -> None:
        self.port, self.stats = port, stats
        self.cookies: dict[str, str] = {}
        self.token = token
        # Clinic mode sits behind an HTTPS proxy: the app trusts X-Forwarded-Proto, so the
        # client says https, as the proxy would, and sends the Origin a browser would.
        self.extra = ({"X-Forwarded-Proto": "https", "Origin": f"https://127.0.0.1:{port}"}
                      if https_proxy else {})

    def csrf(self) -> str:
        for name, value in self.cookies.items():
            if name.endswith("csrftoken"):
                return value
        return ""

    async def request(self, route: str, method: str, path: str, *, form: dict | None = None,
                      json_body: bytes | None = None, expect: tuple[int, ...] = (200,),
                      record: bool = True) -> Answer | None:
        headers = dict(self.extra)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = b""
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.csrf()}
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json_body
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        started = time.perf_counter()
        try:
            answer = await fetch(self.port, method, path, headers=headers, body=body)
        except (TimeoutError, OSError, ConnectionError) as exc:
            if record:
                self.stats.add(route, time.perf_counter() - started, f"{type(exc).__name__}")
            return None
        elapsed = time.perf_counter() - started
        for cookie in answer.headers.get("set-cookie", []):
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", '""') or "max-age=0" in cookie.lower():
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
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
