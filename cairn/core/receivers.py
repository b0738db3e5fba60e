"""Sign-ins, failed sign-ins and sign-outs go to the audit log."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from cairn.core.audit import Action, audit_record, practice_of


@receiver(user_logged_in)
def audit_sign_in(sender: object, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(actor=user, action=Action.SIGN_IN, object_type="account", object_id=user.pk)


@receiver(user_logged_out)
def audit_sign_out(sender: object, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(actor=user, action=Action.SIGN_OUT, object_type="account", object_id=user.pk)


@receiver(user_login_failed)
def audit_failed_sign_in(sender: object, credentials: dict[str, Any], **kwargs: Any) -> None:
    email = str(credentials.get("email") or credentials.get("username") or "")
    target = get_user_model().objects.filter(email__iexact=email).only("pk").first()
    audit_record(
        actor=None,
        practice_id=practice_of(target),
        action=Action.SIGN_IN_FAILED,
        object_type="account",
        object_id=target.pk if target else "",
        allowed=False,
    )
