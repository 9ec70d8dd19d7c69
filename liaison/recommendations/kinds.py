"""The kinds of procuratorial recommendation, as data.

A kind says what differs between recommendations: whom it may be addressed to (administrative
agencies, courts, companies, other procuratorates), which matters it arises from, the template
of its formal document, the reply period in the period table (and the shorter one when the
matter is urgent), whether the chief procurator approves it after the department head, how a
reply is put (each outcome counts as adopted, partly adopted or not adopted in the figures),
and the matter type it is numbered under (``workflows.recommendation_workflow``: a family of
kinds shares one case code). A mechanism registers its kinds in its ``AppConfig.ready()``
(public-interest litigation: ``publicinterest.recommendation_kinds``); the recommendation
itself (drafting, approval, serving, the reply clock, the reply, the figures) is this app's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core import checks
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.orgs.roles import Role

if TYPE_CHECKING:
    from .models import Recommendation

Label = str | Promise


class Adoption(models.TextChoices):
    """How a reply answers the recommendation, whatever its kind's words: what the adoption
    rate counts."""

    ADOPTED = "adopted", pgettext_lazy("recommendation", "adopted")
    PARTLY = "partly", pgettext_lazy("recommendation", "partly adopted")
    NOT_ADOPTED = "not_adopted", pgettext_lazy("recommendation", "not adopted")


@dataclass(frozen=True)
class Outcome:
    """One answer the addressee may choose when it replies, and how it counts."""

    value: str
    label: Label
    adoption: str


#: The answers of a kind that names none of its own.
ADOPTION_OUTCOMES = tuple(Outcome(value, label, value) for value, label in Adoption.choices)

ADOPTION_LABEL = _("Adoption")
REPLY_HELP = _("What your organisation did, and when; or why it does not adopt it.")
DRAFT_NOTE = _(
    "A draft: correct it below and read it as the formal document, then submit it for "
    "approval. It is served once approved; the addressee sees nothing of it before."
)

#: The department head, then the chief procurator; or the department head alone.
WITH_CHIEF = (Role.DEPARTMENT_HEAD, Role.CHIEF_PROCURATOR)
HEAD_ONLY = (Role.DEPARTMENT_HEAD,)


@dataclass(frozen=True)
class RecommendationKind:
    code: str
    label: Label
    #: The matter type it is opened and numbered under (a registered recommendation workflow).
    workflow: str
    #: The body of its formal document: a template of ``<h2>`` and ``<p>`` (``documents.py``).
    template: str
    #: The ``Period`` code of the reply clock, and of the shorter one when the matter is urgent.
    reply_period: str
    urgent_reply_period: str | None = None
    #: Whether the chief procurator approves after the department head (the default levels;
    #: an organisation's ``ApprovalRule`` still wins).
    chief_approves: bool = True
    #: The matter types it arises from (empty: none, it stands alone) and the organisation
    #: kinds it may be addressed to.
    sources: frozenset[str] = frozenset()
    addressees: frozenset[str] = frozenset()
    #: Whether a kind that names its sources may also be drafted on its own, from no matter
    #: (a recommendation to a court, from a supervision case or not).
    alone: bool = False
    #: How a reply is put, and the label of the choice on the reply form.
    outcomes: tuple[Outcome, ...] = ADOPTION_OUTCOMES
    outcome_label: Label = ADOPTION_LABEL
    reply_help: Label = REPLY_HELP
    #: What the page tells those handling a draft.
    draft_note: Label = DRAFT_NOTE
    #: What its document says of the matter it arises from (e.g. the case filed and when).
    context: Callable[[Recommendation], Mapping[str, Any]] | None = None

    @property
    def approvers(self) -> tuple[str, ...]:
        return WITH_CHIEF if self.chief_approves else HEAD_ONLY

    def period_for(self, urgent: bool) -> str:
        return (
            self.urgent_reply_period if urgent and self.urgent_reply_period else self.reply_period
        )

    def outcome(self, value: str) -> Outcome | None:
        return next((o for o in self.outcomes if o.value == value), None)

    def applies_to(self, *, source_type: str | None, addressee_kind: str) -> bool:
        return addressee_kind in self.addressees and (
            source_type in self.sources if source_type else (self.alone or not self.sources)
        )


_KINDS: dict[str, RecommendationKind] = {}


def register_kind(kind: RecommendationKind) -> RecommendationKind:
    existing = _KINDS.get(kind.code)
    if existing is not None and existing != kind:
        raise ValueError(f"recommendation kind {kind.code!r} is registered twice")
    _KINDS[kind.code] = kind
    return kind


def unregister_kind(code: str) -> None:
    """Remove a kind (for tests that register one of their own)."""
    _KINDS.pop(code, None)


def get_kind(code: str) -> RecommendationKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise LookupError(f"no recommendation kind {code!r} is registered") from None


def all_kinds() -> list[RecommendationKind]:
    return list(_KINDS.values())


def kinds_for(*, source_type: str | None, addressee_kind: str) -> list[RecommendationKind]:
    """The kinds a matter of ``source_type`` may recommend to an organisation of that kind."""
    return [
        k
        for k in _KINDS.values()
        if k.applies_to(source_type=source_type, addressee_kind=addressee_kind)
    ]


def check_kinds(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A kind numbered under a matter type that is not a recommendation workflow, or whose
    reply period is not declared, would fail only when someone drafts one: refuse to start."""
    from liaison.deadlines.declarations import declared_periods
    from liaison.workflow.registry import all_workflows

    workflows = {w.name: w for w in all_workflows()}
    periods = {p.code for p in declared_periods()}
    errors: list[checks.CheckMessage] = []
    for kind in _KINDS.values():
        workflow = workflows.get(kind.workflow)
        if workflow is None or workflow.model != "recommendations.Recommendation":
            errors.append(
                checks.Error(
                    f"recommendation kind {kind.code!r} names {kind.workflow!r}, which is not a "
                    "registered recommendation workflow",
                    id="recommendations.E001",
                )
            )
        for code in filter(None, (kind.reply_period, kind.urgent_reply_period)):
            if code not in periods:
                errors.append(
                    checks.Error(
                        f"recommendation kind {kind.code!r} names the period {code!r}, which "
                        "is not declared",
                        id="recommendations.E002",
                    )
                )
    return errors
