"""FHIR validation, the command line, and an online backup taken while writes run."""

from __future__ import annotations

import io
import json
import sqlite3
import threading
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from fhir.resources.R4B.bundle import Bundle

from feelmap.accounts.models import User
from feelmap.assessments.models import AssessmentResponse
from feelmap.checkins.models import CheckIn
from feelmap.portability.backup import backup_sqlite
from feelmap.portability.exporting import write_csv_zip
from feelmap.portability.fhir import write_bundle

pytestmark = pytest.mark.django_db


def test_fhir_bundle_validates_and_carries_loinc_codes(rich_person):
    out = io.StringIO()
    write_bundle(rich_person, out)
    bundle = Bundle.model_validate_json(out.getvalue())  # R4B: the R4 line of fhir.resources
    kinds = [e.resource.get_resource_type() for e in bundle.entry]
    completed = AssessmentResponse.objects.completed().filter(owner=rich_person)
    assert kinds.count("QuestionnaireResponse") == completed.count()
    raw = json.loads(out.getvalue())
    codes = {c["code"] for e in raw["entry"] if e["resource"]["resourceType"] == "Observation"
             for c in e["resource"]["code"]["coding"]}
    if completed.filter(instrument="phq9").exists():
        assert {"44261-6", "44250-9", "44260-8"} <= codes
    if completed.filter(instrument="gad7").exists():
        assert {"70274-6", "69725-0"} <= codes
    totals = [e["resource"] for e in raw["entry"] if e["resource"]["resourceType"] == "Observation"
              and "valueQuantity" in e["resource"]]
    assert sorted(t["valueQuantity"]["value"] for t in totals) == sorted(
        r.total for r in completed if r.total is not None)


def test_csv_zip_has_a_file_per_kind_with_every_row(rich_person):
    buffer = io.BytesIO()
    write_csv_zip(rich_person, buffer)
    archive = zipfile.ZipFile(buffer)
    assert {"checkins.csv", "checkins_labels.csv", "journal_entries.csv",
            "safety_plan.csv"} <= set(archive.namelist())
    rows = archive.read("checkins.csv").decode().splitlines()
    assert len(rows) == 1 + CheckIn.objects.filter(owner=rich_person).count()
    assert rows[0].startswith("id,kind,occurred_at")


def test_cli_export_then_import_into_a_new_account(rich_person, tmp_path, capsys):
    target = tmp_path / "me.json"
    call_command("export", rich_person.username, "--format", "json", "-o", str(target))
    assert "Check-ins" in capsys.readouterr().err  # progress goes to stderr
    call_command("import", str(target), "--username", "copy")
    copy = User.objects.get(username="copy")
    assert CheckIn.objects.filter(owner=copy).count() == CheckIn.objects.filter(owner=rich_person).count()
    call_command("import", str(target), "--username", "copy")
    assert "already there" in capsys.readouterr().out
    for fmt in ("csv", "fhir"):
        call_command("export", rich_person.username, "--format", fmt, "-o", str(tmp_path / fmt))
        assert (tmp_path / fmt).stat().st_size > 0


def test_cli_import_of_a_bad_file_lists_problems_and_changes_nothing(person, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "feelmap-export", "version": 1, "person": {"username": "x"}, '
                   '"data": {"checkins": [{}]}, "counts": {"checkins": 1}}')
    with pytest.raises(CommandError, match=r"Nothing was imported:\n  - checkins\[0\]: id"):
        call_command("import", str(bad), "--username", person.username)
    assert not CheckIn.objects.exists()


def test_cli_export_refuses_to_overwrite(person, tmp_path):
    existing = tmp_path / "x.json"
    existing.write_text("keep me")
    with pytest.raises(CommandError, match="already exists"):
        call_command("export", person.username, "-o", str(existing))
    assert existing.read_text() == "keep me"


def test_backup_while_writes_run_opens_and_is_consistent(tmp_path):
    source = tmp_path / "live.sqlite3"
    setup = sqlite3.connect(source)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, body TEXT)")
    setup.executemany("INSERT INTO item (body) VALUES (?)", [("x" * 500,)] * 20_000)
    setup.commit()
    setup.close()
    stop, started = threading.Event(), threading.Event()
    written = []

    def writer():
        conn = sqlite3.connect(source, timeout=10)
        while not stop.is_set():
            with conn:
                conn.execute("INSERT INTO item (body) VALUES ('during')")
            written.append(1)
            started.set()
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        started.wait()  # the writer is running before the backup starts
        pages = backup_sqlite(source, tmp_path / "copy.sqlite3")
    finally:
        stop.set()
        thread.join()
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    count = copy.execute("SELECT count(*) FROM item").fetchone()[0]
    assert 20_000 <= count <= 20_000 + len(written)
    assert pages > 0
    copy.close()
    with pytest.raises(Exception, match="already exists"):
        backup_sqlite(source, tmp_path / "copy.sqlite3")
