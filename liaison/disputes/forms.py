"""Input for raising a dispute and for its steps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import VisibleCharField
from liaison.orgs.forms import ActingForForm

NO_GROUNDS = _("Write the grounds of the dispute: what the two sides disagree about, and why.")


class RaiseForm(ActingForForm):
    """The grounds; a user who is staff of two sides an agreement binds says which one raises
    it (``ActingForForm``)."""

    grounds = VisibleCharField(
        label=_("Grounds"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": NO_GROUNDS},
    )


class ResolveForm(forms.Form):
    resolution = VisibleCharField(
        label=_("Resolution recorded at the meeting"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the resolution the joint meeting recorded.")},
    )
