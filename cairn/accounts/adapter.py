import uuid
from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from cairn.accounts import throttle
from cairn.accounts.models import User, normal_email
from cairn.core.email import email_queue
from cairn.core.middleware import client_ip


def _login(credentials: dict[str, Any]) -> str:
    return normal_email(str(credentials.get("email") or credentials.get("username") or ""))


@dataclass(frozen=True)
class SiteName:
    """Stands in for django.contrib.sites' Site in allauth's e-mails."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # People join Cairn through an invitation from their practice.
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        # The same address the audit log records, behind CAIRN_TRUSTED_PROXIES proxies.
        return client_ip(request) or "0.0.0.0"  # noqa: S104  (an address, not a bind)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)
        wait = max(
            throttle.seconds_to_wait(throttle.ACCOUNT, _login(credentials)),
            throttle.seconds_to_wait(throttle.ADDRESS, client_ip(request)),
        )
        if wait:
            raise forms.ValidationError(
                f"Too many failed sign-ins. Please wait {throttle.wait_in_words(wait)} and "
                "try again, or reset your password if you have forgotten it.",
                code="too_many_login_attempts",
            )

    def authenticate(self, request: HttpRequest, **credentials: Any) -> AbstractBaseUser | None:
        user = super().authenticate(request, **credentials)
        if user is not None:
            throttle.failures_clear(throttle.ACCOUNT, _login(credentials))
        return user

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        login = _login(credentials)
        throttle.failure_record(throttle.ADDRESS, client_ip(request))
        failures = throttle.failure_record(throttle.ACCOUNT, login)
        if failures == throttle.ACCOUNT.free:
            owner = User.objects.with_email(login).first()
            if owner is not None:
                throttle.owner_tell(user=owner, policy=throttle.ACCOUNT)

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
        email_queue(
            key=f"account:{uuid.uuid4()}",
            subject=message.subject,
            body=str(message.body),
            to=list(message.to),
            html=html,
        )
