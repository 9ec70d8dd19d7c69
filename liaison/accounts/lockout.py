"""The answers to too many failed logins: django-axes's lockout (per account from one address)
and the per-account limit on failures from all addresses together (``LoginView``)."""

from __future__ import annotations

from typing import Any

from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from liaison.core.ratelimits import configured_rate, posted, refusal

#: Failed logins to one account from all addresses together, before the account refuses logins
#: for the rest of the window. Higher than the per-address lockout, so a guesser spreading over
#: many addresses is stopped without one stranger's five guesses locking the account's owner out.
ACCOUNT_GROUP = "accounts.login.account"
ACCOUNT_RATE = "20/h"
_account = posted("username", lambda value: value.strip().casefold())


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes's lockout answer (``AXES_LOCKOUT_CALLABLE``): HTTP 429 saying for how long
    this account is locked from here, in the reader's language."""
    cool_off = get_cool_off(request)
    return refusal(
        request,
        seconds=cool_off.total_seconds() if cool_off else 3600,
        title=_("Too many failed logins"),
        message=_(
            "After repeated failed logins from your connection, this account is locked here for "
            "a while. Other people and places are not affected."
        ),
        template="registration/locked_out.html",
    )


def account_failures(request: HttpRequest, *, add: bool) -> dict[str, Any] | None:
    """The failed logins to the posted account in this window (counting one more when ``add``)."""
    if not _account("", request):
        return None
    return get_usage(
        request,
        group=ACCOUNT_GROUP,
        key=_account,
        rate=lambda _group, _request: configured_rate(ACCOUNT_GROUP, ACCOUNT_RATE),
        method="POST",
        increment=add,
    )


def account_refusal(request: HttpRequest) -> HttpResponse | None:
    """HTTP 429 when the posted account has had too many failed logins from anywhere."""
    usage = account_failures(request, add=False)
    if usage is None or usage["count"] < usage["limit"]:
        return None
    return refusal(
        request,
        seconds=max(usage["time_left"], 1),
        title=_("Too many failed logins"),
        message=_(
            "This account had too many failed logins from several places, so it accepts no "
            "login for a while. If that was not you, reset your password once it accepts "
            "logins again."
        ),
        template="registration/locked_out.html",
    )
