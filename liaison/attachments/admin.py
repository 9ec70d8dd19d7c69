from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from liaison.core.admin import ModelAdmin

from .models import Attachment


@admin.register(Attachment)
class AttachmentAdmin(ModelAdmin):
    """Read-only: files enter through ``attachment_upload`` so they are checked and audited."""

    list_display = ["original_name", "content_type", "size", "matter", "uploaded_by", "uploaded_at"]
    list_filter = ["content_type", "purpose"]
    search_fields = ["original_name", "sha256"]
    date_hierarchy = "uploaded_at"
    list_select_related = ["matter", "uploaded_by"]

    exclude = ["file"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = [f.name for f in self.model._meta.fields if f.name != "file"]
        return [*fields, "download"]

    @admin.display(description=_("file"))
    def download(self, obj: Attachment) -> str:
        """Through the audited download view, never the store's own URL."""
        try:
            url = reverse("attachments:download", args=[obj.pk])
        except NoReverseMatch:
            return obj.original_name
        return format_html('<a href="{}">{}</a>', url, obj.original_name)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
