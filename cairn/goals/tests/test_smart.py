"""The SMART coach's rules, as a table of goals and what the coach must say."""

import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from cairn.goals.smart import check_goal

TODAY = date(2026, 11, 27)
SOON = TODAY + timedelta(days=60)
FAR = TODAY + timedelta(days=300)
PAST = TODAY - timedelta(days=1)

# text, specific, measurable, time-bound (with no date given)
TEXT_TABLE = [
    # Vague wishes: nothing concrete, nothing to count, no when.
    ("I want to feel better", False, False, False),
    ("Be happier", False, False, False),
    ("Improve my mood", False, False, False),
    ("Try to be less anxious", False, False, False),
    ("Work on my confidence", False, False, False),
    ("Deal with stuff better", False, False, False),
    ("Feel calmer", False, False, False),
    ("Get better", False, False, False),
    ("I want to be okay again", False, False, False),
    ("Cope better with things", False, False, False),
    # Numbers without an action.
    ("Be 50% happier", False, True, False),
    ("Feel better 3 times a week", False, True, True),
    ("Less anxious by 2 points", False, True, False),
    ("More good days, 4 a week", False, True, True),
    # Actions without numbers or time.
    ("Go for walks in the park", True, False, False),
    ("Call my sister", True, False, False),
    ("Speak up in team meetings", True, False, False),
    ("Cook dinner for myself", True, False, False),
    # Actions with a frequency: measurable and time-bound by the period.
    ("Walk round the park for 20 minutes three times a week", True, True, True),
    ("Call my sister every Sunday", True, True, True),
    ("Speak up at least once in each weekly team meeting", True, True, True),
    ("Meditate for ten minutes every morning", True, True, True),
    ("Go to bed by 11pm on weekdays", True, True, False),
    ("Practise breathing exercises daily", True, True, True),
    ("Write three lines in my journal each evening", True, True, True),
    ("Take the bus to town twice a week", True, True, True),
    ("Reply to emails within two days", True, True, False),
    ("Eat breakfast before work every weekday", True, True, True),
    ("Have lunch with a colleague once a fortnight", True, True, True),
    ("Run 5 km without stopping", True, True, False),
    ("Spend under 2 hours a day on my phone", True, True, True),
    ("Join the choir rehearsal on Thursdays", True, True, True),
    # Time said in the goal's own words.
    ("Walk to the shop by Friday", True, False, True),
    ("Apply for two jobs within the next three weeks", True, True, True),
    ("Finish the first draft of my CV by the end of March", True, False, True),
    ("Swim a length of the pool before my sister's wedding in June", True, False, True),
    ("Book a check-up with the dentist next week", True, False, True),
    # A standard, not a deadline: still not time-bound on its own.
    ("Reply to texts from friends within two days", True, True, False),
    # Long wishes about a state still name no action.
    ("Be more confident at work", False, False, False),
    ("Sort my life out", False, False, False),
    ("I want to be more confident at work and around the people in my life", False, False, False),
    ("Feel calmer about the future and my family's health", False, False, False),
    # ...but "be able to" and "get up" lead to an action.
    ("Be able to take the bus into town on my own", True, False, False),
    # What one won't do is nudged towards what to do instead.
    ("Never skip breakfast", False, False, False),
    ("Don't check my phone after 10pm", False, True, False),
    ("Always answer my mother's calls", False, False, False),
    ("Stop scrolling through the news in bed", False, False, False),
    # "stop" as a noun is not avoidance.
    ("Walk to the bus stop and back every evening", True, True, True),
]


@pytest.mark.parametrize(("text", "specific", "measurable", "time_bound"), TEXT_TABLE)
def test_the_coach_reads_the_goal_text(text, specific, measurable, time_bound):
    findings = check_goal(text=text, today=TODAY)
    assert findings["specific"].met is specific
    assert findings["measurable"].met is measurable
    assert findings["time_bound"].met is time_bound
    for letter in ("specific", "measurable", "time_bound"):
        finding = findings[letter]
        # Every letter not met comes with one concrete suggestion.
        assert (finding.suggestion is not None) == (finding.met is False) or letter == "time_bound"


def test_avoidance_wording_gets_a_gentle_nudge_towards_something_to_do():
    finding = check_goal(text="Never skip breakfast", today=TODAY)["specific"]
    assert finding.met is False
    assert "What would you do instead?" in finding.suggestion


@pytest.mark.parametrize(
    ("text", "confidence", "met"),
    [
        ("Practise the piano for two hours a day", 5, False),
        ("Walk for 90 minutes every day", 7, False),
        ("Every day, study for 3 hours", 6, False),
        ("Practise the piano for two hours a day", 9, True),
        ("Practise the piano for 20 minutes a day", 7, True),
        ("Walk for an hour every Saturday", 7, True),  # heavy, but not daily
    ],
)
def test_a_plan_far_beyond_the_confidence_is_worth_a_smaller_first_step(text, confidence, met):
    finding = check_goal(text=text, confidence=confidence, today=TODAY)["achievable"]
    assert finding.met is met
    if met is False:
        assert "smaller first step" in finding.suggestion


