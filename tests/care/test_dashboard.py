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


def test_pages_of_20_and_safety_flags_of_everyone_on_every_page(client, clinician):
    from feelmap.care.models import Grant, Link
    from tests.conftest import _make_user

    assert dashboard.PER_PAGE == 20
    people = [_make_user(f"p{i:02d}") for i in range(30)]
    links = Link.objects.bulk_create([Link(person=p, viewer=clinician, role="clinician")
                                      for p in people])
    Grant.objects.bulk_create([Grant(link=link, kind="questionnaires") for link in links])
    SafetyFlag.objects.create(owner=people[-1], source="phq9-item9")  # on page 2 by name
    _changed(people[-1])
    client.force_login(clinician)
    first = client.get(reverse("care:index")).content.decode()
    assert "30 people share with you. Showing 1–20" in first
    assert "p19" in first and ">p20<" not in first
    assert "New safety flags" in first and ">p29</a>" in first
    second = client.get(reverse("care:index") + "?page=2").content.decode()
    assert ">p20</a>" in second and "Page 2 of 2" in second
    for past in ("3", "99", str(10 ** 30)):  # past the end: the last page
        assert "Showing 21–30" in client.get(reverse("care:index") + f"?page={past}").content.decode()
    for odd in ("0", "-4", "two", ""):
        assert "Showing 1–20" in client.get(reverse("care:index") + f"?page={odd}").content.decode()
    bad = client.post(reverse("care:flags_seen"), {"flag": f"{people[0].public_id}:item9"})
    assert bad.status_code == 404  # no flag there
    client.post(reverse("care:flags_seen"), {"flag": f"{people[-1].public_id}:item9"})
    assert "New safety flags" not in client.get(reverse("care:index")).content.decode()


def _flagged_people(clinician, count, kinds=("questionnaires",)):
    """`count` people linked with the clinician, each with a question 9 flag a day apart (the
    last one made the newest)."""
    from feelmap.care.models import Grant, Link
    from tests.conftest import _make_user

    people = [_make_user(f"f{i:02d}") for i in range(count)]
    links = Link.objects.bulk_create([Link(person=p, viewer=clinician, role="clinician")
                                      for p in people])
    Grant.objects.bulk_create([Grant(link=made, kind=k) for made in links for k in kinds])
    now = timezone.now()
    for i, someone in enumerate(people):
        made = SafetyFlag.objects.create(owner=someone, source="phq9-item9")
        SafetyFlag.objects.filter(pk=made.pk).update(created_at=now - timedelta(days=count - i))
        _changed(someone)
    return people


def test_the_safety_box_shows_the_newest_five_and_links_to_everyone_flagged(client, clinician):
    people = _flagged_people(clinician, 8)
    client.force_login(clinician)
    body = client.get(reverse("care:index")).content.decode()
    box = body[body.index('id="attention-heading"'):body.index("</section>")]
    assert "The 5 most recent of 8 people with a new flag" in box
    # Newest first: f07 … f03 in the box; the older three only behind the link.
    assert [name for name in (f"f{i:02d}" for i in range(8)) if f">{name}</a>" in box] == \
        ["f03", "f04", "f05", "f06", "f07"]
    assert box.index(">f07</a>") < box.index(">f03</a>")
    assert 'href="?flags=new">See all 8 people with new safety flags</a> (3 more)' in box
    flagged = client.get(reverse("care:index") + "?flags=new").content.decode()
    assert "Only the people with a new safety flag, newest first: 8 of 8." in flagged
    assert 'id="attention-heading"' not in flagged  # the list itself is the flagged people
    table = flagged[flagged.index("<tbody>"):]
    assert table.index(">f07</a>") < table.index(">f00</a>")
    # Marking one seen from that list comes back to it, and it has one person fewer.
    done = client.post(reverse("care:flags_seen"),
                       {"flag": f"{people[0].public_id}:item9", "back": "flags"})
    assert done["Location"] == reverse("care:index") + "?flags=new"
    after = client.get(done["Location"]).content.decode()
    assert "newest first: 7 of 8." in after and ">f00</a>" not in after


def test_the_flag_box_counts_only_flags_new_and_shared(client, clinician):
    from feelmap.care import attention
    from feelmap.care.models import Link

    people = _flagged_people(clinician, 7)
    # No flags for a trusted link (edited here directly, so its flag state is worked out again).
    Link.objects.filter(person=people[0]).update(role="trusted")
    attention.refresh_links([Link.objects.get(person=people[0]).pk])
    services.set_grants(people[1], Link.objects.get(person=people[1]), GrantsIn(kinds=["journal"]))
    services.mark_flag_seen(Link.objects.get(person=people[2]), "item9", timezone.now())
    page = dashboard.page_of(clinician, 1)
    assert page["flagged"] == 4 and page["more"] == 0
    assert [a["person"].username for a in page["attention"]] == ["f06", "f05", "f04", "f03"]
    # The same people as those whose own rows carry a new safety flag.
    rows = dashboard.people(clinician)
    assert {r["person"].username for r in rows
            if any(f["key"] in ("item9", "language") and not f["seen"] for f in r["flags"])} == \
        {"f03", "f04", "f05", "f06"}
    client.force_login(clinician)
    body = client.get(reverse("care:index")).content.decode()
    assert "Everyone you are linked with, whatever page you are on." in body
    assert "See all" not in body


def test_the_flagged_list_pages_and_says_when_nobody_is_flagged(client, clinician, person):
    _flagged_people(clinician, 22)
    client.force_login(clinician)
    second = client.get(reverse("care:index") + "?flags=new&page=2").content.decode()
    assert "Showing 21–22." in second and "Page 2 of 2" in second
    assert 'href="?flags=new&amp;page=1">Previous page</a>' in second
    assert ">f00</a>" in second and ">f21</a>" not in second  # oldest last
    other = _make_other_clinician()
    link(person, other, ["questionnaires"])
    client.force_login(other)
    calm = client.get(reverse("care:index") + "?flags=new").content.decode()
    assert "Nobody has a new safety flag now." in calm and "<table" not in calm


def _make_other_clinician():
    from tests.conftest import _make_user

    return _make_user("dr_other", role="clinician")


def test_a_trusted_person_gets_the_whole_list_for_flags_new(client, person, trusted):
    link(person, trusted, ["checkins"])
    client.force_login(trusted)
    body = client.get(reverse("care:index") + "?flags=new").content.decode()
    assert "1 person shares with you." in body and ">river</a>" in body


def test_the_page_query_count_does_not_grow_with_people_or_flags(clinician,
                                                                django_assert_max_num_queries):
    _flagged_people(clinician, 3, kinds=("questionnaires", "practices"))
    with django_assert_max_num_queries(6):
        small = dashboard.page_of(clinician, 1)
    from tests.conftest import _make_user

    for i in range(40):
        other = _make_user(f"g{i:02d}")
        link(other, clinician, ["questionnaires", "practices"])
        SafetyFlag.objects.create(owner=other, source="phq9-item9")
        _changed(other)
    with django_assert_max_num_queries(6):
        large = dashboard.page_of(clinician, 2)
    assert small["flagged"] == 3 and large["flagged"] == 43 and len(large["attention"]) == 5
    assert len(large["rows"]) == 20 and large["total"] == 43  # page 2 of 3
