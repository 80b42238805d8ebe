"""Journal prompt library: content in data/prompts.json, pure helpers here.

Each prompt has a stable slug ``id`` (saved with journal entries, so never rename one), a
``kind`` (see KINDS), a title, the prompt text, optional ordered ``steps`` (reframing prompts
always have them), ``suggested_minutes`` and an optional ``caution`` (every expressive-writing
prompt carries one).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, RootModel, field_validator, model_validator

from feelmap.lib.content import (
    ContentModel,
    RecordFile,
    Slug,
    Text,
    Whole,
    collection_problems,
    fail,
    one_of,
)

DATA_FILE = Path(__file__).with_name("data") / "prompts.json"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    description: str
    based_on: str


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind(
            key="expressive",
            label="Expressive writing",
            description=(
                "Write freely about your deepest thoughts and feelings on one thing that "
                "matters, 15–20 minutes, ideally a few days in a row."
            ),
            based_on=(
                "Expressive writing (Pennebaker & Beall 1986; Pennebaker 1997): writing about an "
                "upheaval for 15–20 minutes on 3–4 consecutive days. Mood often dips briefly "
                "afterwards; with active trauma it is best done with professional support."
            ),
        ),
        Kind(
            key="labeling",
            label="Naming feelings",
            description="Short prompts to put a feeling into a word, a little more precisely.",
            based_on=(
                "Affect labeling (Lieberman et al. 2007): putting feelings into words reduced "
                "the amygdala's response to emotional images."
            ),
        ),
        Kind(
            key="narrative",
            label="Telling your story",
            description="Tell a moment or a part of your life as a story, with its feelings.",
            based_on=(
                "Narrative writing: turning experiences into a coherent story, which Pennebaker & "
                "Seagal (1999) linked with the benefits of writing; also writing about yourself "
                "from a little distance (third person; Kross & Ayduk 2011) and about a hopeful "
                "future self (King 2001)."
            ),
        ),
        Kind(
            key="reframing",
            label="Another way to see it",
            description=("Step by step: situation → thought → feeling → another way to see it."),
            based_on=(
                "Cognitive reframing from cognitive behavioural therapy (CBT), following the "
                "steps of a thought record."
            ),
        ),
        Kind(
            key="body",
            label="Body first",
            description="Start from what your body notices, then look for words.",
            based_on=(
                "Interoceptive awareness: noticing body signals is the first step from sensation "
                "to a named feeling, which people with alexithymia often find hard."
            ),
        ),
    )
}

MIN_PROMPTS_PER_KIND = 6
EXPRESSIVE_MINUTES = (15, 20)
MIN_REFRAMING_STEPS = 4
REFRAMING_STEPS = ("situation", "thought", "feeling", "alternative")


class Prompt(ContentModel):
    id: Slug
    kind: Text
    title: Text
    text: Text
    suggested_minutes: Annotated[Whole, Field(ge=1, le=30)]
    steps: tuple[Text, ...] = ()
    caution: Text | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        return one_of(value, KINDS)

    @model_validator(mode="after")
    def _check_kind_rules(self) -> Prompt:
        problems = []
        if self.kind == "expressive":
            caution = (self.caution or "").lower()
            if not caution:
                problems.append("expressive prompts must carry a caution.")
            elif "professional" not in caution or not any(w in caution for w in ("lower", "dip")):
                problems.append(
                    "the caution must mention the brief dip in mood and professional support "
                    "for active trauma."
                )
            low, high = EXPRESSIVE_MINUTES
            if not low <= self.suggested_minutes <= high:
                problems.append(f"expressive prompts suggest {low}–{high} minutes.")
        if self.kind == "reframing":
            if len(self.steps) < MIN_REFRAMING_STEPS:
                problems.append(
                    f"reframing prompts need at least {MIN_REFRAMING_STEPS} steps "
                    "(situation, thought, feeling, alternative)."
                )
            else:
                starts = tuple(s.split(":", 1)[0].strip().lower() for s in self.steps[:4])
                if starts != REFRAMING_STEPS:
                    problems.append(
                        "reframing steps must begin 'Situation:', 'Thought:', 'Feeling:', "
                        "'Alternative:' in that order."
                    )
        fail(problems)
        return self

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "kind_label": KINDS[self.kind].label,
            "title": self.title,
            "text": self.text,
            "steps": list(self.steps),
            "suggested_minutes": self.suggested_minutes,
            "caution": self.caution,
        }


class PromptFile(RootModel[tuple[Prompt, ...]]):
    """The whole prompts.json: unique ids and enough prompts of every kind."""

    @model_validator(mode="after")
    def _check_library(self) -> PromptFile:
        fail(collection_problems(self.root, noun="prompt", plural="prompts", group="kind",
                                 groups=KINDS, minimum=MIN_PROMPTS_PER_KIND, in_group="of kind"))
        return self


PROMPTS = RecordFile(PromptFile, DATA_FILE, noun="prompt", group="kind", groups=KINDS)
validate_prompts = PROMPTS.problems  # problems with raw prompt data (a list of prompts)
parse_prompts = PROMPTS.parse  # validated prompts; ContentError listing every problem otherwise
validate = PROMPTS.validate  # problems with the shipped prompt file; [] if it is sound
load_prompts = PROMPTS.load  # every prompt in the library, in file order (read once)
prompt_by_id = PROMPTS.get  # None for an id that no longer exists (an old entry's prompt)
prompts_of_kind = PROMPTS.in_group  # prompts of one kind; ValueError for an unknown kind


def shuffle_prompt(
    rng: random.Random, exclude_id: str | None = None, kind: str | None = None
) -> Prompt:
    """A random prompt (of ``kind`` if given) other than ``exclude_id``.

    For "show me another prompt": pass the current prompt's id as ``exclude_id``. If the
    exclusion would leave nothing to choose from, the excluded prompt is returned rather than
    failing. The choice depends only on ``rng``'s state, so a seeded rng gives a repeatable pick.
    """
    pool = prompts_of_kind(kind) if kind is not None else list(load_prompts())
    candidates = [p for p in pool if p.id != exclude_id] or pool
    return rng.choice(candidates)


def kinds_as_dict() -> dict[str, dict[str, str]]:
    """KINDS as plain data for templates and the API."""
    return {
        key: {"label": k.label, "description": k.description, "based_on": k.based_on}
        for key, k in KINDS.items()
    }
