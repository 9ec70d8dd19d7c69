from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from liaison.core.admin import ModelAdmin, TabularInline

from .actions import deliveries_retry_now
from .models import Delivery, Notification


class DeliveryInline(TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    readonly_fields = (
        "channel",
        "address",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "sent_at",
    )
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ModelAdmin):
    list_display = ["created_at", "recipient", "event", "message", "matter", "read_at"]
    list_filter = ["event", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["event", "text", "recipient__username", "recipient__name"]
    date_hierarchy = "created_at"
    raw_id_fields = ["recipient", "actor", "matter"]
    readonly_fields = ["message", "created_at"]
    list_select_related = ["recipient", "matter"]
    inlines = [DeliveryInline]

    @admin.display(description=_("message"))
    def message(self, obj: Notification) -> str:
        return obj.message


@admin.register(Delivery)
class DeliveryAdmin(ModelAdmin):
    list_display = ["created_at", "channel", "address", "status", "attempts", "next_attempt_at"]
    list_filter = ["status", "channel"]
    search_fields = ["address", "notification__event"]
    date_hierarchy = "created_at"
    list_select_related = ["notification"]
    actions = ["retry_now"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Retry now"), permissions=["change"])
    def retry_now(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        count = deliveries_retry_now(deliveries=queryset, actor=request.user)  # type: ignore[arg-type]
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery queued again.", "%(count)d deliveries queued again.", count
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
