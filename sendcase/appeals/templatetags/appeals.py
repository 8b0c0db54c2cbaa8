"""The case page's panel of decisions, cease proposals, mediation, appeals and Tribunal orders."""

from __future__ import annotations

from typing import Any

from django import template

from sendcase.appeals import selectors
from sendcase.appeals.models import lower_first
from sendcase.core.clock import today
from sendcase.timescales import Rule

register = template.Library()


@register.inclusion_tag("appeals/_case_panel.html", takes_context=True)
def appeals_panel(context: dict[str, Any], child: Any) -> dict[str, Any]:
    """Shown to the council's own SEND team only; partners see nothing of it."""
    user = context["request"].user
    if not selectors.can_see_appeals(user, child):
        return {"show": False}
    return {
        "show": True,
        "child": child,
        "panel": selectors.case_panel(viewer=user, child=child, today=today()),
        "can_edit": bool(context.get("can_edit")),
    }


@register.filter
def source_label(rule: Rule | None) -> str:
    """ "[SECONDARY]" or "[UNCONFIRMED]" when the rule behind a date is not confirmed in a primary source."""
    return selectors.source_label(rule)


@register.filter(name="lower_first")
def lower_first_filter(label: str) -> str:
    return lower_first(str(label))
