"""People's names are plain text: they travel in e-mails to addresses anyone can
type (a supporter invitation), so a name must not carry a link or an address."""

import re

from django.core.exceptions import ValidationError

from cairn.accounts.models import User

# A scheme, "www.", an e-mail address, or a word.word that looks like a domain
# ("example.org", "bit.ly/x"); "Dr. Ana" and "J. R. Smith" stay fine.
_LINK = re.compile(
    r"(?:[a-z][a-z0-9+.-]*:/?/|www\.|@|\b[\w-]+\.(?:[a-z]{2,}|[a-z]{2,}/)\b|[<>\n\r])",
    re.IGNORECASE,
)


def is_plain_name(name: str) -> bool:
    return not _LINK.search(name)


def validate_plain_name(name: str) -> None:
    if not is_plain_name(name):
        raise ValidationError(
            "Please use just your name, without links, web or email addresses.",
            code="not_plain",
        )


def name_for_email(user: User) -> str:
    """The name to put in an e-mail: the person's own when it is plain, else a
    neutral one (names saved before the rule, or an address used as a name)."""
    name = user.name.strip()
    return name if name and is_plain_name(name) else "Someone you know on Cairn"
