"""The PHQ-9 and GAD-7: their exact published wording and their scoring.

Pure functions, no models: the form, the charts, the caseload and the
`score_measure` command all score through here. Sources and rules: CLINICAL.md
("PHQ-9 and GAD-7"). The item wording is reproduced exactly, as its authors ask,
for validity.
"""

from collections.abc import Sequence
from dataclasses import dataclass

PHQ9 = "phq9"
GAD7 = "gad7"

OPTIONS = ("Not at all", "Several days", "More than half the days", "Nearly every day")
# What an answer scores: its place among OPTIONS, 0 to 3 (the difficulty question too).
SCORES = range(len(OPTIONS))

# LOINC answer codes for 0, 1, 2 and 3, and the PHQ-9 difficulty question.
LOINC_ANSWERS = ("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9")
LOINC_DIFFICULTY = "69722-7"

DIFFICULTY_QUESTION = (
    "If you checked off any problems, how difficult have these problems made it for you "
    "to do your work, take care of things at home, or get along with other people?"
)
DIFFICULTY_OPTIONS = (
    "Not difficult at all",
    "Somewhat difficult",
    "Very difficult",
    "Extremely difficult",
)


def band_words(code: str) -> str:
    """A band as it is written for people: "moderately severe" for "moderately-severe"."""
    return code.replace("-", " ")


@dataclass(frozen=True)
class Band:
    code: str  # minimal, mild, moderate, moderately-severe, severe
    low: int
    high: int

    @property
    def label(self) -> str:
        return band_words(self.code)


@dataclass(frozen=True)
class Measure:
    """One questionnaire as published: its wording, how its total is banded, and the
    numbers and codes that compare and export it."""

    code: str
    name: str
    stem: str
    items: tuple[str, ...]
    bands: tuple[Band, ...]
    # NHS Talking Therapies: the smallest change that is reliable, and caseness.
    reliable_change: int
    caseness: int
    # What bothered the client, as the plain words of each band name it.
    problems: str
    # Whether it ends with DIFFICULTY_QUESTION (asked, not scored): Cairn asks it of
    # the PHQ-9 alone.
    asks_difficulty: bool = False
    # LOINC, for exports: the panel, the total and each item in order.
    loinc_panel: str = ""
    loinc_total: str = ""
    loinc_total_name: str = ""
    loinc_items: tuple[str, ...] = ()

    @property
    def maximum(self) -> int:
        return 3 * len(self.items)

    @property
    def meanings(self) -> dict[str, str]:
        """The plain words a client sees for each band: no alarm, no diagnosis."""
        return {
            band.code: f"{self.problems} bothered you {BOTHERED[band.code]} over these two weeks."
            for band in self.bands
        }


# How much the problems bothered the client, band by band.
BOTHERED = {
    "minimal": "little, if at all,",
    "mild": "a little",
    "moderate": "a fair amount",
    "moderately-severe": "quite a lot",
    "severe": "a great deal",
}


def _bands(*tops: tuple[str, int]) -> tuple[Band, ...]:
    """Bands that follow on from each other: each starts one above the last one's top."""
    lows = [0] + [top + 1 for _, top in tops[:-1]]
    return tuple(Band(code, low, top) for (code, top), low in zip(tops, lows, strict=True))


MEASURES = {
    PHQ9: Measure(
        code=PHQ9,
        name="PHQ-9",
        stem="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        items=(
            "Little interest or pleasure in doing things",
            "Feeling down, depressed, or hopeless",
            "Trouble falling or staying asleep, or sleeping too much",
            "Feeling tired or having little energy",
            "Poor appetite or overeating",
            "Feeling bad about yourself — or that you are a failure or have let yourself or "
            "your family down",
            "Trouble concentrating on things, such as reading the newspaper or watching television",
            "Moving or speaking so slowly that other people could have noticed? Or the "
            "opposite — being so fidgety or restless that you have been moving around a lot "
            "more than usual",
            "Thoughts that you would be better off dead or of hurting yourself in some way",
        ),
        bands=_bands(
            ("minimal", 4), ("mild", 9), ("moderate", 14), ("moderately-severe", 19), ("severe", 27)
        ),
        reliable_change=6,
        caseness=10,
        problems="Low mood has",
        asks_difficulty=True,
        loinc_panel="44249-1",
        loinc_total="44261-6",
        loinc_total_name="Patient Health Questionnaire 9 item (PHQ-9) total score",
        loinc_items=(
            "44250-9",
            "44255-8",
            "44259-0",
            "44254-1",
            "44251-7",
            "44258-2",
            "44252-5",
            "44253-3",
            "44260-8",
        ),
    ),
    GAD7: Measure(
        code=GAD7,
        name="GAD-7",
        stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
        items=(
            "Feeling nervous, anxious or on edge",
            "Not being able to stop or control worrying",
            "Worrying too much about different things",
            "Trouble relaxing",
            "Being so restless that it is hard to sit still",
            "Becoming easily annoyed or irritable",
            "Feeling afraid as if something awful might happen",
        ),
        bands=_bands(("minimal", 4), ("mild", 9), ("moderate", 14), ("severe", 21)),
        reliable_change=4,
        caseness=8,
        problems="Worry and anxiety have",
        # 69737-5 is the panel, not the total.
        loinc_panel="69737-5",
        loinc_total="70274-6",
        loinc_total_name="Generalized anxiety disorder 7 item (GAD-7) total score",
        loinc_items=(
            "69725-0",
            "68509-9",
            "69733-4",
            "69734-2",
            "69735-9",
            "69689-8",
            "69736-7",
        ),
    ),
}

