"""A synthetic council's SEND team and educational psychologists, with the fixed demo sign-ins."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from django.db.models import Q
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from sendcase.accounts.models import Role, User
from sendcase.demo.council import CouncilSpec
from sendcase.demo.organisations import Directory

# For the synthetic demo only: a public password on made-up accounts holding made-up children.
# Never set SENDCASE_DEMO_PASSWORD (or seed demo data) on a server that holds real data.
DEFAULT_DEMO_PASSWORD: Final = "demo-password-2025"  # noqa: S105 (public, synthetic demo only)
DEMO_DOMAIN: Final = "sendcase.example"


@dataclass(frozen=True)
class SignIn:
    email: str
    role: str
    first_name: str
    last_name: str
    job_title: str


# The accounts a demo, a screenshot or a browser test signs in with. Fixed names, so a test can
# look for them on the page.
FIXED_SIGNINS: Final = (
    SignIn(f"officer@{DEMO_DOMAIN}", Role.CASE_OFFICER, "Sam", "Carter", "SEND case officer"),
    SignIn(f"manager@{DEMO_DOMAIN}", Role.TEAM_MANAGER, "Helen", "Morris", "SEND team manager"),
    SignIn(f"ep@{DEMO_DOMAIN}", Role.EDUCATIONAL_PSYCHOLOGIST, "Aisha", "Khan", "Educational psychologist"),
    SignIn(f"analyst@{DEMO_DOMAIN}", Role.ANALYST, "Tom", "Reeves", "Performance analyst"),
)

_JOB_TITLES: Final = {
    Role.CASE_OFFICER: "SEND case officer",
    Role.TEAM_MANAGER: "SEND team manager",
    Role.ADMINISTRATOR: "SEND business support administrator",
    Role.ANALYST: "Performance analyst",
    Role.READ_ONLY: "SEND quality assurance (read only)",
    Role.EDUCATIONAL_PSYCHOLOGIST: "Educational psychologist",
}


def demo_password() -> str:
    return os.environ.get("SENDCASE_DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


@dataclass
class Staff:
    officers: list[User] = field(default_factory=list)
    managers: list[User] = field(default_factory=list)
    eps: list[User] = field(default_factory=list)
    others: list[User] = field(default_factory=list)
    demo_officer: User | None = None

    def everyone(self) -> list[User]:
        return [*self.officers, *self.managers, *self.eps, *self.others]


def build_staff(spec: CouncilSpec, directory: Directory, *, fake: Faker, password_hash: str) -> Staff:
    """Unsaved users for the council. All share one password hash, so seeding hashes once.

    A council with `fixed_signins` gets the accounts in FIXED_SIGNINS in place of the first
    officer, manager, EP and analyst.
    """
    fixed = {s.role: s for s in FIXED_SIGNINS} if spec.fixed_signins else {}
    domain = DEMO_DOMAIN if spec.fixed_signins else f"la{spec.code}.{DEMO_DOMAIN}"
    used: set[str] = set()
    staff = Staff()

    def user(role: str) -> User:
        sign_in = fixed.pop(role, None)
        if sign_in is not None:
            first, last, email, title = sign_in.first_name, sign_in.last_name, sign_in.email, sign_in.job_title
        else:
            first, last = fake.first_name(), fake.last_name()
            email = _unique_email(first, last, domain, used)
            title = _JOB_TITLES[role]
        used.add(email)
        return User(
            username=email,
            email=email,
            password=password_hash,
            role=role,
            local_authority=directory.la,
            organisation=directory.ep_service if role == Role.EDUCATIONAL_PSYCHOLOGIST else None,
            first_name=first,
            last_name=last,
            job_title=title,
        )

    staff.officers = [user(Role.CASE_OFFICER) for _ in range(spec.officers)]
    staff.managers = [user(Role.TEAM_MANAGER) for _ in range(spec.managers)]
    staff.eps = [user(Role.EDUCATIONAL_PSYCHOLOGIST) for _ in range(spec.eps)]
    staff.others = [user(role) for role in (Role.ADMINISTRATOR, Role.ANALYST, Role.READ_ONLY)]
    if spec.fixed_signins:
        staff.demo_officer = staff.officers[0]
    return staff


def demo_totp_key(seed: int, email: str) -> str:
    """A demo account's authenticator key (hex): the same seed and address always give the same key.

    Public by design, like the demo password: `sendcase demo_code EMAIL` prints the code. The demo
    holds synthetic data only; real accounts get random keys when their owner sets up an app.
    """
    return hmac.new(f"sendcase-demo-totp:{seed}".encode(), email.encode(), hashlib.sha1).hexdigest()


def demo_authenticators_create(users: Iterable[User], *, seed: int) -> list[TOTPDevice]:
    """Give each saved demo account without one a confirmed authenticator app (django-otp TOTP device)."""
    users = list(users)
    have = set(TOTPDevice.objects.filter(user__in=users).values_list("user_id", flat=True))
    devices = [
        TOTPDevice(user=user, name="Authenticator app", confirmed=True, key=demo_totp_key(seed, user.email))
        for user in users
        if user.pk not in have
    ]
    return TOTPDevice.objects.bulk_create(devices)


def demo_council_authenticators_create(la: object, *, seed: int) -> list[TOTPDevice]:
    """Authenticator apps for everyone of a demo council: its staff and its partner organisations' people."""
    people = User.objects.filter(Q(local_authority=la) | Q(organisation__local_authority=la)).distinct()
    return demo_authenticators_create(people, seed=seed)


def _unique_email(first: str, last: str, domain: str, used: set[str]) -> str:
    stem = ".".join(re.sub(r"[^a-z]", "", part.lower()) for part in (first, last))
    email, n = f"{stem}@{domain}", 1
    while email in used:
        n += 1
        email = f"{stem}{n}@{domain}"
    return email
