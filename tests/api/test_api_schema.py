"""The OpenAPI schema at /api/v1/schema/, and the API checked against it with schemathesis."""

from __future__ import annotations

import hashlib
import json

import pytest
import schemathesis
import yaml
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from sendcase.api.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def openapi(client):
    return json.loads(client.get("/api/v1/schema/?format=json").content)


def test_the_schema_is_served_as_yaml_and_json_without_signing_in(client):
    as_yaml = client.get("/api/v1/schema/")
    assert as_yaml.status_code == 200
    assert "openapi" in as_yaml["Content-Type"]
    document = yaml.safe_load(as_yaml.content)
    assert document["openapi"].startswith("3.")
    assert document == json.loads(client.get("/api/v1/schema/?format=json").content)


def test_the_schema_describes_bearer_auth_the_409_pagination_and_filters(openapi):
    bearer = openapi["components"]["securitySchemes"]["bearerAuth"]
    assert (bearer["type"], bearer["scheme"]) == ("http", "bearer")
    paths = openapi["paths"]
    patch = paths["/api/v1/children/{id}/"]["patch"]
    assert patch["responses"]["409"]["content"]["application/json"]["schema"]["$ref"].endswith("/Conflict")
    assert patch["security"] == [{"bearerAuth": []}]
    assert "version" in openapi["components"]["schemas"]["ChildChangeRequest"]["required"]
    for path, item in paths.items():
        params = {p["name"] for p in item["get"].get("parameters", [])}
        if "{id}" in path:
            assert set(item["get"]["responses"]) >= {"200", "401", "404"}
            continue
        assert {"modified_since", "cursor", "page_size"} <= params, path
        assert set(item["get"]["responses"]) >= {"200", "400", "401"}
        if path not in ("/api/v1/children/", "/api/v1/cases/"):
            assert "child" in params, path


def test_every_field_in_the_schema_is_described(openapi):
    undescribed = []
    for name, component in openapi["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            if name.startswith("Paginated"):
                continue
            if not spec.get("description"):
                undescribed.append(f"{name}.{field}")
    assert undescribed == []


# Loaded from the WSGI app itself, as a client would fetch it: what is checked is what is served.
api_schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
# Text with NUL characters is refused (PostgreSQL cannot store it): a 400 the schema does not spell out.
api_schema.config.generation.update(allow_x00=False)
# Cases are built when tests are collected, before any database exists, so the token is fixed here
# and its row is made by the `officer_token` fixture in each test's own database.
TOKEN = "sc_5c7e5715_schemathesis-officer-token-only-in-tests"


@api_schema.auth(refresh_interval=None)
class OfficerToken:
    """A SEND officer's API token on every generated call."""

    def get(self, case, context):
        return TOKEN

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@api_schema.hook("map_query")
def _no_invented_cursors(context, query):
    # A cursor is opaque: clients only ever follow `next`, and an invented one is rightly a 400
    # (tested in test_api_sync). Everything else in the query is generated freely.
    if query:
        query.pop("cursor", None)
    return query


@pytest.fixture
def officer_token(casebook, officer):
    # The WSGI app runs inside the test's transaction. Django closes a connection found outside
    # autocommit at the end of each request, which would end that transaction on PostgreSQL, so the
    # signal is unhooked for the test as Django's own test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    ApiToken.objects.create(
        name="schemathesis", user=officer, prefix="5c7e5715", secret_hash=hashlib.sha256(TOKEN.encode()).hexdigest()
    )
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@api_schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_schema(case, officer_token):
    """Every operation with a SEND officer's token, for a council holding a few children: no server
    error, and every answer (status, content type, headers, body) as the schema says."""
    case.call_and_validate()


# Generated ids almost never name a real record, so the answers for real ones (200, 400, 403, 409)
# are checked here against the same schema, with the same checks of what comes back.
RESPONSE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def _answer(path, method, *, token=TOKEN, **kwargs):
    case = api_schema[path][method].Case(headers={"Authorization": f"Bearer {token}"}, **kwargs)
    return case.call_and_validate(checks=RESPONSE_CHECKS)


def test_real_records_and_every_change_outcome_keep_to_the_schema(officer_token, casebook, read_only, token_for):
    for path, record in [
        ("/api/v1/children/{id}/", casebook.open_case),
        ("/api/v1/requests/{id}/", casebook.open_request),
        ("/api/v1/requests/{id}/", casebook.finished_request),
        ("/api/v1/advice/{id}/", casebook.advice),
        ("/api/v1/plans/{id}/", casebook.plan),
    ]:
        assert _answer(path, "GET", path_parameters={"id": str(record.pk)}).status_code == 200
    for path in ["/api/v1/children/", "/api/v1/cases/", "/api/v1/requests/", "/api/v1/advice/", "/api/v1/plans/"]:
        first = _answer(path, "GET", query={"page_size": 1})
        assert first.status_code == 200
        # Two children, so two caseload rows and two requests; one advice request and one plan.
        assert (first.json()["next"] is not None) == (
            path in ("/api/v1/children/", "/api/v1/cases/", "/api/v1/requests/")
        )
    child = {"id": str(casebook.planned.pk)}
    version = casebook.planned.version
    outcomes = [
        ({"version": version, "known_as": "Kit"}, TOKEN, 200),
        ({"version": version, "known_as": "Kit"}, TOKEN, 409),
        ({"version": version + 1, "upn": "A123"}, TOKEN, 400),
        ({"version": version + 1, "known_as": "Kit"}, token_for(read_only), 403),
    ]
    for body, token, status in outcomes:
        assert (
            _answer("/api/v1/children/{id}/", "PATCH", path_parameters=child, body=body, token=token).status_code
            == status
        )
