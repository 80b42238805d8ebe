"""Tests for the reviewed crisis resources and the safety plan (pure, no database)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from feelmap.safety import plan, resources
from feelmap.safety.resources import (
    Resource,
    ResourcesFileError,
    all_locales,
    load_resources,
    resolve_locale,
    resources_for,
    sms_href,
    tel_href,
)

DATA = Path(resources.__file__).with_name("data")
REVIEWED = json.loads((DATA / "reviewed_helplines.json").read_text(encoding="utf-8"))


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def test_it_ships_every_required_locale():
    keys = [key for key, _ in all_locales()]
    assert set(keys) >= {"INTL", "US", "GB", "IE", "CA", "AU", "NZ", "DE", "FR", "EU"}
    assert all_locales()[0] == ("INTL", "International")
    assert ("GB", "United Kingdom") in all_locales()


SOURCE_KINDS = {"service", "government", "secondary", "unchecked"}
# Numbers shipped before every source had to be the service's own site or a government page,
# or added (Ireland, New Zealand) when only news pages could be reached. Each still needs that
# check; none may be added to this list: a new number ships with a service or government source.
# Checked since (2026-12-03): US 741741 (the service's FAQ), GB 111 (NHS mental health trusts that
# answer its mental health option), CA 911 (CRTC), NZ 111 (govt.nz, NZ Police), FR 15
# (Service-Public.fr).
AWAITING_OFFICIAL_CHECK = {
    ("IE", "1800247247"), ("IE", "50808"), ("AU", "0477131114"), ("NZ", "0800543354"),
    ("NZ", "0508828865"), ("DE", "08001110111"), ("DE", "08001110222"),
}


def _reviewed(locale: str) -> dict[str, list[dict]]:
    """number (digits) or address -> its recorded sources."""
    found = {}
    for entry in REVIEWED["locales"][locale]["entries"]:
        what = _digits(entry["number"]) if "number" in entry else entry["url"]
        found[what] = entry["sources"]
    return found


def test_it_ships_only_reviewed_numbers_and_urls():
    shipped = load_resources()
    assert set(shipped) == set(REVIEWED["locales"]), "every locale needs a reviewed entry"
    for locale, items in shipped.items():
        reviewed = _reviewed(locale)
        for item in items:
            if item.number:
                assert _digits(item.number) in reviewed, (locale, item.name, item.number)
            if item.url:
                assert item.url in reviewed, (locale, item.name, item.url)


def test_every_crisis_number_and_address_has_a_recorded_source():
    for locale in REVIEWED["locales"]:
        for what, sources in _reviewed(locale).items():
            assert sources, (locale, what)
            for source in sources:
                assert source["url"].startswith(("https://", "http://")), (locale, what, source)
                assert source["by"] in SOURCE_KINDS, (locale, what, source)


def test_new_numbers_are_checked_against_the_service_or_a_government_source():
    waiting = set()
    for locale in REVIEWED["locales"]:
        for what, sources in _reviewed(locale).items():
            if not any(s["by"] in ("service", "government") for s in sources):
                waiting.add((locale, what))
    numbers_waiting = {(locale, what) for locale, what in waiting if not what.startswith("http")}
    assert numbers_waiting <= AWAITING_OFFICIAL_CHECK, numbers_waiting - AWAITING_OFFICIAL_CHECK
    # and the list shrinks as numbers are checked: nothing stays on it once it has a source
    assert AWAITING_OFFICIAL_CHECK <= numbers_waiting, AWAITING_OFFICIAL_CHECK - numbers_waiting


@pytest.mark.parametrize(
    ("locale", "number", "source"),
    [
        ("US", "741741", "https://www.crisistextline.org/faq"),
        ("GB", "111", "https://www.lpft.nhs.uk/contact-us/need-help-now"),
        ("CA", "911", "https://crtc.gc.ca/eng/phone/911/can.htm"),
        ("NZ", "111", "https://www.govt.nz/browse/crime-and-justice/crimes-and-emergencies/111-emergency-service/"),
        ("FR", "15", "https://www.service-public.fr/particuliers/vosdroits/F33954"),
    ],
)
def test_numbers_checked_on_the_service_or_a_government_page_keep_that_source(locale, number, source):
    sources = _reviewed(locale)[number]
    assert any(s["url"] == source and s["by"] in ("service", "government") for s in sources)
    assert all(s["by"] != "unchecked" for s in sources), "a checked number keeps no unchecked source"


@pytest.mark.parametrize(
    ("locale", "number"),
    [
        ("US", "988"),
        ("US", "741741"),
        ("US", "911"),
        ("GB", "116123"),
        ("GB", "85258"),
        ("GB", "111"),
        ("GB", "999"),
        ("IE", "116123"),
        ("IE", "112"),
        ("IE", "999"),
        ("CA", "988"),
        ("CA", "911"),
        ("AU", "131114"),
        ("AU", "000"),
        ("NZ", "1737"),
        ("NZ", "111"),
        ("NZ", "0800543354"),
        ("NZ", "0508828865"),
        ("IE", "1800247247"),
        ("IE", "50808"),
        ("DE", "08001110111"),
        ("DE", "08001110222"),
        ("DE", "112"),
        ("FR", "3114"),
        ("FR", "112"),
        ("FR", "15"),
        ("EU", "112"),
    ],
)
def test_it_has_the_expected_numbers(locale, number):
    assert number in {_digits(r.number) for r in resources_for(locale) if r.number}


def test_it_has_an_emergency_entry_and_the_directory_everywhere():
    for locale, _ in all_locales():
        items = resources_for(locale)
        assert any(r.kind == "emergency" for r in items), locale
        assert any(r.url == "https://findahelpline.com" for r in items), locale


def test_it_tells_the_international_user_to_call_local_emergency_services():
    items = resources_for(None)
    assert "local emergency number" in items[0].name.lower()
    assert items[0].href is None


def test_it_has_reviewed_dates_and_plain_fields():
    for items in load_resources().values():
        for item in items:
            assert re.match(r"^\d{4}-\d{2}-\d{2}$", item.reviewed_on)
            assert item.hours and item.description and item.name


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("en-GB", "GB"),
        ("en_GB", "GB"),
        ("GB", "GB"),
        ("gb", "GB"),
        ("en-gb", "GB"),
        ("UK", "GB"),
        ("en-US", "US"),
        ("fr-CA", "CA"),
        ("de-DE", "DE"),
        ("de_AT", "EU"),
        ("nl-NL", "EU"),
        ("en-IE", "IE"),
        ("en", "INTL"),
        ("pt-BR", "INTL"),
        ("", "INTL"),
        (None, "INTL"),
        ("   ", "INTL"),
        ("not a locale!", "INTL"),
    ],
)
def test_it_resolves_locales(given, expected):
    assert resolve_locale(given) == expected


def test_it_falls_back_to_international():
    assert resources_for("xx-YY") == resources_for(None) == resources_for("INTL")


def test_it_builds_tel_and_sms_links():
    assert tel_href("116 123") == "tel:116123"
    assert tel_href("0800 111 0 111") == "tel:08001110111"
    assert tel_href("+44 116-123") == "tel:+44116123"
    assert sms_href("741741", "HOME") == "sms:741741?body=HOME"
    assert sms_href("988") == "sms:988"
    us = {r.name: r for r in resources_for("US")}
    assert us["Crisis Text Line"].href == "sms:741741?body=HOME"
    assert us["988 Suicide & Crisis Lifeline"].href == "tel:988"


def test_it_gives_buttons_for_each_resource():
    gb = resources_for("GB")
    samaritans = next(r for r in gb if r.name == "Samaritans")
    assert [(c.href, c.label) for c in samaritans.contacts] == [
        ("tel:116123", "Call 116 123"),
        ("https://www.samaritans.org", "Website"),
    ]
    shout = next(r for r in gb if r.name == "Shout")
    assert shout.contacts[0].label == "Text SHOUT to 85258"
    directory = resources_for(None)[1]
    assert [(c.href, c.label) for c in directory.contacts] == [
        ("https://findahelpline.com", "Visit findahelpline.com")
    ]
    assert resources_for(None)[0].contacts == ()


def test_it_serialises_a_resource():
    data = resources_for("GB")[1].as_dict()
    assert data["href"] == "tel:116123"
    assert set(data) >= {"name", "how", "number", "url", "hours", "description", "reviewed_on"}


def _write(tmp_path: Path, data) -> Path:
    path = tmp_path / "crisis.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _valid_override() -> dict:
    return {
        "version": 1,
        "default_locale": "INTL",
        "locales": {
            "INTL": {
                "name": "Clinic",
                "resources": [
                    {
                        "name": "Clinic duty line",
                        "kind": "helpline",
                        "how": "call",
                        "number": "01234 567890",
                        "hours": "9 to 5, weekdays",
                        "description": "The clinic's duty worker.",
                        "reviewed_on": "2025-06-01",
                    }
                ],
            }
        },
    }


def test_it_reads_an_override_file(tmp_path):
    path = _write(tmp_path, _valid_override())
    items = resources_for("en-GB", override_path=path)
    assert [r.name for r in items] == ["Clinic duty line"]
    assert items[0].href == "tel:01234567890"
    assert all_locales(override_path=path) == [("INTL", "Clinic")]
    assert resources_for("GB", override_path="") == resources_for("GB")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("locales"), "locales"),
        (lambda d: d["locales"]["INTL"]["resources"][0].update(how="fax"), "'how' must be one of"),
        (lambda d: d["locales"]["INTL"]["resources"][0].pop("number"), "needs a 'number'"),
        (lambda d: d["locales"]["INTL"]["resources"][0].update(number="call us"), "'number'"),
        (lambda d: d["locales"]["INTL"]["resources"][0].update(url="http://x"), "https://"),
        (lambda d: d["locales"]["INTL"]["resources"][0].update(reviewed_on="May"), "date"),
        (lambda d: d["locales"]["INTL"]["resources"][0].update(colour="red"), "unknown field"),
        (lambda d: d["locales"]["INTL"].update(resources=[]), "non-empty list"),
        (lambda d: d.update(default_locale="US"), "default_locale"),
        (lambda d: d["locales"].update(gb=d["locales"]["INTL"]), "upper-case"),
    ],
)
def test_it_rejects_a_bad_override_with_a_clear_error(tmp_path, mutate, message):
    data = _valid_override()
    mutate(data)
    path = _write(tmp_path, data)
    with pytest.raises(ResourcesFileError) as info:
        resources_for("GB", override_path=path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_it_rejects_a_missing_or_broken_file(tmp_path):
    with pytest.raises(ResourcesFileError, match="cannot be read"):
        resources_for("GB", tmp_path / "nope.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ResourcesFileError, match="not valid JSON"):
        resources_for("GB", broken)


def test_it_returns_frozen_resources():
    item = resources_for("US")[0]
    assert isinstance(item, Resource)
    with pytest.raises(AttributeError):
        item.number = "123"  # type: ignore[misc]


# --- safety plan --------------------------------------------------------------------------


def test_it_has_the_seven_plan_sections_in_order():
    assert plan.SECTION_KEYS == (
        "warning_signs",
        "coping_steps",
        "distractions",
        "people_to_ask",
        "professionals",
        "safer_surroundings",
        "reasons_for_living",
    )
    for section in plan.SECTIONS:
        assert section.title and section.guidance
        assert 2 <= len(section.prompts) <= 3
    assert [s.key for s in plan.SECTIONS if s.optional] == ["reasons_for_living"]


def test_it_cleans_a_plan():
    cleaned = plan.validate_plan(
        {
            "warning_signs": ["  I stop eating ", "", "I stop eating", "tight\tchest\x00"],
            "coping_steps": "walk\n\n cold water \n",
            "people_to_ask": None,
        }
    )
    assert cleaned["warning_signs"] == ["I stop eating", "tight chest"]
    assert cleaned["coping_steps"] == ["walk", "cold water"]
    assert cleaned["people_to_ask"] == []
    assert set(cleaned) == set(plan.SECTION_KEYS)


def test_it_accepts_an_empty_plan():
    assert plan.validate_plan({}) == plan.empty_plan()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must be an object"),
        ({"favourite_food": ["x"]}, "Unknown safety plan section"),
        ({"warning_signs": 5}, "must be a list"),
        ({"warning_signs": [1]}, "must be text"),
        ({"warning_signs": ["x" * (plan.MAX_ITEM_LENGTH + 1)]}, "characters"),
        ({"warning_signs": [f"item {i}" for i in range(plan.MAX_ITEMS + 1)]}, "the most"),
    ],
)
def test_it_rejects_a_bad_plan_with_a_clear_message(data, message):
    with pytest.raises(ValueError, match=message):
        plan.validate_plan(data)


def test_it_allows_answers_at_the_limits():
    data = {"coping_steps": [f"{i} " + "x" * (plan.MAX_ITEM_LENGTH - 3) for i in range(10, 22)]}
    assert len(plan.validate_plan(data)["coping_steps"]) == plan.MAX_ITEMS
