"""`{% scorecard_chart table %}`: a table's chart as inline SVG (sendcase.scorecard.charts)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from sendcase.scorecard import charts
from sendcase.scorecard.cells import Table

register = template.Library()


@register.simple_tag
def scorecard_chart(table: Table, prefix: str = "chart") -> SafeString:
    if table.chart is None:
        return SafeString("")
    return charts.render(table.chart, f"{prefix}-{table.slug}")
