from __future__ import annotations

import datetime as dt

import django_otp
import pytest
from django.http import HttpRequest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendcase.accounts import security
from sendcase.accounts.models import Role
from sendcase.cases import services
from tests.factories import ChildFactory, LocalAuthorityFactory, SettingFactory, UserFactory

# Every test runs against a fixed "today", so statutory dates in assertions never drift.
TODAY = dt.date(2025, 6, 2)


@pytest.fixture(autouse=True)
def _pinned_today(settings):
    settings.SENDCASE_TODAY = TODAY.isoformat()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def la(db):
    return LocalAuthorityFactory(code="838", name="Dorset Council (test)")


@pytest.fixture
def other_la(db):
    return LocalAuthorityFactory(code="865", name="Wiltshire Council (test)")


@pytest.fixture
def officer(la):
    return UserFactory(local_authority=la, role=Role.CASE_OFFICER, first_name="Olive", last_name="Officer")


@pytest.fixture
def colleague(la):
    """Another case officer in the same SEND team."""
    return UserFactory(local_authority=la, role=Role.CASE_OFFICER, first_name="Colin", last_name="Colleague")


@pytest.fixture
def manager(la):
    return UserFactory(local_authority=la, role=Role.TEAM_MANAGER, first_name="Mina", last_name="Manager")


@pytest.fixture
def read_only(la):
    return UserFactory(local_authority=la, role=Role.READ_ONLY)


@pytest.fixture
def outsider(other_la):
    """A case officer of another council."""
    return UserFactory(local_authority=other_la, role=Role.CASE_OFFICER, first_name="Otto", last_name="Outsider")


@pytest.fixture
def setting(la):
    return SettingFactory(local_authority=la, name="Castle Primary School")


@pytest.fixture
def child(la, officer, setting):
    c = ChildFactory(local_authority=la, first_name="Amelia", last_name="Hart", setting=setting)
    services.key_worker_assign(actor=officer, child=c, officer=officer, expected_version=None)
    c.refresh_from_db()
    return c


@pytest.fixture
def request_received(child, officer, today):
    """A request received four weeks before today, awaiting the decision whether to assess."""
    return services.request_create(
        actor=officer, child=child, received_on=today - dt.timedelta(weeks=4), source="parent"
    )


@pytest.fixture
def authenticator_for():
    """Give a person a confirmed authenticator app (a django-otp TOTP device) and return it."""

    def give(user) -> TOTPDevice:
        return security.confirmed_device(user) or TOTPDevice.objects.create(
            user=user, name=security.DEVICE_NAME, confirmed=True
        )

    return give


@pytest.fixture
def client_for(authenticator_for):
    """A client signed in as `user` who has passed the second factor, as after password and code."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        request = HttpRequest()
        request.session = client.session
        request.user = user
        django_otp.login(request, authenticator_for(user))
        request.session[security.SECOND_FACTOR] = security.SECOND_FACTOR_CODE
        request.session.save()
        return client

    return make
