"""The SMART coach: is a goal Specific, Measurable, Achievable, Relevant and Time-bound?

A product choice, not a validated instrument (CLINICAL.md). Each letter is met,
not yet met, or cannot be judged from what was given (None), and every letter not
met comes with one concrete, kind suggestion. The same rules serve the goal form
(live, through htmx), the saved goal page and `manage.py smart_check`.
"""

import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal

LETTERS = ("specific", "measurable", "achievable", "relevant", "time_bound")
LETTER_NAMES = {
    "specific": "Specific",
    "measurable": "Measurable",
    "achievable": "Achievable",
    "relevant": "Relevant",
    "time_bound": "Time-bound",
}

# Words that carry a wish but no action when they stand alone.
VAGUE = {
    "better",
    "happier",
    "happy",
    "more",
    "less",
    "improve",
    "improved",
    "improving",
    "try",
    "trying",
    "work",
    "on",
    "deal",
    "with",
    "good",
    "fine",
    "okay",
    "ok",
    "feel",
    "feeling",
    "be",
    "get",
    "stuff",
    "things",
    "thing",
    "somehow",
    "generally",
    "overall",
    "well",
    "best",
    "nicer",
    "calmer",
    "calm",
    "stronger",
    "normal",
    "again",
    "bit",
    "lot",
    "much",
    "really",
    "very",
    "sort",
    "kind",
    "of",
    "fix",
    "change",
    "manage",
    "cope",
    "handle",
    "sorted",
    "positive",
    "negative",
    # Feelings and states: what a goal hopes for, not what the client will do.
    "anxious",
    "anxiety",
    "stressed",
    "stress",
    "sad",
    "sadness",
    "depressed",
    "worried",
    "worry",
    "lonely",
    "confident",
    "confidence",
    "mood",
    "moods",
    "happiness",
    "relaxed",
    "points",
    "point",
    "percent",
    "motivated",
    "energy",
    "self-esteem",
}
FILLER = {
    "i",
    "i'd",
    "i'm",
    "me",
    "my",
    "myself",
    "want",
    "wants",
    "would",
    "like",
    "to",
    "the",
    "a",
    "an",
    "and",
    "or",
    "so",
    "that",
    "it",
    "is",
    "am",
    "are",
    "in",
    "at",
    "for",
    "just",
    "some",
    "can",
    "could",
    "should",
    "will",
    "need",
    "hope",
    "wish",
    "start",
    "stop",
    "be",
    "being",
    "have",
    "having",
    "do",
    "doing",
    "not",
    "no",
    "about",
    "all",
    "life",
    "myself.",
    "every",
    "each",
    "time",
    "times",
    "week",
    "weeks",
    "day",
    "days",
}
NUMBER_WORDS = {
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "once",
    "twice",
    "half",
    "a dozen",
    "single",
    "both",
}
PERIOD = r"(?:day|days|daily|week|weeks|weekly|weekday|weekdays|weekend|weekends|month|months|monthly|morning|mornings|evening|evenings|night|nights|year|fortnight|session)"
FREQUENCY_PATTERNS = [
    rf"\b(?:\d+|{'|'.join(NUMBER_WORDS)})\s*(?:x|times?)\s*(?:a|an|per|each|every)\s+{PERIOD}\b",
    rf"\b(?:once|twice)\s+(?:a|an|per|each|every)\s+{PERIOD}\b",
    rf"\b(?:every|each|per|a|an)\s+(?:other\s+)?{PERIOD}\b",
    r"\b(?:daily|weekly|monthly|nightly|fortnightly)\b",
    r"\bevery\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    r"\bon\s+(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)\b",
]
QUANTITY_PATTERNS = [
    r"\d",
    rf"\b(?:{'|'.join(NUMBER_WORDS)})\b",
    r"\b(?:under|over|at least|at most|fewer than|less than|more than|no more than|up to)\b\s+\S+",
]
WORD = re.compile(r"[a-z][a-z'’-]*")
SIX_MONTHS = timedelta(days=183)


@dataclass(frozen=True)
class Finding:
    met: bool | None
    suggestion: str | None = None


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def has_frequency(text: str) -> bool:
    lowered = text.lower()
    return any(re.search(pattern, lowered) for pattern in FREQUENCY_PATTERNS)


def has_quantity(text: str) -> bool:
    lowered = text.lower()
    return any(re.search(pattern, lowered) for pattern in QUANTITY_PATTERNS)


def _concrete_words(text: str) -> list[str]:
    return [
        w
        for w in _words(text)
        if w not in VAGUE and w not in FILLER and w not in NUMBER_WORDS and len(w) > 2
    ]


def check_specific(text: str) -> Finding:
    if not text.strip():
        return Finding(None)
    if len(_concrete_words(text)) >= 2:
        return Finding(True)
    return Finding(
        False,
        "Try naming one thing you would actually do, and where or when, "
        "for example “walk round the park after work” instead of “feel better”.",
    )


def check_measurable(text: str, measure_target: Decimal | float | None) -> Finding:
    if measure_target is not None:
        return Finding(True)
    if not text.strip():
        return Finding(None)
    if has_quantity(text) or has_frequency(text):
        return Finding(True)
    return Finding(
        False,
        "Add a number you could count, like “3 times a week” or “for 10 minutes”, "
        "so you can see your progress.",
    )


def check_achievable(confidence: int | None) -> Finding:
    if confidence is None:
        return Finding(None)
    if confidence >= 7:
        return Finding(True)
    return Finding(
        False,
        f"You rated your confidence {confidence} out of 10. What smaller first step "
        "would feel like a 7 or more? Starting small is how big changes begin.",
    )


def _short(text: str, limit: int = 80) -> str:
    """Text cut at a word, not inside one."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;") + "…"


def check_relevant(why: str | None, values: str | None = None) -> Finding:
    if why is None:
        return Finding(None)
    if len(_words(why)) >= 3:
        shared = set(_concrete_words(why)) & set(_concrete_words(values or ""))
        if values and not shared:
            return Finding(
                True,
                f"You could say how this links to what matters most to you: “{_short(values)}”.",
            )
        return Finding(True)
    return Finding(
        False,
        "Say in a sentence why this matters to you. It could link to your vision "
        "or to something you value, like being there for your family.",
    )


def check_time_bound(text: str, target_date: date | None, today: date) -> Finding:
    if target_date is not None:
        if target_date <= today:
            return Finding(
                False, "That date has already passed. Pick a date ahead that feels realistic."
            )
        if target_date - today > SIX_MONTHS:
            return Finding(
                True,
                "That's more than six months away. Breaking it into milestones "
                "will help you see progress along the way.",
            )
        return Finding(True)
    if text.strip() and has_frequency(text):
        return Finding(True)
    return Finding(
        False,
        "Choose a date to aim for, or say how often (“every weekday”). "
        "A date gives you a moment to look back and notice how far you've come.",
    )


def check_goal(
    *,
    text: str,
    why: str | None = None,
    confidence: int | None = None,
    target_date: date | None = None,
    measure_target: Decimal | float | None = None,
    values: str | None = None,
    today: date,
) -> dict[str, Finding]:
    """The five findings for a goal. `text` is its title and description together."""
    return {
        "specific": check_specific(text),
        "measurable": check_measurable(text, measure_target),
        "achievable": check_achievable(confidence),
        "relevant": check_relevant(why, values),
        "time_bound": check_time_bound(text, target_date, today),
    }


def as_json(findings: dict[str, Finding]) -> dict[str, dict[str, object]]:
    return {letter: asdict(findings[letter]) for letter in LETTERS}
