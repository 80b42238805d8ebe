"""Session and request safeguards not covered elsewhere: a real pre-login session is replaced at
login, a password changed on the page signs every other device out (and tokens stop), and a
page POST without the CSRF token is refused and changes nothing."""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from feelmap.accounts.models import ApiToken
from feelmap.accounts.schemas import TokenCreate
from feelmap.accounts.services import token_create
from tests.conftest import PASSWORD

NEW_PASSWORD = "a different long passphrase"


def test_a_real_session_from_before_login_is_replaced_at_login(client, person):
    planted = SessionStore()
    planted["seen"] = True  # a session an attacker could have handed the victim
    planted.create()
    client.cookies["feelmap_session"] = planted.session_key
    response = client.post(reverse("accounts:login"),
                           {"username": person.username, "password": PASSWORD})
    assert response.status_code == 302
    new_key = client.cookies["feelmap_session"].value
    assert new_key != planted.session_key
    assert not Session.objects.filter(session_key=planted.session_key).exists()
    assert Session.objects.get(session_key=new_key).get_decoded()["_auth_user_id"] == str(person.pk)


def test_a_password_change_on_the_page_signs_other_devices_out_and_ends_tokens(person):
    laptop, phone = Client(), Client()
    laptop.force_login(person)
    phone.force_login(person)
    _token, raw = token_create(person, TokenCreate(label="script"))
    assert phone.get("/checkin/").status_code == 200

    response = laptop.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302

    assert laptop.get("/checkin/").status_code == 200  # the device that changed it stays in
    signed_out = phone.get("/checkin/")
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith(reverse("accounts:login"))
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert not ApiToken.objects.live().filter(user=person).exists()


def test_a_page_post_without_the_csrf_token_is_refused_and_changes_nothing(person):
    from feelmap.journal.models import JournalEntry

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(person)
    page = browser.get(reverse("journal:write"))
    assert page.status_code == 200
    refused = browser.post(reverse("journal:write"), {"body": "Written without the token."})
    assert refused.status_code == 403
    assert not JournalEntry.objects.filter(owner=person).exists()

    # The same form with the token goes through, so the refusal above was the CSRF check.
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(reverse("journal:write"),
                            {"body": "Written with the token.", "csrfmiddlewaretoken": token})
    assert accepted.status_code == 302
    assert JournalEntry.objects.filter(owner=person).count() == 1


def test_a_password_change_without_the_csrf_token_keeps_the_password(person):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(person)
    browser.get(reverse("accounts:password_change"))
    refused = browser.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert refused.status_code == 403
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
