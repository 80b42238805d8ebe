"""The scenario library: enough scenarios across every relation and goal, graded, and every
script a proper conversation (all branches reachable, every path ends, at least two answers)."""

import pytest

from feelmap.lib.content import ContentError, parse_content
from feelmap.saying.checks import CATEGORIES, classify
from feelmap.saying.scenarios import (
    MIN_TURNS,
    START,
    Library,
    Node,
    load_library,
    play,
    script_problems,
)

# One answer of each kind; the classification decides the branch.
SAMPLES = {
    "feeling": "I feel hurt.",
    "blame": "You always do this.",
    "request": "Would you call me later?",
    "unclear": "Dinner is in the oven.",
}
library = load_library()


def test_the_samples_are_what_they_say():
    assert {kind: classify(text) for kind, text in SAMPLES.items()} == {k: k for k in SAMPLES}


def test_the_library_covers_every_relation_goal_and_level():
    assert len(library.scenarios) >= 30
    assert {s.relation for s in library.scenarios} == {
        "partner", "friend", "family", "work", "clinician", "stranger", "oneself"}
    assert {s.goal for s in library.scenarios} == set(library.goals)
    assert {s.level for s in library.scenarios} == {1, 2, 3}
    levels = [s.level for s in library.graded()]
    assert levels == sorted(levels)


def all_paths(scenario):
    """Every sequence of answer kinds from the start to an ending."""
    paths = []

    def walk(key, kinds):
        node = scenario.nodes[key]
        if node.next is None:
            paths.append(kinds)
            return
        assert len(kinds) <= len(scenario.nodes), "a loop"
        for kind, target in node.next.items():
            walk(target, [*kinds, kind])

    walk(START, [])
    return paths


@pytest.mark.parametrize("scenario", library.scenarios, ids=lambda s: s.id)
def test_every_script_is_a_conversation_that_ends(scenario):
    assert script_problems(scenario.nodes) == []
    paths = all_paths(scenario)
    assert min(len(p) for p in paths) >= MIN_TURNS
    # Playing each path with real answers reaches an ending, and together they visit every node.
    visited = {START}
    for kinds in paths:
        conversation = play(scenario, [SAMPLES[k] for k in kinds])
        assert conversation.ended
        assert [t.category for t in conversation.turns if t.speaker == "you"] == kinds
        key = START
        for kind in kinds:
            key = scenario.nodes[key].next[kind]
            visited.add(key)
    assert visited == set(scenario.nodes)


def test_answers_after_the_end_are_ignored():
    scenario = library.get("partner-late-again")
    conversation = play(scenario, [SAMPLES["feeling"], SAMPLES["request"], "and more", "again"])
    assert conversation.ended
    assert len([t for t in conversation.turns if t.speaker == "you"]) == 2


def test_replies_depend_on_the_kind_of_answer():
    scenario = library.get("friend-cancelled-plans")
    replies = {kind: play(scenario, [text]).turns[-1].text for kind, text in SAMPLES.items()}
    assert len(set(replies.values())) == len(CATEGORIES)


def nodes(**spec):
    return {k: Node(says=k, next=v) for k, v in spec.items()}


def to(target):
    return dict.fromkeys(CATEGORIES, target)


def test_script_problems_are_found():
    assert script_problems(nodes(a=None)) == ["no 'start' node"]
    assert "which does not exist" in script_problems(nodes(start=to("nowhere")))[0]
    assert script_problems(nodes(start=to("mid"), mid=to("end"), end=None, lost=None)) == [
        "never reached: lost"]
    assert script_problems(nodes(start=to("mid"), mid=to("start"))) == [
        "a loop: some path never ends"]
    assert script_problems(nodes(start=to("end"), end=None)) == [
        "a path ends after 1 answer(s); at least 2 are needed"]
    assert script_problems(nodes(start=to("mid"), mid=to("end"), end=None)) == []


def test_a_node_must_answer_every_kind():
    with pytest.raises(ValueError, match="one node for each"):
        Node(says="hi", next={"feeling": "a"})


def test_a_broken_library_is_refused_at_load_with_every_problem_named():
    raw = library.model_dump(by_alias=True, mode="json")
    first = raw["scenarios"][0]["id"]
    raw["scenarios"][0]["nodes"]["start"]["next"]["blame"] = "missing"
    with pytest.raises(ContentError) as caught:
        parse_content(Library, raw, source="scenarios.json")
    assert caught.value.problems == [
        f"scenarios.json: scenario {first!r}: script: 'start' sends 'blame' to 'missing', "
        "which does not exist."]
    raw = library.model_dump(by_alias=True, mode="json")
    raw["scenarios"][1]["id"] = first
    with pytest.raises(ContentError, match=f"scenario id {first!r} is used twice"):
        parse_content(Library, raw, source="scenarios.json")
    raw = library.model_dump(by_alias=True, mode="json")
    raw["scenarios"] = raw["scenarios"][:29]
    with pytest.raises(ContentError, match="needs at least 30"):
        parse_content(Library, raw, source="scenarios.json")
