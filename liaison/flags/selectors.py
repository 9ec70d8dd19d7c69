"""Reads about flags, and the rule that is not a flag's step: who may raise one about a matter,
for which side, and to whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.access import Access
from liaison.orgs.models import Organisation
from liaison.orgs.roles import FLAG_ROLES
from liaison.workflow.definitions import Label
from liaison.workflow.models import Clock, Matter, Relation
from liaison.workflow.selectors import matters_visible_to, next_due, sees

from .forms import NOT_OTHER
from .models import Flag
from .workflows import AWAITED, FLAG, OPEN

OPEN_STATES = FLAG.states_named(*OPEN)
AWAITED_STATES = FLAG.states_named(*AWAITED)
#: The state the ``lapse`` step moves an unanswered flag to.
OVERDUE = FLAG.state("overdue")
#: The clock the other side answers on (``workflows.FLAG.clocks``).
ANSWER_CLOCK = "answer"

NOT_SEEN = _("You can flag only a matter you see.")
NOT_SHARED = _(
    "Only a matter two organisations share (its owner and a partner organisation) is flagged: "
    "a flag tells the other side."
)
NOT_A_SIDE = _(
    "Only the case staff of an organisation that stands to this matter (its owner or a partner) "
    "flag it."
)
NOT_THE_OTHER_SIDE = NOT_OTHER


def takes_part_in_flags(access: Access) -> bool:
    """Whether the flags pages are for this user: case staff of any organisation."""
    return bool(access.organisations_with(FLAG_ROLES))


def flags_visible_to(access: Access) -> QuerySet[Flag]:
    """The flags this user sees, newest first, each with the due day of its running clock
    (``next_due``: the answer's, while it is awaited) read in the same query."""
    visible = matters_visible_to(access).filter(matter_type=FLAG.name).values("pk")
    return (
        Flag.objects.filter(pk__in=visible)
        .select_related("owner", "subject")
        .annotate(next_due=next_due())
        .order_by("-created_at", "-pk")
    )


def answer_overdue(today: date | None = None) -> Q:
    """Flags whose answer is overdue: moved to "answer overdue" by the lapse, or still "raised"
    with the answer clock past its due day (the day's reminder job has not run yet), so the
    list's filter shows what its due column marks overdue."""
    today = today or timezone.localdate()
    late = Clock.objects.filter(
        matter_id=OuterRef("pk"),
        name=ANSWER_CLOCK,
        state=Clock.State.RUNNING,
        due_on__lt=today,
    )
    return Q(state=OVERDUE) | Q(Exists(late), state=FLAG.state("raised"))


def answer_clock(flag: Flag) -> Clock | None:
    """The flag's answer clock, the latest if it was ever started anew; None on a flag raised
    before flags had one."""
    return flag.clocks.filter(name=ANSWER_CLOCK).order_by("-started_on", "-pk").first()


def flags_on(access: Access, matter: Matter) -> list[Flag]:
    """The flags on ``matter`` this user sees, open ones first (the matter page's panel)."""
    found = list(flags_visible_to(access).filter(subject_id=matter.pk))
    return sorted(found, key=lambda f: f.state not in OPEN_STATES)


@dataclass(frozen=True)
class Raising:
    """For whom a user may raise a flag about a matter, and whom it may tell: ``sides`` are
    the matter's organisations where the user is case staff (with several, the page asks which
    one raises it: ``orgs.forms.ActingForForm``), ``parties`` all its organisations, owner
    first; a flag tells one of the parties other than the side raising it."""

    sides: list[Organisation]
    parties: list[Organisation]

    @property
    def side(self) -> Organisation | None:
        """The only side the user may raise it for (None when they choose among several)."""
        return self.sides[0] if len(self.sides) == 1 else None

    def others(self, side: Organisation) -> list[Organisation]:
        """Whom a flag raised for ``side`` may tell."""
        return [org for org in self.parties if org.pk != side.pk]

    @property
    def told(self) -> list[Organisation]:
        """Whom a flag may tell from one side or another (the form's choices; the side chosen
        is refused as its own addressee)."""
        return [org for org in self.parties if any(org.pk != s.pk for s in self.sides)]


def raising_for(access: Access, matter: Matter) -> Raising | Label:
    """The sides this user may raise a flag for about ``matter`` and the organisations it
    stands between (its owner and partner organisations), or why they may not (a message)."""
    if matter.matter_type == FLAG.name or not sees(access, matter):
        return NOT_SEEN
    partner_ids = {
        pk
        for pk in matter.parties.filter(relation=Relation.PARTNER_ORG).values_list(
            "organisation_id", flat=True
        )
        if pk is not None
    }
    parties = [matter.owner_id, *sorted(partner_ids - {matter.owner_id})]
    if len(parties) < 2:
        return NOT_SHARED
    mine = [pk for pk in parties if pk in access.organisations_with(FLAG_ROLES)]
    if not mine:
        return NOT_A_SIDE
    orgs = Organisation.objects.in_bulk(parties)
    return Raising([orgs[pk] for pk in mine], [orgs[pk] for pk in parties])


def may_raise(access: Access, matter: Matter) -> bool:
    if matter.matter_type == FLAG.name or not takes_part_in_flags(access):
        return False
    return isinstance(raising_for(access, matter), Raising)