# PHQ-9 question 9, counted from 1.
RISK_ITEM = 9


class ScoringError(ValueError):
    """Answers that cannot be scored; the message names what is wrong, in one line.
    `number` is the question (counted from 1) whose answer it is, None when it is
    not one answer."""

    def __init__(self, message: str, *, number: int | None = None) -> None:
        super().__init__(message)
        self.number = number


def measure_named(code: str) -> Measure:
    try:
        return MEASURES[code]
    except KeyError:
        raise ScoringError(f"unknown measure {code!r}: use phq9 or gad7") from None


def band_for(measure: Measure, total: int) -> Band:
    for band in measure.bands:
        if band.low <= total <= band.high:
            return band
    raise ScoringError(f"a {measure.name} total must be 0 to {measure.maximum}, not {total}")


def check_answers(
    measure: Measure, answers: Sequence[int | None], *, partial: bool = False
) -> None:
    """One answer per question, each 0 to 3; with `partial`, None for a question left
    for later."""
    if len(answers) != len(measure.items):
        raise ScoringError(f"{measure.name} has {len(measure.items)} answers, not {len(answers)}")
    for number, answer in enumerate(answers, start=1):
        if answer not in SCORES and not (partial and answer is None):
            raise ScoringError(
                f"answer {number} is {answer}: each answer must be 0, 1, 2 or 3", number=number
            )


@dataclass(frozen=True)
class Score:
    measure: Measure
    total: int
    band: Band
    item9_positive: bool


def score(measure: Measure, answers: Sequence[int]) -> Score:
    """The total and band of a complete set of answers, each 0 to 3."""
    check_answers(measure, answers)
    total = sum(answers)
    return Score(
        measure=measure,
        total=total,
        band=band_for(measure, total),
        item9_positive=item9_positive(measure, answers),
    )


def item9_positive(measure: Measure, answers: Sequence[int | None]) -> bool:
    """PHQ-9 question 9 answered above 0: the therapist's prompt attention, whatever the total."""
    if measure.code != PHQ9 or len(answers) < RISK_ITEM:
        return False
    answer = answers[RISK_ITEM - 1]
    return answer is not None and answer > 0


@dataclass(frozen=True)
class Change:
    baseline: int
    current: int
    change: int  # current − baseline: negative is fewer symptoms
    reliable_improvement: bool
    reliable_deterioration: bool
    recovery: bool
    reliable_recovery: bool

    @property
    def finding(self) -> str:
        """The strongest finding against the first total, in words ("" for none)."""
        if self.reliable_recovery:
            return "reliable recovery"
        if self.recovery:
            return "recovery"
        if self.reliable_improvement:
            return "reliable improvement"
        if self.reliable_deterioration:
            return "reliable deterioration"
        return ""


def change_between(measure: Measure, *, baseline: int, current: int) -> Change:
    """NHS Talking Therapies' rules for one measure, from the first total to this one."""
    for total in (baseline, current):
        band_for(measure, total)  # raises on a total out of range
    change = current - baseline
    improved = -change >= measure.reliable_change
    recovered = baseline >= measure.caseness > current
    return Change(
        baseline=baseline,
        current=current,
        change=change,
        reliable_improvement=improved,
        reliable_deterioration=change >= measure.reliable_change,
        recovery=recovered,
        reliable_recovery=recovered and improved,
    )


def parse_answers(measure: Measure, text: str) -> list[int]:
    """Comma-separated answers, e.g. "1,2,0,3,1,1,2,2,1", as `score_measure` takes them."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != len(measure.items):
        raise ScoringError(f"{measure.name} has {len(measure.items)} answers, not {len(parts)}")
    answers = []
    for number, part in enumerate(parts, start=1):
        if part not in ("0", "1", "2", "3"):
            raise ScoringError(f"answer {number} is {part!r}: each answer must be 0, 1, 2 or 3")
        answers.append(int(part))
    return answers


def as_json(result: Score, change: Change | None = None) -> dict[str, object]:
    data: dict[str, object] = {
        "measure": result.measure.code,
        "total": result.total,
        "band": result.band.code,
    }
    if result.measure.code == PHQ9:
        data["item9_positive"] = result.item9_positive
    if change is not None:
        data.update(
            {
                "change": change.change,
                "reliable_improvement": change.reliable_improvement,
                "reliable_deterioration": change.reliable_deterioration,
                "recovery": change.recovery,
                "reliable_recovery": change.reliable_recovery,
            }
        )
    return data
