"""Creating, revoking and checking API tokens.

A token reads `sc_<prefix>_<secret>`: the prefix finds the row and identifies the token in lists
and logs; the secret carries 256 random bits. Only the SHA-256 of the whole token is stored, so a
copy of the database does not give anyone a working token (docs/adr/0007-api-tokens.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING

from django.db import IntegrityError
from django.utils import timezone

from sendcase.api.models import ApiToken
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction
from sendcase.cases.services.validation import Checks
from sendcase.core.errors import ValidationFailed

if TYPE_CHECKING:
    from sendcase.accounts.models import User

SCHEME = "sc"
MAX_DAYS = 3650
# last_used_at is for people reviewing tokens, not a log: write it at most once a minute.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class TokenRefused(Exception):
    """A token that does not authenticate, with the reason to give the caller."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(
    *, actor: User | None, user: User | None, name: str, days: int | None = None
) -> tuple[ApiToken, str]:
    """Issue a token acting as `user`; returns the token row and the secret, which is never shown again."""
    checks = Checks()
    name = (name or "").strip()
    if user is None:
        checks.add("user", "No account with that email address")
    elif not user.is_active:
        checks.add("user", f"{user.email} is not an active account")
    if not name:
        checks.add("name", "Name the token after what will use it, e.g. 'Castle Primary MIS'")
    elif len(name) > 100:
        checks.add("name", "Keep the token's name to 100 characters or fewer")
    if days is not None and not 1 <= days <= MAX_DAYS:
        checks.add("days", f"A token lasts between 1 and {MAX_DAYS} days")
    checks.raise_if_any()
    now = timezone.now()
    for _attempt in range(5):
        prefix = secrets.token_hex(4)
        token = f"{SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
        try:
            with audited_transaction():
                row = ApiToken.objects.create(
                    name=name,
                    user=user,
                    prefix=prefix,
                    secret_hash=_hash(token),
                    created_at=now,
                    expires_at=now + dt.timedelta(days=days) if days else None,
                )
                audit_change(
                    actor=actor,
                    action=Action.CREATE,
                    instance=row,
                    summary=f"API token {prefix} '{name}' created for {user.email}",  # type: ignore[union-attr]
                    changes={
                        "name": [None, name],
                        "user": [None, str(user.pk)],  # type: ignore[union-attr]
                        "expires_at": [None, row.expires_at.isoformat() if row.expires_at else None],
                    },
                )
        except IntegrityError:
            continue  # the random prefix was taken: draw another
        return row, token
    raise RuntimeError("Could not draw an unused token prefix")


def api_token_revoke(*, actor: User | None, prefix: str) -> ApiToken:
    """Stop a token working from now on. Revoking twice keeps the first revocation time."""
    prefix = (prefix or "").strip().lower()
    if prefix.startswith(f"{SCHEME}_"):
        prefix = prefix.split("_")[1]
    row = ApiToken.objects.filter(prefix=prefix).select_related("user").first() if prefix else None
    if row is None:
        raise ValidationFailed(
            "There is a problem", field_errors={"prefix": f"No API token starts {prefix or '(nothing)'}"}
        )
    if row.revoked_at is not None:
        return row
    with audited_transaction():
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=row,
            summary=f"API token {row.prefix} '{row.name}' of {row.user.email} revoked",
            changes={"revoked_at": [None, row.revoked_at.isoformat()]},
        )
    return row


def api_token_check(token: str) -> ApiToken:
    """The token row `token` authenticates as, or TokenRefused saying why not."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != SCHEME or not parts[1] or not parts[2]:
        raise TokenRefused("The API token is not in the form SENDcase issues (sc_…).")
    row = ApiToken.objects.filter(prefix=parts[1]).select_related("user").first()
    # Compare hashes in constant time so response times say nothing about a near miss.
    if row is None or not hmac.compare_digest(row.secret_hash, _hash(token)):
        raise TokenRefused("The API token is not recognised.")
    now = timezone.now()
    reason = row.refusal(now)
    if reason:
        raise TokenRefused(reason)
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
    return row
