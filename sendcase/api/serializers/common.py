"""Small shapes several resources share: a school, a locality, a person, a statutory step."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from sendcase.timescales import StepState


class SettingRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="SENDcase's id for the school, setting or organisation.")
    name = serializers.CharField(help_text="Its name.")
    urn = serializers.CharField(help_text="Its URN (6 digits), or empty if it has none.")
    ukprn = serializers.CharField(help_text="Its UKPRN (8 digits), or empty if it has none.")


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="SENDcase's id for the organisation.")
    name = serializers.CharField(help_text="Its name.")
    kind = serializers.CharField(help_text="What it is: setting, health, social_care, ep_service, ...")


class LocalityRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="SENDcase's id for the locality (family partnership zone).")
    name = serializers.CharField(help_text="Its name.")


class PersonRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="SENDcase's id for the account.")
    name = serializers.CharField(source="get_full_name", help_text="Their full name.")
    email = serializers.EmailField(help_text="Their work email address.")


class StepSerializer(serializers.Serializer):
    """One statutory step with its due date and the regulation that sets it (sendcase.cases.clock)."""

    code = serializers.CharField(
        help_text="Stable step code: decision, advice:<advice id>, issue, draft, response or final."
    )
    title = serializers.CharField(help_text="The step in plain English.")
    owner = serializers.ChoiceField(choices=["council", "contributor", "family"], help_text="Whose deadline it is.")
    state = serializers.ChoiceField(
        source="status.state", choices=[s.value for s in StepState], help_text="Where the step stands today."
    )
    due_on = serializers.DateField(
        source="status.due", allow_null=True, help_text="The statutory due date, or null if none applies."
    )
    done_on = serializers.DateField(
        source="status.done", allow_null=True, help_text="The date it was done, or null if not yet."
    )
    days = serializers.IntegerField(
        source="status.days",
        allow_null=True,
        help_text="Days until due (state due), overdue (overdue) or late (done_late); null if not applicable.",
    )
    regulation = serializers.SerializerMethodField(help_text="The regulation that sets the due date, if any.")
    exception = serializers.SerializerMethodField(
        help_text="The exception (e.g. reg-10-4-c) excusing the time limit, if one was recorded and applies."
    )

    def get_regulation(self, step: Any) -> str | None:
        return step.status.rule.regulation if step.status.rule else None

    def get_exception(self, step: Any) -> str | None:
        return str(step.status.exception.kind) if step.status.exception else None
