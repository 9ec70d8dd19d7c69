"""The recommendation's step forms: its text (drafted, corrected), the withdrawal's reason, and
the addressee's reply with its evidence, put as the recommendation's kind puts it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.attachments.forms import MultipleFileField, checked_files
from liaison.core.forms import VisibleCharField
from liaison.workflow.forms import StepForm


def text_field(label: Any, *, rows: int = 4, **kwargs: Any) -> VisibleCharField:
    return VisibleCharField(
        label=label,
        max_length=kwargs.pop("max_length", 10000),
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


#: The fields of the text that a draft keeps and a correction changes.
TEXT_FIELDS = ("facts", "opinion", "measures", "urgent")


class DraftForm(StepForm):
    """The recommendation's text, as it will be served (the document is made from it); on a
    draft, its text filled in to be corrected."""

    facts = text_field(_("Facts found"), rows=5)
    opinion = text_field(
        _("The procuratorate's opinion"),
        help_text=_("Which duty was not performed, or which risk was found, and under which law."),
    )
    measures = text_field(
        _("Recommended measures"), help_text=_("One measure a line; they are numbered.")
    )
    urgent = forms.BooleanField(
        label=_("Urgent"),
        required=False,
        help_text=_("The addressee then has the shorter reply period, where its kind has one."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import Recommendation

        if isinstance(self.matter, Recommendation):
            for name in TEXT_FIELDS:
                self.fields[name].initial = getattr(self.matter, name)


class WithdrawForm(forms.Form):
    """Why a draft recommendation is withdrawn: kept on its timeline."""

    note = text_field(_("Reason"), rows=2, max_length=2000)


class ReplyForm(StepForm):
    """The addressee's reply, the answer as the recommendation's kind puts it (adopted, partly,
    not adopted; or a public-interest agency's rectification), and its evidence."""

    reply = text_field(_("Reply"), rows=5)
    reply_outcome = forms.ChoiceField(label=_("Adoption"), choices=(), widget=forms.RadioSelect)
    evidence = MultipleFileField(
        label=_("Evidence"),
        required=False,
        help_text=_("Up to 9 files: photos, PDF or Word documents, spreadsheets."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .kinds import ADOPTION_OUTCOMES
        from .workflows import kind_of

        kind = kind_of(self.matter) if self.matter is not None else None
        outcomes = kind.outcomes if kind else ADOPTION_OUTCOMES
        field = self.fields["reply_outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(o.value, o.label) for o in outcomes]
        if kind is not None:
            field.label = str(kind.outcome_label)
            self.fields["reply"].help_text = str(kind.reply_help)

    def clean_evidence(self) -> list[tuple[Any, str]]:
        return checked_files(self.cleaned_data.get("evidence"))
