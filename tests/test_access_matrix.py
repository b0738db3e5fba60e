"""Every URL × every role → the status that role must get.

A new URL pattern without a row here fails `test_every_url_is_in_the_matrix`.
Hidden client data answers 404 (like something that does not exist); a page for a
role the person does not have answers 403; anyone signed out is sent to sign in
(302). GET is checked for every URL; POST too where it changes something.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from cairn.api.services import api_token_create
from cairn.core.heartbeat import heartbeat_record
from cairn.core.models import OutgoingEmail
from cairn.goals.tests.factories import GoalChangeFactory
from cairn.interop.tests.factories import ExportJobFactory
from cairn.measures.tests.factories import MeasureAssignmentFactory
from cairn.reminders.notify import unsubscribe_token
from cairn.safety.tests.factories import RiskFlagFactory
from tests.factories import client_invited, invitation_token
from tests.once import built_once, fixtures_built_once

ROLES = ["anon", "ana", "ben", "cara", "dana", "ed", "fay", "gus"]


def row(anon, ana, ben, cara, dana, ed, fay, gus):
    return dict(zip(ROLES, (anon, ana, ben, cara, dana, ed, fay, gus), strict=True))


def scheduler_ticked(path):
    heartbeat_record("scheduler")  # /healthz is 503 when the scheduler never ran
    return path


def failed_email(f):
    return OutgoingEmail.objects.create(
        key="invitation:lost",
        practice_id=f["ana_and_ben"].practice_id,
        to=["orla@example.test"],
        subject="Cairn: an invitation",
        body="…",
        status=OutgoingEmail.Status.FAILED,
        next_attempt_at=timezone.now(),
    )


def everyone_gets(status):
    return row(*[status] * len(ROLES))


SIGNED_IN = row(302, 200, 200, 200, 200, 200, 200, 200)
SIGNED_OUT_ONLY = row(200, 302, 302, 302, 302, 302, 302, 302)
BENS = row(302, 200, 200, 404, 404, 404, 404, 404)
POST_ONLY = row(302, 405, 405, 405, 405, 405, 405, 405)
BENS_ACTION = row(302, 302, 302, 404, 404, 404, 404, 404)
# Pages a client has for their own record only (check-in, journal): nobody else has one.
OWN_RECORD = row(302, 404, 200, 404, 200, 404, 404, 404)
OWN_RECORD_ACTION = row(302, 404, 302, 404, 302, 404, 404, 404)
# Ben's private journal entry: his alone, whoever else may see his record.
BENS_ALONE = row(302, 404, 200, 404, 404, 404, 404, 404)
THERAPIST_WRITES = row(302, 200, 403, 404, 404, 404, 404, 404)
ANAS_ALONE = row(302, 200, 404, 404, 404, 404, 404, 404)
# What Ben shares with Fay: hers alone to see.
FAYS = row(302, 404, 404, 404, 404, 404, 200, 404)
BENS_ALONE_ACTION = row(302, 404, 302, 404, 404, 404, 404, 404)

# url name: (path builder, expected GET statuses)
MATRIX = {
    "core:healthz": (lambda f: scheduler_ticked("/healthz"), everyone_gets(200)),
    "home:home": (lambda f: "/", SIGNED_IN),
    "care:practice_detail": (lambda f: "/practice/", row(302, 200, 200, 200, 200, 200, 404, 200)),
    "care:practice_edit": (
        lambda f: "/practice/edit/",
        row(302, 403, 403, 403, 403, 200, 403, 403),
    ),
    "care:people": (lambda f: "/practice/people/", row(302, 403, 403, 403, 403, 200, 403, 403)),
    "care:email_retry": (lambda f: f"/practice/email/{failed_email(f).pk}/retry/", POST_ONLY),
    "care:audit_log": (lambda f: "/practice/audit/", row(302, 403, 403, 403, 403, 200, 403, 403)),
    "care:audit_export": (
        lambda f: "/practice/audit/export.csv",
        row(302, 403, 403, 403, 403, 200, 403, 403),
    ),
    "care:client_reference": (
        lambda f: f"/practice/people/{f['ben'].pk}/reference/",
        row(302, 403, 403, 403, 403, 200, 403, 403),
    ),
    # Ana sent Orla's invitation: she and the admin may send it again or withdraw it.
    "care:invitation_resend": (lambda f: f"/invitations/{f['invitation'].pk}/resend/", POST_ONLY),
    "care:invitation_revoke": (lambda f: f"/invitations/{f['invitation'].pk}/revoke/", POST_ONLY),
    "care:invitation_create": (
        lambda f: "/invitations/new/",
        row(302, 200, 403, 200, 403, 200, 403, 200),
    ),
    "care:invitation_accept": (
        lambda f: f"/invitations/{f['token']}/",
        row(200, 409, 409, 409, 409, 409, 409, 409),
    ),
    "home:client_overview": (
        lambda f: f"/clients/{f['ben'].pk}/",
        row(302, 200, 200, 404, 404, 404, 404, 404),
    ),
    "care:care_start": (lambda f: "/care/new/", row(302, 403, 403, 403, 403, 200, 403, 403)),
    "care:care_end": (
        lambda f: f"/care/{f['ana_and_ben'].pk}/end/",
        row(302, 200, 404, 404, 404, 200, 404, 404),
    ),
    "care:record_access_log": (
        lambda f: "/record/who-opened-it/",
        row(302, 403, 200, 403, 200, 403, 403, 403),
    ),
    "home:who_can_see": (
        lambda f: "/record/who-can-see-it/",
        row(302, 403, 200, 403, 200, 403, 403, 403),
    ),
    # Ben's care team: his lead therapist and the practice admin manage it; Cara
    # and Dana can't see Ben (404); Fay and Gus aren't in the practice (404).
    "care:co_therapist_add": (
        lambda f: f"/care/clients/{f['ben'].pk}/co-therapist/",
        row(302, 200, 404, 404, 404, 200, 404, 404),
    ),
    "care:care_transfer": (
        lambda f: f"/care/clients/{f['ben'].pk}/transfer/",
        row(302, 200, 404, 404, 404, 200, 404, 404),
    ),
    "care:past_clients": (lambda f: "/clients/past/", row(302, 200, 403, 200, 403, 403, 403, 200)),
    # Goals: Ben's record is open to Ben and Ana only; everyone else gets 404.
    "goals:goal_list": (lambda f: f"/clients/{f['ben'].pk}/goals/", BENS),
    "goals:goal_create": (lambda f: f"/clients/{f['ben'].pk}/goals/new/", BENS),
    "goals:vision_detail": (lambda f: f"/clients/{f['ben'].pk}/vision/", BENS),
    "goals:vision_version": (lambda f: f"/visions/{f['vision'].pk}/", BENS),
    "goals:goal_detail": (lambda f: f"/goals/{f['goal'].pk}/", BENS),
    "goals:goal_change_agree": (lambda f: f"/goal-changes/{f['goal_change'].pk}/agree/", POST_ONLY),
    "goals:goal_change_withdraw": (
        lambda f: f"/goal-changes/{f['goal_change'].pk}/withdraw/",
        POST_ONLY,
    ),
    "goals:goal_edit": (lambda f: f"/goals/{f['goal'].pk}/edit/", BENS),
    "goals:goal_status": (lambda f: f"/goals/{f['goal'].pk}/status/", BENS),
    "goals:goal_history": (lambda f: f"/goals/{f['goal'].pk}/history/", BENS),
    "goals:barrier_create": (lambda f: f"/goals/{f['goal'].pk}/barriers/new/", BENS),
    "goals:plan_create": (lambda f: f"/goals/{f['goal'].pk}/plans/new/", BENS),
    "goals:milestone_create": (lambda f: f"/goals/{f['goal'].pk}/milestones/new/", BENS),
    "goals:barrier_edit": (lambda f: f"/barriers/{f['barrier'].pk}/edit/", BENS),
    "goals:plan_edit": (lambda f: f"/plans/{f['plan'].pk}/edit/", BENS),
    "goals:milestone_edit": (lambda f: f"/milestones/{f['milestone'].pk}/edit/", BENS),
    # Actions are POST only.
    "goals:goal_agree": (lambda f: f"/goals/{f['goal'].pk}/agree/", POST_ONLY),
    "goals:milestone_complete": (lambda f: f"/milestones/{f['milestone'].pk}/complete/", POST_ONLY),
    "goals:milestone_reopen": (lambda f: f"/milestones/{f['milestone'].pk}/reopen/", POST_ONLY),
    "goals:milestone_move": (lambda f: f"/milestones/{f['milestone'].pk}/move/", POST_ONLY),
    "goals:smart_coach": (lambda f: "/goals/coach/", POST_ONLY),
    # Only a client writes their own vision; for anyone else there is none to edit.
    "goals:vision_edit": (lambda f: "/vision/edit/1/", row(302, 404, 200, 404, 200, 404, 404, 404)),
    "goals:help": (lambda f: "/help/goals/", everyone_gets(200)),
    # Progress.
    "progress:checkin": (lambda f: "/checkin/", OWN_RECORD),
    "progress:win_create": (lambda f: "/wins/new/", OWN_RECORD),
    "progress:tracking_pause": (lambda f: "/tracking/pause/", OWN_RECORD),
    "progress:tracking_resume": (lambda f: "/tracking/resume/", POST_ONLY),
    "progress:checkin_list": (lambda f: f"/clients/{f['ben'].pk}/checkins/", BENS),
    "progress:win_list": (lambda f: f"/clients/{f['ben'].pk}/wins/", BENS),
    "progress:mood": (lambda f: f"/clients/{f['ben'].pk}/mood/", BENS),
    "progress:mood_chart": (lambda f: f"/clients/{f['ben'].pk}/mood.svg", BENS),
    "progress:goal_progress": (lambda f: f"/goals/{f['goal'].pk}/progress/", BENS),
    "progress:goal_chart": (lambda f: f"/goals/{f['goal'].pk}/chart.svg", BENS),
    "progress:measure_chart": (lambda f: f"/goals/{f['goal'].pk}/measure.svg", BENS),
    # Only the therapist sets a progress status by hand.
    "progress:achievement_override": (
        lambda f: f"/goals/{f['goal'].pk}/achievement/",
        row(302, 200, 403, 404, 404, 404, 404, 404),
    ),
    # Journal: the matrix uses Ben's private entry; shared ones are tested in the journal app.
    "journal:entry_list": (lambda f: "/journal/", OWN_RECORD),
    "journal:entry_create": (lambda f: "/journal/new/", OWN_RECORD),
    "journal:entry_detail": (lambda f: f"/journal/{f['private_entry'].pk}/", BENS_ALONE),
    "journal:entry_edit": (lambda f: f"/journal/{f['private_entry'].pk}/edit/", BENS_ALONE),
    "journal:entry_delete": (lambda f: f"/journal/{f['private_entry'].pk}/delete/", BENS_ALONE),
    "journal:entry_share": (lambda f: f"/journal/{f['private_entry'].pk}/share/", POST_ONLY),
    "journal:entry_restore": (lambda f: f"/journal/{f['private_entry'].pk}/restore/", POST_ONLY),
    # What Ben shared with Ana; Ben himself is sent to his own journal.
    "journal:shared_list": (
        lambda f: f"/clients/{f['ben'].pk}/journal/",
        row(302, 200, 302, 404, 404, 404, 404, 404),
    ),
    "accounts:profile": (lambda f: "/accounts/profile/", SIGNED_IN),
    # Personal access tokens: clients and therapists have an API; nobody else does.
    "tokens:token_list": (
        lambda f: "/accounts/tokens/",
        row(302, 200, 200, 200, 200, 403, 403, 200),
    ),
    "tokens:token_revoke": (lambda f: f"/accounts/tokens/{f['api_token'].pk}/revoke/", POST_ONLY),
    "accounts:keep_alive": (
        lambda f: "/accounts/keep-alive/",
        row(302, 204, 204, 204, 204, 204, 204, 204),
    ),
    "goals:comment_create": (lambda f: f"/goals/{f['goal'].pk}/comments/", POST_ONLY),
    # Sessions: the therapist logs and writes; the client reads summaries only.
    "sessions:session_list": (lambda f: f"/clients/{f['ben'].pk}/sessions/", BENS),
    "sessions:session_create": (
        lambda f: f"/clients/{f['ben'].pk}/sessions/new/",
        THERAPIST_WRITES,
    ),
    "sessions:agenda_list": (lambda f: f"/clients/{f['ben'].pk}/agenda/", BENS),
    "sessions:session_detail": (lambda f: f"/sessions/{f['session'].pk}/", BENS),
    "sessions:session_prep": (lambda f: f"/sessions/{f['session'].pk}/prep/", THERAPIST_WRITES),
    "sessions:session_prep_chart": (
        lambda f: f"/sessions/{f['session'].pk}/prep/goals/{f['goal'].pk}/chart.svg",
        THERAPIST_WRITES,
    ),
    "sessions:session_edit": (lambda f: f"/sessions/{f['session'].pk}/edit/", THERAPIST_WRITES),
    "sessions:session_addendum": (
        lambda f: f"/sessions/{f['session'].pk}/addendum/",
        POST_ONLY,
    ),
    "sessions:session_summary": (
        lambda f: f"/sessions/{f['session'].pk}/summary/",
        THERAPIST_WRITES,
    ),
    # Private notes: for anyone but a therapist of the client, they do not exist.
    "sessions:session_note": (lambda f: f"/sessions/{f['session'].pk}/note/", ANAS_ALONE),
    "sessions:agenda_create": (lambda f: "/agenda/new/", OWN_RECORD),
    "sessions:agenda_discussed": (lambda f: f"/agenda/{f['agenda_item'].pk}/discussed/", POST_ONLY),
    # Sharing: Fay sees what Ben shared with her, and nothing else anywhere.
    "sharing:shared_view": (lambda f: f"/shared/{f['grant'].pk}/", FAYS),
    "sharing:shared_goal_chart": (
        lambda f: f"/shared/{f['grant'].pk}/goals/{f['goal'].pk}/chart.svg",
        FAYS,
    ),
    "sharing:cheer_create": (lambda f: f"/shared/{f['grant'].pk}/cheer/", POST_ONLY),
    # Only the address it was sent to may accept: here a new account, signed out.
    "sharing:invite_accept": (
        lambda f: f"/support/{f['support_token']}/",
        row(200, 403, 403, 403, 403, 403, 403, 403),
    ),
    "sharing:grant_list": (lambda f: "/sharing/", OWN_RECORD),
    "sharing:invite_create": (lambda f: "/sharing/invite/", OWN_RECORD),
    "sharing:win_share": (lambda f: f"/sharing/share-win/?win={f['win'].pk}", BENS_ALONE),
    "sharing:grant_edit": (lambda f: f"/sharing/{f['grant'].pk}/edit/", BENS_ALONE),
    "sharing:grant_revoke": (lambda f: f"/sharing/{f['grant'].pk}/revoke/", POST_ONLY),
    "sharing:cheer_hide": (lambda f: f"/cheers/{f['cheer'].pk}/hide/", POST_ONLY),
    # Routines and the maintenance plan: part of Ben's record.
    "routines:routine_list": (lambda f: f"/clients/{f['ben'].pk}/routines/", BENS),
    "routines:routine_create": (lambda f: f"/clients/{f['ben'].pk}/routines/new/", BENS),
    "routines:maintenance_plan": (lambda f: f"/clients/{f['ben'].pk}/maintenance/", BENS),
    "routines:maintenance_edit": (lambda f: f"/clients/{f['ben'].pk}/maintenance/edit/", BENS),
    "routines:routine_log": (lambda f: f"/routines/{f['routine'].pk}/log/", POST_ONLY),
    "routines:routine_pause": (lambda f: f"/routines/{f['routine'].pk}/pause/", POST_ONLY),
    "routines:after_therapy": (lambda f: "/after-therapy/", OWN_RECORD),
    "routines:routine_remove": (lambda f: f"/routines/{f['routine'].pk}/remove/", POST_ONLY),
    "reminders:ask_to_return": (lambda f: "/after-therapy/return/", POST_ONLY),
    # Measures: part of Ben's record; only a therapist assigns, only Ben answers.
    "measures:measure_list": (lambda f: f"/clients/{f['ben'].pk}/measures/", BENS),
    "measures:measure_chart": (lambda f: f"/clients/{f['ben'].pk}/measures/phq9.svg", BENS),
    "measures:assignment_create": (
        lambda f: f"/clients/{f['ben'].pk}/measures/assign/",
        THERAPIST_WRITES,
    ),
    "measures:assignment_end": (
        lambda f: f"/measure-assignments/{f['measure_assignment'].pk}/end/",
        POST_ONLY,
    ),
    "measures:response_create": (lambda f: "/measures/phq9/", OWN_RECORD),
    "measures:response_detail": (
        lambda f: f"/measure-responses/{f['measure_response'].pk}/",
        BENS,
    ),
    # Reminders: everyone signed in has their own.
    "reminders:preferences": (lambda f: "/preferences/", SIGNED_IN),
    "reminders:notification_list": (lambda f: "/notifications/", SIGNED_IN),
    "reminders:notifications_read": (lambda f: "/notifications/read/", POST_ONLY),
    # The unsubscribe link needs no sign-in: its signed token is the key.
    "reminders:unsubscribe": (
        lambda f: f"/unsubscribe/{f['unsubscribe_token']}/",
        everyone_gets(200),
    ),
    # The calendar feed likewise; the settings page is the client's own.
    "interop:calendar_feed": (
        lambda f: f"/calendar/{f['calendar_feed'].token}.ics",
        everyone_gets(200),
    ),
    "interop:calendar_settings": (
        lambda f: "/calendar/",
        row(302, 200, 200, 200, 200, 404, 404, 200),
    ),
    # The progress report: whoever may read Ben's record; the PDF is prepared by the worker.
    "interop:report": (lambda f: f"/clients/{f['ben'].pk}/report/", BENS),
    "interop:report_pdf": (lambda f: f"/clients/{f['ben'].pk}/report/pdf/", POST_ONLY),
    # Downloads: the client's own; a prepared file is for the person who asked alone.
    "interop:export_everything": (lambda f: "/record/download/", POST_ONLY),
    "interop:export_status": (lambda f: f"/exports/{f['export_job'].pk}/", BENS_ALONE),
    "interop:export_download": (lambda f: f"/exports/{f['export_job'].pk}/download/", BENS_ALONE),
    # Deleting one's own space and closing the account: a client's own, nobody else has one.
    "interop:space_delete": (lambda f: "/record/delete-my-space/", OWN_RECORD),
    "interop:account_close": (lambda f: "/record/close/", OWN_RECORD),
    "interop:records_admin": (
        lambda f: "/practice/records/",
        row(302, 403, 403, 403, 403, 200, 403, 403),
    ),
    # Safety: the plan is Ben's record (never a supporter's); reviewing a flag is the
    # treating therapist's part; crisis settings are the admin's.
    "safety:plan_detail": (lambda f: f"/clients/{f['ben'].pk}/safety-plan/", BENS),
    "safety:plan_edit": (lambda f: f"/clients/{f['ben'].pk}/safety-plan/edit/", BENS),
    "safety:plan_history": (lambda f: f"/clients/{f['ben'].pk}/safety-plan/history/", BENS),
    "safety:flag_review": (lambda f: f"/risk-flags/{f['risk_flag'].pk}/", THERAPIST_WRITES),
    "safety:crisis_settings": (
        lambda f: "/practice/crisis/",
        row(302, 403, 403, 403, 403, 200, 403, 403),
    ),
    "safety:support_dismiss": (lambda f: "/safe-for-now/", POST_ONLY),
    "safety:expectations_seen": (lambda f: "/welcome/understood/", POST_ONLY),
    # Accounts (django-allauth). Sign-in pages send signed-in people home.
    "account_login": (lambda f: "/accounts/login/", SIGNED_OUT_ONLY),
    "account_logout": (lambda f: "/accounts/logout/", row(302, 200, 200, 200, 200, 200, 200, 200)),
    "account_inactive": (lambda f: "/accounts/inactive/", everyone_gets(200)),
    # Nobody signs up on their own: the page says so.
    "account_signup": (lambda f: "/accounts/signup/", SIGNED_OUT_ONLY),
    "account_reauthenticate": (lambda f: "/accounts/reauthenticate/", SIGNED_IN),
    "account_request_reauthentication_code": (
        lambda f: "/accounts/reauthenticate/code/",
        SIGNED_IN,
    ),
    # Without a code having been sent, these send people back to start.
    "account_confirm_reauthentication_code": (
        lambda f: "/accounts/reauthenticate/code/confirm/",
        everyone_gets(302),
    ),
    "account_email": (lambda f: "/accounts/email/", SIGNED_IN),
    "account_email_verification_sent": (lambda f: "/accounts/confirm-email/", everyone_gets(200)),
    "account_change_password": (lambda f: "/accounts/password/change/", SIGNED_IN),
    "account_set_password": (
        lambda f: "/accounts/password/set/",
        row(302, 302, 302, 302, 302, 302, 302, 302),
    ),
    "account_reset_password": (lambda f: "/accounts/password/reset/", everyone_gets(200)),
    "account_confirm_login_code": (lambda f: "/accounts/login/code/confirm/", everyone_gets(302)),
    "account_confirm_email": (
        lambda f: "/accounts/confirm-email/not-a-real-key/",
        everyone_gets(200),
    ),
    "account_reset_password_from_key_done": (
        lambda f: "/accounts/password/reset/key/done/",
        everyone_gets(200),
    ),
    "account_reset_password_from_key": (
        lambda f: "/accounts/password/reset/key/1-not-a-key/",
        everyone_gets(200),
    ),
    "account_reset_password_done": (lambda f: "/accounts/password/reset/done/", everyone_gets(200)),
    "usersessions_list": (lambda f: "/accounts/sessions/", SIGNED_IN),
    "mfa_index": (lambda f: "/accounts/2fa/", SIGNED_IN),
    "mfa_authenticate": (lambda f: "/accounts/2fa/authenticate/", everyone_gets(302)),
    "mfa_reauthenticate": (
        lambda f: "/accounts/2fa/reauthenticate/",
        row(302, 200, 302, 200, 302, 200, 302, 200),
    ),
    "mfa_activate_totp": (
        lambda f: "/accounts/2fa/totp/activate/",
        row(302, 302, 302, 302, 302, 302, 302, 302),
    ),
    "mfa_deactivate_totp": (
        lambda f: "/accounts/2fa/totp/deactivate/",
        row(302, 302, 404, 302, 404, 302, 404, 302),
    ),
    # The named people have no recovery codes yet: there is nothing to show.
    "mfa_view_recovery_codes": (
        lambda f: "/accounts/2fa/recovery-codes/",
        row(302, 404, 404, 404, 404, 404, 404, 404),
    ),
    "mfa_generate_recovery_codes": (
        lambda f: "/accounts/2fa/recovery-codes/generate/",
        row(302, 302, 302, 302, 302, 302, 302, 302),
    ),
    "mfa_download_recovery_codes": (
        lambda f: "/accounts/2fa/recovery-codes/download/",
        row(302, 404, 404, 404, 404, 404, 404, 404),
    ),
}

# Writes: POSTs with an empty body must never change anything for the wrong person.
POST_MATRIX = {
    "care:practice_edit": row(302, 403, 403, 403, 403, 200, 403, 403),
    "care:invitation_create": row(302, 200, 403, 200, 403, 200, 403, 200),
    "care:care_start": row(302, 403, 403, 403, 403, 200, 403, 403),
    "care:care_end": row(302, 200, 404, 404, 404, 200, 404, 404),
    "care:email_retry": row(302, 403, 403, 403, 403, 302, 403, 403),
    # An empty reference asks for a generated one.
    "care:client_reference": row(302, 403, 403, 403, 403, 302, 403, 403),
    "care:invitation_resend": row(302, 302, 404, 404, 404, 302, 404, 404),
    "care:invitation_revoke": row(302, 302, 404, 404, 404, 302, 404, 404),
    "goals:goal_create": BENS,
    "goals:goal_edit": BENS,
    "goals:goal_status": BENS,
    "goals:barrier_create": BENS,
    "goals:plan_create": BENS,
    "goals:milestone_create": BENS,
    "goals:barrier_edit": BENS,
    "goals:plan_edit": BENS,
    "goals:milestone_edit": BENS,
    "goals:goal_agree": BENS_ACTION,
    # Ana's change to Ben's goal: either side is sent back to the goal (the proposer
    # cannot agree to their own change, and only the proposer withdraws it).
    "goals:goal_change_agree": BENS_ACTION,
    "goals:goal_change_withdraw": BENS_ACTION,
    "goals:milestone_complete": BENS_ACTION,
    "goals:milestone_reopen": BENS_ACTION,
    "goals:milestone_move": BENS_ACTION,
    # The coach reads only the text it is sent and stores nothing.
    "goals:smart_coach": row(302, 200, 200, 200, 200, 200, 200, 200),
    "progress:checkin": OWN_RECORD,
    "progress:win_create": OWN_RECORD,
    "progress:tracking_pause": OWN_RECORD,
    "progress:tracking_resume": OWN_RECORD_ACTION,
    "progress:achievement_override": row(302, 200, 403, 404, 404, 404, 404, 404),
    "journal:entry_create": OWN_RECORD,
    "journal:entry_edit": BENS_ALONE,
    "journal:entry_share": row(302, 404, 302, 404, 404, 404, 404, 404),
    "journal:entry_restore": row(302, 404, 302, 404, 404, 404, 404, 404),
    # Deleting answers with the page that offers to undo it.
    "journal:entry_delete": BENS_ALONE,
    # An empty comment: the goal page comes back with the message.
    "goals:comment_create": BENS,
    "sessions:session_create": THERAPIST_WRITES,
    "sessions:session_summary": THERAPIST_WRITES,
    "sessions:session_edit": THERAPIST_WRITES,
    # An empty addendum comes back with its message (the summary isn't signed either).
    "sessions:session_addendum": row(302, 400, 403, 404, 404, 404, 404, 404),
    "care:co_therapist_add": row(302, 200, 404, 404, 404, 200, 404, 404),
    "care:care_transfer": row(302, 200, 404, 404, 404, 200, 404, 404),
    # An empty note is still a note: it is saved and Ana goes back to the session.
    "sessions:session_note": row(302, 302, 404, 404, 404, 404, 404, 404),
    "sessions:agenda_create": OWN_RECORD,
    "sessions:agenda_discussed": row(302, 302, 403, 404, 404, 404, 404, 404),
    "sharing:cheer_create": row(302, 404, 404, 404, 404, 404, 302, 404),
    # An empty form comes back with its messages; no signed-in person here is Hal.
    "sharing:invite_accept": row(200, 403, 403, 403, 403, 403, 403, 403),
    "sharing:invite_create": OWN_RECORD,
    # An empty form names no win: there is nothing to share.
    "sharing:win_share": row(302, 404, 404, 404, 404, 404, 404, 404),
    "sharing:grant_edit": BENS_ALONE,
    "sharing:grant_revoke": BENS_ALONE_ACTION,
    "sharing:cheer_hide": BENS_ALONE_ACTION,
    "routines:routine_create": BENS,
    # Every part of the plan is optional: an empty form saves an empty plan.
    "routines:maintenance_edit": BENS_ACTION,
    # Only the client marks their own days; the therapist may pause with them.
    "routines:routine_log": row(302, 403, 302, 404, 404, 404, 404, 404),
    "routines:routine_pause": BENS_ACTION,
    "routines:routine_remove": BENS_ACTION,
    "reminders:ask_to_return": OWN_RECORD_ACTION,
    # An empty form comes back with its messages.
    "measures:assignment_create": THERAPIST_WRITES,
    "measures:assignment_end": row(302, 302, 403, 404, 404, 404, 404, 404),
    "measures:response_create": OWN_RECORD,
    "reminders:preferences": SIGNED_IN,
    "reminders:notifications_read": row(302, 302, 302, 302, 302, 302, 302, 302),
    "reminders:unsubscribe": everyone_gets(200),
    # Clients and therapists each have their own calendar address.
    "interop:calendar_settings": row(302, 302, 302, 302, 302, 404, 404, 302),
    # An empty form comes back with its messages.
    "tokens:token_list": row(302, 200, 200, 200, 200, 403, 403, 200),
    "tokens:token_revoke": BENS_ALONE_ACTION,
    # An empty form comes back with its messages.
    "interop:report_pdf": BENS,
    "interop:export_everything": OWN_RECORD_ACTION,
    # Without the tick nothing is deleted: the form comes back.
    "interop:space_delete": OWN_RECORD,
    "interop:account_close": OWN_RECORD,
    "interop:records_admin": row(302, 403, 403, 403, 403, 200, 403, 403),
    # An empty plan form lacks the version it was based on: it comes back.
    "safety:plan_edit": BENS,
    "safety:flag_review": THERAPIST_WRITES,
    "safety:crisis_settings": row(302, 403, 403, 403, 403, 200, 403, 403),
    "safety:support_dismiss": row(302, 302, 302, 302, 302, 302, 302, 302),
    "safety:expectations_seen": row(302, 302, 302, 302, 302, 302, 302, 302),
    # Step 1's answer may be blank: the client moves on to step 2.
    "goals:vision_edit": row(302, 404, 302, 404, 302, 404, 404, 404),
}


def url_names() -> set[str]:
    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                yield ":".join(filter(None, [namespace, pattern.name]))

    return set(walk(get_resolver().url_patterns, ""))


# The JSON API (`api:` names) answers tokens, not sessions: its own matrix, every
# endpoint × every role by token, is cairn/api/tests/test_api_matrix.py.
API_NAMESPACE = "api:"


def test_every_url_is_in_the_matrix():
    missing = {n for n in url_names() if not n.startswith(API_NAMESPACE)} - set(MATRIX)
    assert not missing, f"Add these URLs to the access matrix: {sorted(missing)}"
    assert not set(MATRIX) - url_names(), "The matrix names URLs that no longer exist"


@pytest.fixture
def people(
    everyone,
    ana_and_ben,
    practice,
    goal,
    barrier,
    plan,
    milestone,
    vision,
    private_entry,
    therapy_session,
    agenda_item,
    fays_grant,
    bens_win,
    cheer,
    pending_invitation,
    routine,
    calendar_feed,
    measure_assignment,
    measure_response,
):
    invitation = client_invited(everyone["ana"])
    return everyone | {
        "invitation": invitation,
        "goal_change": GoalChangeFactory(
            goal=goal,
            proposed_by=everyone["ana"],
            changes={"title": [goal.title, "Walk twice a week"]},
            reason="life_changed",
        ),
        "ana_and_ben": ana_and_ben,
        "token": invitation_token(),
        "goal": goal,
        "barrier": barrier,
        "plan": plan,
        "milestone": milestone,
        "vision": vision,
        "private_entry": private_entry,
        "session": therapy_session,
        "agenda_item": agenda_item,
        "grant": fays_grant,
        "win": bens_win,
        "cheer": cheer,
        "support_token": pending_invitation,
        "routine": routine,
        "calendar_feed": calendar_feed,
        "measure_assignment": measure_assignment,
        "measure_response": measure_response,
        # Cara asked Dana for one too: each client reaches the questionnaire asked of them.
        "danas_measure_assignment": MeasureAssignmentFactory(
            client=everyone["dana"], assigned_by=everyone["cara"]
        ),
        "unsubscribe_token": unsubscribe_token(everyone["ben"]),
        "export_job": _bens_export_job(everyone["ben"]),
        "api_token": api_token_create(user=everyone["ben"], name="Phone", scope="read", days=30)[0],
        "risk_flag": _bens_risk_flag(everyone["ben"]),
    }


def _bens_export_job(ben):
    """A ZIP Ben asked for, ready to download (each GET of the download takes it once)."""
    return ExportJobFactory(
        client=ben,
        status="done",
        content=b"PK",
        filename="cairn-record.zip",
        ready_at=timezone.now(),
        expires_at=timezone.now() + timedelta(hours=24),
    )


def _bens_risk_flag(ben):
    return RiskFlagFactory(client=ben, source_id="0", reason="The lowest mood on a check-in")


# The people and their records are read-only for every case, so they are built once
# per module (and per test worker) inside a transaction that is rolled back at the
# end; each case runs in its own savepoint, so what a POST changes is undone.
# `people` above stays the recipe: add a fixture to its arguments as usual.


@pytest.fixture(scope="module")
def people_once(request, django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        people = fixtures_built_once(request, "people")
        # One signed-in session per role, made once too: each case only sends its cookie.
        sessions = {}
        for role in ROLES[1:]:
            browser = Client()
            browser.force_login(people[role])
            sessions[role] = browser.cookies[settings.SESSION_COOKIE_NAME].value
        yield people, sessions


def sign_in_as(client, people_once, role):
    if role != "anon":
        client.cookies[settings.SESSION_COOKIE_NAME] = people_once[1][role]


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_get(db, client, people_once, name, role):
    build, expected = MATRIX[name]
    sign_in_as(client, people_once, role)
    response = client.get(build(people_once[0]))
    assert response.status_code == expected[role], f"{role} GET {name}"


@pytest.mark.parametrize("name", sorted(POST_MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_post(db, client, people_once, name, role):
    build, _ = MATRIX[name]
    sign_in_as(client, people_once, role)
    response = client.post(build(people_once[0]), {})
    # An empty form is invalid: 200 means the form came back with its messages.
    assert response.status_code == POST_MATRIX[name][role], f"{role} POST {name}"
