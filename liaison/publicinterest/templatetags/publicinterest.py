"""Template helpers for public-interest litigation: a case's evidence, observations and
supervisors, a clue's additions and duplicates, and its own forms. Who may see or do what is the
matter type's policy's (``{% may matter "act" %}`` from the workflow's ``policy`` tags); these
helpers ask it too, and decide nothing themselves. (Who reported a clue: ``{% identity matter
"reporter" %}``.)"""

from typing import Any

from django import template
from django.db.models import Prefetch

from liaison.attachments.models import Attachment
from liaison.core.access import Access
from liaison.workflow.policy import reading_for

from ..duplicates import coarse_place_of
from ..forms import EvidenceForm, ObservationForm, ReviewForm, SupervisorForm
from ..models import ClueAddition, CourtHearing, EvidenceKind, Observation
from ..selectors import clue_words_visible_to, recommendations_of, supervisors_of

register = template.Library()


@register.filter
def words_visible_to(clue: Any, access: Any) -> bool:
    return isinstance(access, Access) and clue_words_visible_to(access, clue)


@register.filter
def coarse_place(clue: Any) -> str:
    """The place as the public may read it: division names and street (``places.coarse``)."""
    return coarse_place_of(clue)


@register.simple_tag
def evidence_of(case: Any, access: Any) -> list[tuple[str, list[Attachment]]]:
    """The case's investigation file as the user may see it (the policy's ``attachments_for``:
    the court before which it is sued sees the suit's files only), grouped by what each file
    is, in the order of the kinds."""
    from liaison.workflow.selectors import attachments_for

    files = attachments_for(access, case).filter(purpose__in=EvidenceKind.values)
    groups: dict[str, list[Attachment]] = {}
    for attachment in files.order_by("uploaded_at", "id"):
        groups.setdefault(attachment.purpose, []).append(attachment)
    return [(str(label), groups[kind]) for kind, label in EvidenceKind.choices if kind in groups]


@register.simple_tag(name="recommendations_of")
def case_recommendations(case: Any) -> Any:
    """The case's recommendations with their reply's due day (``selectors.recommendations_of``)."""
    return recommendations_of(case)


@register.simple_tag
def court_hearings_of(case: Any) -> Any:
    """The hearing days the court recorded on the case's suit, in order."""
    return list(CourtHearing.objects.filter(case=case).order_by("held_on", "id"))


@register.simple_tag
def observations_of(case: Any) -> Any:
    return (
        Observation.objects.filter(case=case)
        .select_related("author")
        .prefetch_related(Prefetch("photos", queryset=Attachment.objects.order_by("id")))
    )


@register.simple_tag(takes_context=True)
def observation_form(context: Any) -> ObservationForm:
    """The observation form, bound with its errors when the last try was refused."""
    return (context.get("forms") or {}).get("observation") or ObservationForm()


@register.simple_tag(takes_context=True)
def evidence_form(context: Any) -> EvidenceForm:
    """The evidence form, bound with its errors when the last try was refused."""
    return (context.get("forms") or {}).get("evidence") or EvidenceForm()


@register.simple_tag
def case_supervisors(case: Any) -> Any:
    return supervisors_of(case)


@register.simple_tag(takes_context=True)
def supervisor_form(context: Any, case: Any) -> SupervisorForm:
    """The form to assign a supervisor, bound with its errors when the last try was refused."""
    return (context.get("forms") or {}).get("supervisor") or SupervisorForm(case=case)


@register.simple_tag(takes_context=True)
def review_form(context: Any, observation: Any) -> ReviewForm:
    """The form to review a supervisor's report, bound with its errors after a refusal."""
    bound = (context.get("forms") or {}).get(f"review_{observation.pk}")
    return bound or ReviewForm(observation_id=observation.pk)


# -- clues: additions, merges and duplicates -----------------------------------------------------


@register.simple_tag(takes_context=True)
def additions_for(context: Any, clue: Any) -> list[ClueAddition]:
    """The further reports added to ``clue`` that the reader may see, with the files of each
    that they may see: the clue policy's one answer for files (``attachments_for``), so all of
    them for whoever sees the clue other than as a reporter (its procuratorate's staff and
    partners), only their own for a reporter (reporters never see each other's)."""
    request = context.get("request")
    if not isinstance(getattr(request, "access", None), Access):
        return []
    reading = reading_for(request, clue)
    if not reading.sees():
        return []
    additions = ClueAddition.objects.filter(clue=clue).prefetch_related(
        Prefetch("files", queryset=reading.attachments().order_by("id"))
    )
    if reading.sees_only_own():
        additions = additions.filter(reporter_id=request.access.user_id)
    return list(additions)


@register.simple_tag
def merged_clues_of(clue: Any) -> Any:
    return clue.merged_clues.order_by("created_at").only("pk", "case_number", "title")


@register.simple_tag(takes_context=True)
def duplicates_for(context: Any, clue: Any) -> list[Any]:
    """The likely duplicates of ``clue``, with the reasons, for whoever may merge it into one
    now (its ``merge`` step, asked of the policy: its clue officers, while it is assessed)."""
    from ..duplicates import suggestions_for

    request = context.get("request")
    if not isinstance(getattr(request, "access", None), Access):
        return []
    merge = clue.workflow.transition("merge")
    if clue.state not in merge.source_states or not reading_for(request, clue).may_take(merge):
        return []
    return suggestions_for(clue)
