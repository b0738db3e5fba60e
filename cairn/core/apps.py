import logging

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cairn.core"
    label = "core"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from cairn.core import (
            checks,  # noqa: F401  (registers the deployment checks)
            receivers,  # noqa: F401  (connects the sign-in audit)
            startup,  # noqa: F401  (the start-up check)
        )
        from cairn.core.masking import ACCESS_LOGGERS, MaskTokens

        # These loggers have handlers of their own (gunicorn's access log, runserver's
        # request lines), so the filter goes on the loggers themselves.
        for name in ACCESS_LOGGERS:
            logger = logging.getLogger(name)
            if not any(isinstance(f, MaskTokens) for f in logger.filters):
                logger.addFilter(MaskTokens())
        post_migrate.connect(_mark_database_in_use, sender=self)


def _mark_database_in_use(**kwargs: object) -> None:
    """After a real migrate (not a test database), var/ remembers this database."""
    from django.conf import settings

    from cairn.core.startup import database_in_use_mark

    if not settings.TESTING:
        database_in_use_mark()
