"""Sending a notice of an appealable decision, and the family's mediation and certificate.

The notice's two clocks (sendcase.timescales.appeals): the family must contact a mediation adviser
within 2 months of the notice being sent (reg 33), and the Tribunal must receive an appeal within
2 months of it, or within 1 month of a mediation certificate if that is later (Tribunal Procedure
Rules 2008 r.20(1)(c)). A certificate therefore moves the appeal deadline, and with it the first
day a plan the council decided to cease may end (s.45 CFA).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sendcase import timescales
from sendcase.access import require_casework
from sendcase.appeals import letters
from sendcase.appeals.models import CertificateKind, DecisionAbout, DecisionNotice, Mediation, lower_first
from sendcase.appeals.services.common import Checks, dated, past_date, save_changes
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction, create_audited, snapshot
from sendcase.cases.models import AssessDecision, IssueDecision, PlanStatus
from sendcase.core.locking import lock_current
from sendcase.notifications.family import family_notify_certificate, family_notify_decision_notice
from sendcase.notifications.letters import contact_for
from sendcase.people.models import FamilyLink

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.cases.models import AssessmentRequest, Plan
    from sendcase.people.models import Child
    from sendcase.reviews.models import AnnualReview

_NEEDS_REQUEST = {DecisionAbout.REFUSE_ASSESS, DecisionAbout.NOT_ISSUE}
_NEEDS_PLAN = {DecisionAbout.PLAN_CONTENTS, DecisionAbout.NOT_AMEND}


def addressee_for(child: Child) -> str:
    """Who the letter goes to: the main contact, else a parent with parental responsibility."""
    links = (
        FamilyLink.objects.filter(child=child)
        .select_related("member")
        .order_by("-main_contact", "-parental_responsibility")
    )
    link = links.first()
    return str(link.member) if link else f"parent or carer of {child.full_name}"


def check_notice(
    checks: Checks,
    *,
    decided_on: dt.date | None,
    sent_on: dt.date | None,
    reasons: str,
    mediation_adviser: str,
) -> None:
    """The checks every notice needs, whatever the decision."""
    past_date(checks, "decided_on", decided_on, "date of the decision")
    past_date(checks, "sent_on", sent_on, "date the notice was sent")
    checks.not_before("sent_on", sent_on, decided_on, "date the notice was sent", "date of the decision")
    if not reasons.strip():
        checks.add("reasons", "Enter the decision and the reasons for it, as the family will read them")
    if not mediation_adviser.strip():
        checks.add("mediation_adviser", "Enter how the family can contact the mediation adviser")


def notice_create(
    *,
    actor: User,
    child: Child,
    about: str,
    decided_on: dt.date,
    sent_on: dt.date,
    reasons: str,
    mediation_adviser: str,
    request: AssessmentRequest | None = None,
    plan: Plan | None = None,
    cease_on: dt.date | None = None,
    review: AnnualReview | None = None,
) -> DecisionNotice:
    """Write a checked notice and its letter. Call inside the service's audited transaction.

    With `review`, the family were told in the review's letter: the notice keeps a record of
    what that letter said (letters.compose_review_record) instead of a letter of its own.
    """
    addressee = addressee_for(child)
    appeal_by = timescales.appeal_deadline(sent_on)
    mediate_by = timescales.mediation_contact_deadline(sent_on)
    facts = letters.LetterFacts(
        council=child.local_authority.name,
        child_name=child.full_name,
        child_first_name=child.first_name,
        addressee=addressee,
        about=about,
        regulation=DecisionNotice(about=about).regulation,
        decided_on=decided_on,
        sent_on=sent_on,
        reasons=reasons,
        mediation_adviser=mediation_adviser,
        appeal_deadline=appeal_by,
        mediation_deadline=mediate_by,
        cease_on=cease_on,
    )
    text = letters.compose_review_record(facts) if review is not None else letters.compose(facts)
    # Not create_audited: its `about` names the child, and a notice has a field of that name.
    notice = DecisionNotice.objects.create(
        created_by=actor,
        modified_by=actor,
        child=child,
        about=about,
        request=request,
        plan=plan,
        review=review,
        decided_on=decided_on,
        sent_on=sent_on,
        reasons=reasons.strip(),
        mediation_adviser=mediation_adviser.strip(),
        addressee=addressee,
        appeal_deadline_on=appeal_by,
        mediation_contact_by=mediate_by,
        letter_text=text,
    )
    audited = [
        "about",
        "decided_on",
        "sent_on",
        "appeal_deadline_on",
        "mediation_contact_by",
        "request",
        "plan",
        "review",
    ]
    how = "told with the annual review letter" if review is not None else "sent"
    audit_change(
        actor=actor,
        action=Action.CREATE,
        instance=notice,
        child=child,
        summary=f"Decision notice {how} {timescales.format_date(sent_on)}: {lower_first(DecisionAbout(about).label)}; "
        f"appeal deadline {timescales.format_date(appeal_by)}",
        changes={name: [None, value] for name, value in snapshot(notice, audited).items()},
    )
    return notice


def council_mediation_adviser(child: Child) -> str:
    """How to reach the mediation adviser, as the family's letters give it (the council's letter details)."""
    contact = contact_for(child.local_authority)
    if not contact.mediation_name:
        return "Ask the SEND team for the mediation adviser's phone number and email address"
    parts = [contact.mediation_name]
    if contact.mediation_phone:
        parts.append(f"phone {contact.mediation_phone}")
    if contact.mediation_email:
        parts.append(f"email {contact.mediation_email}")
    return ", ".join(parts)


def review_notice_record(
    *, actor: User, review: AnnualReview, about: str, decided_on: dt.date, reasons: str
) -> DecisionNotice:
    """The notice of an appealable decision made in an annual review, inside the review service's transaction.

    Keeping the plan as it is (reg 20(10)), the amended plan (reg 22(3)) and not amending after
    all (reg 22(4)) can be appealed (s.51 CFA 2014). The review's own letter to the family gives the
    appeal and mediation deadlines, counted from the same date; this records the decision with
    those deadlines so that mediation, a certificate or a Tribunal appeal can be recorded against
    it. It sends nothing.
    """
    child = review.child
    return notice_create(
        actor=actor,
        child=child,
        about=about,
        decided_on=decided_on,
        sent_on=decided_on,
        reasons=reasons,
        mediation_adviser=council_mediation_adviser(child),
        plan=review.plan,
        review=review,
    )


def decision_notice_send(
    *,
    actor: User,
    child: Child,
    about: str,
    decided_on: dt.date | None,
    sent_on: dt.date | None,
    reasons: str,
    mediation_adviser: str,
    request: AssessmentRequest | None = None,
    plan: Plan | None = None,
) -> DecisionNotice:
    """Record that the family was sent notice of an appealable decision, with its letter (reg 32)."""
    require_casework(actor, child)
    checks = Checks()
    if about not in DecisionAbout.values:
        checks.add("about", "Select what the decision is about")
    elif about == DecisionAbout.CEASE:
        checks.add(
            "about",
            "A decision to cease a plan is recorded on the proposal to cease it, so the plan is kept "
            "until the appeal window closes (reg 31, s.45 CFA)",
        )
    check_notice(checks, decided_on=decided_on, sent_on=sent_on, reasons=reasons, mediation_adviser=mediation_adviser)
    if request is not None and request.child_id != child.pk:
        checks.add("request", "Select one of this child's requests")
    elif about in _NEEDS_REQUEST and request is None:
        checks.add("request", "Select the request this decision was made on")
    elif about == DecisionAbout.REFUSE_ASSESS and request.assess_decision != AssessDecision.NOT_ASSESS:  # type: ignore[union-attr]
        checks.add("request", "This request has no decision not to assess recorded. Record that decision first")
    elif about == DecisionAbout.NOT_ISSUE and request.issue_decision != IssueDecision.NOT_ISSUE:  # type: ignore[union-attr]
        checks.add("request", "This request has no decision not to issue a plan recorded. Record that decision first")
    elif request is not None:
        checks.not_before(
            "decided_on", decided_on, request.received_on, "date of the decision", "date the request was received"
        )
    if plan is not None and plan.child_id != child.pk:
        checks.add("plan", "Select one of this child's plans")
    elif about in _NEEDS_PLAN and (plan is None or plan.status != PlanStatus.ACTIVE):
        checks.add("plan", "Select the plan the council maintains that this decision is about")
    elif plan is not None:
        checks.not_before("decided_on", decided_on, plan.issued_on, "date of the decision", "date the plan was issued")
    if (
        not checks.errors
        and DecisionNotice.objects.filter(
            child=child, about=about, request=request, plan=plan, decided_on=decided_on
        ).exists()
    ):
        checks.add("decided_on", f"A notice of this decision of {dated(decided_on)} has already been recorded")
    checks.raise_if_any()
    with audited_transaction():
        notice = notice_create(
            actor=actor,
            child=child,
            about=about,
            decided_on=decided_on,  # type: ignore[arg-type]
            sent_on=sent_on,  # type: ignore[arg-type]
            reasons=reasons,
            mediation_adviser=mediation_adviser,
            request=request,
            plan=plan,
        )
        # Each family member is told on their own channel, in the same transaction.
        family_notify_decision_notice(actor=actor, decision_notice=notice)
        return notice


def mediation_record(
    *,
    actor: User,
    notice: DecisionNotice,
    contacted_adviser_on: dt.date | None,
    mediation_held_on: dt.date | None = None,
    agreement: str = "",
    expected_version: int | None = None,
) -> Mediation:
    """Record the family contacting the mediation adviser (reg 33), and any mediation held and agreed."""
    require_casework(actor, notice.child)
    existing = Mediation.objects.filter(notice=notice).first()
    checks = Checks()
    past_date(checks, "contacted_adviser_on", contacted_adviser_on, "date the family contacted the mediation adviser")
    checks.not_before(
        "contacted_adviser_on",
        contacted_adviser_on,
        notice.sent_on,
        "date the family contacted the mediation adviser",
        "date the decision was sent",
    )
    past_date(checks, "mediation_held_on", mediation_held_on, "date mediation took place", required=False)
    checks.not_before(
        "mediation_held_on",
        mediation_held_on,
        contacted_adviser_on,
        "date mediation took place",
        "date the family contacted the adviser",
    )
    if agreement.strip() and mediation_held_on is None:
        checks.add("mediation_held_on", "Enter the date mediation took place, to record what was agreed")
    if existing is not None and existing.certificate_issued_on and contacted_adviser_on:
        checks.not_before(
            "contacted_adviser_on",
            existing.certificate_issued_on,
            contacted_adviser_on,
            "date the certificate was issued",
            "date the family contacted the adviser",
        )
    checks.raise_if_any()
    values = {
        "contacted_adviser_on": contacted_adviser_on,
        "mediation_held_on": mediation_held_on,
        "agreement": agreement.strip(),
    }
    with audited_transaction():
        if existing is None:
            return create_audited(
                Mediation,
                actor=actor,
                about=notice.child,
                what=f"Family contacted the mediation adviser on {dated(contacted_adviser_on)}",
                audited=list(values),
                notice=notice,
                **values,
            )
        current = lock_current(existing, expected_version=expected_version, what="this mediation")
        return save_changes(
            actor=actor, instance=current, child=notice.child, changes=values, summary="Mediation updated"
        )


def certificate_record(
    *,
    actor: User,
    mediation: Mediation,
    issued_on: dt.date | None,
    kind: str,
    expected_version: int | None,
) -> Mediation:
    """Record the mediation certificate (regs 34 and 39) and move the appeal deadline (r.20(1)(c)(ii))."""
    notice = mediation.notice
    require_casework(actor, notice.child)
    checks = Checks()
    past_date(checks, "issued_on", issued_on, "date the certificate was issued")
    checks.not_before(
        "issued_on", issued_on, notice.sent_on, "date the certificate was issued", "date the decision was sent"
    )
    checks.not_before(
        "issued_on",
        issued_on,
        mediation.contacted_adviser_on,
        "date the certificate was issued",
        "date the family contacted the mediation adviser",
    )
    if kind not in CertificateKind.values:
        checks.add("kind", "Select why the certificate was issued")
    elif kind == CertificateKind.AFTER_MEDIATION:
        if mediation.mediation_held_on is None:
            checks.add("kind", "Record the date mediation took place before a certificate after mediation")
        else:
            checks.not_before(
                "issued_on",
                issued_on,
                mediation.mediation_held_on,
                "date the certificate was issued",
                "date of mediation",
            )
    checks.raise_if_any()
    with audited_transaction():
        current = lock_current(mediation, expected_version=expected_version, what="this mediation")
        save_changes(
            actor=actor,
            instance=current,
            child=notice.child,
            changes={"certificate_issued_on": issued_on, "certificate_kind": kind},
            summary=f"Mediation certificate issued {dated(issued_on)}",
        )
        deadlines_refresh(actor=actor, notice=notice)
        # Read back after the refresh: the family is told the appeal deadline the certificate gives.
        current.notice = DecisionNotice.objects.get(pk=notice.pk)
        family_notify_certificate(actor=actor, mediation=current)
    return current


def deadlines_refresh(*, actor: User, notice: DecisionNotice) -> DecisionNotice:
    """Recompute the notice's appeal deadline, and push a cease date back if it now falls inside the window."""
    from sendcase.appeals.models import CeaseProposal

    current = lock_current(notice, expected_version=None, what="this notice")
    certificate = Mediation.objects.filter(notice=current).values_list("certificate_issued_on", flat=True).first()
    appeal_by = timescales.appeal_deadline(current.sent_on, certificate)
    save_changes(
        actor=actor,
        instance=current,
        child=current.child,
        changes={"appeal_deadline_on": appeal_by},
        summary=f"Appeal deadline now {dated(appeal_by)} (Tribunal Procedure Rules 2008 r.20(1)(c))",
    )
    proposal = CeaseProposal.objects.filter(notice=current).first()
    if proposal is not None and proposal.cease_effective_on is not None:
        earliest = timescales.earliest_cease_date(current.sent_on, certificate)
        if proposal.cease_effective_on < earliest and not current.appeals.exists():
            locked = lock_current(proposal, expected_version=None, what="this proposal to cease the plan")
            save_changes(
                actor=actor,
                instance=locked,
                child=current.child,
                changes={"cease_effective_on": earliest},
                summary=f"Plan kept until the new appeal deadline; it may end from {dated(earliest)} (s.45 CFA)",
            )
    return current
