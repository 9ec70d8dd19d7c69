"""Admin for the organisation tree and memberships.

Saves go through the actions, so an administrator's edits are audited like any other change.
Memberships are revoked, never deleted: who held which seat is part of the record.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models.fields import BLANK_CHOICE_DASH
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from liaison.core.admin import ModelAdmin, TabularInline

from .actions import (
    cooperation_end,
    cooperation_start,
    membership_grant,
    membership_revoke,
    organisation_save,
)
from .models import Cooperation, Membership, Organisation
from .roles import Role, roles_for


class MembershipInlineForm(forms.ModelForm):
    """A seat's organisation, person and role are fixed once granted; only ``active`` changes.

    Changing the role of an existing row would rewrite history; revoke it and grant a new one.
    """

    class Meta:
        model = Membership
        fields = ("person", "organisation", "role", "is_active")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            for name in ("person", "organisation", "role"):
                if name in self.fields:
                    self.fields[name].disabled = True


class MembershipInline(TabularInline):
    """Shared by the person and the organisation pages."""

    model = Membership
    form = MembershipInlineForm
    extra = 0
    can_delete = False
    readonly_fields = ("since", "until")
    verbose_name = _("membership")
    verbose_name_plural = _("memberships")


class OrganisationMembershipInline(MembershipInline):
    """The members of one organisation; the role list offers only its kind's catalogue."""

    fk_name = "organisation"
    fields = ("person", "role", "is_active", "since", "until")
    autocomplete_fields = ("person",)

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("person")

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        role = formset.form.base_fields.get("role")
        if obj is not None and isinstance(role, forms.ChoiceField):
            allowed = roles_for(obj.kind)
            role.choices = [*BLANK_CHOICE_DASH] + [
                (value, label) for value, label in Role.choices if value in allowed
            ]
        return formset


def save_membership_formset(request: HttpRequest, formset: Any) -> None:
    """Turn the inline's new and changed rows into grants and revocations (each audited)."""
    formset.save(commit=False)
    for membership in formset.new_objects:
        granted = membership_grant(
            actor=request.user,
            person=membership.person,
            organisation=membership.organisation,
            role=membership.role,
        )
        if not membership.is_active:
            membership_revoke(actor=request.user, membership=granted)
        membership.pk = granted.pk
    for membership, changed in formset.changed_objects:
        if "is_active" not in changed:
            continue
        if membership.is_active:
            membership_grant(
                actor=request.user,
                person=membership.person,
                organisation=membership.organisation,
                role=membership.role,
            )
        else:
            membership_revoke(actor=request.user, membership=membership)


@admin.register(Organisation)
class OrganisationAdmin(ModelAdmin):
    """Browse the tree, find an organisation by name, abbreviation or credit code, edit it."""

    list_display = ("name", "kind", "level", "division", "parent", "is_active")
    list_filter = ("kind", "level", "is_active")
    search_fields = ("name", "name_en", "abbreviation", "uscc")
    list_select_related = ("division", "parent")
    autocomplete_fields = ("parent", "division")
    readonly_fields = ("path",)
    ordering = ("path",)
    fieldsets = (
        (None, {"fields": ("name", "name_en", "kind", "level", "parent", "division", "is_active")}),
        (_("Whom it sends notices to"), {"fields": ("works_with_own_area",)}),
        (
            _("Identifiers and case numbers"),
            {"fields": ("uscc", "abbreviation", "case_number_pattern", "case_type_codes")},
        ),
        (_("Tree"), {"classes": ("collapse",), "fields": ("path",)}),
    )
    inlines = (OrganisationMembershipInline,)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Deactivate instead: matters, memberships and the audit record refer to it."""
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        organisation_save(actor=request.user, organisation=obj, changed=form.changed_data)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is Membership:
            save_membership_formset(request, formset)
        else:  # pragma: no cover - no other inline today
            super().save_formset(request, form, formset, change)


@admin.register(Membership)
class MembershipAdmin(ModelAdmin):
    """Every seat across organisations, to answer "who is the clue officer in …?"."""

    list_display = ("person", "organisation", "role", "is_active", "since", "until")
    list_filter = ("role", "is_active", "organisation__kind")
    search_fields = ("person__name", "person__username", "organisation__name")
    list_select_related = ("person", "organisation")
    autocomplete_fields = ("person", "organisation")
    readonly_fields = ("since", "until")
    form = MembershipInlineForm

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Revoke instead (untick "active"): the seat is history."""
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            granted = membership_grant(
                actor=request.user,
                person=obj.person,
                organisation=obj.organisation,
                role=obj.role,
            )
            obj.pk = granted.pk
            if not obj.is_active:
                membership_revoke(actor=request.user, membership=granted)
        elif "is_active" in form.changed_data:
            if obj.is_active:
                membership_grant(
                    actor=request.user,
                    person=obj.person,
                    organisation=obj.organisation,
                    role=obj.role,
                )
            else:
                membership_revoke(actor=request.user, membership=obj)


class CooperationForm(forms.ModelForm):
    """Either organisation may be named first: the pair is stored lower id first."""

    class Meta:
        model = Cooperation
        fields = ("first", "second", "agreement")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("first"), data.get("second")
        if first is not None and second is not None and first.pk > second.pk:
            data["first"], data["second"] = second, first
        return data


@admin.register(Cooperation)
class CooperationAdmin(ModelAdmin):
    """Who works with whom. Started here through ``cooperation_start`` and ended (never deleted)
    through ``cooperation_end``, each audited; the pair is fixed once started."""

    form = CooperationForm
    list_display = ("first", "second", "agreement", "is_active", "started_on", "ended_on")
    list_filter = ("is_active", "first__kind", "second__kind")
    search_fields = ("first__name", "second__name", "agreement")
    list_select_related = ("first", "second")
    autocomplete_fields = ("first", "second")
    readonly_fields = ("is_active", "started_on", "ended_on")
    actions = ("end_cooperations",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None:
            return ("first", "second", "agreement", *self.readonly_fields)
        return self.readonly_fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """End it instead: the record of who worked with whom is kept."""
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            return  # nothing of a started cooperation is edited; it is ended
        started = cooperation_start(
            actor=request.user, organisations=(obj.first, obj.second), agreement=obj.agreement
        )
        obj.pk = started.pk

    @admin.action(description=_("End the selected cooperations"))
    def end_cooperations(self, request: HttpRequest, queryset: Any) -> None:
        for cooperation in queryset.filter(is_active=True):
            cooperation_end(actor=request.user, cooperation=cooperation)
