"""Template helpers for GOV.UK markup and statutory dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from sendcase import timescales
from sendcase.timescales import StepState

register = template.Library()


@register.filter
def widget_type(field: BoundField) -> str:
    return type(field.field.widget).__name__.lower()


@register.simple_tag
def field_with_error_class(field: BoundField) -> SafeString:
    attrs: dict[str, Any] = {}
    classes = field.field.widget.attrs.get("class", "")
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
        if "govuk-select" in classes:
            classes += " govuk-select--error"
        elif "govuk-textarea" in classes:
            classes += " govuk-textarea--error"
        elif "govuk-input" in classes:
            classes += " govuk-input--error"
        attrs["error"] = True
    if classes:
        attrs["class"] = classes
    if described and type(field.field.widget).__name__ != "DateInputWidget":
        attrs["aria-describedby"] = " ".join(described)
    return SafeString(field.as_widget(attrs=attrs))


@register.filter
def next_step(code: str) -> str:
    """A caseload step code in words, with the rule behind its date."""
    from sendcase.cases.selectors import step_label

    title, regulation = step_label(code)
    return f"{title} ({regulation})" if title else ""


@register.filter
def govuk_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return timescales.format_date(value)


_TAG_COLOURS = {
    StepState.DONE_ON_TIME: "green",
    StepState.DONE_LATE: "pink",
    StepState.DONE_UNDER_EXCEPTION: "purple",
    StepState.DUE: "blue",
    StepState.OVERDUE: "red",
    StepState.EXCEPTION: "yellow",
    StepState.NOT_APPLICABLE: "grey",
}
_TAG_TEXT = {
    StepState.DONE_ON_TIME: "Done on time",
    StepState.DONE_LATE: "Done late",
    StepState.DONE_UNDER_EXCEPTION: "Done, exception applied",
    StepState.DUE: "Due",
    StepState.OVERDUE: "Overdue",
    StepState.EXCEPTION: "Exception applies",
    StepState.NOT_APPLICABLE: "Not started",
}


@register.inclusion_tag("govuk/step_tag.html")
def step_tag(status: timescales.StepStatus) -> dict[str, str]:
    text = _TAG_TEXT[status.state]
    if status.state == StepState.NOT_APPLICABLE and status.done is not None:
        text = "Done"
    colour = "green" if text == "Done" else _TAG_COLOURS[status.state]
    return {"text": text, "colour": colour}
