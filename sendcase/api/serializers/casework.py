"""Requests for assessment, advice requests and plans, with their statutory dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sendcase import sen2codes, timescales
from sendcase.api.serializers.common import (
    OrganisationRefSerializer,
    PersonRefSerializer,
    SettingRefSerializer,
    StepSerializer,
)
from sendcase.cases.clock import request_steps
from sendcase.cases.models import (
    AssessDecision,
    AssessmentRequest,
    Contributor,
    IssueDecision,
    Outcome,
    Plan,
    PlanStatus,
    RequestKind,
    RequestSource,
)
from sendcase.core.choices import code_choices
from sendcase.core.clock import today
from sendcase.timescales.reviews import ANNUAL_REVIEW, annual_review_due


class AssessmentRequestSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="SENDcase's id for the request.")
    child = serializers.UUIDField(source="child_id", help_text="The child's id.")
    kind = serializers.ChoiceField(choices=RequestKind.choices, help_text="An EHC needs assessment or a re-assessment.")
    source = serializers.ChoiceField(choices=RequestSource.choices, help_text="Who made the request.")
    requester_organisation = OrganisationRefSerializer(
        allow_null=True, help_text="The organisation that made the request, or null."
    )
    received_on = serializers.DateField(help_text="The date the council received the request: the clocks start here.")
    assess_decision = serializers.ChoiceField(
        choices=AssessDecision.choices, allow_blank=True, help_text="The decision whether to assess, or empty."
    )
    assess_decision_on = serializers.DateField(
        allow_null=True, help_text="The date the family was told the decision to assess (reg 5(1))."
    )
    issue_decision = serializers.ChoiceField(
        choices=IssueDecision.choices, allow_blank=True, help_text="The decision whether to issue a plan, or empty."
    )
    issue_decision_on = serializers.DateField(
        allow_null=True, help_text="The date of the decision whether to issue a plan (reg 10(1))."
    )
    draft_served_on = serializers.DateField(allow_null=True, help_text="The date the draft plan was served.")
    family_response_on = serializers.DateField(
        allow_null=True, help_text="The date the family responded to the draft (15 days, reg 13(1))."
    )
    family_requested_setting = SettingRefSerializer(
        allow_null=True, help_text="The school or setting the family asked to be named, or null."
    )
    final_issued_on = serializers.DateField(
        allow_null=True, help_text="The date the final plan was issued (20 weeks, reg 13(2))."
    )
    outcome = serializers.ChoiceField(choices=Outcome.choices, help_text="Open, or how the request ended.")
    closed_on = serializers.DateField(allow_null=True, help_text="The date the request ended, or null while open.")
    transferred_in_from = serializers.CharField(help_text="LA number the case transferred in from, or empty.")
    transferred_out_to = serializers.CharField(help_text="LA number the case moved to, or empty.")
    in_relevant_youth_accommodation = serializers.BooleanField(
        help_text="Whether the young person is detained in relevant youth accommodation."
    )
    steps = serializers.SerializerMethodField(
        help_text="Every statutory step with its due date, state and regulation, as the case page shows them."
    )
    version = serializers.IntegerField(help_text="The record's version.")
    modified_at = serializers.DateTimeField(help_text="When the request last changed.")

    @staticmethod
    def _today(context: dict[str, Any]) -> dt.date:
        return context.get("today") or today()

    @extend_schema_field(StepSerializer(many=True))
    def get_steps(self, request: AssessmentRequest) -> list[dict[str, Any]]:
        steps = request_steps(
            request,
            today=self._today(self.context),
            advice=list(request.advice_requests.all()),
            exceptions=list(request.exceptions.all()),
        )
        return StepSerializer(steps, many=True).data  # type: ignore[return-value]


class AdviceRequestSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="SENDcase's id for the advice request.")
    request = serializers.UUIDField(source="request_id", help_text="The request for assessment it belongs to.")
    child = serializers.UUIDField(source="request.child_id", help_text="The child's id.")
    contributor = serializers.ChoiceField(choices=Contributor.choices, help_text="Who the advice is asked of.")
    organisation = OrganisationRefSerializer(allow_null=True, help_text="The contributor's organisation, or null.")
    assigned_to = PersonRefSerializer(allow_null=True, help_text="The professional asked, if they have an account.")
    requested_on = serializers.DateField(help_text="The date the contributor received the request.")
    due_on = serializers.DateField(help_text="The date the advice is due: 6 weeks after requested_on.")
    due_regulation = serializers.SerializerMethodField(help_text="The regulation that sets due_on.")
    received_on = serializers.DateField(allow_null=True, help_text="The date the advice arrived, or null.")
    version = serializers.IntegerField(help_text="The record's version.")
    modified_at = serializers.DateTimeField(help_text="When the advice request last changed.")

    def get_due_regulation(self, advice: Any) -> str:
        return timescales.ADVICE.regulation


class PlanSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="SENDcase's id for the plan.")
    child = serializers.UUIDField(source="child_id", help_text="The child's id.")
    request = serializers.UUIDField(
        source="request_id", allow_null=True, help_text="The request for assessment that led to it, if recorded."
    )
    status = serializers.ChoiceField(choices=PlanStatus.choices, help_text="Maintained, ceased or transferred.")
    issued_on = serializers.DateField(help_text="The date the plan was first issued.")
    named_setting = SettingRefSerializer(allow_null=True, help_text="The school or setting the plan names, or null.")
    sen_setting = serializers.ChoiceField(
        choices=code_choices(sen2codes.SENSetting),
        allow_blank=True,
        help_text="SEN2 type of provision when no school is named, or empty.",
    )
    transferred_in_from = serializers.CharField(help_text="LA number the plan transferred in from, or empty.")
    last_review_on = serializers.DateField(allow_null=True, help_text="The date of the last annual review, or null.")
    next_review_due_on = serializers.SerializerMethodField(
        help_text="When the next annual review is due (within 12 months of issue or the last review); "
        "null when the plan is no longer maintained."
    )
    next_review_regulation = serializers.SerializerMethodField(help_text="The rule that sets next_review_due_on.")
    ceased_on = serializers.DateField(allow_null=True, help_text="The date the plan ceased, or null.")
    cease_reason = serializers.ChoiceField(
        choices=code_choices(sen2codes.CeaseReason), allow_blank=True, help_text="SEN2 reason it ceased, or empty."
    )
    version = serializers.IntegerField(help_text="The record's version.")
    modified_at = serializers.DateTimeField(help_text="When the plan last changed.")

    def get_next_review_due_on(self, plan: Plan) -> dt.date | None:
        if plan.status != PlanStatus.ACTIVE:
            return None
        return annual_review_due(plan.last_review_on or plan.issued_on)

    def get_next_review_regulation(self, plan: Plan) -> str | None:
        return ANNUAL_REVIEW.regulation if plan.status == PlanStatus.ACTIVE else None
