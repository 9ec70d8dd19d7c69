"""Input for recording and correcting a publicity event, and the list's filters."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.attachments.forms import MultipleFileField, checked_files
from liaison.core.access import Access
from liaison.core.forms import VisibleCharField
from liaison.orgs.models import Organisation

from . import selectors
from .actions import FUTURE_EVENT, EventFields, held_in_the_past
from .models import EventKind


def _choice(form: forms.Form, name: str) -> forms.ModelChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


class AgreementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


def _date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


class EventForm(forms.Form):
    """Record an event or correct one."""

    organiser = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Recorded for")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = VisibleCharField(label=_("Title"), max_length=200)
    held_on = _date_field(_("Date"))
    place = VisibleCharField(label=_("Place"), max_length=200)
    partners = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Held with"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Partners are organisations yours works with; ask your organisation's "
                "administrator to record the cooperation first."
            )
        },
    )
    participants = PeopleField(
        queryset=Organisation.objects.none(),
        label=_("Participating staff"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participants_text = VisibleCharField(
        label=_("Other participants"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Lawyers, speakers, guests: names and where they come from."),
    )
    audience = forms.IntegerField(
        label=_("Audience"),
        min_value=0,
        max_value=10_000_000,
        initial=0,
        error_messages={
            "invalid": _("The audience is a number of people, zero or more."),
            "min_value": _("The audience is a number of people, zero or more."),
        },
    )
    agreement = AgreementChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Under the agreement"),
        required=False,
    )
    material = MultipleFileField(label=_("Material"), required=False)

    def __init__(
        self, *args: Any, access: Access, organiser: Organisation | None = None, **kwargs: Any
    ):
        """Recording (``organiser`` None): the user chooses the organisation among their own.
        Correcting: the recording organisation stays, and partners are those it works with."""
        super().__init__(*args, **kwargs)
        if organiser is None:
            own = selectors.recording_organisations(access)
            _choice(self, "organiser").queryset = own
            if len(own) == 1:
                self.fields["organiser"].initial = own[0]
            partners = selectors.partner_choices(access)
        else:
            del self.fields["organiser"]
            own = Organisation.objects.filter(pk=organiser.pk)
            partners = selectors.partners_of(organiser)
        _choice(self, "partners").queryset = partners
        _choice(self, "participants").queryset = selectors.staff_of(
            Organisation.objects.filter(
                Q(pk__in=own.values("pk")) | Q(pk__in=partners.values("pk"))
            )
        )
        _choice(self, "agreement").queryset = selectors.agreement_choices(access)
        # The phone's date picker offers no day after today (the server refuses one anyway).
        self.fields["held_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_held_on(self) -> date:
        day: date = self.cleaned_data["held_on"]
        if not held_in_the_past(day):
            raise ValidationError(FUTURE_EVENT, code="future")
        return day

    def clean_material(self) -> list[Any]:
        return [file for file, _type in checked_files(self.cleaned_data.get("material"))]

    def event_fields(self, organiser: Organisation | None = None) -> EventFields:
        data = self.cleaned_data
        return EventFields(
            kind=data["kind"],
            title=data["title"],
            held_on=data["held_on"],
            place=data["place"],
            organiser=organiser or data["organiser"],
            partners=list(data["partners"]),
            participants_text=data["participants_text"],
            participants=list(data["participants"]),
            audience=data["audience"],
            agreement=data["agreement"],
            files=data["material"],
        )


class FilterForm(forms.Form):
    """The list's filters; every one optional."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *EventKind.choices], required=False
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Organised by"),
        required=False,
        empty_label=_("All organisations"),
    )
    agreement = AgreementChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Agreement"),
        required=False,
        empty_label=_("Any agreement"),
    )
    since = _date_field(pgettext_lazy("period", "From"), required=False)
    until = _date_field(pgettext_lazy("period", "Until"), required=False)

    def __init__(self, *args: Any, access: Access, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _choice(self, "organisation").queryset = selectors.recording_organisations(access).order_by(
            "path"
        )
        _choice(self, "agreement").queryset = selectors.agreements_of_events(access)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period comes before its start."))
        return data
