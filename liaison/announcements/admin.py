"""Public notices in the administration: to look them up; they are published by actions."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from liaison.core.admin import ModelAdmin

from .models import PublicNotice


@admin.register(PublicNotice)
class PublicNoticeAdmin(ModelAdmin):
    list_display = ("title", "kind", "publisher", "starts_on", "ends_on", "withdrawn_at")
    list_filter = ("kind",)
    search_fields = ("title",)
    list_select_related = ("publisher",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
