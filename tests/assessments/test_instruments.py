"""The questionnaire files: exact structure, published scoring keys, and the validator."""

import copy

import pytest

from feelmap.assessments.instruments import (
    KEYS,
    all_instruments,
    build,
    load_instrument,
    read_raw,
    validate,
)


def test_it_loads_the_five_instruments_and_no_tas20():
    keys = [instrument.key for instrument in all_instruments()]
    assert keys == ["paq", "maia2", "phq9", "gad7", "who5"]
    assert not any("tas" in key for key in KEYS)


def test_it_ships_files_that_pass_validation():
    for key in KEYS:
        assert validate(read_raw(key)) == [], key


def test_it_caches_loaded_instruments():
    assert load_instrument("phq9") is load_instrument("phq9")


def test_it_refuses_an_unknown_key():
    with pytest.raises(KeyError, match="tas20"):
        load_instrument("tas20")


def test_it_gives_every_instrument_its_plain_words_and_sources():
    for instrument in all_instruments():
        for text in (
            instrument.citation,
            instrument.licence,
            instrument.what_it_measures,
            instrument.what_it_cannot_tell,
            instrument.instructions,
            instrument.timeframe,
            instrument.missing.explanation,
            instrument.missing.source,
            instrument.reliable_change_note,
        ):
            assert text.strip(), instrument.key
        assert "diagnosis" in instrument.what_it_cannot_tell


def test_it_has_the_published_item_counts_and_response_ranges():
    expected = {"paq": (24, 1, 7), "maia2": (37, 0, 5), "phq9": (9, 0, 3), "gad7": (7, 0, 3)}
    expected["who5"] = (5, 0, 5)
    for key, (count, low, high) in expected.items():
        instrument = load_instrument(key)
        assert len(instrument.scored_items) == count, key
        for item in instrument.scored_items:
            assert (item.min_value, item.max_value) == (low, high), (key, item.number)


def test_it_keeps_exact_item_wording():
    assert load_instrument("phq9").item(9).text == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    assert load_instrument("gad7").item(1).text == "Feeling nervous, anxious, or on edge"
    assert load_instrument("who5").item(4).text == "I woke up feeling fresh and rested"
    assert load_instrument("paq").item(2).text == (
        "When I\u2019m feeling bad, I can\u2019t tell whether I\u2019m sad, angry, or scared."
    )
    assert load_instrument("maia2").item(37).text == "I trust my body sensations."


def test_it_labels_phq_options_as_published_with_loinc_answer_codes():
    options = load_instrument("phq9").options
    assert [(o.value, o.label, o.code) for o in options] == [
        (0, "Not at all", "LA6568-5"),
        (1, "Several days", "LA6569-3"),
        (2, "More than half the days", "LA6570-1"),
        (3, "Nearly every day", "LA6571-9"),
    ]
    assert load_instrument("gad7").options == options


def test_it_makes_phq9_question_10_optional_and_unscored():
    item = load_instrument("phq9").item(10)
    assert item.optional and not item.scored
    assert [o.label for o in item.options] == [
        "Not difficult at all",
        "Somewhat difficult",
        "Very difficult",
        "Extremely difficult",
    ]


def test_it_flags_only_phq9_question_9_as_a_safety_item():
    flagged = [(i.key, item.number) for i in all_instruments() for item in i.safety_items]
    assert flagged == [("phq9", 9)]


def test_it_carries_loinc_codes_for_phq9_and_gad7():
    phq9, gad7 = load_instrument("phq9"), load_instrument("gad7")
    assert phq9.codes == {"loinc_panel": "44249-1", "loinc_total": "44261-6"}
    assert gad7.codes == {"loinc_panel": "69737-5", "loinc_total": "70274-6"}
    assert phq9.total is not None and phq9.total.code == "44261-6"
    assert gad7.total is not None and gad7.total.code == "70274-6"
    assert all(item.code for item in phq9.items)
    assert all(item.code for item in gad7.items)


def test_it_defines_the_published_paq_subscales_and_composites():
    paq = load_instrument("paq")
    scales = {s.key: (s.items, s.range, s.kind) for s in paq.subscales}
    assert scales["n_dif"] == ((2, 8, 14, 20), (4, 28), "subscale")
    assert scales["p_dif"] == ((5, 11, 17, 23), (4, 28), "subscale")
    assert scales["n_ddf"] == ((1, 7, 13, 19), (4, 28), "subscale")
    assert scales["p_ddf"] == ((4, 10, 16, 22), (4, 28), "subscale")
    assert scales["g_eot"] == ((3, 6, 9, 12, 15, 18, 21, 24), (8, 56), "subscale")
    assert scales["g_dif"] == ((2, 5, 8, 11, 14, 17, 20, 23), (8, 56), "composite")
    assert scales["g_ddf"] == ((1, 4, 7, 10, 13, 16, 19, 22), (8, 56), "composite")
    assert scales["n_daf"] == ((1, 2, 7, 8, 13, 14, 19, 20), (8, 56), "composite")
    assert scales["p_daf"] == ((4, 5, 10, 11, 16, 17, 22, 23), (8, 56), "composite")
    assert scales["g_daf"][1] == (16, 112) and len(scales["g_daf"][0]) == 16
    assert paq.total is not None and paq.total.range == (24, 168)
    assert paq.bands == ()
    assert not paq.higher_is_better


