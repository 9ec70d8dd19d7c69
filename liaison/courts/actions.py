"""The courts' actions: a recommendation to a court (drafted alone, or a supervision case's
step), a supervision case opened and moved, a case shared, a register imported. Each is
``durable`` at the outside; the steps' effects run inside the engine's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError
from django.utils.translation import gettext_lazy as _

from liaison.attachments.actions import attachments_upload
from liaison.audit.actions import audit_record
from liaison.core.access import Access
from liaison.core.transactions import durable
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.recommendations.actions import recommendation_draft
from liaison.recommendations.models import Recommendation
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Matter
from liaison.workflow.opening import add_parties, apply_open

from . import recommending, registers, selectors
from .models import (
    APPLICATION_PURPOSE,
    EXPLANATION_PURPOSE,
    CourtRecommendation,
    EnforcementCase,
    EnforcementShare,
    Origin,
    RegisterImport,
    SupervisionCase,
)

NOT_PARTNER = _("Your procuratorate does not work with this court on the platform.")
NOT_SHARED = _("The court has not shared this enforcement case with your procuratorate.")
NOT_YOURS = _("You do not keep this court's enforcement register.")


def _prosecuting(access: Access, owner: Organisation) -> None:
    if not selectors.procuratorates_prosecuting(access).filter(pk=owner.pk).exists():
        raise TransitionForbidden(_("Only a prosecutor of the procuratorate may do this."))


def _draft_to_court(
    *,
    kind: str,
    owner: Organisation,
    court: Organisation,
    access: Access,
    court_case_number: str,
    source: Matter | None = None,
    **text: Any,
) -> Recommendation:
    recommendation = recommendation_draft(
        kind=kind, owner=owner, addressee=court, access=access, source=source, **text
    )
    if court_case_number:
        CourtRecommendation.objects.create(
            recommendation=recommendation, court_case_number=court_case_number
        )
    return recommendation


@durable
def court_recommendation_open(
    *,
    access: Access,
    owner: Organisation,
    kind: str,
    court: Organisation,
    court_case_number: str = "",
    title: str,
    facts: str,
    opinion: str,
    measures: str,
    urgent: bool = False,
    **_ignored: Any,
) -> Recommendation:
    """Draft a recommendation of one of the courts' kinds to a court the procuratorate works
    with, on its own (not from a supervision case); the prosecutor handles it."""
    _prosecuting(access, owner)
    if kind not in {k.code for k in recommending.KINDS}:
        raise WorkflowError(_("Choose one of the kinds offered."))
    if not selectors.partners_of_kind(owner, OrganisationKind.COURT).filter(pk=court.pk).exists():
        raise TransitionForbidden(NOT_PARTNER)
    return _draft_to_court(
        kind=kind,
        owner=owner,
        court=court,
        access=access,
        court_case_number=court_case_number,
        title=title,
        facts=facts,
        opinion=opinion,
        measures=measures,
        urgent=urgent,
    )


# -- the supervision case ------------------------------------------------------------------------


@durable
def supervision_open(
    *,
    access: Access,
    owner: Organisation,
    case: EnforcementCase,
    kind: str,
    origin: str,
    grounds: str,
    applicant_name: str = "",
    application: list[tuple[Any, str]] | None = None,
    **_ignored: Any,
) -> SupervisionCase:
    """Open supervision of a case the court shared with ``owner``, on a party's application
    (with the application and its evidence) or on the procuratorate's own initiative."""
    _prosecuting(access, owner)
    if selectors.shared_case(owner, case.pk) is None:
        raise TransitionForbidden(NOT_SHARED)
    if origin == Origin.APPLICATION and not application:
        raise WorkflowError(_("Attach the application."))
    matter = apply_open(
        workflow=kind,
        owner=owner,
        access=access,
        fields={
            "title": f"{case.case_number}执行监督",
            "enforcement_case": case,
            "origin": origin,
            "applicant_name": applicant_name if origin == Origin.APPLICATION else "",
            "grounds": grounds,
        },
        partners=[case.court],
        handlers=[access.user] if access.user is not None else [],
        start="accept",
    )
    assert isinstance(matter, SupervisionCase)
    if application and access.user is not None:
        attachments_upload(
            files=[(file, APPLICATION_PURPOSE) for file, _type in application],
            uploaded_by=access.user,
            matter=matter,
        )
    return matter


def recommend_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The supervision's ``recommend`` step: draft the recommendation of the case's kind to the
    court, naming its case number."""
    case = SupervisionCase.objects.select_related("enforcement_case__court").get(pk=matter.pk)
    kind = (
        recommending.ENFORCEMENT
        if matter.matter_type == "courts.enforcement"
        else recommending.NONLITIGATION
    )
    _draft_to_court(
        kind=kind.code,
        owner=case.owner,
        court=case.enforcement_case.court,
        access=access,
        court_case_number=case.enforcement_case.case_number,
        source=case,
        title=data["title"],
        facts=data["facts"],
        opinion=data["opinion"],
        measures=data["measures"],
        urgent=data.get("urgent", False),
    )


def refer_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The public security organ chosen (among those the step's form offers) is kept on the case
    and becomes its partner: it sees the supervision from now on and answers."""
    police = data["police"]
    SupervisionCase.objects.filter(pk=matter.pk).update(
        police=police, outcome_reasons=data["reasons"]
    )
    add_parties(matter=matter, partners=[police])


