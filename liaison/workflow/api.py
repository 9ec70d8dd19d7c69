"""The read API for matters. It answers through the same visibility policy as the pages."""

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from rest_framework import generics, serializers

from .models import Clock, Matter, TimelineEvent
from .selectors import matters_visible_to, my_work


class ClockSerializer(serializers.ModelSerializer):
    class Meta:
        model = Clock
        fields = ["name", "period_code", "amount", "unit", "started_on", "due_on", "state"]


class TimelineEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.display_name", default=None)

    class Meta:
        model = TimelineEvent
        fields = ["at", "actor", "action", "from_state", "to_state", "note"]


class MatterSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.name")
    state_label = serializers.CharField()
    kind = serializers.SerializerMethodField()

    class Meta:
        model = Matter
        fields = [
            "id",
            "matter_type",
            "kind",
            "case_number",
            "title",
            "state",
            "state_label",
            "owner",
            "urgent",
            "created_at",
            "updated_at",
            "closed_at",
        ]

    def get_kind(self, matter: Matter) -> str:
        return str(matter.workflow.label)


class MatterDetailSerializer(MatterSerializer):
    clocks = ClockSerializer(many=True, read_only=True)
    timeline = TimelineEventSerializer(many=True, read_only=True)

    class Meta(MatterSerializer.Meta):
        fields = [*MatterSerializer.Meta.fields, "clocks", "timeline"]


class WorkItemSerializer(MatterSerializer):
    next_due = serializers.DateField(allow_null=True)

    class Meta(MatterSerializer.Meta):
        fields = [*MatterSerializer.Meta.fields, "next_due"]


class MatterFilter(filters.FilterSet):
    class Meta:
        model = Matter
        fields = ["matter_type", "state", "urgent"]


class MatterList(generics.ListAPIView):
    """Matters the user may see, newest first; filter by ``matter_type``, ``state``, ``urgent``."""

    serializer_class = MatterSerializer
    filterset_class = MatterFilter

    def get_queryset(self) -> QuerySet[Matter]:
        access: Any = self.request.access  # type: ignore[attr-defined]
        return matters_visible_to(access).select_related("owner").order_by("-updated_at", "-pk")


class MatterDetail(generics.RetrieveAPIView):
    """One matter with its clocks and timeline (404 when not visible, as the page)."""

    serializer_class = MatterDetailSerializer

    def get_queryset(self) -> QuerySet[Matter]:
        access: Any = self.request.access  # type: ignore[attr-defined]
        return (
            matters_visible_to(access)
            .select_related("owner")
            .prefetch_related("clocks", "timeline__actor")
        )


class MyWork(generics.ListAPIView):
    """The user's work across every matter type, soonest deadline first."""

    serializer_class = WorkItemSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Matter]:
        access: Any = self.request.access  # type: ignore[attr-defined]
        return my_work(access)
