from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import VisibleCharField

from .validators import validate_upload


class AttachmentForm(forms.Form):
    """One file, refused here with the same messages the upload action would give."""

    file = forms.FileField(label=_("File"))
    purpose = VisibleCharField(label=_("Purpose"), max_length=64, required=False)

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        validate_upload(file)
        return file
