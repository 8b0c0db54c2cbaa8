"""Keyset ("cursor") pagination for synchronising systems.

Each page continues strictly after the last row of the page before, by a key that never repeats
(modified_at then id, or the audit sequence), rather than by an offset. So a client walking the
pages never sees a row twice or misses one because rows were added or changed meanwhile: a row
changed during the walk moves to the end of the order and is met again there, with its new version.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from sendcase.api.errors import FieldErrors

DEFAULT_PAGE_SIZE = 100
_DIGITS = re.compile(r"^[0-9]{1,6}$")
MAX_PAGE_SIZE = 500


def _encode(values: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps([str(v) for v in values]).encode()).decode().rstrip("=")


class KeysetPagination(BasePagination):
    """Pages of `page_size` rows (100 unless asked, at most 500) in the view's `cursor_fields` order."""

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def _page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return DEFAULT_PAGE_SIZE
        if not _DIGITS.match(raw) or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise FieldErrors({self.page_size_query_param: f"Enter a whole number from 1 to {MAX_PAGE_SIZE}"})
        return int(raw)

    def _after(self, queryset: QuerySet[Any], fields: Sequence[str], raw: str) -> Q:
        try:
            padded = raw + "=" * (-len(raw) % 4)
            values = json.loads(base64.urlsafe_b64decode(padded.encode()))
            if (
                not isinstance(values, list)
                or len(values) != len(fields)
                or not all(isinstance(v, str) for v in values)
            ):
                raise ValueError("wrong shape")
            model = queryset.model
            typed = [model._meta.get_field(f).to_python(v) for f, v in zip(fields, values, strict=True)]
            if any(v is None or (isinstance(v, dt.datetime) and v.tzinfo is None) for v in typed):
                raise ValueError("empty or naive key")
        except (ValueError, TypeError, binascii.Error, ValidationError, UnicodeDecodeError) as exc:
            raise FieldErrors(
                {self.cursor_query_param: "This cursor is not one SENDcase gave: use the 'next' link as it is"}
            ) from exc
        # (a, b) > (x, y)  <=>  a > x  or  (a = x and b > y)
        condition, equal = Q(), Q()
        for name, value in zip(fields, typed, strict=True):
            condition |= equal & Q(**{f"{name}__gt": value})
            equal &= Q(**{name: value})
        return condition

    def paginate_queryset(self, queryset: QuerySet[Any], request: Request, view: Any = None) -> list[Any]:
        fields: Sequence[str] = view.cursor_fields
        size = self._page_size(request)
        raw = request.query_params.get(self.cursor_query_param)
        if raw:  # an empty cursor is the first page
            queryset = queryset.filter(self._after(queryset, fields, raw))
        rows = list(queryset.order_by(*fields)[: size + 1])
        self.request, self.fields = request, fields
        self.has_next = len(rows) > size
        self.page = rows[:size]
        return self.page

    def get_next_link(self) -> str | None:
        if not self.has_next:
            return None
        last: Model = self.page[-1]
        cursor = _encode([getattr(last, f) for f in self.fields])
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_paginated_response(self, data: Any) -> Response:
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "The next page, or null on the last page. Follow it as it is.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where the page starts: take it from the previous page's 'next' link.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page: {DEFAULT_PAGE_SIZE} unless given, at most {MAX_PAGE_SIZE}.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
            },
        ]
