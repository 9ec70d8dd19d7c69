"""Registering by confirming one's mobile number, without telling a stranger who is registered.

A registration form that answered "this resident ID number is already registered" would tell
anyone who is. So every accepted form gets the same answer, "we sent a code to your mobile", and
nothing is stored yet (the form's values wait in the browser's session, the password only as its
hash). Then:

- when nobody holds the form's identifiers, the code goes to the mobile number, and typing it
  creates the account (the caller's action does, with the values returned by
  ``registration_confirm``);
- when an account already holds one of them, no code goes anywhere (every code typed is wrong,
  as a mistyped one is) and the holder is told, by their own inbox, text message and e-mail,
  that somebody tried to register with it, and how to log in or reset the password if it was
  them.

The uniqueness of each identifier stays in the database; this only decides what a stranger
is told.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from liaison.notifications.sms import get_sms_backend
from liaison.workflow.errors import WorkflowError

if TYPE_CHECKING:
    from liaison.accounts.models import User

SESSION_KEY = "accounts.registration"
CODE_MINUTES = 15
CODE_TRIES = 5
_HMAC_SALT = "liaison.accounts.registration"


class CodeRefused(WorkflowError):
    """The code typed is wrong, or no registration waits for one."""

    default_message = gettext_lazy(
        "This code is wrong or has expired. Check the text message and try again, or register "
        "again."
    )


def _digest(code: str) -> str:
    return salted_hmac(_HMAC_SALT, code).hexdigest()


@task()
def send_code(mobile: str, text: str) -> None:
    """Text the registration code (out of the request, as every text message is)."""
    get_sms_backend().send(mobile, text)


def registration_start(
    *,
    session: SessionBase,
    purpose: str,
    mobile: str,
    password: str,
    data: dict[str, Any],
    holders: Iterable[User | None],
    holder_text: str | Promise,
) -> None:
    """Keep the form's values in ``session`` until the code is typed, and send the code to
    ``mobile``; or, when ``holders`` (the accounts that already hold one of the form's
    identifiers) are not empty, send no code and tell them that somebody tried."""
    from liaison.notifications.actions import notify

    code = f"{secrets.randbelow(10**6):06d}"
    session[SESSION_KEY] = {
        "purpose": purpose,
        "mobile": mobile,
        "data": {**data, "password_hash": make_password(password)},
        "code": _digest(code),
        "expires": (timezone.now() + timedelta(minutes=CODE_MINUTES)).isoformat(),
        "tries": 0,
    }
    people = [holder for holder in holders if holder is not None]
    if people:
        with transaction.atomic():
            notify(
                recipients=people,
                event="accounts.registration.attempt",
                text=holder_text,
                params={"day": timezone.localdate().isoformat()},
            )
        return
    text = _(
        "Your Liaison registration code is %(code)s. It is valid for %(minutes)d minutes; "
        "nobody from the procuratorate will ask you for it."
    ) % {"code": code, "minutes": CODE_MINUTES}
    transaction.on_commit(lambda: send_code.enqueue(mobile, text))


def registration_waiting(session: SessionBase, purpose: str) -> str | None:
    """The mobile number a registration of ``purpose`` waits on in this session, if any."""
    pending = session.get(SESSION_KEY)
    if not pending or pending.get("purpose") != purpose:
        return None
    if timezone.now() >= datetime.fromisoformat(pending["expires"]):
        return None
    return str(pending["mobile"])


def registration_confirm(*, session: SessionBase, purpose: str, code: str) -> dict[str, Any]:
    """The form's values (with ``password_hash``) when ``code`` is the one sent; the waiting
    registration ends then, or after ``CODE_TRIES`` wrong codes. Raises ``CodeRefused``."""
    if registration_waiting(session, purpose) is None:
        session.pop(SESSION_KEY, None)
        raise CodeRefused()
    pending = dict(session[SESSION_KEY])
    if constant_time_compare(_digest(code.strip()), pending["code"]):
        del session[SESSION_KEY]
        return dict(pending["data"])
    pending["tries"] += 1
    if pending["tries"] >= CODE_TRIES:
        del session[SESSION_KEY]
        raise CodeRefused(_("That was the last try: register again for a new code."))
    session[SESSION_KEY] = pending
    raise CodeRefused()
