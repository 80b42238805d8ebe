"""API tokens: expiry, listing and revocation (page, CLI, password change), and what TokenAuth refuses."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feelmap.accounts import services
from feelmap.accounts.models import ApiToken, Invitation, User
from feelmap.accounts.schemas import TokenCreate
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another long phrase 77"


def _me(_client, raw):
    # A fresh client: no session cookie to fall back on, the token alone decides.
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")


def _token(user, **kwargs):
    return services.token_create(user, TokenCreate(**kwargs))


def test_a_token_without_expiry_works_until_revoked(client, person):
    token, raw = _token(person, label="laptop")
    assert token.expires_at is None
    assert _me(client, raw).status_code == 200
    services.token_revoke(token)
    assert _me(client, raw).status_code == 401


def test_the_api_refuses_an_expired_token(client, person):
    token, raw = _token(person, days=30)
    assert token.expires_at - timezone.now() > timedelta(days=29)
    assert _me(client, raw).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _me(client, raw).status_code == 401
    assert ApiToken.objects.get(pk=token.pk).status == "expired"


def test_the_api_refuses_a_revoked_token(client, person):
    token, raw = _token(person)
    assert services.token_revoke_by_id(str(token.public_id)) == token
    assert _me(client, raw).status_code == 401
    assert ApiToken.objects.get(pk=token.pk).status == "revoked"


def test_changing_the_password_on_the_page_revokes_every_token(client, person):
    _first, raw1 = _token(person)
    _second, raw2 = _token(person, days=5)
    client.force_login(person)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert _me(client, raw1).status_code == 401
    assert _me(client, raw2).status_code == 401
    assert not ApiToken.objects.live().filter(user=person).exists()
    # The person stays signed in, and the page says what happened to the tokens.
    page = client.get("/")
    assert page.status_code == 200
    assert "API tokens no longer work" in page.content.decode()


def test_a_refused_password_change_keeps_the_tokens(client, person):
    _token_, raw = _token(person)
    client.force_login(person)
    client.post(
        reverse("accounts:password_change"),
        {"old_password": "not it at all", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert _me(client, raw).status_code == 200


def test_the_password_command_revokes_every_token(person, monkeypatch, capsys):
    import io
    import sys

    _token_, raw = _token(person)
    monkeypatch.setattr(sys, "stdin", io.StringIO(NEW_PASSWORD + "\n"))
    call_command("password", person.username, "--password-stdin")
    assert "1 API token(s) revoked" in capsys.readouterr().out
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert ApiToken.objects.for_raw(raw) is None


def test_any_other_password_change_revokes_tokens_too(person):
    # Django's own `changepassword` command and the shell do set_password() then save().
    _token_, raw = _token(person)
    person.set_password(NEW_PASSWORD)
    person.save()
    assert ApiToken.objects.for_raw(raw) is None


def test_other_saves_and_logging_in_keep_the_tokens(client, person):
    _token_, raw = _token(person)
    person.display_name = "River"
    person.save()
    client.post(reverse("accounts:login"), {"username": person.username, "password": PASSWORD})
    assert ApiToken.objects.for_raw(raw) is not None


def test_one_persons_password_change_leaves_anothers_tokens(person, other_person):
    _token_, raw = _token(other_person)
    services.password_change(person, NEW_PASSWORD)
    assert ApiToken.objects.for_raw(raw) is not None


# --- the page ---------------------------------------------------------------------------

def test_the_tokens_page_needs_a_signed_in_person(client):
    response = client.get(reverse("accounts:tokens"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_account_area_links_to_the_tokens_page(person_client):
    assert f'href="{reverse("accounts:tokens")}"' in person_client.get("/").content.decode()


def test_the_page_makes_a_token_and_shows_it_only_once(client, person):
    client.force_login(person)
    response = client.post(reverse("accounts:tokens"), {"label": "my script", "days": "14"})
    assert response.status_code == 200
    html = response.content.decode()
    token = ApiToken.objects.get(user=person)
    raw = html.split('id="new-token" type="text" readonly value="', 1)[1].split('"', 1)[0]
    assert raw.startswith("fm_") and ApiToken.objects.for_raw(raw) == token
    assert token.label == "my script"
    assert timedelta(days=13) < token.expires_at - timezone.now() <= timedelta(days=14)
    assert response["Cache-Control"] == "no-store"
    again = client.get(reverse("accounts:tokens")).content.decode()
    assert raw not in again
    assert "my script" in again and "Working" in again
    assert _me(client, raw).status_code == 200


@pytest.mark.parametrize(
    "data, field",
    [
        ({"label": "x", "days": "0"}, "days"),
        ({"label": "x", "days": "366"}, "days"),
        ({"label": "x", "days": "ten"}, "days"),
        ({"label": "x", "days": "99999999999999999999"}, "days"),
        ({"label": "x" * 81, "days": ""}, "label"),
    ],
)
def test_the_page_explains_bad_token_input_and_makes_nothing(person_client, person, data, field):
    response = person_client.post(reverse("accounts:tokens"), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and 'role="alert"' in html
    assert 'id="new-token"' not in html
    assert not ApiToken.objects.exists()


def test_the_page_strips_control_characters_from_a_name(person_client, person):
    person_client.post(reverse("accounts:tokens"), {"label": "a\u202eb\x00c", "days": ""})
    assert ApiToken.objects.get(user=person).label == "abc"


def test_the_page_revokes_ones_own_token_only_by_post(person_client, person):
    token, raw = _token(person, label="old phone")
    url = reverse("accounts:token_revoke", args=[token.public_id])
    assert person_client.get(url).status_code == 405
    response = person_client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:tokens")
    assert ApiToken.objects.for_raw(raw) is None
    html = person_client.get(reverse("accounts:tokens")).content.decode()
    assert "no longer works" in html and "Revoked" in html


def test_the_page_cannot_revoke_another_persons_token(person_client, other_person):
    token, raw = _token(other_person)
    response = person_client.post(reverse("accounts:token_revoke", args=[token.public_id]))
    assert response.status_code == 404
    assert ApiToken.objects.for_raw(raw) == token


def test_the_page_never_lists_another_persons_tokens(person_client, other_person):
    _token(other_person, label="stone's robot")
    assert "stone&#x27;s robot" not in person_client.get(reverse("accounts:tokens")).content.decode()


# --- the command ------------------------------------------------------------------------

def test_the_token_command_lists_without_secrets_and_revokes(person, capsys):
    call_command("token", person.username, "--label", "laptop", "--days", "30")
    raw = capsys.readouterr().out.strip()
    assert raw.startswith("fm_")
    token = ApiToken.objects.get(user=person)
    call_command("token", "--list", person.username)
    listed = capsys.readouterr().out
    assert str(token.public_id) in listed and "laptop" in listed and "active" in listed
    assert raw not in listed and token.digest not in listed
    call_command("token", "--revoke", str(token.public_id))
    assert "Revoked" in capsys.readouterr().out
    assert ApiToken.objects.for_raw(raw) is None
    call_command("token", "--list", person.username)
    assert "revoked" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, words",
    [
        (["--revoke", "not-an-id"], "No token"),
        (["--revoke", "0b2f4a64-0000-4000-8000-000000000000"], "No token"),
        (["river", "--days", "0"], "--days"),
        (["river", "--days", "400"], "--days"),
        ([], "Name the account"),
    ],
)
def test_the_token_command_refuses_bad_input_clearly(person, args, words):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=words):
        call_command("token", *args)
    assert not ApiToken.objects.exists()


# --- sign-up in clinic mode --------------------------------------------------------------

def test_clinic_sign_up_does_not_say_a_username_is_taken(client, settings, person):
    settings.FEELMAP_MODE = "clinic"
    _invitation, raw = Invitation.issue(role="person")
    url = reverse("accounts:invitation", args=[raw])
    response = client.post(url, {"username": person.username.upper(), "password1": PASSWORD,
                                 "password2": PASSWORD})
    assert response.status_code == 200
    html = response.content.decode()
    assert "taken" not in html.lower() and "exists" not in html.lower()
    assert "could not be completed" in html and "the person who invited you" in html
    assert User.objects.count() == 1
    assert Invitation.objects.usable(raw) is not None
    # The same link still works with another username.
    assert client.post(url, {"username": "maya", "password1": PASSWORD, "password2": PASSWORD}).status_code == 302
