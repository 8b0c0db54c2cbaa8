"""Forms for decisions, ceasing, mediation and appeals. They parse input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms

from sendcase import sen2codes
from sendcase.appeals.models import (
    GROUNDS_FOR,
    ORDER_KIND_LABELS,
    ORDER_KINDS_FOR,
    AppealOutcome,
    CeaseDecision,
    CertificateKind,
    DecisionAbout,
)
from sendcase.cases.models import AssessmentRequest, Plan, PlanStatus
from sendcase.staff.forms import VersionedForm
from sendcase.staff.govuk_forms import DateField, GovUKFormMixin

EXAMPLE = "For example, 27 3 2025"


def _text(label: str, *, required: bool = True, rows: int = 4, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


class NoticeFieldsMixin(forms.Form):
    """What every decision letter needs besides the decision itself."""

    reasons = _text(
        "The decision and the reasons for it",
        rows=6,
        help_text="Written to the family. Separate paragraphs with a blank line.",
    )
    mediation_adviser = forms.CharField(
        label="How to contact the mediation adviser",
        max_length=300,
        help_text="The mediation service's name, phone number and email, as the family should use them.",
    )


class DecisionNoticeForm(GovUKFormMixin, NoticeFieldsMixin):
    about = forms.ChoiceField(
        label="What was decided?",
        choices=[c for c in DecisionAbout.choices if c[0] != DecisionAbout.CEASE],
        widget=forms.RadioSelect,
    )
    request = forms.ModelChoiceField(
        queryset=AssessmentRequest.objects.none(),
        required=False,
        label="Request the decision was made on (for a decision not to assess or not to issue)",
        empty_label="Select a request",
    )
    plan = forms.ModelChoiceField(
        queryset=Plan.objects.none(),
        required=False,
        label="Plan the decision is about (for the plan's contents or not amending it)",
        empty_label="Select a plan",
    )
    decided_on = DateField(label="Date of the decision", what="date of the decision", help_text=EXAMPLE)
    sent_on = DateField(
        label="Date the notice was sent to the family",
        what="date the notice was sent",
        help_text="The appeal and mediation deadlines run from this date.",
    )
    field_order = ["about", "request", "plan", "decided_on", "sent_on", "reasons", "mediation_adviser"]

    def __init__(self, *args: Any, child: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["request"].queryset = AssessmentRequest.objects.filter(child=child)  # type: ignore[attr-defined]
        self.fields["plan"].queryset = Plan.objects.filter(child=child, status=PlanStatus.ACTIVE)  # type: ignore[attr-defined]
        for name in ("request", "plan"):
            self.fields[name].widget.attrs["class"] = "govuk-select"


class CeaseProposeForm(GovUKFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label="Why might the plan cease? (SEN2 reason)",
        choices=[c for c in sen2codes.CeaseReason.choices() if c[0] != sen2codes.CeaseReason.TRANSFERRED_TO_ANOTHER_LA],
        widget=forms.RadioSelect,
    )
    proposed_on = DateField(
        label="Date the family was told the council is considering ceasing the plan",
        what="date the family was told",
        help_text="Regulation 31(1). " + EXAMPLE,
    )
    notes = _text("Notes (optional)", required=False)


class CeaseConsultationForm(VersionedForm):
    family_consulted_on = DateField(label="Date the family was consulted", what="date the family was consulted")
    setting_consulted_on = DateField(
        label="Date the school or institution named in the plan was consulted",
        what="date the school was consulted",
        required=False,
        help_text="Regulation 31(2): the head teacher or principal of the school or institution named.",
    )
    notes = _text("What they said (optional)", required=False)


class CeaseDecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label="What did the council decide?", choices=CeaseDecision.choices, widget=forms.RadioSelect
    )
    decided_on = DateField(label="Date of the decision", what="date of the decision")
    sent_on = DateField(
        label="Date the decision notice was sent (if ceasing)",
        what="date the notice was sent",
        required=False,
        help_text="The family then has 2 months to appeal, or longer after a mediation certificate.",
    )
    cease_on = DateField(
        label="Date the plan will end if nobody appeals (optional)",
        what="date the plan will end",
        required=False,
        help_text="Leave blank for the first day after the appeal window closes (s.45 CFA).",
    )
    reasons = _text("The decision and the reasons for it (if ceasing)", required=False, rows=6)
    mediation_adviser = forms.CharField(
        label="How to contact the mediation adviser (if ceasing)", required=False, max_length=300
    )


class CeaseFinaliseForm(VersionedForm):
    ceased_on = DateField(
        label="Date the plan ended",
        what="date the plan ended",
        help_text="Only once the appeal window has closed with no appeal, or an appeal ended in the council's favour.",
    )


class MediationForm(VersionedForm):
    contacted_adviser_on = DateField(
        label="Date the family contacted the mediation adviser", what="date the family contacted the mediation adviser"
    )
    mediation_held_on = DateField(
        label="Date mediation took place (if it did)", what="date mediation took place", required=False
    )
    agreement = _text("What was agreed at mediation (optional)", required=False)


class CertificateForm(VersionedForm):
    kind = forms.ChoiceField(
        label="Why was the certificate issued?", choices=CertificateKind.choices, widget=forms.RadioSelect
    )
    issued_on = DateField(
        label="Date the mediation certificate was issued",
        what="date the certificate was issued",
        help_text="The family may appeal within 1 month of this date, if later than 2 months after the decision.",
    )


class AppealLodgeForm(GovUKFormMixin, forms.Form):
    grounds = forms.ChoiceField(label="What is the appeal about?", choices=(), widget=forms.RadioSelect)
    lodged_on = DateField(label="Date the Tribunal received the appeal", what="date the Tribunal received the appeal")
    notes = _text("Notes (optional)", required=False)

    def __init__(self, *args: Any, about: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grounds"].choices = [(g.value, g.label) for g in GROUNDS_FOR[about]]  # type: ignore[attr-defined]


class AppealUpdateForm(VersionedForm):
    hearing_on = DateField(label="Hearing date (if listed)", what="hearing date", required=False)
    outcome = forms.ChoiceField(
        label="How did the appeal end?",
        choices=[("", "It has not ended yet"), *AppealOutcome.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    concluded_on = DateField(label="Date the appeal ended", what="date the appeal ended", required=False)
    notes = _text("Notes (optional)", required=False)


class OrderForm(GovUKFormMixin, forms.Form):
    kind = forms.ChoiceField(label="What did the Tribunal order?", choices=(), widget=forms.RadioSelect)
    made_on = DateField(
        label="Date of the order", what="date of the order", help_text="The reg 44(2) clocks run from this date."
    )

    def __init__(self, *args: Any, grounds: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.value, ORDER_KIND_LABELS[k]) for k in ORDER_KINDS_FOR[grounds]]  # type: ignore[attr-defined]


class StepComplyForm(VersionedForm):
    complied_on = DateField(label="Date the council did this", what="date the council did this")
