"""Input for a retrial case: opening it, adding an item of new evidence, and the court's steps
(registering it under its own retrial number, deciding each item, ruling, the judgment)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.attachments.forms import MultipleFileField, checked_files
from liaison.attachments.validators import PDF
from liaison.core.forms import IdentifierField, VisibleCharField
from liaison.courts.models import normalise_case_number
from liaison.orgs.forms import ActingForForm
from liaison.orgs.models import Organisation
from liaison.workflow.forms import StepForm

from .models import Kind, Outcome

#: A civil judgment's number, the one retried: （2025）青0103民初456号, 民终 on appeal.
JUDGMENT_NUMBER = re.compile(r"^（\d{4}）[\u4e00-\u9fff]\d{2,4}民(初|终|再)\d{1,6}号$")
#: The court's number of the retrial: （2026）青01民再12号 — the year, the province's
#: abbreviation and the court's code, 民再 and the number.
RETRIAL_NUMBER = re.compile(r"^（(?P<year>\d{4})）[\u4e00-\u9fff]\d{2,4}民再\d{1,6}号$")
#: At most this many files for one item of evidence.
MOST_FILES = 9


def _text(label: Any, *, rows: int = 3, max_length: int = 4000, **kwargs: Any) -> VisibleCharField:
    return VisibleCharField(
        label=label, max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def served_on(matter: Any) -> date | None:
    """The day the case was served on the court: its ruling clock's first day."""
    from liaison.workflow.models import Clock

    if matter is None:
        return None
    started: date | None = (
        Clock.objects.filter(matter_id=matter.pk, name="ruling")
        .values_list("started_on", flat=True)
        .first()
    )
    return started


def _not_future(day: date) -> date:
    if day > timezone.localdate():
        raise ValidationError(_("This day is in the future."), code="future")
    return day


