"""Every message SENDcase sends, kept whether it went out through GOV.UK Notify or stayed in the outbox."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    LETTER = "letter", "Letter"
    # Not sent by any backend: a task for the case officer to phone a family who asked for calls.
    PHONE = "phone", "Phone call"


class Status(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    # GOV.UK Notify's delivery receipt said it reached the inbox or phone (or, for a letter, the
    # printer): sendcase/notifications/receipts.py.
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"
    # A letter to a family waits here until a case officer has read it and its plain-English
    # check, and sent it (sendcase/notifications/family/actions.py).
    HELD = "held", "Waiting to be checked"
    # A phone call the case officer has still to make, then marks done.
    TO_DO = "to_do", "To do"
    DONE = "done", "Done"


class OutboxMessage(models.Model):
    """One message to one recipient.

    The body is what the recipient reads: it names the kind of update, the date and the SENDcase
    reference, never a child's name or details (sendcase.notifications.catalogue enforces which
    values a template may take). `child` links the message to the child it is about for the
    audit trail and subject access requests; it is never shown on the outbox page.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    recipient = models.CharField(max_length=500)
    template = models.CharField(max_length=60)
    personalisation = models.JSONField(default=dict, blank=True)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    backend = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Set while one process is handing the message to the backend, so no other sends it too.
    claimed_at = models.DateTimeField(null=True, blank=True)
    provider_id = models.CharField("GOV.UK Notify id", max_length=64, blank=True)
    error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    child = models.ForeignKey("people.Child", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    # Family notices (sendcase/notifications/family): which statutory step, to which family member,
    # in which language, and for letters and calls the officer who checks, sends or phones.
    notice = models.CharField(max_length=40, blank=True)
    family_member = models.ForeignKey(
        "people.FamilyMember", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField("language the message is written in", max_length=10, default="en")
    interpreter_needed = models.BooleanField(default=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["local_authority", "-created_at"], name="outbox_la_created_idx"),
            models.Index(fields=["status", "created_at"], name="outbox_status_idx"),
            # The family letters and calls page: what is waiting, per council and per officer.
            models.Index(
                fields=["local_authority", "status", "assigned_to"],
                name="outbox_family_tasks_idx",
                condition=models.Q(status__in=["held", "to_do"]),
            ),
            models.Index(fields=["child", "-created_at"], name="outbox_child_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} to {self.recipient}: {self.subject or self.template}"


class Letter(models.Model):
    """What a letter to a family says, kept with its outbox message, and the PDF that is posted.

    `html` is the whole letter as rendered when the step was recorded, so the PDF (rendered from it
    after the step's transaction commits) shows exactly that, however long afterwards it is sent.
    `text` is the body alone, for the plain-English check. Phone tasks keep one too: it is what
    the officer tells the family, and can be posted if the call does not get through.
    """

    message = models.OneToOneField(OutboxMessage, on_delete=models.CASCADE, primary_key=True, related_name="letter")
    html = models.TextField()
    text = models.TextField()
    words_we_use = models.JSONField("terms the letter's words-we-use box explains", default=list, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField("SHA-256 of the PDF", max_length=64, blank=True)
    pdf_pages = models.PositiveSmallIntegerField(null=True, blank=True)
    # For a notice carrying text an officer typed (a decision's reasons) that went by email or text
    # message, with no letter page to check it on first: what the plain-English check found then.
    plain_english_problems = models.PositiveSmallIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Letter for {self.message_id}"


class CouncilContact(models.Model):
    """The council's details printed on every letter to a family: address, phone, and free help.

    One per council, kept by its SEND administrators at /notifications/letter-details/. Decision
    letters must tell families how to reach the mediation adviser and the information, advice and
    support service (reg 32 and reg 5(3), SEND Regulations 2014), so those are here too.
    """

    local_authority = models.OneToOneField(
        "organisations.LocalAuthority", on_delete=models.CASCADE, primary_key=True, related_name="letter_contact"
    )
    team_name = models.CharField(max_length=120, default="Special educational needs team")
    address = models.TextField("postal address", blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    website = models.CharField("local offer website", max_length=200, blank=True)
    mediation_name = models.CharField("mediation service", max_length=120, blank=True)
    mediation_phone = models.CharField("mediation service phone", max_length=30, blank=True)
    mediation_email = models.EmailField("mediation service email", blank=True)
    support_name = models.CharField("information, advice and support service", max_length=120, blank=True, default="")
    support_phone = models.CharField("information, advice and support service phone", max_length=30, blank=True)
    support_website = models.CharField("information, advice and support service website", max_length=200, blank=True)
    modified_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Letter details for {self.local_authority_id}"


class YoungPersonContact(models.Model):
    """How a young person who holds their own family portal account wants their notices.

    Parents' languages are on their FamilyMember records; a young person's own notices go to their
    portal account's email address, in the language recorded here (routing.py), with an interpreter
    line and a call with an interpreter when SENDcase cannot write in it. The SEND team keeps it at
    /notifications/young-person/<child>/, linked from the case page.
    """

    child = models.OneToOneField(
        "people.Child", on_delete=models.CASCADE, primary_key=True, related_name="notice_contact"
    )
    language = models.CharField("preferred language", max_length=40, default="English")
    needs_interpreter = models.BooleanField("needs an interpreter", default=False)
    phone = models.CharField("phone number", max_length=20, blank=True)
    modified_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"How to write to young person {self.child_id}"
