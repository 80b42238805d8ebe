"""SIGKILL of the app server during write bursts over HTTP: every acknowledged write survives,
exactly once, and the database opens cleanly.

Four threads write through the API while the server runs: check-ins, journal entries, safety
plan saves and imports (a file with one journal entry each). Every write carries a marker made
here; a marker counts as acknowledged only when its 2xx answer arrived. The server (its whole
process group: waitress on SQLite, a gunicorn master and its workers on PostgreSQL) is killed
with SIGKILL mid-burst, twice, and restarted. Then: `PRAGMA integrity_check` (SQLite), and
every acknowledged marker is found exactly once through the restarted server's API.

The worker's own kill (no reminder sent twice; one killed mid-send is "maybe sent") is
tests/program/test_worker.py (test_no_reminder_goes_out_twice_across_sigkill_and_restart);
test_crash.py kills a writer process that calls the save service directly.
"""

from __future__ import annotations

import copy
import http.client
import json
import random
import sqlite3
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime

import pytest

from .server import AppServer, call, database_url, multipart, on_postgres

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PLAN_SECTIONS = ("warning_signs", "coping_steps", "distractions", "people_to_ask",
                 "professionals", "safer_surroundings", "reasons_for_living")


class Burst:
    """Writers that run until stopped (or until the server dies under them)."""

    def __init__(self, url: str, token: str, template: dict, round_no: int) -> None:
        self.url, self.token, self.template, self.round = url, token, template, round_no
        self.acked: dict[str, list[str]] = {"checkin": [], "journal": [], "plan": [], "import": []}
        self.plan_versions: list[tuple[int, str]] = []
        self.stop = threading.Event()
        self.errors: list[str] = []

    def _loop(self, kind: str, write) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            marker = f"mk-{kind}-{self.round}-{n}-{uuid.uuid4().hex[:8]}"
            try:
                ok = write(marker)
            except (OSError, http.client.HTTPException):  # the server is gone: whatever was in flight is not acknowledged
                return
            if ok:
                self.acked[kind].append(marker)

    def checkin(self, marker: str) -> bool:
        status, body = call(f"{self.url}/api/v1/checkins", self.token, "POST",
                            {"pleasantness": -1, "energy": 2, "note": f"tight jaw {marker}",
                             "labels": [{"word": "tired"}]})
        return self._ok(status, body, 201)

    def journal(self, marker: str) -> bool:
        status, body = call(f"{self.url}/api/v1/journal/entries", self.token, "POST",
                            {"body": f"A long day. {marker}", "labels": ["tired"]})
        return self._ok(status, body, 201)

    def plan(self, marker: str) -> bool:
        status, current = call(f"{self.url}/api/v1/safety/plan", self.token)
        if status != 200:
            return self._ok(status, current, 200)
        sections = {key: [] for key in PLAN_SECTIONS}
        sections["coping_steps"] = [f"Walk round the block {marker}"]
        status, body = call(f"{self.url}/api/v1/safety/plan", self.token, "PUT",
                            {"sections": sections, "shared_with_clinician": False,
                             "version": current["version"]})
        if self._ok(status, body, 200):
            self.plan_versions.append((body["version"], marker))
            return True
        return False

    def import_(self, marker: str) -> bool:
        document = copy.deepcopy(self.template)
        now = datetime.now(UTC).isoformat()
        document["data"]["journal_entries"] = [{
            "id": str(uuid.uuid4()), "prompt_id": "", "title": "", "body": f"Imported {marker}",
            "steps": [], "minutes_spent": None, "written_at": now, "labels": [],
            "created_at": now, "updated_at": now}]
        document["counts"]["journal_entries"] = 1
        body, content_type = multipart("file", "feelmap.json", json.dumps(document).encode())
        status, answer = call(f"{self.url}/api/v1/account/import", self.token, "POST", body,
                              content_type=content_type)
        return self._ok(status, answer, 200)

    def _ok(self, status: int, body, expected: int) -> bool:
        if status != expected:
            self.errors.append(f"{status}: {str(body)[:200]}")
        return status == expected

    def run(self) -> list[threading.Thread]:
        threads = [threading.Thread(target=self._loop, args=(kind, write), daemon=True)
                   for kind, write in (("checkin", self.checkin), ("journal", self.journal),
                                       ("plan", self.plan), ("import", self.import_))]
        for thread in threads:
            thread.start()
        return threads

    def total(self) -> int:
        return sum(len(v) for v in self.acked.values())


def _all(url: str, token: str) -> tuple[list[str], list[str], dict]:
    notes, bodies, page = [], [], 1
    while True:
        status, listing = call(f"{url}/api/v1/checkins?page_size=100&page={page}", token)
        assert status == 200, listing
        notes += [c["note"] for c in listing["results"]]
        if page >= listing["pages"]:
            break
        page += 1
    offset = 0
    while True:
        status, listing = call(f"{url}/api/v1/journal/entries?limit=200&offset={offset}", token)
        assert status == 200, listing
        bodies += [e["body"] for e in listing["items"]]
        offset += 200
        if offset >= listing["count"]:
            break
    status, plan = call(f"{url}/api/v1/safety/plan", token)
    assert status == 200, plan
    return notes, bodies, plan


def test_sigkill_of_the_app_server_mid_burst_loses_no_acknowledged_write(tmp_path):
    server = AppServer(tmp_path, database=database_url() if on_postgres() else None)
    token = server.prepare()
    rng = random.Random(19)
    bursts: list[Burst] = []
    try:
        server.start()
        # A clinic runs gunicorn (README); gunicorn is in the dev extras for this.
        assert server.kind == ("gunicorn" if on_postgres() else "feelmap serve")
        status, template = call(f"{server.url}/api/v1/account/export?format=json", token)
        assert status == 200, template
        for round_no in range(2):
            if round_no:
                server.start()
            burst = Burst(server.url, token, template, round_no)
            threads = burst.run()
            deadline = time.monotonic() + 120  # ends as soon as it holds; only a hang waits it out
            # Mid-burst: every kind of write has been acknowledged at least twice.
            while min(len(v) for v in burst.acked.values()) < 2 and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(rng.uniform(0.05, 0.4))
            server.kill()
            burst.stop.set()
            for thread in threads:
                thread.join(timeout=20)
            assert not burst.errors, burst.errors[:5]
            assert min(len(v) for v in burst.acked.values()) >= 2, burst.acked
            bursts.append(burst)

        if not on_postgres():
            with sqlite3.connect(tmp_path / "feelmap.sqlite3") as db:
                assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        server.start()
        notes, bodies, plan = _all(server.url, token)
    finally:
        server.stop()

    def count(texts: list[str]) -> Counter:
        return Counter(word for text in texts for word in text.split() if word.startswith("mk-"))

    in_checkins, in_journal = count(notes), count(bodies)
    for burst in bursts:
        for marker in burst.acked["checkin"]:
            assert in_checkins[marker] == 1, (marker, in_checkins[marker])
        for marker in burst.acked["journal"] + burst.acked["import"]:
            assert in_journal[marker] == 1, (marker, in_journal[marker])
    # Nothing appears twice, acknowledged or not (a write in flight may or may not have landed).
    assert max([*in_checkins.values(), *in_journal.values()]) == 1
    # The plan is one record: it holds the last acknowledged save, or one that was in flight.
    last_version, last_marker = bursts[-1].plan_versions[-1]
    assert plan["version"] in (last_version, last_version + 1)
    if plan["version"] == last_version:
        assert plan["sections"]["coping_steps"] == [f"Walk round the block {last_marker}"]
    acknowledged = sum(b.total() for b in bursts)
    assert acknowledged >= 16
