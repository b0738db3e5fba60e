import uuid
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from cairn.core.email import email_queue


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # People join Cairn through an invitation from their practice.
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Rendered now, sent by the task worker, so a slow mail server never
        # holds up a page.
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = str(content)
        email_queue(
            key=f"account:{uuid.uuid4()}",
            subject=message.subject,
            body=str(message.body),
            to=list(message.to),
            html=html,
        )
