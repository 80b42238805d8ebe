"""The role-play library: scenarios, their goals, and the small branching scripts.

Read from ``data/scenarios.json`` and validated when loaded. Besides the field checks, every
script must be a proper conversation: it starts at "start", every "next" points at a node that
exists, every node can be reached, there are no loops (so every path ends), and the person
answers at least twice on every path. `play` replays a conversation from the person's answers
alone, so a page never has to trust a node id sent back by the browser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import Field, model_validator

from feelmap.lib.content import ContentModel, Flag, Slug, Text, duplicates, fail, parse_content

from .checks import CATEGORIES, Category, classify

DATA = Path(__file__).parent / "data" / "scenarios.json"
START = "start"
MIN_TURNS = 2  # answers the person gives on the shortest path

GoalKey = Literal["express", "boundary", "support", "repair", "praise", "unsure"]
RelationKey = Literal["partner", "friend", "family", "work", "clinician", "stranger", "oneself"]
LEVELS = {1: "Gentle start", 2: "A bit harder", 3: "Harder"}


class Goal(ContentModel):
    label: Text
    hint: Text
    wants_need: Flag
    wants_request: Flag


class Node(ContentModel):
    says: Text = Field(max_length=300)
    # The next node for each kind of answer; None for an ending.
    next: dict[Category, str] | None = None

    @model_validator(mode="after")
    def _every_kind_answered(self) -> Node:
        if self.next is not None and set(self.next) != set(CATEGORIES):
            raise ValueError(f"'next' needs one node for each of {', '.join(CATEGORIES)}")
        return self

    @property
    def is_end(self) -> bool:
        return self.next is None


class Scenario(ContentModel):
    id: Slug = Field(max_length=60)
    relation: RelationKey
    goal: GoalKey
    level: Literal[1, 2, 3]
    title: Text = Field(max_length=80)
    other: Text = Field(max_length=80)
    situation: Text = Field(max_length=400)
    nodes: dict[str, Node]

    @model_validator(mode="after")
    def _script_is_a_conversation(self) -> Scenario:
        fail(f"script: {p}" for p in script_problems(self.nodes))
        return self

    @property
    def opening(self) -> str:
        return self.nodes[START].says

    @property
    def level_label(self) -> str:
        return LEVELS[self.level]


class Library(ContentModel):
    about: Text = Field(alias="_about")
    goals: dict[GoalKey, Goal]
    relations: dict[RelationKey, Text]
    scenarios: tuple[Scenario, ...] = Field(min_length=30)

    @model_validator(mode="after")
    def _unique_and_complete(self) -> Library:
        fail([
            *(f"scenario id {i!r} is used twice" for i in duplicates(s.id for s in self.scenarios)),
            *(f"no scenario for {r!r}" for r in get_args(RelationKey)
              if r not in {s.relation for s in self.scenarios}),
            *(f"no scenario for the goal {g!r}" for g in get_args(GoalKey)
              if g not in {s.goal for s in self.scenarios}),
            *(f"the goal {g!r} is not described" for g in get_args(GoalKey) if g not in self.goals),
            *(f"the relation {r!r} has no name" for r in get_args(RelationKey)
              if r not in self.relations),
        ])
        return self

    def goal(self, key: str) -> Goal | None:
        """The goal called `key`, or None (a stored practice's goal is plain text)."""
        return next((goal for name, goal in self.goals.items() if name == key), None)

    def get(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def graded(self) -> list[Scenario]:
        """Easy to hard, then by relation in the library's order."""
        order = list(self.relations)
        return sorted(self.scenarios, key=lambda s: (s.level, order.index(s.relation), s.title))


def script_problems(nodes: dict[str, Node]) -> list[str]:
    """What is wrong with a script, in words ([] if nothing)."""
    if START not in nodes:
        return [f"no {START!r} node"]
    problems = []
    for key, node in nodes.items():
        for kind, target in (node.next or {}).items():
            if target not in nodes:
                problems.append(f"{key!r} sends {kind!r} to {target!r}, which does not exist")
    if problems:
        return problems
    reached: set[str] = set()
    stack = [START]
    while stack:
        key = stack.pop()
        if key not in reached:
            reached.add(key)
            stack.extend((nodes[key].next or {}).values())
    unreachable = sorted(set(nodes) - reached)
    if unreachable:
        problems.append(f"never reached: {', '.join(unreachable)}")
    # Depth-first with colours finds loops; shortest and longest answers per path come free.
    shortest: dict[str, int] = {}
    state: dict[str, int] = {}

    def visit(key: str) -> int | None:
        if state.get(key) == 1:
            return None  # on the current path: a loop
        if state.get(key) == 2:
            return shortest[key]
        state[key] = 1
        node = nodes[key]
        if node.is_end:
            best = 0
        else:
            depths = [visit(t) for t in (node.next or {}).values()]
            if any(d is None for d in depths):
                return None
            best = 1 + min(d for d in depths if d is not None)
        state[key] = 2
        shortest[key] = best
        return best

    turns = visit(START)
    if turns is None:
        problems.append("a loop: some path never ends")
    elif turns < MIN_TURNS:
        problems.append(f"a path ends after {turns} answer(s); at least {MIN_TURNS} are needed")
    return problems


@dataclass(frozen=True)
class Turn:
    speaker: Literal["other", "you"]
    text: str
    category: Category | None = None


@dataclass(frozen=True)
class Conversation:
    turns: tuple[Turn, ...]
    node: str  # where the conversation is now
    ended: bool


def play(scenario: Scenario, answers: list[str]) -> Conversation:
    """The conversation so far, replayed from the person's answers. Answers after the end are
    ignored; the result says whether the script has ended."""
    key = START
    turns = [Turn("other", scenario.nodes[START].says)]
    for answer in answers:
        node = scenario.nodes[key]
        if node.next is None:
            break
        category = classify(answer)
        turns.append(Turn("you", answer, category))
        key = node.next[category]
        turns.append(Turn("other", scenario.nodes[key].says))
    return Conversation(tuple(turns), key, scenario.nodes[key].is_end)


@lru_cache(maxsize=1)
def load_library() -> Library:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return parse_content(Library, raw, source="saying/scenarios.json")
