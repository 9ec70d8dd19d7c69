"""Input for opening and answering information notices."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import VisibleCharField
from liaison.orgs.models import Organisation

#: Why a recipient is refused: the same words from the form and from the action.
NOT_REACHABLE = _(
    "A notice goes only to an organisation yours works with (a cooperation partner, or one in "
    "its area if its administrator allows). Search for it by name; if it is missing, ask your "
    "organisation's administrator to record the cooperation."
)


class NoticeForm(forms.Form):
    """Send a notice. ``sender`` offers the organisations where the user is staff; the
    recipient is found by a search (``selectors.recipients_for``), never picked from a list of
    every organisation, and must be one the sender works with, whatever id the client posts."""

    sender = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("From"))
    recipient_search = VisibleCharField(
        label=_("To"),
        required=False,
        max_length=100,
        help_text=_("Type part of the organisation's name, then choose it from the list."),
    )
    recipient = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True).select_related("division"),
        label=_("To"),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose the organisation to send the notice to."),
            "invalid_choice": NOT_REACHABLE,
        },
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
            if len(senders) == 1:
                self.fields["sender"].initial = senders[0]

    def clean(self) -> dict[str, Any]:
        from liaison.orgs.selectors import organisations_reachable_from

        data = super().clean() or {}
        sender, recipient = data.get("sender"), data.get("recipient")
        if sender and sender == recipient:
            self.add_error("recipient", _("A notice goes to another organisation."))
        elif (
            sender
            and recipient
            and not organisations_reachable_from(sender).filter(pk=recipient.pk).exists()
        ):
            self.add_error("recipient", NOT_REACHABLE)
        return data


class AnswerForm(forms.Form):
    answer = VisibleCharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}))
