"""Input for raising a flag and for its steps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.attachments.forms import MultipleFileField, checked_files
from liaison.core.forms import VisibleCharField
from liaison.orgs.forms import ActingForForm
from liaison.orgs.models import Organisation

from .models import Flag

NO_GROUNDS = _("Write the grounds of the flag: what points to false litigation or fraud.")
NOT_OTHER = _("Choose an organisation that shares this matter with yours.")
NO_KIND = _("Choose the kind of flag: false litigation or pension insurance fraud.")


class RaiseForm(ActingForForm):
    """The flag: its kind, whom it tells (``others``: the matter's organisations) and why; a
    user who is case staff of two of them says which raises it (``ActingForForm``), and may
    not tell the one they act for."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Flag.Kind.choices,
        error_messages={"required": NO_KIND, "invalid_choice": NO_KIND},
    )
    against = forms.TypedChoiceField(
        label=_("Told to"),
        coerce=int,
        error_messages={"required": NOT_OTHER, "invalid_choice": NOT_OTHER},
    )
    grounds = VisibleCharField(
        label=_("Grounds"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": NO_GROUNDS},
    )
    evidence = MultipleFileField(label=_("Evidence"), required=False)

    def __init__(self, *args: Any, others: list[Organisation] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        field = self.fields["against"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(org.pk, org.name) for org in others]
        if len(others) == 1:
            field.initial = others[0].pk

    def clean_evidence(self) -> list[tuple[Any, str]]:
        return checked_files(self.cleaned_data.get("evidence"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        side = self.chosen_organisation()
        if side is not None and data.get("against") == side.pk:
            self.add_error("against", NOT_OTHER)
        return data


class AcknowledgeForm(forms.Form):
    note = VisibleCharField(
        label=_("Remarks"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Flag.Outcome.choices,
        error_messages={"required": _("Choose what became of the flagged matter.")},
    )
    note = VisibleCharField(
        label=_("Details"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say what was done: the referral, the new case number, the amount.")
        },
    )
