"""Which vocabulary words a person has started using, across check-ins and the journal.

A learning aid: seeing one's own words grow is the point, so this lists words with when
each was first used and how often, newest first. Own words (encrypted) are not included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import Count, Min

from feelmap.accounts.models import User
from feelmap.checkins.models import Label
from feelmap.journal.models import EntryLabel

from .vocabulary import load_vocabulary

CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class WordInUse:
    word: str
    family: str
    level: int
    uses: int
    first_used: datetime


def _checkin_word_counts(user) -> list[tuple[str, int, datetime]]:
    """(word, uses, first used) over all of a person's check-ins.

    Years of check-ins make this the slowest query of the vocabulary pages (about 20 ms for
    five years), so the answer is cached under the person's checkins_version, which every
    write to their check-ins raises in its own transaction. The version is read before the
    labels: a write committed in between only makes the cached answer newer than its key,
    and the next read, under the raised version, computes afresh.
    """
    public_id, version = User.objects.filter(pk=user.pk).values_list(
        "public_id", "checkins_version").get()
    # The random public id, not the row id: a row id can come back after a rolled-back insert.
    key = f"feelmap:words-in-use:{public_id}:{version}"
    rows = cache.get(key)
    if rows is None:
        rows = [
            (row["word"], row["uses"], row["first"])
            for row in Label.objects.filter(checkin__owner=user, is_own=False)
            .exclude(word="")
            .values("word")
            .annotate(uses=Count("id"), first=Min("checkin__occurred_at"))
        ]
        cache.set(key, rows, timeout=CACHE_SECONDS)
    return rows


def words_in_use(user) -> list[WordInUse]:
    merged: dict[str, tuple[int, datetime]] = {}
    journal_rows = [
        (row["word"], row["uses"], row["first"])
        for row in EntryLabel.objects.filter(entry__owner=user)
        .values("word")
        .annotate(uses=Count("id"), first=Min("entry__written_at"))
    ]
    for word, count, first_used in [*_checkin_word_counts(user), *journal_rows]:
        uses, first = merged.get(word, (0, first_used))
        merged[word] = (uses + count, min(first, first_used))
    vocabulary = load_vocabulary()
    found = []
    for word, (uses, first) in merged.items():
        entry = vocabulary.by_word(word)
        if entry is not None:
            found.append(WordInUse(entry.word, entry.family, entry.level, uses, first))
    return sorted(found, key=lambda w: w.first_used, reverse=True)
