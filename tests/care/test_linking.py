"""Codes (short-lived, single use, hashed), links, sharing choices, the audit the person sees,
local mode, and the safety plan page telling who can see the plan."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feelmap.care import services
from feelmap.care.models import AuditEntry, Link, LinkCode
from feelmap.care.schemas import GrantsIn, JoinIn

from .conftest import link

pytestmark = pytest.mark.django_db


def test_a_code_is_stored_only_as_a_hash_and_works_once(person, clinician, other_clinician):
    code, raw = services.create_code(person)
    assert len(raw.replace("-", "")) == 10
    assert raw.replace("-", "") not in code.digest and code.expires_at > timezone.now()
    made = services.join(clinician, JoinIn(code=raw.lower().replace("-", " ")))
    assert (made.person, made.viewer, made.role, made.kinds) == (person, clinician, "clinician", [])
    with pytest.raises(services.CareError, match="does not work"):
        services.join(other_clinician, JoinIn(code=raw))
    assert Link.objects.count() == 1


def test_an_expired_code_does_not_work(person, clinician):
    code, raw = services.create_code(person)
    LinkCode.objects.filter(pk=code.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(services.CareError, match="30 minutes"):
        services.join(clinician, JoinIn(code=raw))
    assert not Link.objects.exists()


def test_a_code_lasts_thirty_minutes():
    assert services.CODE_MINUTES == 30


def test_a_new_code_ends_the_earlier_one(person, clinician):
    _c, first = services.create_code(person)
    _c, second = services.create_code(person)
    with pytest.raises(services.CareError):
        services.join(clinician, JoinIn(code=first))
    assert services.join(clinician, JoinIn(code=second)).person == person


def test_own_code_and_a_second_link_are_refused_without_using_the_code(person, clinician):
    _c, raw = services.create_code(person)
    with pytest.raises(services.CareError, match="your own code"):
        services.join(person, JoinIn(code=raw))
    link(person, clinician)
    _c, raw = services.create_code(person)
    with pytest.raises(services.CareError, match="already linked"):
        services.join(clinician, JoinIn(code=raw))
    assert LinkCode.objects.usable().count() == 1


def test_clinicians_make_no_codes(clinician):
    with pytest.raises(services.CareError):
        services.create_code(clinician)


def test_the_page_flow_links_shares_and_ends(client, person, clinician):
    client.force_login(person)
    page = client.post(reverse("care:new_code")).content.decode()
    raw = page.split('id="new-code" type="text" readonly value="')[1].split('"')[0]
    assert "shown only now" in page
    client.force_login(clinician)
    response = client.post(reverse("care:join"), {"code": raw})
    assert response.status_code == 302
    made = Link.objects.get()
    client.force_login(person)
    care = client.get(reverse("care:index")).content.decode()
    assert "dr_ash" in care and "Linked with you" in care
    client.post(reverse("care:grants", args=[made.public_id]), {"kinds": ["journal", "checkins"]})
    assert Link.objects.get().kinds == ["checkins", "journal"]
    client.post(reverse("care:grants", args=[made.public_id]), {"kinds": ["journal"]})
    assert Link.objects.get().kinds == ["journal"]
    client.post(reverse("care:revoke", args=[made.public_id]))
    ended = Link.objects.get()
    assert ended.revoked_at is not None and ended.kinds == []


def test_a_wrong_code_gets_a_clear_message_and_changes_nothing(client, clinician):
    client.force_login(clinician)
    response = client.post(reverse("care:join"), {"code": "ABCD-EFGH-JK"})
    assert response.status_code == 400 and "does not work" in response.content.decode()
    response = client.post(reverse("care:join"), {"code": ""})
    assert response.status_code == 400 and "Type the code" in response.content.decode()
    assert not Link.objects.exists()


def test_an_unknown_kind_in_a_sharing_choice_changes_nothing(client, person, clinician):
    made = link(person, clinician, ["journal"])
    client.force_login(person)
    response = client.post(reverse("care:grants", args=[made.public_id]), {"kinds": ["passwords"]})
    assert response.status_code == 302
    assert Link.objects.get().kinds == ["journal"]
    assert "could not be saved" in client.get(reverse("care:index")).content.decode()


def test_an_ended_link_cannot_be_given_grants(person, clinician):
    made = link(person, clinician)
    services.revoke(person, made)
    with pytest.raises(services.CareError, match="ended"):
        services.set_grants(person, made, GrantsIn(kinds=["journal"]))


def test_the_person_sees_who_looked_at_their_data(client, person, clinician, shared_data):
    link(person, clinician, ["journal"])
    client.force_login(clinician)
    client.get(reverse("care:shared", args=[person.public_id, "journal"]))
    client.force_login(person)
    care = client.get(reverse("care:index")).content.decode()
    assert "Who looked at my data" in care and "Looked at your journal" in care
    assert "dr_ash (clinician)" in care


def test_audit_entries_are_never_changed(person, clinician):
    link(person, clinician)
    entry = AuditEntry.objects.get()
    entry.kind = "journal"
    with pytest.raises(ValueError):
        entry.save()


def test_the_clinician_list_shows_last_activity_of_shared_kinds_only(client, person, clinician,
                                                                      shared_data):
    link(person, clinician)
    client.force_login(clinician)
    page = client.get(reverse("care:index")).content.decode()
    assert "river" in page and "Nothing shared yet" in page
    services.set_grants(person, Link.objects.get(), GrantsIn(kinds=["journal"]))
    page = client.get(reverse("care:index")).content.decode()
    assert "Nothing shared yet" not in page and "1 of 8 kinds" in page


def test_the_safety_plan_page_says_exactly_who_can_see_it(client, person, clinician, trusted):
    client.force_login(person)
    page = client.get(reverse("safety:plan")).content.decode()
    assert "Only you." in page and reverse("care:index") in page
    made = link(person, clinician, ["journal"])
    assert "Only you." in client.get(reverse("safety:plan")).content.decode()
    services.set_grants(person, made, GrantsIn(kinds=["safety_plan"]))
    link(person, trusted, ["safety_plan"])
    page = client.get(reverse("safety:plan")).content.decode()
    assert "You, and dr_ash (clinician), sam_friend (trusted person)." in page
    assert "Only you" not in page
    services.revoke(person, made)
    page = client.get(reverse("safety:plan")).content.decode()
    assert "You, and sam_friend (trusted person)." in page


def test_local_mode_has_no_linking_and_says_so(client, person, settings):
    settings.CLINIC = False
    client.force_login(person)
    page = client.get(reverse("care:index")).content.decode()
    assert "local mode" in page and "Make a code" not in page
    assert client.post(reverse("care:new_code")).status_code == 404
    assert client.get(reverse("care:join")).status_code == 404
    assert not LinkCode.objects.exists()
    plan_page = client.get(reverse("safety:plan")).content.decode()
    assert "Only you." in plan_page and "local mode" in plan_page
