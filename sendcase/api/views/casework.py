"""Requests for assessment, advice requests, plans, and the change feed. Read-only."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from sendcase import access
from sendcase.api.errors import FieldErrors
from sendcase.api.serializers.casework import AdviceRequestSerializer, AssessmentRequestSerializer, PlanSerializer
from sendcase.api.serializers.events import CHANGE_ACTIONS, ChangeEventSerializer
from sendcase.api.views.base import (
    BAD_FILTER,
    CHILD,
    MODIFIED_SINCE,
    NOT_VISIBLE,
    RECORD_ID,
    UNAUTHENTICATED,
    AuditedDetailView,
    AuditedListView,
)
from sendcase.audit.models import AuditEvent
from sendcase.cases.models import AdviceRequest, AssessmentRequest, Plan, TimescaleException

MAX_SEQUENCE = 2**63 - 1
_DIGITS = re.compile(r"^[0-9]{1,19}$")
AFTER = OpenApiParameter(
    "after",
    {"type": "integer", "format": "int64", "minimum": 0, "maximum": MAX_SEQUENCE},
    description="Only events after this sequence number: the `sequence` of the last event you have.",
)


def _list_schema(summary: str, serializer: Any, description: str = "") -> Any:
    return extend_schema(
        summary=summary,
        description=description,
        parameters=[MODIFIED_SINCE, CHILD],
        responses={200: serializer(many=True), 400: BAD_FILTER, 401: UNAUTHENTICATED},
    )


def _detail_schema(summary: str, serializer: Any) -> Any:
    return extend_schema(
        summary=summary,
        description="404 if there is no such record or it is not one you may see. Reading it is audited.",
        parameters=[RECORD_ID],
        responses={200: serializer, 401: UNAUTHENTICATED, 404: NOT_VISIBLE},
    )


class _Requests:
    serializer_class = AssessmentRequestSerializer
    request: Request

    def get_queryset(self) -> QuerySet[AssessmentRequest]:
        return (
            AssessmentRequest.objects.filter(child__in=access.children_visible_to(self.request.user))
            .select_related("requester_organisation", "family_requested_setting")
            .prefetch_related(
                Prefetch("advice_requests", queryset=AdviceRequest.objects.select_related("organisation")),
                Prefetch("exceptions", queryset=TimescaleException.objects.all()),
            )
        )


@extend_schema(tags=["requests"])
class RequestList(_Requests, AuditedListView):
    child_lookup = "child_id"
    audit_what = "request for assessment (requests list)"

    @_list_schema(
        "Requests for EHC needs assessment",
        AssessmentRequestSerializer,
        "Each request with every step date and its statutory due dates (6, 16 and 20 weeks).",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request)


@extend_schema(tags=["requests"])
class RequestDetail(_Requests, AuditedDetailView):
    audit_what = "request for assessment"

    @_detail_schema("One request for EHC needs assessment", AssessmentRequestSerializer)
    def get(self, request: Request, pk: str) -> Response:
        return self.retrieve(request)


class _Advice:
    serializer_class = AdviceRequestSerializer
    request: Request

    def child_id_of(self, row: AdviceRequest) -> Any:
        return row.request.child_id

    def get_queryset(self) -> QuerySet[AdviceRequest]:
        return AdviceRequest.objects.filter(
            request__child__in=access.children_visible_to(self.request.user)
        ).select_related("request", "organisation", "assigned_to")


@extend_schema(tags=["advice"])
class AdviceList(_Advice, AuditedListView):
    child_lookup = "request__child_id"
    audit_what = "advice request (advice list)"

    @_list_schema(
        "Advice requests",
        AdviceRequestSerializer,
        "Advice asked of each contributor, due 6 weeks after they received the request (reg 8(1)).",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request)


@extend_schema(tags=["advice"])
class AdviceDetail(_Advice, AuditedDetailView):
    audit_what = "advice request"

    @_detail_schema("One advice request", AdviceRequestSerializer)
    def get(self, request: Request, pk: str) -> Response:
        return self.retrieve(request)


class _Plans:
    serializer_class = PlanSerializer
    request: Request

    def get_queryset(self) -> QuerySet[Plan]:
        return Plan.objects.filter(child__in=access.children_visible_to(self.request.user)).select_related(
            "named_setting"
        )


@extend_schema(tags=["plans"])
class PlanList(_Plans, AuditedListView):
    child_lookup = "child_id"
    audit_what = "EHC plan (plans list)"

    @_list_schema("EHC plans", PlanSerializer, "Plans maintained, ceased or transferred, with the next annual review.")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request)


@extend_schema(tags=["plans"])
class PlanDetail(_Plans, AuditedDetailView):
    audit_what = "EHC plan"

    @_detail_schema("One EHC plan", PlanSerializer)
    def get(self, request: Request, pk: str) -> Response:
        return self.retrieve(request)


@extend_schema(tags=["events"])
class EventList(AuditedListView):
    """The change feed: which records about the caller's children were created, changed or deleted."""

    serializer_class = ChangeEventSerializer
    # The audit sequence is taken under the chain's lock and held to commit, so it orders events in
    # the order they became visible: a client following it never skips one committed late.
    cursor_fields = ("sequence",)
    since_field = "occurred_at"
    child_lookup = "child_id"
    audit_what = None  # names of changed fields only, never values: not a read of the record itself

    def get_queryset(self) -> QuerySet[AuditEvent]:
        return AuditEvent.objects.filter(
            child__in=access.children_visible_to(self.request.user), action__in=CHANGE_ACTIONS
        )

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        raw, errors = self.request.query_params.get("after"), {}
        after = int(raw) if raw is not None and _DIGITS.match(raw) and int(raw) <= MAX_SEQUENCE else None
        if raw is not None and after is None:
            errors["after"] = ["Enter the sequence number of the last event you have, like 1024"]
        try:
            queryset = super().filter_queryset(queryset)
        except FieldErrors as exc:
            errors.update(exc.detail)  # type: ignore[arg-type]
        if errors:
            raise FieldErrors(errors)
        return queryset if after is None else queryset.filter(sequence__gt=after)

    @extend_schema(
        summary="Change feed",
        description="Changes to records about children you may see, oldest first, for keeping another "
        "system in step: when, which child, which record, created/changed/deleted, and the names of "
        "the fields that changed. Never the values: read the record for those. `modified_since` "
        "matches occurred_at; `after` resumes exactly after the last event a client has.",
        parameters=[MODIFIED_SINCE, CHILD, AFTER],
        responses={200: ChangeEventSerializer(many=True), 400: BAD_FILTER, 401: UNAUTHENTICATED},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request)
