"""One durable transaction per action, with the files it stores.

A database transaction that rolls back takes its rows with it, but not the files written to the
storage while it ran: an uploaded photo whose row was never committed would stay in the store
with nothing pointing at it (and a reporter's photo is personal data). Every action that changes
state is therefore ``@durable``: ``transaction.atomic(durable=True)``, and around it a watch on
the files stored inside (``file_stored``, called by ``attachments.actions`` for every file it
writes), which removes them again when the transaction does not commit — whichever mechanism's
step stored them, through whichever helper. One rule in one place instead of a cleanup helper
per mechanism.

A file stored inside a savepoint that rolls back while the outer transaction commits is kept:
its row is gone, so such a block must remove its own files (``attachments_upload`` does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.db import transaction

P = ParamSpec("P")
R = TypeVar("R")

#: The files stored since the outermost watch began, or None when nothing watches.
_stored: ContextVar[list[Any] | None] = ContextVar("liaison_stored_files", default=None)


def file_stored(field_file: Any) -> None:
    """Note a file just written to the storage (a ``FieldFile``): removed again if the durable
    transaction around it does not commit. Outside any watch, its writer answers for it."""
    pending = _stored.get()
    if pending is not None:
        pending.append(field_file)


@contextmanager
def files_kept_only_on_commit() -> Iterator[None]:
    """Remove every file stored inside this block when the block raises (so the transaction
    opened inside it rolled back). A block inside another one leaves the watch to the outer."""
    if _stored.get() is not None:
        yield
        return
    pending: list[Any] = []
    token = _stored.set(pending)
    try:
        yield
    except BaseException:
        for field_file in pending:
            field_file.delete(save=False)
        raise
    finally:
        _stored.reset(token)


def durable(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` in one durable transaction (it must be the outermost: an action is
    never called from inside another's transaction), keeping the files it stored only if that
    transaction commits."""

    @wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with files_kept_only_on_commit(), transaction.atomic(durable=True):
            return function(*args, **kwargs)

    return run
