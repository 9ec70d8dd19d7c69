"""Input for adjudication committee sessions: scheduling one with its first agenda item, adding
an item, and the steps' forms (who attends, postponing, recording the session)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from liaison.accounts.models import User
from liaison.core.forms import VisibleCharField
from liaison.courts.models import CASE_NUMBER, normalise_case_number
from liaison.orgs.forms import ActingForForm
from liaison.orgs.models import Organisation
from liaison.workflow.forms import StepForm
from liaison.workflow.models import Invitation, Matter

from .models import CommitteeSession
from .rules import reschedule_error

_WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _matter_label(matter: Matter) -> str:
    return f"{matter.case_number} {matter.title}".strip()


class AgendaItemForm(forms.Form):
    """One case for the committee. ``matters`` are those the scheduler sees (the policy's
    ``matters_visible_to``), so nothing else is offered or accepted."""

    court_case_number = VisibleCharField(
        label=_("Court case number"),
        max_length=64,
        help_text=_("e.g. （2026）青0103民再5号"),
    )
    summary = VisibleCharField(
        label=_("What the committee discusses"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    matter = forms.ModelChoiceField(
        queryset=Matter.objects.none(),
        label=_("Liaison matter"),
        required=False,
        help_text=_(
            "A matter both sides follow in Liaison: the procuratorate's opinion is recorded on it."
        ),
        error_messages={"invalid_choice": _("Choose a matter you can see.")},
    )

    def __init__(self, *args: Any, matters: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["matter"]
        assert isinstance(field, forms.ModelChoiceField)
        if matters is not None:
            field.queryset = matters
        field.label_from_instance = _matter_label  # type: ignore[method-assign,assignment]

    def clean_court_case_number(self) -> str:
        """As the court writes it (full-width brackets, ``courts.models.CASE_NUMBER``), so the
        same case reads the same on every page."""
        number = normalise_case_number(self.cleaned_data["court_case_number"])
        if not CASE_NUMBER.match(number):
            raise ValidationError(
                _("Not a court case number such as （2026）青0103民再5号."), code="case_number"
            )
        return number


class ScheduleForm(ActingForForm, AgendaItemForm):
    """The session, the procuratorate invited and the first case on its agenda (more may be
    added on the session's page until the procuratorate must be told); a judge of several
    courts says which court's session it is (``ActingForForm``)."""

    title = VisibleCharField(label=_("Title"), max_length=200)
    scheduled_at = forms.DateTimeField(label=_("Time"), widget=_WHEN)
    place = VisibleCharField(label=_("Place"), max_length=200)
    procuratorate = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Procuratorate invited"),
        error_messages={"invalid_choice": _("Choose a procuratorate your court works with.")},
    )

    field_order = ["title", "scheduled_at", "place", "procuratorate"]

    def __init__(
        self, *args: Any, matters: Any = None, procuratorates: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, matters=matters, **kwargs)
        field = self.fields["procuratorate"]
        assert isinstance(field, forms.ModelChoiceField)
        if procuratorates is not None:
            field.queryset = procuratorates


class ConfirmForm(StepForm):
    """Who attends for the procuratorate: its chief procurator, or a senior the chief
    procurator entrusts (``actions.confirm_effect`` holds the entrustment rule)."""

    attendee = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label=_("Who attends"),
        error_messages={"invalid_choice": _("Choose the chief procurator or a deputy.")},
    )

    def __init__(self, *args: Any, matter: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, matter=matter, **kwargs)
        from .selectors import attendee_candidates

        field = self.fields["attendee"]
        assert isinstance(field, forms.ModelChoiceField)
        if matter is not None:
            field.queryset = attendee_candidates(matter)
        field.label_from_instance = lambda u: u.display_name  # type: ignore[method-assign,assignment]


class PostponeForm(StepForm):
    """A new time, earlier or later, under the notice rule as ``rules.reschedule_error`` applies
    it to a session whose agenda the procuratorate already has."""

    scheduled_at = forms.DateTimeField(label=_("New time"), widget=_WHEN)
    note = VisibleCharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean_scheduled_at(self) -> Any:
        from .selectors import told_on

        when = self.cleaned_data["scheduled_at"]
        matter = self.matter
        if matter is None:  # pragma: no cover - the engine always builds it with its matter
            return when
        session = matter.concrete()
        assert isinstance(session, CommitteeSession)
        problem = reschedule_error(when, current=session.scheduled_at, told_on=told_on(session))
        if problem is not None:
            raise forms.ValidationError(problem, code="too_late")
        return when


class AgendaItemEditForm(AgendaItemForm):
    """An item's details corrected; ``version`` is the item as the page showed it, so an edit
    made over someone else's meanwhile is refused, not silently undone."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class AgendaItemWithdrawForm(forms.Form):
    """Why the court takes a case off the agenda (told to the procuratorate)."""

    reason = VisibleCharField(
        label=_("Reason for withdrawing"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


ATTENDANCE = (("attended", _("attended")), ("absent", _("absent")))


class HoldForm(StepForm):
    """After the session: whether the procuratorate's attendee came and, per agenda item, the
    opinion they gave (only if they came) and the committee's decision (always)."""

    def __init__(self, *args: Any, matter: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, matter=matter, **kwargs)
        self.items: list[Any] = []
        self.attendee: Invitation | None = None
        if matter is None:
            return
        from .selectors import attendee_invitation, live_agenda_of

        self.attendee = attendee_invitation(matter)
        if self.attendee is not None:
            self.fields["attendance"] = forms.ChoiceField(
                label=_("%(name)s, for the procuratorate")
                % {"name": self.attendee.person.display_name},
                choices=ATTENDANCE,
                widget=forms.RadioSelect,
            )
        self.items = list(live_agenda_of(matter))
        for item in self.items:
            self.fields[f"opinion_{item.pk}"] = VisibleCharField(
                label=_("%(case)s: the procuratorate's opinion") % {"case": item.court_case_number},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"decision_{item.pk}"] = VisibleCharField(
                label=_("%(case)s: the committee's decision") % {"case": item.court_case_number},
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        came = data.get("attendance") == "attended"
        for item in self.items:
            if data.get(f"opinion_{item.pk}") and not came:
                self.add_error(
                    f"opinion_{item.pk}",
                    _("Nobody attended for the procuratorate: there is no opinion to record."),
                )
        return data
