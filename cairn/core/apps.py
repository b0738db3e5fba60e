import logging

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cairn.core"
    label = "core"

    def ready(self) -> None:
        from cairn.core import (
            checks,  # noqa: F401  (registers the deployment checks)
            receivers,  # noqa: F401  (connects the sign-in audit)
        )
        from cairn.core.masking import ACCESS_LOGGERS, MaskTokens

        # These loggers have handlers of their own (gunicorn's access log, runserver's
        # request lines), so the filter goes on the loggers themselves.
        for name in ACCESS_LOGGERS:
            logger = logging.getLogger(name)
            if not any(isinstance(f, MaskTokens) for f in logger.filters):
                logger.addFilter(MaskTokens())
