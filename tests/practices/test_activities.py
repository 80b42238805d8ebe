import copy

import pytest

from feelmap.lib.content import read_json
from feelmap.practices.activities import (
    CATEGORIES,
    DATA_FILE,
    by_category,
    by_id,
    load_activities,
    parse_activities,
    validate,
    validate_activities,
)


def raw_activities():
    return read_json(DATA_FILE)


def test_it_ships_a_valid_set_of_at_least_24_activities():
    assert validate() == []
    assert len(load_activities()) >= 24


def test_it_covers_every_category_at_least_three_times():
    assert set(CATEGORIES) == {"music", "movement", "nature", "art", "touch", "taste"}
    for category in CATEGORIES:
        assert len(by_category(category)) >= 3


def test_it_keeps_every_activity_short_and_complete():
    ids = set()
    for a in load_activities():
        assert a.id not in ids
        ids.add(a.id)
        assert 3 <= len(a.steps) <= 6
        assert 1 <= a.minutes <= 15
        assert a.notice_prompt.endswith("?")
        assert a.title


def test_it_offers_an_alternative_for_every_movement_and_taste_activity():
    for a in by_category("movement") + by_category("taste"):
        assert a.accessibility, a.id


def test_it_finds_activities_by_id():
    first = load_activities()[0]
    assert by_id(first.id) is first
    assert by_id("nope") is None
    assert first.as_dict()["category_label"] == CATEGORIES[first.category].label


def test_it_rejects_an_unknown_category():
    with pytest.raises(ValueError, match="Unknown activity category"):
        by_category("smell")


def test_it_reports_problems_in_bad_data():
    raw = raw_activities()
    broken = copy.deepcopy(raw)
    broken[2]["steps"] = ["Only one step."]
    broken[3]["steps"] = [f"Step {i}." for i in range(7)]
    broken[4]["category"] = "smell"
    broken[5]["minutes"] = 2.5
    del broken[6]["notice_prompt"]
    broken[7]["accessibility"] = ""
    problems = validate_activities(broken)
    name = lambda i: f"activities.json: activity {raw[i]['id']!r}"  # noqa: E731
    assert f"{name(2)}, steps: needs at least 3; there are 1." in problems
    assert f"{name(3)}, steps: has 7; at most 6 allowed." in problems
    assert f"{name(4)}, category: 'smell' is not one of music, movement, nature, art, touch, taste." in problems
    assert f"{name(5)}, minutes: must be a whole number." in problems
    assert f"{name(6)}, notice_prompt: is missing." in problems
    assert f"{name(7)}, accessibility: must not be empty." in problems


def test_it_reports_a_duplicate_id():
    raw = raw_activities()
    broken = copy.deepcopy(raw)
    broken[1]["id"] = broken[0]["id"]
    assert (f"activities.json: activity id {raw[0]['id']!r} is used more than once."
            in validate_activities(broken))


def test_it_requires_three_activities_per_category():
    only_music = [a for a in raw_activities() if a["category"] == "music"]
    problems = validate_activities(only_music)
    assert "activities.json: only 0 activities in 'taste'; at least 3 expected." in problems


def test_it_refuses_to_parse_bad_data():
    assert validate_activities("music") == ["activities.json: must be a list."]
    with pytest.raises(ValueError, match="activity 'x', category: is missing"):
        parse_activities([{"id": "x"}])
