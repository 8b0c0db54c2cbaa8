"""The EHC needs assessment process: requests, advice, exceptions, consultations and plans.

Each statutory event is a date on its record. The statutory clock (sendcase.timescales) turns
those dates into due dates and step states; nothing here stores a due date except the
caseload summary on Child, which the services keep in step.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from sendcase import sen2codes, timescales
from sendcase.core.choices import code_choices
from sendcase.core.models import BaseModel


class RequestSource(models.TextChoices):
    # SEN2 2025 adds RequestSource, but its code list is not published in the sources SENDcase
    # builds on ([UNCONFIRMED] in shared/domain/sen2-return.md), so these are SENDcase's own.
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    SETTING = "setting", "School or setting"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    OTHER = "other", "Other"


class RequestKind(models.TextChoices):
    INITIAL = "initial", "EHC needs assessment"
    REASSESSMENT = "reassessment", "Re-assessment of an existing plan"


class AssessDecision(models.TextChoices):
    ASSESS = "assess", "Assess"
    NOT_ASSESS = "not_assess", "Do not assess"


class IssueDecision(models.TextChoices):
    ISSUE = "issue", "Issue a plan"
    NOT_ISSUE = "not_issue", "Do not issue a plan"


class Outcome(models.TextChoices):
    OPEN = "open", "Open"
    NOT_ASSESSED = "not_assessed", "Decided not to assess"
    NOT_ISSUED = "not_issued", "Decided not to issue a plan"
    PLAN_ISSUED = "plan_issued", "Final plan issued"
    WITHDRAWN = "withdrawn", "Withdrawn"
    TRANSFERRED_OUT = "transferred_out", "Moved to another council"


class AssessmentRequest(BaseModel):
    """A request for an EHC needs assessment, and everything that follows it up to the final plan."""

    # Indexed by request_child_idx, which begins with it.
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="requests", db_index=False)
    kind = models.CharField(max_length=20, choices=RequestKind.choices, default=RequestKind.INITIAL)
    received_on = models.DateField("date the request was received")
    source = models.CharField(max_length=20, choices=RequestSource.choices)
    requester_organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    in_relevant_youth_accommodation = models.BooleanField(default=False)
    transferred_in_from = models.CharField("transferred in from LA", max_length=3, blank=True)
    notes = models.TextField(blank=True)

    assess_decision = models.CharField(max_length=12, choices=AssessDecision.choices, blank=True)
    assess_decision_on = models.DateField("date the family was told the decision to assess", null=True, blank=True)
    issue_decision = models.CharField(max_length=12, choices=IssueDecision.choices, blank=True)
    issue_decision_on = models.DateField("date of the decision whether to issue a plan", null=True, blank=True)
    draft_served_on = models.DateField("date the draft plan was served", null=True, blank=True)
    family_response_on = models.DateField("date the family responded to the draft", null=True, blank=True)
    family_requested_setting = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    family_response_notes = models.TextField(blank=True)
    final_issued_on = models.DateField("date the final plan was issued", null=True, blank=True)

    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.CharField(max_length=200, blank=True)
    transferred_out_to = models.CharField("moved to LA", max_length=3, blank=True)

    class Meta:
        ordering = ["-received_on"]
        indexes = [
            models.Index(fields=["child", "-received_on"], name="request_child_idx"),
            models.Index(fields=["received_on"], name="request_received_idx"),
            models.Index(fields=["outcome", "received_on"], name="request_outcome_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(assess_decision_on__isnull=True) | Q(assess_decision_on__gte=F("received_on")),
                name="request_decision_not_before_received",
            ),
            models.CheckConstraint(
                condition=Q(final_issued_on__isnull=True) | Q(final_issued_on__gte=F("received_on")),
                name="request_plan_not_before_received",
            ),
        ]

    def __str__(self) -> str:
        return f"Request received {self.received_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.outcome == Outcome.OPEN


class Contributor(models.TextChoices):
    EDUCATIONAL_PSYCHOLOGY = "ep", "Educational psychology"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    SETTING = "setting", "School or setting"
    PARENT = "parent", "Parent or young person"
    OTHER = "other", "Other"


class AdviceRequest(BaseModel):
    """Advice and information asked of one contributor during an assessment (reg 6, reg 8)."""

    request = models.ForeignKey(AssessmentRequest, on_delete=models.CASCADE, related_name="advice_requests")
    contributor = models.CharField(max_length=20, choices=Contributor.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="advice_requests"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="advice_requests"
    )
    requested_on = models.DateField("date the contributor received the request")
    received_on = models.DateField("date the advice was received", null=True, blank=True)
    summary = models.TextField(blank=True)
    instructions = models.TextField("what the SEND team asked for", blank=True)

    # The contributor's advice, as they submit it through their advice inbox. The headings follow
    # what advice under reg 6(1) must cover for sections B, E, F and G-H of a plan.
    needs = models.TextField("special educational needs", blank=True)
    outcomes_recommended = models.TextField("outcomes recommended", blank=True)
    provision_recommended = models.TextField("provision recommended", blank=True)
    health_or_care_notes = models.TextField("health or social care needs and provision", blank=True)
    further_information = models.TextField("further information", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_on", "contributor"]
        indexes = [
            # The contributor's inbox and the reminder run: outstanding advice by person or organisation.
            models.Index(fields=["assigned_to", "received_on"], name="advice_assignee_idx"),
            models.Index(fields=["organisation", "requested_on"], name="advice_org_requested_idx"),
            models.Index(fields=["received_on", "requested_on"], name="advice_outstanding_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=F("requested_on")),
                name="advice_not_received_before_requested",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_contributor_display()} advice"

    @property
    def due_on(self):  # type: ignore[no-untyped-def]
        return timescales.advice_due(self.requested_on)

    @property
    def step_code(self) -> str:
        """The code of this advice's step on the case page (see cases.clock.request_steps)."""
        return f"advice:{self.pk}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class AdviceDocument(BaseModel):
    """A file a contributor sent with their advice, kept outside the web root (see docs/advice.md)."""

    advice = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="documents")
    # Path relative to SENDCASE_UPLOAD_DIR. A random name, so nothing about the child reaches the disk.
    stored_name = models.CharField(max_length=200, unique=True, editable=False)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.original_name


