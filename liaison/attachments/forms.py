from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .validators import validate_upload


class AttachmentForm(forms.Form):
    """One file, refused here with the same messages the upload action would give. No purpose:
    what a file is for is the server's to decide (``actions.MATTER_PAGE_PURPOSE``)."""

    file = forms.FileField(label=_("File"))

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        validate_upload(file)
        return file
