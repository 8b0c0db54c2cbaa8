"""Links to the draft plan and to proposed amendments beside a child's other portal pages."""

from __future__ import annotations

from typing import Any

from django import template

from sendcase.portal.plan_reading import plan_links

register = template.Library()


@register.inclusion_tag("portal/_plan_nav.html", takes_context=True)
def family_plan_links(context: dict[str, Any]) -> dict[str, Any]:
    """The draft plan and proposed amendments this account may read now (sendcase.portal.access decided the child)."""
    family_child = context.get("family_child")
    return {
        "links": plan_links(family_child) if family_child is not None else [],
        "section": context.get("section"),
    }
