"""What every endpoint shares: access-filtered querysets, the common filters, the access audit."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from sendcase.api.errors import (
    NOT_FOUND,
    ErrorSerializer,
    FieldErrors,
    ValidationErrorSerializer,
)
from sendcase.api.filters import parse_child, parse_modified_since
from sendcase.api.models import ApiToken
from sendcase.api.pagination import KeysetPagination
from sendcase.audit.services import audit_views

MODIFIED_SINCE = OpenApiParameter(
    "modified_since",
    OpenApiTypes.DATETIME,
    description="Only rows changed at or after this ISO 8601 date and time (UK time if no offset is given).",
)
RECORD_ID = OpenApiParameter(
    "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The record's id, as the API gave it."
)
CHILD = OpenApiParameter("child", OpenApiTypes.UUID, description="Only rows about this child (the child's id).")
UNAUTHENTICATED = OpenApiResponse(
    ErrorSerializer, description="No token, or the token is wrong, revoked or expired, or its account is inactive."
)
BAD_FILTER = OpenApiResponse(ValidationErrorSerializer, description="A query parameter is not valid; errors names it.")
NOT_VISIBLE = OpenApiResponse(ErrorSerializer, description=NOT_FOUND)


def via(request: Request) -> str:
    """How the caller came in, for the audit trail."""
    token = request.auth
    if isinstance(token, ApiToken):
        return f"API token {token.prefix} '{token.name}'"
    return "API, signed-in browser session"


def audit_read(request: Request, child_ids: Iterable[Any], what: str) -> None:
    """An access event per child whose record left SENDcase in this response."""
    audit_views(actor=request.user, child_ids=child_ids, what=f"Read through the {via(request)}: {what}")


class AuditedListView(generics.ListAPIView):
    """A list in keyset order with `modified_since` (and `child`), auditing every child it returns."""

    pagination_class = KeysetPagination
    cursor_fields: ClassVar[tuple[str, ...]] = ("modified_at", "id")
    since_field = "modified_at"
    child_lookup: str | None = None  # the path to the child's id, when `child` filters this list
    audit_what: str | None = None  # None: rows are not part of a child's record (the change feed)

    def child_id_of(self, row: Any) -> Any:
        return row.child_id

    def filter_since(self, queryset: QuerySet[Any], since: dt.datetime) -> QuerySet[Any]:
        return queryset.filter(**{f"{self.since_field}__gte": since})

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        params, errors = self.request.query_params, {}
        since = child = None
        try:
            since = parse_modified_since(params.get("modified_since"))
        except FieldErrors as exc:
            errors.update(exc.detail)  # type: ignore[arg-type]
        if self.child_lookup:
            try:
                child = parse_child(params.get("child"))
            except FieldErrors as exc:
                errors.update(exc.detail)  # type: ignore[arg-type]
        if errors:
            raise FieldErrors(errors)
        if since is not None:
            queryset = self.filter_since(queryset, since)
        if child is not None:
            queryset = queryset.filter(**{self.child_lookup: child})  # type: ignore[dict-item]
        return queryset

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        data = self.get_serializer(page, many=True).data
        if self.audit_what and page:
            audit_read(request, (self.child_id_of(row) for row in page), self.audit_what)
        return self.get_paginated_response(data)


class AuditedDetailView(generics.GenericAPIView):
    """One record, found only among those the caller may see; reading it is audited."""

    audit_what = "details"

    def child_id_of(self, obj: Model) -> Any:
        return obj.child_id  # type: ignore[attr-defined]

    def get_object(self) -> Any:
        try:
            pk = uuid.UUID(str(self.kwargs["pk"]))
        except ValueError as exc:
            raise Http404(NOT_FOUND) from exc
        found = self.get_queryset().filter(pk=pk).first()
        if found is None:
            raise Http404(NOT_FOUND)
        return found

    def retrieve(self, request: Request) -> Response:
        obj = self.get_object()
        data = self.get_serializer(obj).data
        audit_read(request, [self.child_id_of(obj)], f"{self.audit_what} {obj.pk}")
        return Response(data)