class ReminderKind(models.TextChoices):
    TWO_WEEKS = "two_weeks", "Due in 2 weeks"
    ONE_WEEK = "one_week", "Due in 1 week"
    OVERDUE = "overdue", "Overdue"


class AdviceReminder(BaseModel):
    """A reminder sent about outstanding advice; one of each kind per advice request, ever."""

    advice = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=12, choices=ReminderKind.choices)
    due_on = models.DateField("the advice's due date when the reminder was sent")
    sent_on = models.DateField()
    recipients = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["sent_on"]
        constraints = [models.UniqueConstraint(fields=["advice", "kind"], name="one_reminder_per_advice_and_kind")]


class TimescaleException(BaseModel):
    """A circumstance in which the law excuses a time limit, with the dates it covered."""

    request = models.ForeignKey(AssessmentRequest, on_delete=models.CASCADE, related_name="exceptions")
    advice_request = models.ForeignKey(
        AdviceRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="exceptions"
    )
    kind = models.CharField(max_length=20, choices=code_choices(timescales.ExceptionKind))
    start_on = models.DateField()
    end_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["start_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=F("start_on")), name="exception_ends_after_start"
            )
        ]

    def as_period(self) -> timescales.ExceptionPeriod:
        return timescales.ExceptionPeriod(
            kind=timescales.ExceptionKind(self.kind), start=self.start_on, end=self.end_on
        )


class ConsultationResponse(models.TextChoices):
    CAN_MEET = "can_meet", "Can meet the child's needs"
    CANNOT_MEET = "cannot_meet", "Cannot meet the child's needs"
    NO_PLACES = "no_places", "No places available"


class SettingConsultation(BaseModel):
    """The council asking a school or setting whether it can be named in the plan (s.39 CFA)."""

    request = models.ForeignKey(AssessmentRequest, on_delete=models.CASCADE, related_name="consultations")
    setting = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField()
    responded_on = models.DateField(null=True, blank=True)
    response = models.CharField(max_length=20, choices=ConsultationResponse.choices, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["sent_on"]


class PlanStatus(models.TextChoices):
    ACTIVE = "active", "Maintained"
    CEASED = "ceased", "Ceased"
    TRANSFERRED_OUT = "transferred_out", "Transferred to another council"


class Plan(BaseModel):
    """An EHC plan the council maintains. Versioned content comes with annual reviews."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="plans")
    request = models.OneToOneField(
        AssessmentRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="plan"
    )
    issued_on = models.DateField("date the plan was first issued")
    named_setting = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="named_in_plans"
    )
    sen_setting = models.CharField(
        "type of provision, when no school is named",
        max_length=4,
        blank=True,
        choices=code_choices(sen2codes.SENSetting),
    )
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    transferred_in_from = models.CharField("transferred in from LA", max_length=3, blank=True)
    # A database default too: the SEN2 import and the demo COPY plans without this column.
    transferred_out_to = models.CharField("transferred out to LA", max_length=3, blank=True, default="", db_default="")
    last_review_on = models.DateField(null=True, blank=True)
    ceased_on = models.DateField(null=True, blank=True)
    cease_reason = models.CharField(max_length=1, blank=True, choices=code_choices(sen2codes.CeaseReason))

    class Meta:
        ordering = ["-issued_on"]
        indexes = [models.Index(fields=["status", "issued_on"], name="plan_status_idx")]
        constraints = [
            models.UniqueConstraint(fields=["child"], condition=Q(status="active"), name="one_active_plan_per_child")
        ]


class ContactKind(models.TextChoices):
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    MEETING = "meeting", "Meeting"
    VISIT = "visit", "Visit"
    OTHER = "other", "Other"


class ContactDirection(models.TextChoices):
    INCOMING = "in", "Received"
    OUTGOING = "out", "Sent or made"


class ContactLogEntry(BaseModel):
    """A call, email, letter or meeting about a child, so the whole team knows what was said."""

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="contacts")
    request = models.ForeignKey(
        AssessmentRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts"
    )
    occurred_at = models.DateTimeField()
    kind = models.CharField(max_length=10, choices=ContactKind.choices)
    direction = models.CharField(max_length=3, choices=ContactDirection.choices)
    with_whom = models.CharField("with", max_length=200)
    summary = models.TextField()

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name_plural = "contact log entries"
