"""Sections the case page includes: why the viewer may see the record, the team and the discussion."""

from __future__ import annotations

from typing import Any

from django import template

from sendcase import access
from sendcase.core.clock import today
from sendcase.teams import selectors

register = template.Library()


@register.inclusion_tag("teams/_relationship.html", takes_context=True)
def relationship_note(context: dict[str, Any], child: Any) -> dict[str, Any]:
    """For partners only: the relationship that lets them open this record."""
    user = context["request"].user
    why = None if user.is_send_team else access.relationship_of(user, child)
    return {"why": why}


@register.inclusion_tag("teams/_case_section.html", takes_context=True)
def team_and_discussion(context: dict[str, Any], child: Any) -> dict[str, Any]:
    user = context["request"].user
    return {"child": child, "section": selectors.team_section(viewer=user, child=child, on=today()), "user": user}
