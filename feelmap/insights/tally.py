"""Additive summaries of check-ins: every all-time insight is worked out from one of these.

A `Tally` holds counts and sums (never single records) that add up across any split of the
data: the tally of two sets of check-ins is the sum of their tallies. So the insights can keep
one tally per person and week (`models.WeekSummary`) and add a few hundred of them up instead of
reading every check-in, and a week whose data changed is the only one worked out again.

What is kept, all of it additive:

- `words`: per vocabulary word (check-ins and journal), its family, level, uses and first use;
- `levels`: per week (its Monday's ordinal), the number of words chosen and their level sum;
- the atlas and the translation table's counts (family, family × region, family × region ×
  quality; sensations, sensation × family);
- `groups`: per pattern group (a context, time of day, weekday, trigger, need), the count,
  the sums of pleasantness and energy and how many were placed, and the families named;
- `days`: per day with fixed ratings, for each valence the sufficient statistics of a two-way
  ICC over that day's complete occasions: n, Σx², Σ(row sum)² and the column sums (integers,
  so any window's ICC is exact: see `icc_from_stats`).

Keys of two or more parts are joined with SEP (a tab, which neither the catalogue keys nor
normalised free text can hold: `str.split()` takes it as white space). Pure Python and
typed (no Django); `to_json`/`from_json` give the stored form.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .facts import CheckInFacts, JournalWords

SEP = "\t"
PATTERN_FIELDS = ("doing", "with_whom", "where")
TIMES_OF_DAY: tuple[tuple[str, int, int], ...] = (
    ("night", 0, 5), ("morning", 5, 12), ("afternoon", 12, 17), ("evening", 17, 24),
)
HOURS = {hour: name for name, start, end in TIMES_OF_DAY for hour in range(start, end)}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FORMAT = 2  # raise when the stored form changes


def stamp(moment: datetime) -> str:
    """A naive local time as text that sorts as the time does (always with microseconds)."""
    return moment.isoformat(timespec="microseconds")


def normalise_free_text(text: str) -> str:
    """Free-text triggers and needs grouped without case, edges or a final full stop."""
    return " ".join(text.split()).strip(" .!").lower()


def _add(into: dict[str, int], key: str, n: int = 1) -> None:
    into[key] = into.get(key, 0) + n


def _merge_counts(into: dict[str, int], other: Mapping[str, int]) -> None:
    for key, n in other.items():
        into[key] = into.get(key, 0) + n


@dataclass
class Tally:
    checkins: int = 0
    first: str | None = None  # stamp of the earliest check-in
    # word -> [family, level, uses, first use (stamp)]
    words: dict[str, list[Any]] = field(default_factory=dict)
    levels: dict[int, list[int]] = field(default_factory=dict)  # week ordinal -> [n, Σ level]
    atlas_total: dict[str, int] = field(default_factory=dict)  # family
    atlas_regions: dict[str, int] = field(default_factory=dict)  # family SEP region
    atlas_qualities: dict[str, int] = field(default_factory=dict)  # family SEP region SEP quality
    relevant: int = 0  # check-ins with both body marks and words
    family_counts: dict[str, int] = field(default_factory=dict)  # among the relevant
    sensation_counts: dict[str, int] = field(default_factory=dict)  # region SEP quality
    pair_counts: dict[str, int] = field(default_factory=dict)  # region SEP quality SEP family
    # kind SEP key -> [count, Σ pleasantness, n placed, Σ energy, n with energy, {family: n}]
    groups: dict[str, list[Any]] = field(default_factory=dict)
    # day ordinal -> valence -> [n, Σx², Σ(row sum)², column sums...] (complete occasions)
    days: dict[int, dict[str, list[int]]] = field(default_factory=dict)

    # --- adding ------------------------------------------------------------------------

    def add_checkins(self, checkins: Iterable[CheckInFacts],
                     items: Mapping[str, Sequence[str]]) -> None:
        """Count check-ins in (the fixed ratings by the person's rated items per valence)."""
        for c in checkins:
            self._add_checkin(c, items)

    def _add_checkin(self, c: CheckInFacts, items: Mapping[str, Sequence[str]]) -> None:
        self.checkins += 1
        when = stamp(c.when)
        if self.first is None or when < self.first:
            self.first = when
        for w in c.words:
            self._use(w.word, w.family, w.level, when)
        if c.words:
            ordinal = c.when.toordinal()
            week = ordinal - (ordinal - 1) % 7  # day 1 is a Monday
            bucket = self.levels.setdefault(week, [0, 0])
            bucket[0] += len(c.words)
            bucket[1] += sum(w.level for w in c.words)
        families = c.families
        if c.sensations and families:
            marked = {s.region for s in c.sensations}
            for f in families:
                _add(self.atlas_total, f)
                for r in marked:
                    _add(self.atlas_regions, f + SEP + r)
                for s in c.sensations:
                    _add(self.atlas_qualities, f + SEP + s.region + SEP + s.quality)
        if c.sensations and c.words:
            self.relevant += 1
            for f in families:
                _add(self.family_counts, f)
            for r, q in {(s.region, s.quality) for s in c.sensations}:
                _add(self.sensation_counts, r + SEP + q)
                for f in families:
                    _add(self.pair_counts, r + SEP + q + SEP + f)
        for name in PATTERN_FIELDS:
            self._group(name, getattr(c, name), c)
        self._group("time_of_day", HOURS[c.when.hour], c)
        self._group("weekday", WEEKDAYS[c.when.weekday()], c)
        if c.trigger:
            self._group("trigger", normalise_free_text(c.trigger), c)
        if c.need:
            self._group("need", normalise_free_text(c.need), c)
        if c.ratings:
            day = self.days.setdefault(c.when.toordinal(), {})
            for valence, names in items.items():
                if all(name in c.ratings for name in names):
                    row = [c.ratings[name] for name in names]
                    total = sum(row)
                    stats = day.get(valence)
                    if stats is None:
                        stats = day[valence] = [0, 0, 0] + [0] * len(row)
                    stats[0] += 1
                    stats[1] += sum(x * x for x in row)
                    stats[2] += total * total
                    for i, x in enumerate(row):
                        stats[3 + i] += x

    def _group(self, kind: str, key: str, c: CheckInFacts) -> None:
        if not key:
            return
        acc = self.groups.get(kind + SEP + key)
        if acc is None:
            acc = self.groups[kind + SEP + key] = [0, 0.0, 0, 0.0, 0, {}]
        acc[0] += 1
        if c.pleasantness is not None:
            acc[1] += c.pleasantness
            acc[2] += 1
        if c.energy is not None:
            acc[3] += c.energy
            acc[4] += 1
        for f in c.families:
            acc[5][f] = acc[5].get(f, 0) + 1

    def _use(self, word: str, family: str, level: int, when: str, uses: int = 1) -> None:
        known = self.words.get(word)
        if known is None:
            self.words[word] = [family, level, uses, when]
        else:
            known[2] += uses
            if when < known[3]:
                known[3] = when

    def add_journal(self, journal: Iterable[JournalWords]) -> None:
        for j in journal:
            when = stamp(j.when)
            for w in j.words:
                self._use(w.word, w.family, w.level, when)

    def merge_atlas(self, other: Tally) -> Tally:
        """Add only `other`'s atlas counts (and its first check-in) into this tally."""
        if other.first is not None and (self.first is None or other.first < self.first):
            self.first = other.first
        _merge_counts(self.atlas_total, other.atlas_total)
        _merge_counts(self.atlas_regions, other.atlas_regions)
        _merge_counts(self.atlas_qualities, other.atlas_qualities)
        return self

    def merge_groups(self, other: Tally, kinds: tuple[str, ...]) -> Tally:
        """Add only `other`'s groups of these kinds ("trigger", "need"…) into this tally."""
        prefixes = tuple(k + SEP for k in kinds)
        self._merge_groups({k: v for k, v in other.groups.items() if k.startswith(prefixes)})
        return self

    def _merge_groups(self, other: Mapping[str, list[Any]]) -> None:
        groups = self.groups
        for key, theirs in other.items():
            acc = groups.get(key)
            if acc is None:
                groups[key] = [*theirs[:5], dict(theirs[5])]
            else:
                acc[0] += theirs[0]
                acc[1] += theirs[1]
                acc[2] += theirs[2]
                acc[3] += theirs[3]
                acc[4] += theirs[4]
                _merge_counts(acc[5], theirs[5])

    def merge(self, other: Tally) -> Tally:
        """Add `other` into this tally (and return this one)."""
        self.checkins += other.checkins
        if other.first is not None and (self.first is None or other.first < self.first):
            self.first = other.first
        for word, (family, level, uses, first) in other.words.items():
            self._use(word, family, level, first, uses)
        for week, (n, total) in other.levels.items():
            bucket = self.levels.setdefault(week, [0, 0])
            bucket[0] += n
            bucket[1] += total
        _merge_counts(self.atlas_total, other.atlas_total)
        _merge_counts(self.atlas_regions, other.atlas_regions)
        _merge_counts(self.atlas_qualities, other.atlas_qualities)
        self.relevant += other.relevant
        _merge_counts(self.family_counts, other.family_counts)
        _merge_counts(self.sensation_counts, other.sensation_counts)
        _merge_counts(self.pair_counts, other.pair_counts)
        self._merge_groups(other.groups)
        for day, by_valence in other.days.items():
            mine = self.days.setdefault(day, {})
            for valence, stats in by_valence.items():
                have = mine.get(valence)
                if have is None:
                    mine[valence] = list(stats)
                else:
                    for i, x in enumerate(stats):
                        have[i] += x
        return self

    # --- reading -------------------------------------------------------------------------

    def groups_of(self, kind: str) -> dict[str, list[Any]]:
        """The groups of one kind ("doing", "trigger"…), by their key."""
        prefix = kind + SEP
        return {k[len(prefix):]: v for k, v in self.groups.items() if k.startswith(prefix)}

    def first_moment(self) -> datetime | None:
        return datetime.fromisoformat(self.first) if self.first is not None else None

    def days_sorted(self) -> list[tuple[date, dict[str, list[int]]]]:
        return [(date.fromordinal(d), self.days[d]) for d in sorted(self.days)]

    # --- stored form -------------------------------------------------------------------

    def to_json(self) -> str:
        return json.dumps([
            FORMAT, self.checkins, self.first, self.words,
            [[k, *v] for k, v in self.levels.items()],
            self.atlas_total, self.atlas_regions, self.atlas_qualities,
            self.relevant, self.family_counts, self.sensation_counts, self.pair_counts,
            self.groups, [[k, v] for k, v in self.days.items()],
        ], separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Tally:
        (fmt, checkins, first, words, levels, atlas_total, atlas_regions, atlas_qualities,
         relevant, family_counts, sensation_counts, pair_counts, groups, days) = json.loads(text)
        if fmt != FORMAT:
            raise ValueError(f"A tally of format {fmt}, not {FORMAT}.")
        return cls(checkins, first, words, {k: [n, s] for k, n, s in levels},
                   atlas_total, atlas_regions, atlas_qualities, relevant, family_counts,
                   sensation_counts, pair_counts, groups, {k: v for k, v in days})


def tally_of(checkins: Iterable[CheckInFacts], items: Mapping[str, Sequence[str]],
             journal: Iterable[JournalWords] = ()) -> Tally:
    found = Tally()
    found.add_checkins(checkins, items)
    found.add_journal(journal)
    return found


def merged(tallies: Iterable[Tally]) -> Tally:
    found = Tally()
    for t in tallies:
        found.merge(t)
    return found
