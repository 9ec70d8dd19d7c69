from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from liaison.core.admin import ModelAdmin

from .models import AuditRecord


@admin.register(AuditRecord)
class AuditRecordAdmin(ModelAdmin):
    """Read-only: the audit record is evidence and is never edited."""

    list_display = ["at", "actor", "action", "object_type", "object_id"]
    list_filter = ["action"]
    search_fields = ["object_id", "action"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
