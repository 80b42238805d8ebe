"""Reading feelings from described faces, voices and postures: the items and the scoring.

Items come from ``data/cues.json`` (validated at load: four different options, the answer one
of them, every option a vocabulary word). `score` is a pure function over plain answers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from feelmap.lib.content import ContentModel, Slug, Text, duplicates, fail, parse_content

DATA = Path(__file__).parent / "data" / "cues.json"
Channel = Literal["face", "voice", "posture"]
CHANNELS: dict[Channel, str] = {"face": "Faces", "voice": "Voices", "posture": "Postures"}


class CueItem(ContentModel):
    id: Slug
    channel: Channel
    description: Text = Field(max_length=300)
    options: tuple[Text, ...] = Field(min_length=3, max_length=5)
    answer: Text
    explanation: Text = Field(max_length=400)

    @model_validator(mode="after")
    def _answer_among_options(self) -> CueItem:
        fail([
            *(f"the option {o!r} is there twice" for o in duplicates(self.options)),
            "" if self.answer in self.options else "the answer is not one of the options",
        ])
        return self


class CueSet(ContentModel):
    about: Text = Field(alias="_about")
    items: tuple[CueItem, ...] = Field(min_length=3)

    @model_validator(mode="after")
    def _every_channel(self) -> CueSet:
        fail([
            *(f"no items for the channel {c!r}" for c in CHANNELS
              if c not in {i.channel for i in self.items}),
            *(f"item id {i!r} is used twice" for i in duplicates(i.id for i in self.items)),
        ])
        return self


@dataclass(frozen=True)
class Marked:
    item: CueItem
    chosen: str  # "" when skipped
    right: bool


@dataclass(frozen=True)
class Score:
    marked: tuple[Marked, ...]
    right: int
    answered: int
    total: int


def score(items: tuple[CueItem, ...], answers: Mapping[str, str]) -> Score:
    """Each item marked against the person's choice (an unknown choice counts as skipped)."""
    marked = []
    for item in items:
        chosen = answers.get(item.id, "")
        chosen = chosen if chosen in item.options else ""
        marked.append(Marked(item, chosen, chosen == item.answer))
    return Score(tuple(marked), sum(m.right for m in marked), sum(bool(m.chosen) for m in marked),
                 len(marked))


@lru_cache(maxsize=1)
def load_cues() -> CueSet:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return parse_content(CueSet, raw, source="saying/cues.json", nouns={"items": "item"})
