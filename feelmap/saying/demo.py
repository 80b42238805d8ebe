"""Demo practices for `feelmap demo`: a handful of saved "saying it" practices over the period,
some from role-play conversations, some built from scratch, some said out loud. Written
through services.create_practice, like the pages and the API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from . import services
from .scenarios import load_library
from .schemas import PracticeIn

# (scenario id, answers in the conversation, parts of the sentence, intensity)
EXAMPLES: tuple[tuple[str, list[str], dict[str, Any], int | None], ...] = (
    ("partner-late-again",
     ["I was worried, and a bit hurt that you didn't text.", "Would you send a message next time?"],
     {"feeling": "hurt", "nuance": "a bit", "when": "you came home late without a message",
      "need": "to know you're safe", "request": "send a quick text when you're running late"}, 5),
    ("work-overloaded",
     ["I feel overwhelmed with three urgent projects.", "Could we move the report to next week?"],
     {"feeling": "overwhelmed", "when": "a third urgent project arrives in one week",
      "need": "a workload I can do well", "request": "help me choose what can wait"}, 7),
    ("friend-dont-know",
     ["Honestly, I don't know what I feel yet.", "Maybe just a walk, no talking about it."],
     {"feeling": "not sure yet", "when": "people ask me about the funeral",
      "need": "time to work it out", "request": ""}, None),
    ("", [],
     {"feeling": "relieved", "also": "sad", "when": "the move was finally over",
      "need": "a quiet weekend to settle", "request": "keep Sunday free with me"}, 4),
    ("family-sibling-thanks",
     ["I feel really grateful. It meant I could relax on holiday.", "Thank you, truly."],
     {"feeling": "grateful", "nuance": "very", "when": "you looked after the cat",
      "need": "", "request": ""}, 6),
)


def generate(user, *, days, per_day, rng, progress):  # noqa: ARG001 - per_day is for check-ins
    library = load_library()
    now = timezone.now()
    total = len(EXAMPLES)
    for done, (scenario_id, answers, parts, intensity) in enumerate(EXAMPLES, start=1):
        scenario = library.get(scenario_id)
        goal = scenario.goal if scenario else "express"
        spoken = rng.random() < 0.6
        data = PracticeIn(
            scenario_id=scenario_id,
            goal=goal,
            answers=answers,
            intensity=intensity,
            spoken_seconds=rng.randint(12, 50) if spoken else None,
            felt=rng.randint(2, 5) if spoken else None,
            clarity=rng.randint(2, 5) if spoken else None,
            practised_at=now - timedelta(days=rng.uniform(0, max(days - 1, 0)),
                                         minutes=rng.randint(1, 600)),
            **parts,
        )
        services.create_practice(owner=user, data=data)
        progress("saying it", done, total)
