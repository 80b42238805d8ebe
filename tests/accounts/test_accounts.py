import pytest
from django.urls import reverse

from feelmap.accounts.models import ApiToken, Invitation, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_sends_a_fresh_install_to_the_welcome_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:welcome")


def test_it_sends_visitors_to_login_once_an_account_exists(client, person):
    response = client.get("/")
    assert response["Location"] == reverse("accounts:login")


def test_it_creates_the_first_account_with_argon2_and_logs_in(client):
    response = client.post(
        reverse("accounts:welcome"),
        {"username": "maya", "display_name": "Maya", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(username="maya")
    assert user.password.startswith("argon2")
    assert user.role == "person"
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    "data, field, words",
    [
        ({"username": "", "password1": PASSWORD, "password2": PASSWORD}, "username", "required"),
        ({"username": "has space", "password1": PASSWORD, "password2": PASSWORD}, "username", "no spaces"),
        ({"username": "maya", "password1": "short", "password2": "short"}, "password1", "too short"),
        ({"username": "maya", "password1": "password123", "password2": "password123"}, "password1", "too common"),
        ({"username": "maya", "password1": PASSWORD, "password2": PASSWORD + "x"}, "password2", "different"),
    ],
)
def test_it_explains_bad_sign_up_input_and_creates_nothing(client, data, field, words):
    response = client.post(reverse("accounts:welcome"), data)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field]).lower()
    assert words in errors
    assert not User.objects.exists()


def test_it_refuses_a_taken_username_whatever_the_case(client, person):
    response = client.post(
        reverse("accounts:welcome"),
        {"username": person.username.upper(), "password1": PASSWORD, "password2": PASSWORD},
    )
    assert "taken" in " ".join(response.context["form"].errors["username"])
    assert User.objects.count() == 1


def test_it_has_no_open_sign_up_in_clinic_mode(client, settings):
    settings.FEELMAP_MODE = "clinic"
    assert client.get(reverse("accounts:welcome")).status_code == 404
    response = client.post(
        reverse("accounts:welcome"),
        {"username": "maya", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 404
    assert not User.objects.exists()
    assert client.get("/")["Location"] == reverse("accounts:login")


def test_it_gives_one_generic_message_for_any_failed_login(client, person):
    wrong_password = client.post(reverse("accounts:login"), {"username": person.username, "password": "nope nope"})
    unknown_user = client.post(reverse("accounts:login"), {"username": "nobody", "password": "nope nope"})
    first = wrong_password.context["form"].non_field_errors()
    second = unknown_user.context["form"].non_field_errors()
    assert first == second
    assert "don't match" in first[0]


def test_it_starts_a_new_session_at_login(client, person):
    client.get(reverse("accounts:login"))
    client.cookies["feelmap_session"] = "planted-session-id"
    client.post(reverse("accounts:login"), {"username": person.username, "password": PASSWORD})
    assert client.cookies["feelmap_session"].value != "planted-session-id"


def test_it_pauses_logins_after_five_failures_and_not_for_ever(client, person, settings):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": person.username, "password": "wrong one"})
    locked = client.post(reverse("accounts:login"), {"username": person.username, "password": PASSWORD})
    assert locked.status_code == 429
    assert b"Too many tries" in locked.content
    assert settings.AXES_COOLOFF_TIME is not None


def test_it_logs_out_only_by_post_and_ends_the_session(person_client):
    assert person_client.get(reverse("accounts:logout")).status_code == 405
    response = person_client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "storage" in response["Clear-Site-Data"]
    assert person_client.get("/")["Location"] == reverse("accounts:login")


def test_it_refuses_the_old_session_cookie_after_logout(client, person):
    client.force_login(person)
    old = client.cookies["feelmap_session"].value
    client.post(reverse("accounts:logout"))
    client.cookies["feelmap_session"] = old
    assert client.get("/").status_code == 302


def test_it_ends_sessions_past_the_absolute_limit(client, person, settings):
    client.force_login(person)
    assert client.get("/").status_code == 200
    session = client.session
    session["feelmap_auth_at"] = session["feelmap_auth_at"] - settings.FEELMAP_SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert "expired=1" in response["Location"]
    assert client.get("/").status_code == 302


def test_it_changes_the_password(person_client, person):
    response = person_client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "another long phrase", "new_password2": "another long phrase"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("another long phrase")


def test_it_keeps_the_password_when_the_old_one_is_wrong(person_client, person):
    response = person_client.post(
        reverse("accounts:password_change"),
        {"old_password": "not it at all", "new_password1": "another long phrase", "new_password2": "another long phrase"},
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_it_creates_an_account_from_an_invitation_once(client, settings):
    settings.FEELMAP_MODE = "clinic"
    _invitation, raw = Invitation.issue(role="clinician")
    url = reverse("accounts:invitation", args=[raw])
    data = {"username": "dr_oak", "password1": PASSWORD, "password2": PASSWORD}
    assert client.post(url, data).status_code == 302
    assert User.objects.get(username="dr_oak").role == "clinician"
    client.logout()
    again = client.post(url, {**data, "username": "dr_elm"})
    assert again.status_code == 404
    assert not User.objects.filter(username="dr_elm").exists()


def test_it_refuses_an_unknown_invitation(client):
    assert client.get(reverse("accounts:invitation", args=["made-up"])).status_code == 404


def test_it_stores_api_tokens_only_as_digests(person):
    token, raw = ApiToken.issue(person)
    assert raw.startswith("fm_")
    assert raw not in token.digest
    assert ApiToken.objects.for_raw(raw) == token
    assert ApiToken.objects.for_raw(raw + "x") is None


def test_it_renews_the_idle_limit_with_activity_at_most_once_a_minute(client, person):
    from django.contrib.sessions.models import Session

    client.force_login(person)
    client.get("/")
    key = client.cookies["feelmap_session"].value
    first_expiry = Session.objects.get(session_key=key).expire_date
    client.get("/")
    assert Session.objects.get(session_key=key).expire_date == first_expiry
    session = client.session
    session["feelmap_seen_at"] -= 120
    session.save()
    client.get("/")
    assert Session.objects.get(session_key=key).expire_date > first_expiry


def test_it_ends_an_idle_session(client, person):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(person)
    key = client.cookies["feelmap_session"].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get("/")["Location"] == reverse("accounts:login")


def test_it_keeps_passwords_out_of_the_logs(client, person, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    for _ in range(6):
        client.post(reverse("accounts:login"), {"username": person.username, "password": "secret-guess-xyz"})
    assert "secret-guess-xyz" not in caplog.text
