"""Signing Django's test Client in for scripts that must not write to the database (benchmarks)."""

from __future__ import annotations

from typing import Any

from sendcase.accounts import security


def sign_in_test_client(client: Any, user: Any) -> None:
    """Sign `client` in as `user`, past the second factor as after the council's trusted single sign-on.

    Unlike the tests' client_for (which gives the person an authenticator app), this writes
    nothing but the session, so benchmarks can run it against a database they only read. Such a
    session skips the one query a code-verified session makes per request for its device.
    """
    client.force_login(user)
    session = client.session
    session[security.SECOND_FACTOR] = security.SECOND_FACTOR_SSO
    session.save()
