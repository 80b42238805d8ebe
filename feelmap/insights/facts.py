"""The plain data every insight is computed from (no Django): one shape per kind of record.

`loaders.py` reads these from the database; tests and benchmarks build them directly.
Times are local (the person's time zone), since "morning" and "this week" are local ideas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Sensed:
    region: str
    quality: str
    intensity: int | None = None


@dataclass(frozen=True, slots=True)
class Named:
    """A vocabulary word chosen in a check-in or a journal entry."""

    word: str
    family: str
    level: int


@dataclass(slots=True)  # not frozen: thousands are made per view, and frozen ones cost more
class CheckInFacts:
    """One check-in. Treat as read-only."""

    when: datetime
    kind: str = "quick"
    pleasantness: float | None = None
    energy: float | None = None
    not_sure: bool = False
    words: tuple[Named, ...] = ()
    own_words: int = 0  # how many of the person's own words (their text is not needed)
    sensations: tuple[Sensed, ...] = ()
    ratings: dict[str, int] = field(default_factory=dict)
    doing: str = ""
    with_whom: str = ""
    where: str = ""
    trigger: str = ""
    need: str = ""
    # The families of `words`, each once, in order (worked out once: every insight uses it).
    families: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.families = tuple(dict.fromkeys(w.family for w in self.words))


@dataclass(frozen=True, slots=True)
class JournalWords:
    when: datetime
    words: tuple[Named, ...]


@dataclass(frozen=True, slots=True)
class PracticeFacts:
    """A practice with the mini check-ins before and after it (either may be missing)."""

    kind: str
    when: datetime
    completed: bool
    before: tuple[float, float] | None = None  # (pleasantness, energy)
    after: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class Score:
    when: datetime
    value: float


@dataclass(frozen=True, slots=True)
class ScoreSeries:
    """One questionnaire scale over time, with what it takes to call a change reliable."""

    key: str
    label: str
    low: float
    high: float
    higher_is_better: bool
    scores: tuple[Score, ...]
    reliable_difference: float | None = None  # 1.96 × S_diff, when published figures exist


@dataclass(frozen=True, slots=True)
class HeartbeatFacts:
    """One heartbeat-task session with an accuracy score (0 to 1)."""

    kind: str  # "counting" or "discrimination"
    when: datetime
    accuracy: float
