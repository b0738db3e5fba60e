"""Dates as the person lives them: in their own time zone."""

import zoneinfo
from datetime import date, datetime

from django.utils import timezone

from cairn.accounts.models import User


def zone_of(user: User) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def local_today(user: User, now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(zone_of(user)).date()
