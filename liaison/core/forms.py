"""The form fields every typed input of the project goes through (``core/text.py`` says why).

- ``VisibleCharField``: free text, one line or several (a ``Textarea`` makes it multi-line).
  It cleans to the normalised text, refuses a required text with nothing visible in it, and
  counts its limits in visible characters with messages in plain words. Its limit is never an
  HTML ``maxlength`` (which silently cuts a paste); ``static/liaison/textcount.js`` shows a
  counter from the ``data-text-*`` attributes instead, and the server refuses what is too long
  with what was typed kept.
- ``IdentifierField``: a code or number typed to be matched (mobile, resident ID, credit or
  query code); NFKC, so full-width digits are digits, and the field's own validators still run.
- ``PasswordField``: kept exactly as typed, but a password with invisible or control characters
  in it is refused rather than stored (nobody could type it again).

``core/tests/test_text_fields.py`` walks every form of the project and fails on a text input
that is none of these, so a new form cannot forget them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .text import invisible_characters, normalise_identifier, normalise_text

#: The limit of a text whose form names none: a paragraph for one line, a long letter for
#: several (so that no input takes megabytes).
DEFAULT_MAX_LENGTH = 500
DEFAULT_MAX_LENGTH_MULTILINE = 10_000


def _count(number: int) -> str:
    """5,312 in both languages (as the browser's counter writes it; Django's Chinese format
    would write 5312 here and 5,312 there)."""
    return f"{number:,}"


class VisibleCharField(forms.CharField):
    """Free text that counts only what can be seen; see the module's docstring."""

    default_error_messages = {
        "blank": _("Only spaces or invisible characters were typed here; please write it out."),
        "max_length": _("Please keep this to at most %(limit)s characters; you wrote %(count)s."),
        "min_length": _("Please write at least %(limit)s characters; you wrote %(count)s."),
    }
    #: Whether the browser shows a counter for the limit (identifiers do not need one).
    counted = True

    def __init__(
        self,
        *,
        max_length: int | None = None,
        min_length: int | None = None,
        multiline: bool | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("strip", None)  # the normaliser always strips
        # No lengths for CharField itself: its validators count invisible characters, its
        # messages are Django's ("Ensure this value…") and its widget gets ``maxlength``.
        super().__init__(**kwargs)
        self.multiline = isinstance(self.widget, forms.Textarea) if multiline is None else multiline
        default = DEFAULT_MAX_LENGTH_MULTILINE if self.multiline else DEFAULT_MAX_LENGTH
        self.max_length = default if max_length is None else max_length
        self.min_length = min_length
        if self.counted:
            self.widget.attrs.update(self.counter_attrs())

    def counter_attrs(self) -> dict[str, Any]:
        """What ``textcount.js`` needs: the limit and its two sentences, translated when the
        page is rendered (lazy strings), ``{count}``, ``{limit}`` and ``{over}`` filled in."""
        return {
            "data-text-limit": str(self.max_length),
            "data-text-multiline": "1" if self.multiline else "0",
            "data-text-count": _("{count} of {limit} characters"),
            "data-text-over": _("{count} of {limit} characters: {over} too many"),
        }

    def normalise(self, value: str) -> str:
        return normalise_text(value, multiline=self.multiline)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return self.empty_value
        text = self.normalise(str(value))
        return text if text else self.empty_value

    def clean(self, value: Any) -> Any:
        typed = value not in self.empty_values and str(value).strip()
        if self.required and typed and self.to_python(value) in self.empty_values:
            raise ValidationError(self.error_messages["blank"], code="blank")
        return super().clean(value)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        count = len(value)
        for code, limit, wrong in (
            ("max_length", self.max_length, lambda: count > (self.max_length or 0)),
            ("min_length", self.min_length, lambda: count < (self.min_length or 0)),
        ):
            if limit is not None and wrong():
                raise ValidationError(
                    self.error_messages[code],
                    code=code,
                    params={
                        "limit": _count(limit),
                        "count": _count(count),
                        # Django's own names, for forms that word the message themselves.
                        "limit_value": limit,
                        "show_value": count,
                    },
                )


class IdentifierField(VisibleCharField):
    """A code or number to be matched: one line, NFKC, nothing invisible; no counter."""

    counted = False

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 64)
        super().__init__(multiline=False, **kwargs)

    def normalise(self, value: str) -> str:
        return normalise_identifier(value)


class PasswordField(forms.CharField):
    """A password, kept exactly as typed, refused when it holds invisible or control
    characters (a copied zero-width space would make it one nobody can type again)."""

    widget = forms.PasswordInput
    default_error_messages = {
        "invisible": _(
            "A password cannot contain invisible or control characters (%(found)s); please type "
            "it again."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs["strip"] = False
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        found = invisible_characters(value or "")
        if found:
            raise ValidationError(
                self.error_messages["invisible"],
                code="invisible",
                params={"found": ", ".join(found)},
            )


#: Every field a typed text may come through; anything else that is a ``CharField`` is refused
#: by the test that walks the project's forms.
TEXT_FIELDS: tuple[type[forms.Field], ...] = (VisibleCharField, PasswordField)
