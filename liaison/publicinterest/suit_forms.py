"""Input for the court's steps on a public-interest suit it received: registering it under its own
case number, recording a hearing day, recording the judgment with its document."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.attachments.forms import checked_files
from liaison.attachments.validators import PDF
from liaison.core.forms import VisibleCharField
from liaison.courts.models import normalise_case_number
from liaison.workflow.forms import StepForm

from .models import JudgmentOutcome

#: A court's first-instance case number: （2026）青0103民初123号 — the year in brackets, the
#: province's one-character abbreviation, the court's code, the case type and the number, 号.
FIRST_INSTANCE_NUMBER = re.compile(
    r"^（(?P<year>\d{4})）[\u4e00-\u9fff]\d{2,4}(?P<type>民初|行初)\d{1,6}号$"
)


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_future(day: date) -> date:
    if day > timezone.localdate():
        raise ValidationError(_("This day is in the future."), code="future")
    return day


class RegisterSuitForm(StepForm):
    """The court's registration (立案): its own case number, a civil suit's 民初 and an
    administrative suit's 行初, on or after the day the suit was filed."""

    court_case_number = VisibleCharField(
        label=_("Court's case number"),
        max_length=64,
        help_text=_("e.g. （2026）青0103民初123号"),
    )
    registered_on = forms.DateField(label=_("Registered on"), widget=_date_input())

    def clean_court_case_number(self) -> str:
        number = normalise_case_number(self.cleaned_data["court_case_number"])
        match = FIRST_INSTANCE_NUMBER.match(number)
        if match is None:
            raise ValidationError(
                _("Not a first-instance case number such as （2026）青0103民初123号."),
                code="case_number",
            )
        wanted = "行初" if getattr(self.matter, "is_administrative", False) else "民初"
        if match["type"] != wanted:
            raise ValidationError(
                _("This suit is registered as a %(type)s case."),
                code="case_type",
                params={"type": wanted},
            )
        return number

    def clean_registered_on(self) -> date:
        day = _not_future(self.cleaned_data["registered_on"])
        filed = getattr(self.matter, "suit_filed_on", None)
        if filed is not None and day < filed:
            raise ValidationError(
                _("The suit cannot be registered before it was filed."), code="before_filing"
            )
        return day


class CourtHearingForm(StepForm):
    """A hearing day of the suit (past or coming), on or after its registration."""

    held_on = forms.DateField(label=_("Hearing day"), widget=_date_input())
    note = VisibleCharField(
        label=pgettext_lazy("court hearing", "Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_held_on(self) -> date:
        day: date = self.cleaned_data["held_on"]
        registered = getattr(self.matter, "registered_on", None)
        if registered is not None and day < registered:
            raise ValidationError(
                _("A hearing cannot come before the registration."), code="before_registration"
            )
        return day


class CourtJudgmentForm(StepForm):
    """The judgment: how the claims ended, the day, what the court decided, the document."""

    judgment_outcome = forms.ChoiceField(
        label=pgettext_lazy("judgment", "Outcome"), choices=JudgmentOutcome.choices
    )
    judgment_on = forms.DateField(label=_("Judgment given on"), widget=_date_input())
    judgment_summary = VisibleCharField(
        label=_("What the court decided"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    document = forms.FileField(
        label=_("Judgment document (PDF)"),
        error_messages={"required": _("Upload the judgment as a PDF.")},
    )

    def clean_judgment_on(self) -> date:
        day = _not_future(self.cleaned_data["judgment_on"])
        registered = getattr(self.matter, "registered_on", None)
        if registered is not None and day < registered:
            raise ValidationError(
                _("A judgment cannot come before the registration."), code="before_registration"
            )
        return day

    def clean_document(self) -> list[tuple[Any, str]]:
        return checked_files([self.cleaned_data["document"]], allowed={PDF}, most=1)
