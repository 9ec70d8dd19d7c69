"""The recommendation's actions: drafted (from a step of the matter it arises from, or on its
own), corrected, served once approved, replied to by its addressee. Each later change is a step
(``workflows.py``); what the matter it arises from does meanwhile is that mechanism's reaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.attachments.actions import attachment_upload
from liaison.core.access import Access
from liaison.core.transactions import durable
from liaison.orgs.models import Organisation
from liaison.workflow.errors import WorkflowError
from liaison.workflow.models import Matter, Relation
from liaison.workflow.opening import add_parties, apply_open

from . import documents
from .kinds import get_kind
from .models import DOCUMENT_PURPOSE, REPLY_EVIDENCE_PURPOSE, Recommendation

if TYPE_CHECKING:
    from liaison.accounts.models import User


def handlers_of(matter: Matter) -> list[User]:
    parties = matter.parties.filter(relation=Relation.HANDLER).select_related("person")
    return [party.person for party in parties if party.person is not None]


def serveable(addressee: Organisation | None, *, kind: str, source: Matter | None) -> Organisation:
    """The addressee, if a recommendation of ``kind`` from ``source`` may be addressed to it."""
    if addressee is None:
        raise WorkflowError(_("Name the organisation the recommendation is addressed to."))
    if not addressee.is_active:
        raise WorkflowError(_("This organisation no longer works on the platform."))
    spec = get_kind(kind)
    source_type = source.matter_type if source is not None else None
    if not spec.applies_to(source_type=source_type, addressee_kind=addressee.kind):
        raise WorkflowError(
            _("A recommendation of this kind may not be addressed to this organisation.")
        )
    return addressee


def recommendation_draft(
    *,
    kind: str,
    owner: Organisation,
    addressee: Organisation | None,
    access: Access,
    title: str,
    facts: str,
    opinion: str,
    measures: str,
    urgent: bool = False,
    source: Matter | None = None,
    handlers: Iterable[User] | None = None,
    **_ignored: Any,
) -> Recommendation:
    """Draft a recommendation of ``kind`` to ``addressee``: a matter of its own, numbered by the
    procuratorate under its kind's code, its handlers those of ``source`` (or given). The
    addressee is named on it but is not yet its partner, so it sees nothing of the draft; those
    handling it correct it, preview its formal document and submit it for approval; it is
    served once approved (``recommendation_serve``). Joins the caller's transaction (a step's
    effect on the source, e.g. a public-interest case's ``recommend``)."""
    spec = get_kind(kind)
    addressee = serveable(addressee, kind=kind, source=source)
    if handlers is None:
        handlers = handlers_of(source) if source is not None else []
        if access.user is not None and not handlers:
            handlers = [access.user]
    recommendation = apply_open(
        workflow=spec.workflow,
        owner=owner,
        access=access,
        fields={
            "title": title,
            "kind": kind,
            "urgent": urgent,
            "source": source,
            "addressee": addressee,
            "facts": facts,
            "opinion": opinion,
            "measures": measures,
        },
        handlers=[person for person in handlers if person is not None],
    )
    assert isinstance(recommendation, Recommendation)
    return recommendation


@durable
def recommendation_open(**arguments: Any) -> Recommendation:
    """``recommendation_draft`` in a transaction of its own: a recommendation drafted on its own
    (a social-governance recommendation to a company), not from another matter's step."""
    return recommendation_draft(**arguments)


def recommendation_revise(
    *,
    recommendation: Matter,
    facts: str,
    opinion: str,
    measures: str,
    urgent: bool = False,
    **_ignored: Any,
) -> None:
    """Keep the corrected text of a draft. Runs inside its ``revise`` step."""
    Recommendation.objects.filter(pk=recommendation.pk).update(
        facts=facts, opinion=opinion, measures=measures, urgent=urgent
    )


def recommendation_serve(*, recommendation: Matter, access: Access) -> None:
    """Serve the approved recommendation: make its formal document, as PDF and as Word, and
    keep both on it (what the addressee downloads is what was served, whatever the templates
    become later), and make the addressee its partner, so that its staff see it now. Runs
    inside the ``serve`` step (taken once approved, as the prosecutor who submitted it), before
    the reply clock starts and the addressee is told."""
    assert isinstance(recommendation, Recommendation)
    if access.user is None:
        raise WorkflowError(_("A recommendation is served by a prosecutor, not by the system."))
    addressee = serveable(
        recommendation.addressee, kind=recommendation.kind, source=recommendation.source
    )
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
    add_parties(matter=recommendation, partners=[addressee])


def recommendation_record_reply(
    *,
    recommendation: Matter,
    access: Access,
    reply: str,
    reply_outcome: str,
    evidence: Iterable[tuple[Any, str]] = (),
    **_ignored: Any,
) -> None:
    """Keep the addressee's reply, how it counts (adopted, partly, not) and its evidence. A reply
    after the reply period lapsed is still recorded, late. Runs inside the ``reply`` step."""
    assert isinstance(recommendation, Recommendation)
    if access.user is None:
        raise WorkflowError(_("A reply is sent by an officer of the addressee."))
    outcome = get_kind(recommendation.kind).outcome(reply_outcome)
    if outcome is None:
        raise WorkflowError(_("Choose one of the answers offered."))
    Recommendation.objects.filter(pk=recommendation.pk).update(
        reply=reply,
        reply_outcome=reply_outcome,
        adoption=outcome.adoption,
        replied_at=timezone.now(),
    )
    for file, _content_type in evidence:
        attachment_upload(
            file=file,
            uploaded_by=access.user,
            matter=recommendation,
            purpose=REPLY_EVIDENCE_PURPOSE,
        )
