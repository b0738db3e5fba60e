from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from cairn.core.tasks import send_email


@dataclass(frozen=True)
class SiteName:
    """Stands in for django.contrib.sites' Site in allauth's e-mails."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # People join Cairn through an invitation from their practice.
        return False

    def mail_context(self, email: str, context: dict[str, Any]) -> dict[str, Any]:
        """What every e-mail may say: Cairn's name and address (never "Hello from !")."""
        request = context.get("request")
        domain = request.get_host() if request is not None else ""
        return {"email": email, "current_site": SiteName(name="Cairn", domain=domain), **context}

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Rendered now, sent by the task worker, so a slow mail server never
        # holds up a page.
        message = self.render_mail(template_prefix, email, self.mail_context(email, context))
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = str(content)
        send_email.enqueue(
            subject=message.subject, body=str(message.body), to=list(message.to), html=html
        )
