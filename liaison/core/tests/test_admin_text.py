"""The Django admin's forms, which it builds anew from the models, clean typed text like every
other form of the project (``core.admin.TextAdmin``)."""

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

from liaison.core.forms import TEXT_FIELDS
from liaison.core.tests.factories import UserFactory


def _admin_forms(request):  # type: ignore[no-untyped-def]
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("liaison."):
            continue
        yield f"{model.__name__}Admin", model_admin.get_form(request)
        for inline in model_admin.get_inline_instances(request):
            yield f"{model.__name__}Admin.{type(inline).__name__}", inline.get_formset(request).form


@pytest.mark.django_db
def test_every_text_input_of_the_admin_counts_visible_characters() -> None:
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    plain = [
        f"{where}.{name} ({type(field).__name__})"
        for where, form in _admin_forms(request)
        for name, field in form.base_fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field, TEXT_FIELDS)
        and not isinstance(field, (forms.UUIDField, forms.EmailField, forms.URLField))
        and not isinstance(field, (forms.JSONField, forms.SlugField))
        # Django's own user forms keep their own fields for these
        and name not in {"password", "password1", "password2", "username"}
    ]
    assert plain == [], "admin text that is not cleaned by core.forms: " + ", ".join(plain)


@pytest.mark.django_db
def test_a_public_notice_of_zero_width_spaces_is_refused_in_the_admin() -> None:
    from liaison.announcements.models import PublicNotice

    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    form = admin.site._registry[PublicNotice].get_form(request)
    bound = form(data={"title": "\u200b" * 30})
    assert not bound.is_valid() and "title" in bound.errors
