"""Writing the audit record. Called inside the action's transaction, so it commits or rolls back
with the change it records."""

from typing import Any

from django.db import models

from liaison.core.batching import insert_row

from .models import AuditRecord


def audit_record(
    *, actor: Any, action: str, obj: models.Model, payload: dict[str, Any] | None = None
) -> AuditRecord:
    """Record that ``actor`` (a user, or None for the system) did ``action`` to ``obj`` (at
    the end of the enclosing ``core.batching.rows_batched`` block, if any)."""
    return insert_row(
        AuditRecord(
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            payload=payload or {},
        )
    )
