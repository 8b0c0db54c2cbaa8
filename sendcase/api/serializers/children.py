"""Children and their caseload summary."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from sendcase import sen2codes
from sendcase.api.serializers.common import LocalityRefSerializer, PersonRefSerializer, SettingRefSerializer
from sendcase.cases.selectors import step_label
from sendcase.core.choices import code_choices
from sendcase.people.models import Child, Stage

NEEDS = code_choices(sen2codes.SENType)


class LocalAuthorityRefSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="The council's DfE LA number, e.g. 838.")
    name = serializers.CharField(help_text="The council's name.")


class _NextDueMixin(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices, help_text="Where the child is in the statutory process.")
    next_due_on = serializers.DateField(
        allow_null=True, help_text="The next statutory date on the case, or null if none is open."
    )
    next_due_step = serializers.CharField(
        help_text="The step due next: decision, advice:<advice id>, issue, final or review; empty if none."
    )
    next_due_title = serializers.SerializerMethodField(help_text="The step due next, in plain English.")
    next_due_regulation = serializers.SerializerMethodField(help_text="The regulation that sets the next due date.")
    key_worker = PersonRefSerializer(allow_null=True, help_text="The officer holding the case, or null.")

    def get_next_due_title(self, child: Child) -> str:
        return step_label(child.next_due_step)[0]

    def get_next_due_regulation(self, child: Child) -> str:
        return step_label(child.next_due_step)[1]


class ChildSerializer(_NextDueMixin):
    id = serializers.UUIDField(help_text="SENDcase's id for the child: use it in every other call.")
    reference = serializers.CharField(help_text="The SENDcase reference people quote, e.g. SC-4K7Q2MZ.")
    local_authority = LocalAuthorityRefSerializer(help_text="The council responsible for the child.")
    upn = serializers.CharField(help_text="Unique pupil number (13 characters), or empty.")
    upn_unknown = serializers.ChoiceField(
        choices=code_choices(sen2codes.UPNUnknown), allow_blank=True, help_text="SEN2 reason there is no UPN, or empty."
    )
    uln = serializers.CharField(help_text="Unique learner number (10 digits), or empty.")
    nhs_number = serializers.CharField(help_text="NHS number (10 digits), or empty.")
    first_name = serializers.CharField(help_text="Legal first name.")
    last_name = serializers.CharField(help_text="Legal last name.")
    known_as = serializers.CharField(help_text="The name the child prefers, or empty.")
    date_of_birth = serializers.DateField(help_text="Date of birth.")
    primary_need = serializers.ChoiceField(
        choices=NEEDS, allow_blank=True, help_text="SEN2 primary type of need (SENtype code), or empty if not known."
    )
    secondary_need = serializers.ChoiceField(
        choices=NEEDS, allow_blank=True, help_text="SEN2 secondary type of need (SENtype code), or empty."
    )
    setting = SettingRefSerializer(allow_null=True, help_text="The child's current school or setting, or null.")
    locality = LocalityRefSerializer(allow_null=True, help_text="The child's locality, or null.")
    version = serializers.IntegerField(
        help_text="The record's version: send it back with a change, so no one's change is lost."
    )
    modified_at = serializers.DateTimeField(help_text="When the child's record last changed.")


class CaseSerializer(_NextDueMixin):
    """A child's caseload summary: one row per child, as on the officer's caseload page."""

    child = serializers.UUIDField(source="id", help_text="The child's id.")
    reference = serializers.CharField(help_text="The child's SENDcase reference.")
    first_name = serializers.CharField(help_text="The child's first name.")
    last_name = serializers.CharField(help_text="The child's last name.")
    locality = LocalityRefSerializer(allow_null=True, help_text="The child's locality, or null.")
    modified_at = serializers.DateTimeField(help_text="When the child's record last changed.")


class ChildChangeSerializer(serializers.Serializer):
    """A change to a child's details. Send only the fields to change, with the version you last read."""

    version = serializers.IntegerField(
        min_value=1, help_text="The version you last read. If the record changed since, nothing is saved (409)."
    )
    first_name = serializers.CharField(required=False, max_length=100, allow_blank=True, help_text="First name.")
    last_name = serializers.CharField(required=False, max_length=100, allow_blank=True, help_text="Last name.")
    known_as = serializers.CharField(required=False, max_length=100, allow_blank=True, help_text="Preferred name.")
    date_of_birth = serializers.DateField(required=False, help_text="Date of birth (YYYY-MM-DD).")
    upn = serializers.CharField(required=False, max_length=20, allow_blank=True, help_text="UPN, or empty.")
    upn_unknown = serializers.ChoiceField(
        choices=code_choices(sen2codes.UPNUnknown), required=False, allow_blank=True, help_text="Reason for no UPN."
    )
    uln = serializers.CharField(required=False, max_length=20, allow_blank=True, help_text="ULN, or empty.")
    nhs_number = serializers.CharField(required=False, max_length=20, allow_blank=True, help_text="NHS number.")
    primary_need = serializers.ChoiceField(
        choices=NEEDS, required=False, allow_blank=True, help_text="SEN2 primary type of need."
    )
    secondary_need = serializers.ChoiceField(
        choices=NEEDS, required=False, allow_blank=True, help_text="SEN2 secondary type of need."
    )
    setting = serializers.UUIDField(
        required=False, allow_null=True, help_text="Id of one of the council's schools or settings, or null."
    )
    locality = serializers.UUIDField(
        required=False, allow_null=True, help_text="Id of one of the council's localities."
    )

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: ["This field cannot be changed through the API."] for name in unknown}
                )
        return super().to_internal_value(data)
