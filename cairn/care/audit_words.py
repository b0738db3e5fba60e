"""An audit event in plain words: "Read your check-ins", "Wrote a comment on a goal",
"Tried to open your journal entry and was refused". The client's page says "your";
the practice's log says "the". No clinical text is ever in an event, so none here."""

from cairn.core.audit import Action
from cairn.core.models import AuditEvent

# A supporter's look at what the client shares with them (sharing's grant_for_supporter).
LOOKED_AT_SHARED = "Looked at what {you} share with them"

# object type: (what was read, what writing it is called), "{p}" for "your" or "the".
WORDS: dict[str, tuple[str, str]] = {
    "client_record": ("{p} record", "Changed {p} record"),
    "caseload": ("the caseload", "Changed the caseload"),
    "goal": ("{p} goals", "Wrote in {p} goals"),
    "goal_comment": ("the comments on {p} goals", "Wrote a comment on a goal"),
    # Proposing, agreeing, withdrawing, and replacing one by a newer proposal.
    "goal_change": ("the changes to {p} goals", "Proposed, agreed or withdrew a change to a goal"),
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
    # A supporter's look is only ever audited as a read (READ_AS tells it; these read
    # words tell a refused one). A supporter changes nothing there, so the write words
    # are never shown: the look's own words stand in, should that ever change.
    "shared_view": ("what {you} share with them", LOOKED_AT_SHARED),
    "support_grant": ("who {you} share with", "Changed who {you} share with"),
    "cheer": ("{p} cheers", "Sent a cheer"),
    "routine": ("{p} routines", "Changed a routine"),
    "routine_log": ("{p} routines", "Ticked off a routine"),
    "maintenance_plan": ("{p} maintenance plan", "Changed {p} maintenance plan"),
    "calendar_feed": ("{p} calendar feed", "Changed {p} calendar feed settings"),
    "reminder_preference": ("{p} reminder settings", "Changed {p} reminder settings"),
    "return_request": ("{p} request to start therapy again", "Asked to start therapy again"),
    "tracking_pause": ("{p} pauses in tracking", "Paused or resumed tracking"),
    "client_reference": ("{p} practice reference", "Set {p} practice reference"),
    "care_relationship": ("{p} care", "Started or ended {p} care"),
    "goal_list": ("{p} goals", "Wrote in {p} goals"),
    "checkin_list": ("{p} check-ins", "Changed a check-in"),
    "routine_list": ("{p} routines", "Changed a routine"),
    "win_list": ("{p} wins", "Wrote down a win"),
    "revision": ("the history of {p} goals", "Changed a goal"),
    "session_note": ("{p} session notes", "Wrote a session note"),
    "safety_plan": ("{p} safety plan", "Changed {p} safety plan"),
    "safety_plan_history": ("the earlier versions of {p} safety plan", "Changed {p} safety plan"),
    "risk_flag": (
        "a note that {you} might need support",
        "Looked at a note that {you} might need support",
    ),
    "measure_response": ("{p} questionnaire answers", "Changed {p} questionnaire answers"),
    "measure_assignment": ("{p} questionnaires", "Changed {p} questionnaires"),
    "measure_history": ("{p} questionnaire answers", "Changed {p} questionnaire answers"),
    "measure_list": ("{p} questionnaire answers", "Changed {p} questionnaire answers"),
    "progress_report": ("{p} progress report", "Made {p} progress report"),
    "export_zip": ("a copy of {p} record", "Made a copy of {p} record"),
    "export_report_pdf": ("{p} progress report", "Made {p} progress report"),
    "export_zip_download": ("a copy of {p} record", "Downloaded a copy of {p} record"),
    "export_report_pdf_download": ("{p} progress report", "Downloaded {p} progress report"),
    "export_fhir": ("a copy of {p} record", "Made a copy of {p} record"),
    "past_clients": ("the list of past clients", "Changed the list of past clients"),
    "own_space_deleted": ("{p} own space", "Deleted {p} own space"),
    "account_closed": ("{p} account", "Closed {p} account"),
    "record_removed": ("{p} record", "Removed {p} record"),
}
# The kinds of thing the log can be narrowed to ("About" on the admin's page), named as a
# heading would name them; each is told in WORDS or STAFF_PAGES when it is an event.
ABOUT = [
    ("client_record", "The record"),
    ("caseload", "The caseload"),
    ("goal", "Goals"),
    ("goal_comment", "Comments on goals"),
    ("goal_change", "Changes to agreed goals"),
    ("milestone", "Steps"),
    ("barrier", "Obstacles"),
    ("plan", "If-then plans"),
    ("vision", "The vision"),
    ("checkin", "Check-ins"),
    ("win", "Wins"),
    ("journal_entry", "Journal entries"),
    ("session", "Sessions"),
    ("session_note", "Private session notes"),
    ("agenda_item", "The agenda"),
    ("support_grant", "Sharing with supporters"),
    ("shared_view", "What a supporter was shown"),
    ("routine", "Routines"),
    ("maintenance_plan", "The maintenance plan"),
    ("calendar_feed", "The calendar feed"),
    ("reminder_preference", "Reminder settings"),
    ("return_request", "Asking to start therapy again"),
    ("invitation", "Invitations"),
    ("care_relationship", "Care"),
    ("client_reference", "Practice references"),
    ("practice", "The practice details"),
    ("account", "Sign-ins"),
]
FALLBACK = ("{p} record", "Changed {p} record")
# Reads that are better told as what the person did than as "Read ...".
READ_AS: dict[str, str] = {
    "export_zip": "Made a copy of {p} record",
    "export_fhir": "Made a copy of {p} record",
    "export_report_pdf": "Made {p} progress report",
    "export_zip_download": "Downloaded a copy of {p} record",
    "export_report_pdf_download": "Downloaded {p} progress report",
    "progress_report": "Opened {p} progress report",
    "past_clients": "Saw {p} name in their list of past clients",
    "shared_view": LOOKED_AT_SHARED,
}
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
    if event.action == Action.READ and not refused and event.object_type in READ_AS:
        text = READ_AS[event.object_type]
    elif event.action == Action.READ:
        text = f"Tried to open {read} and was refused" if refused else f"Read {read}"
    else:
        text = f"Tried to change {read} and was refused" if refused else write
    return _fill(text, for_client=for_client)


def is_calendar_app(event: AuditEvent) -> bool:
    """The feed is read by whatever calendar app the client gave its address to."""
    return event.object_type == "calendar_feed" and event.action == Action.READ
