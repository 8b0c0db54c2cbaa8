"""Reads for the case page's decisions and appeals panel and the managers' list, already access-filtered.

Every clock shown says which rule made it (sendcase.timescales) and whether that rule rests on a
secondary source or an unconfirmed detail, as shared/domain/statutory-timescales.md labels it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from sendcase import access, timescales
from sendcase.accounts.models import Role
from sendcase.appeals.models import (
    AppealStatus,
    CeaseDecision,
    CeaseProposal,
    DecisionNotice,
    TribunalAppeal,
    TribunalOrder,
    TribunalOrderStep,
)
from sendcase.appeals.services.ceasing import DECEASED, open_proposal
from sendcase.cases.models import Plan, PlanStatus
from sendcase.timescales import Rule, StepStatus, format_date, step_status
from sendcase.timescales.rules import STATUS_SECONDARY, STATUS_UNCONFIRMED

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child

# Where a clock leans on a detail the sources do not settle, the page says so (docs/appeals.md).
MONTHS_CONVENTION = (
    "Months are counted to the same day of the month, or the month's last day if shorter: "
    "SENDcase's convention [UNCONFIRMED]"
)
S45_SUBSECTION = "The sub-section of s.45 is [UNCONFIRMED]; the duty is stated in the DfE SEN2 guide"
S55_CERTIFICATE = "No certificate is needed for an appeal only about the school named (s.55 CFA) [SECONDARY]"
NOTES = {"months": MONTHS_CONVENTION, "s45": S45_SUBSECTION, "s55": S55_CERTIFICATE}

MANAGER_ROLES = frozenset({Role.TEAM_MANAGER, Role.ADMINISTRATOR, Role.ANALYST})


def source_label(rule: Rule | None) -> str:
    """ "[SECONDARY]" or "[UNCONFIRMED]" for a rule not confirmed in a primary source, else ""."""
    if rule is None:
        return ""
    return {STATUS_SECONDARY: "[SECONDARY]", STATUS_UNCONFIRMED: "[UNCONFIRMED]"}.get(rule.status, "")


def can_see_appeals(user: User, child: Child) -> bool:
    """Decisions, mediation and appeals are the council's own casework: its SEND team sees them."""
    return bool(user.is_send_team and user.local_authority_id == child.local_authority_id)


def require_appeals_reader(user: User, child: Child) -> None:
    if not can_see_appeals(user, child):
        raise PermissionDenied("Decision letters and appeals are for the council's SEND team.")


@dataclass(frozen=True)
class StepView:
    step: TribunalOrderStep
    status: StepStatus


@dataclass(frozen=True)
class OrderView:
    order: TribunalOrder
    rule: Rule
    source: str
    steps: list[StepView]


@dataclass(frozen=True)
class AppealView:
    appeal: TribunalAppeal
    late: bool
    orders: list[OrderView]


@dataclass(frozen=True)
class NoticeView:
    notice: DecisionNotice
    window_open: bool
    window_text: str
    appeal_clock: StepStatus
    mediation_clock: StepStatus
    appeals: list[AppealView]
    has_open_appeal: bool

    @property
    def mediation(self):  # type: ignore[no-untyped-def]
        return getattr(self.notice, "mediation", None)


@dataclass(frozen=True)
class ProposalView:
    proposal: CeaseProposal
    text: str
    can_consult: bool
    can_decide: bool
    can_finalise: bool


@dataclass
class CasePanel:
    notices: list[NoticeView]
    proposals: list[ProposalView]
    active_plan: Plan | None
    can_propose: bool
    appeal_rule: Rule = timescales.APPEAL
    mediation_rule: Rule = timescales.MEDIATION_CONTACT
    cease_rule: Rule = timescales.MAINTAIN_UNTIL_APPEAL_ENDS
    notes: dict[str, str] = field(default_factory=lambda: dict(NOTES))


def order_view(order: TribunalOrder, *, today: dt.date) -> OrderView:
    rule = order.order_kind.rule
    steps = [
        StepView(s, step_status(due=None if s.not_needed else s.due_on, done=s.complied_on, today=today, rule=rule))
        for s in order.steps.all()
    ]
    return OrderView(order, rule, source_label(rule), steps)


