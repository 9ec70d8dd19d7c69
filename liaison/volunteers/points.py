"""What earns a volunteer points, in one place: reactions to other mechanisms' steps.

Each runs inside the step's or event's transaction (``workflow.registry.react``): a clue
accepted, a hearing held with its attendance recorded, a supervision report on a public-interest
case accepted by the prosecutors handling it. Only registered volunteers earn points; the
ledger's unique constraint keeps every event to one entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from liaison.core.access import Access
from liaison.workflow.models import Matter, MatterParty, Relation
from liaison.workflow.registry import react

from .actions import points_award
from .models import PointsReason, Volunteer
from .selectors import points_for


def award_for_accepted_clue(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The volunteers who reported the clue while logged in earn the points for it."""
    reporters = MatterParty.objects.filter(
        matter=matter, relation=Relation.REPORTER, person__isnull=False
    ).values("person_id")
    points = points_for(PointsReason.CLUE_ACCEPTED)
    for volunteer in Volunteer.objects.filter(person_id__in=reporters).select_related("person"):
        points_award(
            person=volunteer.person,
            reason=PointsReason.CLUE_ACCEPTED,
            matter=matter,
            points=points,
        )


def award_for_attendance(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The volunteers recorded as present at the hearing earn the points for attending."""
    from liaison.hearings.models import HearingRole, Participant

    present = Participant.objects.filter(
        hearing_id=matter.pk, invitation__state="attended", role=HearingRole.VOLUNTEER
    ).values("person_id")
    points = points_for(PointsReason.HEARING_ATTENDED)
    for volunteer in Volunteer.objects.filter(person_id__in=present).select_related("person"):
        points_award(
            person=volunteer.person,
            reason=PointsReason.HEARING_ATTENDED,
            matter=matter,
            points=points,
        )


def award_for_accepted_report(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The volunteer whose supervision report (an on-site observation) was accepted earns the
    points for it: each report its own, once."""
    volunteer = (
        Volunteer.objects.filter(person_id=data.get("author")).select_related("person").first()
    )
    if volunteer is None:
        return
    points_award(
        person=volunteer.person,
        reason=PointsReason.SUPERVISION_REPORT,
        matter=matter,
        points=points_for(PointsReason.SUPERVISION_REPORT),
        ref=f"observation:{data['observation']}",
    )


#: The public-interest cases' event of an accepted supervision report (its workflows declare it).
REPORT_ACCEPTED = "publicinterest.case.report_accepted"


def register_reactions() -> None:
    react("publicinterest.clue", "accept", award_for_accepted_clue)
    react("hearings.hearing", "hold", award_for_attendance)
    for case_type in ("publicinterest.admin_case", "publicinterest.civil_case"):
        react(case_type, REPORT_ACCEPTED, award_for_accepted_report)
