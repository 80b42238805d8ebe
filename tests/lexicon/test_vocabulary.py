from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from feelmap.lexicon.body import load_body_catalogue
from feelmap.lexicon.vocabulary import (
    FAMILY_KEYS,
    Quadrant,
    load_vocabulary,
    parse_vocabulary,
    quadrant_of,
    read_vocabulary_json,
    validate,
)
from feelmap.lib.content import ContentError


def _raw() -> dict[str, Any]:
    return read_vocabulary_json()


def _entry(raw: dict[str, Any], word: str) -> dict[str, Any]:
    return next(e for e in raw["words"] if e["word"] == word)


def _problems(raw: dict[str, Any]) -> list[str]:
    return validate(raw, load_body_catalogue())


# ---------------------------------------------------------------- shipped data


def test_it_ships_a_valid_vocabulary() -> None:
    assert _problems(_raw()) == []


def test_it_has_at_least_150_words() -> None:
    assert len(load_vocabulary().words) >= 150


def test_it_has_the_eleven_families_in_order() -> None:
    vocab = load_vocabulary()
    assert tuple(f.key for f in vocab.families) == FAMILY_KEYS
    assert vocab.family("sadness").word == "sad"
    assert vocab.family("numb").word == "numb"
    assert all(f.label and f.description for f in vocab.families)


def test_it_has_levels_one_two_and_three_in_every_family() -> None:
    vocab = load_vocabulary()
    for key in FAMILY_KEYS:
        levels = Counter(w.level for w in vocab.words_in_family(key))
        assert levels[1] >= 1, key
        assert vocab.roots(key)[0].word == vocab.family(key).word
        assert levels[2] >= 3, key
        assert levels[3] >= 3, key


def test_it_covers_the_numb_words_this_audience_needs() -> None:
    vocab = load_vocabulary()
    numb = {w.word for w in vocab.words_in_family("numb")}
    assert {"numb", "empty", "flat", "blank", "detached", "disconnected", "hollow"} <= numb
    assert {"shut down", "foggy", "indifferent", "bored", "unreal"} <= numb


def test_it_keeps_every_form_unique_across_the_vocabulary() -> None:
    vocab = load_vocabulary()
    names = [w.word for w in vocab.words] + [f for w in vocab.words for f in w.forms]
    assert len(names) == len(set(names))


# ---------------------------------------------------------------- lookups


def test_it_finds_words_by_form_and_in_any_case() -> None:
    vocab = load_vocabulary()
    assert vocab.by_word("anger").word == "angry"  # type: ignore[union-attr]
    assert vocab.by_word("  Shut   Down ").word == "shut down"  # type: ignore[union-attr]
    assert vocab.by_word("burnout").word == "burnt out"  # type: ignore[union-attr]
    assert vocab.by_word("blorp") is None
    assert "Grief" in vocab


def test_it_searches_with_best_matches_first() -> None:
    vocab = load_vocabulary()
    results = [w.word for w in vocab.search("lone")]
    assert results[0] == "lonely"
    assert [w.word for w in vocab.search("fear")][0] == "afraid"  # exact form beats prefix
    assert "exhausted" in [w.word for w in vocab.search("tired")]  # via the definition
    assert vocab.search("   ") == ()
    assert len(vocab.search("a", limit=5)) == 5


def test_it_drills_down_from_family_to_nuance() -> None:
    vocab = load_vocabulary()
    level_two = vocab.children("sad")
    assert level_two and all(w.level == 2 and w.family == "sadness" for w in level_two)
    assert "lonely" in [w.word for w in level_two]
    nuances = vocab.children("lonely")
    assert nuances and all(w.level == 3 for w in nuances)
    assert vocab.children("heartbroken") == ()
    assert vocab.parent_of("heartbroken") == "hurt"
    assert vocab.parent_of("sad") is None


def test_it_places_words_in_quadrants() -> None:
    vocab = load_vocabulary()
    assert vocab.quadrant("excited") == Quadrant.PLEASANT_HIGH
    assert vocab.quadrant("calm") == "pleasant-low"
    assert vocab.quadrant("furious") == Quadrant.UNPLEASANT_HIGH
    assert vocab.quadrant("numb") == Quadrant.UNPLEASANT_LOW
    assert Quadrant.PLEASANT_HIGH.label == "Pleasant, high energy"
    assert quadrant_of(0, 0) == Quadrant.PLEASANT_LOW


# ---------------------------------------------------------------- broken inputs
# One test per kind of mistake; each message names the file, the word and the field.


def test_it_reports_a_duplicate_word() -> None:
    raw = _raw()
    raw["words"].append(dict(_entry(raw, "calm")))
    assert "vocabulary.json: word 'calm' is listed twice." in _problems(raw)


def test_it_reports_an_out_of_range_or_uneven_coordinate() -> None:
    raw = _raw()
    _entry(raw, "happy")["pleasantness"] = 7
    _entry(raw, "sad")["energy"] = 0.3
    _entry(raw, "calm")["energy"] = True
    problems = _problems(raw)
    assert "vocabulary.json: word 'happy', pleasantness: must be less than or equal to 5." in problems
    assert "vocabulary.json: word 'sad', energy: 0.3 must be a whole or half number." in problems
    assert "vocabulary.json: word 'calm', energy: must be a number." in problems


