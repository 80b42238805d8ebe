"""Two-step sign-in (TOTP, RFC 6238) with recovery codes, on a fixed clock.

Codes are computed here with pyotp from the stored secret, as an authenticator app would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core.management import call_command
from django.urls import reverse

from feelmap.accounts import twofactor
from feelmap.accounts.models import RecoveryCode, TotpDevice
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 14, 15, 9, 26, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    """A fixed clock for every two-step check; `clock.at = ...` moves it."""

    class Clock:
        at = T0

    monkeypatch.setattr(twofactor, "now", lambda: Clock.at)
    return Clock


def code_at(device: TotpDevice, at: datetime, steps: int = 0) -> str:
    return pyotp.TOTP(device.secret).at(at, counter_offset=steps)


def turn_on(user, clock) -> tuple[TotpDevice, list[str]]:
    device = twofactor.start_setup(user)
    codes = twofactor.confirm(user, code_at(device, clock.at))
    device.refresh_from_db()
    return device, codes


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password},
                       **extra)


# --- services ------------------------------------------------------------------------------

def test_the_secret_is_encrypted_at_rest_and_rfc_6238_sized(person, clock):
    device = twofactor.start_setup(person)
    from django.db import connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM accounts_totpdevice WHERE id = %s", [device.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("fernet:") and device.secret not in stored
    assert len(device.secret) == 32  # base32: 160 bits, RFC 4226's recommended length


def test_setup_is_not_on_until_a_code_confirms_it(person, clock):
    device = twofactor.start_setup(person)
    assert not twofactor.is_on(person)
    with pytest.raises(twofactor.TwoStepError, match="does not match"):
        twofactor.confirm(person, "000000" if code_at(device, T0) != "000000" else "111111")
    assert not twofactor.is_on(person)
    codes = twofactor.confirm(person, code_at(device, T0))
    assert twofactor.is_on(person) and len(codes) == 10 and len(set(codes)) == 10


def test_start_setup_again_keeps_the_same_waiting_secret(person, clock):
    assert twofactor.start_setup(person).secret == twofactor.start_setup(person).secret


def test_a_code_works_one_step_either_side_but_not_two(person, clock):
    device, _ = turn_on(person, clock)
    clock.at = T0 + timedelta(minutes=5)
    assert twofactor.check_code(person, code_at(device, clock.at, steps=-2)) is None
    assert twofactor.check_code(person, code_at(device, clock.at, steps=2)) is None
    assert twofactor.check_code(person, code_at(device, clock.at, steps=-1)) == "app"
    clock.at += timedelta(minutes=5)
    assert twofactor.check_code(person, code_at(device, clock.at, steps=1)) == "app"


def test_the_same_code_is_refused_the_second_time_in_its_window(person, clock):
    device, _ = turn_on(person, clock)
    clock.at = T0 + timedelta(seconds=60)
    code = code_at(device, clock.at)
    assert twofactor.check_code(person, code) == "app"
    assert twofactor.check_code(person, code) is None  # replay, same 30 s
    clock.at += timedelta(seconds=20)
    assert twofactor.check_code(person, code) is None  # replay, still inside the drift window
    # An older code than the last one used is refused too.
    assert twofactor.check_code(person, code_at(device, clock.at, steps=-1)) is None
    clock.at += timedelta(seconds=30)
    assert twofactor.check_code(person, code_at(device, clock.at)) == "app"


def test_the_confirming_code_cannot_be_replayed_at_sign_in(person, clock):
    device, _ = turn_on(person, clock)
    assert twofactor.check_code(person, code_at(device, T0)) is None


def test_recovery_codes_are_hashed_and_work_once(person, clock):
    _device, codes = turn_on(person, clock)
    stored = list(RecoveryCode.objects.filter(user=person))
    assert len(stored) == 10
    for row in stored:
        assert identify_hasher(row.code_hash).algorithm == "argon2"
        assert "$argon2id$" in row.code_hash
        assert all(code.replace("-", "") not in row.code_hash for code in codes)
    assert twofactor.check_code(person, codes[3].lower().replace("-", " ")) == "recovery"
    assert twofactor.check_code(person, codes[3]) is None
    assert twofactor.recovery_codes_left(person) == 9


def test_new_recovery_codes_replace_the_old_ones(person, clock):
    _device, old = turn_on(person, clock)
    new = twofactor.regenerate_recovery_codes(person)
    assert set(new).isdisjoint(old)
    assert twofactor.check_code(person, old[0]) is None
    assert twofactor.check_code(person, new[0]) == "recovery"


def test_a_person_may_turn_it_off_with_a_code_but_a_clinic_clinician_may_not(
        person, clinician, clock, settings):
    device, codes = turn_on(person, clock)
    with pytest.raises(twofactor.TwoStepError, match="does not match"):
        twofactor.turn_off(person, "12345")
    twofactor.turn_off(person, codes[0])
    assert not twofactor.is_on(person) and not RecoveryCode.objects.filter(user=person).exists()
    settings.FEELMAP_TWO_STEP_FOR_CLINICIANS = True
    clinician_device, clinician_codes = turn_on(clinician, clock)
    with pytest.raises(twofactor.TwoStepError, match="cannot be turned off"):
        twofactor.turn_off(clinician, clinician_codes[0])
    assert twofactor.is_on(clinician)


def test_the_qr_code_is_an_svg_without_script_or_style(person, clock):
    device = twofactor.start_setup(person)
    uri = twofactor.provisioning_uri(person, device)
    assert uri.startswith("otpauth://totp/Feelmap:river?") and f"secret={device.secret}" in uri
    svg = twofactor.qr_svg(uri)
    assert svg.startswith('<svg role="img" aria-label=') and "<path" in svg
    assert "script" not in svg and "style" not in svg and device.secret not in svg


def test_an_administrator_can_reset_it(person, clock, capsys):
    turn_on(person, clock)
    call_command("two-step", "river", "--reset")
    assert not TotpDevice.objects.filter(user=person).exists()
    call_command("two-step", "river")
    assert "off" in capsys.readouterr().out


# --- sign-in ------------------------------------------------------------------------------

def test_sign_in_asks_for_the_code_and_signs_in_only_after_it(client, person, clock):
    device, _ = turn_on(person, clock)
    response = sign_in(client, "river")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:two_step_verify")
    # Not signed in yet: every other page still asks to sign in.
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("journal:index")).status_code == 302
    assert client.get("/api/v1/checkins").status_code == 401
    page = client.get(reverse("accounts:two_step_verify"))
    assert page.status_code == 200 and b"authenticator app" in page.content
    clock.at = T0 + timedelta(minutes=1)
    done = client.post(reverse("accounts:two_step_verify"), {"code": code_at(device, clock.at)})
    assert done.status_code == 302 and done["Location"] == reverse("core:home")
    assert client.session["_auth_user_id"] == str(person.pk)
    assert client.get(reverse("journal:index")).status_code == 200


def test_the_session_id_changes_at_each_step(client, person, clock):
    device, _ = turn_on(person, clock)
    client.get(reverse("accounts:login"))
    sign_in(client, "river")
    between = client.session.session_key
    clock.at = T0 + timedelta(minutes=1)
    client.post(reverse("accounts:two_step_verify"), {"code": code_at(device, clock.at)})
    assert client.session.session_key != between


def test_a_wrong_code_says_so_and_a_recovery_code_works(client, person, clock):
    _device, codes = turn_on(person, clock)
    sign_in(client, "river")
    wrong = client.post(reverse("accounts:two_step_verify"), {"code": "999999"})
    assert wrong.status_code == 400 and b"does not match" in wrong.content
    assert "_auth_user_id" not in client.session
    ok = client.post(reverse("accounts:two_step_verify"), {"code": codes[0]}, follow=True)
    assert ok.status_code == 200 and b"recovery code" in ok.content and b"9 left" in ok.content


def test_the_second_step_lapses_after_five_minutes(client, person, clock, monkeypatch):
    from feelmap.accounts import views

    device, _ = turn_on(person, clock)
    sign_in(client, "river")
    session = client.session
    pending = session[views.PENDING]
    pending["at"] -= views.PENDING_SECONDS + 1
    session[views.PENDING] = pending
    session.save()
    clock.at = T0 + timedelta(minutes=1)
    response = client.post(reverse("accounts:two_step_verify"), {"code": code_at(device, clock.at)})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_the_second_step_without_a_password_first_goes_to_sign_in(client):
    response = client.get(reverse("accounts:two_step_verify"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")


def test_wrong_codes_are_throttled_with_wrong_passwords(client, person, clock, settings):
    device, _ = turn_on(person, clock)
    sign_in(client, "river")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(reverse("accounts:two_step_verify"), {"code": "000001"}).status_code == 400
    locked = client.post(reverse("accounts:two_step_verify"), {"code": "000002"})
    assert locked.status_code == 429 and b"Too many tries" in locked.content
    # Even the right code is refused while paused, and the password alone does not reset it.
    clock.at = T0 + timedelta(minutes=1)
    right = client.post(reverse("accounts:two_step_verify"), {"code": code_at(device, clock.at)})
    assert right.status_code == 429 and "_auth_user_id" not in client.session
    assert sign_in(client, "river").status_code == 429


def test_a_person_without_two_step_signs_in_with_the_password_alone(client, person):
    response = sign_in(client, "river")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(person.pk)


# --- pages --------------------------------------------------------------------------------

def test_setup_page_shows_qr_and_key_then_the_codes_once(client, person, clock):
    client.force_login(person)
    page = client.get(reverse("accounts:two_step_setup"))
    device = TotpDevice.objects.get(user=person)
    html = page.content.decode()
    assert page.status_code == 200 and '<svg role="img"' in html
    assert twofactor.grouped_secret(device.secret) in html
    done = client.post(reverse("accounts:two_step_setup"), {"code": code_at(device, T0)})
    html = done.content.decode()
    assert done.status_code == 200 and html.count("<li><code>") == 10
    assert twofactor.is_on(person)
    again = client.get(reverse("accounts:two_step_setup"))
    assert again.status_code == 302 and again["Location"] == reverse("accounts:two_step")
    assert "<li><code>" not in client.get(reverse("accounts:two_step")).content.decode()


def test_a_wrong_setup_code_changes_nothing(client, person, clock):
    client.force_login(person)
    client.get(reverse("accounts:two_step_setup"))
    response = client.post(reverse("accounts:two_step_setup"), {"code": "12"})
    assert response.status_code == 400 and b"does not match" in response.content
    assert not twofactor.is_on(person) and not RecoveryCode.objects.exists()


def test_regenerate_and_turn_off_pages(client, person, clock):
    _device, codes = turn_on(person, clock)
    client.force_login(person)
    fresh = client.post(reverse("accounts:two_step_codes"))
    assert fresh.status_code == 200 and fresh.content.decode().count("<li><code>") == 10
    refused = client.post(reverse("accounts:two_step_off"), {"code": codes[0]})
    assert refused.status_code == 400 and twofactor.is_on(person)  # old codes no longer work
    new_code = fresh.content.decode().split("<li><code>")[1].split("<")[0]
    off = client.post(reverse("accounts:two_step_off"), {"code": new_code})
    assert off.status_code == 302 and not twofactor.is_on(person)


# --- required for clinicians in clinic mode --------------------------------------------------

@pytest.fixture
def clinic_two_step(settings):
    settings.FEELMAP_TWO_STEP_FOR_CLINICIANS = True
    settings.CLINIC = True


@pytest.mark.parametrize("path", ["/", "/care/", "/care/join/", "/journal/", "/accounts/tokens/",
                                  "/accounts/password/"])
def test_a_clinic_clinician_without_it_is_sent_to_setup_first(client, clinician, clinic_two_step,
                                                              path):
    client.force_login(clinician)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_step_setup") + "?next=")


def test_the_api_through_the_browser_answers_403_until_it_is_set_up(client, clinician,
                                                                    clinic_two_step):
    client.force_login(clinician)
    response = client.get("/api/v1/care/links")
    assert response.status_code == 403 and "two-step" in response.json()["detail"]


def test_setup_sign_out_and_the_crisis_page_stay_open(client, clinician, clinic_two_step):
    client.force_login(clinician)
    assert client.get(reverse("accounts:two_step_setup")).status_code == 200
    assert client.get(reverse("core:crisis")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_after_setup_the_clinician_goes_on_to_where_they_were_going(
        client, clinician, clinic_two_step, clock):
    client.force_login(clinician)
    client.get(reverse("accounts:two_step_setup"))
    device = TotpDevice.objects.get(user=clinician)
    done = client.post(reverse("accounts:two_step_setup") + "?next=/care/",
                       {"code": code_at(device, T0), "next": "/care/"})
    assert 'href="/care/"' in done.content.decode()
    assert client.get("/care/").status_code == 200


def test_the_setup_page_refuses_to_send_anyone_elsewhere(client, clinician, clinic_two_step, clock):
    client.force_login(clinician)
    client.get(reverse("accounts:two_step_setup"))
    device = TotpDevice.objects.get(user=clinician)
    done = client.post(reverse("accounts:two_step_setup"),
                       {"code": code_at(device, T0), "next": "https://evil.example/"})
    assert "evil.example" not in done.content.decode()


def test_people_in_clinic_mode_may_choose(client, person, clinic_two_step):
    client.force_login(person)
    assert client.get(reverse("journal:index")).status_code == 200
