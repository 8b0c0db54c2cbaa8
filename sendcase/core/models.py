"""The base every SENDcase record shares: an opaque id, who made and changed it, and when."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class BaseModel(models.Model):
    # Ids are UUIDs so that a URL never reveals how many children a council holds, and so that
    # swapping one id for another is not a guessing game.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optimistic locking: every service that changes a record checks the version the user saw.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
