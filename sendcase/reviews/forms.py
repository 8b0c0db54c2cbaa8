"""Forms for the review pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms

from sendcase import sen2codes
from sendcase.organisations.models import Locality, Organisation, OrganisationKind
from sendcase.reviews.models import TRANSFER_CHOICES, MeetingFormat, ReviewDecision
from sendcase.reviews.terms import Term
from sendcase.staff.forms import VersionedForm
from sendcase.staff.govuk_forms import DateField, GovUKFormMixin

EXAMPLE = "For example, 27 3 2025"
# A review can decide to cease for any reason but a move to another council (a transfer, not a
# cease) or a death (recorded on the ceasing panel, with no decision to send).
CEASE_REASONS = [
    (code.value, code.label)
    for code in sen2codes.CeaseReason
    if code not in (sen2codes.CeaseReason.TRANSFERRED_TO_ANOTHER_LA, sen2codes.CeaseReason.DECEASED)
]


def _settings_field(la_id: object, label: str) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Organisation.objects.filter(local_authority_id=la_id, kind=OrganisationKind.SETTING).order_by("name"),
        required=False,
        label=label,
        empty_label="Select a school, college or setting",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )


class ArrangementsForm(VersionedForm):
    """Scheduling a review, or changing its arrangements."""

    meeting_on = DateField(label="Date of the review meeting", what="date of the review meeting", help_text=EXAMPLE)
    meeting_format = forms.ChoiceField(
        label="How would the family like the meeting held?",
        choices=MeetingFormat.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    access_needs = forms.CharField(
        label="Access needs for the meeting (optional)",
        help_text="For example, an interpreter, step-free access or a quiet room",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    is_phase_transfer = forms.BooleanField(
        label="This is a phase transfer review (the child moves school or college within 12 months)", required=False
    )
    transfer_kind = forms.ChoiceField(
        label="Kind of transfer (phase transfer reviews only)",
        choices=[("", "Select the kind of transfer"), *TRANSFER_CHOICES],
        required=False,
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    transfer_year = forms.IntegerField(
        label="Year of the transfer (phase transfer reviews only)",
        help_text=(
            "The calendar year the child moves, for example 2026 for a move in September 2026. For a move "
            "between post-16 institutions at another time of year, leave it blank: the date of the move gives it"
        ),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-4"}),
    )
    post16_transfer_on = DateField(
        label="Date of the move, for a move between post-16 institutions at another time of year only",
        what="date of the move",
        help_text="Regulation 18(2): the plan is reviewed and amended at least 5 months before the move",
        required=False,
    )

    def __init__(self, *args: Any, la_id: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["next_setting"] = _settings_field(la_id, "Next school or college (optional)")


class InvitationsForm(VersionedForm):
    sent_on = DateField(
        label="Date the invitations were sent",
        what="date the invitations were sent",
        help_text="At least 2 weeks before the meeting (regulations 20(2) and 21(2)). For example, 27 3 2025",
    )
    advice_requested_on = DateField(
        label="Date advice and information were requested (optional)",
        what="date advice was requested",
        required=False,
    )


class AdviceForm(VersionedForm):
    circulated_on = DateField(
        label="Date the advice was circulated to everyone invited",
        what="date the advice was circulated",
        help_text="At least 2 weeks before the meeting (regulations 20(4) and 21(4))",
    )


class MeetingForm(VersionedForm):
    held_on = DateField(label="Date the meeting was held", what="date the meeting was held", help_text=EXAMPLE)


class ReportForm(VersionedForm):
    received_on = DateField(
        label="Date the review report was received",
        what="date the report was received",
        help_text="Due within 2 weeks of the meeting (regulations 20(7) and 21(7))",
    )


class DecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label="What has the council decided?", choices=ReviewDecision.choices, widget=forms.RadioSelect
    )
    sent_on = DateField(
        label="Date the decision was sent to the family",
        what="date the decision was sent",
        help_text="Within 4 weeks of the meeting (regulation 20(10))",
    )
    cease_reason = forms.ChoiceField(
        label="If the council will cease the plan: why (SEN2 cease reason)",
        help_text=(
            "Ceasing the plan then starts (regulation 31): the family's letter about this decision tells them "
            "and asks for their views. If ceasing is already being considered, the reason recorded then is kept"
        ),
        choices=[("", "Select a reason"), *CEASE_REASONS],
        required=False,
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )


class AmendmentsForm(VersionedForm):
    sent_on = DateField(
        label="Date the proposed amendments were sent",
        what="date the proposed amendments were sent",
        help_text="The family then has at least 15 days, counting this day, to comment (regulation 22(2))",
    )


class AmendedPlanForm(VersionedForm):
    issued_on = DateField(
        label="Date the amended plan was issued",
        what="date the amended plan was issued",
        help_text="The plan's current content is issued as its next version",
    )

    def __init__(self, *args: Any, la_id: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["next_setting"] = _settings_field(
            la_id, "School or college the amended plan names (phase transfers)"
        )


class NoAmendmentForm(VersionedForm):
    notified_on = DateField(
        label="Date the family was told, with reasons",
        what="date the family was told",
        help_text="Within 8 weeks of sending the proposals (regulation 22(4))",
    )


class TermForm(GovUKFormMixin, forms.Form):
    term = forms.ChoiceField(label="Term", choices=[(t.value, t.label) for t in Term], widget=forms.Select)
    year = forms.IntegerField(
        label="Year the term starts",
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-4"}),
    )


class TrackerFilterForm(GovUKFormMixin, forms.Form):
    year = forms.IntegerField(
        label="Year of transfer",
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-4"}),
    )
    locality = forms.ModelChoiceField(queryset=Locality.objects.none(), required=False, empty_label="All localities")
    officer = forms.ChoiceField(label="Key worker", required=False)

    def __init__(self, *args: Any, la_id: object, officers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = Locality.objects.filter(local_authority_id=la_id)  # type: ignore[attr-defined]
        self.fields["officer"].choices = [("", "All officers"), *officers]  # type: ignore[attr-defined]
