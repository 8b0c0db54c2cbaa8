"""Walking a maintained plan through every step after it that the family is told about.

The plan taken over from another council, reviews (a meeting moved after the invitations went,
the review report, keep, amend with proposed amendments and the amended plan, not amending
after all), a proposal to cease and the decision to cease, a decision notice, a mediation
certificate, a Tribunal order, and the plan ending. Each step is recorded through its service,
and the family notices it wrote are collected by notice. TODAY is 2 June 2025 (tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sendcase.appeals import services as appeals
from sendcase.cases.models import Plan
from sendcase.notifications.models import OutboxMessage
from sendcase.reviews import services as reviews

D = dt.date
ADVISER = "Dorset Mediation Service, 01305 000000"
CEASE_REASONS = "The school can meet the needs from its own budget.\n\nEvery outcome in section E has been met."
CONTENTS_REASONS = "Section F gives 20 hours a week of help from a teaching assistant."


@dataclass
class AfterPlan:
    plan: Plan | None = None
    by_notice: dict[str, list[OutboxMessage]] = field(default_factory=dict)


FROM_LA = "865"  # the council the plan was taken over from (Wiltshire's DfE number)


def versioned_plan(officer, child, setting) -> Plan:
    """A plan issued on 10 June 2024 by LA 865, taken over on 6 January 2025, with complete content
    as version 1, so it can be amended."""
    from sendcase.cases import services
    from sendcase.plans.services import plan_version_issue
    from tests.plans.builders import complete_content, write_content

    plan = services.transfer_in_record(
        actor=officer,
        child=child,
        from_la=FROM_LA,
        plan_issued_on=D(2024, 6, 10),
        transferred_on=D(2025, 1, 6),
        named_setting=setting,
    )
    write_content(officer, plan, complete_content(setting, D(2025, 6, 2)))
    plan_version_issue(actor=officer, plan=plan, kind="issued", issued_on=plan.issued_on)
    return plan


class _Collector:
    def __init__(self, child, walk: AfterPlan) -> None:
        self.child, self.walk = child, walk

    def __call__(self, notice: str, step):
        before = set(OutboxMessage.objects.filter(child=self.child).values_list("pk", flat=True))
        result = step()
        self.walk.by_notice[notice] = list(
            OutboxMessage.objects.filter(child=self.child, notice=notice).exclude(pk__in=before).order_by("created_at")
        )
        return result


def held_review(officer, plan, *, meeting: dt.date, invited: dt.date):
    review = reviews.review_schedule(actor=officer, plan=plan, meeting_on=meeting, meeting_format="in_person")
    review = reviews.review_invitations_send(actor=officer, review=review, sent_on=invited, expected_version=None)
    return reviews.review_meeting_record(actor=officer, review=review, held_on=meeting, expected_version=None)


def walk_reviews(officer, plan, step: _Collector) -> None:
    """Move a meeting and get its report, keep the plan (March), amend it (April to May), then propose
    changes and not make them (May)."""
    review = reviews.review_schedule(actor=officer, plan=plan, meeting_on=D(2025, 2, 24), meeting_format="in_person")
    review = reviews.review_invitations_send(actor=officer, review=review, sent_on=D(2025, 2, 7), expected_version=None)
    review = step(
        "review_moved",
        lambda: reviews.review_arrangements_change(
            actor=officer,
            review=review,
            meeting_on=D(2025, 3, 3),
            meeting_format="in_person",
            access_needs="",
            is_phase_transfer=False,
            transfer_kind="",
            transfer_year=None,
            post16_transfer_on=None,
            next_setting=None,
            expected_version=None,
        ),
    )
    review = reviews.review_meeting_record(actor=officer, review=review, held_on=D(2025, 3, 3), expected_version=None)
    review = step(
        "review_report",
        lambda: reviews.review_report_record(
            actor=officer, review=review, received_on=D(2025, 3, 10), expected_version=None
        ),
    )
    step(
        "review_decision",
        lambda: reviews.review_decision_record(
            actor=officer, review=review, decision="maintain", sent_on=D(2025, 3, 20), expected_version=None
        ),
    )
    review = held_review(officer, plan, meeting=D(2025, 4, 1), invited=D(2025, 3, 10))
    review = reviews.review_decision_record(
        actor=officer, review=review, decision="amend", sent_on=D(2025, 4, 20), expected_version=None
    )
    review = step(
        "amendments_proposed",
        lambda: reviews.review_amendments_send(
            actor=officer, review=review, sent_on=D(2025, 4, 20), expected_version=None
        ),
    )
    step(
        "amended_plan",
        lambda: reviews.review_amended_plan_issue(
            actor=officer, review=review, issued_on=D(2025, 5, 20), expected_version=None
        ),
    )
    # After the amended plan of 20 May: the proposals are frozen as a version, dated after it (docs/plans.md).
    review = held_review(officer, plan, meeting=D(2025, 5, 21), invited=D(2025, 5, 6))
    review = reviews.review_decision_record(
        actor=officer, review=review, decision="amend", sent_on=D(2025, 5, 21), expected_version=None
    )
    review = reviews.review_amendments_send(actor=officer, review=review, sent_on=D(2025, 5, 21), expected_version=None)
    step(
        "no_amendment",
        lambda: reviews.review_no_amendment_record(
            actor=officer, review=review, notified_on=D(2025, 5, 23), expected_version=None
        ),
    )


def walk_ceasing(officer, plan, step: _Collector):
    """Propose ceasing the plan (13 January), consult, decide to cease it (sent 10 March), and end it (11 May)."""
    proposal = step(
        "cease_proposed",
        lambda: appeals.cease_propose(actor=officer, plan=plan, reason="2", proposed_on=D(2025, 1, 13)),
    )
    proposal = appeals.cease_consultation_record(
        actor=officer,
        proposal=proposal,
        family_consulted_on=D(2025, 1, 27),
        setting_consulted_on=D(2025, 1, 28),
        expected_version=proposal.version,
    )
    proposal = step(
        "cease_decision",
        lambda: appeals.cease_decide(
            actor=officer,
            proposal=proposal,
            decision="cease",
            decided_on=D(2025, 3, 7),
            sent_on=D(2025, 3, 10),
            reasons=CEASE_REASONS,
            mediation_adviser=ADVISER,
            expected_version=proposal.version,
        ),
    )
    # Nobody appealed by 10 May: the plan ends the day after (s.45 CFA, as the DfE SEN2 guide describes it).
    step(
        "plan_ended",
        lambda: appeals.plan_cease_finalise(
            actor=officer, proposal=proposal, ceased_on=D(2025, 5, 11), expected_version=proposal.version
        ),
    )
    return proposal


def walk_appeal(officer, child, plan, step: _Collector) -> None:
    """A notice about the plan's contents (sent 22 May), a certificate (28 May) and an order (2 June)."""
    notice = step(
        "decision_notice",
        lambda: appeals.decision_notice_send(
            actor=officer,
            child=child,
            about="plan_contents",
            decided_on=D(2025, 5, 21),
            sent_on=D(2025, 5, 22),
            reasons=CONTENTS_REASONS,
            mediation_adviser=ADVISER,
            plan=plan,
        ),
    )
    mediation = appeals.mediation_record(actor=officer, notice=notice, contacted_adviser_on=D(2025, 5, 23))
    step(
        "mediation_certificate",
        lambda: appeals.certificate_record(
            actor=officer, mediation=mediation, issued_on=D(2025, 5, 28), kind="not_wish", expected_version=None
        ),
    )
    appeal = appeals.tribunal_appeal_lodge(
        actor=officer, notice=notice, lodged_on=D(2025, 5, 29), grounds="needs_provision"
    )
    step(
        "tribunal_order",
        lambda: appeals.tribunal_order_record(
            actor=officer, appeal=appeal, kind="amend_content", made_on=D(2025, 6, 2)
        ),
    )


def walk_after_plan(*, officer, child, setting) -> AfterPlan:
    """Every step after the plan that tells the family, in the order a council might record them."""
    walk = AfterPlan()
    step = _Collector(child, walk)
    walk.plan = plan = step("transferred_in", lambda: versioned_plan(officer, child, setting))
    walk_reviews(officer, plan, step)
    walk_appeal(officer, child, plan, step)
    walk_ceasing(officer, plan, step)
    return walk
