"""Administrators keep the list of public-interest fields. Clues are not here on purpose: the
admin would show reporters' identities without the audit (their pages are the matter page)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from liaison.core.admin import ModelAdmin

from .models import Field


@admin.register(Field)
class FieldAdmin(ModelAdmin):
    list_display = ["name", "name_en", "code", "statutory", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["statutory", "active"]
    search_fields = ["name", "name_en", "code"]
    ordering = ["-statutory", "order", "code"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        """The code is what exports and figures key on: fixed once the field exists."""
        return ("code",) if obj is not None else ()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Clues keep their field; a field that is no longer used is made inactive instead."""
        return False
