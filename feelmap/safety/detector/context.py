"""Who and when: weigh what the other layers found by whose words they are and when.

Data: ``data/detector_context.json`` (checked by pydantic when first used). Three ideas:

* **Everyday harm and idioms are negative evidence.** Phrases such as "killing me" about
  shoes, "cut my thumb chopping onions", "counted the tablets to make sure they gave me all
  28", "20 days until the wedding", "slept till noon" or "want this headache to stop" are
  blanked out before any layer reads the text (:func:`everyday`).
* **The writer, now.** Someone else at risk now ("my friend says she wants to end it")
  still gets a gentle offer of help, unless the text reads as care work (a ward, a helpline,
  supervision). Otherwise: Each sentence gets a role (:func:`role`): someone else ("my patient
  told me she wanted to die", "people who self-harm"), a story ("the novel where..."), the
  past ("five years ago I tried...", unless "again", "still", "tonight" or a relapse says it
  is now) or the writer's own. A sentence with the writer's own wish or act ("I lied and said
  no", "myself") stays the writer's even when it names someone else.
* **A plan, a means or a time needs a self-directed harm context** (:func:`has_harm`):
  without one the result is only a gentle check.

The engine decides the message level from these (see ``engine.weigh``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

DATA = Path(__file__).resolve().parent.parent / "data" / "detector_context.json"

_LISTS = ("everyday", "other", "fiction", "past", "now", "own", "harm", "care_work", "close", "recovered")

OWN = "own"
OTHER = "other"
FICTION = "fiction"
PAST = "past"


class ContextFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    about: str
    everyday: tuple[str, ...] = Field(min_length=1)
    other: tuple[str, ...] = Field(min_length=1)
    fiction: tuple[str, ...] = Field(min_length=1)
    past: tuple[str, ...] = Field(min_length=1)
    now: tuple[str, ...] = Field(min_length=1)
    own: tuple[str, ...] = Field(min_length=1)
    harm: tuple[str, ...] = Field(min_length=1)
    care_work: tuple[str, ...] = Field(min_length=1)
    close: tuple[str, ...] = Field(min_length=1)
    recovered: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _compiles(self) -> ContextFile:
        for name in _LISTS:
            for p in getattr(self, name):
                try:
                    re.compile(p)
                except re.error as e:
                    raise ValueError(f"{name}: {p[:40]!r} does not compile: {e}") from e
        return self


@dataclass(frozen=True)
class Markers:
    everyday: re.Pattern[str]
    other: re.Pattern[str]
    fiction: re.Pattern[str]
    past: re.Pattern[str]
    now: re.Pattern[str]
    own: re.Pattern[str]
    harm: re.Pattern[str]
    care_work: re.Pattern[str]
    close: re.Pattern[str]
    recovered: re.Pattern[str]


def _words(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the patterns, starting and ending at word boundaries of normalised text."""
    return re.compile(r"(?<= )(?:" + "|".join(patterns) + r")(?= |$)")


@lru_cache(maxsize=1)
def markers(path: Path = DATA) -> Markers:
    data = ContextFile.model_validate(json.loads(path.read_text(encoding="utf-8")))
    return Markers(
        everyday=re.compile(r" (?:" + "|".join(data.everyday) + r")(?= |$)"),
        other=_words(data.other),
        fiction=_words(data.fiction),
        past=_words(data.past),
        now=_words(data.now),
        own=_words(data.own),
        harm=_words(data.harm),
        care_work=_words(data.care_work),
        recovered=_words(data.recovered),
        close=re.compile("|".join(f"(?:{p})" for p in data.close)),
    )


def everyday(norm: str) -> str:
    """Normalised text with everyday uses of risk words replaced by a filler ("#")."""
    return markers().everyday.sub(" #", norm)


def role(sentence: str, text: str = "") -> str:
    """Whose words and when: :data:`OWN`, :data:`OTHER`, :data:`FICTION` or :data:`PAST`.

    ``text`` is the whole normalised text the sentence is from: a "now" marker anywhere in it
    ("it's creeping back") keeps a past sentence the writer's own.
    """
    m = markers()
    if not m.own.search(sentence):
        if m.fiction.search(sentence):
            return FICTION
        if m.other.search(sentence):
            return OTHER
    if m.past.search(sentence) and not m.now.search(text or sentence):
        return PAST
    return OWN


def close_person(norm: str) -> bool:
    """Whether the text is about someone close (a friend, a son, "he said ...")."""
    return markers().close.search(norm) is not None


def recovered(norm: str) -> bool:
    """Whether the text says the writer has come through ("proud", "it's different now")."""
    return markers().recovered.search(norm) is not None


def care_work(norm: str) -> bool:
    """Whether the text reads as caring for others as work or as a volunteer."""
    return markers().care_work.search(norm) is not None


def has_harm(norm: str) -> bool:
    """Whether the text has words of self-directed harm, for a plan, a means or a time."""
    return markers().harm.search(norm) is not None
