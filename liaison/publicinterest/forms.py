"""Input for the steps of public-interest cases and recommendations, for on-site observations
and supervision, and for the figures page. The clue-side forms are in ``clue_forms``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.accounts.models import User
from liaison.attachments.forms import (
    AttachmentForm,
    MultipleFileField,
    checked_files,
)
from liaison.attachments.images import PHOTO_TYPES
from liaison.core.forms import VisibleCharField
from liaison.core.masking import mask_mobile
from liaison.core.templatetags.liaison import local_name
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.recommendations.forms import DraftForm, WithdrawForm
from liaison.workflow.forms import StepForm

from .models import (
    EvidenceKind,
    Finding,
    JudgmentOutcome,
    PILCase,
)


def active_agencies() -> Any:
    """The active administrative agencies, for a case's responsible agency."""
    return Organisation.objects.filter(
        kind=OrganisationKind.ADMINISTRATIVE_AGENCY, is_active=True
    ).order_by("path")


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(label: Any, *, rows: int = 4, required: bool = True, **kwargs: Any) -> VisibleCharField:
    return VisibleCharField(
        label=label,
        required=required,
        max_length=kwargs.pop("max_length", 10000),
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class FileCaseForm(StepForm):
    """Filing (立案): an administrative case names the agency responsible, a civil case whom it
    is against."""

    administrative_agency = forms.ModelChoiceField(
        queryset=active_agencies(), label=_("Responsible administrative agency")
    )
    respondent = VisibleCharField(
        label=_("Respondent"),
        max_length=200,
        help_text=_("The company or person who harmed the public interest."),
    )
    note = _text(_("Grounds for filing"), rows=3, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        case = self.matter
        if isinstance(case, PILCase):
            if case.is_administrative:
                del self.fields["respondent"]
                self.fields["administrative_agency"].initial = case.administrative_agency_id
            else:
                del self.fields["administrative_agency"]
                self.fields["respondent"].initial = case.respondent


class RecommendForm(DraftForm):
    """The pre-litigation recommendation's text, as it will be served (the document is made
    from it): drafted on the case (the facts found so far filled in), corrected on the draft
    recommendation (its text filled in)."""

    opinion = _text(
        _("The procuratorate's opinion"),
        rows=4,
        help_text=_("Which duty the agency failed to perform, and under which law."),
    )
    urgent = forms.BooleanField(
        label=_("The public interest is in urgent danger"),
        required=False,
        help_text=_("The agency then has 15 days to reply instead of two months."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if isinstance(self.matter, PILCase):
            self.fields["facts"].initial = self.matter.facts
            self.fields["urgent"].initial = self.matter.urgent


class AnnounceForm(forms.Form):
    announcement = _text(
        _("Announcement"),
        rows=5,
        help_text=_(
            "Published for 30 days so that an organ or organisation entitled to sue may do so."
        ),
    )


class OrganSuedForm(forms.Form):
    note = _text(_("Which organ or organisation sued, and in which court"), rows=2)


class SueForm(forms.Form):
    court = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(kind=OrganisationKind.COURT, is_active=True).order_by(
            "path"
        ),
        label=_("Court"),
    )
    suit_filed_on = forms.DateField(label=_("Suit filed on"), widget=_date_input())
    claims = _text(_("Claims"), rows=4)

    def clean_suit_filed_on(self) -> date:
        filed: date = self.cleaned_data["suit_filed_on"]
        if filed > timezone.localdate():
            raise ValidationError(_("This day is in the future."), code="future")
        return filed


class JudgmentForm(forms.Form):
    judgment_on = forms.DateField(label=_("Judgment given on"), widget=_date_input())
    judgment_number = VisibleCharField(label=_("Court's case number"), max_length=64)
    judgment_outcome = forms.ChoiceField(
        label=pgettext_lazy("judgment", "Outcome"), choices=JudgmentOutcome.choices
    )
    judgment_summary = _text(_("What the court decided"), rows=4)


class EnforcementForm(forms.Form):
    enforced_on = forms.DateField(label=_("Enforced on"), widget=_date_input())
    note = _text(_("How the judgment was carried out"), rows=3)


class ConclusionForm(forms.Form):
    note = _text(pgettext_lazy("public-interest case", "Conclusion"), rows=3)


class WithdrawRecommendationForm(WithdrawForm):
    """Why a draft recommendation is withdrawn: kept on its timeline and on the case's."""

    note = _text(
        _("Reason"),
        rows=2,
        max_length=2000,
        help_text=_("The case goes back to investigation, to be recommended anew or terminated."),
    )


class ObservationForm(forms.Form):
    """An on-site observation of the rectification; photos lose their metadata when stored."""

    observed_on = forms.DateField(label=_("Observed on"), widget=_date_input())
    finding = forms.ChoiceField(
        label=pgettext_lazy("observation", "Finding"), choices=Finding.choices
    )
    note = _text(_("What was seen"), rows=3, max_length=5000)
    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        help_text=_("Up to 9 photos. Location and camera data are removed before they are stored."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"observed_on": timezone.localdate()})
        kwargs.setdefault("auto_id", "id_observation_%s")
        super().__init__(*args, **kwargs)
        self.fields["photos"].widget.attrs["accept"] = ",".join(sorted(PHOTO_TYPES))

    def clean_observed_on(self) -> date:
        observed: date = self.cleaned_data["observed_on"]
        if observed > timezone.localdate():
            raise ValidationError(_("This day is in the future."), code="future")
        return observed

    def clean_photos(self) -> list[tuple[Any, str]]:
        return checked_files(self.cleaned_data.get("photos"), allowed=PHOTO_TYPES)


class EvidenceForm(AttachmentForm):
    """A file for the case's investigation file, labelled with what it is: one of the evidence
    kinds only (``views.add_evidence``), never a purpose of the client's choosing."""

    purpose = forms.ChoiceField(label=_("What it is"), choices=EvidenceKind.choices)
    field_order = ["purpose", "file"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_evidence_%s")
        super().__init__(*args, **kwargs)


class VolunteerChoiceField(forms.ModelChoiceField):
    """A volunteer by name, with a masked mobile number to tell namesakes apart."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({mask_mobile(obj.mobile)})"


class SupervisorForm(forms.Form):
    """Assign a volunteer rectification supervisor to a case. The choices are the volunteers who
    took on that role and do not supervise the case yet (``selectors.supervisor_candidates``)."""

    person = VolunteerChoiceField(
        label=_("Volunteer supervisor"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Choose a volunteer."),
            "invalid_choice": _(
                "Choose one of the volunteers listed: only volunteers who took on the "
                "rectification supervisor role, and do not supervise this case yet, can be "
                "assigned."
            ),
        },
    )

    def __init__(self, *args: Any, case: PILCase, **kwargs: Any) -> None:
        from .selectors import supervisor_candidates

        kwargs.setdefault("auto_id", "id_supervisor_%s")
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = supervisor_candidates(case)


class ReviewForm(forms.Form):
    """Accept a supervisor's report, or not with the reason they will read. The decision is the
    button pressed."""

    ACCEPT, DECLINE = "accept", "decline"

    decision = forms.ChoiceField(
        choices=[
            (ACCEPT, pgettext_lazy("supervision report", "Accept")),
            (DECLINE, pgettext_lazy("supervision report", "Do not accept")),
        ],
        widget=forms.HiddenInput,
        error_messages={"required": _("Accept the report or not.")},
    )
    note = VisibleCharField(
        label=_("Reason, when not accepting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, observation_id: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_review_{observation_id}_%s")
        super().__init__(*args, **kwargs)

    @property
    def accepts(self) -> bool:
        return self.cleaned_data["decision"] == self.ACCEPT


class FiguresForm(forms.Form):
    """Which procuratorate's figures (with everything below it), and which year. The choices
    are the procuratorates the view already loaded, so the form costs no query of its own."""

    org = forms.TypedChoiceField(label=_("Procuratorate"), coerce=int)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(
        self, *args: Any, scopes: list[Organisation], years: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # Indented by depth in the tree (an ideographic space a level), in the reader's language.
        top = min(o.path.count("/") for o in scopes) if scopes else 0
        self.fields["org"].choices = [  # type: ignore[attr-defined]
            (o.pk, "\u3000" * (o.path.count("/") - top) + local_name(o)) for o in scopes
        ]
        self.fields["year"].choices = [("", _("All years")), *((y, str(y)) for y in years)]  # type: ignore[attr-defined]
