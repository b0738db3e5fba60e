from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "cairn.measures"
    label = "measures"

    def ready(self) -> None:
        from cairn.measures import receivers  # noqa: F401  (connects to care's signal)
