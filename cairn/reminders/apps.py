from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "cairn.reminders"
    label = "reminders"

    def ready(self) -> None:
        from cairn.reminders import receivers  # noqa: F401  (connects to the lower apps' signals)
