import copy
import random
import re

import pytest

from feelmap.journal import prompts
from feelmap.journal.prompts import (
    DATA_FILE,
    KINDS,
    load_prompts,
    parse_prompts,
    prompt_by_id,
    prompts_of_kind,
    shuffle_prompt,
    validate,
    validate_prompts,
)
from feelmap.lib.content import read_json


def raw_prompts():
    return read_json(DATA_FILE)


def test_it_ships_a_valid_library_of_at_least_32_prompts():
    assert validate() == []
    assert len(load_prompts()) >= 32


def test_it_has_every_kind_with_several_prompts():
    assert set(KINDS) == {"expressive", "labeling", "narrative", "reframing", "body"}
    for kind in KINDS:
        assert len(prompts_of_kind(kind)) >= 6


def test_it_gives_every_prompt_a_stable_unique_slug():
    ids = [p.id for p in load_prompts()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_it_puts_the_caution_on_every_expressive_prompt():
    for p in prompts_of_kind("expressive"):
        assert 15 <= p.suggested_minutes <= 20
        assert p.caution
        assert "lower" in p.caution and "professional" in p.caution and "trauma" in p.caution
        assert "days in a row" in p.text


def test_it_gives_reframing_prompts_the_four_steps_in_order():
    for p in prompts_of_kind("reframing"):
        heads = [s.split(":")[0] for s in p.steps[:4]]
        assert heads == ["Situation", "Thought", "Feeling", "Alternative"]


def test_it_says_what_each_kind_is_based_on():
    assert "Pennebaker" in KINDS["expressive"].based_on
    assert "Lieberman" in KINDS["labeling"].based_on
    assert "2007" in KINDS["labeling"].based_on
    assert "CBT" in KINDS["reframing"].based_on
    for kind in KINDS.values():
        assert kind.label and kind.description
    assert prompts.kinds_as_dict()["body"]["label"] == KINDS["body"].label


def test_it_finds_a_prompt_by_id():
    first = load_prompts()[0]
    assert prompt_by_id(first.id) is first
    assert prompt_by_id("no-such-prompt") is None


def test_it_rejects_an_unknown_kind():
    with pytest.raises(ValueError, match="Unknown prompt kind"):
        prompts_of_kind("poetry")
    with pytest.raises(ValueError, match="Unknown prompt kind"):
        shuffle_prompt(random.Random(1), kind="poetry")


def test_it_shuffles_deterministically_with_a_seeded_rng():
    a = [shuffle_prompt(random.Random(7)).id for _ in range(3)]
    b = [shuffle_prompt(random.Random(7)).id for _ in range(3)]
    assert a == b
    picks = {shuffle_prompt(random.Random(seed)).id for seed in range(50)}
    assert len(picks) > 10


def test_it_never_returns_the_excluded_prompt():
    rng = random.Random(3)
    for p in prompts_of_kind("labeling"):
        for _ in range(20):
            other = shuffle_prompt(rng, exclude_id=p.id, kind="labeling")
            assert other.id != p.id
            assert other.kind == "labeling"


def test_it_falls_back_to_the_excluded_prompt_when_it_is_the_only_one(monkeypatch):
    only = load_prompts()[0]
    monkeypatch.setattr(prompts, "load_prompts", lambda: (only,))
    assert shuffle_prompt(random.Random(1), exclude_id=only.id) is only


def test_it_serialises_a_prompt():
    p = prompts_of_kind("reframing")[0]
    data = p.as_dict()
    assert data["id"] == p.id and data["steps"] == list(p.steps)
    assert data["kind_label"] == KINDS["reframing"].label


def test_it_reports_problems_in_bad_data():
    raw = raw_prompts()
    broken = copy.deepcopy(raw)
    del broken[2]["title"]
    broken[3]["kind"] = "poetry"
    broken[4]["suggested_minutes"] = True
    broken[5]["colour"] = "blue"
    problems = validate_prompts(broken)
    name = lambda i: f"prompts.json: prompt {raw[i]['id']!r}"  # noqa: E731
    assert f"{name(2)}, title: is missing." in problems
    assert f"{name(3)}, kind: 'poetry' is not one of expressive, labeling, narrative, reframing, body." in problems
    assert f"{name(4)}, suggested_minutes: must be a whole number." in problems
    assert f"{name(5)}, colour: is not a known field (check the spelling)." in problems


def test_it_reports_a_duplicate_id_and_too_few_prompts_of_a_kind():
    raw = raw_prompts()
    broken = copy.deepcopy(raw)
    broken[1]["id"] = broken[0]["id"]
    problems = validate_prompts(broken)
    assert f"prompts.json: prompt id {raw[0]['id']!r} is used more than once." in problems
    only_body = [p for p in raw if p["kind"] == "body"]
    problems = validate_prompts(only_body)
    assert "prompts.json: only 0 prompts of kind 'expressive'; at least 6 expected." in problems


def test_it_requires_the_caution_and_steps_where_they_matter():
    raw = raw_prompts()
    expressive = next(i for i, p in enumerate(raw) if p["kind"] == "expressive")
    reframing = next(i for i, p in enumerate(raw) if p["kind"] == "reframing")
    broken = copy.deepcopy(raw)
    del broken[expressive]["caution"]
    broken[reframing]["steps"] = broken[reframing]["steps"][:2]
    text = "\n".join(validate_prompts(broken))
    assert "must carry a caution" in text
    assert "at least 4 steps" in text
    broken = copy.deepcopy(raw)
    broken[reframing]["steps"] = list(reversed(broken[reframing]["steps"]))
    assert "in that order" in "\n".join(validate_prompts(broken))


def test_it_rejects_data_that_is_not_a_list_and_refuses_to_parse_bad_data():
    assert validate_prompts({"id": "x"}) == ["prompts.json: must be a list."]
    with pytest.raises(ValueError, match="prompt 'Not A Slug', id: 'Not A Slug' must be a lowercase slug"):
        parse_prompts([{"id": "Not A Slug"}])
    assert len(parse_prompts(raw_prompts())) == len(load_prompts())
