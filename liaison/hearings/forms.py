"""Input for hearings: scheduling one, inviting a participant, and the workflow's steps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from liaison.accounts.models import User
from liaison.core.forms import IdentifierField, VisibleCharField
from liaison.core.masking import mask_mobile
from liaison.core.validators import normalise_mobile, validate_mobile
from liaison.workflow.forms import StepForm


class ScheduleForm(forms.Form):
    """A hearing on a case the user's procuratorate handles, found by its case number."""

    case_number = VisibleCharField(
        label=_("Case number"),
        max_length=64,
        help_text=_("The case the hearing is about, e.g. 同检公线〔2026〕3号."),
    )
    title = VisibleCharField(label=_("Title"), max_length=200)
    subject = VisibleCharField(
        label=_("What the hearing is about"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Told to the participants and, for a public hearing, to the public."),
    )
    scheduled_at = forms.DateTimeField(
        label=_("Time"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = VisibleCharField(label=_("Place"), max_length=200)
    public = forms.BooleanField(
        label=_("Public hearing"),
        required=False,
        initial=True,
        help_text=_("A public hearing is announced publicly."),
    )

    def __init__(self, *args: Any, cases: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cases = cases

    def clean_case_number(self) -> str:
        number = self.cleaned_data["case_number"].strip()
        case = self.cases.filter(case_number=number).first() if self.cases is not None else None
        if case is None:
            raise ValidationError(
                _("No matter of your procuratorate has this case number."), code="no_case"
            )
        self.cleaned_data["case"] = case
        return number


class ParticipantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        masked = mask_mobile(obj.mobile) if len(obj.mobile) == 11 else ""
        return f"{obj.display_name} {masked}".strip()


class InviteForm(forms.Form):
    """Whom to invite, in which role: chosen among the volunteers and lawyers near the
    procuratorate, or found by their mobile number (a people's supervisor, an expert)."""

    role = forms.ChoiceField(label=_("Role in the hearing"))
    person = ParticipantChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Person"),
        empty_label=_("Choose a volunteer or lawyer"),
    )
    mobile = IdentifierField(
        label=_("Or their mobile number"),
        max_length=20,
        required=False,
        help_text=_("For someone not in the list who has an account on the platform."),
    )

    def __init__(self, *args: Any, candidates: Any, roles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles  # type: ignore[attr-defined]
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = candidates

    def clean_mobile(self) -> str:
        mobile = normalise_mobile(self.cleaned_data.get("mobile", ""))
        if mobile:
            validate_mobile(mobile)
        return mobile

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen, mobile = data.get("person"), data.get("mobile")
        if self.errors:
            return data
        if chosen and mobile:
            self.add_error("mobile", _("Choose a person or give a mobile number, not both."))
        elif not chosen and not mobile:
            self.add_error("person", _("Choose whom to invite, or give their mobile number."))
        elif mobile:
            found = list(User.objects.filter(mobile=mobile, is_active=True)[:2])
            if len(found) != 1:
                self.add_error(
                    "mobile",
                    _("No account on the platform has this mobile number.")
                    if not found
                    else _("Several accounts have this mobile number; choose the person instead."),
                )
            else:
                data["person"] = found[0]
        return data


class ParticipantsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        answer = obj.invitation.get_state_display()
        return f"{obj.person.display_name} · {obj.get_role_display()} · {answer}"


class HoldForm(StepForm):
    """Who came, and the opinions heard."""

    attended = ParticipantsField(
        queryset=User.objects.none(),
        required=False,
        label=_("Present"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone invited and not ticked is recorded as absent."),
    )
    opinions = VisibleCharField(
        label=_("Opinions heard"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Record the opinions the hearing heard.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .models import Participant

        super().__init__(*args, **kwargs)
        field = self.fields["attended"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = (
            Participant.objects.filter(hearing_id=self.matter.pk)
            .select_related("person", "invitation")
            .order_by("invitation__invited_at", "pk")
            if self.matter is not None
            else Participant.objects.none()
        )


class CloseForm(forms.Form):
    note = VisibleCharField(
        label=_("Conclusion"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the procuratorate concluded after hearing the opinions."),
    )


class ReasonForm(forms.Form):
    note = VisibleCharField(
        label=_("Reason (the participants will read it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
