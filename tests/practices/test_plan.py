from datetime import date, datetime, timedelta

import pytest

from feelmap.journal.prompts import prompt_by_id
from feelmap.practices.activities import by_id
from feelmap.practices.bodyscan import load_scans
from feelmap.practices.pacer import PATTERNS
from feelmap.practices.plan import (
    PRACTICE_KINDS,
    WEEKLY_ROTATION,
    PlanChoice,
    choose_practice,
)

MONDAY = date(2026, 5, 11)
DAYS = [MONDAY + timedelta(days=n) for n in range(28)]


def test_it_gives_the_same_plan_for_the_same_day():
    recent = [(MONDAY - timedelta(days=3), "journal"), (MONDAY - timedelta(days=1), "senses")]
    for style in ("structured", "exploratory"):
        for day in DAYS:
            assert choose_practice(day, style, recent) == choose_practice(day, style, recent)


def test_it_follows_the_weekly_rotation_without_history():
    assert MONDAY.weekday() == 0
    for offset, kind in enumerate(WEEKLY_ROTATION):
        choice = choose_practice(MONDAY + timedelta(days=offset), "structured", [])
        assert choice.kind == kind
        assert "weekly plan" in choice.reason


def test_it_has_a_rotation_whose_neighbours_differ():
    assert set(WEEKLY_ROTATION) == set(PRACTICE_KINDS)
    for i, kind in enumerate(WEEKLY_ROTATION):
        assert WEEKLY_ROTATION[(i + 1) % 7] != kind  # Sunday -> Monday too


@pytest.mark.parametrize("style", ["structured", "exploratory"])
def test_it_never_repeats_yesterdays_practice(style):
    for day in DAYS:
        for kind in PRACTICE_KINDS:
            recent = [(day - timedelta(days=1), kind)]
            assert choose_practice(day, style, recent).kind != kind


def test_it_moves_structured_on_to_the_next_practice_after_a_repeat():
    tuesday = MONDAY + timedelta(days=1)  # body scan day
    choice = choose_practice(tuesday, "structured", [(MONDAY, "bodyscan")])
    assert choice.kind == "journal"  # Wednesday's practice
    assert "You did a body scan yesterday" in choice.reason


def test_it_skips_every_practice_done_yesterday():
    tuesday = MONDAY + timedelta(days=1)
    recent = [(MONDAY, "bodyscan"), (MONDAY, "journal"), (MONDAY, "senses")]
    assert choose_practice(tuesday, "structured", recent).kind == "breathing"


def test_it_suggests_the_least_recently_done_practice_when_exploring():
    today = MONDAY
    recent = [
        (today - timedelta(days=10), "bodyscan"),
        (today - timedelta(days=1), "breathing"),
        (today - timedelta(days=2), "senses"),
        (today - timedelta(days=3), "journal"),
        (today - timedelta(days=4), "checkin"),
        (today - timedelta(days=20), "journal"),
    ]
    choice = choose_practice(today, "exploratory", recent)
    assert choice.kind == "bodyscan"
    assert choice.reason.startswith("You haven't done a body scan this week — it's a gentle way")


def test_it_counts_days_in_the_reason_within_a_week():
    recent = [(MONDAY - timedelta(days=d + 1), k) for d, k in enumerate(PRACTICE_KINDS)]
    choice = choose_practice(MONDAY, "exploratory", recent)
    assert choice.kind == "checkin"
    assert choice.reason.startswith("Your last full check-in was 5 days ago")


def test_it_prefers_never_tried_practices_when_exploring():
    recent = [(MONDAY - timedelta(days=1), "breathing"), (MONDAY - timedelta(days=2), "senses")]
    choice = choose_practice(MONDAY, "exploratory", recent)
    assert choice.kind in {"bodyscan", "journal", "checkin"}
    assert "yet" in choice.reason


def test_it_rotates_through_everything_when_exploring_day_after_day():
    recent: list[tuple[date, str]] = []
    for day in DAYS:
        recent.append((day, choose_practice(day, "exploratory", recent).kind))
    kinds = [k for _, k in recent]
    for i in range(0, len(kinds) - 4):
        assert set(kinds[i : i + 5]) == set(PRACTICE_KINDS)


def test_it_ignores_practices_done_today_so_the_plan_holds_all_day():
    before = choose_practice(MONDAY, "exploratory", [(MONDAY - timedelta(days=9), "senses")])
    after = choose_practice(
        MONDAY,
        "exploratory",
        [(MONDAY - timedelta(days=9), "senses"), (MONDAY, before.kind), (MONDAY, "checkin")],
    )
    assert after == before


def test_it_lists_due_assessments():
    choice = choose_practice(MONDAY, "structured", [], ["phq9", "who5", "phq9"])
    assert choice.due == ["phq9", "who5"]
    assert choose_practice(MONDAY, "structured", []).due == []


def test_it_fills_in_the_details_for_each_kind():
    seen = set()
    for day in DAYS:
        for style in ("structured", "exploratory"):
            choice = choose_practice(day, style, [])
            seen.add(choice.kind)
            assert isinstance(choice, PlanChoice)
            if choice.kind == "breathing":
                assert choice.pattern in PATTERNS
            else:
                assert choice.pattern is None
            if choice.kind == "senses":
                assert by_id(choice.activity_id) is not None
            else:
                assert choice.activity_id is None
            if choice.kind == "journal":
                prompt = prompt_by_id(choice.prompt_id)
                assert prompt is not None and prompt.kind != "expressive"
            if choice.kind == "bodyscan":
                assert choice.scan == ("long" if day.weekday() >= 5 else "short")
                assert choice.scan in load_scans()
    assert seen == set(PRACTICE_KINDS)


def test_it_accepts_datetimes():
    moment = datetime(2026, 5, 12, 21, 30)
    recent = [(datetime(2026, 5, 11, 8, 0), "bodyscan")]
    assert choose_practice(moment, "structured", recent) == choose_practice(
        moment.date(), "structured", [(MONDAY, "bodyscan")]
    )


def test_it_rejects_bad_input_with_clear_messages():
    with pytest.raises(ValueError, match="Unknown program style"):
        choose_practice(MONDAY, "random", [])
    with pytest.raises(ValueError, match="Unknown practice kind 'yoga'"):
        choose_practice(MONDAY, "structured", [(MONDAY, "yoga")])
    with pytest.raises(ValueError, match="date"):
        choose_practice("2026-05-11", "structured", [])
    with pytest.raises(ValueError, match="date"):
        choose_practice(MONDAY, "structured", [("2026-05-10", "journal")])
    with pytest.raises(ValueError, match="pair"):
        choose_practice(MONDAY, "structured", ["journal"])
    with pytest.raises(ValueError, match="not one string"):
        choose_practice(MONDAY, "structured", [], "phq9")
    with pytest.raises(ValueError, match="non-empty text"):
        choose_practice(MONDAY, "structured", [], [""])


def test_it_never_uses_guilt_words_in_reasons():
    recent = [(MONDAY - timedelta(days=30), k) for k in PRACTICE_KINDS]
    for day in DAYS:
        for style in ("structured", "exploratory"):
            reason = choose_practice(day, style, recent).reason.lower()
            assert "missed" not in reason and "streak" not in reason and "should" not in reason
