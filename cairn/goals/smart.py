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
MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)
WEEKDAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
SEASONS = r"(?:spring|summer|autumn|fall|winter|christmas|easter|half[- ]term|new year)"
EVENTS = (
    r"(?:wedding|birthday|holiday|holidays|trip|exam|exams|interview|baby|move|graduation|"
    r"party|anniversary|christmas|easter|summer)"
)
COUNT = rf"(?:\d+|{'|'.join(sorted(NUMBER_WORDS))}|a|an|a few|a couple of|few|couple of)"
# A deadline said in the goal's own words: "by Friday", "within the next three
# weeks", "by the end of March", "before my sister's wedding in June".
DEADLINE_PATTERNS = [
    rf"\bby (?:this |next )?(?:{WEEKDAYS}|{MONTHS}|{SEASONS}|tomorrow|the weekend)\b",
    rf"\bby (?:the )?end of (?:the |this |next )?(?:week|month|year|term|{MONTHS}|{SEASONS})\b",
    rf"\b(?:within|in|over) the next {COUNT}\s*(?:days?|weeks?|months?|years?)\b",
    rf"\bwithin {COUNT}\s*(?:weeks?|months?|years?)\b",
    rf"\bin {COUNT}\s*(?:weeks?|months?|years?)(?:['’]s?)? time\b",
    rf"\b(?:by|before|on|until) (?:the )?\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{MONTHS}\b",
    rf"\b(?:by|before|on|until) {MONTHS} \d{{1,2}}(?:st|nd|rd|th)?\b",
    rf"\bbefore (?:{MONTHS}|{SEASONS})\b",
    rf"\bbefore (?:my|the|our|his|her|their|a)\b[^.,;!?]*\b(?:{EVENTS}|{MONTHS})\b",
    r"\b(?:next|this) (?:week|weekend|month|year|term)\b",
    rf"\bin {MONTHS}\b(?! every)",
]
# Phrasing a goal as what one won't do: gently nudged towards what to do instead.
AVOIDANCE = re.compile(r"\b(?:never|always|don['’]?t|do not|stop \w+ing|avoid|won['’]?t|no more)\b")
# Words a wish opens with before its verb ("I'd really like to ...").
WISH_OPENING = {
    "i",
    "i'd",
    "i'm",
    "want",
    "wants",
    "would",
    "like",
    "to",
    "really",
    "just",
    "hope",
    "wish",
    "need",
    "try",
    "trying",
    "going",
    "am",
    "will",
    "can",
    "could",
    "should",
    "finally",
    "somehow",
    "generally",
    "please",
    "learn",
    "how",
}
# A wish about a state rather than an action: "be more confident at work",
# "feel calmer", "sort my life out". Long or short, it names nothing to do.
STATE_VERBS = {"be", "feel", "become", "seem", "sort", "get", "stay", "grow", "improve", "fix"}
ACTION_AFTER_STATE = {("be", "able"), ("get", "to"), ("get", "up"), ("get", "out"), ("get", "back")}
# A heavy daily load (an hour or more, every day) asked of oneself at once.
HEAVY_DAILY = re.compile(
    rf"\b(?:(?:\d+(?:\.\d+)?|{'|'.join(sorted(NUMBER_WORDS))}|an?)\s*(?:hours?|hrs?)|"
    r"(?:6\d|[7-9]\d|\d{3,})\s*(?:minutes|mins))\b[^.;]*?\b(?:a|per|each|every)\s+day\b|"
    rf"\b(?:every|each)\s+day\b[^.;]*?\b(?:\d+(?:\.\d+)?|{'|'.join(sorted(NUMBER_WORDS))}|an?)\s*(?:hours?|hrs?)\b"
)
WORD = re.compile(r"[a-z][a-z'’-]*")
SIX_MONTHS = timedelta(days=183)
# Achievable: the client is this sure or more, out of 10, that they can do it (CLINICAL.md).
# The coach judges by it, and the pages that explain the five letters say it.
CONFIDENT_FROM = 7


@dataclass(frozen=True)
class Finding:
    met: bool | None
    suggestion: str | None = None
    tip: str | None = None


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


def has_deadline(text: str) -> bool:
    lowered = text.lower().replace("’", "'")
    return any(re.search(pattern, lowered) for pattern in DEADLINE_PATTERNS)


def is_state_wish(text: str) -> bool:
    """True when the goal opens with a state ("be", "feel", "sort") and no action."""
    words = [w for w in _words(text) if w not in WISH_OPENING]
    if not words or words[0] not in STATE_VERBS:
        return False
    return len(words) < 2 or (words[0], words[1]) not in ACTION_AFTER_STATE


def check_specific(text: str) -> Finding:
    if not text.strip():
        return Finding(None)
    if AVOIDANCE.search(text.lower()):
        return Finding(
            False,
            "Goals about what you won't do are hard to practise. What would you do instead? "
            "For example “eat breakfast before 9 every day” rather than “never skip breakfast”.",
        )
    if len(_concrete_words(text)) >= 2 and not is_state_wish(text):
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


def check_achievable(confidence: int | None, text: str = "") -> Finding:
    if confidence is None:
        return Finding(
            None,
            "How sure are you, from 0 to 10, that you can do this? "
            "Add your confidence and the coach will look at this part too.",
        )
    if HEAVY_DAILY.search(text.lower()) and confidence < 9:
        return Finding(
            False,
            f"That's a lot to take on every day from the start, and you rated your confidence "
            f"{confidence} out of 10. A smaller first step, like 15 minutes a day, is worth "
            "trying; you can build up from there.",
        )
    if confidence >= CONFIDENT_FROM:
        return Finding(True)
    return Finding(
        False,
        f"You rated your confidence {confidence} out of 10. What smaller first step "
        f"would feel like a {CONFIDENT_FROM} or more? Starting small is how big changes begin.",
    )


def _short(text: str, limit: int = 80) -> str:
    """Text cut at a word, not inside one."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;.") + "…"


def _unpunctuated(text: str) -> str:
    """Text without its closing full stop, for quoting inside a sentence that has one."""
    return text.rstrip(" .!?;:,")


def check_relevant(why: str | None, values: str | None = None) -> Finding:
    if why is None:
        return Finding(None)
    if len(_words(why)) >= 3:
        shared = set(_concrete_words(why)) & set(_concrete_words(values or ""))
        if values and not shared:
            return Finding(
                True,
                tip=f"You could say how this links to what matters most to you: "
                f"“{_unpunctuated(_short(values))}”.",
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
                tip="That's more than six months away. Breaking it into milestones "
                "will help you see progress along the way.",
            )
        return Finding(True)
    if text.strip() and (has_frequency(text) or has_deadline(text)):
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
        "achievable": check_achievable(confidence, text),
        "relevant": check_relevant(why, values),
        "time_bound": check_time_bound(text, target_date, today),
    }


def as_json(findings: dict[str, Finding]) -> dict[str, dict[str, object]]:
    return {letter: asdict(findings[letter]) for letter in LETTERS}
