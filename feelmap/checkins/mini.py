"""A mini check-in for other areas (practices before/after, body scans): the affect grid, one
word or "not sure", and an optional note, saved as an ordinary CheckIn of the given kind.

    # view
    from feelmap.checkins.mini import mini_context, save_mini
    checkin, errors = save_mini(request, kind="practice-before")   # on POST
    context.update(mini_context(request.POST if errors else None, errors))
    # template, inside your <form method="post">{% csrf_token %}:
    {% include "checkins/_mini.html" %}
    # scripts block:
    <script type="module" src="{% static 'checkins/mini.js' %}"></script>
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from feelmap.safety.nudge import offer_help

from .forms import error_summary, place_errors, raw_from_post
from .models import CheckIn
from .pagecontext import form_context
from .services import checkin_create
from .validation import validate_checkin

MINI_KINDS = ("quick", "practice-before", "practice-after", "bodyscan")


def mini_context(post=None, errors: dict[str, list[str]] | None = None, *, kind: str = "quick",
                 with_note: bool = True) -> dict[str, Any]:
    """Template context for `checkins/_mini.html` (merge it into your page's context)."""
    raw, origin = (raw_from_post(post, kind=kind, rating_emotions=()) if post is not None
                   else ({"kind": kind}, {}))
    context = form_context(
        mode="quick", raw=raw, emotions=(), draft_key="mini",
        errors=place_errors(errors, origin) if errors else None,
        summary=error_summary(errors, origin) if errors else None,
    )
    context["mini_with_note"] = with_note
    return context


def save_mini(request, *, kind: str) -> tuple[CheckIn | None, dict[str, list[str]]]:
    """Validate and save the posted mini check-in; (None, errors) stores nothing."""
    if kind not in MINI_KINDS:
        raise ValueError(f"A mini check-in is one of {MINI_KINDS}, not {kind!r}.")
    raw, _origin = raw_from_post(request.POST, kind=kind, rating_emotions=())
    data, errors = validate_checkin(raw, now=timezone.now(), rating_emotions=())
    if data is None:
        return None, errors
    checkin = checkin_create(owner=request.user, data=data)
    offer_help(request, checkin.help_level)
    return checkin, {}
