"""API tokens: how connected systems (school MIS, health systems) and people call the REST API.

A token acts as one user account with exactly that account's access, so a system gets a user of
role "system" (or a professional their own account) and the access module decides what it sees.
Only a SHA-256 hash of the secret is stored: see docs/adr/0007-api-tokens.md.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    id = models.BigAutoField(primary_key=True)
    name = models.CharField(max_length=100, help_text="What uses the token, e.g. 'Castle Primary MIS'.")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    # The public start of the token, shown in lists and used to find the row; not secret.
    prefix = models.CharField(max_length=12, unique=True)
    # Hex SHA-256 of the whole token. The token itself is shown once, when it is created.
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def refusal(self, now: dt.datetime | None = None) -> str:
        """Why this token may not be used now, or "" if it may."""
        now = now or timezone.now()
        if self.revoked_at is not None:
            return "This API token has been revoked. Ask your SENDcase administrator for a new one."
        if self.expires_at is not None and self.expires_at <= now:
            return "This API token has expired. Ask your SENDcase administrator for a new one."
        if not self.user.is_active:
            return "The account this API token belongs to is no longer active."
        return ""
