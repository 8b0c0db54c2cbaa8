"""API tokens: who gets in, who gets a clear 401, and what is stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from sendcase.api.models import ApiToken
from sendcase.api.tokens import api_token_revoke
from sendcase.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
CHILDREN = "/api/v1/children/"


def test_a_valid_token_reads_as_its_user(api, officer, child):
    response = api(officer).get(CHILDREN)
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(child.pk)]


def test_only_a_hash_of_the_token_is_stored(token_for, officer):
    secret = token_for(officer)
    row = ApiToken.objects.get()
    assert secret.startswith(f"sc_{row.prefix}_")
    assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = [str(v) for v in ApiToken.objects.values_list(flat=False).get()]
    assert not any(secret in value or secret.split("_", 2)[2] in value for value in stored)


def test_using_a_token_records_when_it_was_last_used(api, officer):
    api(officer).get(CHILDREN)
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Bearer sc_00000000_not-a-real-secret",
        "Bearer not-a-sendcase-token",
        "Bearer",
        "Bearer two parts",
    ],
)
def test_a_wrong_token_is_refused_with_401_and_a_reason(header, officer, child):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(CHILDREN)
    assert response.status_code == 401
    assert response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert str(child.pk) not in response.content.decode()


def test_a_right_prefix_with_the_wrong_secret_is_refused(token_for, officer):
    secret = token_for(officer)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret[:-2]}xx")
    response = client.get(CHILDREN)
    assert response.status_code == 401
    assert response.json()["detail"] == "The API token is not recognised."


def test_no_credentials_is_a_401_naming_the_scheme(child):
    response = APIClient().get(CHILDREN)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="SENDcase API"'


def test_a_revoked_token_is_refused(token_for, officer):
    secret = token_for(officer)
    api_token_revoke(actor=None, prefix=ApiToken.objects.get().prefix)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = client.get(CHILDREN)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_an_expired_token_is_refused(token_for, officer):
    secret = token_for(officer, days=30)
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = client.get(CHILDREN)
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_a_token_of_an_account_since_deactivated_is_refused(api, token_for, officer):
    secret = token_for(officer)
    officer.is_active = False
    officer.save()
    response = api(token=secret).get(CHILDREN)
    assert response.status_code == 401
    assert "no longer active" in response.json()["detail"]


def test_a_signed_in_member_of_staff_may_read_but_not_change(client_for, officer, child):
    browser = client_for(officer)
    assert browser.get(CHILDREN, HTTP_ACCEPT="application/json").status_code == 200
    response = browser.patch(
        f"{CHILDREN}{child.pk}/", data={"version": child.version, "known_as": "Mia"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert "need an API token" in response.json()["detail"]
    child.refresh_from_db()
    assert child.known_as != "Mia"


def test_the_create_command_prints_the_secret_once_and_it_works(officer, child):
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token_create", user=officer.email.upper(), name="Health system", days=90, stdout=out, stderr=err)
    secret = out.getvalue().strip()
    row = ApiToken.objects.get()
    assert row.name == "Health system" and row.user == officer
    assert row.expires_at - row.created_at == dt.timedelta(days=90)
    assert "cannot show it again" in err.getvalue()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get(CHILDREN).status_code == 200
    created = AuditEvent.objects.get(object_type="api.apitoken", action="create")
    assert secret not in str(created.changes) and row.prefix in created.summary


def test_the_create_command_refuses_an_unknown_account():
    with pytest.raises(CommandError, match="No account with that email address"):
        call_command("api_token_create", user="nobody@sendcase.example", name="x", stdout=io.StringIO())


def test_the_revoke_command_stops_the_token(token_for, officer):
    secret = token_for(officer)
    out = io.StringIO()
    call_command("api_token_revoke", secret.split("_")[1], stdout=out)
    assert "revoked" in out.getvalue()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get(CHILDREN).status_code == 401
    assert AuditEvent.objects.filter(object_type="api.apitoken", action="update").count() == 1


def test_the_revoke_command_names_an_unknown_prefix():
    with pytest.raises(CommandError, match="No API token starts deadbeef"):
        call_command("api_token_revoke", "deadbeef", stdout=io.StringIO())


def test_staff_can_browse_the_api_pages_and_each_read_is_audited_once(client_for, officer, child):
    browser = client_for(officer)
    before = AuditEvent.objects.filter(action="view", child=child).count()
    page = browser.get(f"{CHILDREN}{child.pk}/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200 and "text/html" in page["Content-Type"]
    assert child.last_name in page.content.decode()
    assert browser.get(CHILDREN, HTTP_ACCEPT="text/html").status_code == 200
    events = AuditEvent.objects.filter(action="view", child=child).order_by("sequence")[before:]
    assert [("signed-in browser session" in e.summary) for e in events] == [True, True]
