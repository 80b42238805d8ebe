"""Every care route that shows a person's data answers 404 unless a live link grants it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from feelmap.care import services
from feelmap.care.kinds import CLINICIAN_KINDS, KINDS, TRUSTED_KINDS
from feelmap.care.models import AuditEntry

from .conftest import MARKERS, link

pytestmark = pytest.mark.django_db

KIND_ROUTES = sorted(KINDS)


def _kind_url(person, kind):
    return reverse("care:shared", args=[person.public_id, kind])


def _overview(person):
    return reverse("care:person", args=[person.public_id])


@pytest.mark.parametrize("kind", KIND_ROUTES)
def test_a_clinician_without_a_link_gets_404(client, person, clinician, shared_data, kind):
    client.force_login(clinician)
    assert client.get(_kind_url(person, kind)).status_code == 404
    assert client.get(_overview(person)).status_code == 404


@pytest.mark.parametrize("kind", KIND_ROUTES)
def test_a_link_without_the_grant_gets_404(client, person, clinician, shared_data, kind):
    others = [k for k in KINDS if k != kind]
    link(person, clinician, others)
    client.force_login(clinician)
    assert client.get(_overview(person)).status_code == 200
    assert client.get(_kind_url(person, kind)).status_code == 404
    assert not AuditEntry.objects.filter(action="read", kind=kind).exists()


@pytest.mark.parametrize("kind", KIND_ROUTES)
def test_the_grant_opens_only_its_kind_and_is_audited(client, person, clinician, shared_data, kind):
    link(person, clinician, [kind])
    client.force_login(clinician)
    response = client.get(_kind_url(person, kind))
    assert response.status_code == 200
    body = response.content.decode()
    if kind in MARKERS:
        assert MARKERS[kind] in body
    for other, marker in MARKERS.items():
        if other != kind:
            assert marker not in body
    entry = AuditEntry.objects.get(action="read")
    assert (entry.person, entry.actor, entry.kind, entry.actor_role) == (
        person, clinician, kind, "clinician")
    # The audit keeps no content.
    assert all(m not in f"{entry.detail}{entry.actor_name}" for m in MARKERS.values())


@pytest.mark.parametrize("kind", KIND_ROUTES)
def test_a_revoked_link_gets_404_at_once(client, person, clinician, shared_data, kind):
    made = link(person, clinician, list(KINDS))
    client.force_login(clinician)
    assert client.get(_kind_url(person, kind)).status_code == 200
    services.revoke(person, made)
    assert client.get(_kind_url(person, kind)).status_code == 404
    assert client.get(_overview(person)).status_code == 404


@pytest.mark.parametrize("kind", KIND_ROUTES)
def test_a_person_never_reaches_another_persons_data(client, person, other_person, trusted,
                                                     shared_data, kind):
    # Person is linked to `trusted` with everything; other_person is linked to nobody.
    link(person, trusted, list(KINDS))
    client.force_login(other_person)
    assert client.get(_kind_url(person, kind)).status_code == 404
    # Nor does the person reach their own data through care pages (no link to themselves).
    client.force_login(person)
    assert client.get(_kind_url(person, kind)).status_code == 404


def test_a_journal_grant_does_not_open_checkins(client, person, clinician, shared_data):
    link(person, clinician, ["journal"])
    client.force_login(clinician)
    assert client.get(_kind_url(person, "journal")).status_code == 200
    assert client.get(_kind_url(person, "checkins")).status_code == 404


def test_a_trusted_person_gets_only_what_was_shared(client, person, trusted, shared_data):
    made = link(person, trusted, ["saying", "safety_plan"])
    assert made.role == "trusted"
    client.force_login(trusted)
    overview = client.get(_overview(person)).content.decode()
    assert "Saying-it practices" in overview and "Safety plan" in overview
    assert "Check-ins" not in overview
    for kind in KINDS:
        expected = 200 if kind in ("saying", "safety_plan") else 404
        assert client.get(_kind_url(person, kind)).status_code == expected, kind
    assert AuditEntry.objects.get(action="read", kind="saying").actor_role == "trusted"


def test_a_trusted_person_can_never_be_granted_more_than_a_clinician():
    assert TRUSTED_KINDS <= CLINICIAN_KINDS


def test_unknown_kinds_and_bad_ids_are_404(client, person, clinician, shared_data):
    link(person, clinician, list(KINDS))
    client.force_login(clinician)
    assert client.get(f"/care/people/{person.public_id}/diary/").status_code == 404
    assert client.get("/care/people/not-a-uuid/journal/").status_code == 404


def test_care_pages_need_a_login(client, person):
    for url in (reverse("care:index"), reverse("care:join"), _overview(person),
                _kind_url(person, "journal")):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize("route", ["care:grants", "care:revoke"])
def test_a_person_cannot_change_another_persons_link(client, person, other_person, clinician, route):
    made = link(person, clinician, ["journal"])
    client.force_login(other_person)
    response = client.post(reverse(route, args=[made.public_id]), {"kinds": list(KINDS)})
    assert response.status_code == 404
    made.refresh_from_db()
    assert made.revoked_at is None and made.kinds == ["journal"]
    # The viewer cannot change it either.
    client.force_login(clinician)
    assert client.post(reverse(route, args=[made.public_id]), {"kinds": list(KINDS)}).status_code == 404
