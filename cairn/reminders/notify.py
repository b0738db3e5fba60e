"""Creating notifications. Messages are generic unless the person chose details,
and e-mails never carry clinical words: "You have a check-in waiting"."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from cairn.accounts.models import User
from cairn.core.audit import practice_of
from cairn.core.email import email_queue
from cairn.reminders.models import MESSAGE_MAX, Notification, Preference, ReminderSent

UNSUBSCRIBE_SALT = "cairn.reminders.unsubscribe"


def preference_of(user: User) -> Preference:
    preference, _ = Preference.objects.get_or_create(user=user)
    return preference


def notify(
    *, user: User, kind: str, message: str, link: str = "", detail: str = ""
) -> Notification | None:
    preference = preference_of(user)
    if not preference.in_app:
        return None
    text = f"{message}: {detail}" if detail and preference.in_app_details else message
    return Notification.objects.create(user=user, kind=kind, message=text[:MESSAGE_MAX], link=link)


# Each e-mail signs a fresh link (the signature holds the time), so an old link
# found in an archive or a forwarded mail stops working after this long.
UNSUBSCRIBE_DAYS = 60


class UnsubscribeExpired(Exception):
    """The link was signed longer ago than links last; `days` says how long they do."""

    def __init__(self, days: int) -> None:
        super().__init__(days)
        self.days = days


def unsubscribe_token(user: User) -> str:
    return signing.dumps({"user": str(user.pk)}, salt=UNSUBSCRIBE_SALT)


def user_for_unsubscribe(token: str) -> User | None:
    """The person the link is for; None for a link Cairn never signed. Raises
    UnsubscribeExpired for one it signed more than UNSUBSCRIBE_DAYS ago."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=timedelta(days=UNSUBSCRIBE_DAYS))
    except signing.SignatureExpired as expired:
        raise UnsubscribeExpired(UNSUBSCRIBE_DAYS) from expired
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=data.get("user")).first()


def remind_once(
    *, user: User, key: str, kind: str, message: str, link: str, detail: str = ""
) -> bool:
    """Records the reminder, then notifies and e-mails, all in one transaction.
    A reminder already recorded under `key` is never sent again."""
    preference = preference_of(user)
    try:
        with transaction.atomic():
            ReminderSent.objects.create(user=user, key=key)
            notify(user=user, kind=kind, message=message, link=link, detail=detail)
            if preference.by_email:
                site = settings.CAIRN_SITE_URL.rstrip("/")
                unsubscribe = site + reverse(
                    "reminders:unsubscribe", args=[unsubscribe_token(user)]
                )
                email_queue(
                    key=f"reminder:{user.pk}:{key}",
                    practice_id=practice_of(user),
                    subject=f"Cairn: {message}",
                    body=render_to_string(
                        "reminders/email/reminder.txt",
                        {
                            "message": message,
                            "link": site + link,
                            "unsubscribe": unsubscribe,
                            "user": user,
                        },
                    ),
                    to=[user.email],
                    headers={
                        "List-Unsubscribe": f"<{unsubscribe}>",
                        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                    },
                )
    except IntegrityError:
        return False
    return True
