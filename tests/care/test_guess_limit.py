"""Wrong link codes are limited: 10 misses within an hour per account and per address, on the
page and the API, with a clear message; a right code is refused too while paused, and nothing
changes; the pause ends when the misses are an hour old."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feelmap.accounts.models import ApiToken, FailedGuess
from feelmap.care import guesses, services
from feelmap.care.models import Link, LinkCode

pytestmark = pytest.mark.django_db
API = "/api/v1/care/join"


def _page(client, code, ip="198.51.100.7"):
    return client.post(reverse("care:join"), {"code": code}, REMOTE_ADDR=ip)


def _api(client, user, code, ip="198.51.100.7"):
    _t, raw = ApiToken.issue(user)
    return client.post(API, data={"code": code}, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {raw}", REMOTE_ADDR=ip)


def test_the_page_pauses_after_ten_wrong_codes_and_then_refuses_a_right_one(
        client, person, clinician):
    client.force_login(clinician)
    for n in range(guesses.GUESS_LIMIT):
        assert _page(client, f"WRNG-CODE-{n:02d}").status_code == 400
    _c, raw = services.create_code(person)
    paused = _page(client, raw)
    assert paused.status_code == 429
    assert "paused for up to an hour" in paused.content.decode()
    assert not Link.objects.exists() and LinkCode.objects.usable().count() == 1


def test_the_limit_is_per_address_too(client, person, clinician, other_clinician):
    client.force_login(clinician)
    for n in range(guesses.GUESS_LIMIT):
        _page(client, f"WRNG-CODE-{n:02d}", ip="203.0.113.9")
    client.force_login(other_clinician)
    _c, raw = services.create_code(person)
    # Another account, but the same address: paused.
    assert _page(client, raw, ip="203.0.113.9").status_code == 429
    assert not Link.objects.exists()


def test_another_account_elsewhere_is_not_held_up(client, person, clinician, other_clinician):
    client.force_login(clinician)
    for n in range(guesses.GUESS_LIMIT):
        _page(client, f"WRNG-CODE-{n:02d}", ip="203.0.113.9")
    client.force_login(other_clinician)
    _c, raw = services.create_code(person)
    response = _page(client, raw, ip="192.0.2.44")
    assert response.status_code == 302
    assert Link.objects.get().viewer == other_clinician


def test_the_api_answers_429_with_the_same_message(client, person, trusted):
    for n in range(guesses.GUESS_LIMIT):
        assert _api(client, trusted, f"WRNG-CODE-{n:02d}").status_code == 422
    _c, raw = services.create_code(person)
    response = _api(client, trusted, raw)
    assert response.status_code == 429
    assert response.json()["detail"] == guesses.TOO_MANY
    assert not Link.objects.exists()


def test_nine_misses_still_let_the_right_code_through(client, person, clinician):
    client.force_login(clinician)
    for n in range(guesses.GUESS_LIMIT - 1):
        _page(client, f"WRNG-CODE-{n:02d}")
    _c, raw = services.create_code(person)
    assert _page(client, raw).status_code == 302
    assert Link.objects.get().viewer == clinician


def test_the_pause_ends_when_the_misses_are_an_hour_old(client, person, clinician):
    client.force_login(clinician)
    for n in range(guesses.GUESS_LIMIT):
        _page(client, f"WRNG-CODE-{n:02d}")
    FailedGuess.objects.update(at=timezone.now() - guesses.GUESS_WINDOW - timedelta(seconds=1))
    _c, raw = services.create_code(person)
    assert _page(client, raw).status_code == 302


def test_an_empty_code_is_a_form_error_not_a_guess(client, clinician):
    client.force_login(clinician)
    assert _page(client, "   ").status_code == 400
    assert not FailedGuess.objects.exists()


def test_the_stored_misses_hold_no_code(client, clinician):
    client.force_login(clinician)
    _page(client, "SECR-ETGU-ES")
    keys = set(FailedGuess.objects.values_list("key", flat=True))
    assert keys == {f"viewer:{clinician.pk}", "ip:198.51.100.7"}
