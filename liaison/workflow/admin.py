"""Administrators look at matters here but never change them: states move only by transition."""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from liaison.core.admin import ModelAdmin, TabularInline
from liaison.orgs.roles import roles_for

from .models import ApprovalLevel, ApprovalRule, Clock, Invitation, Matter, TimelineEvent
from .registry import all_workflows


class ReadOnlyAdmin(ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TimelineInline(TabularInline):
    model = TimelineEvent
    fields = readonly_fields = ("at", "actor", "action", "from_state", "to_state", "note")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class InvitationInline(TabularInline):
    model = Invitation
    fields = readonly_fields = ("person", "relation", "state", "invited_at", "answered_at")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ClockInline(TabularInline):
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
    inlines = [ClockInline, InvitationInline, TimelineInline]


@admin.register(Clock)
class ClockAdmin(ReadOnlyAdmin):
    list_display = ["matter", "name", "due_on", "state", "reminded_on", "overdue_notified_on"]
    list_filter = ["state", "name"]
    list_select_related = ["matter"]
    show_full_result_count = False


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    """Invitations are read here, never changed: an answer or a withdrawal is the invitee's or
    the inviter's step (``workflow/invitations.py``), with its timeline entry and notice."""

    list_display = ["matter", "person", "relation", "state", "invited_at", "answered_at"]
    list_filter = ["state", "relation"]
    search_fields = ["matter__case_number", "person__username"]
    list_select_related = ["matter", "person"]
    raw_id_fields = ["matter", "person", "invited_by"]
    show_full_result_count = False


# -- who approves which step: the one part of the engine administrators configure ----------------


def _approval_steps() -> list[tuple[str, str]]:
    """Every step some workflow declares as needing approval, as "<matter type>:<step>"."""
    return [
        (f"{w.name}:{t.name}", f"{w.label} · {t.label}")
        for w in all_workflows()
        for t in w.transitions
        if t.approval is not None
    ]


class ApprovalRuleForm(forms.ModelForm):
    """The step is chosen among those declared as needing approval, never typed."""

    which = forms.ChoiceField(label=_("step"), choices=_approval_steps)

    class Meta:
        model = ApprovalRule
        fields = ["organisation", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["which"].initial = f"{self.instance.matter_type}:{self.instance.step}"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("which"):
            matter_type, step = cleaned["which"].split(":", 1)
            self.instance.matter_type, self.instance.step = matter_type, step
            others = ApprovalRule.objects.filter(
                organisation=cleaned.get("organisation"), matter_type=matter_type, step=step
            ).exclude(pk=self.instance.pk)
            if others.exists():
                raise ValidationError(_("This organisation already has a rule for this step."))
        return cleaned


class ApprovalLevelFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        organisation = self.instance.organisation if self.instance.organisation_id else None
        levels = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE", False)
        ]
        if not levels:
            raise ValidationError(_("Name at least one level of approvers."))
        for level in levels:
            if organisation is not None and level["role"] not in roles_for(organisation.kind):
                raise ValidationError(
                    _("Nobody in this kind of organisation holds the role “%(role)s”.")
                    % {"role": level["role"]}
                )


class ApprovalLevelInline(TabularInline):
    model = ApprovalLevel
    formset = ApprovalLevelFormSet
    fields = ["position", "role"]
    extra = 2


@admin.register(ApprovalRule)
class ApprovalRuleAdmin(ModelAdmin):
    """Who approves a step in an organisation and those below it; without a rule, the step's
    declared default (e.g. the department head, then the chief procurator)."""

    form = ApprovalRuleForm
    inlines = [ApprovalLevelInline]
    list_display = ["organisation", "matter_type", "step", "note", "updated_at"]
    list_filter = ["matter_type", "step"]
    search_fields = ["organisation__name", "matter_type", "step"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
