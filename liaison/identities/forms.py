from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import VisibleCharField


class ReasonForm(forms.Form):
    """Why the reader needs to see who this is, for a subject that asks (kept in the audit)."""

    reason = VisibleCharField(label=_("Why you need to see who this is"), max_length=200)
