"""The personal safety plan: its sections as data, and a validator for the person's answers.

The structure follows the Safety Planning Intervention of Stanley and Brown (2012): a short,
written list, made in calm times, of what to do step by step when a crisis builds. The
wording here is Feelmap's own. A plan does not replace professional help; it makes the next
step easier to find when thinking is hard.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "MAX_ITEMS",
    "MAX_ITEM_LENGTH",
    "SECTIONS",
    "SECTION_KEYS",
    "PlanSection",
    "empty_plan",
    "section",
    "validate_plan",
]

MAX_ITEMS = 12
MAX_ITEM_LENGTH = 300


@dataclass(frozen=True, slots=True)
class PlanSection:
    key: str
    title: str
    guidance: str
    prompts: tuple[str, ...]
    optional: bool = False


SECTIONS: tuple[PlanSection, ...] = (
    PlanSection(
        key="warning_signs",
        title="My warning signs",
        guidance=(
            "What tells you a hard time is starting? It can be a thought, a feeling, something "
            "in your body, or something you do. Noticing early gives you more time to use the "
            "rest of this plan. If you can't name a feeling, a body signal counts too."
        ),
        prompts=(
            "When things get bad, I start to think…",
            "My body often feels… (heavy, tight, buzzing, far away)",
            "I notice I stop… or start…",
        ),
    ),
    PlanSection(
        key="coping_steps",
        title="Things I can do on my own",
        guidance=(
            "Small things you can do by yourself to take the edge off, even a little. They "
            "don't need to fix anything. Pick things that are easy to start when you have "
            "little energy."
        ),
        prompts=(
            "A breathing practice, a shower, a walk round the block…",
            "Something for my senses: music, cold water, a smell I like…",
            "Something to do with my hands…",
        ),
    ),
    PlanSection(
        key="distractions",
        title="People and places that take my mind off things",
        guidance=(
            "Places you can go and people you can be around, without having to talk about "
            "how you feel. Being near others can help on its own."
        ),
        prompts=(
            "A place where there are people around: a café, a library, a park…",
            "Someone I can message about everyday things…",
            "An online space that feels kind to me…",
        ),
    ),
    PlanSection(
        key="people_to_ask",
        title="People I can ask for help",
        guidance=(
            "People you trust enough to tell that you are struggling. Write how to reach them. "
            "You can show them this plan, or simply say \"I'm having a hard time, can you stay "
            'with me for a bit?"'
        ),
        prompts=(
            "Name and phone number…",
            "Someone who would want to know if I was not okay…",
            "What I could say or text to them…",
        ),
    ),
    PlanSection(
        key="professionals",
        title="Professionals and services I can contact",
        guidance=(
            "Your doctor, therapist or care team, and crisis lines you can call or text at any "
            "hour. The crisis numbers for your country are shown next to this plan; add any "
            "local ones here. Nobody watches this app, so reach out to a person directly."
        ),
        prompts=(
            "My doctor or therapist, and how to reach them…",
            "A crisis line I can call or text any time…",
            "The nearest emergency department…",
        ),
    ),
    PlanSection(
        key="safer_surroundings",
        title="Making my surroundings safer",
        guidance=(
            "When a crisis builds, distance from anything you might use to hurt yourself "
            "saves lives. Think about what you could put away, lock up, or give to someone "
            "else to keep for now, and who could help you do it."
        ),
        prompts=(
            "Things I could put away or ask someone to keep for me…",
            "Medicines I could keep in smaller amounts or with someone I trust…",
            "A safer place I can go to when it gets bad…",
        ),
    ),
    PlanSection(
        key="reasons_for_living",
        title="What matters to me",
        guidance=(
            "Optional. People, animals, plans, small pleasures or values that matter to you, "
            "even a little, even on bad days. It is fine to leave this empty or come back to "
            "it later."
        ),
        prompts=(
            "Someone or something I care about…",
            "Something I'd like to see, do or finish…",
            "A small thing that still feels good sometimes…",
        ),
        optional=True,
    ),
)

SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS)
_BY_KEY = {s.key: s for s in SECTIONS}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0]+")


def section(key: str) -> PlanSection:
    """The section with ``key``; raises KeyError for unknown keys."""
    return _BY_KEY[key]


def empty_plan() -> dict[str, list[str]]:
    """A plan with every section present and empty."""
    return {key: [] for key in SECTION_KEYS}


def _clean_item(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    text = _CONTROL.sub(" ", text).replace("\r", " ").replace("\n", " ")
    return _SPACES.sub(" ", text).strip()


def validate_plan(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """Clean and bound a safety plan; returns every section key with a list of answers.

    Accepts a mapping of section key -> list of strings (or one string, read one answer per
    line; None means empty). Answers are stripped, blank ones dropped, exact duplicates
    dropped. Raises ValueError with a plain message on an unknown section, a wrong type, more
    than ``MAX_ITEMS`` answers in a section or an answer longer than ``MAX_ITEM_LENGTH``
    characters. Nothing is silently cut.
    """
    if not isinstance(data, Mapping):
        raise ValueError("The safety plan must be an object of section -> answers.")
    unknown = [str(k) for k in data if k not in _BY_KEY]
    if unknown:
        raise ValueError(
            f"Unknown safety plan section(s): {', '.join(sorted(unknown))}. "
            f"Known sections: {', '.join(SECTION_KEYS)}."
        )
    plan = empty_plan()
    for key, value in data.items():
        title = _BY_KEY[key].title
        if value is None:
            continue
        if isinstance(value, str):
            items: list[Any] = value.splitlines()
        elif isinstance(value, list | tuple):
            items = list(value)
        else:
            raise ValueError(f'"{title}" must be a list of answers.')
        cleaned: list[str] = []
        for position, item in enumerate(items, start=1):
            if not isinstance(item, str):
                raise ValueError(f'Answer {position} in "{title}" must be text.')
            text = _clean_item(item)
            if not text or text in cleaned:
                continue
            if len(text) > MAX_ITEM_LENGTH:
                raise ValueError(
                    f'Answer {position} in "{title}" is {len(text)} characters long; '
                    f"please keep each answer under {MAX_ITEM_LENGTH + 1} characters."
                )
            cleaned.append(text)
        if len(cleaned) > MAX_ITEMS:
            raise ValueError(
                f'"{title}" has {len(cleaned)} answers; the most a section can hold is {MAX_ITEMS}.'
            )
        plan[key] = cleaned
    return plan
