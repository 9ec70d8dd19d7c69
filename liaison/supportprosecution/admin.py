"""Administrators keep the list of support-prosecution categories. Cases are not here on
purpose: the admin would show applicants' and beneficiaries' identities without the audit."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from liaison.core.admin import ModelAdmin

from .models import SupportCategory


@admin.register(SupportCategory)
class SupportCategoryAdmin(ModelAdmin):
    list_display = ["name", "name_en", "code", "figures_group", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["figures_group", "active"]
    search_fields = ["name", "name_en", "code"]
    ordering = ["order", "code"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        """The code is what exports and figures key on: fixed once the category exists."""
        return ("code",) if obj is not None else ()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Cases keep their category; one no longer used is made inactive instead."""
        return False