def test_it_defines_the_maia2_scales_and_reverse_items():
    maia = load_instrument("maia2")
    scales = {s.key: s.items for s in maia.subscales}
    assert scales == {
        "noticing": (1, 2, 3, 4),
        "not_distracting": (5, 6, 7, 8, 9, 10),
        "not_worrying": (11, 12, 13, 14, 15),
        "attention_regulation": (16, 17, 18, 19, 20, 21, 22),
        "emotional_awareness": (23, 24, 25, 26, 27),
        "self_regulation": (28, 29, 30, 31),
        "body_listening": (32, 33, 34),
        "trusting": (35, 36, 37),
    }
    assert all(s.method == "mean" and s.range == (0, 5) for s in maia.subscales)
    assert {item.number for item in maia.items if item.reverse} == {5, 6, 7, 8, 9, 10, 11, 12, 15}
    assert maia.total is None and maia.bands == ()


def test_it_has_the_published_bands():
    def bands(key):
        return [(b.min, b.max, b.label) for b in load_instrument(key).bands]

    assert bands("phq9") == [
        (0, 4, "Minimal"),
        (5, 9, "Mild"),
        (10, 14, "Moderate"),
        (15, 19, "Moderately severe"),
        (20, 27, "Severe"),
    ]
    assert bands("gad7") == [
        (0, 4, "Minimal"),
        (5, 9, "Mild"),
        (10, 14, "Moderate"),
        (15, 21, "Severe"),
    ]
    assert [b[:2] for b in bands("who5")] == [(0, 28), (29, 50), (51, 100)]


def test_it_scales_who5_raw_scores_by_four():
    total = load_instrument("who5").total
    assert total is not None
    assert (total.raw_range, total.multiplier, total.range) == ((0, 25), 4.0, (0, 100))


def test_it_has_reliable_change_parameters_only_where_published():
    assert load_instrument("phq9").reliable_change == {}
    assert load_instrument("phq9").meaningful_change.points == 6
    assert set(load_instrument("gad7").reliable_change) == {"total"}
    assert load_instrument("gad7").reliable_change["total"].reliability == 0.83
    for key in ("paq", "maia2", "who5"):
        assert load_instrument(key).reliable_change == {}, key
    meaningful = load_instrument("who5").meaningful_change
    assert meaningful is not None and meaningful.points == 10


# --- the validator ----------------------------------------------------------------------------


def _raw(key="phq9"):
    return copy.deepcopy(read_raw(key))


def test_it_rejects_a_non_object():
    assert validate([]) == ["instrument: must be a JSON object."]


def test_it_reports_a_missing_text_field():
    raw = _raw()
    del raw["citation"]
    raw["licence"] = " "
    raw["colour"] = "blue"
    problems = validate(raw)
    assert "phq9.json: citation: is missing." in problems
    assert "phq9.json: licence: must not be empty." in problems
    assert "phq9.json: colour: is not a known field (check the spelling)." in problems


def test_it_names_the_question_and_field_of_a_mistake():
    raw = _raw()
    raw["items"][8]["safety"] = "yes"
    assert "phq9.json: question 9, safety: must be true or false." in validate(raw)


def test_it_reports_item_numbers_with_gaps_or_repeats():
    raw = _raw()
    raw["items"][1]["number"] = 1
    assert validate(raw) == ["phq9.json: question numbers must run 1..10 without gaps or repeats."]


def test_it_reports_bad_option_values():
    raw = _raw()
    raw["options"][1]["value"] = 0
    assert validate(raw) == ["phq9.json: option values must be unique, got [0, 0, 2, 3]."]


def test_it_reports_a_scale_that_names_an_unknown_question():
    raw = _raw("paq")
    raw["subscales"][0]["items"] = [2, 8, 14, 99]
    assert validate(raw) == [
        "paq.json: scale 'n_dif': refers to questions that are not scored items: [99]."
    ]


def test_it_reports_a_total_range_that_does_not_match_the_questions():
    raw = _raw()
    raw["total"]["range"] = [0, 30]
    assert ("phq9.json: total: 'range' is [0.0, 30.0] but the questions give [0.0, 27.0]."
            in validate(raw))


def test_it_reports_overlapping_bands():
    raw = _raw()
    raw["bands"][1]["min"] = 4
    assert "phq9.json: band 2: overlaps or is out of order with the band before it." in validate(raw)


def test_it_reports_bands_that_do_not_cover_the_range():
    raw = _raw()
    raw["bands"][-1]["max"] = 26
    assert "phq9.json: bands must start at the lowest and end at the highest total." in validate(raw)


def test_it_reports_a_prorate_rule_without_a_limit():
    raw = _raw()
    del raw["missing"]["max_missing"]
    assert validate(raw) == ["phq9.json: missing: the prorate rule needs 'max_missing' of at least 1."]


def test_it_reports_impossible_reliability():
    raw = _raw("gad7")
    raw["reliable_change"]["scales"]["total"]["reliability"] = 1.2
    assert validate(raw) == [
        "gad7.json: reliable_change, scales, total, reliability: must be less than 1."
    ]


def test_it_reports_reliable_change_for_an_unknown_scale():
    raw = _raw("maia2")
    raw["reliable_change"]["scales"]["nope"] = {
        "sd": 1,
        "reliability": 0.8,
        "sd_source": "x",
        "reliability_source": "y",
    }
    assert "maia2.json: reliable change for 'nope': there is no such scale." in validate(raw)


def test_it_refuses_to_build_an_invalid_instrument():
    raw = _raw()
    raw["total"]["method"] = "median"
    with pytest.raises(ValueError, match="phq9.json: total, method: must be 'sum' or 'mean'."):
        build(raw)
