from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cairn.core"
    label = "core"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from cairn.core import receivers, startup  # noqa: F401  (the sign-in audit; the start-up check)

        post_migrate.connect(_mark_database_in_use, sender=self)


def _mark_database_in_use(**kwargs: object) -> None:
    """After a real migrate (not a test database), var/ remembers this database."""
    from django.conf import settings

    from cairn.core.startup import database_in_use_mark

    if not settings.TESTING:
        database_in_use_mark()
