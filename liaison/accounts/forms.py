"""Account forms."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import IdentifierField
from liaison.core.validators import normalise_mobile, normalise_resident_id


class LoginForm(AuthenticationForm):
    """Django's login form with messages that do not reveal whether the account exists."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The username or password is wrong. Both are case-sensitive."),
    }


# Room for how people write numbers ("+86 139-0000-0000", "1506 0319 9003 0712 34"); the cleaned
# value is the bare number the model stores, and the model's own length check still applies.
_TYPED_LENGTH = 32


class PersonNumbersMixin:
    """Accept a mobile or resident ID number typed with spaces, dashes or +86, and store it bare.

    A form field's length limit runs before any cleaning, so a correct number typed the way it is
    written on a business card would be refused as too long; the limit is widened here and the
    value normalised before the model's validators see it.
    """

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("mobile", "resident_id"):
            field = self.fields.get(name)
            if isinstance(field, forms.CharField):
                field.max_length = _TYPED_LENGTH  # what core.forms.IdentifierField checks
                if "maxlength" in field.widget.attrs:  # a model's field (the admin's)
                    field.widget.attrs["maxlength"] = str(_TYPED_LENGTH)
                field.validators = [
                    v for v in field.validators if not isinstance(v, MaxLengthValidator)
                ]

    def clean_mobile(self) -> str:
        value: str = self.cleaned_data.get("mobile", "")  # type: ignore[attr-defined]
        return normalise_mobile(value) if value else value

    def clean_resident_id(self) -> str:
        value: str = self.cleaned_data.get("resident_id", "")  # type: ignore[attr-defined]
        return normalise_resident_id(value) if value else value


class CodeForm(forms.Form):
    """The six-digit code texted to the mobile a registration names (``accounts.registration``)."""

    code = IdentifierField(
        label=_("Code from the text message"),
        max_length=6,
        min_length=6,
        error_messages={
            "required": _("Type the six-digit code from the text message."),
            "min_length": _("The code has six digits."),
            "max_length": _("The code has six digits."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
