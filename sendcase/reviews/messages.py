"""The message telling a school its list of reviews for a term is ready.

It goes to the school's shared mailbox through sendcase.notifications, so like every SENDcase
message it carries no child's name: the count, the term, the date and a link only. The names
are on the school's page the link goes to (`/reviews/school/`), for its staff who sign in.
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
