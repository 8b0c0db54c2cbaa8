"""The scorecard's filter: a period of whole months and, optionally, one locality."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from sendcase.organisations.models import Locality
from sendcase.scorecard.periods import Period, check_period, month_label
from sendcase.staff.govuk_forms import DateField, DateInputWidget, GovUKFormMixin


class MonthInputWidget(DateInputWidget):
    """The GOV.UK date input with only the month and year boxes, as the Design System advises."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        boxes = [
            forms.TextInput(
                attrs={"inputmode": "numeric", "class": f"govuk-input govuk-date-input__input govuk-input--width-{w}"}
            )
            for w in (2, 4)
        ]
        forms.MultiWidget.__init__(self, boxes, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.month, value.year]
        return [None, None]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = forms.MultiWidget.get_context(self, name, value, attrs)
        for sub, label in zip(context["widget"]["subwidgets"], ("Month", "Year"), strict=True):
            sub["label"] = label
        return context


class MonthField(DateField):
    """A month entered as month and year; cleans to the first day of that month."""

    widget = MonthInputWidget

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fields = self.fields[1:]

    def compress(self, data_list: list[str]) -> dt.date | None:
        if not data_list or not any(data_list):
            if self.required:
                raise ValidationError(f"Enter the {self.what}")
            return None
        month, year = (str(part or "").strip() for part in data_list)
        missing = [name for name, part in (("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(f"The {self.what} must include a {' and '.join(missing)}")
        if not (month.isdigit() and year.isdigit()):
            raise ValidationError(f"The {self.what} must be a real month, in numbers, like 3 2025")
        if len(year) != 4:
            raise ValidationError(f"The year of the {self.what} must have 4 numbers, like 2025")
        if not 1 <= int(month) <= 12:
            raise ValidationError(f"The month of the {self.what} must be a number from 1 to 12")
        return dt.date(int(year), int(month), 1)


class ScorecardFilterForm(GovUKFormMixin, forms.Form):
    start = MonthField(label="From", what="month the period starts", help_text="For example, 1 2025")
    end = MonthField(label="To", what="month the period ends", help_text="For example, 6 2025")
    locality = forms.ModelChoiceField(
        queryset=Locality.objects.none(), required=False, label="Locality", empty_label="All localities"
    )

    def __init__(self, *args: Any, la_id: object, today: dt.date, **kwargs: Any) -> None:
        self.today = today
        default = Period.year_to_date(today)
        kwargs.setdefault("initial", {"start": default.first, "end": default.last})
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = Locality.objects.filter(local_authority_id=la_id).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", f"The period must end in or after {month_label(start)}")
            else:
                for field, message in check_period(Period(start, end), today=self.today).items():
                    self.add_error({"from": "start", "to": "end"}[field], message)
        return data

    @property
    def period(self) -> Period:
        """The period asked for; call after is_valid(). January to this month when none was given."""
        if self.is_bound:
            return Period(self.cleaned_data["start"], self.cleaned_data["end"])
        return Period.year_to_date(self.today)

    @property
    def chosen_locality(self) -> Locality | None:
        return self.cleaned_data.get("locality") if self.is_bound else None
