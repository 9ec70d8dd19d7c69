"""Administration of statutory periods and calendar corrections.

Both are data administrators must be able to correct without a deployment: a period confirmed
against its rule, a holiday announced after the package was released.
"""

from django.contrib import admin
from django.http import HttpRequest

from liaison.core.admin import ModelAdmin, TabularInline

from .models import CalendarCorrection, Period, PeriodOverride


class PeriodOverrideInline(TabularInline):
    """Organisations' own lengths of this period (they apply to the organisations below too)."""

    model = PeriodOverride
    fields = ["organisation", "amount", "unit", "remind_before_days", "note"]
    autocomplete_fields = ["organisation"]
    extra = 0


@admin.register(Period)
class PeriodAdmin(ModelAdmin):
    inlines = [PeriodOverrideInline]
    list_display = [
        "code",
        "name",
        "amount",
        "unit",
        "remind_before_days",
        "needs_confirmation",
        "updated_at",
    ]
    list_editable = ["amount", "unit", "remind_before_days"]
    list_filter = ["unit", "needs_confirmation"]
    search_fields = ["code", "name", "name_en", "rule"]
    readonly_fields = ["updated_at"]
    fields = [
        "code",
        "name",
        "name_en",
        "amount",
        "unit",
        "remind_before_days",
        "rule",
        "needs_confirmation",
        "updated_at",
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Period | None = None) -> list[str]:
        """Code refers to periods by code, so it is fixed once the row exists."""
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly.append("code")
        return readonly


@admin.register(CalendarCorrection)
class CalendarCorrectionAdmin(ModelAdmin):
    list_display = ["day", "is_working_day", "note"]
    list_filter = ["is_working_day"]
    search_fields = ["note"]
    date_hierarchy = "day"
