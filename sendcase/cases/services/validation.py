"""Checks every service makes before it writes, with messages in GOV.UK error style."""

from __future__ import annotations

import datetime as dt

from sendcase import timescales
from sendcase.core.clock import today
from sendcase.core.errors import ValidationFailed


class Checks:
    """Collects every problem with an input, so one answer names them all."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def date_required(self, field: str, value: dt.date | None, what: str) -> None:
        if value is None:
            self.add(field, f"Enter the {what}")

    def not_in_future(self, field: str, value: dt.date | None, what: str) -> None:
        if value is not None and value > today():
            self.add(field, f"The {what} must be today or in the past")

    def not_before(
        self, field: str, value: dt.date | None, earlier: dt.date | None, what: str, earlier_what: str
    ) -> None:
        if value is not None and earlier is not None and value < earlier:
            self.add(
                field,
                f"The {what} must be on or after the {earlier_what} ({timescales.format_date(earlier)})",
            )

    def raise_if_any(self, summary: str = "There is a problem") -> None:
        if self.errors:
            raise ValidationFailed(summary, field_errors=self.errors)
