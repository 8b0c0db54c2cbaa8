"""The case page's list of letters, calls and messages to the family, with links to preview letters."""

from __future__ import annotations

from typing import Any

from django import template

from sendcase.notifications.family.routing import young_person_account
from sendcase.notifications.models import YoungPersonContact
from sendcase.notifications.selectors import family_messages_for_child

register = template.Library()

SHOWN = 20


@register.inclusion_tag("notifications/_family_messages.html", takes_context=True)
def family_messages(context: dict[str, Any], child: Any) -> dict[str, Any]:
    """Only the SEND team of the child's council sees it (the selector returns nothing to anyone else)."""
    user = context["request"].user
    show = user.is_send_team and user.local_authority_id == child.local_authority_id
    rows = list(family_messages_for_child(user, child).select_related("letter")[: SHOWN + 1])
    # A young person with their own account is written to in the language recorded for them.
    young_person = None
    if show and young_person_account(child) is not None:
        young_person = YoungPersonContact.objects.filter(child=child).first() or YoungPersonContact(child=child)
    return {
        "child": child,
        "show": show,
        "family_messages": rows[:SHOWN],
        "more": len(rows) > SHOWN,
        "young_person": young_person,
        "can_change": user.can_do_casework,
    }
