"""Children and young people, their families, and who their key worker is."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from sendcase import sen2codes
from sendcase.core.choices import code_choices
from sendcase.core.models import BaseModel

# Crockford's base32 letters: no I, L, O or U, so a reference read out on the phone is unambiguous.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference() -> str:
    return "SC-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(7))


class Stage(models.TextChoices):
    """Where a child is in the statutory process; kept by the cases services."""

    REQUEST = "request", "Request received"
    ASSESSMENT = "assessment", "Being assessed"
    DRAFT = "draft", "Draft plan"
    PLAN = "plan", "Plan maintained"
    CLOSED = "closed", "No open case"


class Child(BaseModel):
    """A child or young person (0 to 25) known to the council's SEND service."""

    # Indexed by the composite indexes below, which all begin with it. A bulk import writes
    # every index of every row, so no index here repeats another (docs/benchmarks.md, SEN2).
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="children", db_index=False
    )
    # Unique through Meta.constraints: a unique=True field would get a second, pattern-matching
    # index that nothing uses (references are looked up whole).
    reference = models.CharField("SENDcase reference", max_length=10, default=new_reference, editable=False)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    known_as = models.CharField("known as", max_length=100, blank=True)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, choices=code_choices(sen2codes.Sex), default="U")
    ethnicity = models.CharField(max_length=4, choices=code_choices(sen2codes.Ethnicity), default="NOBT")
    upn = models.CharField("UPN", max_length=13, blank=True)
    uln = models.CharField("ULN", max_length=10, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    upn_unknown = models.CharField(
        "reason there is no UPN", max_length=4, blank=True, choices=code_choices(sen2codes.UPNUnknown)
    )
    postcode = models.CharField(max_length=8, blank=True)
    address = models.TextField(blank=True)
    primary_need = models.CharField("primary need", max_length=4, blank=True, choices=code_choices(sen2codes.SENType))
    secondary_need = models.CharField(
        "secondary need", max_length=4, blank=True, choices=code_choices(sen2codes.SENType)
    )
    setting = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pupils",
        verbose_name="current school or setting",
    )
    locality = models.ForeignKey("organisations.Locality", null=True, blank=True, on_delete=models.SET_NULL)
    looked_after = models.BooleanField("child looked after", default=False)
    date_of_death = models.DateField(null=True, blank=True)

    # The caseload summary. It is derived from the child's requests and plans, but a caseload of
    # hundreds ordered by the next statutory date must come from one indexed query, so the cases
    # services recompute these in the same transaction as every event that could change them.
    key_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caseload",
        db_index=False,  # child_caseload_idx begins with it
    )
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.CLOSED)
    next_due_on = models.DateField(null=True, blank=True)
    next_due_step = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name_plural = "children"
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["key_worker", "next_due_on"], name="child_caseload_idx"),
            models.Index(fields=["local_authority", "stage", "next_due_on"], name="child_la_stage_due_idx"),
            models.Index(fields=["local_authority", "last_name", "first_name"], name="child_la_name_idx"),
            models.Index(fields=["local_authority", "date_of_birth"], name="child_la_dob_idx"),
            # API synchronisation: "this council's children changed since T", in keyset order.
            models.Index(fields=["local_authority", "modified_at", "id"], name="child_la_modified_idx"),
            # Search by UPN and the SEN2 import's matching, always within the council.
            models.Index(fields=["local_authority", "upn"], name="child_la_upn_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["reference"], name="child_reference_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    POST = "post", "Letter by post"
    PHONE = "phone", "Phone call"


class FamilyMember(BaseModel):
    """A parent, carer or other family contact, with how they want to hear from the council."""

    local_authority = models.ForeignKey("organisations.LocalAuthority", on_delete=models.PROTECT)
    title = models.CharField(max_length=20, blank=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    mobile = models.CharField(max_length=20, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    preferred_channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    language = models.CharField("preferred language", max_length=40, default="English")
    needs_interpreter = models.BooleanField("needs an interpreter", default=False)
    no_internet = models.BooleanField("has no internet access", default=False)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Relationship(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    STEP_PARENT = "step_parent", "Step-parent"
    GRANDPARENT = "grandparent", "Grandparent"
    FOSTER_CARER = "foster_carer", "Foster carer"
    CORPORATE_PARENT = "corporate_parent", "Corporate parent (social worker)"
    OTHER = "other", "Other"


class FamilyLink(BaseModel):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="family_links")
    member = models.ForeignKey(FamilyMember, on_delete=models.CASCADE, related_name="child_links")
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    parental_responsibility = models.BooleanField(default=True)
    main_contact = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["child", "member"], name="family_link_unique")]


class KeyWorkerAssignment(models.Model):
    """One period in which an officer was a child's key worker. Counted on the scorecard."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="key_worker_history")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(ended_at__isnull=True), name="one_current_key_worker"
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer} from {self.started_at:%d/%m/%Y}"
