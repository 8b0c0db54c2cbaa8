"""The draft plan stage: serving the draft, the family's response, consulting settings.

Regulations 12 to 13 and 39, SEND Regulations 2014: the family has 15 days to respond to the
draft and to ask for a school or college, which the council must consult. Same shape as every
other step (sendcase.cases.services.requests): validate fully, one audited transaction, the
version the person saw, and the caseload summary refreshed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sendcase import timescales
from sendcase.access import require_casework
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction, create_audited, diff, snapshot
from sendcase.cases.models import (
    AssessmentRequest,
    ConsultationResponse,
    IssueDecision,
    SettingConsultation,
)
from sendcase.cases.services.requests import _require_open, _save_step
from sendcase.cases.services.validation import Checks
from sendcase.core.locking import bump_version, lock_current
from sendcase.notifications.family import Notice, family_notify_step

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.organisations.models import Organisation
    from sendcase.portal.models import FamilyAccount


def draft_plan_serve(
    *, actor: User, request: AssessmentRequest, served_on: dt.date | None, expected_version: int | None
) -> AssessmentRequest:
    """Record that the draft plan was served; the family then has at least 15 days (reg 13(1))."""
    require_casework(actor, request.child)
    checks = Checks()
    _require_open(checks, request)
    if request.issue_decision != IssueDecision.ISSUE:
        checks.add("served_on", "Record a decision to issue a plan before sending the draft")
    if request.draft_served_on:
        checks.add("served_on", "The draft plan has already been recorded as served")
    checks.date_required("served_on", served_on, "date the draft plan was served")
    checks.not_before(
        "served_on", served_on, request.issue_decision_on, "date the draft was served", "decision to issue"
    )
    checks.not_in_future("served_on", served_on, "date the draft was served")
    checks.raise_if_any()
    with audited_transaction():
        current = _save_step(
            actor=actor,
            request=request,
            expected_version=expected_version,
            changes={"draft_served_on": served_on},
            summary="Draft plan served",
        )
        family_notify_step(actor=actor, request=current, notice=Notice.DRAFT_PLAN)
        return current


def family_response_record(
    *,
    actor: User | None,
    request: AssessmentRequest,
    responded_on: dt.date | None,
    requested_setting: Organisation | None,
    notes: str,
    expected_version: int | None,
    family_account: FamilyAccount | None = None,
) -> AssessmentRequest:
    """Record the family's representations on the draft and the school they asked for (reg 13(1)).

    Recorded by a case officer (`actor`), or by the family themselves through the family portal
    (`family_account`, no actor): then the account must be one that takes part for this child
    (sendcase.portal.access), the response must come within the family's 15 days and only once,
    and the audit event names the family account (sendcase.portal.audit) instead of a member of staff.
    """
    if family_account is None:
        require_casework(actor, request.child)  # type: ignore[arg-type]
    else:
        from sendcase.portal.access import Scope, child_get_for_family

        if actor is not None:
            raise ValueError("A response is recorded by a member of staff or by a family account, not both")
        child_get_for_family(family_account, request.child_id, need=Scope.EVERYTHING)  # 404 for anyone else's
    checks = Checks()
    _require_open(checks, request)
    if not request.draft_served_on:
        checks.add("responded_on", "Record that the draft plan was served before recording the family's response")
    checks.date_required("responded_on", responded_on, "date the family responded")
    checks.not_before(
        "responded_on", responded_on, request.draft_served_on, "response date", "date the draft was served"
    )
    checks.not_in_future("responded_on", responded_on, "response date")
    if requested_setting is not None and not requested_setting.is_setting:
        checks.add("requested_setting", "Select a school or setting")
    if family_account is not None and request.draft_served_on and responded_on:
        if request.family_response_on is not None:
            checks.add("responded_on", "The council already has the family's response to this draft plan")
        elif responded_on > timescales.draft_response_deadline(request.draft_served_on):
            checks.add("responded_on", "The family's 15 days to respond to the draft plan have ended")
    checks.raise_if_any()
    changes = {
        "family_response_on": responded_on,
        "family_requested_setting": requested_setting,
        "family_response_notes": notes,
    }
    summary = "Family's response to the draft plan recorded"
    if family_account is not None:
        from sendcase.portal.audit import family_claim_last_event, family_summary

        summary = family_summary(family_account, f"{summary} (sent through the family portal)")
    with audited_transaction():
        current = _save_step(
            actor=actor,  # type: ignore[arg-type]  # None when the family sent it: the summary names them
            request=request,
            expected_version=expected_version,
            changes=changes,
            summary=summary,
        )
        if family_account is not None:
            family_claim_last_event(account=family_account, instance=current)
        return current


def consultation_add(
    *, actor: User, request: AssessmentRequest, setting: Organisation | None, sent_on: dt.date | None
) -> SettingConsultation:
    """Consult a school or setting on being named in the plan."""
    require_casework(actor, request.child)
    checks = Checks()
    _require_open(checks, request)
    if setting is None or not setting.is_setting:
        checks.add("setting", "Select the school or setting being consulted")
    if not request.draft_served_on:
        checks.add("sent_on", "Send the draft plan before consulting settings on it")
    checks.date_required("sent_on", sent_on, "date the consultation was sent")
    checks.not_before("sent_on", sent_on, request.draft_served_on, "consultation date", "date the draft was served")
    checks.not_in_future("sent_on", sent_on, "consultation date")
    checks.raise_if_any()
    with audited_transaction():
        consultation = create_audited(
            SettingConsultation,
            actor=actor,
            about=request.child,
            what=f"Consulted {setting}",
            audited=["setting", "sent_on"],
            request=request,
            setting=setting,
            sent_on=sent_on,
        )
    return consultation


def consultation_response_record(
    *,
    actor: User,
    consultation: SettingConsultation,
    responded_on: dt.date | None,
    response: str,
    notes: str = "",
    expected_version: int | None,
) -> SettingConsultation:
    """Record a setting's answer to the consultation."""
    require_casework(actor, consultation.request.child)
    checks = Checks()
    if response not in ConsultationResponse.values:
        checks.add("response", "Select the setting's answer")
    checks.date_required("responded_on", responded_on, "date the setting answered")
    checks.not_before("responded_on", responded_on, consultation.sent_on, "answer date", "consultation date")
    checks.not_in_future("responded_on", responded_on, "answer date")
    checks.raise_if_any()
    fields = ["responded_on", "response", "notes"]
    with audited_transaction():
        current = lock_current(consultation, expected_version=expected_version, what="this consultation")
        before = snapshot(current, fields)
        current.responded_on, current.response, current.notes = responded_on, response, notes
        bump_version(current)
        current.modified_by = actor
        current.save()
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=current,
            child=consultation.request.child,
            summary=f"{current.setting} answered the consultation",
            changes=diff(before, snapshot(current, fields)),
        )
    return current
