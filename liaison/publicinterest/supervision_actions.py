"""Following a case's rectification on site: on-site observations (the handler's, and the
reports of volunteer supervisors with their review), and assigning and withdrawing those
volunteer rectification supervisors. The rest of a case's and clue's actions are in
``actions.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.audit.actions import audit_record
from liaison.core.access import Access, access_for
from liaison.core.transactions import durable
from liaison.notifications.actions import notify
from liaison.volunteers.ages import minimum_age_for, too_young
from liaison.volunteers.selectors import is_rectification_supervisor
from liaison.workflow.actions import record_event
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import MatterParty, Relation
from liaison.workflow.opening import add_parties, remove_parties
from liaison.workflow.selectors import people_who_are

from .actions import case_params
from .case_parts import (
    ASSIGN_SUPERVISOR,
    HANDLER,
    OBSERVATION_EVENT,
    OBSERVE,
    REPORT_ACCEPTED_EVENT,
    REPORT_NOT_ACCEPTED_EVENT,
    REVIEW_REPORT,
    SUPERVISOR_ASSIGNED_EVENT,
    SUPERVISOR_WITHDRAWN_EVENT,
)
from .clue_actions import (
    store_photos,
)
from .models import (
    OBSERVATION_PHOTO_PURPOSE,
    Observation,
    PILCase,
    Review,
)

if TYPE_CHECKING:
    from liaison.accounts.models import User


# -- on-site observations ------------------------------------------------------------------------


def observation_file(
    *,
    case: PILCase,
    author: User,
    observed_on: date,
    finding: str,
    note: str,
    photos: Iterable[tuple[Any, str]] = (),
    **_ignored: Any,
) -> Observation:
    """Record what ``author`` saw on site while the rectification is followed, with photos
    (checked (file, content type) pairs; stored without their metadata, like a reporter's).

    Who may, and when: the case type's act ``OBSERVE`` (``case_parts.OBSERVERS``, the case's
    handler and those above them, whose observations count at once because they review the
    reports, and its volunteer rectification supervisors, whose reports wait for review
    (``observation_review``; the handler is told); in ``case_parts.OBSERVABLE_STATES``). The
    observation goes on the case's timeline; closing as rectified needs the latest accepted one
    to have found the problem rectified.
    """
    access = access_for(author)
    reading = case.workflow.policy.reading(access, case)
    if not reading.stands_for(OBSERVE):
        raise TransitionForbidden(
            _("Only those following this case's rectification may record on-site observations.")
        )
    if not reading.may(OBSERVE):
        raise WorkflowError(
            _(
                "On-site observations are recorded while the rectification is followed up: "
                "after the recommendation is served, or after the judgment."
            )
        )
    now = timezone.now()
    values: dict[str, Any] = {"observed_on": observed_on, "finding": finding, "note": note}
    if reading.stands_for(REVIEW_REPORT):
        values.update(review=Review.ACCEPTED, reviewed_by=author, reviewed_at=now)
    else:
        values.update(review=Review.PENDING)
    return _observation_store(case=case, author=author, access=access, values=values, photos=photos)


@durable
def _observation_store(
    *,
    case: PILCase,
    author: User,
    access: Access,
    values: dict[str, Any],
    photos: Iterable[tuple[Any, str]],
) -> Observation:
    observation = Observation(case=case, author=author, **values)
    observation.full_clean()
    observation.save()
    stored = store_photos(
        photos, uploaded_by=author, matter=case, purpose=OBSERVATION_PHOTO_PURPOSE
    )
    observation.photos.set(stored)
    record_event(
        matter=case,
        access=access,
        action=OBSERVATION_EVENT,
        note=observation.note,
        data={
            "finding": observation.finding,
            "observed_on": observation.observed_on,
            "review": observation.review,
        },
    )
    audit_record(
        actor=author,
        action="publicinterest.observation.file",
        obj=observation,
        payload={"case": case.pk, "finding": observation.finding, "photos": len(stored)},
    )
    if observation.review == Review.PENDING:
        notify(
            recipients=people_who_are(case, [HANDLER]),
            event="publicinterest.case.report",
            text=_(
                "%(actor)s, a volunteer supervisor, filed an on-site report on %(number)s: "
                "accept it or not on the case's page."
            ),
            params=case_params(case, author),
            matter=case,
            actor=author,
            channels=("email",),
        )
    return observation


@durable
def observation_review(
    *, observation: Observation, access: Access, accept: bool, note: str = ""
) -> Observation:
    """Accept a volunteer supervisor's report, or not with the reason they read. An accepted
    report counts like the handler's own observation (for closing as rectified) and earns the
    volunteer points (``volunteers.points`` reacts to the event); the supervisor is told either
    way. Two reviewers at once: the report is locked, the second is told it was reviewed."""
    observation = (
        Observation.objects.select_for_update(of=("self",))
        .select_related("case", "author")
        .get(pk=observation.pk)
    )
    case = observation.case
    if access.user is None or not case.workflow.policy.may(access, case, REVIEW_REPORT):
        raise TransitionForbidden(
            _("Only the prosecutors handling this case review its supervisors' reports.")
        )
    if observation.review != Review.PENDING:
        raise WorkflowError(_("This report has already been reviewed."))
    note = note.strip()
    if not accept and not note:
        raise ValidationError(
            {"note": _("Say why the report is not accepted: the supervisor reads it.")}
        )
    observation.review = Review.ACCEPTED if accept else Review.NOT_ACCEPTED
    observation.reviewed_by, observation.reviewed_at = access.user, timezone.now()
    observation.review_note = note
    observation.save(update_fields=["review", "reviewed_by", "reviewed_at", "review_note"])
    record_event(
        matter=case,
        access=access,
        action=REPORT_ACCEPTED_EVENT if accept else REPORT_NOT_ACCEPTED_EVENT,
        note=note,
        data={"observation": observation.pk, "author": observation.author_id},
    )
    notify(
        recipients=[observation.author],
        event=REPORT_ACCEPTED_EVENT if accept else REPORT_NOT_ACCEPTED_EVENT,
        text=_("Your supervision report on %(number)s was accepted. Thank you.")
        if accept
        else _(
            "Your supervision report on %(number)s was not accepted; the reason is on the "
            "case's supervision page."
        ),
        params=case_params(case, access.user),
        matter=case,
        actor=access.user,
        channels=("email",),
    )
    return observation


# -- volunteer supervisors of rectification ------------------------------------------------------


def _may_assign(access: Access, case: PILCase) -> None:
    """Refuse, with the reason, anyone the case type's act ``ASSIGN_SUPERVISOR`` does not let
    assign or withdraw a supervisor now."""
    reading = case.workflow.policy.reading(access, case)
    if access.user is None or not reading.stands_for(ASSIGN_SUPERVISOR):
        raise TransitionForbidden(
            _("Only the prosecutors handling this case assign its rectification supervisors.")
        )
    if not reading.may(ASSIGN_SUPERVISOR):
        raise WorkflowError(_("This case is closed: its rectification is no longer followed."))


@durable
def supervisor_assign(*, case: PILCase, access: Access, person: User) -> None:
    """Assign ``person``, a volunteer who took on the rectification supervisor role, to follow
    the rectification of ``case`` on site; they are told, and see the case's supervision page
    (an outside relation: never the case's own page). Refused for anyone else, for a person
    under the minimum age for volunteer roles, for a closed case, and for someone already
    assigned."""
    _may_assign(access, case)
    if not person.is_active or not is_rectification_supervisor(person):
        raise WorkflowError(
            _(
                "%(name)s is not a volunteer rectification supervisor: only volunteers who took "
                "on that role can be assigned."
            )
            % {"name": person.display_name}
        )
    minimum = minimum_age_for(person)
    if too_young(person, minimum):
        raise WorkflowError(
            _(
                "%(name)s cannot be assigned: volunteer roles are for people aged %(age)d or "
                "older, and their resident ID number does not show that age."
            )
            % {"name": person.display_name, "age": minimum}
        )
    if MatterParty.objects.filter(
        matter=case, relation=Relation.SUPERVISOR, person=person
    ).exists():
        raise WorkflowError(
            _("%(name)s already supervises this case.") % {"name": person.display_name}
        )
    add_parties(matter=case, supervisors=[person])
    _tell_supervisor(
        case=case,
        access=access,
        person=person,
        action=SUPERVISOR_ASSIGNED_EVENT,
        text=_(
            "%(actor)s asks you to supervise the rectification in public-interest case "
            "%(number)s, at %(place)s. Its supervision page says what must be corrected; report "
            "what you see on site there."
        ),
        # Not the case's title: it quotes the clue, which supervisors do not read.
        params={
            "actor": case.owner.name,
            "number": case.case_number or "",
            "place": case.division.full_name,
        },
    )


@durable
def supervisor_withdraw(*, case: PILCase, access: Access, person: User) -> None:
    """Withdraw a supervisor from ``case`` (they moved away, or asked to stop). Their reports
    stay on the case; they are told and no longer see its supervision page."""
    _may_assign(access, case)
    if not remove_parties(matter=case, relation=Relation.SUPERVISOR, people=[person]):
        raise WorkflowError(
            _("%(name)s does not supervise this case.") % {"name": person.display_name}
        )
    _tell_supervisor(
        case=case,
        access=access,
        person=person,
        action=SUPERVISOR_WITHDRAWN_EVENT,
        text=_("You no longer supervise the rectification in public-interest case %(number)s."),
        params=case_params(case, access.user),
        channels=("email",),
        links=False,  # the case's page would answer 404 now
    )


def _tell_supervisor(
    *,
    case: PILCase,
    access: Access,
    person: User,
    action: str,
    text: Any,
    params: dict[str, str],
    channels: tuple[str, ...] = ("email", "sms"),
    links: bool = True,
) -> None:
    """Put a supervisor's assignment or withdrawal on the case's timeline and tell them (with a
    link to the case, which sends them to its supervision page, while they supervise it)."""
    record_event(
        matter=case,
        access=access,
        action=action,
        note=person.display_name,
        data={"person": person.pk},
    )
    notify(
        recipients=[person],
        event=action,
        text=text,
        params=params,
        matter=case if links else None,
        actor=access.user,
        channels=channels,
    )
