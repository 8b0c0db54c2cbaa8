"""Family notices: each statutory step of the EHC process told to every parent, on their channel.

facts.py, facts_after_plan.py and facts_moves.py (what each notice says and its dates), routing.py
(who, how, in which language), interpreter.py (how to get a notice explained), send.py (writing
the messages, letters and call tasks), steps.py (one function per step, for the services),
actions.py (sending a checked letter, recording a call). docs/notifications.md, "Family notices".
"""

from sendcase.notifications.family.facts import Facts, Notice
from sendcase.notifications.family.send import family_notices_send
from sendcase.notifications.family.steps import (
    family_notify_cease,
    family_notify_certificate,
    family_notify_decision_notice,
    family_notify_plan_ended,
    family_notify_plan_transfer_out,
    family_notify_review_invitation,
    family_notify_review_moved,
    family_notify_review_step,
    family_notify_step,
    family_notify_transfer_in,
    family_notify_transfer_out,
    family_notify_tribunal_order,
)

__all__ = [
    "Facts",
    "Notice",
    "family_notices_send",
    "family_notify_cease",
    "family_notify_certificate",
    "family_notify_decision_notice",
    "family_notify_plan_ended",
    "family_notify_plan_transfer_out",
    "family_notify_review_invitation",
    "family_notify_review_moved",
    "family_notify_review_step",
    "family_notify_step",
    "family_notify_transfer_in",
    "family_notify_transfer_out",
    "family_notify_tribunal_order",
]
