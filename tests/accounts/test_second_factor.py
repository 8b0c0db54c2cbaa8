"""Password, then the code from an authenticator app: the staff sign-in (docs/sign-in.md)."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendcase.accounts import security
from sendcase.audit.models import Action, AuditEvent
from tests.accounts.conftest import post_code, post_password, right_code, wrong_code


def test_the_right_password_then_the_right_code_signs_in(half_signed_in, officer):
    client, device = half_signed_in(officer)

    page = client.get(reverse("accounts:sign-in-code")).content.decode()
    assert re.search(
        r'<label class="govuk-label govuk-label--l" for="id_code">\s*Enter the code from your authenticator app', page
    )

    response = post_code(client, right_code(device))
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:home")
    assert client.get(reverse("staff:caseload")).status_code == 200
    event = AuditEvent.objects.filter(actor=officer, action=Action.SIGN_IN).get()
    assert event.summary == "Signed in with password and authenticator app code"


def test_the_code_page_sends_people_on_to_the_page_they_asked_for(authenticator_for, officer):
    device = authenticator_for(officer)
    client = Client()
    asked_for = reverse("staff:search") + "?q=Hart"
    response = post_password(client, officer.email, next=asked_for)
    assert response["Location"] == reverse("accounts:sign-in-code") + "?next=%2Fsearch%2F%3Fq%3DHart"
    response = client.post(response["Location"], {"code": right_code(device), "next": asked_for})
    assert response["Location"] == asked_for


def test_a_wrong_code_is_refused_with_an_error_summary(half_signed_in, officer):
    client, device = half_signed_in(officer)

    response = post_code(client, wrong_code(device))

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_code"' in page
    assert "The code is not right" in page
    assert client.get(reverse("staff:caseload"))["Location"].startswith(reverse("accounts:sign-in-code"))
    failure = AuditEvent.objects.get(actor=officer, action=Action.SIGN_IN)
    assert failure.summary == "Sign-in failed: wrong authenticator app code"


@pytest.mark.parametrize(
    ("code", "message"),
    [("", "Enter the code from your authenticator app"), ("12a456", "numbers only"), ("12345", "must be 6 numbers")],
)
def test_a_code_that_is_not_six_digits_says_what_is_wrong(half_signed_in, officer, code, message):
    client, _ = half_signed_in(officer)
    response = post_code(client, code)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_code_typed_with_a_space_is_accepted(half_signed_in, officer):
    client, device = half_signed_in(officer)
    code = right_code(device)
    response = post_code(client, f"{code[:3]} {code[3:]}")
    assert response["Location"] == reverse("staff:home")


def test_a_code_cannot_be_used_twice(half_signed_in, officer):
    client, device = half_signed_in(officer)
    code = right_code(device)
    assert post_code(client, code).status_code == 302
    again = Client()
    post_password(again, officer.email)
    assert post_code(again, code).status_code == 200  # refused: shown again with the error


def _every_page_url() -> list[str]:
    """A URL for every named route outside /accounts/ and /api/, with made-up ids."""
    values = {UUIDConverter: str(uuid.uuid4()), IntConverter: "1"}
    urls: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                converters = getattr(pattern.pattern, "converters", {})
                for name, converter in converters.items():
                    route = re.sub(rf"<[^>:]*:?{name}>", values.get(type(converter), "x"), route)
                urls.append("/" + route.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns, "")
    return sorted({u for u in urls if not u.startswith(("/accounts/", "/api/"))})


def test_a_session_without_the_second_factor_is_sent_to_the_code_page_from_every_page(half_signed_in, officer):
    client, _ = half_signed_in(officer)
    urls = _every_page_url()
    assert "/caseload/" in urls and len(urls) > 10
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302, f"{method.upper()} {url}"
            assert response["Location"].startswith(reverse("accounts:sign-in-code")), f"{method.upper()} {url}"


def test_a_half_signed_in_session_shows_no_navigation(half_signed_in, officer):
    client, _ = half_signed_in(officer)
    page = client.get(reverse("accounts:sign-in-code")).content.decode()
    assert "My caseload" not in page
    assert "Sign out" in page


def test_someone_without_an_app_is_sent_to_set_one_up(officer):
    client = Client()
    response = post_password(client, officer.email)
    assert response["Location"] == reverse("accounts:second-factor-set-up")
    assert client.get(reverse("staff:caseload"))["Location"].startswith(reverse("accounts:second-factor-set-up"))
    assert client.get(reverse("accounts:sign-in-code"))["Location"].startswith(reverse("accounts:second-factor-set-up"))


def test_setting_up_an_app_shows_a_qr_code_and_the_key_then_confirms_it_with_a_code(officer):
    client = Client()
    post_password(client, officer.email)

    page = client.get(reverse("accounts:second-factor-set-up")).content.decode()
    device = TOTPDevice.objects.get(user=officer)
    assert not device.confirmed
    assert "<svg" in page and "</svg>" in page
    key = security.key_in_groups(device)
    assert key in page
    assert key.replace(" ", "") == security.base32_key(device).rstrip("=")
    # Reloading shows the same key: the app the person is adding does not go stale.
    assert key in client.get(reverse("accounts:second-factor-set-up")).content.decode()

    refused = post_code(
        client, "000000" if right_code(device) != "000000" else "111111", "accounts:second-factor-set-up"
    )
    assert refused.status_code == 200
    assert "The code does not match" in refused.content.decode()

    response = post_code(client, right_code(device), "accounts:second-factor-set-up")
    assert response["Location"] == reverse("staff:home")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("staff:caseload")).status_code == 200
    summaries = list(AuditEvent.objects.filter(actor=officer).order_by("sequence").values_list("summary", flat=True))
    assert summaries == [
        f"Authenticator app set up for {officer}",
        "Signed in with password, and set up an authenticator app",
    ]


def test_someone_with_an_app_cannot_replace_it_with_just_the_password(half_signed_in, officer):
    client, device = half_signed_in(officer)
    response = client.get(reverse("accounts:second-factor-set-up"))
    assert response["Location"].startswith(reverse("accounts:sign-in-code"))
    assert list(TOTPDevice.objects.filter(user=officer)) == [device]


def test_when_the_council_does_not_ask_for_a_second_factor_the_password_signs_in(settings, officer):
    settings.SENDCASE_REQUIRE_SECOND_FACTOR = False
    client = Client()
    response = post_password(client, officer.email)
    assert response["Location"] == reverse("staff:home")
    assert client.get(reverse("staff:caseload")).status_code == 200
    assert AuditEvent.objects.get(actor=officer).summary.startswith("Signed in with password (")
