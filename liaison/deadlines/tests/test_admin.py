"""The administration of periods and corrections passes Django's admin checks."""

from django.contrib import admin
from django.test import RequestFactory

from liaison.deadlines.models import CalendarCorrection, Period


def test_models_are_registered_and_admins_are_valid():
    for model in (Period, CalendarCorrection):
        assert admin.site.is_registered(model)
        assert admin.site.get_model_admin(model).check() == []


def test_code_is_read_only_once_the_period_exists():
    model_admin = admin.site.get_model_admin(Period)
    request = RequestFactory().get("/")
    assert "code" not in model_admin.get_readonly_fields(request)
    assert "code" in model_admin.get_readonly_fields(request, Period(code="x"))