def _window_text(notice: DecisionNotice, *, today: dt.date, open_appeal: TribunalAppeal | None) -> str:
    deadline = format_date(notice.appeal_deadline_on)
    if open_appeal is not None:
        return f"Appeal lodged {format_date(open_appeal.lodged_on)}; the window was open until {deadline}"
    if notice.window_open_on(today):
        return f"Appeal window open until {deadline}"
    return f"Appeal window closed: it ended on {deadline}"


def notice_view(notice: DecisionNotice, *, today: dt.date) -> NoticeView:
    appeals = list(notice.appeals.all())
    open_appeal = next((a for a in appeals if a.is_open), None)
    lodged = min((a.lodged_on for a in appeals), default=None)
    mediation = getattr(notice, "mediation", None)
    return NoticeView(
        notice=notice,
        window_open=notice.window_open_on(today),
        window_text=_window_text(notice, today=today, open_appeal=open_appeal),
        appeal_clock=step_status(due=notice.appeal_deadline_on, done=lodged, today=today, rule=timescales.APPEAL),
        mediation_clock=step_status(
            due=notice.mediation_contact_by,
            done=mediation.contacted_adviser_on if mediation else None,
            today=today,
            rule=timescales.MEDIATION_CONTACT,
        ),
        appeals=[
            AppealView(a, a.lodged_on > notice.appeal_deadline_on, [order_view(o, today=today) for o in a.orders.all()])
            for a in appeals
        ],
        has_open_appeal=open_appeal is not None,
    )


def _proposal_view(proposal: CeaseProposal, notices: dict[object, NoticeView], *, today: dt.date) -> ProposalView:
    plan = proposal.plan
    active = plan.status == PlanStatus.ACTIVE
    undecided = not proposal.decision
    if plan.status != PlanStatus.ACTIVE and plan.ceased_on:
        text = f"Plan ceased on {format_date(plan.ceased_on)}"
    elif proposal.reason == DECEASED:
        text = f"Recorded on {format_date(proposal.proposed_on)} that the child or young person has died. End the plan"
    elif undecided and proposal.family_consulted_on is None:
        how = " in the annual review's decision letter" if proposal.review_id else ""
        text = (
            f"Family told on {format_date(proposal.proposed_on)}{how} that ceasing is being considered. "
            "Next: consult the family and the school or institution named (reg 31(2))"
        )
    elif undecided:
        text = f"Family consulted on {format_date(proposal.family_consulted_on)}. Next: decide (reg 31(3))"
    elif proposal.decision == CeaseDecision.CONTINUE:
        text = f"Decided on {format_date(proposal.decision_on)} to continue maintaining the plan"
    else:
        nv = notices.get(proposal.notice_id)
        if nv is not None and nv.has_open_appeal:
            text = "An appeal is open: the plan is maintained until it ends (s.45 CFA)"
        elif proposal.cease_effective_on is None:
            text = "The Tribunal did not uphold the decision: the plan continues"
        elif proposal.cease_effective_on <= today:
            text = f"The plan may now end (from {format_date(proposal.cease_effective_on)})"
        else:
            until = format_date(proposal.notice.appeal_deadline_on) if proposal.notice else ""
            text = (
                f"Decided on {format_date(proposal.decision_on)} to cease. The plan is maintained until at least "
                f"{until}; it may end from {format_date(proposal.cease_effective_on)} if nobody appeals"
            )
    may_end = proposal.cease_effective_on is not None and proposal.cease_effective_on <= today
    return ProposalView(
        proposal=proposal,
        text=text,
        can_consult=active and undecided and proposal.reason != DECEASED,
        can_decide=active and undecided and proposal.reason != DECEASED,
        can_finalise=active
        and ((proposal.reason == DECEASED and undecided) or (proposal.decision == "cease" and may_end)),
    )


def _notices_for(child: Child) -> QuerySet[DecisionNotice]:
    return (
        DecisionNotice.objects.filter(child=child)
        .select_related("mediation", "request", "plan")
        .prefetch_related(
            Prefetch(
                "appeals",
                queryset=TribunalAppeal.objects.prefetch_related(
                    Prefetch("orders", queryset=TribunalOrder.objects.prefetch_related("steps"))
                ),
            )
        )
    )


def case_panel(*, viewer: User, child: Child, today: dt.date) -> CasePanel:
    """Decisions, cease proposals, mediation, appeals and orders of a child the viewer already fetched."""
    require_appeals_reader(viewer, child)
    notices = [notice_view(n, today=today) for n in _notices_for(child)]
    by_id = {nv.notice.pk: nv for nv in notices}
    proposals = [
        _proposal_view(p, by_id, today=today)
        for p in CeaseProposal.objects.filter(plan__child=child).select_related("plan", "notice")
    ]
    active_plan = Plan.objects.filter(child=child, status=PlanStatus.ACTIVE).first()
    return CasePanel(
        notices=notices,
        proposals=proposals,
        active_plan=active_plan,
        can_propose=active_plan is not None and open_proposal(active_plan) is None,
    )


