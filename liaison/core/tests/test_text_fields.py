"""The text fields (``core/forms.py``), and every form of the project using them."""

import importlib
import pkgutil

import pytest
from django import forms
from django.utils import translation

import liaison
from liaison.core.forms import TEXT_FIELDS, IdentifierField, PasswordField, VisibleCharField


def _all_subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_all_subclasses(sub)}
    return found


def _project_forms() -> list[type[forms.BaseForm]]:
    """Every form class defined in the project (tests and migrations aside), all its modules
    imported first so that none is missed."""
    for module in pkgutil.walk_packages(liaison.__path__, "liaison."):
        if ".tests" in module.name or ".migrations" in module.name:
            continue
        importlib.import_module(module.name)
    return sorted(
        (
            cls
            for cls in _all_subclasses(forms.BaseForm)
            if cls.__module__.startswith("liaison.")
            and ".tests" not in cls.__module__
            # The admin builds its forms anew from the models: test_admin_forms checks those.
            and not cls.__module__.endswith(".admin")
        ),
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def _inherited_from_django(cls: type[forms.BaseForm], name: str) -> bool:
    """A field that Django's own form declares (the login form's), left as Django made it."""
    field = cls.base_fields[name]  # type: ignore[attr-defined]
    return any(
        not base.__module__.startswith("liaison.")
        and getattr(base, "base_fields", {}).get(name) is field
        for base in cls.__mro__[1:]
    )


def test_every_text_input_of_every_form_counts_visible_characters() -> None:
    forms_found = _project_forms()
    assert len(forms_found) > 40  # the walk found the project's forms
    plain = [
        f"{cls.__module__}.{cls.__qualname__}.{name} ({type(field).__name__})"
        for cls in forms_found
        for name, field in cls.base_fields.items()  # type: ignore[attr-defined]
        if isinstance(field, forms.CharField)
        and not isinstance(field, TEXT_FIELDS)
        and not isinstance(field, forms.UUIDField)  # a hidden key, refused unless a UUID
        and not _inherited_from_django(cls, name)
    ]
    assert plain == [], "free text that is not cleaned by core.forms: " + ", ".join(plain)


def test_no_text_input_is_cut_by_maxlength() -> None:
    for cls in _project_forms():
        for name, field in cls.base_fields.items():  # type: ignore[attr-defined]
            if isinstance(field, VisibleCharField):
                assert "maxlength" not in field.widget.attrs, f"{cls.__qualname__}.{name}"


class _Form(forms.Form):
    text = VisibleCharField(max_length=20, min_length=3, widget=forms.Textarea)
    title = VisibleCharField(required=False)
    code = IdentifierField(max_length=11)
    password = PasswordField()


def _errors(data: dict[str, str], language: str = "en") -> dict[str, list[str]]:
    base = {"text": "Enough to say.", "code": "13900000000", "password": "s3cret"}
    with translation.override(language):
        form = _Form({**base, **data})
        form.is_valid()
        return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def test_a_required_text_of_invisible_characters_is_refused_in_plain_words() -> None:
    assert _errors({"text": "\u200b" * 30}) == {
        "text": ["Only spaces or invisible characters were typed here; please write it out."]
    }
    assert _errors({"text": "\u200b" * 30}, "zh-hans") == {
        "text": ["这里只有空格或看不见的字符，请写出文字。"]
    }


def test_spaces_alone_are_the_usual_required_message() -> None:
    assert _errors({"text": "   "}) == {"text": ["This field is required."]}


def test_an_optional_text_of_invisible_characters_is_empty() -> None:
    form = _Form({"text": "Enough.", "title": "\u200b\u200d\ufeff", "code": "1", "password": "x"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == ""


def test_too_long_counts_visible_characters_and_says_so_in_both_languages() -> None:
    assert _errors({"text": "a" * 20 + "\u200b" * 50}) == {}
    assert _errors({"text": "a" * 5312}) == {
        "text": ["Please keep this to at most 20 characters; you wrote 5,312."]
    }
    assert _errors({"text": "a" * 5312}, "zh-hans") == {
        "text": ["请控制在 20 字以内；您写了 5,312 字。"]
    }


def test_too_short_counts_visible_characters() -> None:
    assert _errors({"text": "ab\u200b\u200b\u200b"}) == {
        "text": ["Please write at least 3 characters; you wrote 2."]
    }
    assert _errors({"text": "ab\u200b"}, "zh-hans") == {"text": ["请至少写 3 个字；您写了 2 个。"]}


def test_the_limit_is_not_a_maxlength_but_a_counter() -> None:
    html = str(_Form()["text"])
    assert "maxlength" not in html
    assert 'data-text-limit="20"' in html and "data-text-count=" in html
    assert "data-text-limit" not in str(_Form()["code"])


def test_a_text_is_cleaned_to_its_normal_form() -> None:
    typed = "\u202e 第一段 \r\n\r\n\r\n第二段\u200b"
    form = _Form({"text": typed, "code": "１３９", "password": "x"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["text"] == "第一段\n\n第二段"
    assert form.cleaned_data["code"] == "139"


def test_a_password_with_an_invisible_character_is_refused_not_altered() -> None:
    assert _errors({"password": "s3cret\u200b"}) == {
        "password": [
            "A password cannot contain invisible or control characters (U+200B); please type "
            "it again."
        ]
    }
    form = _Form({"text": "Enough.", "code": "1", "password": " s3 cret "})
    assert form.is_valid() and form.cleaned_data["password"] == " s3 cret "


@pytest.mark.parametrize(
    ("field", "multiline"),
    [(VisibleCharField(), False), (VisibleCharField(widget=forms.Textarea), True)],
)
def test_a_textarea_is_multiline(field: VisibleCharField, multiline: bool) -> None:
    assert field.multiline is multiline
    assert field.clean("a\nb") == ("a\nb" if multiline else "a b")
