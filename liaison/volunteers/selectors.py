"""Reads for volunteers: their clues, points, organisations and the training they may read.

"My clues" goes through the engine's visibility policy and the reporter relation, so it lists
exactly the clues the person reported while logged in (an anonymous report has no reporter).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from liaison.core.access import Access
from liaison.orgs.models import Membership, Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.models import MatterParty, Relation
from liaison.workflow.selectors import matters_visible_to

from .models import (
    DEFAULT_POINTS,
    PointsEntry,
    PointsRule,
    TrainingMaterial,
    Volunteer,
    VolunteerRole,
)

if TYPE_CHECKING:
    from liaison.accounts.models import User
    from liaison.publicinterest.models import Clue


def volunteer_of(person: Any) -> Volunteer | None:
    if person is None or not getattr(person, "is_authenticated", False):
        return None
    return Volunteer.objects.filter(person=person).prefetch_related("roles").first()


def is_volunteer(access: Access) -> bool:
    return (
        access.user_id is not None and Volunteer.objects.filter(person_id=access.user_id).exists()
    )


def has_volunteer_page(access: Access) -> bool:
    """Whether "my volunteer page" is for this user: a registered volunteer who is no
    organisation's staff. Registering makes an account of its own (``volunteer_register``), and
    staff act as staff, so the menu asks no query of staff."""
    return not access.staff_organisation_ids and is_volunteer(access)


def rectification_supervisors() -> QuerySet[User]:
    """The people who may be assigned to supervise a case's rectification: active accounts whose
    volunteer profile holds the rectification supervisor role (a role is held once, so the
    join repeats nobody)."""
    from liaison.accounts.models import User

    return User.objects.filter(
        is_active=True, volunteer__roles__role=VolunteerRole.RECTIFICATION_SUPERVISOR
    ).order_by("name", "pk")


def is_rectification_supervisor(person: Any) -> bool:
    return rectification_supervisors().filter(pk=person.pk).exists()


#: How recent a volunteer's last act must be for them to count as active.
ACTIVE_DAYS = 90


def active_volunteer_count(*, under: str, days: int = ACTIVE_DAYS) -> int:
    """How many volunteers are active for the procuratorates whose tree ``path`` starts with
    ``under`` (one procuratorate and everything below it).

    An active volunteer is a registered volunteer (``Volunteer``) who, in the last ``days``
    days, did at least one of the three things seed 004 asks of them, for one of those
    procuratorates: reported a clue while logged in and not anonymously (they are its
    reporter), filed an on-site report on one of its cases as a rectification supervisor
    (whatever became of the report), or attended one of its hearings (recorded present, the
    hearing held in that time). Each counts once, however much they did. One query."""
    from liaison.hearings.models import Participant
    from liaison.publicinterest.models import Observation
    from liaison.publicinterest.workflows import CLUE

    since = timezone.now() - timedelta(days=days)
    reported = MatterParty.objects.filter(
        relation=Relation.REPORTER,
        matter__matter_type=CLUE.name,
        matter__owner__path__startswith=under,
        matter__created_at__gte=since,
    ).values("person_id")
    supervised = Observation.objects.filter(
        case__owner__path__startswith=under, created_at__gte=since
    ).values("author_id")
    attended = Participant.objects.filter(
        hearing__owner__path__startswith=under,
        hearing__scheduled_at__gte=since,
        hearing__scheduled_at__lte=timezone.now(),
        invitation__state="attended",
    ).values("person_id")
    return Volunteer.objects.filter(
        Q(person_id__in=reported) | Q(person_id__in=supervised) | Q(person_id__in=attended)
    ).count()


def points_for(reason: str) -> int:
    """The points ``reason`` earns now: the administrators' rule, else the default."""
    rule = PointsRule.objects.filter(reason=reason).values_list("points", flat=True).first()
    return rule if rule is not None else DEFAULT_POINTS.get(reason, 0)


def points_total(person: Any) -> int:
    return PointsEntry.objects.filter(person=person).aggregate(total=Sum("points"))["total"] or 0


def points_history(person: Any) -> QuerySet[PointsEntry]:
    return PointsEntry.objects.filter(person=person).select_related("matter").order_by("-at", "-pk")


def clues_reported_by(access: Access) -> QuerySet[Clue]:
    """The clues this person reported while logged in, newest first. A clue transferred to
    another procuratorate is shown once, as the clue that procuratorate handles now."""
    from liaison.publicinterest.models import Clue
    from liaison.publicinterest.workflows import CLUE

    if access.user_id is None:
        return Clue.objects.none()
    reported = MatterParty.objects.filter(
        matter_id=OuterRef("pk"), relation=Relation.REPORTER, person_id=access.user_id
    )
    visible = matters_visible_to(access).filter(matter_type=CLUE.name).values("pk")
    return (
        Clue.objects.filter(Exists(reported), pk__in=visible)
        .exclude(state=CLUE.state("transferred"), transferred_to__isnull=False)
        # The clues they wrote; those they added to or that theirs was merged into are
        # listed by field, coarse place and state (``publicinterest.selectors.
        # clue_words_visible_to``): another person's words and query code are not theirs.
        .annotate(
            own_words=ExpressionWrapper(
                Q(reported_by_id=access.user_id), output_field=BooleanField()
            )
        )
        .select_related("field", "owner", "division__parent__parent", "case")
        .order_by("-created_at", "-pk")
    )


def volunteer_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        kind=OrganisationKind.VOLUNTEER_ORGANISATION, is_active=True
    ).order_by("division_id", "name")


def memberships_of(person: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(
        person=person, role=Role.VOLUNTEER, is_active=True
    ).select_related("organisation")


def may_publish_training_for(access: Access, organisation: Organisation) -> bool:
    """A volunteer organisation's coordinators, or a procuratorate's staff."""
    if access.is_system:
        return True
    if organisation.kind == OrganisationKind.VOLUNTEER_ORGANISATION:
        return access.has_role(organisation.pk, {Role.VOLUNTEER_COORDINATOR})
    if organisation.kind == OrganisationKind.PROCURATORATE:
        return access.is_staff_of(organisation.pk)
    return False


def training_publishers_for(access: Access) -> QuerySet[Organisation]:
    """The organisations for which this user may publish training material."""
    ids = [
        s.organisation_id
        for s in access.seats
        if (
            s.kind == OrganisationKind.VOLUNTEER_ORGANISATION
            and s.role == Role.VOLUNTEER_COORDINATOR
        )
        or (
            s.kind == OrganisationKind.PROCURATORATE
            and s.organisation_id in access.staff_organisation_ids
        )
    ]
    return Organisation.objects.filter(pk__in=ids, is_active=True).order_by("path")


def training_visible_to(access: Access) -> QuerySet[TrainingMaterial]:
    """Every registered volunteer reads all training material; staff read their own
    organisation's (to check what they published). Nobody else reads any."""
    if access.is_system or is_volunteer(access):
        materials = TrainingMaterial.objects.all()
    elif access.staff_organisation_ids:
        materials = TrainingMaterial.objects.filter(publisher_id__in=access.staff_organisation_ids)
    else:
        materials = TrainingMaterial.objects.none()
    return materials.select_related("publisher", "file").order_by("-published_at", "-pk")


def get_training_for(access: Access, pk: int) -> TrainingMaterial:
    """The material with this id, or 404 whether it is missing or not for this user."""
    material = training_visible_to(access).filter(pk=pk).first()
    if material is None:
        raise Http404("No such training material.")
    return material
