from __future__ import annotations

import pytest

from feelmap.lexicon.body import (
    REQUIRED_QUALITIES,
    load_body_catalogue,
    parse_body,
    read_body_json,
    validate_body,
)


def test_it_ships_a_valid_catalogue() -> None:
    assert validate_body(read_body_json()) == []


def test_it_has_regions_on_both_sides_with_unique_keys_and_orders() -> None:
    body = load_body_catalogue()
    keys = [r.key for r in body.regions]
    assert len(keys) == len(set(keys))
    assert [r.order for r in body.regions] == sorted({r.order for r in body.regions})
    front = {r.key for r in body.regions_on("front")}
    back = {r.key for r in body.regions_on("back")}
    assert {"head", "throat", "jaw", "chest", "stomach", "arms", "hands", "legs", "feet"} <= front
    assert {"neck", "upper-back", "lower-back"} <= back


def test_it_covers_the_promised_qualities() -> None:
    body = load_body_catalogue()
    assert set(REQUIRED_QUALITIES) <= body.quality_keys
    assert {"racing-heart", "shallow-breath", "nausea", "butterflies"} <= body.quality_keys


def test_it_looks_up_regions_and_qualities() -> None:
    body = load_body_catalogue()
    assert body.region("chest").side == "front"
    assert body.quality("lump").label == "Lump"
    assert body.has_region("upper-back")
    assert not body.has_quality("sparkles")
    with pytest.raises(KeyError):
        body.region("tail")


def test_it_reports_duplicate_region_keys() -> None:
    raw = read_body_json()
    raw["regions"].append({"key": "chest", "label": "Chest again", "side": "front", "order": 99})
    assert "body.json: region key 'chest' is used twice." in validate_body(raw)


def test_it_reports_a_bad_side_or_key() -> None:
    raw = read_body_json()
    raw["regions"][0]["side"] = "middle"
    raw["qualities"][0]["key"] = "Pins and needles"
    problems = validate_body(raw)
    assert "body.json: region 'head', side: must be 'front' or 'back'." in problems
    assert any(p.startswith("body.json: quality 'Pins and needles', key: 'Pins and needles' "
                            "must be a lowercase slug") for p in problems)


def test_it_reports_a_missing_required_quality() -> None:
    raw = read_body_json()
    raw["qualities"] = [q for q in raw["qualities"] if q["key"] != "lump"]
    assert "body.json: required quality 'lump' is missing." in validate_body(raw)


def test_it_reports_missing_fields() -> None:
    raw = read_body_json()
    del raw["qualities"][0]["description"]
    del raw["regions"][0]["order"]
    problems = validate_body(raw)
    assert "body.json: quality 'tension', description: is missing." in problems
    assert "body.json: region 'head', order: is missing." in problems


def test_it_refuses_to_parse_an_invalid_catalogue() -> None:
    with pytest.raises(ValueError, match="body.json: regions: needs at least 1; there are 0."):
        parse_body({"regions": [], "qualities": []})
