"""Input for joint meetings: scheduling, agenda, attendance, minutes, resolutions, action items."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.accounts.models import User
from liaison.attachments.forms import MultipleFileField
from liaison.core.forms import VisibleCharField
from liaison.orgs.models import Organisation
from liaison.workflow.forms import StepForm
from liaison.workflow.models import Invitation


class ScheduleForm(forms.Form):
    title = VisibleCharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = VisibleCharField(label=_("Place"), max_length=200)


class AgendaForm(forms.Form):
    title = VisibleCharField(label=_("Agenda item"), max_length=200)
    notes = VisibleCharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    matter_numbers = VisibleCharField(
        label=_("Linked matters"),
        required=False,
        max_length=400,
        help_text=_("Case numbers of matters both sides follow, separated by spaces or commas."),
    )

    def numbers(self) -> list[str]:
        raw = self.cleaned_data.get("matter_numbers") or ""
        return [n for n in raw.replace("，", ",").replace(",", " ").split() if n]


class InviteForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label=_("Person"),
        error_messages={"invalid_choice": _("Choose someone from one of the parties.")},
    )

    def __init__(self, *args: Any, candidates: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if candidates is not None:
            field = self.fields["person"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = candidates


class HoldForm(StepForm):
    """Who came: the invitations of the meeting, ticked for those present."""

    attended = forms.ModelMultipleChoiceField(
        queryset=Invitation.objects.none(),
        label=_("Present"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, matter: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, matter=matter, **kwargs)
        field = self.fields["attended"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        if matter is not None:
            field.queryset = (
                Invitation.objects.filter(matter=matter)
                .exclude(state=Invitation.State.WITHDRAWN)
                .select_related("person")
            )
        field.label_from_instance = lambda i: i.person.display_name  # type: ignore[method-assign,assignment]


class MinutesForm(StepForm):
    minutes = VisibleCharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args: Any, matter: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, matter=matter, **kwargs)
        if matter is not None and not self.is_bound:
            self.fields["minutes"].initial = getattr(matter, "minutes", "")


class ResolutionForm(forms.Form):
    """A resolution and its first action item: who acts (a party, one of its people) is
    required, so no resolution is left without an owner."""

    text = VisibleCharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Organisation that acts"),
        error_messages={"required": _("Name the organisation that carries out the resolution.")},
    )
    person = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label=_("Person responsible"),
        error_messages={"required": _("Name the person responsible for the resolution.")},
    )
    task = VisibleCharField(label=_("Action item"), max_length=200)
    urgent = forms.BooleanField(
        label=_("Urgent"), required=False, help_text=_("Urgent items run on the shorter period.")
    )

    def __init__(self, *args: Any, parties: Any = None, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("owner", parties), ("person", people)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            if queryset is not None:
                field.queryset = queryset
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.label_from_instance = lambda u: u.display_name  # type: ignore[method-assign,assignment]


class ProgressForm(forms.Form):
    note = VisibleCharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 2}))


class DoneForm(StepForm):
    note = VisibleCharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = MultipleFileField(label=_("Evidence"), required=False)
