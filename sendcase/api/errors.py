"""One shape for every API error: {"detail": "..."} plus "errors" per field for a 400.

A record the caller may not see and a record that does not exist get the same 404 with the same
words, so an id tells an outsider nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from sendcase.core.errors import Forbidden, ValidationFailed

NOT_FOUND = "Not found: there is no such record, or it is not one you may see."
INVALID = "The request has problems: see errors, which names each parameter or field."


class FieldErrors(exceptions.ValidationError):
    """A 400 naming each bad parameter or field with what is wrong with it."""

    def __init__(self, errors: dict[str, str | list[str]]) -> None:
        super().__init__({name: [m] if isinstance(m, str) else m for name, m in errors.items()})


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404 | exceptions.NotFound):
        exc = exceptions.NotFound(NOT_FOUND)
    elif isinstance(exc, DjangoPermissionDenied | Forbidden):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, ValidationFailed):
        exc = FieldErrors(dict(exc.field_errors) or {"non_field_errors": exc.message})
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        response.data = {"detail": INVALID, "errors": errors}
    return response


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in words fit to show a person.")


class ValidationErrorSerializer(ErrorSerializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Each bad query parameter or body field, with what is wrong with it.",
    )


class ConflictSerializer(ErrorSerializer):
    current_version = serializers.IntegerField(
        help_text="The record's version now. Read the record again, reapply your change, and send this version."
    )
