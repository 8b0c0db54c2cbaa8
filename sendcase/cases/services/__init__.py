"""Every change to a child's statutory case goes through these services.

Each one validates fully before writing, runs in one transaction, writes the audit trail with
old and new values, and refreshes the child's caseload summary.
"""

from sendcase.cases.services.advice import (
    advice_assign,
    advice_exception_record,
    advice_received_record,
    advice_request_add,
    advice_submit,
)
from sendcase.cases.services.caseload import caseload_refresh, key_worker_assign
from sendcase.cases.services.contacts import contact_log_add
from sendcase.cases.services.draft import (
    consultation_add,
    consultation_response_record,
    draft_plan_serve,
    family_response_record,
)
from sendcase.cases.services.requests import (
    assess_decision_record,
    exception_add,
    final_plan_issue,
    issue_decision_record,
    request_create,
    request_withdraw,
)
from sendcase.cases.services.transfers import plan_transfer_out, request_transfer_out, transfer_in_record

__all__ = [
    "advice_assign",
    "advice_exception_record",
    "advice_received_record",
    "advice_request_add",
    "advice_submit",
    "assess_decision_record",
    "caseload_refresh",
    "consultation_add",
    "consultation_response_record",
    "contact_log_add",
    "draft_plan_serve",
    "exception_add",
    "family_response_record",
    "final_plan_issue",
    "issue_decision_record",
    "key_worker_assign",
    "request_create",
    "plan_transfer_out",
    "request_transfer_out",
    "request_withdraw",
    "transfer_in_record",
]
