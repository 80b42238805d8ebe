"""Which vocabulary words a person has started using, across check-ins and the journal.

A learning aid: seeing one's own words grow is the point, so this lists words with when
each was first used and how often, newest first. Own words (encrypted) are not included.
It reads across the person's areas, so it lives here rather than in `lexicon` (which knows
no person's data).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min

from feelmap.checkins.models import Label
from feelmap.journal.models import EntryLabel
from feelmap.lexicon.vocabulary import load_vocabulary


@dataclass(frozen=True)
class WordInUse:
    word: str
    family: str
    level: int
    uses: int
    first_used: datetime


def words_in_use(user) -> list[WordInUse]:
    checkin_rows = (
        Label.objects.filter(checkin__owner=user, is_own=False).exclude(word="")
        .values("word").annotate(uses=Count("id"), first=Min("checkin__occurred_at"))
        .values_list("word", "uses", "first")
    )
    journal_rows = (
        EntryLabel.objects.filter(entry__owner=user)
        .values("word").annotate(uses=Count("id"), first=Min("entry__written_at"))
        .values_list("word", "uses", "first")
    )
    merged: dict[str, tuple[int, datetime]] = {}
    for word, count, first_used in [*checkin_rows, *journal_rows]:
        uses, first = merged.get(word, (0, first_used))
        merged[word] = (uses + count, min(first, first_used))
    vocabulary = load_vocabulary()
    found = []
    for word, (uses, first) in merged.items():
        entry = vocabulary.by_word(word)
        if entry is not None:
            found.append(WordInUse(entry.word, entry.family, entry.level, uses, first))
    return sorted(found, key=lambda w: w.first_used, reverse=True)
