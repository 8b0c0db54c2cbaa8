"""The message telling a school its list of reviews for a term is ready.

It goes to the school's shared mailbox through sendcase.notifications, so like every SENDcase
message it carries no child's name: the count, the term and the date only. The names travel in
the list itself, which the SEND team sends securely (or the school reads in SENDcase).
"""

from __future__ import annotations

from sendcase.notifications.catalogue import TEMPLATES, MessageTemplate

REVIEW_LIST = MessageTemplate(
    "review_list",
    "Annual reviews due in the {{ term }}: {{ count }} children",
    frozenset({"council", "term", "count", "list_due", "link"}),
)


def register_message_templates() -> None:
    """Add the review messages to the notifications catalogue (called once, when Django starts)."""
    TEMPLATES.setdefault(REVIEW_LIST.name, REVIEW_LIST)
