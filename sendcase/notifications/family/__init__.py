"""Family notices: each statutory step of the EHC process told to every parent, on their channel.

facts.py and facts_after_plan.py (what each notice says and its dates), routing.py (who, how,
in which language), send.py (writing the messages, letters and call tasks), actions.py (sending
a checked letter, recording a call). docs/notifications.md, "Family notices".
"""

from sendcase.notifications.family.facts import Facts, Notice
from sendcase.notifications.family.send import (
    family_notices_send,
    family_notify_cease,
    family_notify_certificate,
    family_notify_decision_notice,
    family_notify_review_invitation,
    family_notify_review_step,
    family_notify_step,
    family_notify_tribunal_order,
)

__all__ = [
    "Facts",
    "Notice",
    "family_notices_send",
    "family_notify_cease",
    "family_notify_certificate",
    "family_notify_decision_notice",
    "family_notify_review_invitation",
    "family_notify_review_step",
    "family_notify_step",
    "family_notify_tribunal_order",
]
