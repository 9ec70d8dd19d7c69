"""Append-only rows written together: one INSERT per table instead of one per row.

An action that writes several rows of a journal (audit records, timeline events) in one
transaction wraps its work in ``rows_batched()``; inside it, ``insert_row`` keeps each row
and the block's end writes them with one ``bulk_create`` per model, in the order they were
added, before the transaction commits. Outside such a block ``insert_row`` saves at once, so
code that calls it need not know whether it runs in one.

Only for rows nothing reads back before the block ends (their ``pk`` is set when they are
written) and whose models have no ``save()`` override or signal that must run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.db import models, transaction

Row = TypeVar("Row", bound=models.Model)

_pending: ContextVar[dict[type[models.Model], list[models.Model]] | None] = ContextVar(
    "liaison_rows_batched", default=None
)


def insert_row(row: Row) -> Row:
    """Insert ``row`` now, or at the end of the enclosing ``rows_batched`` block."""
    pending = _pending.get()
    if pending is None:
        row.save(force_insert=True)
    else:
        pending.setdefault(type(row), []).append(row)
    return row


@contextmanager
def rows_batched() -> Iterator[None]:
    """Collect the rows ``insert_row`` is given inside the block and write them at its end
    (nothing when the block raises: the transaction is rolled back anyway). A block inside
    another joins the outer one. Must run inside a transaction."""
    if _pending.get() is not None:
        yield
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("rows_batched() must run inside a transaction")
    pending: dict[type[models.Model], list[models.Model]] = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for model, rows in pending.items():
        model._default_manager.bulk_create(rows)
