"""Demo accounts have authenticator apps with known keys; `sendcase demo_code` prints their codes."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendcase.accounts import security
from sendcase.accounts.models import User
from sendcase.demo.staff import demo_authenticators_create, demo_totp_key
from tests.accounts.conftest import post_code, post_password


def demo_code(email: str) -> str:
    out = io.StringIO()
    call_command("demo_code", email, stdout=out)
    return out.getvalue()


def test_demo_keys_are_the_same_for_the_same_seed_and_differ_between_accounts():
    assert demo_totp_key(2025, "officer@sendcase.example") == demo_totp_key(2025, "officer@sendcase.example")
    assert demo_totp_key(2025, "officer@sendcase.example") != demo_totp_key(2025, "manager@sendcase.example")
    assert demo_totp_key(2025, "officer@sendcase.example") != demo_totp_key(2026, "officer@sendcase.example")
    assert len(bytes.fromhex(demo_totp_key(2025, "officer@sendcase.example"))) == 20


def test_demo_code_prints_a_code_that_signs_in_and_the_key(settings, officer):
    settings.DEBUG = True
    (device,) = demo_authenticators_create([officer], seed=2025)
    out = demo_code(officer.email)
    code = re.search(r"Code for \S+: (\d{6})", out).group(1)
    assert security.key_in_groups(device) in out

    client = Client()
    post_password(client, officer.email)
    assert post_code(client, code)["Location"] == reverse("staff:home")


def test_demo_code_refuses_without_debug(settings, officer):
    settings.DEBUG = False
    demo_authenticators_create([officer], seed=2025)
    with pytest.raises(CommandError, match="DEBUG"):
        demo_code(officer.email)


def test_demo_code_refuses_accounts_outside_the_demo_council(settings, outsider):
    settings.DEBUG = True
    TOTPDevice.objects.create(user=outsider, confirmed=True)
    with pytest.raises(CommandError, match="not an account of the demo council"):
        demo_code(outsider.email)


def test_the_seeded_demo_accounts_have_apps(db):
    call_command("seed_demo", "--scale", "la", "--fraction", "0.05", stdout=io.StringIO())
    device = TOTPDevice.objects.get(user__email="officer@sendcase.example")
    assert device.confirmed
    assert device.key == demo_totp_key(2025, "officer@sendcase.example")
    assert not TOTPDevice.objects.filter(confirmed=False).exists()
    # Every demo account, the council's staff and its partners' people alike, can sign in.
    assert not User.objects.filter(totpdevice__isnull=True).exists()
