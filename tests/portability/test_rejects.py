"""Bad files are refused with the record and field named, and change nothing."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feelmap.checkins.models import CheckIn
from feelmap.portability.exporting import write_json
from feelmap.portability.importing import ImportRefused, import_file

pytestmark = pytest.mark.django_db

NO_DB_RESET = settings(max_examples=15, deadline=None,
                       suppress_health_check=[HealthCheck.function_scoped_fixture])


def small_export(user) -> dict:
    from feelmap.checkins.models import Label

    for n in range(3):
        checkin = CheckIn.objects.create(owner=user, occurred_at=f"2026-01-0{n + 1}T09:00:00+00:00",
                                         pleasantness=0.5, energy=-0.5, note=f"note {n}")
        Label.objects.create(checkin=checkin, word="calm", family="calm", position=1)
    out = io.StringIO()
    write_json(user, out)
    return json.loads(out.getvalue())


def snapshot(user):
    rows = CheckIn.objects.filter(owner=user).order_by("id")
    return [(c.public_id, c.note, c.pleasantness, c.labels.count()) for c in rows]


def refused(user, data: bytes, **kw) -> list[str]:
    before = snapshot(user)
    with pytest.raises(ImportRefused) as caught:
        import_file(user, io.BytesIO(data), **kw)
    assert snapshot(user) == before
    return caught.value.problems


def test_a_bad_field_names_the_record_and_field(other_person, person):
    doc = small_export(person)
    doc["data"]["checkins"][1]["pleasantness"] = "very"
    doc["data"]["checkins"][2]["labels"][0]["position"] = -1
    problems = refused(other_person, json.dumps(doc).encode())
    ident = doc["data"]["checkins"][1]["id"]
    assert any(p.startswith(f"checkins[1] (id {ident}): pleasantness:") for p in problems)
    assert any("checkins[2]" in p and "labels.0.position" in p for p in problems)
    assert not CheckIn.objects.filter(owner=other_person).exists()


def test_an_unknown_field_is_refused(other_person, person):
    doc = small_export(person)
    doc["data"]["checkins"][0]["mood_ring"] = 3
    assert any("mood_ring" in p for p in refused(other_person, json.dumps(doc).encode()))


def test_a_newer_version_asks_to_update(person):
    doc = small_export(person)
    doc["version"] = 99
    (problem,) = refused(person, json.dumps(doc).encode())
    assert "newer Feelmap" in problem and "version 99" in problem


def test_a_truncated_file_says_it_was_cut_short(other_person, person):
    text = json.dumps(small_export(person)).encode()
    (problem,) = refused(other_person, text[: len(text) // 2])
    assert "cut short" in problem


def test_a_partial_file_with_records_removed_is_incomplete(other_person, person):
    doc = small_export(person)
    doc["data"]["checkins"].pop()
    assert any("incomplete" in p for p in refused(other_person, json.dumps(doc).encode()))


def test_a_file_too_large_is_refused_before_reading_it_all(person):
    (problem,) = refused(person, b" " * 2048, limit=1024)
    assert "larger than" in problem


def test_a_link_to_a_missing_check_in_is_refused_and_rolls_back(other_person, person):
    from feelmap.practices.models import PracticeSession

    doc = small_export(person)
    session = PracticeSession.objects.create(owner=person, kind="breathing", pattern="resonance", minutes=3,
                                             started_at="2026-01-02T10:00:00+00:00",
                                             before_checkin=CheckIn.objects.filter(owner=person).first())
    out = io.StringIO()
    write_json(person, out)
    doc = json.loads(out.getvalue())
    doc["data"]["practice_sessions"][0]["before_checkin"] = "00000000-0000-4000-8000-000000000000"
    problems = refused(other_person, json.dumps(doc).encode())
    assert any(str(session.public_id) in p and "before_checkin" in p for p in problems)
    # The check-ins earlier in the same file were rolled back too.
    assert not CheckIn.objects.filter(owner=other_person).exists()


def test_a_duplicate_id_is_refused(other_person, person):
    doc = small_export(person)
    doc["data"]["checkins"][2]["id"] = doc["data"]["checkins"][0]["id"]
    assert any("appears twice" in p for p in refused(other_person, json.dumps(doc).encode()))


@NO_DB_RESET
@given(cut=st.integers(min_value=0, max_value=10_000))
def test_any_truncation_is_refused(other_person, person, cut):
    text = json.dumps(small_export(person) if not CheckIn.objects.exists() else _cached(person)).encode()
    refused(other_person, text[: min(cut, len(text) - 2)])


def _cached(person):
    out = io.StringIO()
    write_json(person, out)
    return json.loads(out.getvalue())


@NO_DB_RESET
@given(position=st.integers(min_value=0), byte=st.integers(min_value=0, max_value=255))
def test_a_corrupted_byte_never_half_imports(other_person, person, position, byte):
    if not CheckIn.objects.filter(owner=person).exists():
        small_export(person)
    data = bytearray(json.dumps(_cached(person)).encode())
    index = position % len(data)
    data[index] = byte
    before = snapshot(other_person)
    try:
        import_file(other_person, io.BytesIO(bytes(data)))
    except ImportRefused as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
        assert snapshot(other_person) == before
    else:
        # A byte that left valid data (inside free text, say) imports everything, once.
        assert len(snapshot(other_person)) == 3
        CheckIn.objects.filter(owner=other_person).delete()


hostile_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


@NO_DB_RESET
@given(field=st.sampled_from(["kind", "occurred_at", "pleasantness", "note", "labels", "not_sure",
                              "id", "created_at"]),
       value=hostile_values)
def test_hostile_values_are_refused_or_imported_whole(other_person, person, field, value):
    if not CheckIn.objects.filter(owner=person).exists():
        small_export(person)
    doc = _cached(person)
    doc["data"]["checkins"][0][field] = value
    before = snapshot(other_person)
    try:
        import_file(other_person, io.BytesIO(json.dumps(doc).encode()))
    except ImportRefused as exc:
        assert any(p.startswith("checkins[0]") for p in exc.problems), exc.problems
        assert snapshot(other_person) == before
    else:
        assert len(snapshot(other_person)) == 3
        CheckIn.objects.filter(owner=other_person).delete()


@NO_DB_RESET
@given(st.randoms(use_true_random=False))
def test_reordered_keys_and_kinds_import_the_same(other_person, person, rnd):
    if not CheckIn.objects.filter(owner=person).exists():
        small_export(person)
    doc = _cached(person)

    def shuffled(value):
        if isinstance(value, dict):
            items = list(value.items())
            rnd.shuffle(items)
            return {k: shuffled(v) for k, v in items}
        if isinstance(value, list):
            return [shuffled(v) for v in value]
        return value

    import_file(other_person, io.BytesIO(json.dumps(shuffled(doc)).encode()))
    assert sorted(n for _, n, _, _ in snapshot(other_person)) == ["note 0", "note 1", "note 2"]
    CheckIn.objects.filter(owner=other_person).delete()


def test_huge_numbers_and_deep_nesting_are_refused(person):
    assert "cannot read" in refused(person, b'{"format": ' + b"9" * 5000 + b"}")[0]
    assert refused(person, b"[" * 100_000 + b"]" * 100_000)


def test_nul_and_lone_surrogates_are_refused(other_person, person):
    doc = small_export(person)
    doc["data"]["checkins"][0]["note"] = "bad\u0000byte"
    doc["data"]["checkins"][1]["note"] = "half \ud800 pair"
    problems = refused(other_person, json.dumps(doc).encode())
    assert any(p.startswith("checkins[0]") and "NUL" in p for p in problems)
    assert any(p.startswith("checkins[1]") and ": note: " in p for p in problems)
