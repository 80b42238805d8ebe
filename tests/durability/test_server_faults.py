"""The database fails under a running server, then comes back: the person is told their entry
was not saved (503, their words kept, a button that sends them again), nothing is half-written,
and the same server works again once the fault clears, with no restart.

SQLite: another program holds the write lock for longer than the server waits
(`FEELMAP_SQLITE_TIMEOUT=1`). PostgreSQL: the server reaches the database through a small TCP
relay in this test, which is cut (every open connection dropped, new ones refused: what a
database restart or an unreachable host looks like from the app) and then restored.
Full disks and read-only files are tests/core/test_faults.py.
"""

from __future__ import annotations

import html
import http.cookiejar
import re
import socket
import sqlite3
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import pytest

from .server import AppServer, call, database_url, free_port, on_postgres

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


class Relay:
    """A TCP relay to PostgreSQL that can be cut and restored on the same port."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = free_port()
        self.open: list[socket.socket] = []
        self.listener: socket.socket | None = None
        self.lock = threading.Lock()

    def start(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(64)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self) -> None:
        assert self.listener is not None
        try:  # wakes the accepting thread and stops listening (close alone does neither)
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        with self.lock:
            for sock in self.open:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.open.clear()


class Browser:
    """Just enough of a browser: cookies, the CSRF token, forms."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  NoRedirect())

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.url + path))  # noqa: S310  # loopback

    def post(self, path: str, fields: list[tuple[str, str]]) -> tuple[int, str]:
        data = urllib.parse.urlencode(fields).encode()
        return self._open(urllib.request.Request(self.url + path, data=data))  # noqa: S310  # loopback

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=20) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def login(self, username: str) -> None:
        self.get("/accounts/login/")
        status, _ = self.post("/accounts/login/", [
            ("csrfmiddlewaretoken", self.csrf()), ("username", username),
            ("password", "a calm blue river 42")])
        assert status == 302, "the login did not go through"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_database_fault_is_a_clear_503_that_keeps_the_words_and_heals_by_itself(tmp_path):
    relay = None
    if on_postgres():
        from django.db import connection

        s = connection.settings_dict
        relay = Relay(s["HOST"] or "127.0.0.1", int(s["PORT"] or 5432))
        relay.start()
        server = AppServer(tmp_path, database=database_url("127.0.0.1", relay.port))
    else:
        server = AppServer(tmp_path, env={"FEELMAP_SQLITE_TIMEOUT": "1"})
    token = server.prepare()
    holder: sqlite3.Connection | None = None

    def fault_on() -> None:
        nonlocal holder
        if relay:
            relay.cut()
        else:
            holder = sqlite3.connect(tmp_path / "feelmap.sqlite3", isolation_level=None)
            holder.execute("BEGIN EXCLUSIVE")

    def fault_off() -> None:
        if relay:
            relay.start()
        else:
            assert holder is not None
            holder.execute("ROLLBACK")
            holder.close()

    try:
        server.start()
        browser = Browser(server.url)
        browser.login("kill-test")
        entries = f"{server.url}/api/v1/journal/entries"
        assert call(entries, token, "POST", {"body": "Before the fault mk-warm"})[0] == 201

        fault_on()
        status, answer = call(entries, token, "POST", {"body": "Through the API mk-api"})
        assert status == 503, answer
        assert answer["detail"].startswith("Nothing was saved")
        words = "My hands are cold and I keep checking my phone mk-page"
        status, page = browser.post("/journal/write/", [
            ("csrfmiddlewaretoken", browser.csrf()), ("body", words), ("title", ""),
            ("labels", "restless"), ("minutes_spent", "")])
        assert status == 503, page[:500]
        assert "Your words were not saved yet" in page and words in page
        resend = [(html.unescape(n), html.unescape(v)) for n, v in
                  re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', page)]
        assert ("body", words) in resend

        fault_off()
        # The same server, no restart: the API call sent again and the page's button work.
        assert call(entries, token, "POST", {"body": "Through the API mk-api"})[0] == 201
        status, again = browser.post("/journal/write/", resend)
        assert status == 302, again[:500]
        status, listing = call(f"{entries}?limit=200", token)
        assert status == 200, listing
    finally:
        server.stop()
        if relay and relay.listener:
            relay.cut()

    markers = Counter(w for e in listing["items"] for w in e["body"].split() if w.startswith("mk-"))
    assert markers == {"mk-warm": 1, "mk-api": 1, "mk-page": 1}
    if not on_postgres():
        with sqlite3.connect(tmp_path / "feelmap.sqlite3") as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
