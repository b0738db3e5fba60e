"""Reads. Client data (flags, plans) only through `care/access.py`."""

import uuid
from collections.abc import Iterable

from cairn.accounts.models import User
from cairn.care.access import Capability, record_get_for
from cairn.care.audit import audit_client_data, audit_read
from cairn.care.models import Practice
from cairn.care.selectors import practice_get_for
from cairn.core.audit import Action
from cairn.safety.crisis import COUNTRIES, DEFAULT_COUNTRY
from cairn.safety.models import CrisisSettings, ExpectationsSeen, RiskFlag, SafetyPlan


def open_risk_flags_for(client_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, RiskFlag]:
    """The newest unreviewed flag of each client, in one query (for the caseload).
    The caller has already checked that it may see these clients."""
    newest: dict[uuid.UUID, RiskFlag] = {}
    for flag in (
        RiskFlag.objects.open().filter(client_id__in=list(client_ids)).order_by("raised_at")
    ):
        newest[flag.client_id] = flag
    return newest


def risk_flags_of(client: User) -> list[RiskFlag]:
    """Every flag of a client whose record the caller has opened, open ones first."""
    flags = list(RiskFlag.objects.filter(client=client).select_related("reviewed_by"))
    return sorted(flags, key=lambda f: (not f.is_open, -f.raised_at.timestamp()))


def open_risk_flags_of(client: User) -> list[RiskFlag]:
    """The flags of a client whose record the caller has opened that wait for review,
    newest first (every session preparation shows them)."""
    return list(RiskFlag.objects.open().filter(client=client).order_by("-raised_at"))


def risk_flag_get_for(*, user: User, flag_id: uuid.UUID, review: bool = False) -> RiskFlag:
    """A flag, for the client's therapists to read (each one caring for them now is
    told of it) and, to `review` it, for one who treats them. Hidden or unknown: 404;
    the client themselves, or reviewing without treating them: 403."""
    return record_get_for(
        RiskFlag,
        user=user,
        pk=flag_id,
        object_type="risk_flag",
        need=Capability.TREAT if review else Capability.THERAPIST,
        queryset=RiskFlag.objects.select_related("reviewed_by"),
    )


def safety_plan_of(client: User) -> SafetyPlan | None:
    """The newest version of the plan of a client whose record the caller has opened."""
    return SafetyPlan.objects.filter(client=client).select_related("written_by").first()


def safety_plan_read(*, client: User, by: User, audit_none: bool = False) -> SafetyPlan | None:
    """The plan as `safety_plan_of` gives it, the read audited. A page that is the plan
    itself (`audit_none`) records the visit even while there is no plan yet."""
    plan = safety_plan_of(client)
    if plan is not None or audit_none:
        audit_client_data(
            actor=by,
            action=Action.READ,
            object_type="safety_plan",
            object_id=plan.pk if plan else client.pk,
            client=client,
        )
    return plan


def safety_plan_versions(client: User) -> list[SafetyPlan]:
    return list(SafetyPlan.objects.filter(client=client).select_related("written_by"))


def safety_plan_changes(client: User, *, by: User) -> list[tuple[SafetyPlan, list[str]]]:
    """Each version of the plan, newest first, with the steps it changed from the one
    before (for the first, the steps it filled in). `by` reading them is audited, once
    for the whole history."""
    versions = safety_plan_versions(client)
    audit_read(by=by, obj=client, object_type="safety_plan_history", client=client)
    changes = []
    for position, plan in enumerate(versions):
        before = versions[position + 1] if position + 1 < len(versions) else None
        changed = [
            label
            for name, label, text in plan.steps()
            if (before is None and text) or (before is not None and getattr(before, name) != text)
        ]
        changes.append((plan, changed))
    return changes


def crisis_settings_of(practice: Practice | None) -> CrisisSettings:
    """The practice's crisis settings; without a saved row, its country's defaults, at
    version 0 as core.conflicts.locked_or_new makes a record not saved yet (the first
    save makes version 1)."""
    if practice is not None:
        saved = CrisisSettings.objects.filter(practice=practice).first()
        if saved is not None:
            return saved
    country = COUNTRIES[DEFAULT_COUNTRY]
    return CrisisSettings(
        practice=practice,
        country=country.code,
        national_lines=list(country.default_lines),
        version=0,
    )


def crisis_settings_get_for_admin(*, user: User) -> CrisisSettings:
    return crisis_settings_of(practice_get_for(user=user, admin=True))


def has_seen_expectations(user: User) -> bool:
    """The person has read, once, what Cairn can and cannot do in a crisis."""
    return ExpectationsSeen.objects.filter(user=user).exists()
