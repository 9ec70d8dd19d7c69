"""Input for drafting agreements, their steps (sign, bring into force, expire, replace) and
naming a liaison person."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.attachments.forms import checked_files
from liaison.attachments.validators import PDF
from liaison.core.forms import VisibleCharField
from liaison.orgs.models import Organisation
from liaison.workflow.forms import StepForm

from .models import Cadence


def _date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


def governed_choices() -> list[tuple[str, str]]:
    """The matter types an agreement may govern: every registered workflow but agreements."""
    from liaison.workflow.registry import all_workflows

    return sorted(
        ((w.name, str(w.label)) for w in all_workflows() if not w.name.startswith("agreements.")),
        key=lambda choice: choice[1],
    )


class AgreementForm(forms.Form):
    """Draft an agreement, or correct it while it is a draft. ``owners`` are the organisations
    the user may draft for; ``partners`` those they may name as parties (the organisations
    their own work with, ``orgs.selectors.organisations_reachable_from``)."""

    owner = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Drafted by"))
    title = VisibleCharField(label=_("Title"), max_length=200)
    partners = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Other parties"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Name at least one other party to the agreement."),
            "invalid_choice": _(
                "An agreement's parties are organisations yours works with; ask your "
                "organisation's administrator to record the cooperation first."
            ),
        },
    )
    articles = VisibleCharField(
        label=_("Articles"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    governs = forms.MultipleChoiceField(
        label=_("Matters it governs"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=(),
    )
    meeting_cadence = forms.TypedChoiceField(
        label=_("Joint meetings"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("not agreed")), *Cadence.choices],
    )

    def __init__(
        self,
        *args: Any,
        owners: Any = None,
        partners: Any = None,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        owner_field = self.fields["owner"]
        partner_field = self.fields["partners"]
        assert isinstance(owner_field, forms.ModelChoiceField)
        assert isinstance(partner_field, forms.ModelMultipleChoiceField)
        if owners is not None:
            owner_field.queryset = owners
            if len(owners) == 1:
                owner_field.initial = owners[0]
        if partners is not None:
            partner_field.queryset = partners
        if editing:
            del self.fields["owner"]
        governs = self.fields["governs"]
        assert isinstance(governs, forms.MultipleChoiceField)
        governs.choices = governed_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        owner = data.get("owner")
        if owner is not None and owner in (data.get("partners") or []):
            self.add_error("partners", _("The drafting organisation is a party already."))
        return data


class SignForm(forms.Form):
    """The day it was signed and the signed document, a PDF."""

    signed_on = _date_field(_("Signed on"))
    document = forms.FileField(
        label=_("Signed document (PDF)"),
        error_messages={"required": _("Upload the signed document as a PDF.")},
    )

    def clean_signed_on(self) -> date:
        day: date = self.cleaned_data["signed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("An agreement cannot be signed in the future."))
        return day

    def clean_document(self) -> list[tuple[Any, str]]:
        return checked_files([self.cleaned_data["document"]], allowed={PDF}, most=1)


class InForceForm(StepForm):
    in_force_from = _date_field(_("In force from"))

    def clean_in_force_from(self) -> date:
        day: date = self.cleaned_data["in_force_from"]
        signed_on = getattr(self.matter, "signed_on", None)
        if signed_on is not None and day < signed_on:
            raise forms.ValidationError(_("An agreement comes into force once it is signed."))
        return day


class ExpireForm(StepForm):
    ended_on = _date_field(_("Expired on"))
    note = VisibleCharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_ended_on(self) -> date:
        day: date = self.cleaned_data["ended_on"]
        start = getattr(self.matter, "in_force_from", None)
        if start is not None and day < start:
            raise forms.ValidationError(_("An agreement expires after it came into force."))
        return day


class ReplaceForm(StepForm):
    """The newer agreement that replaces this one: one of the same drafting organisation's,
    signed or in force (``selectors.replacements_for``)."""

    replaced_by = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Replaced by"),
        error_messages={
            "required": _("Choose the newer agreement."),
            "invalid_choice": _("Choose a newer agreement of the same organisation."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .selectors import replacements_for

        field = self.fields["replaced_by"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = replacements_for(self.matter)


class LiaisonPersonForm(forms.Form):
    """Whom a party names as its liaison person: one of its own active members."""

    person = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Liaison person"),
        error_messages={
            "required": _("Choose the liaison person."),
            "invalid_choice": _("The liaison person is one of the party's own members."),
        },
    )

    def __init__(self, *args: Any, candidates: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if candidates is not None:
            field = self.fields["person"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = candidates
