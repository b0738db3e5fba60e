from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cairn.core"
    label = "core"

    def ready(self) -> None:
        from cairn.core import receivers  # noqa: F401  (connects the sign-in audit)
