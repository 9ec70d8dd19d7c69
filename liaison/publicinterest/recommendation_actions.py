"""The pre-litigation recommendation's actions: drafted by the case's ``recommend`` step,
corrected, served once approved, replied to by the agency (or its reply period lapses), or
withdrawn while a draft. Each runs inside a step's effect (``workflows.py``) and moves the case
along with it through the case's automatic steps.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.attachments.actions import attachment_upload
from liaison.core.access import SYSTEM, Access
from liaison.orgs.models import Organisation
from liaison.workflow.actions import add_parties, apply_open, apply_transition
from liaison.workflow.errors import WorkflowError
from liaison.workflow.models import Matter, Relation

from . import documents
from .models import DOCUMENT_PURPOSE, REPLY_EVIDENCE_PURPOSE, PILCase, Recommendation
from .workflows import RECOMMENDATION

if TYPE_CHECKING:
    from liaison.accounts.models import User


def _handlers(matter: Matter) -> list[User]:
    parties = matter.parties.filter(relation=Relation.HANDLER).select_related("person")
    return [party.person for party in parties if party.person is not None]


def recommendation_draft(
    *,
    case: Matter,
    access: Access,
    facts: str,
    opinion: str,
    measures: str,
    urgent: bool = False,
    **_ignored: Any,
) -> Recommendation:
    """Draft the pre-litigation recommendation to the case's agency: a matter of its own,
    numbered by the procuratorate (行公建), its handlers the case's. The agency is named on it
    but is not yet its partner, so it sees nothing of the draft; those handling the case
    correct it, preview its formal document and submit it for approval; it is served once
    approved (``recommendation_serve``). Runs inside the case's ``recommend`` step."""
    assert isinstance(case, PILCase)
    agency = _serveable_agency(case.administrative_agency)
    recommendation = apply_open(
        workflow=RECOMMENDATION,
        owner=case.owner,
        access=access,
        fields={
            "title": f"关于督促{agency.name}依法履行{case.field.name}领域监管职责的检察建议",
            "urgent": urgent,
            "case": case,
            "agency": agency,
            "facts": facts,
            "opinion": opinion,
            "measures": measures,
        },
        handlers=_handlers(case),
    )
    assert isinstance(recommendation, Recommendation)
    return recommendation


def _serveable_agency(agency: Organisation | None) -> Organisation:
    if agency is None:
        raise WorkflowError(_("Name the responsible agency (when filing) before recommending."))
    if not agency.is_active:
        raise WorkflowError(_("This agency no longer works on the platform."))
    return agency


def recommendation_revise(
    *,
    recommendation: Matter,
    facts: str,
    opinion: str,
    measures: str,
    urgent: bool = False,
    **_ignored: Any,
) -> None:
    """Keep the corrected text of a draft recommendation. Runs inside its ``revise`` step."""
    Recommendation.objects.filter(pk=recommendation.pk).update(
        facts=facts, opinion=opinion, measures=measures, urgent=urgent
    )


def recommendation_serve(*, recommendation: Matter, access: Access) -> None:
    """Serve the approved recommendation: make its formal document, as PDF and as Word, and
    keep both on it (what the agency downloads is what was served, whatever the templates
    become later); make the agency its partner, so that its officers see it now; and move the
    case on to wait for the reply. Runs inside the recommendation's ``serve`` step (taken once
    approved, as the prosecutor who submitted it), before the reply clock starts and the
    agency is told."""
    assert isinstance(recommendation, Recommendation)
    if access.user is None:
        raise WorkflowError(_("A recommendation is served by a prosecutor, not by the system."))
    agency = _serveable_agency(recommendation.agency)
    recommendation.issued_on = timezone.localdate()
    text = documents.recommendation_text(recommendation)
    name = f"检察建议书{recommendation.case_number}"
    recommendation.document_pdf, recommendation.document_docx = (
        attachment_upload(
            file=ContentFile(content, name=f"{name}.{ext}"),
            uploaded_by=access.user,
            matter=recommendation,
            purpose=DOCUMENT_PURPOSE,
        )
        for content, ext in (
            (documents.recommendation_pdf(text), "pdf"),
            (documents.recommendation_docx(text), "docx"),
        )
    )
    recommendation.save(update_fields=["issued_on", "document_pdf", "document_docx"])
    add_parties(matter=recommendation, partners=[agency])
    case = PILCase.objects.get(pk=recommendation.case_id)
    if case.state == "recommending":
        apply_transition(matter=case, name="recommendation_served", access=SYSTEM)


def recommendation_record_reply(
    *,
    recommendation: Matter,
    access: Access,
    reply: str,
    reply_outcome: str,
    evidence: Iterable[tuple[Any, str]] = (),
    **_ignored: Any,
) -> None:
    """Keep the agency's reply and its evidence on the recommendation, and move the case on to
    follow-up (unless it has moved on already: a reply after the reply period lapsed is still
    recorded, late). Runs inside the recommendation's ``reply`` step."""
    assert isinstance(recommendation, Recommendation)
    if access.user is None:
        raise WorkflowError(_("A reply is sent by an officer of the agency."))
    Recommendation.objects.filter(pk=recommendation.pk).update(
        reply=reply, reply_outcome=reply_outcome, replied_at=timezone.now()
    )
    for file, _content_type in evidence:
        attachment_upload(
            file=file,
            uploaded_by=access.user,
            matter=recommendation,
            purpose=REPLY_EVIDENCE_PURPOSE,
        )
    _case_to_follow_up(recommendation, "receive_reply")


def recommendation_lapsed(*, recommendation: Matter) -> None:
    """The agency's reply period ran out: the case moves on to follow-up, where the handler
    decides whether to sue. Runs inside the recommendation's (automatic) ``lapse`` step."""
    assert isinstance(recommendation, Recommendation)
    _case_to_follow_up(recommendation, "reply_lapsed")


def _case_to_follow_up(recommendation: Recommendation, step: str) -> None:
    case = PILCase.objects.get(pk=recommendation.case_id)
    if case.state == "pre_litigation":
        apply_transition(matter=case, name=step, access=SYSTEM)


def recommendation_withdraw(*, recommendation: Matter, note: str, **_ignored: Any) -> None:
    """A draft no longer to be served (the agency corrected the problem meanwhile, or the facts
    turned out otherwise): the case goes back to investigation, from where it is recommended
    anew or terminated. The reason stays on the draft's timeline; the agency never saw the
    draft and never will. Runs inside the recommendation's ``withdraw`` step."""
    assert isinstance(recommendation, Recommendation)
    case = PILCase.objects.get(pk=recommendation.case_id)
    if case.state == "recommending":
        apply_transition(matter=case, name="recommendation_withdrawn", access=SYSTEM, note=note)
