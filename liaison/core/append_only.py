"""Database triggers that make a table append-only: the timeline and the audit record are
evidence, so not even a bug or a hand-typed SQL statement in the app's account may rewrite them.

Used from migrations; supports PostgreSQL and SQLite (the two databases Liaison runs on).
"""

from typing import Any


def _statements(vendor: str, table: str) -> tuple[list[str], list[str]]:
    name = f"{table}_append_only"
    if vendor == "postgresql":
        create = [
            f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '{table} is append-only'; END; $$ LANGUAGE plpgsql""",
            f"""CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION {name}()""",
        ]
        drop = [f"DROP TRIGGER IF EXISTS {name} ON {table}", f"DROP FUNCTION IF EXISTS {name}()"]
        return create, drop
    if vendor == "sqlite":
        # SQLite gets the UPDATE guard only: Django's test flush empties tables with DELETE,
        # which a DELETE trigger would abort (PostgreSQL's flush uses TRUNCATE, which does not
        # fire row triggers). SQLite is the embedded single-user default, not production.
        create = [
            f"""CREATE TRIGGER {name}_{op.lower()} BEFORE {op} ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"""
            for op in ("UPDATE",)
        ]
        drop = [f"DROP TRIGGER IF EXISTS {name}_update"]
        return create, drop
    return [], []


def append_only(table: str) -> tuple[Any, Any]:
    """Forward and backward functions for ``migrations.RunPython``."""

    def forward(apps: Any, schema_editor: Any) -> None:
        for sql in _statements(schema_editor.connection.vendor, table)[0]:
            schema_editor.execute(sql)

    def backward(apps: Any, schema_editor: Any) -> None:
        for sql in _statements(schema_editor.connection.vendor, table)[1]:
            schema_editor.execute(sql)

    return forward, backward
