"""An audit event in plain words: "Read your check-ins", "Wrote a comment on a goal",
"Tried to open your journal entry and was refused". The client's page says "your";
the practice's log says "the". No clinical text is ever in an event, so none here."""

from cairn.core.audit import Action
from cairn.core.models import AuditEvent

# object type: (what was read, what writing it is called), "{p}" for "your" or "the".
WORDS: dict[str, tuple[str, str]] = {
    "client_record": ("{p} record", "Changed {p} record"),
    "caseload": ("the caseload", "Changed the caseload"),
    "goal": ("{p} goals", "Wrote in {p} goals"),
    "goal_comment": ("the comments on {p} goals", "Wrote a comment on a goal"),
    "goal_change": ("the changes to {p} goals", "Proposed or agreed a change to a goal"),
    "milestone": ("{p} steps", "Changed a step"),
    "barrier": ("{p} obstacles", "Changed an obstacle"),
    "plan": ("{p} if-then plans", "Changed an if-then plan"),
    "vision": ("{p} vision", "Wrote in {p} vision"),
    "checkin": ("{p} check-ins", "Changed a check-in"),
    "win": ("{p} wins", "Wrote down a win"),
    "journal_entry": ("{p} journal entry", "Changed a journal entry"),
    "session": ("{p} sessions", "Wrote about a session"),
    "session_summary": ("{p} session summaries", "Wrote a session summary"),
    "agenda_item": ("{p} list of things to talk about", "Changed {p} list of things to talk about"),
    "shared_view": ("what {you} share with them", "Changed what {you} share"),
    "support_grant": ("who {you} share with", "Changed who {you} share with"),
    "cheer": ("{p} cheers", "Sent a cheer"),
    "routine": ("{p} routines", "Changed a routine"),
    "routine_log": ("{p} routines", "Ticked off a routine"),
    "maintenance_plan": ("{p} maintenance plan", "Changed {p} maintenance plan"),
    "calendar_feed": ("{p} calendar feed", "Changed {p} calendar feed settings"),
    "tracking_pause": ("{p} pauses in tracking", "Paused or resumed tracking"),
    "client_reference": ("{p} practice reference", "Set {p} practice reference"),
    "care_relationship": ("{p} care", "Started or ended {p} care"),
}
FALLBACK = ("{p} record", "Changed {p} record")
OTHERS = {
    Action.SIGN_IN: "Signed in",
    Action.SIGN_IN_FAILED: "Sign-in failed",
    Action.SIGN_OUT: "Signed out",
}
STAFF_PAGES = {
    "practice": "the practice details",
    "audit_log": "the audit log",
    "invitation": "an invitation",
    "page": "a page",
    "account": "an account",
}


def _fill(text: str, *, for_client: bool) -> str:
    return text.format(p="your" if for_client else "the", you="you" if for_client else "they")


def what_happened(event: AuditEvent, *, for_client: bool) -> str:
    if event.action in OTHERS:
        return OTHERS[event.action]
    refused = event.outcome == AuditEvent.Outcome.DENIED
    if event.object_type == "caseload" and not refused:
        if for_client:
            return "Saw your name in their list of clients"
        listed = event.listed_count
        return f"Opened their caseload, listing {listed} client{'s' if listed != 1 else ''}"
    if event.object_type in STAFF_PAGES and not event.client_id:
        noun = STAFF_PAGES[event.object_type]
        if refused:
            return f"Tried to {'open' if event.action == Action.READ else 'change'} {noun} and was refused"
        return f"{'Opened' if event.action == Action.READ else 'Changed'} {noun}"
    read, write = WORDS.get(event.object_type, FALLBACK)
    if event.action == Action.READ:
        text = f"Tried to open {read} and was refused" if refused else f"Read {read}"
    else:
        text = f"Tried to change {read} and was refused" if refused else write
    return _fill(text, for_client=for_client)


def is_calendar_app(event: AuditEvent) -> bool:
    """The feed is read by whatever calendar app the client gave its address to."""
    return event.object_type == "calendar_feed" and event.action == Action.READ
