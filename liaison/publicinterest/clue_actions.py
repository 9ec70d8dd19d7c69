"""The public clue submission (a citizen reports a threat to the public interest, possibly
without an account), and the clue a transfer opens at another procuratorate.

What a submission stores is written in one transaction with as few statements as the rows
allow (``docs/benchmarks.md`` counts them): the public form is the busiest write of the
platform and the one anybody can send.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, connection, transaction
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from liaison.attachments.actions import (
    attachment_rows_insert,
    attachment_upload,
    attachments_upload,
    files_stored,
)
from liaison.attachments.validators import MP4
from liaison.core.access import SYSTEM, access_for
from liaison.core.batching import rows_batched
from liaison.core.transactions import durable
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.orgs.selectors import procuratorate_for_division
from liaison.places.agreement import Verdict
from liaison.places.coarse import street_of
from liaison.places.selectors import point_verdict
from liaison.workflow.errors import WorkflowError
from liaison.workflow.models import Matter, Relation
from liaison.workflow.opening import apply_open

from .codes import new_query_code
from .models import (
    PHOTO_PURPOSE,
    REPORT_FILE_PURPOSES,
    VIDEO_PURPOSE,
    Clue,
    ClueAddition,
    ClueSource,
    Field,
)
from .selectors import clue_for_submission
from .videos import strip_video_metadata
from .workflows import CLUE

if TYPE_CHECKING:
    from liaison.accounts.models import User
    from liaison.attachments.models import Attachment
    from liaison.places.models import Division

PORTAL_USERNAME = "publicinterest-portal"
#: What a public submission stores: a clue, an addition to one (or another mechanism's public
#: submission, e.g. a support-prosecution application).
Sent = TypeVar("Sent", bound=Model)


class PointDisagrees(WorkflowError):
    """The point is outside China's region, or far from the place named and not confirmed:
    the report form asks before this is ever raised (``report_forms.ReportForm``)."""


def point_question(verdict: Verdict) -> str:
    """What the reporter is asked about a point far from the place they named."""
    return str(
        _(
            "The point on the map is %(km)d km from %(place)s. Is the address or the point "
            "wrong? Correct the one that is wrong, or confirm that both are right."
        )
        % {"km": round(verdict.distance_km or 0), "place": verdict.place}
    )


POINT_OUTSIDE = _(
    "The point on the map is not in China (it is in the sea or abroad). Mark the spot again, "
    "or remove the point: the address is enough."
)


def _point_far_km(
    division: Division,
    latitude: Any,
    longitude: Any,
    system: str,
    confirmed: bool,
    verdict: Verdict | None = None,
) -> int | None:
    """How far the point lies from the place named, when the reporter confirmed a point that
    far (the triage queue flags it); None for a point that agrees, or none. Routing never
    reads the point: a clue goes to the procuratorate of the division named."""
    if latitude is None or longitude is None:
        return None
    if verdict is None:
        verdict = point_verdict(division, latitude, longitude, system)
    if verdict.outside:
        raise PointDisagrees(POINT_OUTSIDE)
    if not verdict.far:
        return None
    if not confirmed:
        raise PointDisagrees(point_question(verdict))
    return round(verdict.distance_km or 0)


class NoJurisdiction(WorkflowError):
    """No procuratorate on the platform covers the place: the clue cannot be routed."""

    def __init__(self, place: str) -> None:
        super().__init__(
            _(
                "No procuratorate on this platform handles %(place)s yet, so the clue cannot be "
                "sent here. Check the place, or call the procuratorate's 12309 service line."
            )
            % {"place": place}
        )


#: Where the portal account's row is kept once read (``portal_account``).
PORTAL_CACHE_KEY = "publicinterest.portal-account"


def portal_account() -> User:
    """The account under which photos of anonymous reports are stored (an attachment names its
    uploader). It cannot log in and belongs to no organisation. Created on first use, then
    kept in the cache: it is never changed or removed, and every anonymous photo names it."""
    from liaison.accounts.models import User

    cached = cache.get(PORTAL_CACHE_KEY)
    if isinstance(cached, User):
        return cached
    user, _created = User.objects.get_or_create(
        username=PORTAL_USERNAME,
        defaults={
            "name": "公益诉讼线索举报平台",
            "is_active": False,
            "password": make_password(None),
        },
    )
    transaction.on_commit(lambda: cache.set(PORTAL_CACHE_KEY, user, None))
    return user


def unused_query_code() -> str:
    """A query code no clue and no addition has (they share one space: the progress page)."""
    for _attempt in range(5):
        code = new_query_code()
        if not (
            Clue.objects.filter(query_code=code).exists()
            or ClueAddition.objects.filter(query_code=code).exists()
        ):
            return code
    raise RuntimeError("could not draw an unused query code")  # pragma: no cover - 31^10 codes


def _claimed(key: uuid.UUID) -> tuple[Clue | None, str]:
    """The clue already stored under the submission ``key`` (or None), and a query code that
    no clue and no addition has; refuses a key an addition was stored under. One query for
    both questions, however rarely a drawn code is taken (31^10 codes).

    Written as SQL, not built with the ORM: it runs on every public submission, the busiest
    write, and building the same union of two querysets cost more than running it
    (``docs/benchmarks.md``). The names come from the models, the values are parameters."""
    key_value = Clue._meta.get_field("submission_key").get_db_prep_value(key, connection)
    for _attempt in range(5):
        code = new_query_code()
        with connection.cursor() as cursor:
            cursor.execute(_claims_sql(), [key_value, code, key_value, code])
            claims = cursor.fetchall()
        by_key = {bool(addition) for addition, found in claims if found == key_value}
        if True in by_key:
            raise WorkflowError(_("This report was already added to another clue."))
        if by_key:
            return clue_for_submission(key), code
        if not claims:
            return None, code
    raise RuntimeError("could not draw an unused query code")  # pragma: no cover - 31^10 codes


@functools.cache
def _claims_sql() -> str:
    """Which of the clues and the additions hold the submission key or the query code: (is an
    addition, its submission key) each."""
    quote = connection.ops.quote_name
    parts = [
        f"SELECT {int(addition)}, {quote('submission_key')} FROM {quote(model._meta.db_table)} "
        f"WHERE {quote('submission_key')} = %s OR {quote('query_code')} = %s"
        for addition, model in ((False, Clue), (True, ClueAddition))
    ]
    return " UNION ALL ".join(parts)


def clue_title(field_name: str, division_name: str, address: str) -> str:
    """A clue's title: its field and coarse place (``places.coarse``), never its words. Titles
    show wherever the clue is listed, also to those who added to it and must not read it."""
    street = street_of(address, [division_name])
    return f"{field_name}：{division_name}{' ' + street if street else ''}"


def clue_submit(
    *,
    submission_key: uuid.UUID,
    field: Field,
    description: str,
    division: Division,
    seen_on: date,
    anonymous: bool,
    address: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    coordinate_system: str = "",
    point_confirmed: bool = False,
    reporter_name: str = "",
    reporter_mobile: str = "",
    photos: Iterable[tuple[Any, str]] = (),
    reporter: User | None = None,
    verdict: Verdict | None = None,
    **_ignored: Any,
) -> tuple[Clue, bool]:
    """Store a clue from the public and send it to the procuratorate whose jurisdiction covers
    ``division``; returns the clue and whether it is new.

    A submission key already stored returns that clue unchanged (a phone that retried, a
    double tap), even when two copies arrive at once: the second loses on the unique key and
    answers with the first. A place no procuratorate covers raises ``NoJurisdiction`` before
    anything is stored. ``photos`` are (file, content type) pairs already checked by content,
    photos and short MP4 videos; their metadata is stripped (photos by ``attachment_upload``,
    videos by ``videos.strip_video_metadata``) and only the stripped copy is kept.
    ``verdict`` is how the point stands to the place, when the caller (the report form)
    has judged it already. The reporter's name and mobile are kept only when the report is not
    anonymous; a logged-in
    reporter who is not anonymous also becomes the clue's reporter party (for "my clues"), and
    the clue counts as a volunteer's when they hold a volunteer's seat.

    Everything is written in one transaction, a statement per table (``docs/benchmarks.md``):
    the key, the query code and the place are looked up once, the database holds the unique
    and check constraints, and the rows of the timeline, the audit and the files go together.
    """
    existing, query_code = _claimed(submission_key)
    if existing is not None:
        return existing, False
    owner = procuratorate_for_division(division.code, division=division)
    if owner is None:
        raise NoJurisdiction(place=division.full_name)
    person = reporter if reporter is not None and reporter.is_authenticated else None
    if anonymous:
        reporter_name, reporter_mobile, person = "", "", None
    volunteer = person is not None and Role.VOLUNTEER in access_for(person).roles
    fields = {
        "title": clue_title(field.name, division.name, address),
        "field": field,
        "description": description,
        "division": division,
        "address": address,
        "latitude": latitude,
        "longitude": longitude,
        "coordinate_system": coordinate_system if latitude is not None else "",
        "point_far_km": _point_far_km(
            division, latitude, longitude, coordinate_system, point_confirmed, verdict
        ),
        "seen_on": seen_on,
        "anonymous": anonymous,
        "reporter_name": reporter_name,
        "reporter_mobile": reporter_mobile,
        "reported_by": person,
        "query_code": query_code,
        "submission_key": submission_key,
        "source": ClueSource.VOLUNTEER if volunteer else ClueSource.PUBLIC,
    }
    return stored_once(
        lambda: _store(owner=owner, fields=fields, person=person, photos=photos),
        lambda: clue_for_submission(submission_key),
    )


def stored_once(
    store: Callable[[], Sent], stored_already: Callable[[], Sent | None]
) -> tuple[Sent, bool]:
    """Run ``store`` (a ``durable`` action that stores a submission) and return what it
    stored, and True. When another copy of the submission got in first (the model's unique
    check or, in a closer race, the database's unique index refused this one), return that
    copy, and False. The files of a try that rolled back are gone already (``durable``)."""
    try:
        return store(), True
    except (IntegrityError, ValidationError):
        existing = stored_already()
        if existing is None:
            raise
        return existing, False


@durable
def _store(
    *,
    owner: Organisation,
    fields: dict[str, Any],
    person: User | None,
    photos: Iterable[tuple[Any, str]],
) -> Clue:
    # The photos are stripped and stored first: the case number's row lock, taken by
    # ``apply_open``, is then held only for the statements (files stored here are removed by
    # ``durable`` if the transaction rolls back).
    photos = list(photos)
    uploaded_by = person or (portal_account() if photos else None)
    files = reporter_files_stored(photos, uploaded_by=uploaded_by) if uploaded_by else []
    with rows_batched():  # the timeline's and the audit's rows: one statement each
        clue = apply_open(
            workflow=CLUE,
            owner=owner,
            access=SYSTEM,
            fields=fields,
            reporters=[person] if person is not None else [],
            start="submit",
            constraints_by_database=True,  # generated codes and keys; _claimed checked them
        )
        assert isinstance(clue, Clue)
        if uploaded_by is not None:
            attachment_rows_insert(files, uploaded_by=uploaded_by, matter=clue)
    return clue


def reporter_files_stored(
    files: Iterable[tuple[Any, str]], *, uploaded_by: User
) -> list[Attachment]:
    """A reporter's photos and videos in the store without their metadata, their rows not yet
    written (``attachment_rows_insert``)."""
    uploads = [
        (strip_video_metadata(file), VIDEO_PURPOSE)
        if content_type == MP4
        else (file, PHOTO_PURPOSE)
        for file, content_type in files
    ]
    return files_stored(files=uploads, uploaded_by=uploaded_by)


def store_reporter_files(
    files: Iterable[tuple[Any, str]],
    *,
    uploaded_by: User | None,
    matter: Matter,
) -> list[Attachment]:
    """A reporter's photos and videos, stored without their metadata under the reporter's
    account (or the portal's, for a report sent without one)."""
    person = uploaded_by or portal_account()
    stored = reporter_files_stored(files, uploaded_by=person)
    return attachment_rows_insert(stored, uploaded_by=person, matter=matter)


def store_photos(
    photos: Iterable[tuple[Any, str]],
    *,
    uploaded_by: User,
    matter: Matter,
    purpose: str,
) -> list[Attachment]:
    """Store checked photos on ``matter`` (``attachments_upload`` strips their metadata); the
    action's ``durable`` transaction removes them again if it rolls back."""
    uploads = [(file, purpose) for file, _content_type in photos]
    if not uploads:
        return []
    return attachments_upload(files=uploads, uploaded_by=uploaded_by, matter=matter)


def open_transferred_clue(*, clue: Matter, target: Organisation, reason: str = "") -> Clue:
    """Open, at ``target``, the clue that ``clue`` is transferred as: the same report, place,
    photos and reporter, under the target's own case number and assessment clock, linked back
    to ``clue``. Runs inside the ``transfer`` transition's transaction (its effect), so the
    transfer and the new clue commit together or not at all."""
    assert isinstance(clue, Clue)
    if target.pk == clue.owner_id or target.kind != OrganisationKind.PROCURATORATE:
        raise WorkflowError(_("Transfer the clue to another procuratorate."))
    if not target.is_active:
        raise WorkflowError(_("This procuratorate no longer works on the platform."))
    copied = {
        name: getattr(clue, name)
        for name in (
            "title",
            "urgent",
            "field",
            "description",
            "division",
            "address",
            "latitude",
            "longitude",
            "coordinate_system",
            "seen_on",
            "anonymous",
            "reporter_name",
            "reporter_mobile",
            "reported_by",
            "point_far_km",
        )
    }
    reporters = [
        party.person
        for party in clue.parties.filter(relation=Relation.REPORTER).select_related("person")
    ]
    new = apply_open(
        workflow=CLUE,
        owner=target,
        access=SYSTEM,
        fields={
            **copied,
            "transferred_from": clue,
            "query_code": unused_query_code(),
            "submission_key": uuid.uuid4(),
            "source": ClueSource.TRANSFER,
        },
        reporters=reporters,
        start="submit",
        note=reason,
    )
    assert isinstance(new, Clue)
    files = clue.attachments.filter(purpose__in=REPORT_FILE_PURPOSES)
    for photo in files.select_related("uploaded_by"):
        with photo.file.open("rb") as content:
            attachment_upload(
                file=File(content, name=photo.original_name),
                uploaded_by=photo.uploaded_by,
                matter=new,
                purpose=photo.purpose,
            )
    return new
