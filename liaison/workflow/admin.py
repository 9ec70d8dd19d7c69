"""Administrators look at matters here but never change them: states move only by transition."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Clock, Matter, TimelineEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TimelineInline(admin.TabularInline):
    model = TimelineEvent
    fields = readonly_fields = ("at", "actor", "action", "from_state", "to_state", "note")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ClockInline(admin.TabularInline):
    model = Clock
    fields = readonly_fields = (
        "name",
        "period_code",
        "amount",
        "unit",
        "started_on",
        "due_on",
        "state",
    )
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Matter)
class MatterAdmin(ReadOnlyAdmin):
    list_display = ["case_number", "title", "matter_type", "state", "owner", "updated_at"]
    list_filter = ["matter_type", "state"]
    search_fields = ["case_number", "title"]
    list_select_related = ["owner"]
    show_full_result_count = False  # no COUNT(*) over millions of matters
    inlines = [ClockInline, TimelineInline]


@admin.register(Clock)
class ClockAdmin(ReadOnlyAdmin):
    list_display = ["matter", "name", "due_on", "state", "reminded_on", "overdue_notified_on"]
    list_filter = ["state", "name"]
    list_select_related = ["matter"]
    show_full_result_count = False
