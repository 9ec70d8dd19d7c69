"""The courts' forms: a recommendation to a court (alone, or a supervision case's step), the
supervision's own steps, opening supervision, sharing a case and importing a register."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.attachments.forms import MultipleFileField, checked_files
from liaison.core.forms import IdentifierField, VisibleCharField
from liaison.orgs.forms import ActingForForm
from liaison.orgs.models import Organisation
from liaison.recommendations.forms import DraftForm, text_field
from liaison.workflow.forms import StepForm

from .models import Origin, normalise_case_number, validate_case_number


class CaseNumberField(IdentifierField):
    def clean(self, value: Any) -> str:
        number = normalise_case_number(super().clean(value) or "")
        if number:
            validate_case_number(number)
        return number


class RecommendStepForm(DraftForm):
    """A supervision case's recommendation to the court: its kind is the case's."""

    title = VisibleCharField(label=_("Title"), max_length=200)

    field_order = ("title", "facts", "opinion", "measures", "urgent")


class CourtRecommendationForm(ActingForForm, DraftForm):
    """A recommendation to a court drafted on its own (the standalone page)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=())
    court = forms.ModelChoiceField(label=_("Court"), queryset=Organisation.objects.none())
    court_case_number = CaseNumberField(
        label=_("The court's case number"),
        max_length=40,
        required=False,
        help_text=_("e.g. （2026）青0103执123号"),
    )
    title = VisibleCharField(label=_("Title"), max_length=200)

    field_order = (
        "kind",
        "court",
        "court_case_number",
        "title",
        "facts",
        "opinion",
        "measures",
        "urgent",
    )

    def __init__(
        self,
        *args: Any,
        kinds: list[tuple[str, Any]],
        courts: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = kinds
        court = self.fields["court"]
        assert isinstance(court, forms.ModelChoiceField)
        court.queryset = courts


class ReasonsForm(forms.Form):
    reasons = text_field(_("Reasons"), rows=3, max_length=4000)


class ReferForm(StepForm):
    """The referral of a suspected refusal to execute a judgment (拒不执行判决、裁定罪): to a
    public security organ the procuratorate works with (its cooperations, or its own area when
    its administrator chose so), the same list on the page and when the step is taken."""

    police = forms.ModelChoiceField(
        label=_("Public security organ"),
        queryset=Organisation.objects.none(),
        help_text=_(
            "The public security organs your procuratorate works with; its administrator "
            "records them under Organisations."
        ),
    )
    reasons = text_field(_("Facts and reasons"), rows=4, max_length=4000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .selectors import public_security_for

        field = self.fields["police"]
        assert isinstance(field, forms.ModelChoiceField)
        if self.matter is not None:
            field.queryset = public_security_for(self.matter.owner)


class PoliceFiledForm(forms.Form):
    """The public security organ filed the referred case for investigation (立案)."""

    filed_on = forms.DateField(label=_("Filed on"), widget=forms.DateInput(attrs={"type": "date"}))
    police_case_number = VisibleCharField(
        label=_("The public security organ's case number"), max_length=60, required=False
    )
    note = text_field(_("Note"), rows=2, max_length=2000, required=False)

    def clean_filed_on(self) -> date:
        filed: date = self.cleaned_data["filed_on"]
        if filed > timezone.localdate():
            raise forms.ValidationError(_("This day is in the future."), code="future")
        return filed


class PoliceNotFiledForm(forms.Form):
    """The public security organ decided not to file the case, and why (不予立案的理由)."""

    reasons = text_field(_("Reasons for not filing"), rows=4, max_length=4000)


class AskReasonsForm(forms.Form):
    """The procuratorate asks the organ to explain why it did not file (要求说明不立案理由):
    why it considers the case should be filed."""

    reasons = text_field(_("Why the case should be filed"), rows=4, max_length=4000)


class PoliceExplanationForm(forms.Form):
    """The organ's written reasons for not filing, with their documents (the explanation as
    sent on paper, the evidence it relies on)."""

    reasons = text_field(_("Reasons for not filing"), rows=4, max_length=4000)
    documents = MultipleFileField(
        label=_("Written explanation and its evidence"),
        required=False,
        help_text=_("Up to 9 files: photos, PDF or Word documents, spreadsheets."),
    )

    def clean_documents(self) -> list[tuple[Any, str]]:
        return checked_files(self.cleaned_data.get("documents"))


class AcceptNotFilingForm(forms.Form):
    """The procuratorate accepts the organ's decision not to file, and says why it stands."""

    reasons = text_field(_("Why the decision not to file stands"), rows=3, max_length=4000)


class NotifyFilingForm(forms.Form):
    """The procuratorate finds the organ's reasons untenable and notifies it to file (通知立案)."""

    reasons = text_field(_("Why the reasons are untenable"), rows=4, max_length=4000)


class SupervisionOpenForm(ActingForForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=(
            ("courts.enforcement", _("civil enforcement supervision")),
            ("courts.nonlitigation", _("administrative non-litigation enforcement supervision")),
        ),
    )
    origin = forms.ChoiceField(label=_("Opened on"), choices=Origin.choices)
    applicant_name = VisibleCharField(label=_("Applicant"), max_length=100, required=False)
    grounds = text_field(_("Grounds"), rows=4, max_length=4000)
    application = MultipleFileField(
        label=_("Application and its evidence"),
        required=False,
        help_text=_("Up to 9 files: photos, PDF or Word documents, spreadsheets."),
    )

    def clean_application(self) -> list[tuple[Any, str]]:
        return checked_files(self.cleaned_data.get("application"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("origin") == Origin.APPLICATION:
            if not data.get("applicant_name"):
                self.add_error("applicant_name", _("Name the party who applied."))
            if not data.get("application"):
                self.add_error("application", _("Attach the application."))
        return data


class ShareForm(ActingForForm):
    case_number = CaseNumberField(label=_("Case number"), max_length=40)
    procuratorate = forms.ModelChoiceField(
        label=_("Procuratorate"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, procuratorates: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["procuratorate"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = procuratorates


class ImportForm(ActingForForm):
    register = forms.FileField(
        label=_("Register (CSV or XLSX)"),
        help_text=_(
            "Columns: case number, applicant, respondent, amount, filed on, closed on "
            "(案号, 申请执行人, 被执行人, 执行标的金额, 立案日期, 结案日期)."
        ),
    )
    procuratorate = forms.ModelChoiceField(
        label=_("Share with"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, procuratorates: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["procuratorate"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = procuratorates

    def clean_register(self) -> Any:
        file = self.cleaned_data["register"]
        if not file.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload the register as a CSV or XLSX file."))
        if file.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The register may be at most 5 MB."))
        return file
