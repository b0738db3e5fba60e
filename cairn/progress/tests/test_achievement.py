"""The achievement rule (CLINICAL.md), against series worked out by hand."""

import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from cairn.progress.achievement import achievement_of
from tests.shell import refused_from_the_shell

START = date(2026, 10, 1)


def every(days, ratings, start=START):
    return [(start + timedelta(days=days * i), r) for i, r in enumerate(ratings)]


@pytest.mark.parametrize(
    ("ratings", "target", "expected"),
    [
        # Nothing yet, or too few to say anything.
        ([], 10, ("in-progress", None, None, 0)),
        ([4, 5], 10, ("in-progress", None, None, 2)),
        # A new goal is not "achieved" after its first 10 (this "why")...
        ([10], 10, ("in-progress", None, None, 1)),
        # ...only once the last 3 all reach the target, even before 6 ratings.
        ([10, 10, 10], 10, ("achieved", 10, 10, 3)),
        ([4, 6, 8, 8, 9], 8, ("achieved", 6, 8, 5)),
        ([4, 6, 8, 7, 9], 8, ("in-progress", 6, 8, 5)),  # one 7 among the last 3
        # Six or more: median of the last 3 against median of the first 3.
        ([3, 4, 2, 6, 7, 8, 7], 10, ("improving", 3, 7, 7)),  # 7 - 3 = +4
        ([2, 3, 2, 4, 5, 5], 10, ("improving", 2, 5, 6)),  # exactly +3
        ([2, 3, 2, 4, 4, 5], 10, ("no-change", 2, 4, 6)),  # +2 is not reliable
        # "worsening" turned into "steady" after one rating of 4 (the old rule compared
        # the latest with the first: 4 - 6 = -2). The medians hold: 6 then 3.
        ([6, 7, 6, 3, 3, 2, 4], 10, ("worsening", 6, 3, 7)),
        ([6, 7, 6, 3, 2, 3], 10, ("worsening", 6, 3, 6)),
        # One noisy day never flips it: a single 9 among low ratings.
        ([3, 3, 4, 3, 9, 3], 10, ("no-change", 3, 3, 6)),
        ([6, 6, 6, 6, 0, 6], 10, ("no-change", 6, 6, 6)),
    ],
)
def test_the_rule_on_daily_ratings(ratings, target, expected):
    status = achievement_of(every(1, ratings), target=target)
    assert (status.code, status.baseline, status.current, status.ratings) == expected


def test_stuck_low_for_six_weeks_is_no_progress():
    # Clients stuck at 2/10 got no flag (this "why"): weekly 2s and 3s,
    # first to last 7 weeks apart.
    status = achievement_of(every(7, [2, 3, 2, 2, 2, 3, 2, 2]))
    assert (status.code, status.baseline, status.current) == ("no-progress", 2, 2)


def test_stuck_low_needs_42_days_between_first_and_last():
    assert achievement_of(every(7, [2, 2, 2, 2, 2, 2, 2])).code == "no-progress"  # 42 days
    assert achievement_of(every(6, [2, 2, 2, 2, 2, 2, 2])).code == "no-change"  # 36 days


def test_low_but_moving_is_not_stuck():
    # Current 4 is above "low" (3 or under).
    assert achievement_of(every(10, [2, 2, 3, 4, 4, 4])).code == "no-change"


def test_order_of_the_input_does_not_matter():
    ratings = every(1, [6, 7, 6, 3, 3, 2, 4])
    assert achievement_of(list(reversed(ratings))).code == "worsening"


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("achievement_status", *args, stdout=out)
    return out.getvalue().strip()


def test_the_command_prints_the_status_as_json():
    series = ",".join(
        f"{d.isoformat()}:{r}" for d, r in every(2, [3, 4, 2, 3, 5, 6, 5, 7, 8, 7, 6, 7])
    )
    assert json.loads(run("--json", series)) == {
        "status": "improving",
        "baseline": 3,
        "current": 7,
        "ratings": 12,
    }


def test_the_command_takes_a_lower_target():
    assert json.loads(run("--json", "2026-10-01:8,2026-10-02:9,2026-10-03:8", "--target", "8")) == {
        "status": "achieved",
        "baseline": 8,
        "current": 8,
        "ratings": 3,
    }


@pytest.mark.parametrize(
    "args",
    [
        ["--json", "2026-10-01:3,2026-10-01:4"],  # two on one date
        ["--json", "2026-10-01:11"],  # out of range
        ["--json", "2026-10-01:-1"],
        ["--json", "2026-10-01:3.5"],
        ["--json", "01/10/2026:3"],  # not ISO
        ["--json", "2026-10-01"],  # no rating
        ["--json", "2026-10-01:3,,2026-10-02:4"],
        ["--json"],
        ["--json", "2026-10-01:3", "--target", "eleven"],
        ["--json", "2026-10-01:3", "--target", "0"],
    ],
)
def test_bad_input_is_one_line_and_exit_status_2(args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("achievement_status", *args, stdout=out, stderr=err)
    assert exit.value.code == 2
    assert out.getvalue() == ""
    assert len(err.getvalue().strip().splitlines()) == 1


def test_from_the_shell_bad_input_is_one_line_and_exit_status_2():
    """The same as a person at a terminal sees it (a process of its own costs seconds,
    so the cases above run in this one)."""
    assert refused_from_the_shell("achievement_status", "--json", "2026-10-01:11") == [
        "achievement_status: the rating on 2026-10-01 must be a whole number from 0 to 10, not '11'"
    ]
