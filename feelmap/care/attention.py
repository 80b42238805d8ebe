"""Which clinician links have a new safety flag, and since when: `Link.new_safety_at`.

A safety flag (question 9 of the PHQ-9 answered above 0, clear words of self-harm) counts for a
link when the person shares the kind it came from (the questionnaires; the check-ins, the
saying-it practices or the whole journal), and it is new until the clinician marks it seen up
to that moment. `new_safety_at` is the newest such moment, or empty. The clinician's list reads
it to show the people with the newest flags of everyone whatever the page, and the list of
everyone flagged, with one small indexed query however many people there are or how long they
have used Feelmap (dashboard.py); each row's own flags are still worked out from the person's
activity summary, the grants and the marks when the row is shown, by the same rule
(`evidence`, `new_flags`).

It is kept inside every write that can change it, in the write's own transaction: the activity
summary's refresh when a person's safety flags may have changed (activity.py), and the care
services that change a link's grants, end a link or mark a flag seen. Like activity.py it takes
an app registry, so a migration can fill it with the models as they were then.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.apps import apps as installed
from django.db import transaction

from .activity import FLAG_FIELDS, WORDS

# Where words of self-harm were written -> the grant a link needs to count them. A journal flag
# needs the whole journal: with chosen entries, it might come from an entry not shared.
LANGUAGE = {"journal-language": "journal", "checkin-language": "checkins",
            "saying-language": "saying"}
# The flags that count here, which can be marked seen.
SAFETY = ("item9", "language")


def latest(*moments: datetime | None) -> datetime | None:
    found = [m for m in moments if m is not None]
    return max(found) if found else None


def evidence(activity: Mapping[str, Any], shares: Mapping[str, str]) -> dict[str, datetime | None]:
    """The moment of each safety flag this link can see (None: none): question 9 needs the
    questionnaires; words of self-harm the kind they were written in (the journal: all of it).
    `activity`: the person's summary (at least FLAG_FIELDS); `shares`: {kind: scope}."""
    words = [activity[WORDS[source]] for source, kind in LANGUAGE.items()
             if kind in shares and (kind != "journal" or shares[kind] != "chosen")]
    return {"item9": activity["item9"] if "questionnaires" in shares else None,
            "language": latest(*words)}


def new_flags(activity: Mapping[str, Any], shares: Mapping[str, str],
              seen_up_to: Mapping[str, datetime]) -> list[tuple[str, datetime]]:
    """[(flag, moment), …] of the safety flags not yet marked seen up to their moment."""
    return [(key, moment) for key, moment in evidence(activity, shares).items()
            if moment is not None and (key not in seen_up_to or seen_up_to[key] < moment)]


def work_out(registry: Any, link_ids: Sequence[int]) -> dict[int, datetime | None]:
    """{link id: new_safety_at} for these links, in four queries whatever their number.

    Inside a transaction, the links are locked first (in id order) and read last: a person's
    write and a care write at the same moment (a new flag while the clinician marks one seen)
    take turns, and the later one reads what the earlier one committed (PostgreSQL's read
    committed; SQLite's writes take turns already)."""
    link_model = registry.get_model("care", "Link")
    links = list(link_model._default_manager.select_for_update().filter(pk__in=link_ids)
                 .order_by("pk").values_list("pk", "person_id", "role", "revoked_at"))
    if not links:
        return {}
    activity = {row[0]: dict(zip(FLAG_FIELDS, row[1:], strict=True)) for row in
                registry.get_model("care", "Activity")._default_manager
                .filter(person_id__in={person for _pk, person, _role, _end in links})
                .values_list("person_id", *FLAG_FIELDS)}
    shares: dict[int, dict[str, str]] = {}
    for link_id, kind, scope in (registry.get_model("care", "Grant")._default_manager
                                 .filter(link_id__in=link_ids)
                                 .values_list("link_id", "kind", "scope")):
        shares.setdefault(link_id, {})[kind] = scope
    seen: dict[int, dict[str, datetime]] = {}
    for link_id, flag, up_to in (registry.get_model("care", "FlagSeen")._default_manager
                                 .filter(link_id__in=link_ids, flag__in=SAFETY)
                                 .values_list("link_id", "flag", "seen_up_to")):
        seen.setdefault(link_id, {})[flag] = up_to
    out: dict[int, datetime | None] = {}
    for pk, person, role, ended in links:
        if role != "clinician" or ended is not None or person not in activity:
            out[pk] = None
            continue
        found = new_flags(activity[person], shares.get(pk, {}), seen.get(pk, {}))
        out[pk] = max(moment for _key, moment in found) if found else None
    return out


def store(registry: Any, link_ids: Sequence[int]) -> int:
    """Work out and save new_safety_at of these links (in the caller's transaction, or one of
    its own): how many changed."""
    link_model = registry.get_model("care", "Link")
    with transaction.atomic():
        wanted = work_out(registry, link_ids)
        have = dict(link_model._default_manager.filter(pk__in=list(wanted))
                    .values_list("pk", "new_safety_at"))
        changed = [link_model(pk=pk, new_safety_at=moment) for pk, moment in wanted.items()
                   if have.get(pk) != moment]
        link_model._default_manager.bulk_update(changed, ["new_safety_at"])
    return len(changed)


def refresh_links(link_ids: Sequence[int]) -> None:
    """After a change of these links' grants or marks (care services)."""
    store(installed, link_ids)


def refresh_person(person_id: int) -> None:
    """After a change of the person's safety flags (activity.refresh): their live clinician
    links. One query when they have none (always, in local mode)."""
    link_model = installed.get_model("care", "Link")
    ids = list(link_model._default_manager.filter(person_id=person_id, revoked_at=None,
                                                  role="clinician").values_list("pk", flat=True))
    if ids:
        store(installed, ids)
