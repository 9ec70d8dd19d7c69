"""A case's lawyers of record and what they receive: the procuratorate registers its cases,
links lawyers of record (``counsel`` parties of the case, so the case workflow's ``Notify``
declarations and ``readings`` reach them) and ends them, records plea signings, and releases
documents for review, which the lawyers of record download stamped with their names. Each
change runs in one transaction with its timeline entry and audit record."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.attachments.validators import PDF
from liaison.audit.actions import audit_record
from liaison.core.access import Access
from liaison.core.transactions import durable
from liaison.orgs.models import Organisation
from liaison.workflow.actions import add_subject, apply_transition, record_event
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Matter, MatterParty, Relation
from liaison.workflow.opening import apply_open, remove_parties

from . import selectors
from .actions import person_acting
from .models import (
    CaseCounsel,
    CaseFileRelease,
    CaseParty,
    FileReviewApplication,
    Lawyer,
    PleaSigning,
    ProcuratorateCase,
)
from .stamping import stamp_pdf
from .workflows import (
    CASE,
    COUNSEL_END_EVENT,
    COUNSEL_LINK_EVENT,
    FILE_RELEASE_EVENT,
    MANAGE_COUNSEL,
    RELEASE_FILE,
)

if TYPE_CHECKING:
    from liaison.attachments.models import Attachment


class LinkExpired(WorkflowError):
    default_message = _(
        "This download link has expired. Open the list of released documents again for a new one."
    )


# -- cases and their lawyers of record ----------------------------------------------------------


@durable
def case_open(
    *,
    access: Access,
    owner: Organisation,
    title: str,
    kind: str,
    cause: str,
    suspect: str,
    victim: str = "",
    **_ignored: Any,
) -> ProcuratorateCase:
    """Register a case and accept it for review; the user who registers it handles it."""
    case = apply_open(
        workflow=CASE,
        owner=owner,
        access=access,
        fields={"title": title, "kind": kind, "cause": cause},
        handlers=[access.user] if access.user is not None else [],
    )
    assert isinstance(case, ProcuratorateCase)
    CaseParty.objects.create(case=case, role=CaseParty.Role.SUSPECT, name=suspect)
    if victim:
        CaseParty.objects.create(case=case, role=CaseParty.Role.VICTIM, name=victim)
    apply_transition(matter=case, name="accept", access=access)
    return case


def may_manage_case(access: Access, case: Matter) -> bool:
    """Whether this user handles the case for the procuratorate (links and ends its lawyers of
    record): the case type's act ``MANAGE_COUNSEL``."""
    return case.workflow.policy.may(access, case, MANAGE_COUNSEL)


@transaction.atomic(savepoint=False)
def _link(*, case: ProcuratorateCase, lawyer: Lawyer, client: str, access: Access) -> CaseCounsel:
    """The lawyer becomes a ``counsel`` party of the case (and so hears of its procedural
    events); the link keeps whom they act for and who linked them."""
    if not lawyer.is_verified:
        raise WorkflowError(_("Only a verified lawyer can be linked to a case."))
    if CaseCounsel.objects.filter(case=case, lawyer=lawyer, ended_at__isnull=True).exists():
        raise WorkflowError(_("This lawyer already acts in this case."))
    party = MatterParty.objects.create(matter=case, relation=Relation.COUNSEL, person=lawyer.user)
    counsel = CaseCounsel.objects.create(
        case=case, lawyer=lawyer, client=client, linked_by=access.user, party=party
    )
    audit_record(
        actor=access.user,
        action="lawyers.counsel.link",
        obj=case,
        payload={"lawyer": lawyer.pk, "client": client},
    )
    record_event(
        matter=case,
        access=access,
        action=COUNSEL_LINK_EVENT,
        note=lawyer.user.display_name,
        data={"lawyer": lawyer.pk},
        subject=lawyer.user,
    )
    return counsel


