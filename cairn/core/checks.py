"""Deployment checks (`manage.py check --deploy`): keys apart from the data, and a
proxy count that matches a deployment behind TLS. config/wsgi.py runs the errors
among them at start-up and refuses to serve production with them."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured


def _data_folders() -> list[Path]:
    folders = [Path(settings.VAR_DIR).resolve()]
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        folders.append(Path(str(database["NAME"])).resolve().parent)
    return folders


def note_key_messages() -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    path: Path | None = settings.CAIRN_NOTE_KEYS_FILE
    if settings.CAIRN_NOTE_KEYS_GENERATED:
        messages.append(
            Error(
                "CAIRN_NOTE_KEYS is not set, so the keys for private notes were generated "
                f"into {path}, beside the database: every backup of it would hold the "
                "notes and the key that opens them.",
                hint="Set CAIRN_NOTE_KEYS to the keys, or to the path of a file outside "
                "the database's folder and its backups (see README: Configuration).",
                id="cairn.E001",
            )
        )
        return messages
    if path is None:
        return messages
    resolved = path.resolve()
    for folder in _data_folders():
        if resolved.is_relative_to(folder):
            messages.append(
                Error(
                    f"The note keys file {path} is inside {folder}, with the database: "
                    "every backup of it would hold the notes and the key that opens them.",
                    hint="Move the file outside the database's folder and its backups.",
                    id="cairn.E002",
                )
            )
            break
    if resolved.exists() and resolved.stat().st_mode & 0o077:
        messages.append(
            Warning(
                f"The note keys file {path} can be read by other people on this machine "
                f"(mode {resolved.stat().st_mode & 0o777:o}).",
                hint=f"chmod 600 {path}",
                id="cairn.W001",
            )
        )
    return messages


def proxy_messages() -> list[CheckMessage]:
    proxies = settings.CAIRN_TRUSTED_PROXIES
    if proxies < 0:
        return [Error("CAIRN_TRUSTED_PROXIES cannot be negative.", id="cairn.E003")]
    if settings.HTTPS and proxies == 0:
        return [
            Warning(
                "Cairn trusts X-Forwarded-Proto from a TLS proxy, but CAIRN_TRUSTED_PROXIES "
                "is 0: every visitor would seem to come from the proxy's address, in the "
                "audit log and in the sign-in throttle.",
                hint="Set CAIRN_TRUSTED_PROXIES to the number of proxies in front of Cairn "
                "(1 for one Caddy or nginx).",
                id="cairn.W002",
            )
        ]
    if proxies > 3:
        return [
            Warning(
                f"CAIRN_TRUSTED_PROXIES is {proxies}; few deployments have more than two "
                "proxies. Too high a count lets a visitor choose the address Cairn sees.",
                hint="Count the proxies between the internet and Cairn.",
                id="cairn.W003",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_note_keys(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    return note_key_messages()


@register(Tags.security, deploy=True)
def check_proxies(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    return proxy_messages()


def refuse_unsafe_production() -> None:
    """Production (DEBUG off, behind TLS) does not start with the keys beside the
    data; `make run` (plain HTTP, demo keys) does."""
    if settings.DEBUG or not settings.HTTPS or settings.TESTING:
        return
    errors = [m for m in note_key_messages() + proxy_messages() if m.is_serious()]
    if errors:
        raise ImproperlyConfigured(" ".join(f"{m.msg} {m.hint or ''}" for m in errors))
