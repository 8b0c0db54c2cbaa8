"""What families send through the portal: views, documents, responses to drafts, review wishes, messages."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sendcase.core.models import BaseModel


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")


class FamilyViews(BaseModel):
    """Section A of the plan in the family's words: the child's views, the family's views, aspirations.

    A draft only its author sees until it is sent; once sent it is read-only and shown to the
    case officer on the case page.
    """

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="portal_views")
    account = models.ForeignKey("portal.FamilyAccount", on_delete=models.PROTECT, related_name="views_written")
    status = models.CharField(max_length=5, choices=Status.choices, default=Status.DRAFT)
    child_views = models.TextField(blank=True)
    family_views = models.TextField(blank=True)
    aspirations = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "family views"
        constraints = [
            models.UniqueConstraint(
                fields=["child", "account"], condition=Q(status="draft"), name="portal_one_views_draft_per_author"
            )
        ]


class FamilyDocument(BaseModel):
    """A file a family uploaded, stored outside the web root like advice documents (docs/portal.md)."""

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="portal_documents")
    account = models.ForeignKey("portal.FamilyAccount", on_delete=models.PROTECT, related_name="documents")
    description = models.CharField(max_length=200, blank=True)
    # Path relative to SENDCASE_UPLOAD_DIR: a random name, so nothing about the child reaches the disk.
    stored_name = models.CharField(max_length=200, unique=True, editable=False)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        ordering = ["-created_at"]


# The sections of an EHC plan (SEND Regulations 2014 reg 12; Code of Practice 9.62), A to K.
PLAN_SECTIONS: tuple[tuple[str, str], ...] = (
    ("A", _("A: the views, interests and aspirations of the child or young person and their family")),
    ("B", _("B: special educational needs")),
    ("C", _("C: health needs related to the special educational needs")),
    ("D", _("D: social care needs related to the special educational needs")),
    ("E", _("E: outcomes")),
    ("F", _("F: special educational provision")),
    ("G", _("G: health provision")),
    ("H", _("H: social care provision (H1 and H2)")),
    ("I", _("I: the school, college or other setting")),
    ("J", _("J: personal budget")),
    ("K", _("K: advice and information gathered")),
)


class Answer(models.TextChoices):
    AGREE = "agree", _("I agree with this section")
    DISAGREE = "disagree", _("I disagree with this section")


class DraftResponse(BaseModel):
    """A family's representations, section by section, within the 15 days the Regulations give them.

    On a draft plan (`request`, reg 13(1)) or on the proposed amendments after an annual review
    (`review`, reg 22(2)); exactly one of the two. Each parent with parental responsibility, and
    the young person, writes and sends their own: one per account, never one per family.
    """

    request = models.ForeignKey(
        "cases.AssessmentRequest", null=True, blank=True, on_delete=models.CASCADE, related_name="portal_responses"
    )
    review = models.ForeignKey(
        "reviews.AnnualReview", null=True, blank=True, on_delete=models.CASCADE, related_name="portal_responses"
    )
    account = models.ForeignKey("portal.FamilyAccount", on_delete=models.PROTECT, related_name="draft_responses")
    status = models.CharField(max_length=5, choices=Status.choices, default=Status.DRAFT)
    # The draft plan or proposed amendments as SENDcase froze them, that the family read when they sent this.
    plan_version = models.ForeignKey(
        "plans.PlanVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    preferred_setting = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting_requested = models.BooleanField(default=False)
    other_comments = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["request", "account"], name="portal_one_response_per_author"),
            models.UniqueConstraint(fields=["review", "account"], name="portal_one_amendments_response_per_author"),
            models.CheckConstraint(
                condition=Q(request__isnull=False, review__isnull=True) | Q(request__isnull=True, review__isnull=False),
                name="portal_response_answers_one_draft",
            ),
        ]

    @property
    def is_about_amendments(self) -> bool:
        return self.review_id is not None


class SectionResponse(models.Model):
    response = models.ForeignKey(DraftResponse, on_delete=models.CASCADE, related_name="sections")
    section = models.CharField(max_length=1, choices=[(code, code) for code, _label in PLAN_SECTIONS])
    answer = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["section"]
        constraints = [models.UniqueConstraint(fields=["response", "section"], name="portal_one_answer_per_section")]

    def __str__(self) -> str:
        return f"Section {self.section}: {self.answer or 'no answer'}"


class MeetingFormat(models.TextChoices):
    """The same values as sendcase.reviews.models.MeetingFormat, with labels families can read in their language."""

    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online, by video call")
    PHONE = "phone", _("By phone")


class ReviewPreference(BaseModel):
    """How the family wants the plan's annual review meeting held, their access needs and views.

    Linked to the plan, and to the review being arranged (sendcase.reviews.AnnualReview) when
    there is one. The case officer sees it on the case page and records the arrangements through
    the reviews' own form: the family's wish does not change the review record by itself.
    """

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="portal_review_preferences")
    plan = models.ForeignKey("cases.Plan", on_delete=models.CASCADE, related_name="portal_review_preferences")
    review = models.ForeignKey(
        "reviews.AnnualReview", null=True, blank=True, on_delete=models.SET_NULL, related_name="portal_preferences"
    )
    account = models.ForeignKey("portal.FamilyAccount", on_delete=models.PROTECT, related_name="review_preferences")
    meeting_format = models.CharField(max_length=10, choices=MeetingFormat.choices)
    access_needs = models.TextField(blank=True)
    views = models.TextField(blank=True)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at"]


class MessageThread(BaseModel):
    """One family account's conversation with the SEND team about one child.

    One thread per account rather than per child: parents who live apart each talk to the team
    without reading each other's messages.
    """

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="portal_threads")
    account = models.ForeignKey("portal.FamilyAccount", on_delete=models.PROTECT, related_name="threads")
    family_read_at = models.DateTimeField(null=True, blank=True)
    staff_read_at = models.DateTimeField(null=True, blank=True)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at"]
        constraints = [models.UniqueConstraint(fields=["child", "account"], name="portal_one_thread_per_account")]


class Message(BaseModel):
    """One message in a thread; `created_by` is the member of staff for a reply from the team."""

    thread = models.ForeignKey(MessageThread, on_delete=models.CASCADE, related_name="messages")
    from_family = models.BooleanField()
    body = models.TextField()

    class Meta:
        ordering = ["created_at"]
