"""Family accounts: parents, carers and young people who sign in to the family portal.

A family account is not a staff `User`: it has its own table, its own password hash, its own
session key (sendcase/portal/session.py) and its own access rules (sendcase/portal/access.py),
so a family session can never open a staff page and a staff session is never a family session.
"""

from __future__ import annotations

from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sendcase.core.models import BaseModel


class ParentsSee(models.TextChoices):
    """What a young person lets their parents see once the young person holds their own account."""

    EVERYTHING = "everything", _("Everything, and they can take part")
    TIMELINE = "timeline", _("Only where things are up to (the timeline)")
    NOTHING = "nothing", _("Nothing")


class FamilyAccount(BaseModel):
    """One parent or carer (a FamilyMember), or one young person (a Child), who can sign in."""

    family_member = models.OneToOneField(
        "people.FamilyMember", null=True, blank=True, on_delete=models.CASCADE, related_name="portal_account"
    )
    young_person = models.OneToOneField(
        "people.Child", null=True, blank=True, on_delete=models.CASCADE, related_name="portal_account"
    )
    local_authority = models.ForeignKey("organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    # Kept in lower case by the services, so one address is one account whatever its spelling.
    email = models.EmailField("email address", unique=True)
    # A Django password hash (django.contrib.auth.hashers); empty until the invitation is accepted.
    password = models.CharField(max_length=128, blank=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    # Every session that signed in (or typed its password) before this is over: set when the SEND
    # team switches the account off, so switching it on again brings no old session back.
    sessions_ended_at = models.DateTimeField(null=True, blank=True)
    last_sign_in = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    # Only a young person's account uses this: what their parents may see (sendcase/portal/access.py).
    parents_see = models.CharField(max_length=12, choices=ParentsSee.choices, default=ParentsSee.EVERYTHING)

    class Meta:
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(family_member__isnull=False) & Q(young_person__isnull=True))
                | (Q(family_member__isnull=True) & Q(young_person__isnull=False)),
                name="family_account_member_or_young_person",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        person = self.family_member or self.young_person
        return f"{person.first_name} {person.last_name}" if person else self.email

    @property
    def is_young_person_account(self) -> bool:
        return self.young_person_id is not None

    @property
    def has_password(self) -> bool:
        return bool(self.password)

    def set_password(self, raw: str) -> None:
        self.password = make_password(raw)

    def check_password(self, raw: str) -> bool:
        return bool(self.password) and check_password(raw, self.password)

    @property
    def audit_label(self) -> str:
        """How the audit trail names this person: staff read it, so it says who and from where."""
        kind = "young person" if self.is_young_person_account else "parent or carer"
        return f"Family portal: {self.display_name} ({kind}) <{self.email}>"


class LinkPurpose(models.TextChoices):
    """Why a single-use link to choose a password was sent."""

    INVITATION = "invitation", "Invitation from the council"
    PASSWORD_RESET = "password_reset", "Forgotten password"


class FamilyInvitation(BaseModel):
    """A single-use link to choose a password: a case officer's invitation (valid for a week), or
    the link a family asks for when they have forgotten their password (valid for an hour)."""

    account = models.ForeignKey(FamilyAccount, on_delete=models.CASCADE, related_name="invitations")
    purpose = models.CharField(max_length=20, choices=LinkPurpose.choices, default=LinkPurpose.INVITATION)
    # SHA-256 of the token in the link; the token itself is never stored.
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class FamilySignInCode(BaseModel):
    """The 6-digit code emailed as the second step of signing in; single use, short-lived."""

    account = models.ForeignKey(FamilyAccount, on_delete=models.CASCADE, related_name="sign_in_codes")
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["account", "-created_at"], name="portal_code_account_idx")]


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the council"
    CONFIRMED = "confirmed", "Confirmed, invitation sent"
    DECLINED = "declined", "Declined"


class FamilyAccountRequest(BaseModel):
    """A family asking for a portal account; a case officer checks it and confirms or declines it."""

    local_authority = models.ForeignKey("organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("your full name", max_length=200)
    email = models.EmailField("email address")
    relationship = models.CharField(max_length=20)
    child_first_name = models.CharField(max_length=100)
    child_last_name = models.CharField(max_length=100)
    child_date_of_birth = models.DateField()
    # The child SENDcase found with the same name and date of birth, or the one an officer chose.
    matched_child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.SET_NULL, related_name="portal_account_requests"
    )
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    account = models.ForeignKey(FamilyAccount, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["local_authority", "status"], name="portal_request_la_status_idx")]

    def __str__(self) -> str:
        return f"{self.name} for {self.child_first_name} {self.child_last_name}"


class FamilyAuditEvent(models.Model):
    """Which family account an audit event was about, since the audit trail's actor is a staff User.

    The event itself (sendcase.audit, append-only and hash-chained) has no actor and names the
    family account in its summary; this link lets staff find every event of one account.
    """

    event = models.OneToOneField("audit.AuditEvent", on_delete=models.PROTECT, related_name="+")
    account = models.ForeignKey(FamilyAccount, on_delete=models.PROTECT, related_name="audit_events")

    class Meta:
        indexes = [models.Index(fields=["account", "event"], name="portal_audit_account_idx")]

    def __str__(self) -> str:
        return f"{self.account} in audit event {self.event_id}"
