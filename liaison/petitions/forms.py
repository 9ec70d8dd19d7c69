"""Input for recording petitions and for their steps. Every refusal is a message next to the
field, in the reader's language, with what was typed kept."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import IdentifierField, VisibleCharField
from liaison.core.validators import normalise_mobile, validate_mobile
from liaison.orgs.models import Organisation
from liaison.workflow.forms import StepForm

from .models import Channel

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PetitionForm(forms.Form):
    """Record a petition received by one of the user's procuratorates."""

    owner = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Procuratorate"), empty_label=None
    )
    petitioner_name = VisibleCharField(label=_("Petitioner's name"), max_length=64)
    petitioner_mobile = IdentifierField(
        label=_("Petitioner's mobile"), max_length=20, validators=[validate_mobile]
    )
    petitioner_address = VisibleCharField(
        label=_("Petitioner's address"), max_length=200, required=False
    )
    title = VisibleCharField(
        label=_("Subject"),
        max_length=200,
        help_text=_("A short heading, without the petitioner's name: lawyers invited see it."),
    )
    details = VisibleCharField(
        label=_("What the petitioner asks"), widget=forms.Textarea(attrs={"rows": 5})
    )
    received_on = forms.DateField(
        label=_("Received on"),
        widget=DATE_WIDGET,
        help_text=_("The reply periods count from this day."),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)

    def __init__(
        self, *args: Any, owners: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = owners if owners is not None else Organisation.objects.none()
        if not self.is_bound:
            self.initial.setdefault("received_on", timezone.localdate())

    def clean_petitioner_mobile(self) -> str:
        return normalise_mobile(self.cleaned_data["petitioner_mobile"])

    def clean_received_on(self) -> Any:
        received = self.cleaned_data["received_on"]
        if received > timezone.localdate():
            raise forms.ValidationError(
                _("A petition cannot be received in the future; give the day it arrived.")
            )
        return received


class ReceiptReplyForm(forms.Form):
    note = VisibleCharField(
        label=_("Reply to the petitioner"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the petitioner was told: that it was received, and who handles it."),
    )


class LawyerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user.display_name} · {obj.firm.name}"


class InviteLawyerForm(StepForm):
    """Choose a verified lawyer of the procuratorate's area to take part."""

    lawyer = LawyerChoiceField(queryset=None, label=_("Lawyer"))
    note = VisibleCharField(
        label=_("Message to the lawyer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What you ask of them; the petitioner's name and contact stay hidden."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from liaison.lawyers.selectors import verified_lawyers

        super().__init__(*args, **kwargs)
        lawyer = self.fields["lawyer"]
        assert isinstance(lawyer, forms.ModelChoiceField)
        near = self.matter.owner if self.matter is not None else None
        lawyer.queryset = verified_lawyers(near=near)

    def clean_lawyer(self) -> Any:
        from .models import PetitionLawyer

        lawyer = self.cleaned_data["lawyer"]
        if (
            self.matter is not None
            and PetitionLawyer.objects.filter(petition_id=self.matter.pk, lawyer=lawyer).exists()
        ):
            raise forms.ValidationError(
                _("%(name)s was already asked to take part in this petition; choose another.")
                % {"name": lawyer.user.display_name}
            )
        return lawyer


class DeclineForm(forms.Form):
    note = VisibleCharField(
        label=_("Reason (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    note = VisibleCharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class WorkForm(forms.Form):
    opinion = VisibleCharField(
        label=_("Your opinion and the work you did"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "E.g. the law you explained to the petitioner, and your opinion on the request."
        ),
    )


class OutcomeForm(forms.Form):
    outcome = VisibleCharField(
        label=_("Outcome told to the petitioner"), widget=forms.Textarea(attrs={"rows": 4})
    )
