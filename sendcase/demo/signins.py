"""Print the demo sign-ins: `python -m sendcase.demo.signins` (make run does, after seeding).

Works with DJANGO_SETTINGS_MODULE unset. Lists the fixed accounts that exist in the database,
so it says so plainly when the demo council has not been loaded.
"""

from __future__ import annotations

import os
import sys

# `make run` passes the address it serves on; 127.0.0.1:8000 is its default.
URL = os.environ.get("SENDCASE_URL", "http://127.0.0.1:8000")


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from sendcase.accounts.models import User
    from sendcase.demo.partners import PARTNER_SIGNINS
    from sendcase.demo.staff import DEFAULT_DEMO_PASSWORD, FIXED_SIGNINS, demo_password

    signins = (*FIXED_SIGNINS, *PARTNER_SIGNINS)
    accounts = {
        u.email: u for u in User.objects.filter(email__in=[s.email for s in signins]).select_related("organisation")
    }
    if not accounts:
        # Informational only: make run goes on to start the server either way.
        print("No demo sign-ins in this database. Load them with: sendcase seed_demo --scale la")
        return 0
    print(f"\nSENDcase demo (synthetic data only) at {URL}")
    print("Sign in as:")
    width = max(len(email) for email in accounts)
    for sign_in in signins:
        user = accounts.get(sign_in.email)
        if user is not None:
            # Partners are listed with their organisation, since that decides which children they see.
            where = f", {user.job_title} at {user.organisation}" if sign_in in PARTNER_SIGNINS else ""
            print(f"  {user.email:<{width}}  {user.get_role_display()} ({user.get_full_name()}{where})")
    password = demo_password()
    where = "from SENDCASE_DEMO_PASSWORD" if password != DEFAULT_DEMO_PASSWORD else "the default"
    print(f"Password for all of them: {password} ({where}; for the synthetic demo only)")
    _ensure_demo_authenticators(list(accounts.values()))
    print("Then the 6-digit code from an authenticator app. Each of these prints an account's code now and")
    print("the key to add to an app (debug mode and demo accounts only; see docs/sign-in.md):")
    for sign_in in signins:
        if sign_in.email in accounts:
            print(f"  .venv/bin/sendcase demo_code {sign_in.email}")
    _print_family_signins(password)
    print()
    return 0


def _print_family_signins(password: str) -> None:
    """The demo's family portal accounts (sendcase/demo/family.py), if it has them."""
    from sendcase.demo.family import FAMILY_SIGNINS
    from sendcase.portal.models import FamilyAccount

    found = {
        a.email: a
        for a in FamilyAccount.objects.filter(email__in=[s.email for s in FAMILY_SIGNINS]).select_related(
            "family_member", "young_person"
        )
    }
    if not found:
        return
    print(f"\nFamily portal at {URL}/family/ (parents, carers and young people):")
    width = max(len(email) for email in found)
    for sign_in in FAMILY_SIGNINS:
        account = found.get(sign_in.email)
        if account is not None:
            print(f"  {account.email:<{width}}  {account.display_name}, a {sign_in.who}")
    print(f"Password: {password}. Then the 6-digit code SENDcase emails, which the demo keeps in its outbox:")
    print("after typing the password, make a new code with (debug mode and demo accounts only):")
    for sign_in in FAMILY_SIGNINS:
        if sign_in.email in found:
            print(f"  .venv/bin/sendcase demo_family_code {sign_in.email}")


def _ensure_demo_authenticators(users: list) -> None:
    """Demo databases seeded before sign-in asked for a code have no apps yet: add them."""
    from sendcase.demo.management.commands.seed_demo import DEFAULT_SEED
    from sendcase.demo.staff import demo_authenticators_create

    demo_authenticators_create(users, seed=DEFAULT_SEED)


if __name__ == "__main__":
    sys.exit(main())
