"""Habit strength against values worked out by hand from the formula."""

import math
from datetime import date, timedelta

import pytest

from cairn.routines.strength import multiplier, strength

START = date(2026, 9, 1)


def days(*offsets):
    return [START + timedelta(days=o) for o in offsets]


def daily(**history):
    """A once-a-day habit begun on START."""
    return strength(per_day=1, period_days=1, times=1, start=START, **history)


def three_a_week(**history):
    """A three-times-a-week habit begun on START."""
    return strength(per_day=3 / 7, period_days=7, times=3, start=START, **history)


def test_the_daily_multiplier_and_the_first_done_day():
    m = multiplier(1)
    assert m == pytest.approx(0.94808, abs=1e-5)  # 0.5 ** (1/13)
    score = daily(done=days(0), end=START)
    assert score == pytest.approx(1 - m)  # ≈ 0.052
    assert score == pytest.approx(0.0519, abs=1e-4)


def test_a_daily_habit_done_three_days_then_missed_one():
    m = 0.5 ** (1 / 13)
    expected = 0.0
    for value in (1, 1, 1, 0):
        expected = expected * m + value * (1 - m)
    score = daily(
        done=days(0, 1, 2),
        end=START + timedelta(days=3),
    )
    assert score == pytest.approx(expected)
    assert score == pytest.approx(0.1401, abs=1e-4)  # 0.0519, 0.1011, 0.1478, then × m


def test_skips_and_pauses_leave_the_score_unchanged():
    done = days(0, 1)
    before = daily(done=done, end=START + timedelta(days=1))
    with_skip = daily(
        done=done,
        skipped=days(2),
        end=START + timedelta(days=2),
    )
    with_pause = daily(
        done=done,
        paused=days(2, 3, 4),
        end=START + timedelta(days=4),
    )
    assert with_skip == pytest.approx(before)
    assert with_pause == pytest.approx(before)


def test_three_times_a_week():
    f = 3 / 7
    m = 0.5 ** (math.sqrt(f) / 13)
    done = set(days(0, 2, 4))
    expected = 0.0
    for offset in range(7):
        today = START + timedelta(days=offset)
        window = {today - timedelta(days=i) for i in range(7)}
        value = min(1.0, len(window & done) / 3)
        expected = expected * m + value * (1 - m)
    score = strength(
        per_day=f, period_days=7, times=3, done=done, start=START, end=START + timedelta(days=6)
    )
    assert score == pytest.approx(expected)
    # By hand: v = 1/3, 1/3, 2/3, 2/3, 1, 1, 1 with m ≈ 0.965696 gives
    # 0.0114, 0.0225, 0.0446, 0.0659, 0.0980, 0.1289, 0.1588.
    assert score == pytest.approx(0.1588, abs=1e-4)


def test_months_of_a_daily_habit_approach_full_strength():
    done = [START + timedelta(days=i) for i in range(200)]
    score = daily(done=done, end=START + timedelta(days=199))
    assert 0.99 < score <= 1.0


def test_the_day_under_way_counts_only_once_done():
    # Done on days 0 and 1; day 2 is today and nothing is marked yet.
    m = 0.5 ** (1 / 13)
    after_two = (1 - m) * m + (1 - m)  # 0.0519 × m + 0.0519 = 0.1011
    today = START + timedelta(days=2)
    open_today = daily(done=days(0, 1), end=today, open_day=today)
    skipped_today = daily(
        done=days(0, 1),
        skipped=[today],
        end=today,
        open_day=today,
    )
    done_today = daily(
        done=days(0, 1, 2),
        end=today,
        open_day=today,
    )
    assert open_today == pytest.approx(after_two)
    assert open_today == pytest.approx(0.1011, abs=1e-4)
    assert skipped_today == pytest.approx(open_today)  # a skip changes nothing
    assert done_today == pytest.approx(after_two * m + (1 - m))  # 0.1478
    assert done_today == pytest.approx(0.1478, abs=1e-4)


# Skips and pauses, by hand: a day that rests is taken out of the timeline, so the
# score is exactly what it would be had that day not been on the calendar.


def test_a_skipped_day_leaves_a_daily_habits_strength_exactly_unchanged():
    m = 0.5 ** (1 / 13)
    # done, done, skipped, done: the skipped day holds the score, the rest step as usual.
    s1 = 1 - m
    s2 = s1 * m + (1 - m)
    s4 = s2 * m + (1 - m)
    for rest in ("skipped", "paused"):
        score = daily(
            done=days(0, 1, 3),
            end=START + timedelta(days=3),
            **{rest: days(2)},
        )
        assert score == pytest.approx(s4, abs=1e-12)
        assert score == pytest.approx(1 - m**3, abs=1e-12)
    # ...and the day of the skip itself shows the score before it.
    on_the_day = daily(
        done=days(0, 1),
        skipped=days(2),
        end=START + timedelta(days=2),
    )
    assert on_the_day == pytest.approx(s2, abs=1e-12)


def test_skipped_days_leave_a_three_a_week_habits_strength_exactly_unchanged():
    m = 0.5 ** (math.sqrt(3 / 7) / 13)
    # Done on day 0, a week's holiday skipped (days 1 to 6), nothing on day 7. Had the
    # holiday not been there, day 7 would be the second day: one of three done.
    s0 = (1 / 3) * (1 - m)
    s7 = s0 * m + (1 / 3) * (1 - m)
    for rest in ("skipped", "paused"):
        score = three_a_week(
            done=days(0),
            end=START + timedelta(days=7),
            **{rest: days(1, 2, 3, 4, 5, 6)},
        )
        assert score == pytest.approx(s7, abs=1e-12)
        assert score == pytest.approx(0.02248, abs=1e-5)
    # The same as the history without the holiday.
    without = three_a_week(
        done=days(0),
        end=START + timedelta(days=1),
    )
    assert without == pytest.approx(s7, abs=1e-12)


def test_a_skip_inside_the_window_does_not_dilute_a_three_a_week_habit():
    m = 0.5 ** (math.sqrt(3 / 7) / 13)
    # Done days 0, 2; day 1 skipped; days 3 to 8 nothing; end day 8. Counting days:
    # 0, 2, 3, 4, 5, 6, 7, 8; windows of 7 counting days hold these done counts:
    done_in_window = [1, 2, 2, 2, 2, 2, 2, 1]  # day 8's window starts at day 2
    expected = 0.0
    for count in done_in_window:
        expected = expected * m + (count / 3) * (1 - m)
    score = three_a_week(
        done=days(0, 2),
        skipped=days(1),
        end=START + timedelta(days=8),
    )
    assert score == pytest.approx(expected, abs=1e-12)
