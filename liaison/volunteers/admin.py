"""Volunteers in the administration: looking them up, and the points scheme (the only thing an
administrator edits here; points are awarded by actions, never by hand)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from liaison.core.admin import ModelAdmin

from .models import OrganisationSettings, PointsEntry, PointsRule, TrainingMaterial, Volunteer


class ReadOnly(ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Volunteer)
class VolunteerAdmin(ReadOnly):
    list_display = ("person", "registered_at")
    search_fields = ("person__name", "person__mobile")
    list_select_related = ("person",)


@admin.register(PointsEntry)
class PointsEntryAdmin(ReadOnly):
    list_display = ("person", "reason", "matter", "points", "at")
    list_filter = ("reason",)
    list_select_related = ("person", "matter")


@admin.register(TrainingMaterial)
class TrainingMaterialAdmin(ReadOnly):
    list_display = ("title", "publisher", "published_at")
    list_select_related = ("publisher",)


@admin.register(PointsRule)
class PointsRuleAdmin(ModelAdmin):
    list_display = ("reason", "points")


@admin.register(OrganisationSettings)
class OrganisationSettingsAdmin(ModelAdmin):
    list_display = ("organisation", "minimum_age")
    list_select_related = ("organisation",)
    autocomplete_fields = ("organisation",)
