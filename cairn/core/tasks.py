"""Background work that belongs to no feature: sending mail."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task()
def send_email(
    *, subject: str, body: str, to: list[str], html: str = "", headers: dict[str, str] | None = None
) -> None:
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, headers=headers or {})
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
