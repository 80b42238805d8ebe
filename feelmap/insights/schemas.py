"""Output schemas of /api/v1/insights (the insights take no input beyond the signed-in person)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema


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
