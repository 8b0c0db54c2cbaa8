"""Ceasing a plan: propose, consult, decide with appeal rights, and end it when the law allows."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from sendcase.appeals import forms, selectors, services
from sendcase.cases.models import Plan, PlanStatus
from sendcase.people.models import Child
from sendcase.staff.views.form_page import child_form_view
from sendcase.timescales import format_date

from .base import form_page


@child_form_view
def cease_new(request: HttpRequest, child: Child) -> HttpResponse:
    plan = Plan.objects.filter(child=child, status=PlanStatus.ACTIVE).select_related("named_setting").first()
    if plan is None:
        raise Http404(f"{child.full_name} has no plan the council maintains.")
    plan.child = child
    return form_page(
        request,
        child=child,
        form=forms.CeaseProposeForm(request.POST or None),
        title="Propose ceasing the EHC plan",
        caption=f"Plan issued {format_date(plan.issued_on)}",
        intro="The plan stays maintained until the decision is made, the appeal window closes, and any appeal "
        "ends (regulations 29 to 31, section 45 of the Children and Families Act 2014).",
        save=lambda d: services.cease_propose(
            actor=request.user,  # type: ignore[arg-type]
            plan=plan,
            reason=d["reason"],
            proposed_on=d["proposed_on"],
            notes=d.get("notes", ""),
        ),
        success="Proposal to cease the plan recorded. Next: consult the family and the school",
    )


@child_form_view
def cease_consultation(request: HttpRequest, child: Child, proposal_id: str) -> HttpResponse:
    proposal = selectors.proposal_get(child, proposal_id)
    named = proposal.plan.named_setting
    return form_page(
        request,
        child=child,
        form=forms.CeaseConsultationForm(request.POST or None, initial={"version": proposal.version}),
        title="Record the consultation on ceasing the plan",
        caption=str(proposal),
        intro=f"Consult the family{f' and {named}' if named else ''} (regulation 31(2)).",
        save=lambda d: services.cease_consultation_record(
            actor=request.user,  # type: ignore[arg-type]
            proposal=proposal,
            family_consulted_on=d["family_consulted_on"],
            setting_consulted_on=d.get("setting_consulted_on"),
            notes=d.get("notes", ""),
            expected_version=d.get("version"),
        ),
        success="Consultation recorded",
    )


@child_form_view
def cease_decision(request: HttpRequest, child: Child, proposal_id: str) -> HttpResponse:
    proposal = selectors.proposal_get(child, proposal_id)
    initial = {"version": proposal.version, "mediation_adviser": selectors.last_mediation_adviser(child)}
    return form_page(
        request,
        child=child,
        form=forms.CeaseDecisionForm(request.POST or None, initial=initial),
        title="Record the decision on ceasing the plan",
        caption=str(proposal),
        intro="A decision to cease is sent with the family's appeal rights; SENDcase writes the letter (reg 31(3), "
        "reg 32). The plan is maintained until the appeal window closes or any appeal ends.",
        save=lambda d: services.cease_decide(
            actor=request.user,  # type: ignore[arg-type]
            proposal=proposal,
            decision=d["decision"],
            decided_on=d["decided_on"],
            sent_on=d.get("sent_on"),
            cease_on=d.get("cease_on"),
            reasons=d.get("reasons", ""),
            mediation_adviser=d.get("mediation_adviser", ""),
            expected_version=d.get("version"),
        ),
        success=lambda p: (
            f"Decision recorded. The plan is maintained until at least {format_date(p.notice.appeal_deadline_on)}"
            if p.notice
            else "Decision recorded: the plan continues"
        ),
    )


@child_form_view
def cease_finalise(request: HttpRequest, child: Child, proposal_id: str) -> HttpResponse:
    proposal = selectors.proposal_get(child, proposal_id)
    return form_page(
        request,
        child=child,
        form=forms.CeaseFinaliseForm(request.POST or None, initial={"version": proposal.version}),
        title="End the EHC plan",
        caption=str(proposal),
        intro=f"SEN2 cease reason {proposal.reason}: {proposal.get_reason_display()}.",
        save=lambda d: services.plan_cease_finalise(
            actor=request.user,  # type: ignore[arg-type]
            proposal=proposal,
            ceased_on=d["ceased_on"],
            expected_version=d.get("version"),
        ),
        success=lambda plan: f"The plan ended on {format_date(plan.ceased_on)}",
    )
