"""Shared checks for the JSON content files (journal prompts, senses activities, ...).

Each file is a list of records with a slug id; these checks are the same for all of them,
and each module then checks the fields that are its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_record(
    item: Any,
    index: int,
    *,
    noun: str,
    required: Sequence[str],
    optional: Sequence[str],
    seen_ids: set[str],
    example_id: str,
    problems: list[str],
) -> str | None:
    """Check one record's shape and id, adding plain sentences to `problems`.

    Returns how to name the record in further messages ("Prompt 'x'"), or None when it is not
    an object at all and nothing more can be checked.
    """
    where = f"{noun} #{index + 1}"
    if not isinstance(item, dict):
        problems.append(f"{where} must be an object.")
        return None
    record_id = item.get("id")
    if isinstance(record_id, str):
        where = f"{noun} {record_id!r}"
    for field in required:
        if field not in item:
            problems.append(f"{where} is missing {field!r}.")
    unknown = sorted(set(item) - set(required) - set(optional))
    if unknown:
        problems.append(f"{where} has unknown fields: {', '.join(unknown)}.")
    if "id" in item:
        if not isinstance(record_id, str) or not SLUG.match(record_id):
            problems.append(f"{where}: id must be a lowercase slug like {example_id!r}.")
        elif record_id in seen_ids:
            problems.append(f"{where}: id is used more than once.")
        else:
            seen_ids.add(record_id)
    return where
