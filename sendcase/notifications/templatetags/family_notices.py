"""The case page's list of letters, calls and messages to the family, with links to preview letters."""

from __future__ import annotations

from typing import Any

from django import template

from sendcase.notifications.selectors import family_messages_for_child

register = template.Library()

SHOWN = 20


@register.inclusion_tag("notifications/_family_messages.html", takes_context=True)
def family_messages(context: dict[str, Any], child: Any) -> dict[str, Any]:
    """Only the SEND team of the child's council sees it (the selector returns nothing to anyone else)."""
    user = context["request"].user
    rows = list(family_messages_for_child(user, child)[: SHOWN + 1])
    return {
        "child": child,
        "show": user.is_send_team and user.local_authority_id == child.local_authority_id,
        "family_messages": rows[:SHOWN],
        "more": len(rows) > SHOWN,
    }
