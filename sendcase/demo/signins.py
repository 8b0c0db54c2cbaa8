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
    from sendcase.demo.staff import DEFAULT_DEMO_PASSWORD, FIXED_SIGNINS, demo_password

    accounts = {u.email: u for u in User.objects.filter(email__in=[s.email for s in FIXED_SIGNINS])}
    if not accounts:
        # Informational only: make run goes on to start the server either way.
        print("No demo sign-ins in this database. Load them with: sendcase seed_demo --scale la")
        return 0
    print(f"\nSENDcase demo (synthetic data only) at {URL}")
    print("Sign in as:")
    width = max(len(email) for email in accounts)
    for sign_in in FIXED_SIGNINS:
        user = accounts.get(sign_in.email)
        if user is not None:
            print(f"  {user.email:<{width}}  {user.get_role_display()} ({user.get_full_name()})")
    password = demo_password()
    where = "from SENDCASE_DEMO_PASSWORD" if password != DEFAULT_DEMO_PASSWORD else "the default"
    print(f"Password for all of them: {password} ({where}; for the synthetic demo only)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
