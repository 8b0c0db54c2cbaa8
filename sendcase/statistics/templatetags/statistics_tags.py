"""Showing statistics: numbers with thousands separators, percentages to one decimal, and gaps."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from sendcase.statistics.dfe import percentage_text

register = template.Library()

MARKER_WORDS = {
    "x": "not available",
    "z": "not applicable",
    "c": "confidential",
    ":": "not available",
    "": "no figure",
}


def format_figure(value: Any, percent: bool) -> str:
    """1,234 for a count; 45.9% for a percentage, as the release prints it (one decimal, none if whole)."""
    if isinstance(value, Decimal):
        if percent:
            return percentage_text(value)
        value = int(value) if value == value.to_integral_value() else value
    if isinstance(value, int):
        return f"{value:,}%" if percent else f"{value:,}"
    return str(value)


@register.simple_tag
def figure(series: Any, year: int, percent: bool) -> SafeString:
    """One table cell's content: the figure, or a dash with the reason there is none."""
    value = series.values.get(year)
    if value is not None:
        return format_html("{}", format_figure(value, percent))
    marker = series.markers.get(year, "")
    if year not in series.values and not marker:
        words = "no figure for this year"
    elif value is None and series.kind == "own":
        words = "no plans issued, so no percentage"
    else:
        words = MARKER_WORDS.get(marker, f"published as {marker}")
    return format_html('<span aria-hidden="true">–</span><span class="govuk-visually-hidden">{}</span>', words)
