"""Forms of the SEN2 pages."""

from __future__ import annotations

from typing import Any

from django import forms

from sendcase.core.clock import today
from sendcase.sen2.collection import available_years
from sendcase.sen2.models import OfficerInPost
from sendcase.sen2.rules import RULES
from sendcase.staff.govuk_forms import GovUKFormMixin


def _years() -> list[tuple[int, str]]:
    return [(year, f"{year} (census January {year}, activity in {year - 1})") for year in available_years(today())]


class YearForm(GovUKFormMixin, forms.Form):
    year = forms.TypedChoiceField(label="Collection year", coerce=int, choices=_years)


class HeaderForm(GovUKFormMixin, forms.Form):
    """The header answers DfE asks of the council itself (SEN2 Header/Source)."""

    dmo = forms.ChoiceField(
        label="Was a designated medical officer (DMO) in post?",
        choices=OfficerInPost.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether a designated medical officer was in post"},
    )
    dco = forms.ChoiceField(
        label="Was a designated clinical officer (DCO) in post?",
        choices=OfficerInPost.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether a designated clinical officer was in post"},
    )
    dsco = forms.ChoiceField(
        label="Was a designated social care officer (DSCO) in post?",
        help_text="New in 2025. Leave unanswered if you are not asked for it.",
        choices=OfficerInPost.choices,
        widget=forms.RadioSelect,
        required=False,
    )


class IssuesFilterForm(GovUKFormMixin, forms.Form):
    year = forms.TypedChoiceField(label="Collection year", coerce=int, choices=_years)
    rule = forms.ChoiceField(label="Rule", required=False)

    def __init__(self, *args: Any, counts: dict[str, int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        counts = counts or {}
        self.fields["rule"].choices = [("", "Every rule")] + [
            (rule_id, f"{rule_id}: {rule.title} ({counts.get(rule_id, 0)})") for rule_id, rule in RULES.items()
        ]
