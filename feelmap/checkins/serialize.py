"""A check-in as plain data: for the API, for PATCH (merge then validate), and for forms."""

from __future__ import annotations

from typing import Any

from .models import CheckIn


def checkin_to_dict(checkin: CheckIn) -> dict[str, Any]:
    """Everything about a check-in in the shape `validation.validate_checkin` accepts."""
    return {
        "kind": checkin.kind,
        "occurred_at": checkin.occurred_at,
        "pleasantness": checkin.pleasantness,
        "energy": checkin.energy,
        "not_sure": checkin.not_sure,
        "sensations": [
            {"region": s.region, "quality": s.quality, "intensity": s.intensity, "side": s.side}
            for s in checkin.sensations.all()
        ],
        "labels": [
            {"word": lab.text, "own": lab.is_own, "intensity": lab.intensity,
             "confidence": lab.confidence}
            for lab in checkin.labels.all()
        ],
        "ratings": {r.emotion: r.value for r in checkin.ratings.all()},
        "doing": checkin.doing,
        "doing_own": checkin.doing_own,
        "with_whom": checkin.with_whom,
        "with_whom_own": checkin.with_whom_own,
        "where": checkin.where,
        "where_own": checkin.where_own,
        "trigger": checkin.trigger,
        "need": checkin.need,
        "note": checkin.note,
    }


def checkin_to_api(checkin: CheckIn) -> dict[str, Any]:
    data = checkin_to_dict(checkin)
    for lab, out in zip(checkin.labels.all(), data["labels"], strict=True):
        out["family"] = lab.family
        out["level"] = lab.level
    return {
        "id": str(checkin.public_id),
        **data,
        "occurred_at": checkin.occurred_at.isoformat(),
        "created_at": checkin.created_at.isoformat(),
        "updated_at": checkin.updated_at.isoformat(),
        "version": checkin.version,
    }
