"""The home page's short series says the same as the whole history (issue 16, item 2)."""

import random
from datetime import timedelta
from decimal import Decimal

import pytest

from cairn.accounts.time import local_today
from cairn.progress.series import recent_series_for, series_for
from cairn.progress.tests.factories import CheckInFactory, GoalRatingFactory, MeasureValueFactory
from tests.factories import goal_for


@pytest.mark.parametrize("days", [0, 1, 2, 5, 7, 8, 40])
def test_first_latest_change_and_trend_match_the_whole_history(ben, ana, goal, days):
    other = goal_for(ben, by=ben, agreed_by=ana, title="Call my sister on Sundays")
    chance = random.Random(days)
    today = local_today(ben)
    for offset in range(days):
        checkin = CheckInFactory(client=ben, date=today - timedelta(days=offset), mood=3)
        GoalRatingFactory(checkin=checkin, goal=goal, rating=chance.randint(0, 10))
        GoalRatingFactory(checkin=checkin, goal=other, rating=chance.randint(0, 10))
        MeasureValueFactory(checkin=checkin, goal=goal, value=Decimal(offset))
    whole, recent = series_for([goal, other]), recent_series_for([goal, other])
    for pk in (goal.pk, other.pk):
        for name in ("first", "latest", "change", "trend", "reliable", "latest_value"):
            assert getattr(recent[pk], name) == getattr(whole[pk], name), name
    assert len(recent[goal.pk].ratings) <= 7


@pytest.mark.parametrize("seed", range(6))
def test_the_words_under_the_chart_counted_in_the_database_match_the_whole_history(ben, goal, seed):
    from cairn.progress.charts import summarise
    from cairn.progress.series import rating_summary

    chance = random.Random(seed)
    day = local_today(ben) - timedelta(days=200)
    for _ in range(chance.randint(0, 30)):
        day += timedelta(days=chance.choice([1, 1, 2, 3, 4, 9]))
        checkin = CheckInFactory(client=ben, date=day, mood=3)
        GoalRatingFactory(checkin=checkin, goal=goal, rating=chance.randint(0, 10))
    assert rating_summary(goal) == summarise(series_for([goal])[goal.pk].ratings)
