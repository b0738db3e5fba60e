"""Scoring against tables computed by hand from CLINICAL.md, at every band boundary."""

import pytest

from cairn.measures.scoring import (
    MEASURES,
    ScoringError,
    as_json,
    band_for,
    change_between,
    parse_answers,
    score,
)

PHQ9 = MEASURES["phq9"]
GAD7 = MEASURES["gad7"]


def answers_totalling(count: int, total: int) -> list[int]:
    """Answers of 0–3 that add up to `total`, filled from the first question."""
    answers = []
    for _ in range(count):
        answers.append(min(3, total))
        total -= answers[-1]
    assert total == 0
    return answers


# Each band's lowest and highest total: both sides of every boundary are tested.
PHQ9_BANDS = {
    "minimal": (0, 4),
    "mild": (5, 9),
    "moderate": (10, 14),
    "moderately-severe": (15, 19),
    "severe": (20, 27),
}
GAD7_BANDS = {"minimal": (0, 4), "mild": (5, 9), "moderate": (10, 14), "severe": (15, 21)}


def ends(bands: dict[str, tuple[int, int]]) -> list[tuple[int, str]]:
    """(total, band) for the lowest and highest total of every band."""
    return [(total, band) for band, both in bands.items() for total in both]


@pytest.mark.parametrize(("total", "band"), ends(PHQ9_BANDS))
def test_phq9_bands(total, band):
    result = score(PHQ9, answers_totalling(9, total))
    assert (result.total, result.band.code) == (total, band)


@pytest.mark.parametrize(("total", "band"), ends(GAD7_BANDS))
def test_gad7_bands(total, band):
    result = score(GAD7, answers_totalling(7, total))
    assert (result.total, result.band.code) == (total, band)


def test_the_wording_is_the_published_one():
    assert len(PHQ9.items) == 9 and len(GAD7.items) == 7
    assert PHQ9.items[8] == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    assert GAD7.items[0] == "Feeling nervous, anxious or on edge"
    assert PHQ9.stem.startswith("Over the last 2 weeks, how often have you been bothered")


@pytest.mark.parametrize(
    ("answers", "positive"),
    [
        ([0, 0, 0, 0, 0, 0, 0, 0, 0], False),
        ([3, 3, 3, 3, 3, 3, 3, 3, 0], False),  # severe, but nothing on question 9
        ([0, 0, 0, 0, 0, 0, 0, 0, 1], True),  # minimal total, question 9 still counts
        ([1, 0, 0, 0, 0, 0, 0, 0, 3], True),
    ],
)
def test_question_9(answers, positive):
    assert score(PHQ9, answers).item9_positive is positive


def test_gad7_has_no_question_9():
    assert score(GAD7, [3] * 7).item9_positive is False


# (baseline, current) → change, improvement, deterioration, recovery, reliable recovery.
# PHQ-9: reliable change 6, caseness 10.
PHQ9_CHANGES = [
    (18, 12, -6, True, False, False, False),  # reliable drop, still at caseness
    (18, 13, -5, False, False, False, False),  # one short of reliable
    (15, 9, -6, True, False, True, True),  # below caseness and reliable: reliable recovery
    (12, 9, -3, False, False, True, False),  # recovery, not reliable
    (10, 9, -1, False, False, True, False),  # 10 is caseness, 9 is not
    (9, 3, -6, True, False, False, False),  # not a case at the start: no recovery
    (8, 14, 6, False, True, False, False),  # reliable deterioration
    (8, 13, 5, False, False, False, False),
    (12, 12, 0, False, False, False, False),
]
# GAD-7: reliable change 4, caseness 8.
GAD7_CHANGES = [
    (12, 8, -4, True, False, False, False),  # 8 is still caseness
    (12, 7, -5, True, False, True, True),
    (11, 8, -3, False, False, False, False),
    (8, 7, -1, False, False, True, False),
    (7, 3, -4, True, False, False, False),
    (5, 9, 4, False, True, False, False),
    (5, 8, 3, False, False, False, False),
]


@pytest.mark.parametrize(
    ("measure", "row"),
    [(PHQ9, r) for r in PHQ9_CHANGES] + [(GAD7, r) for r in GAD7_CHANGES],
)
def test_reliable_change(measure, row):
    baseline, current, *expected = row
    change = change_between(measure, baseline=baseline, current=current)
    assert [
        change.change,
        change.reliable_improvement,
        change.reliable_deterioration,
        change.recovery,
        change.reliable_recovery,
    ] == expected


@pytest.mark.parametrize(
    ("measure", "text", "message"),
    [
        (PHQ9, "1,2,3", "PHQ-9 has 9 answers, not 3"),
        (GAD7, "1,1,1,1,1,1,1,1", "GAD-7 has 7 answers, not 8"),
        (GAD7, "1,1,1,4,1,1,1", "answer 4 is '4': each answer must be 0, 1, 2 or 3"),
        (GAD7, "1,1,1,-1,1,1,1", "answer 4 is '-1': each answer must be 0, 1, 2 or 3"),
        (GAD7, "1,1,x,1,1,1,1", "answer 3 is 'x': each answer must be 0, 1, 2 or 3"),
        (GAD7, "1,1,,1,1,1,1", "answer 3 is '': each answer must be 0, 1, 2 or 3"),
    ],
)
def test_bad_answers_are_named(measure, text, message):
    with pytest.raises(ScoringError, match="^" + message.replace("(", r"\(") + "$"):
        parse_answers(measure, text)


def test_a_total_out_of_range_is_refused():
    with pytest.raises(ScoringError):
        band_for(GAD7, 22)
    with pytest.raises(ScoringError):
        score(PHQ9, [4, 0, 0, 0, 0, 0, 0, 0, 0])


def test_json_shape():
    result = score(PHQ9, parse_answers(PHQ9, "1, 2, 1, 2, 1, 2, 1, 2, 1"))
    assert as_json(result) == {
        "measure": "phq9",
        "total": 13,
        "band": "moderate",
        "item9_positive": True,
    }


def test_every_item_has_its_loinc_code():
    assert len(PHQ9.loinc_items) == 9 and len(GAD7.loinc_items) == 7
    assert (PHQ9.loinc_total, GAD7.loinc_total) == ("44261-6", "70274-6")
