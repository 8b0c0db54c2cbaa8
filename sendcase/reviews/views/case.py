"""The review forms reached from the case page: schedule a review, then record each step."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from sendcase.cases.models import PlanStatus
from sendcase.people.models import Child
from sendcase.reviews import forms, selectors, services
from sendcase.reviews.models import AnnualReview
from sendcase.staff.views.form_page import StepForm, case_page_url, child_form_view, form_page, saved_by

# What the ArrangementsForm records, both when a review is scheduled and when its arrangements change.
ARRANGEMENTS = (
    "meeting_on",
    "meeting_format",
    "access_needs",
    "is_phase_transfer",
    "transfer_kind",
    "transfer_year",
    "post16_transfer_on",
    "next_setting",
)


def _fields(d: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {name: d.get(name) for name in names}


STEPS: dict[str, StepForm] = {
    "arrangements": StepForm(
        "Change the review arrangements",
        forms.ArrangementsForm,
        saved_by(services.review_arrangements_change, "review", *ARRANGEMENTS),
        "Review arrangements saved",
        needs_la=True,
    ),
    "invitations": StepForm(
        "Record the invitations sent",
        forms.InvitationsForm,
        saved_by(services.review_invitations_send, "review", "sent_on", "advice_requested_on"),
        "Invitations recorded",
    ),
    "advice": StepForm(
        "Record the advice circulated",
        forms.AdviceForm,
        saved_by(services.review_advice_circulate, "review", "circulated_on"),
        "Advice recorded as circulated",
    ),
    "meeting": StepForm(
        "Record the review meeting",
        forms.MeetingForm,
        saved_by(services.review_meeting_record, "review", "held_on"),
        "Review meeting recorded. The next annual review is due 12 months from it",
    ),
    "report": StepForm(
        "Record the review report",
        forms.ReportForm,
        saved_by(services.review_report_record, "review", "received_on"),
        "Review report recorded",
    ),
    "decision": StepForm(
        "Record the council's decision after the review",
        forms.DecisionForm,
        saved_by(services.review_decision_record, "review", "decision", "sent_on", "cease_reason"),
        "Decision recorded",
    ),
    "amendments": StepForm(
        "Record the proposed amendments sent",
        forms.AmendmentsForm,
        saved_by(services.review_amendments_send, "review", "sent_on"),
        "Proposed amendments recorded",
    ),
    "amended-plan": StepForm(
        "Issue the amended plan",
        forms.AmendedPlanForm,
        saved_by(services.review_amended_plan_issue, "review", "issued_on", "next_setting"),
        "Amended plan issued",
        needs_la=True,
    ),
    "no-amendment": StepForm(
        "Record that the plan will not be amended after all",
        forms.NoAmendmentForm,
        saved_by(services.review_no_amendment_record, "review", "notified_on"),
        "Recorded that the plan will not be amended",
    ),
}


def _initial(step: str, review: AnnualReview) -> dict[str, Any]:
    """The version the person sees, and what the arrangements form changes as it stands now."""
    initial: dict[str, Any] = {"version": review.version}
    if step == "arrangements":
        initial |= {name: getattr(review, name) for name in ARRANGEMENTS}
    elif step == "amended-plan" and review.next_setting_id:
        initial["next_setting"] = review.next_setting_id
    return initial


@child_form_view
def review_new(request: HttpRequest, child: Child) -> HttpResponse:
    """Schedule the next review of the child's maintained plan."""
    plan = child.plans.filter(status=PlanStatus.ACTIVE).first()
    if plan is None:
        messages.error(
            request, f"{child.full_name} has no plan the council maintains, so there is no review to schedule"
        )
        return redirect(case_page_url(child, "reviews"))
    return form_page(
        request,
        form=forms.ArrangementsForm(request.POST or None, la_id=child.local_authority_id),
        save=lambda d: services.review_schedule(actor=request.user, plan=plan, **_fields(d, ARRANGEMENTS)),  # type: ignore[arg-type]
        success="Review scheduled. The invitations are due by the date shown",
        back=case_page_url(child, "reviews"),
        template="reviews/step_form.html",
        context={"title": "Schedule the annual review", "child": child},
    )


@child_form_view
def review_step(request: HttpRequest, child: Child, step: str) -> HttpResponse:
    """Record one step of the review in progress on the child's plan."""
    spec = STEPS.get(step)
    review = selectors.open_review_for(child)
    if spec is None or review is None:
        # A link from a page that is now out of date, e.g. the review has since been finished.
        messages.error(request, "There is no review in progress for that step. The case page shows where it stands")
        return redirect(case_page_url(child, "reviews"))
    review.child = child

    def success(saved: AnnualReview) -> str:
        # Saved, with a warning: invitations within the law's 2 weeks but later than the council's
        # own policy, or a meeting held at less than the law's 2 weeks' notice.
        warning = ""
        if step == "invitations":
            warning = services.notice_shortfall(saved)
        elif step == "meeting":
            warning = saved.short_notice
        return f"{spec.success}. {warning}" if warning else spec.success

    return form_page(
        request,
        form=spec.bind(request, child=child, initial=_initial(step, review)),
        save=lambda d: spec.save(request.user, review, d),
        success=success,
        back=case_page_url(child, "reviews"),
        template="reviews/step_form.html",
        context={"title": spec.title, "child": child, "review": review},
    )
