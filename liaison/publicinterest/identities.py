"""Who reported a clue, or a further report added to it ("I see this too"): the one audited look
(``liaison.identities``), for the clue officers of the procuratorate handling the clue."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from liaison.identities.reveal import Identity, Subject

from .models import Clue, ClueAddition
from .workflows import CLUE


def _reporter(report: Clue | ClueAddition) -> Identity:
    return Identity(
        name=report.reporter_name, mobile=report.reporter_mobile, anonymous=report.anonymous
    )


def _addition(clue: Clue, pk: int) -> ClueAddition | None:
    return ClueAddition.objects.filter(pk=pk, clue_id=clue.pk).first()


REPORTER = Subject(
    matter_type=CLUE.name,
    name="reporter",
    act="see_reporter",
    identity=_reporter,
    item=_addition,
    audit="publicinterest.reporter",
    label=_("Reporter"),
    show=_("Show who reported it"),
    refusal=_(
        "Only the clue officers of the procuratorate handling this clue may see who reported it."
    ),
)
