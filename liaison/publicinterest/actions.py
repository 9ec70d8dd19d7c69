"""Adding to a clue and merging clues; opening and filing the case that follows an accepted
clue; on-site observations and their supervisors. Reporting a clue and transferring one are in
``clue_actions.py``; who reported one is ``liaison.identities``; the recommendation's are in
``liaison.recommendations`` (its use here: ``recommending.py``).

Every change of a clue's, case's or recommendation's state is a workflow transition
(``workflows.py``); the functions here called from a step's effect join its transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.audit.actions import audit_record
from liaison.core.access import SYSTEM, Access, access_for
from liaison.core.transactions import durable
from liaison.notifications.actions import notify
from liaison.orgs.models import Organisation
from liaison.volunteers.ages import minimum_age_for, too_young
from liaison.volunteers.selectors import is_rectification_supervisor
from liaison.workflow.actions import (
    add_parties,
    apply_open,
    record_event,
    remove_parties,
)
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Matter, MatterParty, Relation
from liaison.workflow.selectors import people_who_are

from .clue_actions import (
    store_photos,
    store_reporter_files,
    stored_once,
    unused_query_code,
)
from .models import (
    OBSERVATION_PHOTO_PURPOSE,
    CaseKind,
    Clue,
    ClueAddition,
    Observation,
    PILCase,
    Review,
)
from .selectors import (
    addition_for_submission,
    clues_of_case,
)
from .workflows import (
    ADDITION_EVENT,
    ADMIN_CASE,
    ASSIGN_SUPERVISOR,
    CIVIL_CASE,
    CLUE_OFFICER,
    HANDLER,
    MERGED_IN_EVENT,
    OBSERVATION_EVENT,
    OBSERVE,
    REPORT_ACCEPTED_EVENT,
    REPORT_NOT_ACCEPTED_EVENT,
    REPORTER,
    REVIEW_REPORT,
    SUPERVISOR,
    SUPERVISOR_ASSIGNED_EVENT,
    SUPERVISOR_WITHDRAWN_EVENT,
)

if TYPE_CHECKING:
    from liaison.accounts.models import User


# -- "I see this too", and merging duplicates ----------------------------------------------------


class ClueClosed(WorkflowError):
    """The clue was decided (or merged) meanwhile: nothing can be added to it any more."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "That clue was decided meanwhile and takes no more reports. Send yours as a "
                "new clue."
            )
        )


def clue_add_to(
    *,
    clue: Clue,
    submission_key: uuid.UUID,
    description: str,
    seen_on: date,
    anonymous: bool,
    reporter_name: str = "",
    reporter_mobile: str = "",
    photos: Iterable[tuple[Any, str]] = (),
    reporter: User | None = None,
    **_ignored: Any,
) -> tuple[ClueAddition, bool]:
    """ "I see this too": add a further report (what the reporter saw, their photos and videos,
    who they are unless anonymous) to the open ``clue`` about the same problem, instead of
    filing a clue of its own; returns the addition and whether it is new.

    The addition gets its own query code, which shows the clue's progress. A logged-in reporter
    who is not anonymous becomes one of the clue's reporters (told of its outcome, and it is in
    their "my clues"). The clue's other reporters are told that someone else reported it too,
    never who; and the addition's reporter learns nothing of them. The clue officers see the
    addition on the clue's page, the reporter's name only through the audited look, as for a
    clue. A retried submission (the same key) returns the addition already stored; a clue
    decided meanwhile raises ``ClueClosed`` and nothing is stored.
    """
    existing = addition_for_submission(submission_key)
    if existing is not None:
        return existing, False
    person = reporter if reporter is not None and reporter.is_authenticated else None
    if anonymous:
        reporter_name, reporter_mobile, person = "", "", None
    values = {
        "description": description,
        "seen_on": seen_on,
        "anonymous": anonymous,
        "reporter_name": reporter_name,
        "reporter_mobile": reporter_mobile,
        "reporter": person,
        "submission_key": submission_key,
    }
    return stored_once(
        lambda: _add(clue=clue, values=values, photos=photos),
        lambda: addition_for_submission(submission_key),
    )


