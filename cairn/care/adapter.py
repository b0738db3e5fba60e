from typing import Any

from cairn.accounts.adapter import AccountAdapter
from cairn.care.models import Membership


class PracticeAccountAdapter(AccountAdapter):
    """Sign-in e-mails that also name the person's practice ("Cairn at Harbour Light")."""

    def mail_context(self, email: str, context: dict[str, Any]) -> dict[str, Any]:
        membership = (
            Membership.objects.select_related("practice").filter(user__email__iexact=email).first()
        )
        practice = membership.practice if membership else None
        return {"practice": practice, **super().mail_context(email, context)}
