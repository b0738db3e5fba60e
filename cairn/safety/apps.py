from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "cairn.safety"
    label = "safety"

    def ready(self) -> None:
        from cairn.safety import receivers  # noqa: F401  (connects to core.signals.risk_noted)
