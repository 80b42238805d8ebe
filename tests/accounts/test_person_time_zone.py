"""A signed-in person's pages run on their own clock (PersonTimeZoneMiddleware)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from feelmap.accounts.middleware import PersonTimeZoneMiddleware

pytestmark = pytest.mark.django_db


def _zone_seen(user) -> str:
    seen: list[str] = []

    def view(request):
        seen.append(timezone.get_current_timezone_name())
        return HttpResponse("ok")

    request = RequestFactory().get("/")
    request.user = user
    PersonTimeZoneMiddleware(view)(request)
    return seen[0]


def test_the_persons_zone_is_active_for_their_request_and_only_then(person, settings):
    settings.TIME_ZONE = "UTC"
    person.time_zone = "Pacific/Auckland"
    assert _zone_seen(person) == "Pacific/Auckland"
    assert timezone.get_current_timezone_name() == "UTC"  # not left behind for the next one
    person.time_zone = ""
    assert _zone_seen(person) == "UTC"
    person.time_zone = "Nowhere/Atlantis"  # unknown: the server's
    assert _zone_seen(person) == "UTC"
    assert _zone_seen(AnonymousUser()) == "UTC"


def test_a_page_shows_the_persons_today(client, person):
    from datetime import UTC, datetime
    from unittest import mock

    person.time_zone = "Pacific/Auckland"
    person.save(update_fields=["time_zone"])
    client.force_login(person)
    moment = datetime(2026, 3, 10, 11, 30, tzinfo=UTC)  # the 11th in Auckland
    with mock.patch("django.utils.timezone.now", return_value=moment):
        body = client.get(reverse("checkins:calendar")).content.decode()
    # The calendar marks the 11th as today, not the server's 10th.
    assert re.search(r'class="day-number">11</span>\s*<span class="day-today">today', body)
    assert not re.search(r'class="day-number">10</span>\s*<span class="day-today">', body)