@durable
def counsel_link(
    *, access: Access, case: ProcuratorateCase, lawyer: Lawyer, client: str
) -> CaseCounsel:
    """Staff record a verified lawyer as acting in ``case`` once the power of attorney (or the
    legal-aid letter) is checked; from then the lawyer hears of the case's procedural events."""
    if not may_manage_case(access, case):
        raise TransitionForbidden(
            _("Only the procuratorate's staff may link lawyers to its cases.")
        )
    return _link(case=case, lawyer=lawyer, client=client, access=access)


@durable
def counsel_end(*, access: Access, counsel: CaseCounsel, reason: str) -> CaseCounsel:
    """The handling staff end a lawyer's link to a case (the power of attorney was revoked, the
    client changed lawyers), with the reason: the lawyer is told, stops hearing of the case and
    no longer sees it; the link stays on record with when it ended."""
    counsel = (
        CaseCounsel.objects.select_for_update()
        .select_related("case", "lawyer__user")
        .get(pk=counsel.pk)
    )
    if not may_manage_case(access, counsel.case):
        raise TransitionForbidden(
            _("Only the procuratorate's staff handling the case may end its lawyers of record.")
        )
    if counsel.ended_at is not None:
        raise WorkflowError(_("This lawyer no longer acts in this case."))
    reason = reason.strip()
    if not reason:
        raise WorkflowError(_("Give the reason why the lawyer no longer acts in this case."))
    counsel.ended_at = timezone.now()
    counsel.save(update_fields=["ended_at"])
    remove_parties(matter=counsel.case, relation=Relation.COUNSEL, people=[counsel.lawyer.user])
    audit_record(
        actor=access.user,
        action="lawyers.counsel.end",
        obj=counsel.case,
        payload={"lawyer": counsel.lawyer_id, "reason": reason},
    )
    record_event(
        matter=counsel.case,
        access=access,
        action=COUNSEL_END_EVENT,
        note=f"{counsel.lawyer.user.display_name}：{reason}",
        data={"lawyer": counsel.lawyer_id, "reason": reason},
        subject=counsel.lawyer.user,
    )
    return counsel


