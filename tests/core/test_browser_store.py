"""The browser-storage id the server renders into pages: random per signed-in session, never
the person's name, and none for a signed-out page."""

import re

from django.urls import reverse

from feelmap.accounts.browser_store import SESSION_KEY
from tests.conftest import PASSWORD

META = re.compile(r'<meta name="feelmap-store" content="([^"]*)">')


def store_id_in(response) -> str:
    return META.search(response.content.decode()).group(1)


def test_it_renders_no_id_for_a_signed_out_page(client, db):
    assert store_id_in(client.get(reverse("accounts:login"))) == ""
    assert store_id_in(client.get(reverse("core:crisis"))) == ""


def sign_in(client, person):
    client.post(reverse("accounts:login"), {"username": person.username, "password": PASSWORD})


def test_it_renders_one_random_id_per_session(client, person):
    sign_in(client, person)
    first = store_id_in(client.get(reverse("core:home")))
    assert len(first) >= 16 and person.username not in first
    assert store_id_in(client.get(reverse("core:crisis"))) == first

    client.post(reverse("accounts:logout"))
    assert store_id_in(client.get(reverse("accounts:login"))) == ""
    sign_in(client, person)
    assert store_id_in(client.get(reverse("core:home"))) not in ("", first)


def test_it_makes_a_new_id_when_the_session_belongs_to_someone_else(client, person, other_person):
    client.force_login(person)
    session = client.session
    session[SESSION_KEY] = f"{other_person.pk}:borrowed"
    session.save()
    assert store_id_in(client.get(reverse("core:home"))) not in ("", "borrowed")


def test_it_asks_the_browser_to_clear_storage_at_sign_out(person_client):
    response = person_client.post(reverse("accounts:logout"))
    assert "storage" in response["Clear-Site-Data"]