@durable
def _add(
    *,
    clue: Clue,
    values: dict[str, Any],
    photos: Iterable[tuple[Any, str]],
) -> ClueAddition:
    # Locked so that a decision taken at this moment comes before or after, never beside.
    locked = Clue.objects.select_for_update(of=("matter_ptr",)).filter(pk=clue.pk).first()
    if locked is None or locked.state not in _open_states():
        raise ClueClosed()
    told = list(people_who_are(locked, (REPORTER,)))
    addition = ClueAddition(clue=locked, query_code=unused_query_code(), **values)
    addition.full_clean()
    addition.save()
    person = values["reporter"]
    stored = store_reporter_files(photos, uploaded_by=person, matter=locked)
    addition.files.set(stored)
    if person is not None:
        add_parties(matter=locked, reporters=[person])
    record_event(
        matter=locked,
        access=SYSTEM,
        action=ADDITION_EVENT,
        data={"addition": addition.pk, "files": len(stored), "anonymous": addition.anonymous},
    )
    params = {"number": locked.case_number or "", "title": locked.title}
    notify(
        recipients=[p for p in told if p != person],
        event=ADDITION_EVENT,
        text=_(
            "Someone else reported the problem of your public-interest clue %(number)s too; "
            "their report was added to it."
        ),
        params=params,
        matter=locked,
    )
    notify(
        recipients=people_who_are(locked, (CLUE_OFFICER,)),
        event=ADDITION_EVENT,
        text=_("A further report was added to public-interest clue %(number)s: %(title)s"),
        params=params,
        matter=locked,
        channels=("email",),
    )
    return addition


def clue_merge(*, clue: Matter, target: Clue, access: Access) -> None:
    """Merge ``clue`` into ``target``, an open clue of the same procuratorate about the same
    problem: ``clue``'s reporters become ``target``'s (told of its outcome from now on), the
    target's timeline records it, and the query codes of ``clue`` (and of its additions) show
    the target's progress. Runs inside the ``merge`` step, after its conditional update moved
    ``clue`` to "merged"; the target is locked, so a decision on it taken at the same moment
    comes first (and the merge is refused) or after (and finds the new reporters)."""
    assert isinstance(clue, Clue)
    locked = Clue.objects.select_for_update(of=("matter_ptr",)).filter(pk=target.pk).first()
    if (
        locked is None
        or locked.pk == clue.pk
        or locked.owner_id != clue.owner_id
        or locked.state not in _open_states()
    ):
        raise WorkflowError(
            _("Merge into another clue of this procuratorate that is still being assessed.")
        )
    Clue.objects.filter(pk=clue.pk).update(merged_into=locked)
    clue.merged_into = locked
    reporters = clue.parties.filter(relation=Relation.REPORTER, person__isnull=False)
    add_parties(matter=locked, reporters=[party.person for party in reporters])
    record_event(
        matter=locked,
        access=access,
        action=MERGED_IN_EVENT,
        note=clue.case_number or "",
        data={"clue": clue.pk},
    )


def _open_states() -> list[str]:
    from .duplicates import open_states

    return open_states()


# -- cases ---------------------------------------------------------------------------------------


