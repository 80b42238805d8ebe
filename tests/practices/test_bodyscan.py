import copy

import pytest

from feelmap.lib.content import read_json
from feelmap.practices.bodyscan import (
    DATA_FILE,
    REGION_KEYS,
    load_scans,
    parse_scans,
    scan,
    validate,
    validate_scans,
)


def raw_scans():
    return read_json(DATA_FILE)


def test_it_ships_valid_short_and_long_scans():
    assert validate() == []
    assert set(load_scans()) == {"short", "long"}


def test_it_lasts_about_three_and_about_ten_minutes():
    assert scan("short").total_seconds == pytest.approx(180, abs=9)
    assert scan("long").total_seconds == pytest.approx(600, abs=30)


def test_it_opens_and_closes_without_a_region():
    for key in ("short", "long"):
        steps = scan(key).steps
        assert steps[0].region is None
        assert steps[-1].region is None
        assert all(s.seconds > 0 and s.text.strip() for s in steps)


def test_it_uses_only_body_map_regions():
    assert len(REGION_KEYS) == len(set(REGION_KEYS)) == 16
    for key in ("short", "long"):
        assert set(scan(key).regions) <= set(REGION_KEYS)


def test_it_visits_every_region_in_the_long_scan_once_from_head_to_feet():
    regions = scan("long").regions
    assert sorted(regions) == sorted(REGION_KEYS)
    assert regions[0] == "head" and regions[-1] == "feet"
    short = scan("short").regions
    assert len(short) >= 6 and len(short) == len(set(short))


def test_it_keeps_the_gentle_not_knowing_answer_in_the_instructions():
    shoulders = next(s for s in scan("short").steps if s.region == "shoulders")
    assert "Nothing at all is a fine answer" in shoulders.text


def test_it_builds_a_timeline():
    s = scan("short")
    timeline = s.timeline()
    assert timeline[0][0] == 0
    for (start, step), (next_start, _) in zip(timeline, timeline[1:], strict=False):
        assert next_start == start + step.seconds
    data = s.as_dict()
    assert data["total_seconds"] == s.total_seconds
    assert data["steps"][1]["start"] == s.steps[0].seconds


def test_it_rejects_an_unknown_scan():
    with pytest.raises(ValueError, match="choose one of: short, long"):
        scan("medium")


def test_it_returns_a_copy_that_callers_cannot_spoil():
    load_scans().clear()
    assert scan("short").total_seconds > 0


def test_it_reports_problems_in_bad_data():
    broken = copy.deepcopy(raw_scans())
    broken["short"]["steps"][1]["region"] = "elbow"
    broken["short"]["steps"][2]["seconds"] = 0
    broken["short"]["steps"][3]["pause"] = 2
    problems = validate_scans(broken)
    assert "bodyscan.json: body scan 'short', step #2, region: 'elbow' is not a body map region." in problems
    assert "bodyscan.json: body scan 'short', step #3, seconds: must be greater than 0." in problems
    assert ("bodyscan.json: body scan 'short', step #4, pause: is not a known field "
            "(check the spelling).") in problems
    with pytest.raises(ValueError, match="Invalid bodyscan.json"):
        parse_scans(broken)


def test_it_reports_a_script_without_opening_or_of_the_wrong_length():
    broken = copy.deepcopy(raw_scans())
    broken["short"]["steps"][0]["region"] = "head"
    broken["long"]["steps"] = broken["long"]["steps"][:4] + broken["long"]["steps"][-1:]
    problems = validate_scans(broken)
    assert ("bodyscan.json: body scan 'short': the first step must be an opening without a "
            "region.") in problems
    broken["short"] = raw_scans()["short"]
    problems = validate_scans(broken)
    assert any(p.startswith("bodyscan.json: body scan 'long': steps last") and
               p.endswith("about 600 s expected.") for p in problems)


def test_it_reports_a_missing_script():
    missing = {"short": raw_scans()["short"]}
    assert validate_scans(missing) == ["bodyscan.json: the 'long' body scan is missing."]


def test_it_uses_only_regions_of_the_body_map():
    from feelmap.lexicon.body import load_body_catalogue

    catalogue = load_body_catalogue()
    assert all(catalogue.has_region(key) for key in REGION_KEYS)
