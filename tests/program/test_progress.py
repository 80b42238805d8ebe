"""Stage progression and booster dates (pure), and no streak guilt."""

from datetime import date

import pytest

from feelmap.program.progress import (
    DAYS_FOR_A_WEEK,
    after_day,
    boosters,
    next_booster,
    welcome_back,
)


def test_a_week_moves_on_after_five_practice_days_not_after_seven_calendar_days():
    week, days = 2, 0
    for _ in range(DAYS_FOR_A_WEEK - 1):
        step = after_day(week, days, 8)
        assert (step.week, step.moved_on) == (2, False)
        days = step.days_in_week
    step = after_day(week, days, 8)
    assert (step.week, step.moved_on, step.days_in_week) == (3, True, 0)


def test_the_last_week_finishes_the_path():
    step = after_day(8, DAYS_FOR_A_WEEK - 1, 8)
    assert step.finished and step.week == 8


def test_it_refuses_a_week_outside_the_path():
    with pytest.raises(ValueError):
        after_day(9, 0, 8)


def test_boosters_are_due_about_one_and_three_months_after_the_path():
    done_on = date(2026, 1, 10)
    found = {b.which: b for b in boosters(done_on, [], date(2026, 2, 8))}
    assert found["1m"].due_on == date(2026, 2, 9) and not found["1m"].due_now
    assert found["3m"].due_on == date(2026, 4, 11)
    found = {b.which: b for b in boosters(done_on, [], date(2026, 2, 9))}
    assert found["1m"].due_now and not found["3m"].due_now
    # A due booster stays due until done; once done, it is not due.
    found = {b.which: b for b in boosters(done_on, ["1m"], date(2026, 4, 11))}
    assert not found["1m"].due_now and found["1m"].done and found["3m"].due_now


def test_no_boosters_before_the_path_is_finished():
    assert boosters(None, [], date(2026, 5, 1)) == []


def test_a_booster_taken_counts_as_the_next_one_then_as_an_extra():
    done_on = date(2026, 1, 10)
    assert next_booster(done_on, []) == "1m"
    assert next_booster(done_on, ["1m"]) == "3m"
    assert next_booster(done_on, ["1m", "3m"]) == "any"
    assert next_booster(None, []) == "any"


def test_coming_back_after_a_break_is_welcomed_not_counted():
    assert welcome_back(date(2026, 3, 1), date(2026, 3, 8))
    assert not welcome_back(date(2026, 3, 1), date(2026, 3, 4))
    assert not welcome_back(None, date(2026, 3, 4))
