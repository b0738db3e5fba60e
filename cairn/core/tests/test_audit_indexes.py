"""The audit table is unmanaged, so its indexes come from a migration of their own."""

from django.db import connection


def test_the_audit_log_is_indexed_by_client_practice_and_actor(db):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "core_auditevent")
    indexed = {tuple(c["columns"]) for c in constraints.values() if c["index"]}
    assert {("client_id", "at"), ("practice_id", "at"), ("actor_id", "at")} <= indexed
