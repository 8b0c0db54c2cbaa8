"""Forms for the staff pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms

from sendcase import sen2codes, timescales
from sendcase.accounts.models import Role, User
from sendcase.audit.models import Action as AuditAction
from sendcase.cases.models import (
    AssessDecision,
    ConsultationResponse,
    ContactDirection,
    ContactKind,
    Contributor,
    IssueDecision,
    RequestKind,
    RequestSource,
)
from sendcase.core.choices import code_choices
from sendcase.organisations.models import Locality, Organisation, OrganisationKind
from sendcase.people.models import Channel, Relationship, Stage
from sendcase.staff.govuk_forms import DateField, GovUKFormMixin


class VersionedForm(GovUKFormMixin, forms.Form):
    """Carries the version of the record the person saw, so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _settings(la_id: object, label: str) -> forms.ModelChoiceField:
    """A choice of the council's schools and settings, as a GOV.UK select."""
    return forms.ModelChoiceField(
        queryset=Organisation.objects.filter(local_authority_id=la_id, kind=OrganisationKind.SETTING).order_by("name"),
        required=False,
        label=label,
        empty_label="Select a school or setting",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )


class AssessDecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label="Will the council carry out an EHC needs assessment?",
        choices=AssessDecision.choices,
        widget=forms.RadioSelect,
    )
    decided_on = DateField(
        label="Date the family was told",
        what="date the family was told the decision",
        help_text="For example, 27 3 2025",
    )


class IssueDecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label="Will the council issue an EHC plan?", choices=IssueDecision.choices, widget=forms.RadioSelect
    )
    decided_on = DateField(
        label="Date of the decision", what="date of the decision", help_text="For example, 27 3 2025"
    )


class DraftServedForm(VersionedForm):
    served_on = DateField(
        label="Date the draft plan was served on the family",
        what="date the draft plan was served",
        help_text="The family then has at least 15 days, counting this day, to respond.",
    )


class FamilyResponseForm(VersionedForm):
    responded_on = DateField(label="Date the family responded", what="date the family responded")
    requested_setting = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label="School or setting the family asked for (optional)"
    )
    notes = forms.CharField(label="What the family said", widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args: Any, la_id: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requested_setting"] = _settings(la_id, "School or setting the family asked for (optional)")


class FinalPlanForm(VersionedForm):
    issued_on = DateField(label="Date the final plan was issued", what="date the final plan was issued")
    named_setting = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label="School or setting named in the plan"
    )
    sen_setting = forms.ChoiceField(
        label="Or, when no school is named, the type of provision",
        required=False,
        choices=[("", "Not applicable"), *code_choices(sen2codes.SENSetting)],
    )

    def __init__(self, *args: Any, la_id: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["named_setting"] = _settings(la_id, "School or setting named in the plan")


class AdviceRequestForm(GovUKFormMixin, forms.Form):
    contributor = forms.ChoiceField(
        label="Who is the advice from?", choices=Contributor.choices, widget=forms.RadioSelect
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label="Organisation (optional)"
    )
    assigned_to = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="Educational psychologist (optional)"
    )
    requested_on = DateField(
        label="Date the contributor received the request",
        what="date the contributor received the request",
        help_text="They have 6 weeks from this date (regulation 8(1)).",
    )

    def __init__(self, *args: Any, la_id: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(local_authority_id=la_id)
            .exclude(kind=OrganisationKind.SEND_TEAM)
            .order_by("kind", "name")
        )
        self.fields["assigned_to"].queryset = User.objects.filter(
            local_authority_id=la_id, role=Role.EDUCATIONAL_PSYCHOLOGIST, is_active=True
        )
        for name in ("organisation", "assigned_to"):
            self.fields[name].widget.attrs["class"] = "govuk-select"


class AdviceReceivedForm(VersionedForm):
    received_on = DateField(label="Date the advice was received", what="date the advice was received")
    summary = forms.CharField(label="Summary (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ExceptionForm(GovUKFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Which exception applies?", widget=forms.RadioSelect, choices=())
    start_on = DateField(label="Date it started", what="date the exception started")
    end_on = DateField(
        label="Date it ended (leave blank if it has not ended)", what="date the exception ended", required=False
    )
    note = forms.CharField(label="What happened", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, for_advice: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (k.value, f"{k.label[:1].upper()}{k.label[1:]} ({k.reference})")
            for k in timescales.ExceptionKind
            if (k.applies_to_advice if for_advice else not (k.applies_to_advice and not k.applies_to_assessment))
        ]


class WithdrawForm(VersionedForm):
    withdrawn_on = DateField(label="Date the request was withdrawn", what="date the request was withdrawn")
    reason = forms.CharField(label="Why was it withdrawn?", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class TransferOutForm(VersionedForm):
    moved_on = DateField(label="Date the child moved", what="date the child moved")
    to_la = forms.CharField(
        label="DfE number of the council they moved to",
        required=False,
        help_text="3 digits, like 838",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-3", "inputmode": "numeric"}),
    )


class TransferInForm(GovUKFormMixin, forms.Form):
    from_la = forms.CharField(
        label="DfE number of the council the child moved from",
        required=False,
        help_text="3 digits, like 865",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-3", "inputmode": "numeric"}),
    )
    plan_issued_on = DateField(label="Date the plan was first issued", what="date the plan was first issued")
    transferred_on = DateField(
        label="Date this council became responsible",
        what="date the council became responsible",
        help_text="The date the plan transferred, usually the day the family moved.",
    )
    named_setting = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False)

    def __init__(self, *args: Any, la_id: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["named_setting"] = _settings(la_id, "School or setting the plan names (optional)")


class ConsultationForm(GovUKFormMixin, forms.Form):
    setting = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False, label="School or setting")
    sent_on = DateField(label="Date the consultation was sent", what="date the consultation was sent")

    def __init__(self, *args: Any, la_id: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["setting"] = _settings(la_id, "School or setting")


class ConsultationResponseForm(VersionedForm):
    response = forms.ChoiceField(
        label="What did the setting say?", choices=ConsultationResponse.choices, widget=forms.RadioSelect
    )
    responded_on = DateField(label="Date the setting answered", what="date the setting answered")
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RequestForm(GovUKFormMixin, forms.Form):
    child_reference = forms.CharField(
        label="Child's UPN or SENDcase reference",
        required=False,
        help_text="Find the child first if you do not know either. Add them if SENDcase does not know them yet.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20", "spellcheck": "false"}),
    )
    kind = forms.ChoiceField(
        label="What is being requested?",
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        initial=RequestKind.INITIAL,
    )
    source = forms.ChoiceField(label="Who made the request?", choices=RequestSource.choices, widget=forms.RadioSelect)
    received_on = DateField(
        label="Date the request was received",
        what="date the request was received",
        help_text="The 6, 16 and 20-week limits run from this date.",
    )
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ContactForm(GovUKFormMixin, forms.Form):
    occurred_on = DateField(label="Date", what="date of the contact")
    kind = forms.ChoiceField(label="Kind of contact", choices=ContactKind.choices, widget=forms.RadioSelect)
    direction = forms.ChoiceField(label="Direction", choices=ContactDirection.choices, widget=forms.RadioSelect)
    with_whom = forms.CharField(label="Who was it with?", required=False)
    summary = forms.CharField(label="What was said or agreed", widget=forms.Textarea(attrs={"rows": 4}), required=False)


