"""Words of suicide or self-harm in what a client writes, and offering support.

This is the one list of risk phrases in Cairn (CLINICAL.md, "Risk and safety").
Change it only with a clinician's review, and add a row to the table in
`cairn/core/tests/test_risk.py` for every change. False alarms are acceptable;
silence is not, so the patterns lean towards catching:

- any case, straight or curly apostrophes, or none ("cant go on");
- small spelling variants ("kil myself", "sucide", "self harm", "selfharm");
- whole words only: "skill myself up" and "blend it all" do not trigger.

No models here: every layer may call it.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from cairn.core.signals import risk_noted

# An apostrophe of any kind, or none.
_APOSTROPHE = r"[’'‘ʼ`´]?"
# Between words: spaces or a hyphen; "_" joins words that may be written as one.
_GAP = r"[\s\-]+"
_JOIN = r"[\s\-]*"


def _words(*parts: str) -> str:
    return _GAP.join(parts)


@dataclass(frozen=True)
class RiskPhrase:
    words: str  # how the phrase reads on the admin's list and in a flag's reason
    pattern: str  # a regular expression, matched as whole words, ignoring case


_MYSELF = f"my{_JOIN}self"
_CANT = f"(?:can{_APOSTROPHE}t|cannot|can{_GAP}not|cant)"
_DONT = f"(?:don{_APOSTROPHE}t|do{_GAP}not)"

RISK_PHRASES: tuple[RiskPhrase, ...] = (
    RiskPhrase("kill myself", _words("kil+(?:ing|ed)?", _MYSELF)),
    RiskPhrase("end it all", _words("end(?:ing)?", "it", "all")),
    RiskPhrase("end my life", _words("end(?:ing)?", "my", "(?:own" + _GAP + ")?li[fv]e")),
    RiskPhrase("take my own life", _words("tak(?:e|ing)", "my", "own", "life")),
    RiskPhrase("better off dead", _words("better", "off", "dead")),
    RiskPhrase("better off without me", _words("better", "off", "without", "me")),
    # suicide, suicidal, sucide, suicde, suiside, suicidel ...
    RiskPhrase("suicide", r"su+i*[cs]+i*d(?:e|es|al|el|ally|ality)?"),
    RiskPhrase("hurt myself", _words("hurt(?:ing)?", _MYSELF)),
    RiskPhrase("harm myself", _words("harm(?:ing)?", _MYSELF)),
    RiskPhrase("cut myself", _words("cut(?:t?ing)?", _MYSELF)),
    RiskPhrase("self-harm", f"self{_JOIN}harm(?:ing|ed)?"),
    RiskPhrase("no reason to live", _words("no", "reasons?", "to", "live")),
    RiskPhrase("nothing to live for", _words("nothing", "(?:left" + _GAP + ")?to", "live", "for")),
    RiskPhrase("can't go on", _words(_CANT, "go", "on")),
    RiskPhrase("want to die", _words("(?:want(?:" + _GAP + "to)?|wanna)", "die")),
    RiskPhrase("wish I was dead", _words("wish", "i", "(?:was|were)", "dead")),
    RiskPhrase("don't want to be alive", _words(_DONT, "want", "to", "be", "alive")),
    RiskPhrase(
        "don't want to be here any more",
        _words(_DONT, "want", "to", "be", "here", f"any{_JOIN}more"),
    ),
    RiskPhrase("overdose", r"over\-?dos(?:e|ed|ing)"),
)

_COMPILED = tuple(
    (phrase, re.compile(rf"(?<![a-z0-9]){phrase.pattern}(?![a-z0-9])", re.IGNORECASE))
    for phrase in RISK_PHRASES
)


def risk_phrases_in(text: str) -> list[str]:
    """The risk phrases found in `text`, as the list words them, in the list's order."""
    if not text:
        return []
    return [phrase.words for phrase, pattern in _COMPILED if pattern.search(text)]


def risk_excerpt(text: str, *, around: int = 80) -> str:
    """The client's own words around the first risk phrase in `text` ("" if none),
    so that the therapist reads them in context."""
    if not text:
        return ""
    found = [m for _, pattern in _COMPILED if (m := pattern.search(text))]
    if not found:
        return ""
    start = min(m.start() for m in found)
    end = max(m.end() for m in found if m.start() - start < around * 2)
    first, last = max(0, start - around), min(len(text), end + around)
    excerpt = " ".join(text[first:last].split())
    return ("…" if first > 0 else "") + excerpt + ("…" if last < len(text) else "")


