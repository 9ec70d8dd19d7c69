"""Input for opening and answering information notices."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import VisibleCharField
from liaison.orgs.models import Organisation


class NoticeForm(forms.Form):
    """Send a notice. ``sender`` offers the organisations where the user is staff."""

    sender = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("From"))
    recipient = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True).order_by("path"), label=_("To")
    )
    title = VisibleCharField(label=_("Subject"), max_length=200)
    body = VisibleCharField(label=_("Notice"), widget=forms.Textarea(attrs={"rows": 6}))
    urgent = forms.BooleanField(
        label=_("Urgent"), required=False, help_text=_("Urgent notices are answered sooner.")
    )

    def __init__(self, *args: Any, senders: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if senders is not None:
            sender_field = self.fields["sender"]
            assert isinstance(sender_field, forms.ModelChoiceField)
            sender_field.queryset = senders
            if senders.count() == 1:
                self.fields["sender"].initial = senders.first()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("sender") and data.get("sender") == data.get("recipient"):
            self.add_error("recipient", _("A notice goes to another organisation."))
        return data


class AnswerForm(forms.Form):
    answer = VisibleCharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}))


class ReasonForm(forms.Form):
    note = VisibleCharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
