"""The review forms reached from the case page: schedule a review, then record each step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sendcase import access
from sendcase.cases.models import PlanStatus
from sendcase.core.errors import ServiceError
from sendcase.reviews import forms, selectors, services
from sendcase.reviews.models import AnnualReview
from sendcase.staff.views.base import apply_service_error, staff_view


def _arrangements(user: Any, review: AnnualReview, d: dict[str, Any]) -> AnnualReview:
    return services.review_arrangements_change(
        actor=user,
        review=review,
        meeting_on=d["meeting_on"],
        meeting_format=d.get("meeting_format", ""),
        access_needs=d.get("access_needs", ""),
        is_phase_transfer=d.get("is_phase_transfer", False),
        transfer_kind=d.get("transfer_kind", ""),
        transfer_year=d.get("transfer_year"),
        post16_transfer_on=d.get("post16_transfer_on"),
        next_setting=d.get("next_setting"),
        expected_version=d.get("version"),
    )


@dataclass(frozen=True)
class ReviewStepForm:
    """One recordable review step: its title, its form, the one service it calls, its message."""

    title: str
    form: type[Any]
    save: Callable[[Any, AnnualReview, dict[str, Any]], AnnualReview]
    success: str
    needs_la: bool = False


STEPS: dict[str, ReviewStepForm] = {
    "arrangements": ReviewStepForm(
        "Change the review arrangements", forms.ArrangementsForm, _arrangements, "Review arrangements saved", True
    ),
    "invitations": ReviewStepForm(
        "Record the invitations sent",
        forms.InvitationsForm,
        lambda user, r, d: services.review_invitations_send(
            actor=user,
            review=r,
            sent_on=d["sent_on"],
            advice_requested_on=d.get("advice_requested_on"),
            expected_version=d.get("version"),
        ),
        "Invitations recorded",
    ),
    "advice": ReviewStepForm(
        "Record the advice circulated",
        forms.AdviceForm,
        lambda user, r, d: services.review_advice_circulate(
            actor=user, review=r, circulated_on=d["circulated_on"], expected_version=d.get("version")
        ),
        "Advice recorded as circulated",
    ),
    "meeting": ReviewStepForm(
        "Record the review meeting",
        forms.MeetingForm,
        lambda user, r, d: services.review_meeting_record(
            actor=user, review=r, held_on=d["held_on"], expected_version=d.get("version")
        ),
        "Review meeting recorded. The next annual review is due 12 months from it",
    ),
    "report": ReviewStepForm(
        "Record the review report",
        forms.ReportForm,
        lambda user, r, d: services.review_report_record(
            actor=user, review=r, received_on=d["received_on"], expected_version=d.get("version")
        ),
        "Review report recorded",
    ),
    "decision": ReviewStepForm(
        "Record the council's decision after the review",
        forms.DecisionForm,
        lambda user, r, d: services.review_decision_record(
            actor=user, review=r, decision=d["decision"], sent_on=d["sent_on"], expected_version=d.get("version")
        ),
        "Decision recorded",
    ),
    "amendments": ReviewStepForm(
        "Record the proposed amendments sent",
        forms.AmendmentsForm,
        lambda user, r, d: services.review_amendments_send(
            actor=user, review=r, sent_on=d["sent_on"], expected_version=d.get("version")
        ),
        "Proposed amendments recorded",
    ),
    "amended-plan": ReviewStepForm(
        "Issue the amended plan",
        forms.AmendedPlanForm,
        lambda user, r, d: services.review_amended_plan_issue(
            actor=user,
            review=r,
            issued_on=d["issued_on"],
            next_setting=d.get("next_setting"),
            expected_version=d.get("version"),
        ),
        "Amended plan issued",
        True,
    ),
    "no-amendment": ReviewStepForm(
        "Record that the plan will not be amended after all",
        forms.NoAmendmentForm,
        lambda user, r, d: services.review_no_amendment_record(
            actor=user, review=r, notified_on=d["notified_on"], expected_version=d.get("version")
        ),
        "Recorded that the plan will not be amended",
    ),
}


def _back(child_id: object) -> str:
    return reverse("staff:child", kwargs={"child_id": child_id}) + "#reviews"


@staff_view
def review_new(request: HttpRequest, child_id: str) -> HttpResponse:
    """Schedule the next review of the child's maintained plan."""
    child = access.child_get_for_user(request.user, child_id, for_write=True)  # type: ignore[arg-type]
    plan = child.plans.filter(status=PlanStatus.ACTIVE).first()
    if plan is None:
        messages.error(
            request, f"{child.full_name} has no plan the council maintains, so there is no review to schedule"
        )
        return redirect(_back(child.pk))
    form = forms.ArrangementsForm(request.POST or None, la_id=child.local_authority_id)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.review_schedule(
                actor=request.user,  # type: ignore[arg-type]
                plan=plan,
                meeting_on=d["meeting_on"],
                meeting_format=d.get("meeting_format", ""),
                access_needs=d.get("access_needs", ""),
                is_phase_transfer=d.get("is_phase_transfer", False),
                transfer_kind=d.get("transfer_kind", ""),
                transfer_year=d.get("transfer_year"),
                post16_transfer_on=d.get("post16_transfer_on"),
                next_setting=d.get("next_setting"),
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Review scheduled. The invitations are due by the date shown")
            return redirect(_back(child.pk))
    return render(
        request, "reviews/step_form.html", {"form": form, "title": "Schedule the annual review", "child": child}
    )


@staff_view
def review_step(request: HttpRequest, child_id: str, step: str) -> HttpResponse:
    """Record one step of the review in progress on the child's plan."""
    child = access.child_get_for_user(request.user, child_id, for_write=True)  # type: ignore[arg-type]
    spec = STEPS.get(step)
    review = selectors.open_review_for(child)
    if spec is None or review is None:
        # A link from a page that is now out of date, e.g. the review has since been finished.
        messages.error(request, "There is no review in progress for that step. The case page shows where it stands")
        return redirect(_back(child.pk))
    review.child = child
    kwargs: dict[str, Any] = {"la_id": child.local_authority_id} if spec.needs_la else {}
    initial: dict[str, Any] = {"version": review.version}
    if step == "arrangements":
        initial |= {
            name: getattr(review, name)
            for name in (
                "meeting_on",
                "meeting_format",
                "access_needs",
                "is_phase_transfer",
                "transfer_kind",
                "transfer_year",
                "post16_transfer_on",
                "next_setting",
            )
        }
    elif step == "amended-plan" and review.next_setting_id:
        initial["next_setting"] = review.next_setting_id
    form = spec.form(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            saved = spec.save(request.user, review, form.cleaned_data)
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            warning = services.notice_shortfall(saved) if step == "invitations" else ""
            messages.success(request, f"{spec.success}. {warning}" if warning else spec.success)
            return redirect(_back(child.pk))
    return render(
        request, "reviews/step_form.html", {"form": form, "title": spec.title, "child": child, "review": review}
    )
