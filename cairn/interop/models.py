import secrets

from django.conf import settings
from django.db import models

from cairn.core.models import BaseModel


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(BaseModel):
    """A client's private calendar address. The token is the only key: resetting
    it makes every old address stop working at once."""

    client = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    show_titles = models.BooleanField("show my own titles for steps and routines", default=False)

    def __str__(self) -> str:
        return "Calendar feed"
