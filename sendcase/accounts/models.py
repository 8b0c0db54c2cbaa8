"""People who sign in to SENDcase on the staff side."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models


class Role(models.TextChoices):
    CASE_OFFICER = "case_officer", "SEND case officer"
    TEAM_MANAGER = "team_manager", "SEND team manager"
    EDUCATIONAL_PSYCHOLOGIST = "ep", "Educational psychologist"
    ADMINISTRATOR = "administrator", "Administrator"
    ANALYST = "analyst", "Performance analyst"
    READ_ONLY = "read_only", "Read-only"
    PROFESSIONAL = "professional", "Professional in a partner organisation"
    SYSTEM = "system", "Connected system (API)"


# Roles that work for the council's SEND service and so see every child of that council.
SEND_TEAM_ROLES = frozenset({Role.CASE_OFFICER, Role.TEAM_MANAGER, Role.ADMINISTRATOR, Role.ANALYST, Role.READ_ONLY})
# Roles that may record statutory steps on a child's case.
CASEWORK_ROLES = frozenset({Role.CASE_OFFICER, Role.TEAM_MANAGER, Role.ADMINISTRATOR})


class User(AbstractUser):
    """A member of staff or a professional. Email is how they sign in."""

    email = models.EmailField("email address", unique=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.READ_ONLY)
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    is_organisation_admin = models.BooleanField(
        "organisation administrator",
        default=False,
        help_text="Adds and removes the organisation's own people and sees its shared advice inbox.",
    )
    line_manager = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text="Overdue reminders are escalated to this person.",
    )
    job_title = models.CharField(max_length=120, blank=True)
    phone = models.CharField(max_length=30, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    class Meta:
        ordering = ["first_name", "last_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_send_team(self) -> bool:
        return self.role in SEND_TEAM_ROLES and self.local_authority_id is not None

    @property
    def can_do_casework(self) -> bool:
        return self.role in CASEWORK_ROLES and self.local_authority_id is not None
