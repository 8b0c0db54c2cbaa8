"""Every change to an annual review goes through these services.

Each validates fully before writing, then runs in one audited transaction with an optimistic
version check, as the cases services do.
"""

from sendcase.reviews.services.arrangements import (
    NOTICE_REFUSED,
    notice_shortfall,
    review_advice_circulate,
    review_arrangements_change,
    review_invitations_send,
    review_schedule,
)
from sendcase.reviews.services.outcome import (
    NO_PROPOSAL,
    plan_last_review_set,
    review_amended_plan_issue,
    review_amendments_send,
    review_decision_record,
    review_meeting_record,
    review_no_amendment_record,
    review_report_record,
)

__all__ = [
    "NOTICE_REFUSED",
    "NO_PROPOSAL",
    "notice_shortfall",
    "plan_last_review_set",
    "review_advice_circulate",
    "review_amended_plan_issue",
    "review_amendments_send",
    "review_arrangements_change",
    "review_decision_record",
    "review_invitations_send",
    "review_meeting_record",
    "review_no_amendment_record",
    "review_report_record",
    "review_schedule",
]
