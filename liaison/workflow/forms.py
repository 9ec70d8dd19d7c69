"""Forms for the engine's own steps (comments, the hand-operated clock controls), and the base of
transition forms that need to know their matter."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import VisibleCharField
from liaison.deadlines.models import Unit

if TYPE_CHECKING:
    from .models import Matter


class StepForm(forms.Form):
    """A transition's input form whose choices or checks depend on the matter, e.g. "transfer to
    another procuratorate" offers every procuratorate but the matter's owner. The engine builds
    a form of this kind with ``matter=`` (``actions.bound_form``), on the page and when the step
    is taken, so the choices shown and the choices accepted are the same."""

    def __init__(self, *args: Any, matter: "Matter | None" = None, **kwargs: Any) -> None:
        self.matter = matter
        super().__init__(*args, **kwargs)


class CommentForm(forms.Form):
    text = VisibleCharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    """A step whose only input is why it is taken (withdraw, cancel, decline, abandon): the
    reason is kept as the timeline entry's note, which every reader of the step sees."""

    note = VisibleCharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ClockReasonForm(forms.Form):
    reason = VisibleCharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ClockExtendForm(forms.Form):
    amount = forms.IntegerField(label=_("By"), min_value=1, max_value=365)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    reason = VisibleCharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ApprovalDecisionForm(forms.Form):
    """An approver's comment: optional when approving, what needs correcting when returning."""

    comment = VisibleCharField(
        label=_("Comments"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you return the step: say what needs correcting."),
    )

    def __init__(self, *args: Any, returning: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_approval_%s")
        super().__init__(*args, **kwargs)
        self.returning = returning

    def clean_comment(self) -> str:
        comment: str = self.cleaned_data.get("comment", "").strip()
        if self.returning and not comment:
            raise forms.ValidationError(_("Say what needs correcting."), code="required")
        return comment
