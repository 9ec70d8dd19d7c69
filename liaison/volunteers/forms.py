"""Input from volunteers: registration, roles, joining, and training material from staff."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from liaison.accounts.forms import PersonNumbersMixin
from liaison.accounts.models import User
from liaison.attachments.validators import DOCX, IMAGE_TYPES, MP4, PDF, XLSX, validate_upload
from liaison.core.forms import IdentifierField, PasswordField, VisibleCharField
from liaison.core.validators import validate_mobile, validate_resident_id
from liaison.orgs.models import Organisation

from .models import VolunteerRole
from .selectors import volunteer_organisations

TRAINING_FILE_TYPES = frozenset({PDF, DOCX, XLSX, MP4, *IMAGE_TYPES})


class RegistrationForm(PersonNumbersMixin, forms.Form):
    """Register with real name, mobile and resident ID; the mobile number is the user name."""

    name = VisibleCharField(
        label=_("Real name"),
        max_length=64,
        help_text=_("As on your resident identity card."),
        error_messages={"required": _("Give your real name.")},
    )
    mobile = IdentifierField(
        label=_("Mobile number"),
        max_length=11,
        validators=[validate_mobile],
        help_text=_("You log in with it, and hearing invitations reach you by text message."),
        error_messages={"required": _("Give your mobile number.")},
    )
    resident_id = IdentifierField(
        label=_("Resident ID number"),
        max_length=18,
        validators=[validate_resident_id],
        help_text=_("Only the procuratorate and your volunteer organisation see it."),
        error_messages={"required": _("Give your resident ID number.")},
    )
    password1 = PasswordField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Choose a password.")},
    )
    password2 = PasswordField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Type the password again.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mobile"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            person = User(
                username=data.get("mobile", ""),
                name=data.get("name", ""),
                mobile=data.get("mobile", ""),
            )
            try:
                validate_password(first, user=person)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("My roles"),
        choices=VolunteerRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Take on as many as you like; you can change them at any time."),
    )


class OrganisationChoiceForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=volunteer_organisations())


class TrainingForm(forms.Form):
    """Publish training material for one of the organisations the user may publish for."""

    publisher = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Published by")
    )
    title = VisibleCharField(label=_("Title"), max_length=200)
    body = VisibleCharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A PDF, Word or Excel document, an image or an MP4 video."),
    )

    def __init__(self, *args: Any, publishers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["publisher"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = publishers
        if publishers.count() == 1:
            field.initial = publishers.first()

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if file:
            validate_upload(
                file, allowed=TRAINING_FILE_TYPES, max_bytes=settings.LIAISON_MAX_UPLOAD_BYTES
            )
        return file

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("body") or "").strip() and not data.get("file") and not self.errors:
            self.add_error("body", _("Write the material, or attach a file."))
        return data
