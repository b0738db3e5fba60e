"""The database session store, whose routine saves join the request's one commit."""

import contextlib

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError

from cairn.core import one_commit


class SessionStore(db.SessionStore):
    def save(self, must_create: bool = False) -> None:
        # A new session (sign-in) is saved at once: its key must exist before the
        # cookie is set. A change to an existing one waits for the request's commit.
        if must_create or self.session_key is None:
            super().save(must_create=must_create)
            return
        if not one_commit.defer(self._save_deferred):
            super().save()

    def _save_deferred(self) -> None:
        # Signed out in another tab meanwhile: nothing is left to refresh.
        with contextlib.suppress(UpdateError):
            super().save()
