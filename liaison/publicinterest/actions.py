"""Adding to a clue and merging clues; opening, filing and closing the case that follows an
accepted clue. On-site observations and their volunteer supervisors are in
``supervision_actions.py``; reporting a clue and transferring one are in ``clue_actions.py``;
who reported one is ``liaison.identities``; the recommendation's are in
``liaison.recommendations`` (its use here: ``recommending.py``).

Every change of a clue's, case's or recommendation's state is a workflow transition
(``workflows.py``); the functions here called from a step's effect join its transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from liaison.core.access import SYSTEM, Access
from liaison.core.transactions import durable
from liaison.notifications.actions import notify
from liaison.orgs.models import Organisation
from liaison.workflow.actions import record_event
from liaison.workflow.errors import WorkflowError
from liaison.workflow.models import Matter, Relation
from liaison.workflow.opening import add_parties, apply_open
from liaison.workflow.selectors import people_who_are

from .case_parts import SUPERVISOR
from .clue_actions import (
    store_reporter_files,
    stored_once,
    unused_query_code,
)
from .models import (
    CaseKind,
    Clue,
    ClueAddition,
    PILCase,
)
from .selectors import (
    addition_for_submission,
    clues_of_case,
)
from .workflows import (
    ADDITION_EVENT,
    ADMIN_CASE,
    CIVIL_CASE,
    CLUE_OFFICER,
    MERGED_IN_EVENT,
    REPORTER,
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


def case_params(case: Matter, actor: User | None) -> dict[str, str]:
    """The parameters of a notification about ``case`` (or a clue): who acted, its number,
    its title."""
    return {
        "actor": actor.display_name if actor is not None else "",
        "number": case.case_number or "",
        "title": case.title,
    }


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
            params=case_params(clue, access.user),
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
        params=case_params(matter, access.user),
        matter=matter,
        actor=access.user,
        channels=("email",),
    )
