"""Writes: raising and reviewing risk flags, saving safety plans and crisis settings.
Each in one transaction and audited. Audit events carry ids, never the words."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.audit import audit_client_data, audit_practice_write, audit_write
from cairn.care.care_team import care_now_of
from cairn.care.models import Practice
from cairn.core.audit import Action
from cairn.core.conflicts import ConflictError, locked, locked_or_new, save_next_version
from cairn.core.email import email_queue
from cairn.core.risk import source_kind
from cairn.safety.models import (
    EXCERPT_MAX,
    FLAG_REASON_MAX,
    CrisisSettings,
    ExpectationsSeen,
    RiskFlag,
    SafetyPlan,
)
from cairn.safety.signals import risk_flag_raised

# What the e-mail says, whatever was written: no name, no words, nothing clinical.
EMAIL_SUBJECT = "Cairn: please sign in"


@transaction.atomic
def risk_flag_raise(
    *, client: User, source: Any, reason: str, excerpt: str, by: User | None = None
) -> RiskFlag:
    """Raises a flag for the treating therapists and tells them at once, in Cairn and
    by e-mail (not held back by quiet hours: those are for reminders). Saving the
    same thing again while its flag is open updates that flag and tells nobody twice."""
    kind, source_id = source_kind(source), str(source.pk)
    flag = (
        RiskFlag.objects.open()
        .select_for_update()
        .filter(client=client, source_kind=kind, source_id=source_id)
        .first()
    )
    if flag is not None:
        flag.reason, flag.excerpt = reason[:FLAG_REASON_MAX], excerpt[:EXCERPT_MAX]
        flag.save(update_fields=["reason", "excerpt", "updated_at"])
    else:
        flag = RiskFlag.objects.create(
            client=client,
            source_kind=kind,
            source_id=source_id,
            reason=reason[:FLAG_REASON_MAX],
            excerpt=excerpt[:EXCERPT_MAX],
            raised_at=timezone.now(),
        )
        _tell_the_therapists(flag)
    audit_client_data(
        actor=by or client,
        action=Action.WRITE,
        object_type="risk_flag",
        object_id=flag.pk,
        client=client,
    )
    return flag


def _tell_the_therapists(flag: RiskFlag) -> None:
    # In Cairn: the reminders app puts it in each treating therapist's bell.
    risk_flag_raised.send(sender=RiskFlag, flag=flag)
    site = settings.CAIRN_SITE_URL.rstrip("/")
    for relationship in care_now_of(flag.client_id):
        therapist = relationship.therapist
        email_queue(
            key=f"risk:{flag.pk}:{therapist.pk}",
            practice_id=relationship.practice_id,
            subject=EMAIL_SUBJECT,
            body=render_to_string("safety/email/risk.txt", {"user": therapist, "link": site + "/"}),
            to=[therapist.email],
        )


@transaction.atomic
def risk_flag_review(*, flag: RiskFlag, by: User, action: str, note: str) -> RiskFlag:
    """Records what the therapist did. A flag is reviewed once; a second review of the
    same flag (two tabs, a double submit) is refused."""
    current = locked(RiskFlag, flag.pk, None)
    if not current.is_open:
        raise ConflictError(current)
    current.reviewed_by, current.reviewed_at = by, timezone.now()
    current.action, current.note = action, note
    current.save(update_fields=["reviewed_by", "reviewed_at", "action", "note", "updated_at"])
    audit_write(by=by, obj=current, object_type="risk_flag")
    return current


@transaction.atomic
def safety_plan_save(*, client: User, by: User, data: dict[str, str], based_on: int) -> SafetyPlan:
    """Adds a version of the plan. `based_on` is the version the form showed (0 for
    none); if someone saved another since, nothing is saved (ConflictError)."""
    # Lock the client's row so two first saves cannot both become version 1.
    User.objects.select_for_update().filter(pk=client.pk).first()
    current = SafetyPlan.objects.filter(client=client).first()
    current_number = current.number if current else 0
    if based_on != current_number:
        raise ConflictError(current)
    plan = SafetyPlan.objects.create(
        client=client,
        number=current_number + 1,
        written_by=by,
        **{name: data.get(name, "").strip() for name in SafetyPlan.STEPS},
    )
    audit_write(by=by, obj=plan, object_type="safety_plan", client=client)
    return plan


@transaction.atomic
def crisis_settings_save(
    *, practice: Practice, by: User, data: dict[str, Any], version: int
) -> CrisisSettings:
    saved = locked_or_new(
        CrisisSettings.objects.filter(practice=practice), version, practice=practice
    )
    saved.country = data["country"]
    saved.phone = data.get("phone", "")
    saved.hours = data.get("hours", "")
    saved.urgent_help = data.get("urgent_help", "")
    saved.national_lines = list(data.get("national_lines", []))
    save_next_version(saved)
    audit_practice_write(by=by, obj=saved, object_type="crisis_settings")
    return saved


def expectations_seen(*, user: User) -> None:
    """The person has read what Cairn can and cannot do in a crisis."""
    ExpectationsSeen.objects.get_or_create(user=user)