class OpenForm(ActingForForm):
    """A protest or a retrial recommendation, addressed to a court the procuratorate works
    with (the choices are the view's: ``selectors.courts_for_any``); a prosecutor of several
    procuratorates says which drafts it (``ActingForForm``), and the action refuses a court
    that one does not work with."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    court = forms.ModelChoiceField(label=_("Court"), queryset=Organisation.objects.none())
    original_judgment = IdentifierField(
        label=_("Number of the judgment to be retried"),
        max_length=40,
        help_text=_("e.g. （2025）青0103民初456号"),
    )
    title = VisibleCharField(label=_("Title"), max_length=200)
    grounds = _text(_("Grounds"), rows=5, max_length=10000)

    def __init__(self, *args: Any, courts: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        court = self.fields["court"]
        assert isinstance(court, forms.ModelChoiceField)
        court.queryset = courts

    def clean_original_judgment(self) -> str:
        number = normalise_case_number(self.cleaned_data["original_judgment"])
        if not JUDGMENT_NUMBER.match(number):
            raise ValidationError(
                _("Not a civil judgment number such as （2025）青0103民初456号."),
                code="case_number",
            )
        return number


class EvidenceForm(forms.Form):
    """One item of new evidence: what it is, what it proves, its files."""

    description = _text(_("Evidence"), rows=2, max_length=2000)
    proves = _text(_("What it proves"), rows=2, max_length=2000)
    evidence_files = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("Up to 9 files: PDF, Word, pictures."),
    )

    def clean_evidence_files(self) -> list[tuple[Any, str]]:
        return checked_files(self.cleaned_data["evidence_files"], most=MOST_FILES)


class RegisterForm(StepForm):
    """The court's registration of the retrial under its own number, not before it was
    served."""

    court_case_number = VisibleCharField(
        label=_("Court's retrial case number"),
        max_length=64,
        help_text=_("e.g. （2026）青01民再12号"),
    )
    registered_on = forms.DateField(label=_("Registered on"), widget=_date_input())

    def clean_court_case_number(self) -> str:
        number = normalise_case_number(self.cleaned_data["court_case_number"])
        if not RETRIAL_NUMBER.match(number):
            raise ValidationError(
                _("Not a civil retrial case number such as （2026）青01民再12号."),
                code="case_number",
            )
        return number

    def clean_registered_on(self) -> date:
        day = _not_future(self.cleaned_data["registered_on"])
        served = served_on(self.matter)
        if served is not None and day < served:
            raise ValidationError(
                _("The case cannot be registered before it was served."), code="before_serving"
            )
        return day


ACCEPTED, NOT_ACCEPTED = "accepted", "not_accepted"
DECISIONS = [
    (ACCEPTED, _("accepted as new evidence")),
    (NOT_ACCEPTED, _("not accepted as new evidence")),
]


class AssessForm(StepForm):
    """One row per item of the case's new evidence: accepted or not, with the reasons. Every
    item must be decided; reasons are required when one is not accepted (the procuratorate
    needs them to decide whether to follow up)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import NewEvidence

        self.items = list(NewEvidence.objects.filter(case_id=getattr(self.matter, "pk", None)))
        for number, item in enumerate(self.items, start=1):
            self.fields[f"decision_{item.pk}"] = forms.ChoiceField(
                label=_("Item %(number)d: %(description)s")
                % {"number": number, "description": item.description[:80]},
                choices=DECISIONS,
                widget=forms.RadioSelect,
                error_messages={"required": _("Decide whether this item is accepted.")},
            )
            self.fields[f"reasons_{item.pk}"] = _text(
                _("Reasons"), rows=2, max_length=2000, required=False
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for item in self.items:
            decision = cleaned.get(f"decision_{item.pk}")
            if decision == NOT_ACCEPTED and not cleaned.get(f"reasons_{item.pk}"):
                self.add_error(
                    f"reasons_{item.pk}",
                    ValidationError(
                        _("Say why this item is not accepted as new evidence."), code="reasons"
                    ),
                )
        if not self.items:
            raise ValidationError(_("The case has no item of new evidence."), code="no_items")
        return cleaned

    def decisions(self) -> dict[int, tuple[bool, str]]:
        """Each item's decision, by its id: (accepted, reasons)."""
        return {
            item.pk: (
                self.cleaned_data[f"decision_{item.pk}"] == ACCEPTED,
                self.cleaned_data.get(f"reasons_{item.pk}", ""),
            )
            for item in self.items
        }


class RulingForm(StepForm):
    """The court's ruling on whether to retry, not before the registration."""

    ruled_on = forms.DateField(label=_("Ruled on"), widget=_date_input())
    ruling_reasons = _text(_("Reasons"), rows=3, required=False)

    def clean_ruled_on(self) -> date:
        day = _not_future(self.cleaned_data["ruled_on"])
        registered = getattr(self.matter, "registered_on", None)
        if registered is not None and day < registered:
            raise ValidationError(
                _("A ruling cannot come before the registration."), code="before_registration"
            )
        return day


class RefusalForm(RulingForm):
    """Refusing to retry: the reasons are required."""

    ruling_reasons = _text(_("Reasons"), rows=3)


class JudgmentForm(StepForm):
    """The retrial's judgment (or mediation): how it ended, the day, what was decided, the
    document."""

    outcome = forms.ChoiceField(label=pgettext_lazy("retrial", "Outcome"), choices=Outcome.choices)
    judgment_on = forms.DateField(label=_("Judgment given on"), widget=_date_input())
    judgment_summary = _text(_("What the court decided"), rows=4, max_length=10000)
    document = forms.FileField(
        label=_("Judgment or mediation document (PDF)"),
        error_messages={"required": _("Upload the judgment as a PDF.")},
    )

    def clean_judgment_on(self) -> date:
        day = _not_future(self.cleaned_data["judgment_on"])
        ruled = getattr(self.matter, "ruled_on", None)
        if ruled is not None and day < ruled:
            raise ValidationError(
                _("A judgment cannot come before the ruling to retry."), code="before_ruling"
            )
        return day

    def clean_document(self) -> list[tuple[Any, str]]:
        return checked_files([self.cleaned_data["document"]], allowed={PDF}, most=1)
