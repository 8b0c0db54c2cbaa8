"""Forms for the contributor's advice inbox. They parse input; sendcase.cases.services.advice decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from sendcase import timescales
from sendcase.accounts.models import User
from sendcase.staff.govuk_forms import DateField, GovUKFormMixin


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.Field):
    """Several files in one GOV.UK file upload; the service checks each one's type and size."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"class": "govuk-file-upload", "multiple": True})

    def clean(self, value: Any) -> list[Any]:
        if not value:
            return []
        return [f for f in (value if isinstance(value, list | tuple) else [value]) if f]


def _text(label: str, help_text: str = "", rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=help_text, required=False, widget=forms.Textarea(attrs={"rows": rows})
    )


class AdviceSubmitForm(GovUKFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    needs = _text(
        "The child's special educational needs, as you see them",
        "What you found, and how the needs affect the child's learning and daily life.",
        rows=8,
    )
    outcomes_recommended = _text(
        "Outcomes you recommend", "What the child should be able to do at the end of a key stage or phase."
    )
    provision_recommended = _text(
        "Provision you recommend", "What support, how often, and by whom, for each need.", rows=8
    )
    health_or_care_notes = _text("Health or social care needs and provision (optional)", rows=4)
    further_information = _text("Anything else the SEND team should know (optional)", rows=4)
    documents = MultipleFileField(label="Attach reports or other documents (optional)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = settings.SENDCASE_UPLOAD_MAX_BYTES // (1024 * 1024)
        self.fields[
            "documents"
        ].help_text = (
            f"PDF, Word (.docx), JPEG or PNG files, each smaller than {limit} MB. You can choose more than one."
        )


class AdviceAssignForm(GovUKFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    assignee = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Who will give this advice?",
        empty_label="Select a colleague",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )

    def __init__(self, *args: Any, organisation_id: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id, is_active=True
        ).order_by("first_name", "last_name")


class AdviceDelayForm(GovUKFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Why is the advice delayed?",
        widget=forms.RadioSelect,
        choices=[
            (k.value, f"{k.description} ({k.reference})") for k in timescales.ExceptionKind if k.applies_to_advice
        ],
    )
    start_on = DateField(
        label="When did it happen, or start?",
        what="date it happened",
        help_text="For a missed appointment, the date of the appointment. For example, 27 3 2025",
    )
    end_on = DateField(
        label="When did it end? (optional)",
        what="date it ended",
        required=False,
        help_text="Leave blank if it has not ended yet. A missed appointment is a single day: leave this blank.",
    )
    note = forms.CharField(
        label="Details (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: the family did not attend the appointment; a new one is booked.",
    )