# --- The managers' list -------------------------------------------------------------------------


@dataclass
class OfficerRows:
    officer: object
    appeals: list[TribunalAppeal] = field(default_factory=list)
    steps: list[StepView] = field(default_factory=list)
    ready_to_cease: list[CeaseProposal] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for s in self.steps if s.status.is_overdue)


def require_manager(user: User) -> None:
    if not (user.is_send_team and user.role in MANAGER_ROLES):
        raise PermissionDenied("The appeals list is for SEND team managers and analysts.")


def appeals_overview(*, viewer: User, today: dt.date) -> list[OfficerRows]:
    """Open appeals, outstanding Tribunal order steps and plans ready to cease, per key worker."""
    require_manager(viewer)
    visible = access.children_visible_to(viewer)
    rows: dict[object, OfficerRows] = {}

    def row(child: Child) -> OfficerRows:
        key = child.key_worker_id
        if key not in rows:
            rows[key] = OfficerRows(child.key_worker)
        return rows[key]

    appeals = (
        TribunalAppeal.objects.filter(notice__child__in=visible)
        .exclude(status=AppealStatus.CONCLUDED)
        .select_related("notice__child__key_worker")
        .order_by("hearing_on", "lodged_on")
    )
    for appeal in appeals:
        row(appeal.notice.child).appeals.append(appeal)
    steps = (
        TribunalOrderStep.objects.filter(
            order__appeal__notice__child__in=visible, complied_on__isnull=True, not_needed=False
        )
        .select_related("order__appeal__notice__child__key_worker")
        .order_by("due_on")
    )
    for s in steps:
        rule = s.order.order_kind.rule
        row(s.order.appeal.notice.child).steps.append(
            StepView(s, step_status(due=s.due_on, done=None, today=today, rule=rule))
        )
    ready = (
        CeaseProposal.objects.filter(
            plan__child__in=visible,
            plan__status=PlanStatus.ACTIVE,
            decision=CeaseDecision.CEASE,
            cease_effective_on__lte=today,
        )
        .select_related("plan__child__key_worker", "notice")
        .order_by("cease_effective_on")
    )
    for proposal in ready:
        row(proposal.plan.child).ready_to_cease.append(proposal)
    return sorted(rows.values(), key=lambda r: (r.officer is None, str(r.officer or "")))


# --- One record of a child already fetched through the access module ---------------------------

NOT_FOUND = "No such record for this child."


def notice_get(child: Child, notice_id: object) -> DecisionNotice:
    notice = DecisionNotice.objects.filter(pk=notice_id, child=child).select_related("child__local_authority").first()
    if notice is None:
        raise Http404(NOT_FOUND)
    notice.child = child
    return notice


def appeal_get(child: Child, appeal_id: object) -> TribunalAppeal:
    appeal = TribunalAppeal.objects.filter(pk=appeal_id, notice__child=child).select_related("notice").first()
    if appeal is None:
        raise Http404(NOT_FOUND)
    appeal.notice.child = child
    return appeal


def order_step_get(child: Child, step_id: object) -> TribunalOrderStep:
    step = (
        TribunalOrderStep.objects.filter(pk=step_id, order__appeal__notice__child=child)
        .select_related("order__appeal__notice")
        .first()
    )
    if step is None:
        raise Http404(NOT_FOUND)
    step.order.appeal.notice.child = child
    return step


def proposal_get(child: Child, proposal_id: object) -> CeaseProposal:
    proposal = (
        CeaseProposal.objects.filter(pk=proposal_id, plan__child=child)
        .select_related("plan__named_setting", "notice")
        .first()
    )
    if proposal is None:
        raise Http404(NOT_FOUND)
    proposal.plan.child = child
    return proposal


def last_mediation_adviser(child: Child) -> str:
    """The mediation adviser the council named last, to fill in the next letter."""
    return (
        DecisionNotice.objects.filter(child__local_authority_id=child.local_authority_id)
        .order_by("-created_at")
        .values_list("mediation_adviser", flat=True)
        .first()
        or ""
    )
