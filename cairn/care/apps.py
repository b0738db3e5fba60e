from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "cairn.care"
    label = "care"

    def ready(self) -> None:
        from cairn.care.roles import practice_id_of
        from cairn.core import audit

        audit.practice_lookup = practice_id_of
