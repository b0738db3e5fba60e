"""A person's membership and role, and whether they have an authenticator app: the
facts access.py decides from."""

import uuid

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from cairn.accounts.models import User
from cairn.care.models import Membership, Role

STAFF_ROLES = frozenset({Role.ADMIN, Role.THERAPIST})


def membership_of(user: User) -> Membership | None:
    """The person's membership, loaded once per request (cached on the user)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_cairn_membership"):
        if User.membership.is_cached(user):
            # Loaded with the person (select_related("user__membership__practice")).
            user._cairn_membership = getattr(user, "membership", None)  # type: ignore[attr-defined]
        else:
            # One person has one membership: no ORDER BY (as .first() would add) to build.
            rows = list(Membership.objects.select_related("practice").filter(user=user).order_by())
            user._cairn_membership = rows[0] if rows else None  # type: ignore[attr-defined]
    return user._cairn_membership  # type: ignore[attr-defined]


def mfa_enrolled(user: User) -> bool:
    if not hasattr(user, "_cairn_mfa_enrolled"):
        user._cairn_mfa_enrolled = Authenticator.objects.filter(  # type: ignore[attr-defined]
            user=user, type=Authenticator.Type.TOTP
        ).exists()
    return bool(user._cairn_mfa_enrolled)  # type: ignore[attr-defined]


def totp_code_matches(user: User, code: str) -> bool:
    """The code is the current one of the person's authenticator app; False when they
    have none. For a step that asks staff to confirm it is them (a new API token)."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return authenticator is not None and bool(TOTP(authenticator).validate_code(code))


def practice_id_of(user: User) -> uuid.UUID | None:
    membership = membership_of(user)
    return membership.practice_id if membership else None


def reference_of(user: User) -> str:
    """A client's practice reference, or "" (the membership is loaded once per user)."""
    membership = getattr(user, "membership", None) if user.pk else None
    return membership.reference if membership is not None else ""


def name_with_reference(user: User) -> str:
    """How staff tell people of the same name apart: "Ben Adeyemi (C-1042)"."""
    reference = reference_of(user)
    return f"{user.display_name} ({reference})" if reference else user.display_name