def police_filed_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    SupervisionCase.objects.filter(pk=matter.pk).update(
        police_filed_on=data["filed_on"],
        police_case_number=data.get("police_case_number", ""),
        police_answer=data.get("note", ""),
    )


def police_declined_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    SupervisionCase.objects.filter(pk=matter.pk).update(police_answer=data["reasons"])


def reasons_asked_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    SupervisionCase.objects.filter(pk=matter.pk).update(reasons_request=data["reasons"])


def police_explained_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The organ's written reasons for not filing, and their documents kept as the matter's
    files (the procuratorate and the organ see them; the court does not)."""
    SupervisionCase.objects.filter(pk=matter.pk).update(police_explanation=data["reasons"])
    files = [(file, EXPLANATION_PURPOSE) for file, _type in data.get("documents") or ()]
    if files and access.user is not None:
        attachments_upload(files=files, uploaded_by=access.user, matter=matter)


def filing_reviewed_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The procuratorate's conclusion on the organ's reasons: accepted, or untenable (and the
    organ notified to file)."""
    SupervisionCase.objects.filter(pk=matter.pk).update(filing_review=data["reasons"])


def close_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    SupervisionCase.objects.filter(pk=matter.pk).update(outcome_reasons=data["reasons"])


# -- the court's register ------------------------------------------------------------------------


def _keeper(access: Access, court: Organisation) -> None:
    if not selectors.courts_kept_by(access).filter(pk=court.pk).exists():
        raise TransitionForbidden(NOT_YOURS)


def _partner(court: Organisation, procuratorate: Organisation) -> None:
    reachable = selectors.partners_of_kind(court, OrganisationKind.PROCURATORATE)
    if not reachable.filter(pk=procuratorate.pk).exists():
        raise TransitionForbidden(NOT_PARTNER)


@durable
def case_share(
    *, access: Access, court: Organisation, case_number: str, procuratorate: Organisation
) -> EnforcementShare:
    """An enforcement officer grants a procuratorate access to one case of the court's."""
    _keeper(access, court)
    _partner(court, procuratorate)
    user = access.user
    assert user is not None
    case = EnforcementCase.objects.filter(court=court, case_number=case_number).first()
    if case is None:
        raise WorkflowError(_("No case with this number is in the court's register."))
    share, created = EnforcementShare.objects.get_or_create(
        case=case, procuratorate=procuratorate, defaults={"granted_by": user}
    )
    if created:
        audit_record(
            actor=access.user,
            action="courts.case_shared",
            obj=case,
            payload={"procuratorate": procuratorate.pk},
        )
    return share


@durable
def register_import(
    *,
    access: Access,
    court: Organisation,
    procuratorate: Organisation,
    name: str,
    content: bytes,
) -> RegisterImport:
    """Import a court's register, every row or none: a row rejected (or a file unreadable)
    imports nothing, and the import keeps the rejected rows for the report. The court's row is
    locked meanwhile, so two imports at once do not both add the same case number."""
    _keeper(access, court)
    _partner(court, procuratorate)
    user = access.user
    assert user is not None
    Organisation.objects.select_for_update().filter(pk=court.pk).first()
    existing = EnforcementCase.objects.filter(court=court).values_list("case_number", flat=True)
    register = registers.read_register(name, content, existing=existing)
    record = RegisterImport.objects.create(
        court=court,
        procuratorate=procuratorate,
        uploaded_by=user,
        file_name=name[:255],
        rows=len(register.rows),
    )
    rejected = [
        {"row": row.number, "case_number": row.case_number, "errors": row.errors}
        for row in register.rejected
    ]
    if register.problem:
        rejected.insert(0, {"row": 1, "case_number": "", "errors": [str(register.problem)]})
    if rejected:
        record.rejected = rejected
        record.save(update_fields=["rejected"])
        return record
    try:
        cases = EnforcementCase.objects.bulk_create(
            [
                EnforcementCase(
                    court=court,
                    case_number=row.case_number,
                    applicant=row.applicant,
                    respondent=row.respondent,
                    amount=row.amount or Decimal(0),
                    filed_on=row.filed_on or date.min,
                    closed_on=row.closed_on,
                    imported=record,
                )
                for row in register.rows
            ]
        )
    except IntegrityError:
        raise WorkflowError(
            _("Another import added some of these cases first; try again.")
        ) from None
    if not cases[0].pk:
        cases = list(EnforcementCase.objects.filter(imported=record))
    EnforcementShare.objects.bulk_create(
        [EnforcementShare(case=c, procuratorate=procuratorate, granted_by=user) for c in cases]
    )
    record.imported = len(cases)
    record.save(update_fields=["imported"])
    audit_record(
        actor=access.user,
        action="courts.register_imported",
        obj=record,
        payload={"cases": len(cases), "procuratorate": procuratorate.pk},
    )
    return record
