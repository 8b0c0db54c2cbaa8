"""Django form fields and widgets that render as GOV.UK Design System components."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


class DateInputWidget(forms.MultiWidget):
    """The GOV.UK date input: separate day, month and year boxes."""

    template_name = "govuk/widgets/date_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets = [
            forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}
            ),
            forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}
            ),
            forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-4"}
            ),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for sub, label in zip(context["widget"]["subwidgets"], ("Day", "Month", "Year"), strict=True):
            sub["label"] = label
        return context


class DateField(forms.MultiValueField):
    """A date entered in three boxes, with GOV.UK's messages for each way it can be wrong."""

    widget = DateInputWidget

    def __init__(self, *, what: str = "date", **kwargs: Any) -> None:
        self.what = what
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        kwargs.setdefault("require_all_fields", False)
        super().__init__(fields, **kwargs)

    def compress(self, data_list: list[str]) -> dt.date | None:
        if not data_list or not any(data_list):
            if self.required:
                raise ValidationError(f"Enter the {self.what}")
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(f"The {self.what} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(f"The {self.what} must be a real date, in numbers, like 27 3 2025")
        if len(year) != 4:
            raise ValidationError(f"The year of the {self.what} must have 4 numbers, like 2025")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError(f"The {self.what} must be a real date") from exc

    def clean(self, value: Any) -> Any:
        # MultiValueField reports "required" per sub-field; one clear message reads better.
        if not value or not any(value):
            if self.required:
                raise ValidationError(f"Enter the {self.what}")
            return None
        return self.compress(list(value))


class GovUKFormMixin:
    """Adds GOV.UK classes to widgets and exposes errors for the error summary."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "govuk-textarea")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "govuk-select")
            elif isinstance(widget, forms.RadioSelect | forms.CheckboxInput | DateInputWidget | forms.HiddenInput):
                pass
            elif isinstance(widget, forms.widgets.Input):
                widget.attrs.setdefault("class", "govuk-input")

    def add_service_errors(self, field_errors: dict[str, str]) -> None:
        for name, message in field_errors.items():
            self.add_error(name if name in self.fields else None, message)  # type: ignore[attr-defined]

    @property
    def error_list(self) -> list[tuple[str, str]]:
        """(anchor id, message) pairs for the GOV.UK error summary, in field order."""
        items: list[tuple[str, str]] = []
        form: Any = self
        for message in form.non_field_errors():
            items.append(("", message))
        for name, field in form.fields.items():
            for message in form.errors.get(name, []):
                bound = form[name]
                anchor = bound.auto_id + ("_0" if isinstance(field, DateField) else "")
                if isinstance(field.widget, forms.RadioSelect):
                    anchor = bound.auto_id + "_0"
                items.append((anchor, message))
        return items
