import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from cairn.core.checks import refuse_unsafe_production  # noqa: E402  (needs the apps loaded)

refuse_unsafe_production()


def _refuse_to_start_on_a_lost_database() -> None:
    """A missing database where var/ shows earlier use, or encrypted notes without
    their key: say what to do, rather than serve an empty Cairn or 500s."""
    from cairn.core.startup import database_problem
    from cairn.sessions.crypto import note_keys_problem

    problem = database_problem() or note_keys_problem()
    if problem:
        raise SystemExit(f"Cairn did not start. {problem}")


_refuse_to_start_on_a_lost_database()
