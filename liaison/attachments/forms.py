from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .validators import DEFAULT_ALLOWED_TYPES, IMAGE_TYPES, validate_upload

#: At most this many files in one input (a reporter's photos, a reply's evidence).
MAX_FILES = 9


class AttachmentForm(forms.Form):
    """One file, refused here with the same messages the upload action would give. No purpose:
    what a file is for is the server's to decide (``actions.MATTER_PAGE_PURPOSE``)."""

    file = forms.FileField(label=_("File"))

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        validate_upload(file)
        return file


def checked_files(
    files: Any, *, allowed: Any = DEFAULT_ALLOWED_TYPES, most: int = MAX_FILES
) -> list[tuple[Any, str]]:
    """Each file checked by its content (type, size, that an image decodes), all at once, as
    (file, content type) pairs; every refusal is reported, not only the first."""
    files = files or []
    if len(files) > most:
        if set(allowed) <= IMAGE_TYPES:
            message = ngettext(
                "At most %(max)d photo; you chose %(count)d.",
                "At most %(max)d photos; you chose %(count)d.",
                most,
            )
        else:
            message = ngettext(
                "At most %(max)d file; you chose %(count)d.",
                "At most %(max)d files; you chose %(count)d.",
                most,
            )
        raise ValidationError(message % {"max": most, "count": len(files)}, code="too_many")
    checked, errors = [], []
    for file in files:
        try:
            content_type = validate_upload(
                file, allowed=allowed, max_bytes=settings.LIAISON_MAX_UPLOAD_BYTES
            )
        except ValidationError as error:
            errors.extend(error.error_list)
        else:
            checked.append((file, content_type))
    if errors:
        raise ValidationError(errors)
    return checked


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []
