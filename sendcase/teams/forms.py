"""Forms for the team, consent, discussion and organisation pages. They parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from sendcase.accounts.models import Role, User
from sendcase.organisations.models import Organisation, OrganisationKind
from sendcase.people.models import Child, FamilyLink
from sendcase.staff.forms import VersionedForm
from sendcase.staff.govuk_forms import DateField, GovUKFormMixin
from sendcase.teams.models import Audience, NoteKind, TeamRole

YOUNG_PERSON = "young_person"


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        title = f", {obj.job_title}" if obj.job_title else ""
        return f"{obj.get_full_name() or obj.email}{title} ({obj.organisation})"


def _partners(child: Child) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Organisation.objects.filter(local_authority_id=child.local_authority_id)
        .exclude(kind=OrganisationKind.SEND_TEAM)
        .order_by("name"),
        required=False,
        label="Organisation",
        empty_label="Select an organisation",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )


class TeamMemberForm(GovUKFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False)
    person = _PersonChoice(
        queryset=User.objects.none(),
        required=False,
        label="Person (optional)",
        help_text="Leave this empty to add the organisation as a whole until it names a worker. "
        "Only a named person with consent in force for their organisation can open the child's record.",
        empty_label="The organisation as a whole",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    role_on_team = forms.ChoiceField(
        label="Role on the team", choices=[("", "Select a role"), *TeamRole.choices], required=False
    )
    started_on = DateField(label="Date they joined the team", what="date they joined the team", required=False)
    note = forms.CharField(label="Note (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = _partners(child)
        self.fields["person"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(is_active=True, organisation__local_authority_id=child.local_authority_id)
            .exclude(organisation__kind=OrganisationKind.SEND_TEAM)
            .select_related("organisation")
            .order_by("organisation__name", "first_name", "last_name")
        )
        # Reorder: the person field after the organisation it belongs to.
        self.order_fields(["organisation", "person", "role_on_team", "started_on", "note"])


class EndMembershipForm(VersionedForm):
    ended_on = DateField(
        label="Date they left the team",
        what="date they left the team",
        help_text="Their access to the record through the team ends after this day. For example, 27 3 2025",
        required=False,
    )


class ConsentForm(GovUKFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False)
    given_by = forms.ChoiceField(label="Who gave consent?", widget=forms.RadioSelect, required=False)
    given_on = DateField(label="Date consent was given", what="date consent was given", required=False)
    scope = forms.CharField(
        label="What may be shared, and for what purpose",
        help_text="For example, the EHC needs assessment and plan, to plan therapy at school",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = _partners(child)
        self.fields["organisation"].label = "Organisation the record may be shared with"
        links = FamilyLink.objects.filter(child=child).select_related("member").order_by("-main_contact")
        self.members = {str(link.member_id): link.member for link in links}
        self.fields["given_by"].choices = [  # type: ignore[attr-defined]
            *((str(link.member_id), f"{link.member} ({link.get_relationship_display().lower()})") for link in links),
            (YOUNG_PERSON, f"{child.first_name}, the young person"),
        ]
        self.order_fields(["organisation", "given_by", "given_on", "scope"])

    def given_by_values(self) -> dict[str, Any]:
        """The service's given_by / given_by_young_person arguments from the radio chosen."""
        choice = self.cleaned_data.get("given_by") or ""
        return {"given_by": self.members.get(choice), "given_by_young_person": choice == YOUNG_PERSON}


class WithdrawConsentForm(VersionedForm):
    withdrawn_on = DateField(
        label="Date consent was withdrawn",
        what="date consent was withdrawn",
        help_text="The organisation loses access through this consent from this day. For example, 27 3 2025",
        required=False,
    )
    withdrawn_note = forms.CharField(
        label="Note (optional)",
        help_text="For example, who withdrew it and how they told the council",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class CaseNoteForm(GovUKFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Is this a note or a decision?", choices=NoteKind.choices, widget=forms.RadioSelect, required=False
    )
    audience = forms.ChoiceField(
        label="Who may read it?", choices=Audience.choices, widget=forms.RadioSelect, required=False
    )
    body = forms.CharField(label="What was said or decided", widget=forms.Textarea(attrs={"rows": 5}), required=False)

    def __init__(self, *args: Any, send_team: bool, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"kind": NoteKind.NOTE, "audience": Audience.TEAM})
        super().__init__(*args, **kwargs)
        if not send_team:
            # Partners write for the whole team; the choice is the SEND team's alone.
            del self.fields["audience"]

    @property
    def chosen_audience(self) -> str:
        return self.cleaned_data.get("audience") or Audience.TEAM


class PersonForm(GovUKFormMixin, forms.Form):
    first_name = forms.CharField(label="First name", required=False, max_length=150)
    last_name = forms.CharField(label="Last name", required=False, max_length=150)
    email = forms.CharField(
        label="Email address",
        help_text="Their own work address. SENDcase sends their sign-in link here.",
        required=False,
        max_length=254,
    )
    job_title = forms.CharField(label="Job title (optional)", required=False, max_length=120)
    role = forms.ChoiceField(
        label="What do they do?",
        choices=[
            (Role.PROFESSIONAL, "Works with children (for example SENCo, therapist, social worker)"),
            (Role.EDUCATIONAL_PSYCHOLOGIST, "Educational psychologist"),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    is_organisation_admin = forms.BooleanField(
        label="They can add and remove the organisation's people", required=False
    )


class MailboxForm(GovUKFormMixin, forms.Form):
    email = forms.CharField(
        label="Shared mailbox",
        help_text="Advice requests for the organisation as a whole are sent here.",
        required=False,
        max_length=254,
    )


class ConfirmForm(GovUKFormMixin, forms.Form):
    """A confirmation with no fields: carries a refusal to the error summary."""
