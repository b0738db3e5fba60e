"""What the safety app does when a lower app sees a sign of risk."""

from typing import Any

from django.dispatch import receiver

from cairn.core.signals import risk_noted
from cairn.safety.services import risk_flag_raise


@receiver(risk_noted)
def raise_the_flag(
    sender: object,
    client: Any,
    source: Any,
    reason: str,
    excerpt: str = "",
    therapist_may_read: bool = True,
    **kwargs: Any,
) -> None:
    # Private text is never sent to anyone: the client alone is shown support
    # (by the view, with offer_support), and nothing is kept here.
    if not therapist_may_read:
        return
    risk_flag_raise(client=client, source=source, reason=reason, excerpt=excerpt)
