"""Demo decisions, cease proposals, a mediation and Tribunal appeals for the demo council (`la` scale).

Written in bulk like the rest of the seed (no audit events: nobody did anything). Every date comes
from sendcase.timescales as the services would compute it, so the rows pass the services' checks.
The records belong to the demo officer's children where possible, so signing in as that officer
shows each state on a case page: a proposal awaiting its decision, a decision to cease inside its
appeal window, one whose window has closed, a mediation whose certificate moved the appeal
deadline, an open appeal against ceasing, and an allowed appeal with a reg 44(2) order to comply with.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from sendcase import timescales
from sendcase.appeals import letters
from sendcase.appeals.models import (
    AppealOutcome,
    AppealStatus,
    CeaseDecision,
    CeaseProposal,
    CertificateKind,
    DecisionAbout,
    DecisionNotice,
    Mediation,
    TribunalAppeal,
    TribunalOrder,
    TribunalOrderStep,
)
from sendcase.cases.models import Plan
from sendcase.demo.ids import new_uuid
from sendcase.people.models import Child, FamilyMember
from sendcase.timescales import TribunalOrderKind

ADVISER = "Dorset SEND Mediation Service: 01305 000 000, mediation@send-mediation.example"
_REASONS = {
    "2": "{first}'s needs are now met by the school's own provision, as the last two reviews showed.",
    "3": "{first} is starting a university course in September, where an EHC plan does not apply.",
    "4": "{first} has started full-time paid employment and has left education and training.",
    "contents": "Section F now sets out 15 hours a week of support from a teaching assistant.",
}


@dataclass
class _Rows:
    notices: list[DecisionNotice] = field(default_factory=list)
    proposals: list[CeaseProposal] = field(default_factory=list)
    mediations: list[Mediation] = field(default_factory=list)
    appeals: list[TribunalAppeal] = field(default_factory=list)
    orders: list[TribunalOrder] = field(default_factory=list)
    steps: list[TribunalOrderStep] = field(default_factory=list)


@dataclass(frozen=True)
class AppealsTotals:
    notices: int
    proposals: int
    appeals: int


def _candidates(plans: dict[object, Plan], children: Sequence[Child], officer_id: object, today: dt.date) -> list[Plan]:
    """Plans of at least a year, the demo officer's children first, in a stable order."""
    by_pk = {c.pk: c for c in children}
    old = [p for p in plans.values() if p.issued_on <= today - dt.timedelta(days=400) and p.child_id in by_pk]
    return sorted(old, key=lambda p: (by_pk[p.child_id].key_worker_id != officer_id, str(p.pk)))


