"""The team around the child, consent to share with each agency, and the case discussion."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from sendcase.core.models import BaseModel


class TeamRole(models.TextChoices):
    SENCO = "senco", "SENCo"
    CLASS_TEACHER = "class_teacher", "Class teacher"
    EDUCATIONAL_PSYCHOLOGIST = "ep", "Educational psychologist"
    PAEDIATRICIAN = "paediatrician", "Paediatrician"
    SPEECH_AND_LANGUAGE = "salt", "Speech and language therapist"
    OCCUPATIONAL_THERAPIST = "ot", "Occupational therapist"
    PHYSIOTHERAPIST = "physio", "Physiotherapist"
    HEALTH_VISITOR = "health_visitor", "Health visitor"
    SCHOOL_NURSE = "school_nurse", "School nurse"
    CAMHS = "camhs", "CAMHS"
    SOCIAL_WORKER = "social_worker", "Social worker"
    EARLY_HELP = "early_help", "Early help or locality worker"
    TRANSPORT_OFFICER = "transport", "Transport officer"
    OTHER = "other", "Other"


def membership_active_on(day: dt.date) -> Q:
    """Memberships that cover `day`: started by then, and not ended before it (the end day counts)."""
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day))


class TeamMembership(BaseModel):
    """One person (or an agency as a whole) working with a child, for a period."""

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="team_memberships")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    # Empty when the agency as a whole is on the team and has not yet named a worker.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="team_memberships",
    )
    role_on_team = models.CharField("role on the team", max_length=20, choices=TeamRole.choices)
    started_on = models.DateField("date they joined the team")
    ended_on = models.DateField("date they left the team", null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_on"]
        indexes = [
            # The access rule asks "is this person on a team now?" for every list a professional opens.
            models.Index(fields=["person", "child"], name="team_person_child_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="team_membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        who = self.person or self.organisation
        return f"{who} ({self.get_role_on_team_display()})"

    def is_active_on(self, day: dt.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)


class Consent(BaseModel):
    """Consent to share a child's record with one agency: who gave it, when, for what, and its withdrawal."""

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    given_by = models.ForeignKey(
        "people.FamilyMember", null=True, blank=True, on_delete=models.PROTECT, related_name="consents_given"
    )
    given_by_young_person = models.BooleanField("given by the young person", default=False)
    given_on = models.DateField("date consent was given")
    scope = models.TextField("what may be shared")
    withdrawn_on = models.DateField("date consent was withdrawn", null=True, blank=True)
    withdrawn_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-given_on"]
        indexes = [models.Index(fields=["child", "organisation"], name="consent_child_org_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="consent_withdrawn_after_given",
            ),
            models.CheckConstraint(
                condition=Q(given_by__isnull=False, given_by_young_person=False)
                | Q(given_by__isnull=True, given_by_young_person=True),
                name="consent_given_by_one_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Consent to share with {self.organisation}"

    def in_force_on(self, day: dt.date) -> bool:
        return self.given_on <= day and (self.withdrawn_on is None or self.withdrawn_on > day)

    @property
    def given_by_label(self) -> str:
        return "the young person" if self.given_by_young_person else str(self.given_by)


def consent_in_force_on(day: dt.date) -> Q:
    """Consents given by `day` and not withdrawn by then (withdrawal takes effect on its day)."""
    return Q(given_on__lte=day) & (Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))


class NoteKind(models.TextChoices):
    NOTE = "note", "Note"
    DECISION = "decision", "Decision"


class Audience(models.TextChoices):
    TEAM = "team", "Everyone who works with the child"
    SEND_TEAM = "send_team", "The council's SEND team only"


class CaseNote(BaseModel):
    """A note or decision in the discussion about a child, with who may read it."""

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="case_notes")
    kind = models.CharField(max_length=10, choices=NoteKind.choices, default=NoteKind.NOTE)
    body = models.TextField()
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.TEAM)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["child", "-created_at"], name="case_note_child_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.created_at:%d/%m/%Y}"
