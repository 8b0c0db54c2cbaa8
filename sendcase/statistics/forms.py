"""The choice of comparator councils on the statistics page."""

from __future__ import annotations

from typing import Any

from django import forms

from sendcase.staff.govuk_forms import GovUKFormMixin
from sendcase.statistics.selectors import MAX_COMPARATORS, Council


class ComparatorForm(GovUKFormMixin, forms.Form):
    comparators = forms.MultipleChoiceField(
        label="Comparator councils",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=f"Select up to {MAX_COMPARATORS} councils to show beside yours.",
    )
    # Tells an empty choice ("no comparators") from a first visit (the default set).
    chosen = forms.CharField(widget=forms.HiddenInput, required=False, initial="1")

    def __init__(self, *args: Any, councils: tuple[Council, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comparators"].choices = [(c.code, f"{c.name} ({c.region_name})") for c in councils]

    def clean_comparators(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["comparators"]
        if len(chosen) > MAX_COMPARATORS:
            raise forms.ValidationError(
                f"Select up to {MAX_COMPARATORS} comparator councils: you selected {len(chosen)}"
            )
        return chosen
