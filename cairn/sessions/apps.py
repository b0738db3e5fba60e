from django.apps import AppConfig


class SessionsConfig(AppConfig):
    name = "cairn.sessions"
    # "sessions" is Django's own session store.
    label = "therapy_sessions"
    verbose_name = "Therapy sessions"

    def ready(self) -> None:
        from django.core import checks

        from cairn.sessions import receivers  # noqa: F401  (connects to core.signals.backup_restored)
        from cairn.sessions.crypto import note_keys_problem

        @checks.register(checks.Tags.database)
        def check_note_keys(**kwargs: object) -> list[checks.CheckMessage]:
            problem = note_keys_problem()
            return [checks.Critical(problem, id="cairn.E002")] if problem else []
