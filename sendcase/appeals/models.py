"""Decision notices with appeal rights, ceasing a plan, mediation, Tribunal appeals and their orders.

Each record holds the dates the SEND team recorded; the statutory clocks come from
sendcase.timescales.appeals. Two clocks are stored on the notice (the appeal deadline and the
mediation contact deadline) so that lists can filter and sort on them; the services recompute
them whenever a recorded fact moves them (a mediation certificate moves the appeal deadline).
A Plan's own status, ceased_on and cease_reason change only through plan_cease_finalise.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q

from sendcase import sen2codes
from sendcase.core.choices import code_choices
from sendcase.core.models import BaseModel
from sendcase.timescales import TribunalOrderKind


def lower_first(label: str) -> str:
    """A label inside a sentence: "Not to issue an EHC plan" becomes "not to issue an EHC plan"."""
    return label[:1].lower() + label[1:]


class Sen2Module(models.TextChoices):
    """Where the SEN2 return counts mediation and Tribunal appeals about a decision."""

    REQUEST = "request", "Request (RequestMediation, RequestTribunal)"
    ASSESSMENT = "assessment", "Assessment (AssessmentMediation, AssessmentTribunal)"
    OTHER = "other", "Other matters (OtherMediation, OtherTribunal)"


class DecisionAbout(models.TextChoices):
    REFUSE_ASSESS = "refuse_assess", "Not to carry out an EHC needs assessment"
    NOT_ISSUE = "not_issue", "Not to issue an EHC plan after the assessment"
    PLAN_CONTENTS = "plan_contents", "The contents of the EHC plan"
    CEASE = "cease", "To cease to maintain the EHC plan"
    NOT_AMEND = "not_amend", "Not to amend the EHC plan"
    OTHER = "other", "Another decision the family can appeal"


# The regulation that requires each notice to carry appeal and mediation information.
NOTICE_REGULATION: dict[str, str] = {
    DecisionAbout.REFUSE_ASSESS: "Regulation 5(3), SEND Regulations 2014",
    DecisionAbout.NOT_ISSUE: "Regulation 10, SEND Regulations 2014",
    DecisionAbout.PLAN_CONTENTS: "Regulation 14, SEND Regulations 2014",
    DecisionAbout.CEASE: "Regulation 31(3), SEND Regulations 2014",
    DecisionAbout.NOT_AMEND: "Regulation 22(4), SEND Regulations 2014",
    DecisionAbout.OTHER: "Regulation 32, SEND Regulations 2014",
}

_SEN2_MODULE: dict[str, str] = {
    DecisionAbout.REFUSE_ASSESS: Sen2Module.REQUEST,
    DecisionAbout.NOT_ISSUE: Sen2Module.ASSESSMENT,
}


class AppealGround(models.TextChoices):
    """What an appeal to the First-tier Tribunal (SEND) is about: the appealable decisions of s.51 CFA."""

    REFUSE_ASSESS = "refuse_assess", "Refusal to carry out an EHC needs assessment"
    REFUSE_REASSESS = "refuse_reassess", "Refusal to carry out a re-assessment"
    NOT_ISSUE = "not_issue", "Refusal to issue an EHC plan"
    NEEDS_PROVISION = "needs_provision", "Special educational needs or provision in the plan (sections B and F)"
    SCHOOL_NAMED = "school_named", "Only the school or institution named, its type, or that none is named (section I)"
    NOT_AMEND = "not_amend", "Refusal to amend the plan after a review or re-assessment"
    CEASE = "cease", "Decision to cease to maintain the plan"

    @property
    def sen2_module(self) -> str:
        if self is AppealGround.REFUSE_ASSESS:
            return Sen2Module.REQUEST
        if self is AppealGround.NOT_ISSUE:
            return Sen2Module.ASSESSMENT
        return Sen2Module.OTHER

    @property
    def needs_certificate(self) -> bool:
        """False only for an appeal solely about the school named (s.55 CFA; CoP ch.11) [SECONDARY]."""
        return self is not AppealGround.SCHOOL_NAMED


# Which grounds an appeal against each kind of decision can have.
GROUNDS_FOR: dict[str, tuple[AppealGround, ...]] = {
    DecisionAbout.REFUSE_ASSESS: (AppealGround.REFUSE_ASSESS,),
    DecisionAbout.NOT_ISSUE: (AppealGround.NOT_ISSUE,),
    DecisionAbout.PLAN_CONTENTS: (AppealGround.NEEDS_PROVISION, AppealGround.SCHOOL_NAMED),
    DecisionAbout.CEASE: (AppealGround.CEASE,),
    DecisionAbout.NOT_AMEND: (AppealGround.NOT_AMEND, AppealGround.NEEDS_PROVISION, AppealGround.SCHOOL_NAMED),
    DecisionAbout.OTHER: tuple(AppealGround),
}

# Which reg 44(2) orders follow an appeal on each ground. Orders to continue to maintain, to
# remit or to continue and amend are not modelled (their letters and periods are [UNCONFIRMED]).
ORDER_KINDS_FOR: dict[str, tuple[TribunalOrderKind, ...]] = {
    AppealGround.REFUSE_ASSESS: (TribunalOrderKind.ASSESS,),
    AppealGround.REFUSE_REASSESS: (TribunalOrderKind.ASSESS,),
    AppealGround.NOT_ISSUE: (TribunalOrderKind.MAKE_PLAN,),
    AppealGround.NEEDS_PROVISION: (TribunalOrderKind.AMEND_CONTENT, TribunalOrderKind.AMEND_SCHOOL_ONLY),
    AppealGround.SCHOOL_NAMED: (TribunalOrderKind.AMEND_SCHOOL_ONLY,),
    AppealGround.NOT_AMEND: (TribunalOrderKind.AMEND_CONTENT, TribunalOrderKind.AMEND_SCHOOL_ONLY),
    AppealGround.CEASE: (TribunalOrderKind.DISMISS_CEASE,),
}

ORDER_KIND_LABELS: dict[str, str] = {
    TribunalOrderKind.DISMISS_CEASE: "Appeal against ceasing the plan dismissed: the plan may cease",
    TribunalOrderKind.ASSESS: "Carry out an EHC needs assessment or re-assessment",
    TribunalOrderKind.MAKE_PLAN: "Make and maintain an EHC plan",
    TribunalOrderKind.AMEND_CONTENT: "Amend the special educational needs or provision in the plan",
    TribunalOrderKind.AMEND_SCHOOL_ONLY: "Amend only the school or institution named, or its type",
}

ORDER_STEP_LABELS: dict[str, str] = {
    "cease": "Cease the plan",
    "notify_assessment": "Tell the family the council will assess",
    "decision_not_to_issue": "If not issuing a plan, tell the family",
    "final_plan": "Issue the final plan",
    "draft_plan": "Send the draft plan",
    "amended_plan": "Issue the amended plan",
}

# Under reg 44(2)(b) the council either decides not to issue or issues the final plan: doing one
# means the other is not needed.
ALTERNATIVE_STEPS: dict[str, str] = {"decision_not_to_issue": "final_plan", "final_plan": "decision_not_to_issue"}


class DecisionNotice(BaseModel):
    """A written notice of an appealable decision, with the appeal and mediation information of reg 32."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="decision_notices")
    about = models.CharField("decision about", max_length=20, choices=DecisionAbout.choices)
    request = models.ForeignKey(
        "cases.AssessmentRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    plan = models.ForeignKey("cases.Plan", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # A decision made in an annual review (keep the plan, the amended plan, not amending after all):
    # the family were told, with appeal rights, in the review's own letter, so no other was sent.
    review = models.OneToOneField(
        "reviews.AnnualReview", null=True, blank=True, on_delete=models.PROTECT, related_name="decision_notice"
    )
    decided_on = models.DateField("date of the decision")
    sent_on = models.DateField("date the notice was sent")
    reasons = models.TextField("the decision and its reasons")
    mediation_adviser = models.CharField("how to contact the mediation adviser", max_length=300)
    addressee = models.CharField("sent to", max_length=200)
    # Tribunal Rules r.20(1)(c) and reg 33, recomputed by the services (a certificate moves the first).
    appeal_deadline_on = models.DateField("last day for the Tribunal to receive an appeal")
    mediation_contact_by = models.DateField("last day to contact the mediation adviser")
    # The letter as sent, kept word for word: a later change to the wording must not rewrite it.
    letter_text = models.TextField(editable=False)

    class Meta:
        ordering = ["-sent_on", "-created_at"]
        indexes = [
            models.Index(fields=["child", "-sent_on"], name="notice_child_idx"),
            models.Index(fields=["appeal_deadline_on"], name="notice_appeal_deadline_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(sent_on__gte=F("decided_on")), name="notice_sent_after_decision"),
        ]

    def __str__(self) -> str:
        return f"Decision {lower_first(self.get_about_display())}, sent {self.sent_on:%d/%m/%Y}"

    @property
    def regulation(self) -> str:
        return NOTICE_REGULATION[self.about]

    @property
    def told_with_review(self) -> bool:
        """The family were told this decision in an annual review's letter: there is no separate letter."""
        return self.review_id is not None

    @property
    def sen2_module(self) -> str:
        return _SEN2_MODULE.get(self.about, Sen2Module.OTHER)

    def window_open_on(self, day: dt.date) -> bool:
        return day <= self.appeal_deadline_on


class CeaseDecision(models.TextChoices):
    CEASE = "cease", "Cease to maintain the plan"
    CONTINUE = "continue", "Continue to maintain the plan"


class CeaseProposal(BaseModel):
    """The council considering whether to cease a plan (regs 29 to 31), up to the day it ends."""

    plan = models.ForeignKey("cases.Plan", on_delete=models.PROTECT, related_name="cease_proposals")
    # The annual review whose decision to cease started this (reg 20(10)); its letter told the family.
    review = models.OneToOneField(
        "reviews.AnnualReview", null=True, blank=True, on_delete=models.PROTECT, related_name="cease_proposal"
    )
    reason = models.CharField("reason (SEN2 CeaseReason)", max_length=1, choices=code_choices(sen2codes.CeaseReason))
    proposed_on = models.DateField("date the family was told ceasing is being considered")
    notes = models.TextField(blank=True)
    family_consulted_on = models.DateField("date the family was consulted", null=True, blank=True)
    setting_consulted_on = models.DateField("date the school or institution was consulted", null=True, blank=True)
    consultation_notes = models.TextField(blank=True)
    decision = models.CharField(max_length=10, choices=CeaseDecision.choices, blank=True)
    decision_on = models.DateField("date of the decision", null=True, blank=True)
    notice = models.OneToOneField(
        DecisionNotice, null=True, blank=True, on_delete=models.PROTECT, related_name="cease_proposal"
    )
    # The first day the plan may end: earliest_cease_date(...) or later, empty while an appeal is open
    # or after the Tribunal allowed one (s.45 CFA; reg 44(2)(a) after a dismissal).
    cease_effective_on = models.DateField("plan may end from", null=True, blank=True)

    class Meta:
        ordering = ["-proposed_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(family_consulted_on__isnull=True) | Q(family_consulted_on__gte=F("proposed_on")),
                name="cease_family_consulted_after_proposal",
            ),
            models.CheckConstraint(
                condition=Q(decision_on__isnull=True) | Q(decision_on__gte=F("proposed_on")),
                name="cease_decided_after_proposal",
            ),
        ]

    def __str__(self) -> str:
        return f"Proposal to cease the plan, {self.proposed_on:%d/%m/%Y}"


class CertificateKind(models.TextChoices):
    NOT_WISH = "not_wish", "The family did not wish to mediate"
    AFTER_MEDIATION = "after_mediation", "Mediation took place"


class Mediation(BaseModel):
    """The family's contact with a mediation adviser about one decision (regs 33 to 42)."""

    notice = models.OneToOneField(DecisionNotice, on_delete=models.PROTECT, related_name="mediation")
    contacted_adviser_on = models.DateField("date the family contacted the mediation adviser")
    mediation_held_on = models.DateField("date mediation took place", null=True, blank=True)
    agreement = models.TextField("what was agreed at mediation", blank=True)
    certificate_issued_on = models.DateField("date the mediation certificate was issued", null=True, blank=True)
    certificate_kind = models.CharField(max_length=20, choices=CertificateKind.choices, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(certificate_issued_on__isnull=True)
                | Q(certificate_issued_on__gte=F("contacted_adviser_on")),
                name="certificate_after_contact",
            ),
            models.CheckConstraint(
                condition=Q(mediation_held_on__isnull=True) | Q(mediation_held_on__gte=F("contacted_adviser_on")),
                name="mediation_after_contact",
            ),
        ]

    def __str__(self) -> str:
        return f"Mediation, adviser contacted {self.contacted_adviser_on:%d/%m/%Y}"


