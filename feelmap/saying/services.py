"""Every write of Saying it, and the reads the pages and the API share.

Writes run in one transaction and check what was written for risk language inside the write:
the practice comes back with ``offer_help`` (and ``help_level``: clear or weak evidence) set, so
the page shows the offer of help and the API returns it, whichever way it was saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from feelmap.accounts.services import person_data_changed
from feelmap.checkins.models import CheckIn, Label
from feelmap.lib.versions import StaleVersion, lock_at_version
from feelmap.safety.nudge import help_level
from feelmap.safety.services import record_language_flags

from . import checks
from .builder import compose
from .models import SayingPractice
from .scenarios import load_library
from .schemas import PracticeIn

SEED_CHECKINS = 30  # how many recent check-ins feed the builder's suggestions
SEED_ITEMS = 6


def sounds_unsafe(*texts: str) -> str:
    """"strong", "gentle" or "" (see feelmap.safety.nudge): how clearly the texts show risk."""
    return help_level(*texts)


def _apply(practice: SayingPractice, data: PracticeIn) -> None:
    practice.scenario_id = data.scenario_id
    practice.goal = data.goal
    practice.feeling = data.feeling
    practice.nuance = data.nuance
    practice.also = data.also
    practice.when = data.when
    practice.need = data.need
    practice.request = data.request
    practice.text = data.text or compose(
        feeling=data.feeling, nuance=data.nuance, also=data.also, when=data.when,
        need=data.need, request=data.request,
    )
    practice.intensity = data.intensity
    practice.answers = list(data.answers)
    practice.spoken_seconds = data.spoken_seconds
    practice.felt = data.felt
    practice.clarity = data.clarity
    if data.practised_at is not None:
        practice.practised_at = data.practised_at


def _mark_risk(practice: SayingPractice) -> SayingPractice:
    """Set ``help_level`` ("strong", "gentle" or "") and ``offer_help`` on the saved practice."""
    level = sounds_unsafe(
        practice.text, practice.feeling, practice.also, practice.when, practice.need,
        practice.request, *practice.answers,
    )
    practice.help_level = level
    practice.offer_help = bool(level)
    record_language_flags(practice.owner, "saying-language", [level])
    return practice


def create_practice(*, owner, data: PracticeIn) -> SayingPractice:
    with transaction.atomic():
        practice = SayingPractice(owner=owner)
        _apply(practice, data)
        practice.save()
        person_data_changed(owner.pk, kind="saying")  # a linked clinician's list shows the latest practice
    return _mark_risk(practice)


class PracticeConflict(StaleVersion):
    """The practice was changed elsewhere since the version this edit was based on."""


def update_practice(practice: SayingPractice, *, data: PracticeIn,
                    based_on: int | None = None) -> SayingPractice:
    """Replace a practice's content. `based_on` is the version the edit started from: if the
    practice has changed since (another tab or device), nothing is written and
    PracticeConflict carries the saved practice."""
    with transaction.atomic():
        try:
            current = lock_at_version(practices_for(practice.owner_id), practice.pk, based_on)
        except StaleVersion as stale:
            raise PracticeConflict(stale.current) from None
        _apply(practice, data)
        practice.version = current.version + 1
        practice.save()
        person_data_changed(practice.owner_id, kind="saying")
    return _mark_risk(practice)


def delete_practice(practice: SayingPractice) -> None:
    with transaction.atomic():
        practice.delete()
        person_data_changed(practice.owner_id, kind="saying")


# --- reads --------------------------------------------------------------------------------


def practices_for(owner):
    """A person's saved practices, newest first."""
    return SayingPractice.objects.filter(owner=owner)


def review_text(text: str, *, goal: str = "express", intensity: int | None = None) -> checks.Review:
    """All checks on a text, with what the goal calls for."""
    wanted = load_library().goal(goal)
    return checks.review(
        text, rating=intensity,
        wants_need=wanted.wants_need if wanted else True,
        wants_request=wanted.wants_request if wanted else True,
    )


def review_practice(practice: SayingPractice) -> checks.Review:
    return review_text(practice.text, goal=practice.goal, intensity=practice.intensity)


@dataclass(frozen=True)
class Seeds:
    """Words from the person's recent check-ins, to start the builder from."""

    feelings: list[str]
    triggers: list[str]
    needs: list[str]


def _unique(values, limit: int) -> list[str]:
    seen: list[str] = []
    for value in values:
        value = (value or "").strip()
        if value and value.lower() not in (s.lower() for s in seen):
            seen.append(value)
        if len(seen) >= limit:
            break
    return seen


def seeds_for(owner) -> Seeds:
    """The person's recent feeling words, triggers and needs (newest first, no repeats)."""
    recent = list(
        CheckIn.objects.filter(owner=owner)
        .order_by("-occurred_at", "-id")
        .values_list("id", "trigger", "need")[:SEED_CHECKINS]
    )
    ids = [row[0] for row in recent]
    order = {checkin_id: i for i, checkin_id in enumerate(ids)}
    labels = sorted(
        Label.objects.filter(checkin_id__in=ids).only("checkin_id", "position", "word",
                                                      "own_word", "is_own"),
        key=lambda lb: (order[lb.checkin_id], lb.position),
    )
    return Seeds(
        feelings=_unique((lb.text for lb in labels), SEED_ITEMS),
        triggers=_unique((row[1] for row in recent), SEED_ITEMS),
        needs=_unique((row[2] for row in recent), SEED_ITEMS),
    )
