"""Input for handling clues: triage, accepting, rejecting, transferring and merging (the
public's report form is in ``report_forms``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import VisibleCharField
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.workflow.forms import StepForm

from .codes import normalise_query_code
from .forms import active_agencies
from .models import (
    CaseKind,
    Clue,
    Field,
    PILCase,
)
from .report_forms import FieldChoiceField


class RejectForm(forms.Form):
    note = VisibleCharField(
        label=_("Reason (the reporter will read it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class TransferForm(StepForm):
    """Transfer to another active procuratorate (the clue's own is not offered)."""

    target = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(
            kind=OrganisationKind.PROCURATORATE, is_active=True
        ).order_by("path"),
        label=_("Transfer to"),
    )
    note = VisibleCharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.matter is not None:
            target = self.fields["target"]
            assert isinstance(target, forms.ModelChoiceField)
            target.queryset = target.queryset.exclude(pk=self.matter.owner_id)  # type: ignore[union-attr]


class MergeForm(StepForm):
    """Which clue this one is merged into: one of the suggested duplicates, or another open clue
    of the procuratorate found by its query code or case number."""

    target = forms.ModelChoiceField(
        queryset=Clue.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        label=_("Merge into"),
        empty_label=None,
    )
    code = VisibleCharField(
        label=_("Or the other clue's query code or case number"), required=False, max_length=64
    )
    note = VisibleCharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        assert isinstance(target, forms.ModelChoiceField)
        if isinstance(self.matter, Clue):
            from .duplicates import suggestions_for

            suggested = [s.clue.pk for s in suggestions_for(self.matter)]
            target.queryset = Clue.objects.filter(pk__in=suggested).order_by("-created_at")
        target.label_from_instance = lambda obj: f"{obj.case_number} {obj.title}"  # type: ignore[method-assign]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = " ".join((data.get("code") or "").split())
        if data.get("target") is not None and code:
            self.add_error("code", _("Choose one clue: a suggested one, or one by its code."))
        elif data.get("target") is None and not code:
            if "target" not in self.errors:
                self.add_error("target", _("Choose the clue to merge this one into."))
        elif code:
            found = self._by_code(code)
            if found is None:
                self.add_error(
                    "code",
                    _(
                        "No other clue being assessed at this procuratorate has this query code "
                        "or case number."
                    ),
                )
            data["target"] = found
        return data

    def _by_code(self, code: str) -> Clue | None:
        if self.matter is None:
            return None
        from .duplicates import open_states

        clues = Clue.objects.filter(owner_id=self.matter.owner_id, state__in=open_states()).exclude(
            pk=self.matter.pk
        )
        found = clues.filter(case_number=code).first()
        query = normalise_query_code(code)
        if found is None and query is not None:
            found = clues.filter(query_code=query).first()
        return found


class TriageFilterForm(forms.Form):
    field = FieldChoiceField(
        queryset=Field.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Field"),
        empty_label=_("All fields"),
    )
    state = forms.ChoiceField(label=_("State"), required=False)
    since = forms.DateField(
        label=_("Reported from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Reported until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, states: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All states")), *states]  # type: ignore[attr-defined]


class AcceptForm(StepForm):
    """Accepting a clue opens a case, administrative or civil; or the clue joins a case already
    open at the procuratorate (a second report of the same coal yard)."""

    kind = forms.ChoiceField(
        label=_("Open a case"),
        choices=CaseKind.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    administrative_agency = forms.ModelChoiceField(
        queryset=active_agencies(),
        required=False,
        label=_("Responsible administrative agency"),
        help_text=_("For an administrative case, if already known; it can be set when filing."),
    )
    case = forms.ModelChoiceField(
        queryset=PILCase.objects.none(),
        required=False,
        label=_("Or add the clue to an open case"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.matter is not None:
            from .selectors import open_cases_of

            case = self.fields["case"]
            assert isinstance(case, forms.ModelChoiceField)
            case.queryset = open_cases_of(self.matter.owner_id)
            case.label_from_instance = lambda obj: f"{obj.case_number} {obj.title}"  # type: ignore[method-assign]
            if not case.queryset.exists():
                del self.fields["case"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, agency, case = data.get("kind"), data.get("administrative_agency"), data.get("case")
        if case is not None and kind:
            self.add_error("case", _("Either open a new case or add the clue to an open one."))
        elif case is None and not kind:
            self.add_error("kind", _("Choose whether the case is administrative or civil."))
        if agency is not None and kind != CaseKind.ADMINISTRATIVE:
            self.add_error(
                "administrative_agency", _("Only an administrative case has a responsible agency.")
            )
        return data
