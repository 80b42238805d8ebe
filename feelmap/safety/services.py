"""Every write of safety records: the page, its autosave and the API call these."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction

from feelmap.accounts.services import person_data_changed

from .detector import STRONG
from .models import SafetyFlag, SafetyPlan
from .plan import validate_plan

if TYPE_CHECKING:
    from feelmap.accounts.models import User


class PlanConflict(Exception):
    """The plan was saved elsewhere since the version this save was based on."""

    def __init__(self, current: SafetyPlan) -> None:
        self.current = current
        super().__init__(f"The plan is at version {current.version}.")


def save_plan(
    user: User,
    sections: dict[str, list[str]],
    shared: bool,
    *,
    based_on: int | None,
) -> SafetyPlan:
    """Store a whole plan (already validated) if it is still at version `based_on`.

    Raises PlanConflict (and writes nothing) when someone saved in between: a second tab, a
    second device, a script. `based_on=None` skips the check; only the demo and tests use it.

    Race-free for the first save too: the row is created (or found) through the unique
    constraint on the owner, then locked, so ten simultaneous first saves make one plan, and
    the other nine, based on version 0, get a conflict instead of an error.
    """
    full = validate_plan(sections)  # every section present, cleaned
    with transaction.atomic():
        SafetyPlan.objects.get_or_create(owner=user)
        plan = SafetyPlan.objects.select_for_update().get(owner=user)
        if based_on is not None and based_on != plan.version:
            raise PlanConflict(plan)
        plan.sections = full
        plan.shared_with_clinician = shared
        plan.version += 1
        plan.save()
        person_data_changed(user.pk, kind="safety_plan")  # a linked clinician's list shows when it last changed
    return plan


def record_language_flags(owner: User, source: str, levels: Iterable[str]) -> int:
    """A flag (where and when, never the words) for each text whose risk language was clear
    ("strong"); a linked clinician's dashboard shows these when the kind is shared. Callers may
    record flags after their own write's transaction (check-ins do), so a new flag tells the
    person's summaries itself."""
    flags = [SafetyFlag(owner=owner, source=source) for level in levels if level == STRONG]
    if flags:
        with transaction.atomic():
            SafetyFlag.objects.bulk_create(flags)
            person_data_changed(owner.pk, kind="safety_flags")
    return len(flags)
