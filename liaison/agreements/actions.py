"""Changes to agreements: drafting and correcting one, the effects of its steps (signed with
its document, in force, expired, replaced) and naming a party's liaison person, with history.
Every change of state is a transition of ``workflows.AGREEMENT``; each action here is audited
(the engine's timeline and audit record, or ``audit_record``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.attachments.actions import attachment_upload
from liaison.audit.actions import audit_record
from liaison.core.access import Access
from liaison.core.transactions import durable
from liaison.orgs.models import Organisation
from liaison.orgs.selectors import organisations_reachable_from
from liaison.workflow.actions import record_event, transition
from liaison.workflow.errors import TransitionConflict, TransitionForbidden, WorkflowError
from liaison.workflow.models import Matter, MatterParty, Relation
from liaison.workflow.opening import add_parties, apply_open
from liaison.workflow.policy import policy_for

from .models import SIGNED_DOCUMENT_PURPOSE, Agreement, LiaisonPerson
from .selectors import liaison_candidates, may_name_liaison
from .workflows import AGREEMENT, NAMED

if TYPE_CHECKING:
    from liaison.accounts.models import User

NOT_A_PARTNER = _(
    "An agreement's parties are organisations yours works with; ask your organisation's "
    "administrator to record the cooperation first."
)


def _check_partners(owner: Organisation, partners: Sequence[Organisation]) -> None:
    if not partners:
        raise WorkflowError(_("Name at least one other party to the agreement."))
    if owner in partners:
        raise WorkflowError(_("The drafting organisation is a party already."))
    reachable = set(
        organisations_reachable_from(owner)
        .filter(pk__in=[p.pk for p in partners])
        .values_list("pk", flat=True)
    )
    if reachable != {p.pk for p in partners}:
        raise WorkflowError(NOT_A_PARTNER)


def _fields(
    title: str, articles: str, governs: Iterable[str], meeting_cadence: int | None
) -> dict[str, Any]:
    return {
        "title": title,
        "articles": articles,
        "governs": sorted(set(governs)),
        "meeting_cadence": meeting_cadence or None,
    }


@durable
def agreement_draft(
    *,
    access: Access,
    owner: Organisation,
    partners: Sequence[Organisation],
    title: str,
    articles: str = "",
    governs: Iterable[str] = (),
    meeting_cadence: int | None = None,
    **_ignored: Any,
) -> Agreement:
    """Draft an agreement for ``owner`` with ``partners`` (organisations it works with)."""
    partners = list(partners)
    _check_partners(owner, partners)
    matter = apply_open(
        workflow=AGREEMENT,
        owner=owner,
        access=access,
        fields=_fields(title, articles, governs, meeting_cadence),
        partners=partners,
    )
    assert isinstance(matter, Agreement)
    return matter


@durable
def agreement_update(
    *,
    agreement: Agreement,
    access: Access,
    partners: Sequence[Organisation],
    title: str,
    articles: str = "",
    governs: Iterable[str] = (),
    meeting_cadence: int | None = None,
    **_ignored: Any,
) -> Agreement:
    """Correct a draft: its title, parties, articles, what it governs and its cadence. Only
    while it is a draft, by those the workflow's ``edit`` act names; a draft someone moved
    meanwhile (signed) is refused, nothing changed."""
    locked = Agreement.objects.select_for_update(of=("matter_ptr",)).get(pk=agreement.pk)
    if locked.state != AGREEMENT.state("draft") or locked.version != agreement.version:
        raise TransitionConflict(_("Someone changed the agreement first; look at it again."))
    if not policy_for(locked).may(access, locked, "edit"):
        raise TransitionForbidden(_("Only the drafting organisation corrects a draft."))
    partners = list(partners)
    _check_partners(locked.owner, partners)
    fields = _fields(title, articles, governs, meeting_cadence)
    before = {
        "title": locked.title,
        "partners": sorted(
            locked.parties.filter(relation=Relation.PARTNER_ORG).values_list(
                "organisation_id", flat=True
            )
        ),
    }
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean(exclude=["case_number", "case_year", "case_seq", "created_by", "owner"])
    locked.version += 1
    locked.save()
    wanted = {p.pk for p in partners}
    MatterParty.objects.filter(matter=locked, relation=Relation.PARTNER_ORG).exclude(
        organisation_id__in=wanted
    ).delete()
    add_parties(matter=locked, partners=partners)
    LiaisonPerson.objects.filter(agreement=locked, ended_at__isnull=True).exclude(
        organisation_id__in=wanted | {locked.owner_id}
    ).update(ended_at=timezone.now())
    audit_record(
        actor=access.user,
        action="agreements.agreement.update",
        obj=locked,
        payload={"before": before, "after": {"title": title, "partners": sorted(wanted)}},
    )
    return locked


# -- the effects of the steps (``workflows.AGREEMENT``), inside the step's transaction ---------


def record_signing(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """Keep the day it was signed and store the signed PDF among its files."""
    if access.user is None:
        raise WorkflowError(_("The signed document is uploaded by a person."))
    Agreement.objects.filter(pk=matter.pk).update(signed_on=data["signed_on"])
    for file, _content_type in data["document"]:
        attachment_upload(
            file=file, uploaded_by=access.user, matter=matter, purpose=SIGNED_DOCUMENT_PURPOSE
        )


def record_in_force(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    Agreement.objects.filter(pk=matter.pk).update(in_force_from=data["in_force_from"])


def record_expiry(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    Agreement.objects.filter(pk=matter.pk).update(ended_on=data["ended_on"])
    _end_liaison_persons(matter)


def record_replacement(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    newer = data["replaced_by"]
    if newer.pk == matter.pk:
        raise WorkflowError(_("An agreement does not replace itself."))
    Agreement.objects.filter(pk=matter.pk).update(replaced_by=newer, ended_on=timezone.localdate())
    _end_liaison_persons(matter)


def _end_liaison_persons(matter: Matter) -> None:
    LiaisonPerson.objects.filter(agreement_id=matter.pk, ended_at__isnull=True).update(
        ended_at=timezone.now()
    )


# -- the steps, for callers that are not the matter's page (the demo, tests) -------------------


def agreement_sign(
    *, agreement: Agreement, access: Access, signed_on: date, document: Any
) -> Matter:
    return transition(
        matter=agreement,
        name="sign",
        access=access,
        data={"signed_on": signed_on.isoformat()},
        files={"document": document},
    )


def agreement_bring_into_force(
    *, agreement: Agreement, access: Access, in_force_from: date
) -> Matter:
    return transition(
        matter=agreement,
        name="bring_into_force",
        access=access,
        data={"in_force_from": in_force_from.isoformat()},
    )


def agreement_expire(*, agreement: Agreement, access: Access, ended_on: date, note: str) -> Matter:
    return transition(
        matter=agreement,
        name="expire",
        access=access,
        data={"ended_on": ended_on.isoformat(), "note": note},
    )


def agreement_abandon(*, agreement: Agreement, access: Access, note: str) -> Matter:
    """A draft the parties will not sign: it stays, abandoned, with the reason on its timeline."""
    return transition(matter=agreement, name="abandon", access=access, data={"note": note})


def agreement_replace(*, agreement: Agreement, access: Access, replaced_by: Agreement) -> Matter:
    return transition(
        matter=agreement, name="replace", access=access, data={"replaced_by": replaced_by.pk}
    )


# -- liaison persons ---------------------------------------------------------------------------


@durable
def liaison_person_name(
    *, agreement: Agreement, organisation: Organisation, person: User, access: Access
) -> LiaisonPerson:
    """Name ``person`` the liaison person of party ``organisation`` under ``agreement``: the
    current one's term ends now and the new one's starts (the history stays). By the party's
    own administrator or its current liaison person (``selectors.may_name_liaison``); the
    person must be one of the party's active staff. On the timeline and in the audit log; the
    person named is told."""
    locked = Agreement.objects.select_for_update(of=("matter_ptr",)).get(pk=agreement.pk)
    if not may_name_liaison(access, locked, organisation):
        raise TransitionForbidden(
            _("Only the party's administrator or its liaison person names its liaison person.")
        )
    if not liaison_candidates(organisation).filter(pk=person.pk).exists():
        raise WorkflowError(_("The liaison person is one of the party's own members."))
    current = LiaisonPerson.objects.filter(
        agreement=locked, organisation=organisation, ended_at__isnull=True
    ).first()
    if current is not None and current.person_id == person.pk:
        raise WorkflowError(_("This person is the party's liaison person already."))
    now = timezone.now()
    if current is not None:
        current.ended_at = now
        current.save(update_fields=["ended_at"])
    row = LiaisonPerson.objects.create(
        agreement=locked,
        organisation=organisation,
        person=person,
        started_at=now,
        named_by=access.user,
    )
    record_event(
        matter=locked,
        access=access,
        action=NAMED,
        note=f"{organisation.name}：{person.name}",
        data={
            "organisation": organisation.pk,
            "person": person.pk,
            "previous": current.person_id if current is not None else None,
        },
        subject=person,
    )
    return row
