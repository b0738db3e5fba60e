"""When background processes last did their round, for /healthz."""

from datetime import datetime

from django.utils import timezone

from cairn.core.models import Heartbeat


def heartbeat_record(name: str, at: datetime | None = None) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"at": at or timezone.now()})


def heartbeat_at(name: str) -> datetime | None:
    return Heartbeat.objects.filter(name=name).values_list("at", flat=True).first()
