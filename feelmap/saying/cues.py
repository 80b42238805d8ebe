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

from pydantic import BaseModel, ConfigDict, Field, model_validator

DATA = Path(__file__).parent / "data" / "cues.json"
Channel = Literal["face", "voice", "posture"]
CHANNELS: dict[Channel, str] = {"face": "Faces", "voice": "Voices", "posture": "Postures"}


class CueItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    channel: Channel
    description: str = Field(min_length=10, max_length=300)
    options: tuple[str, ...] = Field(min_length=3, max_length=5)
    answer: str
    explanation: str = Field(min_length=10, max_length=400)

    @model_validator(mode="after")
    def _answer_among_options(self) -> CueItem:
        if len(set(self.options)) != len(self.options):
            raise ValueError(f"{self.id}: options repeat")
        if self.answer not in self.options:
            raise ValueError(f"{self.id}: the answer is not one of the options")
        return self


class CueSet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    about: str = Field(alias="_about")
    items: tuple[CueItem, ...] = Field(min_length=3)

    @model_validator(mode="after")
    def _every_channel(self) -> CueSet:
        if {i.channel for i in self.items} != set(CHANNELS):
            raise ValueError("every channel (face, voice, posture) needs items")
        if len({i.id for i in self.items}) != len(self.items):
            raise ValueError("item ids must be unique")
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
    return CueSet.model_validate(json.loads(DATA.read_text(encoding="utf-8")))