# Where a sign of risk was seen, in plain words for the therapist, by the kind of
# record it was seen in (`source_kind`). Every flag's reason says it from here
# (`risk_reason`); anything not named reads "something they wrote".
# The safety plan is left out on purpose: its steps name the warning signs of a
# crisis by design, written with the therapist, so its words are not a new sign.
WHERE_SEEN = {
    "progress.checkin": "a check-in",
    "progress.win": "a win",
    "journal.journalentry": "a journal entry shared with you",
    "therapy_sessions.agendaitem": "an agenda item",
    "goals.goalcomment": "a comment on a goal",
    "goals.goal": "a goal",
    "goals.vision": "their vision",
    "goals.barrier": "something that may get in the way of a goal",
    "goals.plan": "an if-then plan",
    "goals.milestone": "a step towards a goal",
    "measures.measureresponse": "a questionnaire",
    "routines.routine": "a routine",
    "routines.maintenanceplan": "their maintenance plan",
}


def source_kind(source: Any) -> str:
    """The kind of record `source` is (a model, or one of its rows), as a risk flag
    keeps it and WHERE_SEEN names it: `app_label.model_name`."""
    return str(source._meta.label_lower)


def where_seen(source: Any) -> str:
    """Where a sign of risk was seen, for `source` (a model, or one of its rows)."""
    return WHERE_SEEN.get(source_kind(source), "something they wrote")


def risk_reason(sign: str, *, source: Any, said: Sequence[str] = ()) -> str:
    """A flag's reason, whatever the sign: what it was, where it was seen, and the
    words or the answer that showed it, quoted as the client wrote or chose them
    ("Words of risk in a check-in: “end it all”")."""
    quoted = ", ".join(f"\u201c{words}\u201d" for words in said)
    return f"{sign} in {where_seen(source)}" + (f": {quoted}" if quoted else "")


def words_of_risk_reason(phrases: Sequence[str], *, source: Any) -> str:
    """A flag's reason for words of risk: where, and the phrases the list found."""
    return risk_reason("Words of risk", source=source, said=phrases)


def note_risk_in(text: str, *, client: Any, source: Any, therapist_may_read: bool = True) -> bool:
    """When `text` holds words of risk, tells `risk_noted`: the phrases named, where
    they were written (the model of `source`) and the client's own words around them.
    Says whether it told."""
    phrases = risk_phrases_in(text)
    if phrases:
        risk_noted.send(
            sender=type(source),
            client=client,
            source=source,
            reason=words_of_risk_reason(phrases, source=source),
            excerpt=risk_excerpt(text),
            therapist_may_read=therapist_may_read,
        )
    return bool(phrases)


def note_risk_in_words_of(*texts: str, client: Any, source: Any, by_client: bool) -> bool:
    """Risk in words written for the therapist to read (the texts, one after the
    other), noted only when the client wrote them (`by_client`: the caller asks
    `care.access.is_own_record` of who wrote them): a therapist may well write
    "self-harm" in a goal or a plan. Says whether it told."""
    return by_client and note_risk_in("\n".join(texts), client=client, source=source)


@dataclass(frozen=True)
class Written[T]:
    """What a service saved of someone's words, and whether it noted risk in them. The
    view offers support on the service's word, so who counts and which words count are
    decided once, where the risk is noted."""

    record: T
    risk_noted: bool


SUPPORT_SESSION_KEY = "cairn_support_now"
# After this long the panel no longer shows by itself; the safety plan and the
# crisis line stay one step away on every page.
SUPPORT_SHOWN_FOR_HOURS = 12


def offer_support(request: HttpRequest) -> None:
    """After saving something that may be a sign of risk: the next page the client
    sees shows the support panel (`id="support-now"`) until they say they're safe
    for now. Nothing else happens here; the therapist is told by `risk_noted`."""
    request.session[SUPPORT_SESSION_KEY] = timezone.now().isoformat()


def support_offered(request: HttpRequest) -> bool:
    value = request.session.get(SUPPORT_SESSION_KEY) if hasattr(request, "session") else None
    if not value:
        return False
    try:
        offered = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return timezone.now() - offered < timedelta(hours=SUPPORT_SHOWN_FOR_HOURS)


def support_done(request: HttpRequest) -> None:
    request.session.pop(SUPPORT_SESSION_KEY, None)