class ReassignForm(VersionedForm):
    officer = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="New key worker", empty_label="Select an officer"
    )
    reason = forms.CharField(label="Reason (optional)", required=False)

    def __init__(self, *args: Any, la_id: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = User.objects.filter(
            local_authority_id=la_id, role__in=[Role.CASE_OFFICER, Role.TEAM_MANAGER], is_active=True
        ).order_by("first_name", "last_name")
        self.fields["officer"].widget.attrs["class"] = "govuk-select"


class ChildForm(VersionedForm):
    first_name = forms.CharField(label="First name", required=False)
    last_name = forms.CharField(label="Last name", required=False)
    known_as = forms.CharField(label="Known as (optional)", required=False)
    date_of_birth = DateField(label="Date of birth", what="date of birth", help_text="For example, 14 3 2015")
    sex = forms.ChoiceField(label="Sex", choices=code_choices(sen2codes.Sex), widget=forms.RadioSelect)
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=code_choices(sen2codes.Ethnicity))
    upn = forms.CharField(
        label="UPN (optional)",
        required=False,
        help_text="13 characters, like B801200005001",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20", "spellcheck": "false"}),
    )
    upn_unknown = forms.ChoiceField(
        label="If there is no UPN, why not?",
        required=False,
        choices=[("", "Not applicable"), *code_choices(sen2codes.UPNUnknown)],
    )
    uln = forms.CharField(
        label="ULN (optional)",
        required=False,
        help_text="10 digits, for young people in further education",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "numeric"}),
    )
    nhs_number = forms.CharField(
        label="NHS number (optional)",
        required=False,
        help_text="10 digits, like 943 476 5919",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "numeric"}),
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10", "autocomplete": "postal-code"}),
    )
    address = forms.CharField(label="Address (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    primary_need = forms.ChoiceField(
        label="Primary need (optional)",
        required=False,
        choices=[("", "Not known yet"), *code_choices(sen2codes.SENType)],
    )
    secondary_need = forms.ChoiceField(
        label="Secondary need (optional)", required=False, choices=[("", "None"), *code_choices(sen2codes.SENType)]
    )
    setting = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label="Current school or setting (optional)"
    )
    locality = forms.ModelChoiceField(queryset=Locality.objects.none(), required=False, label="Locality (optional)")
    looked_after = forms.BooleanField(label="Child looked after", required=False)

    def __init__(self, *args: Any, la_id: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["setting"] = _settings(la_id, "Current school or setting (optional)")
        self.fields["locality"].queryset = Locality.objects.filter(local_authority_id=la_id)
        self.fields["locality"].widget.attrs["class"] = "govuk-select"


class FamilyMemberForm(GovUKFormMixin, forms.Form):
    first_name = forms.CharField(label="First name", required=False)
    last_name = forms.CharField(label="Last name", required=False)
    relationship = forms.ChoiceField(label="Relationship to the child", choices=Relationship.choices)
    parental_responsibility = forms.BooleanField(label="Has parental responsibility", required=False, initial=True)
    main_contact = forms.BooleanField(label="Main contact", required=False)
    preferred_channel = forms.ChoiceField(
        label="How do they prefer to hear from us?", choices=Channel.choices, widget=forms.RadioSelect
    )
    email = forms.EmailField(label="Email address (optional)", required=False)
    mobile = forms.CharField(label="Mobile number (optional)", required=False)
    address = forms.CharField(label="Address (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    postcode = forms.CharField(label="Postcode (optional)", required=False)
    language = forms.CharField(label="Preferred language", initial="English", required=False)
    needs_interpreter = forms.BooleanField(label="Needs an interpreter", required=False)
    no_internet = forms.BooleanField(label="Has no internet access", required=False)


class CaseloadFilterForm(GovUKFormMixin, forms.Form):
    stage = forms.ChoiceField(
        label="Stage", required=False, choices=[("", "All stages"), *[c for c in Stage.choices if c[0] != Stage.CLOSED]]
    )
    locality = forms.ModelChoiceField(
        queryset=Locality.objects.none(), required=False, label="Locality", empty_label="All localities"
    )
    officer = forms.ModelChoiceField(queryset=User.objects.none(), required=False, label="Officer", empty_label="Me")

    def __init__(self, *args: Any, la_id: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = Locality.objects.filter(local_authority_id=la_id)
        self.fields["officer"].queryset = User.objects.filter(
            local_authority_id=la_id, role__in=[Role.CASE_OFFICER, Role.TEAM_MANAGER]
        ).order_by("first_name", "last_name")
        for name in ("locality", "officer"):
            self.fields[name].widget.attrs["class"] = "govuk-select"


class AuditSearchForm(GovUKFormMixin, forms.Form):
    child = forms.CharField(
        label="Child's UPN or SENDcase reference",
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20", "spellcheck": "false"}),
    )
    actor = forms.EmailField(label="Email address of the person who acted", required=False)
    action = forms.ChoiceField(label="What they did", required=False, choices=[("", "Anything"), *AuditAction.choices])
    since = DateField(label="From", what="date to search from", required=False)
    until = DateField(label="To", what="date to search to", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", "The date to search to must be on or after the date to search from")
        return data
