"""Export, delete, re-import: everything comes back; importing twice adds nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest

from feelmap.accounts.models import User
from feelmap.checkins.models import CheckIn, Label
from feelmap.journal.models import JournalEntry
from feelmap.portability.exporting import write_json
from feelmap.portability.importing import import_file
from feelmap.portability.registry import KINDS
from feelmap.portability.schema import SCHEMA_PATH, build_schema

pytestmark = pytest.mark.django_db


def export_of(user) -> dict:
    out = io.StringIO()
    write_json(user, out)
    return json.loads(out.getvalue())


EXPORT_ONLY = {k.name for k in KINDS if k.export_only}


def importable(part: dict) -> dict:
    """`data` or `counts` without the kinds that are exported but never imported (care)."""
    return {name: v for name, v in part.items() if name not in EXPORT_ONLY}


def test_the_demo_person_has_every_kind(rich_person):
    counts = export_of(rich_person)["counts"]
    assert set(counts) == {k.name for k in KINDS}
    empty = [name for name, n in counts.items() if n == 0]
    assert not empty, f"the fixture lacks {empty}"


def test_export_matches_the_schema_file_and_the_file_is_current(rich_person):
    schema = json.loads(Path(SCHEMA_PATH).read_text())
    assert schema == build_schema(), "run `feelmap exportschema` to refresh it"
    jsonschema.validate(export_of(rich_person), schema)


def test_round_trip_into_an_empty_instance_reproduces_everything(rich_person):
    before = export_of(rich_person)
    note = CheckIn.objects.filter(owner=rich_person).exclude(note="").first().note
    own_word = Label.objects.filter(checkin__owner=rich_person, is_own=True).first()
    body = JournalEntry.objects.filter(owner=rich_person).first().body
    text = json.dumps(before).encode()
    rich_person.delete()
    assert not CheckIn.objects.exists()

    person = User.objects.create_user(username="river", password="another passphrase 9")
    result = import_file(person, io.BytesIO(text))
    after = export_of(person)
    assert result.total_added + sum(result.updated.values()) == sum(
        importable(before["counts"]).values())
    assert importable(after["data"]) == importable(before["data"])
    assert importable(after["counts"]) == importable(before["counts"])
    assert EXPORT_ONLY and all(before["counts"][name] for name in EXPORT_ONLY)
    # Free text is stored encrypted again and reads back the same.
    assert CheckIn.objects.filter(owner=person, note=note).exists() is False  # encrypted: no match
    assert note in {c.note for c in CheckIn.objects.filter(owner=person)}
    if own_word is not None:
        assert own_word.own_word in {lbl.own_word for lbl in Label.objects.filter(is_own=True)}
    assert body in {e.body for e in JournalEntry.objects.filter(owner=person)}


def test_importing_the_same_file_twice_adds_nothing(rich_person):
    text = json.dumps(export_of(rich_person)).encode()
    before = export_of(rich_person)["counts"]
    result = import_file(rich_person, io.BytesIO(text))
    assert result.added["checkins"] == 0
    assert result.kept["checkins"] == before["checkins"]
    assert export_of(rich_person)["counts"] == before


def test_another_person_can_import_the_same_file_twice_without_clashing(rich_person, other_person):
    text = json.dumps(export_of(rich_person)).encode()
    first = import_file(other_person, io.BytesIO(text))
    assert first.added["checkins"] == CheckIn.objects.filter(owner=rich_person).count()
    second = import_file(other_person, io.BytesIO(text))
    assert second.added["checkins"] == 0
    theirs, mine = export_of(other_person), export_of(rich_person)
    assert importable(theirs["counts"]) == importable(mine["counts"])
    # Same content, other ids; the links between practices and check-ins follow the new ids.
    strip = lambda rows: [{k: v for k, v in r.items() if k not in ("id", "before_checkin",  # noqa: E731
                           "after_checkin", "scan_checkin")} for r in rows]
    assert strip(theirs["data"]["practice_sessions"]) == strip(mine["data"]["practice_sessions"])
    linked = [r for r in theirs["data"]["practice_sessions"] if r["scan_checkin"]]
    their_ids = {c["id"] for c in theirs["data"]["checkins"]}
    assert all(r["scan_checkin"] in their_ids for r in linked)


def test_a_file_with_kinds_reversed_and_indented_imports_the_same(rich_person, other_person):
    """Practices before the check-ins they link to (set aside and written at the end), the
    envelope after the data, and another layout: the streamed reader takes any valid JSON."""
    doc = export_of(rich_person)
    reordered = {"counts": doc["counts"],
                 "data": dict(reversed(list(doc["data"].items()))),
                 "person": doc["person"], "exported_at": doc["exported_at"],
                 "version": doc["version"], "format": doc["format"]}
    assert list(reordered["data"]).index("practice_sessions") < list(reordered["data"]).index("checkins")
    text = json.dumps(reordered, indent=3).encode()
    result = import_file(other_person, io.BytesIO(text))
    assert result.added["practice_sessions"] == doc["counts"]["practice_sessions"]
    theirs = export_of(other_person)
    assert importable(theirs["counts"]) == importable(doc["counts"])
    linked = [r for r in theirs["data"]["practice_sessions"] if r["before_checkin"]]
    their_ids = {c["id"] for c in theirs["data"]["checkins"]}
    assert linked and all(r["before_checkin"] in their_ids for r in linked)


def test_the_import_reads_a_record_at_a_time(rich_person, other_person, monkeypatch):
    """A small read size: records straddle every buffer boundary, and the result is the same."""
    from feelmap.portability import reader

    monkeypatch.setattr(reader, "CHUNK", 97)
    text = json.dumps(export_of(rich_person)).encode()
    import_file(other_person, io.BytesIO(text))
    assert importable(export_of(other_person)["counts"]) == importable(export_of(rich_person)["counts"])


def test_an_import_raises_the_data_version_and_drops_stored_weekly_summaries(rich_person):
    from feelmap.insights.models import SummaryBasis, WeekSummary

    text = json.dumps(export_of(rich_person)).encode()
    person = User.objects.create_user(username="brook", password="another passphrase 9")
    WeekSummary.objects.create(owner=person, week="2026-01-05", weeks=1, tally="{}")
    SummaryBasis.objects.create(owner=person, basis="b", fingerprint="f")
    version = person.data_version
    import_file(person, io.BytesIO(text))
    person.refresh_from_db()
    assert person.data_version > version
    assert not WeekSummary.objects.filter(owner=person).exists()
    assert not SummaryBasis.objects.filter(owner=person).exists()