def test_it_reports_an_unknown_region_or_quality() -> None:
    raw = _raw()
    _entry(raw, "angry")["sensations"][0] = {"region": "tail", "quality": "sparkles"}
    problems = _problems(raw)
    assert ("vocabulary.json: word 'angry', sensation #1, region: 'tail' is not a region in "
            "the body catalogue.") in problems
    assert ("vocabulary.json: word 'angry', sensation #1, quality: 'sparkles' is not a quality "
            "in the body catalogue.") in problems


def test_it_reports_too_many_or_repeated_sensations() -> None:
    raw = _raw()
    first = _entry(raw, "happy")["sensations"][0]
    _entry(raw, "happy")["sensations"] = [first] * 5
    _entry(raw, "sad")["sensations"] = [_entry(raw, "sad")["sensations"][0]] * 2
    problems = _problems(raw)
    assert "vocabulary.json: word 'happy', sensations: has 5; at most 4 allowed." in problems
    assert "vocabulary.json: word 'sad': the same sensation is listed twice." in problems


def test_it_reports_a_missing_empty_or_unknown_field() -> None:
    raw = _raw()
    del _entry(raw, "numb")["definition"]
    _entry(raw, "empty")["example"] = "  "
    _entry(raw, "flat")["colour"] = "grey"
    problems = _problems(raw)
    assert "vocabulary.json: word 'numb', definition: is missing." in problems
    assert "vocabulary.json: word 'empty', example: must not be empty." in problems
    assert "vocabulary.json: word 'flat', colour: is not a known field (check the spelling)." in problems


def test_it_reports_an_unknown_neighbour() -> None:
    raw = _raw()
    _entry(raw, "glad")["neighbours"] = [{"word": "gleeful", "difference": "Not in the list."}]
    assert "vocabulary.json: word 'glad': neighbour 'gleeful' is not in the vocabulary." in _problems(raw)


def test_it_reports_a_word_that_is_its_own_neighbour() -> None:
    raw = _raw()
    _entry(raw, "glad")["neighbours"] = [{"word": "glad", "difference": "Itself."}]
    assert "vocabulary.json: word 'glad': lists itself as a neighbour." in _problems(raw)


def test_it_reports_an_unknown_family() -> None:
    raw = _raw()
    _entry(raw, "bored")["family"] = "meh"
    raw["families"].append({"key": "meh", "label": "Meh", "description": "Not a family."})
    problems = _problems(raw)
    assert "vocabulary.json: word 'bored': family 'meh' is not one of the 11 families." in problems
    assert any(p.startswith("vocabulary.json: family 'meh' is not one of joy, calm") for p in problems)


def test_it_reports_a_missing_family_and_missing_levels() -> None:
    raw = _raw()
    raw["families"] = [f for f in raw["families"] if f["key"] != "numb"]
    calm_nuances = {e["word"] for e in raw["words"] if e["family"] == "calm" and e["level"] == 3}
    raw["words"] = [e for e in raw["words"] if e["word"] not in calm_nuances]
    for entry in raw["words"]:
        entry["neighbours"] = [n for n in entry["neighbours"] if n["word"] not in calm_nuances]
    problems = _problems(raw)
    assert "vocabulary.json: family 'numb' is missing." in problems
    assert "vocabulary.json: family 'calm' has no words at level 3." in problems


def test_it_reports_a_bad_level() -> None:
    raw = _raw()
    _entry(raw, "glad")["level"] = 4
    assert "vocabulary.json: word 'glad', level: must be less than or equal to 3." in _problems(raw)


def test_it_reports_a_form_shared_by_two_words() -> None:
    raw = _raw()
    _entry(raw, "cheerful")["forms"].append("anger")
    assert "vocabulary.json: form 'anger' is shared by 'angry' and 'cheerful'." in _problems(raw)


def test_it_reports_parents_in_another_family_or_not_above() -> None:
    raw = _raw()
    _entry(raw, "lonely")["parent"] = "happy"
    _entry(raw, "heartbroken")["parent"] = "sad"  # level 3 under level 1 is fine
    _entry(raw, "hurt")["parent"] = "heartbroken"
    problems = _problems(raw)
    assert "vocabulary.json: word 'lonely': parent 'happy' is in another family." in problems
    assert "vocabulary.json: word 'hurt': parent 'heartbroken' must be of a lower level." in problems
    assert not any("word 'heartbroken'" in p for p in problems)


def test_it_reports_a_body_state_in_an_emotion_family() -> None:
    raw = _raw()
    _entry(raw, "bored")["family"] = "body"
    assert "vocabulary.json: word 'bored': family 'body' is not one of the 11 families." in _problems(raw)


def test_it_refuses_to_load_an_invalid_vocabulary_with_all_problems_listed() -> None:
    raw = _raw()
    _entry(raw, "happy")["energy"] = -9
    del _entry(raw, "sad")["example"]
    with pytest.raises(ContentError) as info:
        parse_vocabulary(raw, load_body_catalogue())
    message = str(info.value)
    assert "Invalid vocabulary.json (2 problems)" in message
    assert "word 'happy', energy: must be greater than or equal to -5." in message
    assert "word 'sad', example: is missing." in message
    assert isinstance(info.value, ValueError)


def test_it_rejects_input_that_is_not_an_object() -> None:
    assert _problems([]) == ["vocabulary.json: must be a JSON object."]  # type: ignore[arg-type]
