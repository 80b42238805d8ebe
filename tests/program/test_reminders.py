"""Reminder settings (page and API), the calendar feed (parsed with icalendar, across a
daylight-saving change) and the secret address that can be rotated."""

import re
from datetime import UTC, datetime, time

import pytest
from dateutil.rrule import rrulestr
from django.urls import reverse
from icalendar import Calendar

from feelmap.accounts.models import ApiToken
from feelmap.program import services
from feelmap.program.feed import build_feed
from feelmap.program.models import ReminderSettings
from feelmap.program.schemas import ReminderSettingsIn

pytestmark = pytest.mark.django_db

GOOD = {"times": "08:30, 19:00", "days": ["1", "3", "5"], "time_zone": "Europe/London",
        "quiet_start": "22:00", "quiet_end": "07:00", "purposes": ["checkin", "program"],
        "email_enabled": "on", "email": "river@example.org"}


def test_the_settings_page_saves_a_schedule(person_client, person):
    assert person_client.get(reverse("program:reminders")).status_code == 200
    response = person_client.post(reverse("program:reminders"), GOOD)
    assert response.status_code == 302
    found = ReminderSettings.objects.get(owner=person)
    assert found.times == ["08:30", "19:00"] and found.days == [1, 3, 5]
    assert found.quiet_start == time(22, 0) and found.time_zone == "Europe/London"
    assert found.email == "river@example.org" and found.email_enabled


def test_the_zone_list_selects_the_saved_zone_and_only_that_one(person_client):
    """The list is a cached fragment per chosen zone: each page selects its own."""
    def selected() -> list[str]:
        body = person_client.get(reverse("program:reminders")).content.decode()
        return re.findall(r'<option value="([^"]+)" selected>', body)

    person_client.post(reverse("program:reminders"), GOOD)
    assert selected() == ["Europe/London"]
    person_client.post(reverse("program:reminders"), {**GOOD, "time_zone": "Asia/Tokyo"})
    assert selected() == ["Asia/Tokyo"]
    response = person_client.post(reverse("program:reminders"),
                                  {**GOOD, "time_zone": "Mars/Olympus"})
    assert response.status_code == 422
    assert '" selected>' not in response.content.decode().split('id="r-zone"')[1].split("</select>")[0]


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"times": "25:00"}, "times", "like 08:30"),
    ({"time_zone": "Mars/Olympus"}, "time_zone", "Choose a time zone"),
    ({"email": "not an address"}, "email", "e-mail address"),
    ({"email": ""}, "_", "give an address"),
    ({"quiet_end": ""}, "_", "both ends"),
    ({"purposes": ["everything"]}, "purposes", "Input should be"),
])
def test_bad_settings_get_a_clear_message_and_change_nothing(person_client, person, change, field, words):
    services.save_reminder_settings(person, ReminderSettingsIn(times=["09:00"], days=[1]))
    response = person_client.post(reverse("program:reminders"), {**GOOD, **change})
    assert response.status_code == 422
    assert words in response.content.decode()
    assert ReminderSettings.objects.get(owner=person).times == ["09:00"]


def test_the_api_reads_and_writes_reminder_settings(client, person):
    _token, raw = ApiToken.issue(person)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/v1/program/reminders", **auth).json()["times"] == []
    payload = {"times": ["07:15"], "days": [1, 2], "time_zone": "America/New_York",
               "purposes": ["checkin"], "quiet_start": "22:00", "quiet_end": "06:00"}
    response = client.put("/api/v1/program/reminders", payload, content_type="application/json", **auth)
    assert response.status_code == 200 and response.json()["time_zone"] == "America/New_York"
    bad = client.put("/api/v1/program/reminders", {**payload, "times": ["7am"]},
                     content_type="application/json", **auth)
    assert bad.status_code == 422 and "times" in bad.json()["fields"]
    unknown = client.put("/api/v1/program/reminders", {**payload, "colour": "red"},
                         content_type="application/json", **auth)
    assert unknown.status_code == 422
    assert ReminderSettings.objects.get(owner=person).times == ["07:15"]
    feed = client.post("/api/v1/program/reminders/feed", **auth)
    assert feed.status_code == 201 and feed.json()["url"].endswith(".ics")


def _feed_for(person_client) -> tuple[str, bytes]:
    response = person_client.post(reverse("program:feed_rotate"), {"action": "new"})
    body = response.content.decode()
    url = body.split('id="feed-url" readonly value="')[1].split('"')[0]
    path = url.split("testserver")[1]
    return path, person_client.get(path).content


def test_the_feed_parses_and_keeps_local_times_across_the_clock_change(person_client, person, client):
    person_client.post(reverse("program:reminders"), {**GOOD, "days": [str(d) for d in range(1, 8)],
                                                       "times": "08:30, 23:00"})
    path, raw = _feed_for(person_client)
    calendar = Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1  # 23:00 falls in the quiet hours and is left out
    event = events[0]
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert {tz["TZID"] for tz in calendar.walk("VTIMEZONE")} == {"Europe/London"}
    assert "whenever you are ready" in str(event["DESCRIPTION"]).lower()
    assert event.walk("VALARM")
    start = event.decoded("DTSTART")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    around = rule.between(datetime(2027, 3, 27, tzinfo=UTC), datetime(2027, 3, 30, tzinfo=UTC))
    # 28 March 2027 is the change to summer time in London: 08:30 stays 08:30 local.
    assert [d.strftime("%H:%M") for d in around] == ["08:30", "08:30", "08:30"]
    assert [d.astimezone(UTC).hour for d in around] == [8, 7, 7]
    # The address works without a login, for calendar apps.
    assert client.get(path).status_code == 200


def test_a_new_address_stops_the_old_one(person_client, person, client):
    old, _ = _feed_for(person_client)
    new, _ = _feed_for(person_client)
    assert client.get(old).status_code == 404 and client.get(new).status_code == 200
    person_client.post(reverse("program:feed_rotate"), {"action": "remove"})
    assert client.get(new).status_code == 404
    assert client.get("/path/reminders/feed/made-up.ics").status_code == 404
    assert not ReminderSettings.objects.get(owner=person).feed_hash.startswith(new.split("/")[-1])


def test_the_feed_builder_refuses_nothing_and_adds_one_off_booster_events():
    raw = build_feed(owner_key="x", times=["09:00"], days=[], zone_name="Asia/Tokyo",
                     quiet_start=None, quiet_end=None, purposes=["booster"],
                     first_day=datetime(2026, 5, 1).date(),
                     extra=[("One-month booster", datetime(2026, 6, 1).date())])
    events = list(Calendar.from_ical(raw).walk("VEVENT"))
    assert len(events) == 1 and str(events[0]["SUMMARY"]) == "Feelmap: One-month booster"
    assert events[0].decoded("DTSTART").utcoffset().total_seconds() == 9 * 3600
