"""Output schemas of /api/v1/insights (the insights take no input beyond the signed-in person)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, model_validator
from pydantic_core import PydanticCustomError

from feelmap.lib.validation import InputSchema


def _report_day(value: date) -> date:
    from django.utils import timezone

    if value.year < 2000 or value > timezone.localdate():
        raise ValueError("Choose a day from the year 2000 up to today.")
    return value


_ReportDay = Annotated[date, AfterValidator(_report_day)]


class GranularityOut(Schema):
    valence: str
    items: list[str]
    occasions: int
    needed: int  # complete occasions still needed before a score; 0 once there is one
    icc: float | None
    score: float | None  # 1 - max(ICC, 0)


class WindowOut(Schema):
    start: date
    end: date
    negative: GranularityOut
    positive: GranularityOut


class GranularityReport(Schema):
    formula: str
    minimum_occasions: int
    window_days: int
    current: list[GranularityOut]
    windows: list[WindowOut]


class WeekLevelOut(Schema):
    week: date
    words: int
    mean_level: float


class WordUseOut(Schema):
    word: str
    family: str
    level: int
    uses: int
    first_used: datetime


class WordsReport(Schema):
    distinct_30_days: int
    new_words: list[WordUseOut]
    words_used: list[WordUseOut]
    specificity_by_week: list[WeekLevelOut]


class RegionHeatOut(Schema):
    region: str
    count: int
    share: float
    qualities: dict[str, int]


class FamilyAtlasOut(Schema):
    family: str
    checkins: int
    regions: list[RegionHeatOut]


class StrengthOut(Schema):
    family: str
    count: int
    of: int
    raw: float
    estimate: float
    low: float
    high: float


class TranslationRowOut(Schema):
    region: str
    quality: str
    count: int
    families: list[StrengthOut]


class GroupOut(Schema):
    key: str
    count: int
    pleasantness: float | None
    energy: float | None
    families: dict[str, int]


class PracticeEffectOut(Schema):
    kind: str
    pairs: int
    pleasantness_change: float
    energy_change: float
    better: int
    same: int
    worse: int


class TrendOut(Schema):
    instrument: str
    label: str
    first: float
    latest: float
    change: float
    reliable_difference: float | None
    verdict: str


class HeartbeatSessionScore(Schema):
    when: datetime
    accuracy: float


class HeartbeatTrendOut(Schema):
    kind: str  # "counting" or "discrimination"
    sessions: list[HeartbeatSessionScore]  # oldest first
    first_mean: float  # mean accuracy of the first `span` sessions
    last_mean: float  # and of the last `span`
    span: int


class PatternsReport(Schema):
    doing: list[GroupOut]
    with_whom: list[GroupOut]
    where: list[GroupOut]
    triggers: list[GroupOut]
    needs: list[GroupOut]
    time_of_day: list[GroupOut]
    weekday: list[GroupOut]
    practice_effects: list[PracticeEffectOut]
    questionnaires: list[TrendOut]
    heartbeat: list[HeartbeatTrendOut]


class SummaryOut(Schema):
    start: date
    end: date
    checkins: int
    new_words: list[str]
    distinct_words: int
    top_family: str | None
    not_sure: int
    practices: int
    sentences: list[str]
    body_states: list[str]  # body states named in the week (tired, hungry…), most first
    mostly_body_states: bool  # more body states than feeling words


class InsightsOut(Schema):
    checkins: int
    enough_data: bool
    summary: SummaryOut
    granularity: GranularityReport
    words: WordsReport
    atlas: list[FamilyAtlasOut]
    translation: list[TranslationRowOut]
    patterns: PatternsReport


# --- input: the period of a PDF report (the person's summary and a clinician's report) ---------

REPORT_MAX_DAYS = 10 * 366


class ReportPeriodIn(InputSchema):
    """A date range for a report; both days are included. Empty `end` means today, empty
    `start` means a year before `end`."""

    start: _ReportDay | None = None
    end: _ReportDay | None = None

    @model_validator(mode="after")
    def _order(self) -> ReportPeriodIn:
        if self.start is not None and self.end is not None:
            if self.end < self.start:
                raise PydanticCustomError("order", "The end date comes before the start date.")
            if (self.end - self.start).days >= REPORT_MAX_DAYS:
                raise PydanticCustomError("span", "Choose at most ten years.")
        return self

    def period(self, today: date) -> tuple[date, date]:
        end = self.end or today
        start = self.start or (end - timedelta(days=364))
        if start > end:
            start = end
        return start, end
