"""Between the HTML form and `validation.py`: read the posted fields into plain data, and put
validation messages back next to the controls they belong to."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from feelmap.lexicon.body import load_body_catalogue

from .choices import CONTEXT_CHOICES
from .schemas import TEXT_LIMITS

LABEL_SLOTS = 3


def _local_datetime(value: str) -> Any:
    """A datetime-local value ("2025-03-14T18:30") in the person's time zone; else as given."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value  # validation explains the expected format
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


def raw_from_post(post, *, kind: str, rating_emotions: tuple[str, ...], body_prefix: str = "body") -> tuple[dict[str, Any], dict[str, str]]:
    """The posted form as validation input, and where each list item came from (for errors)."""
    origin: dict[str, str] = {}
    raw: dict[str, Any] = {"kind": kind}
    raw["occurred_at"] = _local_datetime(post.get("occurred_at", ""))
    raw["pleasantness"] = post.get("pleasantness", "")
    raw["energy"] = post.get("energy", "")
    raw["not_sure"] = post.get("not_sure", "") == "on"

    sensations: list[dict[str, str]] = []
    for region in load_body_catalogue().regions:
        field = f"{body_prefix}-{region.key}"
        qualities = post.getlist(field)
        intensity = post.get(f"{field}-intensity", "")
        side = post.get(f"{field}-side", "")
        for quality in qualities:
            origin[f"sensations.{len(sensations)}"] = region.key
            sensations.append({"region": region.key, "quality": quality, "intensity": intensity,
                               "side": side})
    raw["sensations"] = sensations

    labels: list[dict[str, Any]] = []
    for slot in range(1, LABEL_SLOTS + 1):
        word = post.get(f"label-{slot}-word", "").strip()
        if not word:
            continue
        origin[f"labels.{len(labels)}"] = str(slot)
        labels.append({
            "word": word,
            "own": post.get(f"label-{slot}-own", "") == "on",
            "intensity": post.get(f"label-{slot}-intensity", ""),
            "confidence": post.get(f"label-{slot}-confidence", ""),
        })
    raw["labels"] = labels

    raw["ratings"] = {
        emotion: post.get(f"rating-{emotion}")
        for emotion in rating_emotions
        if post.get(f"rating-{emotion}", "") != ""
    }
    for name in CONTEXT_CHOICES:
        raw[name] = post.get(name, "")
    for name in TEXT_LIMITS:
        raw[name] = post.get(name, "")
    return raw, origin


def place_errors(errors: dict[str, list[str]], origin: dict[str, str]) -> dict[str, Any]:
    """Validation messages grouped by where the page shows them."""
    placed: dict[str, Any] = {"body": {}, "labels": {}, "ratings": {}, "fields": {}}
    for name, messages in errors.items():
        parts = name.split(".")
        if parts[0] == "sensations" and len(parts) > 1:
            region = origin.get(f"sensations.{parts[1]}", "")
            placed["body"].setdefault(region, []).extend(messages)
        elif parts[0] == "labels" and len(parts) > 1:
            slot = origin.get(f"labels.{parts[1]}", "1")
            placed["labels"].setdefault(slot, []).extend(messages)
        elif parts[0] == "ratings" and len(parts) > 1:
            placed["ratings"].setdefault(parts[1], []).extend(messages)
        else:
            placed["fields"].setdefault(parts[0], []).extend(messages)
    return placed


def _target(name: str, origin: dict[str, str]) -> str:
    """The id of the control a validation message is about."""
    head, _, rest = name.partition(".")
    index = rest.split(".")[0]
    if head == "sensations":
        return f"body-r-{origin.get(f'sensations.{index}', '')}" if index else "step-body"
    if head == "labels":
        return f"label-{origin.get(f'labels.{index}', '1')}-word"
    if head == "ratings":
        return f"rating-{index}" if index else "step-ratings"
    return f"id_{head}"


def error_summary(errors: dict[str, list[str]], origin: dict[str, str]) -> list[dict[str, str]]:
    """One line per problem with the id of the control to fix, for the summary at the top."""
    return [{"target": _target(name, origin), "message": m}
            for name, messages in errors.items() for m in messages]


def marks_from_raw(raw: dict[str, Any]) -> dict[str, tuple[list[str], Any, set[str]]]:
    """Body-map marks (region -> qualities, intensity, sides) from validation-shaped data."""
    marks: dict[str, tuple[list[str], Any, set[str]]] = {}
    for s in raw.get("sensations") or []:
        qualities, intensity, sides = marks.get(s["region"], ([], None, set()))
        qualities.append(s["quality"])
        sides.add(s.get("side") or "")
        value = s.get("intensity")
        try:
            value = int(value) if value not in (None, "") else intensity
        except (TypeError, ValueError):
            value = intensity
        marks[s["region"]] = (qualities, value, sides)
    return marks
