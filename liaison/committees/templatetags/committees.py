"""What a session's page shows the user looking at it: the agenda (a linked matter as a link
only to those who see it, a withdrawn item marked), who attends for the procuratorate, and
to the court's side the agenda form while it may add to it and each item's link to correct or
withdraw it until the session begins. Each answer is a selector's or the policy's."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.core.access import Access
from liaison.workflow.policy import policy_for
from liaison.workflow.selectors import matters_visible_to

from .. import selectors
from ..forms import AgendaItemForm
from ..models import CommitteeSession
from ..workflows import SESSION

register = template.Library()


@register.simple_tag
def committee_panel(
    session: CommitteeSession, access: Access, forms: dict[str, Any] | None = None
) -> dict[str, Any]:
    agenda = list(selectors.agenda_of(session))
    linked = [item.matter_id for item in agenda if item.matter_id]
    seen = set(matters_visible_to(access).filter(pk__in=linked).values_list("pk", flat=True))
    may_add = selectors.may_add_item(access, session)
    form = None
    if may_add:
        form = (forms or {}).get("agenda") or AgendaItemForm(
            matters=selectors.linkable_matters(access), auto_id="id_agenda_%s"
        )
    return {
        "agenda": [(item, item.matter_id in seen) for item in agenda],
        "invitations": list(selectors.invitations_of(session)),
        "procuratorate": selectors.procuratorate_of(session),
        "may_add": may_add,
        # Per item the template also asks that it was not withdrawn (``may_change_item``).
        "may_change": selectors.agenda_changeable(session)
        and policy_for(SESSION.name).may(access, session, "change_agenda_item"),
        "form": form,
    }
