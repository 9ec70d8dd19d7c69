"""Input for referring a person and for the receiving side's steps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

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
from liaison.workflow.forms import StepForm

from .models import Category

#: Why a receiver is refused: the same words from the form and from the action.
NOT_A_CENTRE = _("A person is referred for legal aid only to a legal-aid centre.")
NOT_A_PROCURATORATE = _("A legal-aid centre refers cases only to a procuratorate.")
NOT_REACHABLE = _(
    "Refer only to an organisation yours works with; if it is missing, ask your "
    "organisation's administrator to record the cooperation."
)
NOT_A_LAWYER = _("Choose a verified lawyer: only a lawyer can be assigned as aid lawyer.")


class ReceiverChoiceField(forms.ModelChoiceField):
    """Offers the receivers the sender works with, but reads any active organisation posted,
    so that the form's ``clean`` says precisely why one is refused (not a legal-aid centre, not
    a partner) instead of "not one of the choices"."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        try:
            return Organisation.objects.get(pk=int(value), is_active=True)
        except (ValueError, TypeError, Organisation.DoesNotExist):
            raise forms.ValidationError(
                _("Choose the organisation to refer to."), code="invalid_choice"
            ) from None


class ReferralForm(ActingForForm):
    """Refer a person. With several organisations where the user may refer from (``acting``),
    "acting for" asks which one sends it (``ActingForForm``); the receiver offers those of the
    other side that the senders work with; the action refuses any other whatever id is
    posted."""

    receiver = ReceiverChoiceField(
        queryset=Organisation.objects.filter(is_active=True),
        label=_("Refer to"),
        error_messages={"required": _("Choose the organisation to refer to.")},
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    title = VisibleCharField(
        label=_("Subject"),
        max_length=60,
        help_text=_("A few words, without the person's name: they appear in lists and inboxes."),
    )
    person_name = VisibleCharField(label=_("Name of the person"), max_length=64)
    person_id_number = IdentifierField(label=_("Resident ID number"), required=False, max_length=18)
    person_mobile = IdentifierField(label=_("Mobile"), required=False, max_length=20)
    facts = VisibleCharField(
        label=_("The matter in short"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    respondent = VisibleCharField(
        label=_("The other party"),
        required=False,
        max_length=200,
        help_text=_(
            "Whom the person claims against (an employer, a son or daughter); required when a "
            "centre refers a case to a procuratorate."
        ),
    )
    source_number = IdentifierField(
        label=_("Case number of the matter it arises from"),
        required=False,
        max_length=64,
        help_text=_("Optional: a case or petition of your organisation, e.g. 湾检信〔2026〕3号."),
    )

    def __init__(self, *args: Any, receivers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if receivers is not None:
            field = self.fields["receiver"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = receivers

    def clean(self) -> dict[str, Any]:
        from .actions import refusal_of

        data = super().clean() or {}
        sender, receiver = self.chosen_organisation(), data.get("receiver")
        if sender is not None and receiver is not None:
            refusal = refusal_of(sender, receiver)
            if refusal is not None:
                self.add_error("receiver", refusal)
        if (
            sender is not None
            and sender.kind == OrganisationKind.LEGAL_AID_CENTRE
            and not data.get("respondent")
        ):
            self.add_error(
                "respondent",
                _("Name the other party: the procuratorate's case is brought against them."),
            )
        return data

    def clean_person_id_number(self) -> str:
        value = normalise_resident_id(self.cleaned_data.get("person_id_number") or "")
        if value:
            validate_resident_id(value)
        return value

    def clean_person_mobile(self) -> str:
        value = normalise_mobile(self.cleaned_data.get("person_mobile") or "")
        if value:
            validate_mobile(value)
        return value


class AcceptForm(forms.Form):
    note = VisibleCharField(
        label=_("Note to the referring side"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeclineForm(forms.Form):
    note = VisibleCharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reasons why the referral is declined.")},
        help_text=_("The referring side reads them, and tells the person."),
    )


class LawyerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user.display_name} · {obj.firm.name}"


class AssignLawyerForm(StepForm):
    """The aid lawyer: a verified lawyer of the centre's area (a law firm's lawyer, or a
    staff lawyer of the centre registered with their practising certificate)."""

    lawyer = LawyerChoiceField(
        queryset=None,
        label=_("Aid lawyer"),
        error_messages={"invalid_choice": NOT_A_LAWYER, "required": NOT_A_LAWYER},
    )
    note = VisibleCharField(
        label=_("Message to the lawyer"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from liaison.lawyers.selectors import verified_lawyers

        super().__init__(*args, **kwargs)
        field = self.fields["lawyer"]
        assert isinstance(field, forms.ModelChoiceField)
        near: Organisation | None = None
        if self.matter is not None:
            from .models import LegalAidReferral

            referral = LegalAidReferral.objects.select_related("receiver").get(pk=self.matter.pk)
            near = referral.receiver
        field.queryset = verified_lawyers(near=near)


class OutcomeForm(forms.Form):
    outcome = VisibleCharField(
        label=_("Outcome in short"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )
