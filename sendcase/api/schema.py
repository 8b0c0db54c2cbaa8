"""The OpenAPI 3 description of the API, served at /api/v1/schema/ (YAML; ?format=json for JSON)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "sendcase.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "sc_<prefix>_<secret>",
            "description": "An API token from `sendcase api_token_create`. It acts as one account, with exactly "
            "that account's access. Send `Authorization: Bearer <token>`.",
        }


class ReadOnlySessionScheme(OpenApiAuthenticationExtension):
    target_class = "sendcase.api.authentication.ReadOnlySessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        from django.conf import settings

        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "A signed-in staff session, for reading (GET) in the browser only.",
        }


def forbid_unknown_change_fields(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Say in the schema what the API does: a change naming any other field is refused (400)."""
    change = result.get("components", {}).get("schemas", {}).get("ChildChangeRequest")
    if change is not None:
        change["additionalProperties"] = False
    return result


class SchemaView(SpectacularAPIView):
    """Public: the schema describes the API, not anyone's data."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