class AppealStatus(models.TextChoices):
    LODGED = "lodged", "Lodged"
    HEARING_LISTED = "hearing_listed", "Hearing listed"
    CONCLUDED = "concluded", "Concluded"


class AppealOutcome(models.TextChoices):
    DISMISSED = "dismissed", "Dismissed: the council's decision stands"
    ALLOWED = "allowed", "Allowed in whole or in part"
    WITHDRAWN = "withdrawn", "Withdrawn by the family"
    CONCEDED = "conceded", "Conceded by the council"


# Outcomes that leave the council's decision standing.
OUTCOMES_FOR_COUNCIL = frozenset({AppealOutcome.DISMISSED, AppealOutcome.WITHDRAWN})


class TribunalAppeal(BaseModel):
    """An appeal to the First-tier Tribunal (SEND) against a decision in a notice."""

    notice = models.ForeignKey(DecisionNotice, on_delete=models.PROTECT, related_name="appeals")
    lodged_on = models.DateField("date the Tribunal received the appeal")
    grounds = models.CharField(max_length=20, choices=AppealGround.choices)
    status = models.CharField(max_length=20, choices=AppealStatus.choices, default=AppealStatus.LODGED)
    hearing_on = models.DateField("hearing date", null=True, blank=True)
    concluded_on = models.DateField("date the appeal ended", null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=AppealOutcome.choices, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-lodged_on", "-created_at"]
        indexes = [models.Index(fields=["status", "lodged_on"], name="appeal_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True) | Q(concluded_on__gte=F("lodged_on")),
                name="appeal_ends_after_lodged",
            ),
            models.CheckConstraint(
                condition=Q(status="concluded", concluded_on__isnull=False, outcome__gt="")
                | (~Q(status="concluded") & Q(concluded_on__isnull=True, outcome="")),
                name="appeal_concluded_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"Appeal lodged {self.lodged_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.status != AppealStatus.CONCLUDED

    @property
    def in_councils_favour(self) -> bool:
        return self.outcome in OUTCOMES_FOR_COUNCIL


class TribunalOrder(BaseModel):
    """What the Tribunal ordered the council to do, with the reg 44(2) clocks (one step per duty)."""

    appeal = models.ForeignKey(TribunalAppeal, on_delete=models.PROTECT, related_name="orders")
    kind = models.CharField(max_length=20, choices=list(ORDER_KIND_LABELS.items()))
    made_on = models.DateField("date of the order")

    class Meta:
        ordering = ["-made_on", "-created_at"]

    def __str__(self) -> str:
        return f"Tribunal order of {self.made_on:%d/%m/%Y}"

    @property
    def order_kind(self) -> TribunalOrderKind:
        return TribunalOrderKind(self.kind)


class TribunalOrderStep(BaseModel):
    """One duty under a Tribunal order, its reg 44(2) deadline, and when the council complied."""

    order = models.ForeignKey(TribunalOrder, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=30, choices=list(ORDER_STEP_LABELS.items()))
    due_on = models.DateField()
    complied_on = models.DateField(null=True, blank=True)
    # The other branch of reg 44(2)(b) once the council has done one of them.
    not_needed = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_on", "step"]
        indexes = [models.Index(fields=["complied_on", "due_on"], name="order_step_due_idx")]
        constraints = [models.UniqueConstraint(fields=["order", "step"], name="one_step_of_each_kind_per_order")]

    def __str__(self) -> str:
        return self.get_step_display()

    @property
    def is_outstanding(self) -> bool:
        return self.complied_on is None and not self.not_needed
