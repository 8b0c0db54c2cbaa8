"""Children, their caseload summary, and changing a child's details (SEND casework only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from sendcase import access
from sendcase.api.errors import ConflictSerializer, ErrorSerializer, FieldErrors, ValidationErrorSerializer
from sendcase.api.serializers.children import CaseSerializer, ChildChangeSerializer, ChildSerializer
from sendcase.api.views.base import (
    BAD_FILTER,
    MODIFIED_SINCE,
    NOT_VISIBLE,
    RECORD_ID,
    UNAUTHENTICATED,
    AuditedDetailView,
    AuditedListView,
)
from sendcase.cases.models import AdviceRequest, AssessmentRequest, Plan, TimescaleException
from sendcase.core.errors import EditConflict
from sendcase.organisations.models import Locality, Organisation, OrganisationKind
from sendcase.people import services as people_services
from sendcase.people.models import Child

CONFLICT_MESSAGE = (
    "Someone else changed this record after you read it (you sent version {sent}; it is now version {current}). "
    "Nothing was saved. Read the record again, reapply your change and send the new version."
)


def _visible_children(request: Request) -> QuerySet[Child]:
    return access.children_visible_to(request.user).select_related(
        "local_authority", "setting", "locality", "key_worker"
    )


@extend_schema(tags=["children"])
class ChildList(AuditedListView):
    serializer_class = ChildSerializer
    audit_what = "child's details (children list)"

    def child_id_of(self, row: Any) -> Any:
        return row.pk

    def get_queryset(self) -> QuerySet[Child]:
        return _visible_children(self.request)

    @extend_schema(
        summary="Children you may see",
        description="Every child the caller's access allows, in (modified_at, id) order. Each child returned "
        "is recorded in the audit trail as read through the API.",
        parameters=[MODIFIED_SINCE],
        responses={200: ChildSerializer(many=True), 400: BAD_FILTER, 401: UNAUTHENTICATED},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request)


@extend_schema(tags=["children"])
class ChildDetail(AuditedDetailView):
    serializer_class = ChildSerializer
    audit_what = "child's details"

    def child_id_of(self, obj: Any) -> Any:
        return obj.pk

    def get_object(self) -> Child:
        return access.child_get_for_user(self.request.user, self.kwargs["pk"])  # type: ignore[arg-type]

    @extend_schema(
        summary="One child",
        description="404 if there is no such child or it is not one you may see. Reading it is audited.",
        parameters=[RECORD_ID],
        responses={200: ChildSerializer, 401: UNAUTHENTICATED, 404: NOT_VISIBLE},
    )
    def get(self, request: Request, pk: str) -> Response:
        return self.retrieve(request)

    @extend_schema(
        summary="Change a child's details",
        description="For the council's SEND casework staff (case officers, team managers, administrators). "
        "Send only the fields to change and the `version` you last read. If someone changed the record "
        "since, nothing is saved and the answer is 409 with the current version. Every change is audited "
        "with its old and new values.",
        parameters=[RECORD_ID],
        request=ChildChangeSerializer,
        auth=[{"bearerAuth": []}],
        responses={
            200: ChildSerializer,
            400: OpenApiResponse(ValidationErrorSerializer, description="A field is not valid; errors names it."),
            401: UNAUTHENTICATED,
            403: OpenApiResponse(ErrorSerializer, description="You may see this child but not change their record."),
            404: NOT_VISIBLE,
            409: OpenApiResponse(
                ConflictSerializer, description="Someone else changed this record since you read it; nothing saved."
            ),
        },
    )
    def patch(self, request: Request, pk: str) -> Response:
        child = access.child_get_for_user(request.user, pk, for_write=True)  # type: ignore[arg-type]
        incoming = ChildChangeSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        version = data.pop("version")
        data.update(_references(child, data))
        try:
            changed = people_services.child_update(
                actor=request.user,  # type: ignore[arg-type]
                child=child,
                data=data,
                expected_version=version,
            )
        except EditConflict:
            current = Child.objects.filter(pk=child.pk).values_list("version", flat=True).first()
            return Response(
                {"detail": CONFLICT_MESSAGE.format(sent=version, current=current), "current_version": current},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(ChildSerializer(access.child_get_for_user(request.user, changed.pk)).data)  # type: ignore[arg-type]


def _references(child: Child, data: dict[str, Any]) -> dict[str, Any]:
    """The school and locality named by id, among those the staff pages offer for this child."""
    found: dict[str, Any] = {}
    errors: dict[str, str] = {}
    if data.get("setting") is not None:
        found["setting"] = Organisation.objects.filter(
            pk=data["setting"], local_authority_id=child.local_authority_id, kind=OrganisationKind.SETTING
        ).first()
        if found["setting"] is None:
            errors["setting"] = "Give the id of one of the council's schools or settings"
    if data.get("locality") is not None:
        found["locality"] = Locality.objects.filter(
            pk=data["locality"], local_authority_id=child.local_authority_id
        ).first()
        if found["locality"] is None:
            errors["locality"] = "Give the id of one of the council's localities"
    if errors:
        raise FieldErrors(errors)
    return found


@extend_schema(tags=["cases"])
class CaseList(AuditedListView):
    """Each visible child's caseload summary: stage, key worker, and the next statutory step."""

    serializer_class = CaseSerializer
    audit_what = "caseload summary (cases list)"

    def child_id_of(self, row: Any) -> Any:
        return row.pk

    def get_queryset(self) -> QuerySet[Child]:
        return access.children_visible_to(self.request.user).select_related("locality", "key_worker")

    def filter_since(self, queryset: QuerySet[Any], since: dt.datetime) -> QuerySet[Any]:
        # The summary changes with the child's requests, advice, exceptions and plans, whose services
        # refresh it without touching the child's own modified_at: match a change to any of them.
        changed = Q(modified_at__gte=since)
        for related in (
            AssessmentRequest.objects.filter(child=OuterRef("pk")),
            AdviceRequest.objects.filter(request__child=OuterRef("pk")),
            TimescaleException.objects.filter(request__child=OuterRef("pk")),
            Plan.objects.filter(child=OuterRef("pk")),
        ):
            changed |= Exists(related.filter(modified_at__gte=since))
        return queryset.filter(changed)

    @extend_schema(
        summary="Caseload summaries",
        description="One row per child you may see, open or closed, with the step due next and the "
        "regulation behind its date. `modified_since` also matches a child whose requests, advice, "
        "exceptions or plans changed since then.",
        parameters=[MODIFIED_SINCE],
        responses={200: CaseSerializer(many=True), 400: BAD_FILTER, 401: UNAUTHENTICATED},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request)
