import uuid


def parse_uuid(value: str | None) -> uuid.UUID | None:
    """An id from a form or query string, or None when it isn't one."""
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None
