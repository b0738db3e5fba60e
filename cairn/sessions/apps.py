from django.apps import AppConfig


class SessionsConfig(AppConfig):
    name = "cairn.sessions"
    # "sessions" is Django's own session store.
    label = "therapy_sessions"
    verbose_name = "Therapy sessions"
