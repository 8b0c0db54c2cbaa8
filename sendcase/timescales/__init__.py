"""Statutory timescales for EHC needs assessments and plans (SEND Regulations 2014).

Pure functions from dates to due dates, with the rule that made each one, the exceptions the
Regulations allow, and the state of a step on a given day. No Django imports: this package is
the pure core and is tested with property-based tests. See docs/timescales.md.
"""

from .dates import add_days, add_weeks, format_date, last_day_of_period
from .exceptions import (
    ExceptionKind,
    ExceptionPeriod,
    exception_covers,
    kinds_for_limit,
    week20_exception_applies,
)
from .rules import (
    ADVICE,
    DECISION_NOT_TO_ISSUE,
    DECISION_TO_ASSESS,
    DRAFT_RESPONSE,
    FINAL_PLAN,
    REASSESSMENT_FINAL_PLAN,
    RULES,
    NeedsAssessmentDueDates,
    Rule,
    advice_due,
    decision_not_to_issue_due,
    decision_to_assess_due,
    draft_response_deadline,
    final_plan_due,
    needs_assessment_due_dates,
    reassessment_final_plan_due,
    rule,
)
from .steps import StepState, StepStatus, step_status

__all__ = [
    "ADVICE",
    "DECISION_NOT_TO_ISSUE",
    "DECISION_TO_ASSESS",
    "DRAFT_RESPONSE",
    "FINAL_PLAN",
    "REASSESSMENT_FINAL_PLAN",
    "RULES",
    "ExceptionKind",
    "ExceptionPeriod",
    "NeedsAssessmentDueDates",
    "Rule",
    "StepState",
    "StepStatus",
    "add_days",
    "add_weeks",
    "advice_due",
    "decision_not_to_issue_due",
    "decision_to_assess_due",
    "draft_response_deadline",
    "exception_covers",
    "final_plan_due",
    "format_date",
    "kinds_for_limit",
    "last_day_of_period",
    "needs_assessment_due_dates",
    "reassessment_final_plan_due",
    "rule",
    "step_status",
    "week20_exception_applies",
]
