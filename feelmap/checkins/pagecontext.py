"""What the check-in form template needs, built from validation-shaped data."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone

from feelmap import __version__

from .bodyscan import SCAN_STEPS
from .choices import CONTEXT_CHOICES, RATING_SCALE
from .components import affectgrid_context, bodymap_context, naming_data, word_choices
from .forms import LABEL_SLOTS, marks_from_raw

CONTEXT_LABELS = {
    "doing": ("What were you doing?", "doing_own", "In your own words"),
    "with_whom": ("Who were you with?", "with_whom_own", "In your own words"),
    "where": ("Where were you?", "where_own", "In your own words"),
}


def _occurred_value(value: Any) -> str:
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
    return value or ""


def form_context(*, mode: str, raw: dict[str, Any], emotions: tuple[str, ...], checkin=None,
                 draft_key: str, errors: dict[str, Any] | None = None,
                 summary: list | None = None, server_draft: Any = None,
                 suggestions: list | None = None, asked_for_suggestions: bool = False,
                 contrast: dict | None = None, contrast_note: str = "",
                 version: object = "", conflict: dict | None = None) -> dict:
    errors = errors or {"body": {}, "labels": {}, "ratings": {}, "fields": {}}
    fields = errors["fields"]
    slots_count = 1 if mode == "quick" else LABEL_SLOTS
    labels = list(raw.get("labels") or [])
    slots = []
    for n in range(1, slots_count + 1):
        label = labels[n - 1] if n <= len(labels) else {}
        slots.append({
            "n": n,
            "word": label.get("word", ""),
            "own": bool(label.get("own")),
            "intensity": label.get("intensity") if label.get("intensity") not in (None, "") else 5,
            "confidence": label.get("confidence") if label.get("confidence") not in (None, "") else 50,
            "errors": errors["labels"].get(str(n), []),
        })
    ratings_raw = raw.get("ratings") or {}
    ratings = [
        {"emotion": e, "value": str(ratings_raw.get(e, "")),
         "errors": errors["ratings"].get(e, [])}
        for e in emotions
    ]
    context_fields = [
        {"name": name, "label": CONTEXT_LABELS[name][0], "choices": choices,
         "value": raw.get(name) or "", "own_name": CONTEXT_LABELS[name][1],
         "own_value": raw.get(CONTEXT_LABELS[name][1]) or "",
         "errors": fields.get(name, []) + fields.get(CONTEXT_LABELS[name][1], [])}
        for name, choices in CONTEXT_CHOICES.items()
    ]
    return {
        "mode": mode,
        "checkin": checkin,
        "draft_key": draft_key,
        # This page's own id, sent with its form and its autosaves (services.draft_save).
        "draft_page": uuid.uuid4(),
        "server_draft": server_draft,
        "raw": raw,
        "occurred_value": _occurred_value(raw.get("occurred_at")),
        "fields": fields,
        "summary": summary or [],
        "bodymap": bodymap_context("body", marks_from_raw(raw), errors["body"]),
        "affect": affectgrid_context("", raw.get("pleasantness"), raw.get("energy"), fields),
        "slots": slots,
        "show_scales": mode != "quick",
        "not_sure": bool(raw.get("not_sure")),
        # The same for everyone: the templates keep them in {% cache %} fragments keyed on the
        # release, and call these only when a fragment has to be made again.
        "naming_data": naming_data,
        "word_choices": word_choices,
        "vocabulary_version": __version__,
        "ratings": ratings,
        "rating_values": [str(v) for v in range(RATING_SCALE[0], RATING_SCALE[1] + 1)],
        "context_fields": context_fields,
        "scan_steps": SCAN_STEPS,
        "suggestions": suggestions,
        "asked_for_suggestions": asked_for_suggestions,
        "contrast": contrast,
        "contrast_note": contrast_note,
        # The version an edit was loaded with (lib/versions.py), and both sides of a conflict.
        "version": version,
        "conflict": conflict,
    }
