"""Read-only admin for divisions: the table is the package's data, changed only by reloading it."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from liaison.core.admin import ModelAdmin

from .models import Division


@admin.register(Division)
class DivisionAdmin(ModelAdmin):
    """Browse and search divisions; edits would be lost at the next ``load_divisions``."""

    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    # "^code" lets a prefix list a whole prefecture or province ("1506" for 鄂尔多斯).
    search_fields = ("^code", "name")
    list_select_related = ("parent",)
    ordering = ("code",)
    fields = ("code", "name", "level", "parent", "longitude", "latitude")
    readonly_fields = fields
    list_per_page = 100

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