def seed_appeals(
    *,
    children: Sequence[Child],
    active_plans: dict[object, Plan],
    open_cases: set[object],
    main_contacts: dict[object, FamilyMember],
    officer_id: object,
    council: str,
    rng: random.Random,
    today: dt.date,
) -> AppealsTotals:
    """Write the demo's appeals rows for plans without an open request."""
    plans = [p for p in _candidates(active_plans, children, officer_id, today) if p.child_id not in open_cases][:6]
    if len(plans) < 6:
        return AppealsTotals(0, 0, 0)
    by_pk = {c.pk: c for c in children}
    rows = _Rows()
    day = lambda n: today - dt.timedelta(days=n)  # noqa: E731

    def notice(
        plan: Plan, about: str, sent: dt.date, reasons: str, *, cease_on: dt.date | None = None
    ) -> DecisionNotice:
        child = by_pk[plan.child_id]
        contact = main_contacts.get(child.pk)
        addressee = str(contact) if contact else f"parent or carer of {child.full_name}"
        text = letters.compose(
            letters.LetterFacts(
                council=council,
                child_name=child.full_name,
                child_first_name=child.first_name,
                addressee=addressee,
                about=about,
                regulation=DecisionNotice(about=about).regulation,
                decided_on=sent,
                sent_on=sent,
                reasons=reasons.format(first=child.first_name),
                mediation_adviser=ADVISER,
                appeal_deadline=timescales.appeal_deadline(sent),
                mediation_deadline=timescales.mediation_contact_deadline(sent),
                cease_on=cease_on,
            )
        )
        row = DecisionNotice(
            id=new_uuid(rng),
            child_id=child.pk,
            about=about,
            plan=plan,
            decided_on=sent,
            sent_on=sent,
            reasons=reasons.format(first=child.first_name),
            mediation_adviser=ADVISER,
            addressee=addressee,
            appeal_deadline_on=timescales.appeal_deadline(sent),
            mediation_contact_by=timescales.mediation_contact_deadline(sent),
            letter_text=text,
        )
        rows.notices.append(row)
        return row

    def proposal(plan: Plan, reason: str, proposed: dt.date, *, sent: dt.date | None = None) -> CeaseProposal:
        child = by_pk[plan.child_id]
        if (today - child.date_of_birth).days < 17 * 365:
            reason = "2"  # higher education and employment are for young people
        consulted = proposed + dt.timedelta(days=14)
        row = CeaseProposal(
            id=new_uuid(rng),
            plan=plan,
            reason=reason,
            proposed_on=proposed,
            family_consulted_on=consulted,
            setting_consulted_on=consulted if plan.named_setting_id else None,
        )
        if sent is not None:
            ends = timescales.earliest_cease_date(sent)
            row.decision, row.decision_on, row.cease_effective_on = CeaseDecision.CEASE, sent, ends
            row.notice = notice(plan, DecisionAbout.CEASE, sent, _REASONS[reason], cease_on=ends)
        rows.proposals.append(row)
        return row

    # Cease proposals: awaiting the decision; inside the appeal window; window closed, ready to end.
    proposal(plans[0], "2", day(30))
    proposal(plans[1], "3", day(60), sent=day(20))
    proposal(plans[2], "4", day(110), sent=day(75))
    # An appeal against ceasing, still open: the plan is maintained until it ends (s.45 CFA).
    held = proposal(plans[3], "2", day(90), sent=day(50))
    held.cease_effective_on = None
    rows.appeals.append(
        TribunalAppeal(
            id=new_uuid(rng),
            notice=held.notice,
            lodged_on=day(20),
            grounds="cease",
            status=AppealStatus.HEARING_LISTED,
            hearing_on=today + dt.timedelta(days=60),
        )
    )
    # Mediation whose certificate moved the appeal deadline (r.20(1)(c)(ii)).
    mediated = notice(plans[4], DecisionAbout.PLAN_CONTENTS, day(55), _REASONS["contents"])
    certificate = day(10)
    mediated.appeal_deadline_on = timescales.appeal_deadline(mediated.sent_on, certificate)
    rows.mediations.append(
        Mediation(
            id=new_uuid(rng),
            notice=mediated,
            contacted_adviser_on=day(45),
            mediation_held_on=day(14),
            agreement="The council will add weekly speech and language therapy to section F; the family "
            "still disagrees about the hours of support.",
            certificate_issued_on=certificate,
            certificate_kind=CertificateKind.AFTER_MEDIATION,
        )
    )
    # An appeal the Tribunal allowed, with an order to amend the plan (reg 44(2)(e) [SECONDARY]).
    appealed = notice(plans[5], DecisionAbout.PLAN_CONTENTS, day(200), _REASONS["contents"])
    appealed.appeal_deadline_on = timescales.appeal_deadline(appealed.sent_on, day(185))
    rows.mediations.append(
        Mediation(
            id=new_uuid(rng),
            notice=appealed,
            contacted_adviser_on=day(190),
            certificate_issued_on=day(185),
            certificate_kind=CertificateKind.NOT_WISH,
        )
    )
    allowed = TribunalAppeal(
        id=new_uuid(rng),
        notice=appealed,
        lodged_on=day(170),
        grounds="needs_provision",
        status=AppealStatus.CONCLUDED,
        hearing_on=day(30),
        concluded_on=day(30),
        outcome=AppealOutcome.ALLOWED,
    )
    rows.appeals.append(allowed)
    order = TribunalOrder(id=new_uuid(rng), appeal=allowed, kind=TribunalOrderKind.AMEND_CONTENT, made_on=day(30))
    rows.orders.append(order)
    rows.steps += [
        TribunalOrderStep(id=new_uuid(rng), order=order, step=step, due_on=due)
        for step, due in timescales.tribunal_order_deadlines(TribunalOrderKind.AMEND_CONTENT, order.made_on).items()
    ]

    for model, batch in (
        (DecisionNotice, rows.notices),
        (CeaseProposal, rows.proposals),
        (Mediation, rows.mediations),
        (TribunalAppeal, rows.appeals),
        (TribunalOrder, rows.orders),
        (TribunalOrderStep, rows.steps),
    ):
        model.objects.bulk_create(batch)  # type: ignore[attr-defined]
    return AppealsTotals(len(rows.notices), len(rows.proposals), len(rows.appeals))