def case_open_from_clue(
    *,
    clue: Matter,
    access: Access,
    kind: str | None,
    administrative_agency: Organisation | None = None,
    case: PILCase | None = None,
) -> PILCase:
    """The case an accepted clue goes into: a new one of ``kind`` at the clue's procuratorate
    (numbered there, e.g. 同检行公〔2026〕1号), or ``case``, one already open there. Runs inside
    the clue's ``accept`` step (its effect)."""
    assert isinstance(clue, Clue)
    if case is not None:
        if case.owner_id != clue.owner_id or case.is_closed:
            raise WorkflowError(_("Add the clue to a case still open at this procuratorate."))
    else:
        workflow = ADMIN_CASE if kind == CaseKind.ADMINISTRATIVE else CIVIL_CASE
        opened = apply_open(
            workflow=workflow,
            owner=clue.owner,
            access=access,
            fields={
                "title": clue.title,
                "urgent": clue.urgent,
                "field": clue.field,
                "division": clue.division,
                "facts": clue.description,
                "administrative_agency": (
                    administrative_agency if kind == CaseKind.ADMINISTRATIVE else None
                ),
            },
            note=clue.case_number or "",
        )
        assert isinstance(opened, PILCase)
        case = opened
    Clue.objects.filter(pk=clue.pk).update(case=case)
    clue.case = case
    return case


def case_file(
    *,
    case: Matter,
    access: Access,
    administrative_agency: Organisation | None = None,
    respondent: str = "",
    **_ignored: Any,
) -> None:
    """Filing: keep the agency (administrative) or the respondent (civil); the prosecutor who
    files the case handles it. Runs inside the ``file`` step."""
    assert isinstance(case, PILCase)
    if case.is_administrative:
        PILCase.objects.filter(pk=case.pk).update(administrative_agency=administrative_agency)
        case.administrative_agency = administrative_agency
    else:
        PILCase.objects.filter(pk=case.pk).update(respondent=respondent)
        case.respondent = respondent
    if access.user is not None:
        add_parties(matter=case, handlers=[access.user])


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

    Who may, and when: the case type's act ``OBSERVE`` (``workflows.OBSERVERS``, the case's
    handler and those above them, whose observations count at once because they review the
    reports, and its volunteer rectification supervisors, whose reports wait for review
    (``observation_review``; the handler is told); in ``workflows.OBSERVABLE_STATES``). The
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
            params=_case_params(case, author),
            matter=case,
            actor=author,
            channels=("email",),
        )
    return observation


def _case_params(case: Matter, actor: User | None) -> dict[str, str]:
    return {
        "actor": actor.display_name if actor is not None else "",
        "number": case.case_number or "",
        "title": case.title,
    }


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
        params=_case_params(case, access.user),
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
        params=_case_params(case, access.user),
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


def _by_ending(state: str, rectified: Any, otherwise: Any) -> Any:
    """A closing message: one for a case closed as rectified, one for every other ending (the
    outcome is then on the page the message links to). Texts, not a state label in the
    parameters: a notification is read in its reader's language, later."""
    return rectified if state == ADMIN_CASE.state("rectified") else otherwise


def case_closed(*, matter: Matter, data: Any, access: Access) -> None:
    """Whenever a case closes (``Workflow.on_close``, whichever step closed it): the reporters
    of each of its clues, told on that clue (their inbox links to it; an anonymous reporter
    reads the outcome by query code), and its volunteer supervisors."""
    for clue in clues_of_case(matter):
        notify(
            recipients=people_who_are(clue, [REPORTER]),
            event="publicinterest.case.closed",
            text=_by_ending(
                matter.state,
                _(
                    "The problem you reported (clue %(number)s) has been corrected: the "
                    "public-interest case it went into is closed as rectified. Thank you."
                ),
                _(
                    "The public-interest case your clue %(number)s went into is closed; its "
                    "outcome is on the clue's page."
                ),
            ),
            params=_case_params(clue, access.user),
            matter=clue,
            actor=access.user,
        )
    notify(
        recipients=people_who_are(matter, [SUPERVISOR]),
        event="publicinterest.case.closed",
        text=_by_ending(
            matter.state,
            _(
                "Public-interest case %(number)s, whose rectification you supervised, is closed "
                "as rectified. Thank you."
            ),
            _("Public-interest case %(number)s, whose rectification you supervised, is closed."),
        ),
        params=_case_params(matter, access.user),
        matter=matter,
        actor=access.user,
        channels=("email",),
    )
