from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from sendcase.accounts import security

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


def post_password(client: Client, email: str, password: str = PASSWORD, **extra: str):
    return client.post(reverse("accounts:sign-in"), {"username": email, "password": password, **extra})


def post_code(client: Client, code: str, url_name: str = "accounts:sign-in-code"):
    return client.post(reverse(url_name), {"code": code})


@pytest.fixture
def half_signed_in(authenticator_for):
    """A client that has passed the password (and so must now give a code) as `user`, who has an app."""

    def make(user) -> tuple[Client, object]:
        device = authenticator_for(user)
        client = Client()
        response = post_password(client, user.email)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in-code"))
        return client, device

    return make


def right_code(device) -> str:
    device.refresh_from_db()
    return security.code_now(device)


def wrong_code(device) -> str:
    right = right_code(device)
    # A code no step the device accepts (now, or one step either side) gives.
    now = time.time()
    accepted = {security.code_now(device, at=at) for at in (now - 30, now, now + 30)}
    candidate = int(right)
    while f"{candidate:06d}" in accepted:
        candidate = (candidate + 1) % 1_000_000
    return f"{candidate:06d}"
