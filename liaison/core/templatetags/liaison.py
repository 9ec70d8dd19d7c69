"""Small template helpers shared by every page."""

from datetime import date
from decimal import Decimal
from typing import Any

from django import template
from django.conf import settings
from django.forms import BoundField
from django.template.defaultfilters import floatformat
from django.utils import timezone

register = template.Library()


@register.filter
def bootstrap(field: BoundField) -> Any:
    """Render a form field with Bootstrap's classes, marking it invalid when it has errors."""
    widget_type = field.widget_type
    css = "form-select" if widget_type in {"select", "selectmultiple"} else "form-control"
    if widget_type in {"checkbox", "radioselect", "checkboxselectmultiple"}:
        css = "form-check-input"
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})


@register.filter
def days_until(due: date | None, today: date | None = None) -> int | None:
    """Days from today (the local day unless given) to a due day (negative when overdue): every
    list shows its due days, whether or not its view put ``today`` in the context."""
    return None if due is None else (due - (today or timezone.localdate())).days


@register.filter
def money(amount: Decimal | int | None) -> str:
    """An amount of yuan as people read money, in either language: two places, grouped by
    thousands (869,000.00; the Chinese separator is ``liaison/formats/zh_Hans``). The one way
    every page, print and message shows an amount (messages call it too); nothing else is
    grouped, so years, case numbers and ids stay as they are. None (not known) is empty."""
    if amount is None:
        return ""
    return str(floatformat(amount, "2g"))


@register.filter
def absolute(value: int | None) -> int | None:
    return None if value is None else abs(value)


@register.filter
def in_state(matter: Any, name: str) -> bool:
    """``{% if matter|in_state:"transferred" %}``: whether the matter is in state ``name``, named
    through the checked accessor (``Workflow.state``) of its own workflow or, for a model two
    workflows share (a public-interest case is administrative or civil), of one of them: a
    misspelt or removed state fails the page instead of quietly never matching."""
    from liaison.workflow.registry import all_workflows

    if name not in matter.workflow.states:
        kin = [w for w in all_workflows() if w.model == matter.workflow.model]
        if not any(name in w.states for w in kin):
            matter.workflow.state(name)  # raises LookupError, naming the workflow
        return False
    return bool(matter.state == name)


@register.filter
def local_name(obj: Any) -> str:
    """An organisation's or person's name for the reader: the English name for English readers
    where one is recorded (foreign readers), the Chinese name otherwise."""
    if obj is None:
        return ""
    from django.utils.translation import get_language

    english = getattr(obj, "name_en", "")
    if english and (get_language() or "").startswith("en"):
        return str(english)
    name = getattr(obj, "display_name", None)
    if callable(name):
        name = name()
    return str(name or getattr(obj, "name", "") or obj)


@register.simple_tag
def max_upload_bytes() -> int:
    """The largest file the server takes (``LIAISON_MAX_UPLOAD_BYTES``), for the script that
    checks a file's size in the browser before it is sent (``static/liaison/upload-size.js``)."""
    return int(settings.LIAISON_MAX_UPLOAD_BYTES)


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def navigation(context: template.Context) -> dict[str, Any]:
    """The navigation bar's links for this user, from the registry (``core/navigation.py``),
    each with its count when it has one (the unread inbox)."""
    from django.urls import reverse

    from liaison.core.access import NOBODY
    from liaison.core.navigation import entries_for

    request = context.get("request")
    access = getattr(request, "access", NOBODY)
    path = getattr(request, "path", "")
    items: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    for entry in entries_for(access):
        url = reverse(entry.url_name)
        link = {
            "url": url,
            "label": entry.label,
            "testid": entry.testid,
            "badge": context.get(entry.badge) if entry.badge else None,
            "current": url == path,
        }
        if entry.group is None:
            items.append(link)
            continue
        group = groups.get(entry.group.key)
        if group is None:
            group = groups[entry.group.key] = {
                "group": entry.group.key,
                "label": entry.group.label,
                "links": [],
            }
            items.append(group)
        group["links"].append(link)
        group["current"] = group.get("current") or link["current"]
    # A menu with one link for this user is that link.
    items = [item["links"][0] if len(item.get("links", ())) == 1 else item for item in items]
    return {"items": items}
