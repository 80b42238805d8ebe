"""Access to the new care routes (feedback, assignments, style, flags, viewer API): no link, a
grant missing, an ended link or another person's data → 404; a trusted person cannot assign."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feelmap.accounts.models import ApiToken
from feelmap.care import services
from feelmap.care.models import Assignment, AuditEntry, Comment, FlagSeen
from feelmap.care.schemas import AssignmentIn
from feelmap.journal.models import JournalEntry
from feelmap.safety.models import SafetyFlag

from .conftest import link

pytestmark = pytest.mark.django_db

def api(client, user, method, url, payload=None):
    _t, raw = ApiToken.issue(user)
    kwargs = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    if payload is not None:
        kwargs.update(data=json.dumps(payload), content_type="application/json")
    return getattr(client, method)(f"/api/v1/care{url}", **kwargs)


def _due() -> str:
    return (timezone.localdate() + timedelta(days=3)).isoformat()


def _viewer_requests(person, entry):
    """(name, method, page-or-api, url, body) for every viewer route about `person`."""
    pid, eid = person.public_id, entry.public_id
    return [
        ("record page", "get", "page", reverse("care:record", args=[pid, "journal", eid]), None),
        ("comment page", "post", "page", reverse("care:record", args=[pid, "journal", eid]),
         {"body": "hello"}),
        ("kind api", "get", "api", f"/people/{pid}/journal", None),
        ("comments api", "get", "api", f"/people/{pid}/journal/{eid}/comments", None),
        ("comment api", "post", "api", f"/people/{pid}/journal/{eid}/comments", {"body": "hi"}),
    ]


def _clinician_requests(person):
    pid = person.public_id
    return [
        ("assign page", "post", "page", reverse("care:assign", args=[pid]),
         {"what": "practice", "key_practice": "breathing", "schedule": "once", "due_on": _due()}),
        ("style page", "post", "page", reverse("care:set_style", args=[pid]), {"style": "structured"}),
        ("flag page", "post", "page", reverse("care:flag_seen", args=[pid, "item9"]), {}),
        ("assignments api", "get", "api", f"/people/{pid}/assignments", None),
        ("assign api", "post", "api", f"/people/{pid}/assignments",
         {"what": "practice", "key": "breathing", "schedule": "once", "due_on": _due()}),
        ("style api", "put", "api", f"/people/{pid}/style", {"style": "structured"}),
        ("flag api", "post", "api", f"/people/{pid}/flags/item9/seen", None),
    ]


def _call(client, user, method, where, url, body):
    if where == "api":
        return api(client, user, method, url, body)
    client.force_login(user)
    return getattr(client, method)(url, body or {})


def _nothing_written():
    return not (Comment.objects.exists() or Assignment.objects.exists() or FlagSeen.objects.exists())


@pytest.fixture
def entry(person):
    from feelmap.accounts.services import person_data_changed

    SafetyFlag.objects.create(owner=person, source="phq9-item9")
    made = JournalEntry.objects.create(owner=person, title="t", body="secret-entry-body")
    person_data_changed(person.pk)  # as the write services do
    return made


SETUPS = ["no link", "grant missing", "link ended", "another person"]


def _setup(which, person, other_person, clinician):
    if which == "grant missing":
        link(person, clinician, ["checkins"])
    elif which == "link ended":
        services.revoke(person, link(person, clinician, ["journal", "questionnaires"]))
    elif which == "another person":
        link(other_person, clinician, ["journal", "questionnaires"])


@pytest.mark.parametrize("which", SETUPS)
def test_viewer_routes_are_404(client, person, other_person, clinician, entry, which):
    _setup(which, person, other_person, clinician)
    for name, method, where, url, body in _viewer_requests(person, entry):
        response = _call(client, clinician, method, where, url, body)
        assert response.status_code == 404, (which, name)
        assert "secret-entry-body" not in response.content.decode()
    assert _nothing_written()
    assert not AuditEntry.objects.filter(action__in=["read", "commented"]).exists()


@pytest.mark.parametrize("which", ["no link", "link ended", "another person", "trusted person"])
def test_clinician_routes_are_404(client, person, other_person, clinician, trusted, entry, which):
    viewer = clinician
    if which == "trusted person":
        link(person, trusted, ["journal", "questionnaires", "practices"])
        viewer = trusted
    else:
        _setup(which, person, other_person, clinician)
    for name, method, where, url, body in _clinician_requests(person):
        assert _call(client, viewer, method, where, url, body).status_code == 404, (which, name)
    assert _nothing_written()


def test_flags_need_their_grant_but_suggestions_need_only_a_clinician_link(
        client, person, clinician, entry):
    """Suggesting and setting the style show nothing of the person's data: a live clinician
    link is enough. A flag needs the grant it is about."""
    link(person, clinician, ["checkins"])
    for name, method, where, url, body in _clinician_requests(person):
        status = _call(client, clinician, method, where, url, body).status_code
        assert status == 404 if "flag" in name else status in (200, 201, 302), name
    assert not FlagSeen.objects.exists()


def test_the_grant_opens_the_viewer_routes(client, person, clinician, entry):
    link(person, clinician, ["journal", "questionnaires"])
    for name, method, where, url, body in _viewer_requests(person, entry):
        assert _call(client, clinician, method, where, url, body).status_code in (200, 201, 302), name
    for name, method, where, url, body in _clinician_requests(person):
        assert _call(client, clinician, method, where, url, body).status_code in (200, 201, 302), name


def test_person_side_routes_refuse_another_persons_records(client, person, other_person,
                                                          clinician, entry):
    made = link(person, clinician, ["journal"])
    suggestion = services.assign(made, AssignmentIn(what="practice", key="senses",
                                                    schedule="once", due_on=timezone.localdate()))
    eid, lid = entry.public_id, made.public_id
    pages = [reverse("care:reply", args=["journal", eid, lid]),
             reverse("care:delete_thread", args=["journal", eid, lid]),
             reverse("care:share_entry", args=[lid, eid]),
             reverse("care:assignment_done", args=[suggestion.public_id]),
             reverse("care:undo_style", args=[lid]),
             reverse("care:end_assignment", args=[suggestion.public_id])]
    client.force_login(other_person)
    for url in pages:
        assert client.post(url, {"body": "x", "shared": "true"}).status_code == 404, url
    apis = [("get", f"/feedback/journal/{eid}", None),
            ("post", f"/feedback/journal/{eid}/{lid}/reply", {"body": "x"}),
            ("post", f"/feedback/journal/{eid}/{lid}/delete", None),
            ("put", f"/links/{lid}/entries/{eid}", {"shared": True}),
            ("post", f"/assignments/{suggestion.public_id}/done", None),
            ("post", f"/assignments/{suggestion.public_id}/end", None),
            ("post", f"/links/{lid}/style/undo", None)]
    for method, url, body in apis:
        assert api(client, other_person, method, url, body).status_code == 404, url
    assert api(client, other_person, "get", "/assignments").json() == []
    assert api(client, other_person, "get", "/people").json() == []


def test_viewer_api_lists_people_kinds_and_comments(client, person, clinician, entry):
    link(person, clinician, ["journal", "questionnaires", "heartbeat", "insights", "safety_plan"])
    people = api(client, clinician, "get", "/people").json()
    assert [(p["name"], p["kinds"]) for p in people] == [
        ("river", ["journal", "questionnaires", "insights", "safety_plan", "heartbeat"])]
    assert [f["key"] for f in people[0]["flags"]] == ["item9"]
    pid = person.public_id
    journal = api(client, clinician, "get", f"/people/{pid}/journal").json()
    assert journal["rows"][0]["lines"] == ["secret-entry-body"]
    for kind in ("heartbeat", "insights", "safety_plan", "questionnaires"):
        assert api(client, clinician, "get", f"/people/{pid}/{kind}").status_code == 200, kind
    made = api(client, clinician, "post", f"/people/{pid}/journal/{entry.public_id}/comments",
               {"body": "Thanks for sharing"})
    assert made.status_code == 201 and made.json()["by_person"] is False
    threads = api(client, person, "get", f"/feedback/journal/{entry.public_id}").json()
    assert threads[0]["comments"][0]["body"] == "Thanks for sharing"
    link_id = threads[0]["link_id"]
    answered = api(client, person, "post", f"/feedback/journal/{entry.public_id}/{link_id}/reply",
                   {"body": "You are welcome"})
    assert answered.status_code == 201 and answered.json()["help_level"] == ""
    listed = api(client, clinician, "get", f"/people/{pid}/journal/{entry.public_id}/comments")
    assert [c["body"] for c in listed.json()] == ["Thanks for sharing", "You are welcome"]
    assert AuditEntry.objects.filter(action="read", actor=clinician).count() == 6
    bad = api(client, clinician, "post", f"/people/{pid}/assignments",
              {"what": "saying", "key": "no-such-scenario", "schedule": "once", "due_on": _due()})
    assert bad.status_code == 422
