"""``{% identity matter "reporter" %}``: the masked identity of a private person on a matter, with
the way to look for those the mechanism entitles. The template decides nothing: what is shown
and to whom comes from ``reveal.py``."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from liaison.core.access import Access
from liaison.workflow.models import Matter

from ..forms import ReasonForm
from ..reveal import Identity, Subject, masked, may_reveal, subject_for

register = template.Library()


def panel_context(
    *, matter: Matter, subject: Subject, identity: Identity, item: int | None, access: Any
) -> dict[str, Any]:
    """What ``identities/_identity.html`` needs: the identity as shown, where to look, and
    whether this reader may (never for an anonymous report: there is nobody to show)."""
    if item is None:
        url, dom_id = reverse("identities:reveal", args=[matter.pk, subject.name]), subject.name
    else:
        url = reverse("identities:reveal-item", args=[matter.pk, subject.name, item])
        dom_id = f"{subject.name}-{item}"
    allowed = (
        not identity.anonymous
        and isinstance(access, Access)
        and may_reveal(access, matter, subject)
    )
    return {
        "identity": identity,
        "subject": subject,
        "url": url,
        "dom_id": dom_id,
        "may_reveal": allowed,
        "form": ReasonForm() if allowed and subject.asks_reason else None,
    }


@register.inclusion_tag("identities/_identity.html", takes_context=True)
def identity(context: Any, matter: Matter, subject: str, item: Any = None) -> dict[str, Any]:
    """The masked identity of ``subject`` on ``matter``, or on ``item`` (one of its items, e.g.
    a report added to a clue), and the button (or the form asking why) to look."""
    who = subject_for(matter, subject)
    request = context.get("request")
    return {
        **panel_context(
            matter=matter,
            subject=who,
            identity=masked(who.identity(matter if item is None else item)),
            item=None if item is None else item.pk,
            access=getattr(request, "access", None),
        ),
        "csrf_token": context.get("csrf_token"),
    }
