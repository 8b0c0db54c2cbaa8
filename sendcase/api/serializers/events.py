"""The change feed: what changed about a child, never the values."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from sendcase.audit.models import Action

CHANGE_ACTIONS = (Action.CREATE, Action.UPDATE, Action.DELETE)


class ChangeEventSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The event's id in SENDcase's audit trail.")
    sequence = serializers.IntegerField(help_text="Its place in the trail; the feed is in this order.")
    occurred_at = serializers.DateTimeField(help_text="When the change was made.")
    child = serializers.UUIDField(source="child_id", help_text="The child whose record changed.")
    model = serializers.CharField(
        source="object_type", help_text="The kind of record that changed, e.g. people.child, cases.assessmentrequest."
    )
    record_id = serializers.CharField(source="object_id", help_text="The id of the record that changed.")
    action = serializers.ChoiceField(
        choices=[(a.value, a.label) for a in CHANGE_ACTIONS], help_text="Whether it was created, changed or deleted."
    )
    field_names = serializers.SerializerMethodField(
        help_text="The names of the fields that changed. Read the record itself for their values."
    )

    def get_field_names(self, event: Any) -> list[str]:
        return sorted(event.changes or {})
