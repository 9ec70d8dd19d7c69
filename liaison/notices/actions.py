"""Opening information notices; every later step is a workflow transition."""

from typing import Any

from liaison.core.access import Access
from liaison.orgs.models import Organisation
from liaison.orgs.selectors import organisations_reachable_from
from liaison.workflow.errors import TransitionForbidden
from liaison.workflow.opening import matter_open

from .forms import NOT_REACHABLE
from .models import InformationNotice
from .workflows import NOTICE


def notice_send(
    *,
    access: Access,
    sender: Organisation,
    recipient: Organisation,
    title: str,
    body: str,
    urgent: bool = False,
    **_: Any,
) -> InformationNotice:
    """Open a notice from ``sender`` to ``recipient`` and send it; the sender's user handles it.
    Only to an organisation the sender works with (``organisations_reachable_from``): the form
    checks it too, but every way in is refused alike."""
    if not organisations_reachable_from(sender).filter(pk=recipient.pk).exists():
        raise TransitionForbidden(NOT_REACHABLE)
    matter = matter_open(
        workflow=NOTICE,
        owner=sender,
        access=access,
        fields={"title": title, "body": body, "urgent": urgent},
        partners=[recipient],
        handlers=[access.user] if access.user is not None else [],
        start="send",
    )
    assert isinstance(matter, InformationNotice)
    return matter