def test_a_met_letter_never_carries_a_suggestion_and_nothing_is_doubled():
    findings = check_goal(
        text="Walk round the park for 20 minutes three times a week.",
        why="I want to feel less alone.",
        values="Family, time outdoors.",
        confidence=8,
        target_date=FAR,
        today=TODAY,
    )
    for finding in findings.values():
        assert finding.met is True
        assert finding.suggestion is None
        for said in filter(None, (finding.suggestion, finding.tip)):
            assert ".." not in said and ".”." not in said and "I will I will" not in said
    assert findings["relevant"].tip.endswith("“Family, time outdoors”.")


def test_there_are_at_least_thirty_examples():
    assert len(TEXT_TABLE) >= 30


def test_a_vague_wish_shows_specific_measurable_and_time_bound_as_not_yet():
    findings = check_goal(text="I want to feel better", today=TODAY)
    for letter in ("specific", "measurable", "time_bound"):
        assert findings[letter].met is False
        assert findings[letter].suggestion
    assert findings["achievable"].met is None
    assert findings["relevant"].met is None


@pytest.mark.parametrize(
    ("confidence", "met"), [(None, None), (0, False), (6, False), (7, True), (10, True)]
)
def test_achievable_follows_the_clients_confidence(confidence, met):
    finding = check_goal(text="Call my sister", confidence=confidence, today=TODAY)["achievable"]
    assert finding.met is met
    if met is False:
        assert "smaller first step" in finding.suggestion


@pytest.mark.parametrize(
    ("why", "met"),
    [
        (None, None),
        ("", False),
        ("family", False),
        ("For Dad", False),  # two words say who, not why
        ("So I can be there for my kids", True),
        ("Being outdoors is one of my values", True),
    ],
)
def test_relevant_asks_why_it_matters(why, met):
    assert check_goal(text="Call my sister", why=why, today=TODAY)["relevant"].met is met


@pytest.mark.parametrize(
    ("target", "met", "hint"),
    [(SOON, True, False), (FAR, True, True), (PAST, False, True), (TODAY, False, True)],
)
def test_time_bound_needs_a_date_ahead_and_suggests_milestones_when_far(target, met, hint):
    finding = check_goal(text="Call my sister", target_date=target, today=TODAY)["time_bound"]
    assert finding.met is met
    assert (finding.suggestion is not None or finding.tip is not None) is hint
    if target == FAR:
        # Met, so no suggestion under it: the milestones idea is a tip.
        assert finding.suggestion is None
        assert "milestones" in finding.tip


@pytest.mark.parametrize(("days", "tip"), [(183, False), (184, True)])
def test_milestones_are_suggested_past_six_months(days, tip):
    target = TODAY + timedelta(days=days)
    finding = check_goal(text="Call my sister", target_date=target, today=TODAY)["time_bound"]
    assert finding.met is True
    assert (finding.tip is not None) is tip


def test_a_measure_with_a_target_makes_it_measurable():
    assert (
        check_goal(text="Call my sister", measure_target=4, today=TODAY)["measurable"].met is True
    )


def test_a_good_goal_meets_all_five():
    findings = check_goal(
        text="Walk round the park for 20 minutes three times a week",
        why="I want the energy to play with my kids at the weekend",
        confidence=8,
        target_date=SOON,
        today=TODAY,
    )
    assert all(f.met is True for f in findings.values())


def test_the_command_prints_the_same_findings_as_json(capsys):
    call_command("smart_check", "--json", "I want to feel better")
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"specific", "measurable", "achievable", "relevant", "time_bound"}
    assert out["specific"]["met"] is False and out["specific"]["suggestion"]
    assert out["measurable"]["met"] is False
    assert out["time_bound"]["met"] is False
    assert out["achievable"]["met"] is None
    assert "confidence" in out["achievable"]["suggestion"]  # it asks for the rating
    assert out["relevant"] == {"met": None, "suggestion": None, "tip": None}


def test_the_command_takes_every_option(capsys):
    call_command(
        "smart_check",
        "--json",
        "Call my sister every Sunday",
        "--why",
        "She keeps me grounded",
        "--confidence",
        "8",
        "--target-date",
        SOON.isoformat(),
        "--measure-target",
        "4",
    )
    out = json.loads(capsys.readouterr().out)
    assert all(value["met"] is True for value in out.values())


@pytest.mark.parametrize(
    "args", [["--confidence", "11"], ["--target-date", "31/03/2027"], ["--measure-target", "lots"]]
)
def test_the_command_explains_bad_options(args):
    from django.core.management.base import CommandError

    with pytest.raises((CommandError, SystemExit)):
        call_command("smart_check", "--json", "Call my sister", *args)


def test_relevant_points_to_the_clients_own_values_when_the_link_is_not_said():
    def relevant(why: str):
        return check_goal(
            text="Call my sister", why=why, values="Family, time outdoors", today=TODAY
        )["relevant"]

    unlinked = relevant("I want to feel less alone")
    assert unlinked.met is True
    assert unlinked.suggestion is None
    assert "Family, time outdoors" in unlinked.tip
    linked = relevant("Family matters most to me")
    assert linked.suggestion is None
