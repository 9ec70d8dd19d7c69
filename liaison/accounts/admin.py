"""Admin for people: Django's user admin with Liaison's fields and the person's memberships.

The resident ID number is shown in lists only by its last four characters: lists are read over
shoulders and exported, and the full number is needed only on the person's own page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from liaison.core.admin import TextAdmin
from liaison.orgs.admin import MembershipInline, save_membership_formset
from liaison.orgs.models import Membership

from .forms import PersonNumbersMixin
from .models import User


def mask_resident_id(value: str) -> str:
    """All but the last four characters hidden: ``**************123X``."""
    if not value:
        return ""
    return "*" * max(len(value) - 4, 0) + value[-4:]


class PersonCreationForm(AdminUserCreationForm):
    """Django's creation form for the custom user, asking for the name it requires."""

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "name", "email")


class PersonChangeForm(PersonNumbersMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class PersonMembershipInline(MembershipInline):
    """The seats one person holds, in every organisation."""

    fk_name = "person"
    fields = ("organisation", "role", "is_active", "since", "until")
    autocomplete_fields = ("organisation",)

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("organisation")


@admin.register(User)
class UserAdmin(TextAdmin, DjangoUserAdmin):
    """People, their contact details and their seats in organisations."""

    form = PersonChangeForm
    add_form = PersonCreationForm
    list_display = (
        "username",
        "name",
        "name_en",
        "mobile",
        "masked_resident_id",
        "language",
        "is_active",
        "is_staff",
    )
    list_filter = ("is_active", "is_staff", "is_superuser", "language", "memberships__role")
    search_fields = ("username", "name", "name_en", "email", "mobile")
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Personal info"),
            {"fields": ("name", "name_en", "email", "mobile", "resident_id", "language")},
        ),
        (
            _("Permissions"),
            {
                "classes": ("collapse",),
                "fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "name",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    inlines = (PersonMembershipInline,)

    @admin.display(description=_("resident ID number"))
    def masked_resident_id(self, obj: User) -> str:
        return mask_resident_id(obj.resident_id)

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        """No seats on the add page: a person is created first, then given seats."""
        return self.inlines if obj is not None else ()

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is Membership:
            save_membership_formset(request, formset)
        else:  # pragma: no cover - no other inline today
            super().save_formset(request, form, formset, change)
