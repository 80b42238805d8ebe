"""The program's content, loaded from `data/*.json` and checked by pydantic at load time.

- `pages.json`: the understanding pages, each with its sources.
- `weeks.json`: the stages and the eight weeks (explanation, daily practice, choices for the
  exploratory style, one thing to try with another person), and the features they point to.
- `reasons.json`: the sentences the tailoring uses to say why it chose what it chose.

A feature whose page does not exist yet (for example "saying it") is shown as "coming", never
as a link: `feature_link` answers None for it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from feelmap.lib.content import ContentModel, Slug, Text, Whole, duplicates, fail, parse_content

DATA = Path(__file__).parent / "data"

# Feature and reason keys may use underscores (checkin_full, no_results); ids of pages and
# practices are slugs.
Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]{1,39}$")]
Emphasis = Literal["body", "identifying", "describing", "negative", "positive", "attention", "gentle"]
StageKey = Literal["body", "grid", "first_words", "precise_words", "saying", "sharing"]


class Source(ContentModel):
    citation: Text
    note: Text | None = None


class Section(ContentModel):
    heading: Text
    paragraphs: tuple[Text, ...] = ()
    items: tuple[Text, ...] = ()


class Pair(ContentModel):
    a: Text
    b: Text
    body_a: Text
    body_b: Text
    situation_a: Text
    situation_b: Text
    ask: Text


class PageLink(ContentModel):
    feature: Key
    text: Text


class Page(ContentModel):
    slug: Slug
    title: Text
    summary: Text
    sections: tuple[Section, ...] = Field(min_length=1)
    pairs: tuple[Pair, ...] = ()
    links: tuple[PageLink, ...] = ()
    sources: tuple[Source, ...] = Field(min_length=1)


class Feature(ContentModel):
    title: Text
    # URL names tried in order; when none exists the feature is "coming".
    url_names: tuple[str, ...] = ()
    query: str = ""


class Practice(ContentModel):
    key: Slug
    title: Text
    minutes: Annotated[Whole, Field(ge=1, le=30)]
    steps: tuple[Text, ...] = Field(min_length=1)
    feature: Key
    stresses: tuple[Emphasis, ...] = ()


class WithSomeone(ContentModel):
    text: Text
    feature: Key | None = None


class Week(ContentModel):
    number: Annotated[Whole, Field(ge=1, le=8)]
    stage: StageKey
    title: Text
    explanation: tuple[Text, ...] = Field(min_length=1)
    practice: Practice
    choices: tuple[Practice, ...] = Field(min_length=1)
    with_someone: WithSomeone
    for_you: dict[Emphasis, Text] = {}
    pages: tuple[Slug, ...] = ()


class Stage(ContentModel):
    key: StageKey
    title: Text


class Path_(ContentModel):
    stages: tuple[Stage, ...]
    weeks: tuple[Week, ...]
    features: dict[str, Feature]
    booster: tuple[Text, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Path_:
        problems: list[str] = []
        numbers = [w.number for w in self.weeks]
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append("weeks must be numbered 1, 2, 3, … in order.")
        order = [s.key for s in self.stages]
        seen = [w.stage for w in self.weeks]
        if sorted(set(seen), key=order.index) != order or seen != sorted(seen, key=order.index):
            problems.append("weeks must go through every stage, in the stages' order.")
        for week in self.weeks:
            keys = [week.practice.key, *(c.key for c in week.choices)]
            problems += [f"week {week.number}: practice {k!r} appears twice." for k in duplicates(keys)]
            features = [week.practice.feature, *(c.feature for c in week.choices)]
            if week.with_someone.feature:
                features.append(week.with_someone.feature)
            problems += [f"week {week.number}: unknown feature {f!r}." for f in features
                         if f not in self.features]
        fail(problems)
        return self


class Reason(ContentModel):
    key: Key
    text: Text


class Reasons(ContentModel):
    reasons: tuple[Reason, ...]

    def text(self, key: str) -> str:
        for reason in self.reasons:
            if reason.key == key:
                return reason.text
        raise KeyError(key)


class Pages(ContentModel):
    pages: tuple[Page, ...]

    @model_validator(mode="after")
    def _unique(self) -> Pages:
        fail(f"page {slug!r} appears twice." for slug in duplicates(p.slug for p in self.pages))
        return self


def _read(name: str) -> object:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_pages() -> Pages:
    return parse_content(Pages, _read("pages.json"), source="pages.json", nouns={"pages": "page"})


@lru_cache(maxsize=1)
def load_path() -> Path_:
    path = parse_content(Path_, _read("weeks.json"), source="weeks.json",
                         nouns={"weeks": "week", "features": "feature"})
    slugs = {p.slug for p in load_pages().pages}
    for week in path.weeks:
        for slug in week.pages:
            if slug not in slugs:
                raise ValueError(f"week {week.number} points to a missing page {slug!r}")
    return path


@lru_cache(maxsize=1)
def load_reasons() -> Reasons:
    return parse_content(Reasons, _read("reasons.json"), source="reasons.json",
                         nouns={"reasons": "reason"})


def page(slug: str) -> Page | None:
    return next((p for p in load_pages().pages if p.slug == slug), None)


def week(number: int) -> Week:
    weeks = load_path().weeks
    if not 1 <= number <= len(weeks):
        raise ValueError(f"There is no week {number}.")
    return weeks[number - 1]


def week_count() -> int:
    return len(load_path().weeks)


def stage_title(key: str) -> str:
    return next(s.title for s in load_path().stages if s.key == key)


def options(number: int) -> tuple[Practice, ...]:
    """Every practice a person may record for this week: the fixed one first."""
    found = week(number)
    return (found.practice, *found.choices)


def feature_link(key: str) -> str | None:
    """The address of a feature, or None while it is still coming (never a dead link)."""
    from django.urls import NoReverseMatch, reverse

    feature = load_path().features.get(key)
    if feature is None:
        return None
    for name in feature.url_names:
        try:
            return reverse(name) + feature.query
        except NoReverseMatch:
            continue
    return None
