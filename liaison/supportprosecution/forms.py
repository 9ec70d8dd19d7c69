"""Input of support prosecution: the steps' forms (eligibility, the opinion, the court's
acknowledgement, the outcome, closing), beneficiaries and recoveries, the public application
and its status page, the staff's entry of a case and of a paper referral, the list's filters.

Amounts are ``AmountField``: yuan with at most two places, never negative, each refusal a plain
sentence."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.forms import IdentifierField, VisibleCharField
from liaison.core.validators import (
    normalise_mobile,
    normalise_resident_id,
    validate_mobile,
    validate_resident_id,
)
from liaison.orgs.forms import ActingForForm
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.orgs.selectors import procuratorate_for_division
from liaison.places.forms import PLACE_FIELDS, PlaceFields
from liaison.publicinterest.report_forms import ProgressForm
from liaison.workflow.forms import StepForm

from .models import Beneficiary, BeneficiaryGroup, Channel, Outcome, SupportCategory

#: The kinds of organisation that refer a case to the procuratorate: the judicial bureau, the
#: legal-aid centre, and the labour inspectorate (an administrative agency: 劳动保障监察).
REFERRING_KINDS = (
    OrganisationKind.JUDICIAL_BUREAU,
    OrganisationKind.LEGAL_AID_CENTRE,
    OrganisationKind.ADMINISTRATIVE_AGENCY,
)
FACTS_MAX = 5000
REASONS_MAX = 2000


class AmountField(forms.DecimalField):
    """An amount in yuan: a number, at most two decimal places, not negative (``positive``:
    above zero), with messages a person who typed it understands."""

    def __init__(self, *, positive: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0.01") if positive else Decimal("0"))
        super().__init__(**kwargs)
        self.positive = positive
        self.error_messages.update(
            {
                "invalid": _("Enter the amount as a number of yuan, e.g. 12000 or 12000.50."),
                "max_decimal_places": _("An amount has at most two decimal places (fen)."),
                "max_digits": _("This amount is too large."),
                "max_whole_digits": _("This amount is too large."),
            }
        )
        self.widget.attrs.update({"inputmode": "decimal", "step": "0.01"})
        for validator in self.validators:
            if getattr(validator, "code", "") == "min_value":
                validator.message = (  # type: ignore[attr-defined]
                    _("The amount must be more than zero.")
                    if positive
                    else _("The amount cannot be negative.")
                )


def _reasons(label: Any, *, required: bool = True) -> VisibleCharField:
    return VisibleCharField(
        label=label,
        required=required,
        max_length=REASONS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# -- the steps ----------------------------------------------------------------------------------


class EligibleForm(forms.Form):
    """Found eligible: the reasons, which the applicant reads on the status page."""

    reasons = _reasons(_("Reasons (the applicant reads them)"))


class IneligibleForm(forms.Form):
    """Found not eligible: the reasons, which the applicant reads, are required."""

    reasons = _reasons(_("Reasons (the applicant reads them)"))


class OpinionForm(StepForm):
    """The support-prosecution opinion (支持起诉意见书): to which court, what was found, and the
    opinion; a court the procuratorate works with on the platform."""

    court = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Court"), empty_label=_("Choose the court")
    )
    opinion_facts = VisibleCharField(
        label=_("Facts found"), max_length=FACTS_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )
    opinion_text = VisibleCharField(
        label=_("Opinion"), max_length=FACTS_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .selectors import courts_for

        if self.matter is not None:
            self.fields["court"].queryset = courts_for(self.matter.owner)  # type: ignore[attr-defined]
            if not self.is_bound:
                self.initial.setdefault("court", getattr(self.matter, "court_id", None))
                self.initial.setdefault("opinion_facts", getattr(self.matter, "opinion_facts", ""))
                self.initial.setdefault("opinion_text", getattr(self.matter, "opinion_text", ""))


class AcknowledgeForm(forms.Form):
    """The court acknowledges the opinion, with its own case number when it has one."""

    court_case_number = IdentifierField(
        label=_("Court's case number"), max_length=40, required=False
    )


class OutcomeForm(forms.Form):
    """How the suit ended, and the amounts: claimed, and awarded (or agreed in mediation)."""

    outcome = forms.ChoiceField(label=pgettext_lazy("support", "Outcome"), choices=Outcome.choices)
    outcome_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    amount_claimed = AmountField(label=_("Amount claimed (yuan)"))
    amount_awarded = AmountField(label=_("Amount awarded or agreed (yuan)"), required=False)

    def clean_outcome_on(self) -> Any:
        day = self.cleaned_data["outcome_on"]
        if day > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        outcome, awarded = data.get("outcome"), data.get("amount_awarded")
        if outcome in (Outcome.JUDGMENT, Outcome.MEDIATION) and awarded is None:
            self.add_error(
                "amount_awarded", _("Enter the amount awarded by the judgment or agreed.")
            )
        if outcome == Outcome.WITHDRAWAL and awarded is None:
            data["amount_awarded"] = Decimal("0.00")
        return data


class CloseForm(forms.Form):
    reasons = _reasons(_("Closing note"), required=False)


class EndForm(forms.Form):
    """Ending a case before the suit (the applicant withdrew, the dispute was settled)."""

    reasons = _reasons(_("Reasons"))


# -- beneficiaries and recoveries ---------------------------------------------------------------


class BeneficiaryForm(forms.Form):
    name = VisibleCharField(label=_("Name"), max_length=100)
    id_number = IdentifierField(label=_("Resident ID"), max_length=18, required=False)
    mobile = IdentifierField(label=_("Mobile"), max_length=20, required=False)
    group = forms.ChoiceField(label=_("Group"), choices=BeneficiaryGroup.choices)
    amount_owed = AmountField(label=_("Amount owed to them (yuan)"), required=False)

    def clean_id_number(self) -> str:
        value = normalise_resident_id(self.cleaned_data.get("id_number") or "")
        if value:
            validate_resident_id(value)
        return value

    def clean_mobile(self) -> str:
        value = normalise_mobile(self.cleaned_data.get("mobile") or "")
        if value:
            validate_mobile(value)
        return value


class RecoveryForm(StepForm):
    """An instalment recovered: the day, the amount, optionally for whom; the reason when the
    total would pass the amount awarded."""

    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    amount = AmountField(label=_("Amount (yuan)"), positive=True)
    beneficiary: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=Beneficiary.objects.none(),
        label=_("For"),
        required=False,
        empty_label=_("All beneficiaries"),
    )
    over_award_reason = _reasons(
        _("Reason, if the total recovered passes the amount awarded"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["beneficiary"]
        matter_id = self.matter.pk if self.matter is not None else None
        field.queryset = Beneficiary.objects.filter(case_id=matter_id)  # type: ignore[attr-defined]
        field.label_from_instance = _masked_label  # type: ignore[attr-defined]

    def clean_received_on(self) -> Any:
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        return day


def _masked_label(beneficiary: Any) -> str:
    from liaison.core.masking import mask_name

    return mask_name(beneficiary.name)


# -- opening ------------------------------------------------------------------------------------


def _categories() -> Any:
    return SupportCategory.objects.filter(active=True)


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class _CaseFields(forms.Form):
    """What every opening asks: the category, the applicant, the respondent and the claim."""

    category = CategoryChoiceField(
        queryset=_categories(), label=_("Category"), empty_label=_("Choose the category")
    )
    applicant_name = VisibleCharField(label=_("Applicant's name"), max_length=100)
    applicant_id_number = IdentifierField(
        label=_("Applicant's resident ID"), max_length=18, required=False
    )
    applicant_mobile = IdentifierField(label=_("Applicant's mobile"), max_length=20)
    applicant_address = VisibleCharField(
        label=_("Applicant's address"), max_length=200, required=False
    )
    respondent = VisibleCharField(
        label=_("Respondent (employer, family member who owes support …)"), max_length=200
    )
    facts = VisibleCharField(
        label=_("What happened and what is claimed"),
        max_length=FACTS_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_applicant_id_number(self) -> str:
        value = normalise_resident_id(self.cleaned_data.get("applicant_id_number") or "")
        if value:
            validate_resident_id(value)
        return value

    def clean_applicant_mobile(self) -> str:
        value = normalise_mobile(self.cleaned_data.get("applicant_mobile") or "")
        if value:
            validate_mobile(value)
        return value


NO_PROCURATORATE = _(
    "No procuratorate on this platform serves %(place)s yet, so the application cannot be "
    "sent here. Check the place, or apply at your local procuratorate or call its 12309 "
    "service line."
)


class ApplicationForm(PlaceFields, _CaseFields):
    """The public application (no account): where the applicant lives or the dispute is (an
    address, or the place chosen in lists: ``places.forms.PlaceFields``, as the public clue
    report), from which the platform finds the procuratorate serving it
    (``orgs.selectors.procuratorate_for_division``, in ``cleaned_data["procuratorate"]``); and
    the people helped (the applicant's own formset of beneficiaries follows it on the page)."""

    field_order = ("submission_key", *PLACE_FIELDS, "category")

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    address = VisibleCharField(
        label=pgettext_lazy("place", "Address"),
        max_length=200,
        required=False,
        help_text=_(
            "The address, e.g. 安徽省芜湖市湾沚区六郎镇…; or choose the place below. The "
            "procuratorate serving that place receives the application."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        division = self.place(data)
        if division is None:
            return data
        found = procuratorate_for_division(division.code, division=division)
        if found is None:
            where = "county" if self.place_chosen_in_lists() else "address"
            self.add_error(
                where,
                ValidationError(
                    NO_PROCURATORATE, code="no_procuratorate", params={"place": division.full_name}
                ),
            )
        data["procuratorate"] = found
        return data


class StaffOpenForm(ActingForForm, _CaseFields):
    """A case staff enter: received at the counter or by phone; for which procuratorate, when
    they work in several (``ActingForForm``)."""

    channel = forms.ChoiceField(
        label=pgettext_lazy("support", "Received"),
        choices=[(Channel.COUNTER, Channel.COUNTER.label), (Channel.PHONE, Channel.PHONE.label)],
    )
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ReferralOpenForm(ActingForForm, _CaseFields):
    """A paper referral from the judicial bureau, the legal-aid centre or the labour
    inspectorate, recorded by staff; for which procuratorate, when they work in several."""

    referred_by = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(kind__in=REFERRING_KINDS, is_active=True).order_by(
            "name"
        ),
        label=_("Referred by"),
        empty_label=_("Choose the organisation"),
    )
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )


BeneficiaryFormSet = forms.formset_factory(
    BeneficiaryForm, extra=0, min_num=1, validate_min=True, max_num=200, validate_max=True
)


#: The status page asks for a query code as the public-interest progress page does: one form.
StatusForm = ProgressForm


class ListFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False)
    category = CategoryChoiceField(
        queryset=SupportCategory.objects.all(),
        label=_("Category"),
        required=False,
        empty_label=_("All categories"),
    )
    channel = forms.ChoiceField(
        label=pgettext_lazy("support", "Received"),
        required=False,
        choices=[("", _("All")), *Channel.choices],
    )
    q = VisibleCharField(label=_("Case number or respondent"), max_length=100, required=False)

    def __init__(self, *args: Any, states: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All")), *states]  # type: ignore[attr-defined]
