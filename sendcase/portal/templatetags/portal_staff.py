"""The family portal's section of the staff case page (sendcase/staff/templates/staff/child.html)."""

from __future__ import annotations

from typing import Any

from django import template

from sendcase.portal.staff_selectors import staff_section

register = template.Library()


@register.inclusion_tag("portal/staff/_section.html", takes_context=True)
def family_portal_section(context: dict[str, Any], child: Any) -> dict[str, Any]:
    """Each family member's portal account, requests, messages, views, responses and documents."""
    user = context["request"].user
    return {"child": child, "section": staff_section(viewer=user, child=child)}