def file_review_approved(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The ``approve`` step's effect: the papers are checked, so the lawyer is of record."""
    assert isinstance(matter, FileReviewApplication)
    live = CaseCounsel.objects.filter(case=matter.case, lawyer=matter.lawyer, ended_at__isnull=True)
    if not live.exists():
        _link(case=matter.case, lawyer=matter.lawyer, client=matter.client, access=access)


# -- plea signings ------------------------------------------------------------------------------


def plea_signing_record(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The ``record_plea`` step's effect: who was present and the recommendation. The step
    tells the lawyers of record, and the lawyer present (its subject) is asked for an opinion."""
    signing = PleaSigning.objects.create(
        case_id=matter.pk,
        signed_at=data["signed_at"],
        lawyer=data["lawyer"],
        capacity=data["capacity"],
        prosecutor=data["prosecutor"],
        recommendation=data["recommendation"],
        recorded_by=person_acting(access),
    )
    add_subject(matter, signing.lawyer.user)


@durable
def plea_opinion_give(
    *, access: Access, signing: PleaSigning, position: str, opinion: str
) -> PleaSigning:
    """The lawyer present at the signing gives their opinion on the recommendation, once."""
    lawyer = selectors.verified_lawyer(access)
    if signing.lawyer_id != lawyer.pk:
        raise TransitionForbidden(_("Only the lawyer present at the signing gives this opinion."))
    now = timezone.now()
    changed = PleaSigning.objects.filter(pk=signing.pk, opinion_at__isnull=True).update(
        position=position, opinion=opinion, opinion_at=now
    )
    if not changed:
        raise WorkflowError(_("Your opinion on this recommendation is already recorded."))
    audit_record(
        actor=access.user,
        action="lawyers.plea.opinion",
        obj=signing,
        payload={"position": position},
    )
    signing.position, signing.opinion, signing.opinion_at = position, opinion, now
    return signing


# -- documents released for review --------------------------------------------------------------


@durable
def document_release(
    *, access: Access, case: ProcuratorateCase, attachment: Attachment
) -> CaseFileRelease:
    """Release a PDF of the case's file for review by its lawyers of record (the case type's
    act ``RELEASE_FILE``)."""
    if not case.workflow.policy.may(access, case, RELEASE_FILE):
        raise TransitionForbidden(_("Only the procuratorate's staff may release its case files."))
    if attachment.matter_id != case.pk or attachment.content_type != PDF:
        raise WorkflowError(_("Only PDF documents attached to this case can be released."))
    try:
        with transaction.atomic():
            release = CaseFileRelease.objects.create(
                case=case, attachment=attachment, released_by=person_acting(access)
            )
    except IntegrityError:
        raise WorkflowError(_("This document is already released.")) from None
    audit_record(
        actor=access.user,
        action="lawyers.case_file.release",
        obj=release,
        payload={"case": case.pk, "attachment": attachment.pk, "name": attachment.original_name},
    )
    # On the case's timeline, and the lawyers of record are told (the workflow's ``notifies``).
    record_event(
        matter=case,
        access=access,
        action=FILE_RELEASE_EVENT,
        data={"release": release.pk, "name": attachment.original_name},
    )
    return release


@durable
def document_withdraw(*, access: Access, release: CaseFileRelease) -> CaseFileRelease:
    """Withdraw a released document: its links stop working at once."""
    if not release.case.workflow.policy.may(access, release.case, RELEASE_FILE):
        raise TransitionForbidden()
    now = timezone.now()
    changed = CaseFileRelease.objects.filter(pk=release.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawn_by=access.user
    )
    if not changed:
        raise WorkflowError(_("This document was already withdrawn."))
    audit_record(
        actor=access.user,
        action="lawyers.case_file.withdraw",
        obj=release,
        payload={"case": release.case_id, "attachment": release.attachment_id},
    )
    release.withdrawn_at = now
    return release


@durable
def document_download(*, access: Access, token: str) -> tuple[str, bytes]:
    """The released document a signed link points at, stamped with the lawyer's name and the
    time, for the lawyer the link was made for; every download is audited. An expired link
    raises ``LinkExpired``; a withdrawn document or an ended link to the case,
    ``TransitionForbidden``; a forged or foreign link, ``LookupError``."""
    try:
        payload = signing.loads(
            token, salt=selectors.DOWNLOAD_SALT, max_age=selectors.download_link_seconds()
        )
    except signing.SignatureExpired:
        raise LinkExpired() from None
    except signing.BadSignature:
        raise LookupError("bad link") from None
    lawyer = selectors.lawyer_for(access)
    if lawyer is None or payload.get("l") != lawyer.pk:
        raise LookupError("not this lawyer's link")
    release = (
        CaseFileRelease.objects.select_related("attachment", "case")
        .filter(pk=payload.get("r"))
        .first()
    )
    if release is None:
        raise LookupError("no such release")
    of_record = selectors.cases_for_lawyer(lawyer).filter(pk=release.case_id).exists()
    if release.withdrawn_at is not None or not of_record:
        raise TransitionForbidden(_("This document is no longer released to you."))
    at = timezone.localtime()
    stamp = (
        f"仅供阅卷 律师：{lawyer.user.display_name}（{lawyer.licence_number}） {at:%Y-%m-%d %H:%M}"
    )
    with release.attachment.file.open("rb") as source:
        content = stamp_pdf(source, stamp, subject=f"{release.case.case_number} · {stamp}")
    audit_record(
        actor=access.user,
        action="lawyers.case_file.download",
        obj=release,
        payload={
            "case": release.case_id,
            "attachment": release.attachment_id,
            "name": release.attachment.original_name,
            "stamp": stamp,
        },
    )
    return release.attachment.original_name, content
