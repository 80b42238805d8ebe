"""Round 10 (issue 20): everyday frames, whose words and when, read over whole sentences.

Data: ``data/detector_frames.json`` (checked by pydantic when first used). Three ideas:

* **Everyday frames.** A sentence that has risk words (a cut, bleeding, wanting it to stop,
  sleeping forever, counting down, counting tablets) *inside* an everyday frame (the kitchen,
  the garden, sport, shaving, a pet; a named pain with medical care; a weekend lie-in; an event
  to look forward to; a pharmacist's work) is blanked before any layer reads it
  (:func:`blank`), unless a guard word in the same note says it is meant ("on purpose", "for
  real", "not the nice kind", "enough", "aside"). The frame and the risk words must meet in
  one sentence, so a frame elsewhere in the note changes nothing.
* **Attribution.** A sentence led by someone else ("my brother keeps saying ...", "she said
  ...", "patients who self-harm") in which the writer never speaks in the first person is about
  that person (:func:`about_someone_else`); the writer joins in with any "I", "me" or "myself".
* **Time.** A note that frames itself as a recovered past ("back then", "years ago", "used to"
  with "got through", "glad to be here") carries that past over its other past-tense sentences
  (:func:`past_note`, :func:`past_tense`); a word of now or recurrence still wins (see
  ``context.role``). Someone else at risk for whom the writer is already getting help ("taking
  him to the GP tomorrow") needs no offer (:func:`help_sought`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .normalise import sentences

DATA = Path(__file__).resolve().parent.parent / "data" / "detector_frames.json"


class FrameIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    context: tuple[str, ...] = Field(min_length=1)
    harm: tuple[str, ...] = Field(min_length=1)
    guard: tuple[str, ...] = ()  # words that keep this frame's sentences (besides ``guard``)
    scope: Literal["sentence", "note"] = "sentence"  # where the context may be
    needs: tuple[str, ...] = ()  # one of these must also be in the note (care for a pain)


class FramesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    about: str
    frames: dict[str, FrameIn] = Field(min_length=1)
    guard: tuple[str, ...] = Field(min_length=1)
    third: tuple[str, ...] = Field(min_length=1)
    first: tuple[str, ...] = Field(min_length=1)
    reporting: tuple[str, ...] = Field(min_length=1)
    past_frame: tuple[str, ...] = Field(min_length=1)
    past_tense: tuple[str, ...] = Field(min_length=1)
    help_sought: tuple[str, ...] = Field(min_length=1)
    joins: tuple[str, ...] = Field(min_length=1)
    worry: tuple[str, ...] = Field(min_length=1)
    work_talk: tuple[str, ...] = Field(min_length=1)
    own_body: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _compiles(self) -> FramesFile:
        patterns = [p for f in self.frames.values() for p in (*f.context, *f.harm, *f.guard, *f.needs)]
        for name in ("guard", "third", "first", "reporting", "past_frame", "past_tense",
                     "help_sought", "joins", "worry", "work_talk", "own_body"):
            patterns += getattr(self, name)
        for p in patterns:
            try:
                re.compile(p)
            except re.error as e:
                raise ValueError(f"{p[:40]!r} does not compile: {e}") from e
        return self


def _words(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<= )(?:" + "|".join(patterns) + r")(?= |$)")


@dataclass(frozen=True)
class Frame:
    name: str
    context: re.Pattern[str]
    harm: re.Pattern[str]
    guard: re.Pattern[str] | None
    note: bool  # the context may be anywhere in the note, not only in the sentence
    needs: re.Pattern[str] | None


@dataclass(frozen=True)
class Table:
    frames: tuple[Frame, ...]
    guard: re.Pattern[str]
    third: re.Pattern[str]
    first: re.Pattern[str]
    reporting: re.Pattern[str]
    past_frame: re.Pattern[str]
    past_tense: re.Pattern[str]
    help_sought: re.Pattern[str]
    joins: re.Pattern[str]
    worry: re.Pattern[str]
    work_talk: re.Pattern[str]
    own_body: re.Pattern[str]


@lru_cache(maxsize=1)
def table(path: Path = DATA) -> Table:
    data = FramesFile.model_validate(json.loads(path.read_text(encoding="utf-8")))
    return Table(
        frames=tuple(Frame(name, _words(f.context), _words(f.harm),
                           _words(f.guard) if f.guard else None, f.scope == "note",
                           _words(f.needs) if f.needs else None)
                     for name, f in data.frames.items()),
        guard=_words(data.guard),
        # Sentence starts (" . " or the text's start) are matched by the patterns themselves.
        third=re.compile("|".join(f"(?:{p})" for p in data.third)),
        first=_words(data.first),
        reporting=_words(data.reporting),
        past_frame=_words(data.past_frame),
        past_tense=_words(data.past_tense),
        help_sought=_words(data.help_sought),
        joins=_words(data.joins),
        worry=_words(data.worry),
        work_talk=_words(data.work_talk),
        own_body=_words(data.own_body),
    )


def frame_of(sentence: str, note: str = "") -> str:
    """The everyday frame whose context and risk words meet in this sentence, or "".

    A frame with ``scope: note`` (a countdown) may find its context anywhere in ``note``; a
    frame's own guard words anywhere in the note keep its sentences; a frame with ``needs``
    (a named pain) counts only when one of those (care: a dentist, ibuprofen) is in the note:
    a bare "cramps so bad I want to die" still gets round 9's gentle check.
    """
    for f in table().frames:
        if not f.harm.search(sentence):
            continue
        if f.guard is not None and f.guard.search(note or sentence):
            continue
        if f.needs is not None and not f.needs.search(note or sentence):
            continue
        if f.context.search(sentence) or (f.note and f.context.search(note)):
            return f.name
    return ""


def blank(norm: str) -> str:
    """Normalised text with sentences in an everyday frame replaced by a filler ("#").

    Nothing is blanked when a guard word anywhere in the note says the harm is meant.
    """
    t = table()
    if t.guard.search(norm):
        return norm
    parts = sentences(norm)
    framed = [bool(frame_of(p, norm)) for p in parts]
    if not any(framed):
        return norm
    kept = [" # " if f else p for p, f in zip(parts, framed, strict=True)]
    return " " + " . ".join(p.strip() for p in kept) + " "


def about_someone_else(sentence: str) -> bool:
    """A sentence led by someone else, reporting their words or acts ("keeps saying", "cut
    herself"), in which the writer never says "I", "me" or "myself"."""
    t = table()
    return (t.third.search(sentence) is not None and t.first.search(sentence) is None
            and t.reporting.search(sentence) is not None)


def reported(sentence: str) -> bool:
    """Whether the sentence reports someone's words or acts ("keeps saying", "mentioned")."""
    return table().reporting.search(sentence) is not None


def past_note(norm: str) -> bool:
    """Whether the whole note frames itself as the past ("back then", "years ago")."""
    return table().past_frame.search(norm) is not None


def past_tense(sentence: str) -> bool:
    """Whether the sentence is told in the past tense."""
    return table().past_tense.search(sentence) is not None


def help_sought(norm: str) -> bool:
    """Whether the writer is already getting help for someone else, or it was a joke."""
    return table().help_sought.search(norm) is not None


def joins_in(sentence: str) -> bool:
    """Whether the writer joins in with someone else's words ("and honestly so do I")."""
    return table().joins.search(sentence) is not None


def worried(norm: str) -> bool:
    """Whether the writer is worried about someone ("I need to tell someone", "scared for her")."""
    return table().worry.search(norm) is not None


def work_talk(sentence: str) -> bool:
    """Whether a sentence speaks of the people one works with or of the work itself
    ("patients who self-harm", "training on spotting pupils", "I ask about it every day"),
    and not of the writer's own body, life or tablets ("scratching my arms at training")."""
    t = table()
    return t.work_talk.search(sentence) is not None and t.own_body.search(sentence) is None
