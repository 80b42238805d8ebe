"""Words, patterns and the weekly summary, from plain facts."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feelmap.insights import analytics, patterns, words
from feelmap.insights.facts import (
    CheckInFacts,
    JournalWords,
    Named,
    PracticeFacts,
    Score,
    ScoreSeries,
)

FEAR1, FEAR2, FEAR3 = (Named("afraid", "fear", 1), Named("anxious", "fear", 2),
                       Named("apprehensive", "fear", 3))
CALM = Named("calm", "calm", 1)
TIRED, HUNGRY, PAIN = (Named("tired", "body", 1), Named("hungry", "body", 1),
                       Named("in pain", "body", 1))
NOW = datetime(2026, 6, 10, 20, 0)  # a Wednesday


def test_specificity_by_week_by_hand():
    mon = datetime(2026, 6, 8, 9)
    checkins = [CheckInFacts(when=mon, words=(FEAR1, FEAR3)),  # levels 1, 3
                CheckInFacts(when=mon + timedelta(days=6, hours=12), words=(FEAR2,)),  # Sunday
                CheckInFacts(when=mon + timedelta(days=7), words=(FEAR3,)),  # next Monday
                CheckInFacts(when=mon + timedelta(days=8))]  # no words
    weeks = words.specificity_by_week(checkins)
    assert [(w.week, w.words, w.mean_level) for w in weeks] == [
        (date(2026, 6, 8), 3, 2.0), (date(2026, 6, 15), 1, 3.0)]


def test_words_in_use_first_use_and_recent_counts():
    checkins = [CheckInFacts(when=NOW - timedelta(days=40), words=(FEAR2,)),
                CheckInFacts(when=NOW - timedelta(days=3), words=(FEAR2, CALM))]
    journal = [JournalWords(when=NOW - timedelta(days=1), words=(FEAR3,))]
    used = words.words_in_use(checkins, journal)
    assert [(u.word, u.uses) for u in used] == [("apprehensive", 1), ("calm", 1), ("anxious", 2)]
    assert used[-1].first_used == NOW - timedelta(days=40)
    assert words.distinct_recent(checkins, journal, now=NOW) == 3
    assert words.distinct_recent(checkins, [], now=NOW, days=2) == 0
    recent = words.first_used_since(used, NOW - timedelta(days=7))
    assert {u.word for u in recent} == {"apprehensive", "calm"}


def test_groups_need_five_check_ins_and_average_only_placed_ones():
    work = [CheckInFacts(when=NOW, doing="working", pleasantness=-2.0, energy=3.0,
                         words=(FEAR2,)) for _ in range(4)]
    work.append(CheckInFacts(when=NOW, doing="working", words=(CALM,)))  # not on the grid
    rest = [CheckInFacts(when=NOW, doing="resting", pleasantness=3.0, energy=-3.0)] * 4
    found = patterns.by_context(work + rest, "doing")
    assert [(g.key, g.count, g.pleasantness, g.energy) for g in found] == [
        ("working", 5, -2.0, 3.0)]
    assert found[0].families == (("fear", 4), ("calm", 1))
    with pytest.raises(ValueError):
        patterns.by_context(work, "note")


def test_triggers_group_regardless_of_case_and_spacing():
    texts = ["Crowded train", "crowded  train.", " CROWDED TRAIN", "Crowded train!", "crowded train"]
    found = patterns.by_trigger([CheckInFacts(when=NOW, trigger=t) for t in texts])
    assert [(g.key, g.count) for g in found] == [("crowded train", 5)]


def test_time_of_day_and_weekday():
    assert [patterns.time_of_day(h) for h in (0, 4, 5, 11, 12, 16, 17, 23)] == [
        "night", "night", "morning", "morning", "afternoon", "afternoon", "evening", "evening"]
    with pytest.raises(ValueError):
        patterns.time_of_day(24)
    mornings = [CheckInFacts(when=datetime(2026, 6, 8, 8), pleasantness=1.0)] * 5
    found = patterns.by_weekday(mornings)
    assert [(g.key, g.count) for g in found] == [("Monday", 5)]
    assert [g.key for g in patterns.by_time_of_day(mornings)] == ["morning"]


def test_practice_effects_by_hand():
    found = patterns.practice_effects([
        PracticeFacts("breathing", NOW, True, (-2.0, 3.0), (0.0, 1.0)),
        PracticeFacts("breathing", NOW, True, (1.0, 0.0), (0.0, 0.0)),
        PracticeFacts("breathing", NOW, False, (1.0, 0.0), None),  # no after: left out
        PracticeFacts("senses", NOW, True),
    ])
    assert len(found) == 1
    effect = found[0]
    assert (effect.pairs, effect.pleasantness_change, effect.energy_change) == (2, 0.5, -1.0)
    assert (effect.better, effect.same, effect.worse) == (1, 0, 1)


@pytest.mark.parametrize(("scores", "higher_is_better", "verdict"), [
    ((10.0, 4.0), False, "better"),  # PHQ-style: lower is better, dropped by 6 > 5
    ((10.0, 6.0), False, "no reliable change"),
    ((40.0, 60.0), True, "better"),
    ((60.0, 40.0), True, "worse"),
    ((10.0,), False, ""),  # one score: nothing to compare
])
def test_questionnaire_trend_uses_the_reliable_change_band(scores, higher_is_better, verdict):
    series = ScoreSeries("x", "X", 0, 100, higher_is_better,
                         tuple(Score(NOW + timedelta(days=i), v) for i, v in enumerate(scores)),
                         reliable_difference=5.0)
    assert patterns.questionnaire_trend(series).verdict == verdict


def test_no_band_without_published_figures():
    series = ScoreSeries("x", "X", 0, 10, True, (Score(NOW, 1.0), Score(NOW, 9.0)))
    assert patterns.questionnaire_trend(series).verdict == ""
    assert patterns.questionnaire_trend(ScoreSeries("x", "X", 0, 10, True, ())) is None


JUDGING = ("only", "should", "fail", "streak", "missed", "bad", "poor", "better", "worse",
           "good job", "!")


def _summary(checkins, practices=()):
    uses = words.words_in_use(checkins)
    return analytics.weekly_summary(checkins, practices, uses, now=NOW,
                                    family_labels={"fear": "Fear", "calm": "Calm"})


def test_weekly_summary_in_plain_words():
    checkins = [CheckInFacts(when=NOW - timedelta(days=30), words=(FEAR1,)),
                CheckInFacts(when=NOW - timedelta(days=2), words=(FEAR1, FEAR3)),
                CheckInFacts(when=NOW - timedelta(days=1), words=(FEAR2,)),
                CheckInFacts(when=NOW - timedelta(hours=3), not_sure=True)]
    summary = _summary(checkins, [PracticeFacts("breathing", NOW - timedelta(days=1), True)])
    assert summary.checkins == 3 and summary.distinct_words == 3
    assert summary.new_words == ("apprehensive", "anxious")
    assert summary.top_family == "fear" and summary.not_sure == 1 and summary.practices == 1
    text = " ".join(summary.sentences)
    assert "checked in 3 times" in text and "2 words for the first time: apprehensive, anxious" in text
    assert "fear family" in text and "1 time you answered" in text and "1 practice" in text


def test_a_week_named_mostly_with_body_states_is_not_called_a_family_of_feelings():
    checkins = [CheckInFacts(when=NOW - timedelta(days=d), words=w) for d, w in (
        (1, (TIRED,)), (2, (TIRED, HUNGRY)), (3, (TIRED,)), (4, (PAIN, CALM)), (5, (TIRED,)))]
    summary = _summary(checkins)
    text = " ".join(summary.sentences)
    assert summary.mostly_body_states and summary.body_states == ("tired", "hungry", "in pain")
    assert summary.top_family == "calm"  # body states are never the family named most
    assert ("This week you noticed body states like tired, hungry and in pain more than "
            "feelings.") in text
    assert "Among the feelings, the ones you named most were in the calm family." in text
    assert "body family" not in text and "body states family" not in text
    # Only body states: nothing is said about families of feelings at all.
    only = _summary([CheckInFacts(when=NOW - timedelta(days=1), words=(TIRED,))] * 3)
    text = " ".join(only.sentences)
    assert only.top_family is None and "family" not in text
    assert "noticed body states like tired more than feelings" in text


def test_a_few_body_states_among_feelings_are_not_singled_out():
    summary = _summary([CheckInFacts(when=NOW - timedelta(days=1), words=(FEAR2, TIRED)),
                        CheckInFacts(when=NOW - timedelta(days=2), words=(FEAR1,))])
    assert not summary.mostly_body_states and summary.top_family == "fear"
    assert "body states" not in " ".join(summary.sentences)


def test_the_body_state_group_is_the_lexicons():
    from feelmap.lexicon.vocabulary_file import BODY_STATE

    assert analytics.BODY_STATES == BODY_STATE


def test_an_empty_week_is_said_kindly():
    summary = _summary([CheckInFacts(when=NOW - timedelta(days=20), words=(CALM,))])
    assert summary.checkins == 0
    assert summary.sentences == ("There are no check-ins from the last seven days. Whenever "
                                 "you check in, this summary fills in.",)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20 * 24), st.lists(
    st.sampled_from([FEAR1, FEAR2, FEAR3, CALM, TIRED, HUNGRY, PAIN]), max_size=3, unique=True),
    st.booleans()),
    max_size=30))
def test_summary_never_judges(rows):
    checkins = [CheckInFacts(when=NOW - timedelta(hours=h), words=tuple(w), not_sure=n)
                for h, w, n in rows]
    text = " ".join(_summary(checkins).sentences).lower()
    assert text
    for word in JUDGING:
        assert word not in text, word


def test_compute_with_nothing_is_empty_and_honest():
    found = analytics.compute([], now=NOW, rating_items=("sad", "happy"),
                              pleasantness={"sad": -3.0, "happy": 3.0})
    assert found.empty and found.checkins == 0
    assert found.granularity_windows == [] and not found.granularity_now["negative"].enough
    assert found.atlas == {} and found.translation == []
