from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "cairn.progress"
    label = "progress"

    def ready(self) -> None:
        from cairn.progress import receivers  # noqa: F401  (connects to the goals app's signals)
