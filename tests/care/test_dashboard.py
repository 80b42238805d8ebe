"""The clinician's list of people: last activity from shared kinds only, the path stage, and
flags, each shown only with the grant it needs, explained, and marked as seen per link."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feelmap.accounts.services import person_data_changed
from feelmap.assessments.models import AssessmentResponse
from feelmap.care import dashboard, services
from feelmap.care.flags import reliably_worse, silent_since
from feelmap.care.models import FlagSeen
from feelmap.care.schemas import GrantsIn
from feelmap.checkins.models import CheckIn
from feelmap.journal.models import JournalEntry
from feelmap.safety.models import SafetyFlag

from .conftest import link

pytestmark = pytest.mark.django_db


def _changed(*people):
    """These tests write records directly; the write services then tell the summaries."""
    for person in people:
        person_data_changed(person.pk)


def _flags(viewer):
    rows = dashboard.people(viewer)
    assert len(rows) == 1
    return {f["key"]: f for f in rows[0]["flags"]}


def _scores(person, instrument, *totals):
    now = timezone.now()
    for i, total in enumerate(totals):
        at = now - timedelta(days=30 * (len(totals) - i), minutes=i)
        AssessmentResponse.objects.create(owner=person, instrument=instrument, started_at=at,
                                          completed_at=at, total=total)
    _changed(person)


def test_item9_needs_the_questionnaires_grant(person, clinician):
    made = link(person, clinician, ["journal"])
    SafetyFlag.objects.create(owner=person, source="phq9-item9")
    _changed(person)
    JournalEntry.objects.create(owner=person, title="x", body="y")
    _changed(person)
    assert "item9" not in _flags(clinician)
    services.set_grants(person, made, GrantsIn(kinds=["questionnaires"]))
    found = _flags(clinician)["item9"]
    assert not found["seen"] and "question 9" in found["explanation"]


def test_language_flag_follows_its_source_grant(person, clinician):
    made = link(person, clinician, ["questionnaires"])
    SafetyFlag.objects.create(owner=person, source="checkin-language")
    _changed(person)
    assert "language" not in _flags(clinician)
    services.set_grants(person, made, GrantsIn(kinds=["checkins"]))
    assert "language" in _flags(clinician)


def test_a_journal_language_flag_needs_the_whole_journal(person, clinician):
    made = link(person, clinician)
    SafetyFlag.objects.create(owner=person, source="journal-language")
    _changed(person)
    services.set_grants(person, made, GrantsIn(kinds=["journal"], journal_scope="chosen"))
    assert "language" not in _flags(clinician)
    services.set_grants(person, made, GrantsIn(kinds=["journal"], journal_scope="all"))
    assert "language" in _flags(clinician)


def test_writing_risk_words_in_a_journal_entry_stores_a_flag_without_words(person):
    from feelmap.journal.schemas import JournalEntryIn
    from feelmap.journal.services import create_entry

    create_entry(owner=person, data=JournalEntryIn(title="", body="I want to kill myself"))
    create_entry(owner=person, data=JournalEntryIn(title="", body="A calm walk by the river"))
    assert list(SafetyFlag.objects.filter(owner=person).values_list("source", flat=True)) == [
        "journal-language"]


def test_deterioration_uses_the_published_criteria(person, clinician):
    link(person, clinician, ["questionnaires"])
    _scores(person, "phq9", 5, 10)  # +5: below the 6-point criterion
    assert "deterioration" not in _flags(clinician)
    _scores(person, "phq9", 11)  # first 5 -> latest 11: +6
    assert "deterioration" in _flags(clinician)


def test_gad7_uses_its_reliable_change():
    t0 = timezone.now()
    assert reliably_worse([("gad7", 4, 8, t0)], dashboard._judge) == t0
    assert reliably_worse([("gad7", 4, 6, t0)], dashboard._judge) is None
    assert reliably_worse([("phq9", 20, 8, t0)], dashboard._judge) is None
    assert reliably_worse([("phq9", 4, 9, t0), ("gad7", 2, 9, t0 - timedelta(days=1))],
                          dashboard._judge) == t0 - timedelta(days=1)


def test_silence_after_14_days_of_shared_kinds(person, clinician):
    link(person, clinician, ["checkins"])
    CheckIn.objects.create(owner=person, occurred_at=timezone.now() - timedelta(days=15))
    _changed(person)
    assert "silence" in _flags(clinician)
    CheckIn.objects.create(owner=person, occurred_at=timezone.now())
    _changed(person)
    assert "silence" not in _flags(clinician)
    assert silent_since(None, timezone.now()) is None


def test_last_activity_counts_shared_kinds_only(person, clinician):
    link(person, clinician, ["checkins"])
    JournalEntry.objects.create(owner=person, title="x", body="y")
    _changed(person)
    assert dashboard.people(clinician)[0]["last"] is None


def test_mark_as_seen_is_per_link_and_new_evidence_reopens(client, person, clinician, other_clinician):
    link(person, clinician, ["questionnaires"])
    link(person, other_clinician, ["questionnaires"])
    first = SafetyFlag.objects.create(owner=person, source="phq9-item9")
    _changed(person)
    client.force_login(clinician)
    page = client.get(reverse("care:index")).content.decode()
    assert "New: Question 9 of the PHQ-9" in page
    client.post(reverse("care:flag_seen", args=[person.public_id, "item9"]))
    assert FlagSeen.objects.get().seen_up_to == first.created_at
    page = client.get(reverse("care:index")).content.decode()
    assert "Seen: Question 9 of the PHQ-9" in page and "You marked this as seen" in page
    assert _flags(other_clinician)["item9"]["seen"] is False
    later = SafetyFlag.objects.create(owner=person, source="phq9-item9")
    SafetyFlag.objects.filter(pk=later.pk).update(created_at=timezone.now() + timedelta(seconds=5))
    _changed(person)
    assert _flags(clinician)["item9"]["seen"] is False


def test_a_trusted_person_sees_no_flags_and_cannot_mark_them(client, person, trusted):
    link(person, trusted, ["questionnaires"])
    SafetyFlag.objects.create(owner=person, source="phq9-item9")
    _changed(person)
    assert dashboard.people(trusted)[0]["flags"] == []
    client.force_login(trusted)
    assert client.post(reverse("care:flag_seen", args=[person.public_id, "item9"])).status_code == 404


def test_the_stage_needs_the_practices_grant(person, clinician):
    from feelmap.program.models import Enrollment

    now = timezone.now()
    Enrollment.objects.create(owner=person, current_week=3, started_at=now, week_started_at=now)
    made = link(person, clinician, ["journal"])
    assert dashboard.people(clinician)[0]["stage"] is None
    services.set_grants(person, made, GrantsIn(kinds=["practices"]))
    assert dashboard.people(clinician)[0]["stage"].startswith("Week 3 of ")


def test_the_dashboard_query_count_does_not_grow_with_people(person, clinician,
                                                             django_assert_max_num_queries):
    from tests.conftest import _make_user

    for i in range(6):
        other = _make_user(f"client{i}")
        link(other, clinician, ["checkins", "questionnaires", "practices", "journal"])
        CheckIn.objects.create(owner=other, occurred_at=timezone.now())
        _changed(other)
        _scores(other, "phq9", 3, 12)
    with django_assert_max_num_queries(8):
        rows = dashboard.people(clinician)
    assert len(rows) == 6 and all("deterioration" in {f["key"] for f in r["flags"]} for r in rows)


def test_pages_of_25_and_safety_flags_of_everyone_on_every_page(client, clinician):
    from feelmap.care.models import Grant, Link
    from tests.conftest import _make_user

    people = [_make_user(f"p{i:02d}") for i in range(30)]
    links = Link.objects.bulk_create([Link(person=p, viewer=clinician, role="clinician")
                                      for p in people])
    Grant.objects.bulk_create([Grant(link=link, kind="questionnaires") for link in links])
    SafetyFlag.objects.create(owner=people[-1], source="phq9-item9")  # on page 2 by name
    _changed(people[-1])
    client.force_login(clinician)
    first = client.get(reverse("care:index")).content.decode()
    assert "30 people share with you. Showing 1–25" in first
    assert "p24" in first and ">p25<" not in first
    assert "New safety flags" in first and ">p29</a>" in first
    second = client.get(reverse("care:index") + "?page=2").content.decode()
    assert ">p25</a>" in second and "Page 2 of 2" in second
    bad = client.post(reverse("care:flags_seen"), {"flag": f"{people[0].public_id}:item9"})
    assert bad.status_code == 404  # no flag there
    client.post(reverse("care:flags_seen"), {"flag": f"{people[-1].public_id}:item9"})
    assert "New safety flags" not in client.get(reverse("care:index")).content.decode()
