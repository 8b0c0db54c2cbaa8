"""The review panel the case page includes inside each plan's panel."""

from __future__ import annotations

from typing import Any

from django import template

from sendcase.core.clock import today
from sendcase.reviews.selectors import review_panel

register = template.Library()


@register.inclusion_tag("reviews/_panel.html", takes_context=True)
def plan_reviews(context: dict[str, Any], plan: Any, child: Any) -> dict[str, Any]:
    """The plan's reviews. `child` is the one the case page fetched through sendcase.access."""
    return {
        "panel": review_panel(plan=plan, child=child, today=today()),
        "child": child,
        "can_edit": context.get("can_edit", False),
    }
