"""Decision notices and their letters, mediation, certificates, Tribunal appeals and orders."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sendcase import access
from sendcase.appeals import forms, letters, selectors, services
from sendcase.appeals.models import ORDER_KIND_LABELS, AppealGround, lower_first
from sendcase.audit.models import Action
from sendcase.audit.services import audit_view
from sendcase.people.models import Child
from sendcase.staff.views.base import staff_view
from sendcase.staff.views.form_page import child_form_view
from sendcase.timescales import format_date

from .base import form_page


@child_form_view
def notice_new(request: HttpRequest, child: Child) -> HttpResponse:
    initial = {"mediation_adviser": selectors.last_mediation_adviser(child)}
    return form_page(
        request,
        child=child,
        form=forms.DecisionNoticeForm(request.POST or None, initial=initial, child=child),
        title="Send a decision notice with appeal rights",
        intro="SENDcase writes the letter with the appeal and mediation deadlines worked out (reg 32).",
        save=lambda d: services.decision_notice_send(
            actor=request.user,  # type: ignore[arg-type]
            child=child,
            about=d["about"],
            decided_on=d["decided_on"],
            sent_on=d["sent_on"],
            reasons=d.get("reasons", ""),
            mediation_adviser=d.get("mediation_adviser", ""),
            request=d.get("request"),
            plan=d.get("plan"),
        ),
        success=lambda n: f"Decision notice recorded. The family can appeal until {format_date(n.appeal_deadline_on)}",
    )


def _readable_notice(request: HttpRequest, child_id: str, notice_id: str):  # type: ignore[no-untyped-def]
    child = access.child_get_for_user(request.user, child_id)  # type: ignore[arg-type]
    selectors.require_appeals_reader(request.user, child)  # type: ignore[arg-type]
    return child, selectors.notice_get(child, notice_id)


@staff_view
def notice_letter(request: HttpRequest, child_id: str, notice_id: str) -> HttpResponse:
    child, notice = _readable_notice(request, child_id, notice_id)
    audit_view(actor=request.user, child=child, what=f"Decision letter viewed: {notice}")  # type: ignore[arg-type]
    context = letters.letter_context(notice) | {"notes": selectors.NOTES}
    return render(request, "appeals/letter.html", context)


@staff_view
def notice_letter_pdf(request: HttpRequest, child_id: str, notice_id: str) -> HttpResponse:
    child, notice = _readable_notice(request, child_id, notice_id)
    if notice.told_with_review:
        # The family's letter was the review's own: a PDF of this record could be posted by mistake.
        raise Http404("This decision was told in the annual review letter; there is no separate letter.")
    pdf = letters.letter_pdf(notice)
    audit_view(
        actor=request.user, child=child, what=f"Decision letter downloaded as PDF: {notice}", action=Action.EXPORT
    )  # type: ignore[arg-type]
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="sendcase-{child.reference}-decision-{notice.sent_on.isoformat()}.pdf"'
    )
    return response


@child_form_view
def mediation(request: HttpRequest, child: Child, notice_id: str) -> HttpResponse:
    notice = selectors.notice_get(child, notice_id)
    existing = getattr(notice, "mediation", None)
    initial = (
        {
            "contacted_adviser_on": existing.contacted_adviser_on,
            "mediation_held_on": existing.mediation_held_on,
            "agreement": existing.agreement,
            "version": existing.version,
        }
        if existing
        else {}
    )
    return form_page(
        request,
        child=child,
        form=forms.MediationForm(request.POST or None, initial=initial),
        title="Record mediation",
        caption=str(notice),
        intro=f"The family had until {format_date(notice.mediation_contact_by)} to contact the mediation adviser "
        "(regulation 33).",
        save=lambda d: services.mediation_record(
            actor=request.user,  # type: ignore[arg-type]
            notice=notice,
            contacted_adviser_on=d["contacted_adviser_on"],
            mediation_held_on=d.get("mediation_held_on"),
            agreement=d.get("agreement", ""),
            expected_version=d.get("version"),
        ),
        success="Mediation recorded",
    )


@child_form_view
def certificate(request: HttpRequest, child: Child, notice_id: str) -> HttpResponse:
    notice = selectors.notice_get(child, notice_id)
    mediation_record = getattr(notice, "mediation", None)
    if mediation_record is None:
        raise Http404("Record the family's contact with the mediation adviser first.")
    return form_page(
        request,
        child=child,
        form=forms.CertificateForm(request.POST or None, initial={"version": mediation_record.version}),
        title="Record the mediation certificate",
        caption=str(notice),
        intro=f"The appeal deadline is now {format_date(notice.appeal_deadline_on)}. A certificate moves it to "
        "1 month after the certificate is issued, if that is later (Tribunal Procedure Rules 2008 r.20(1)(c)).",
        save=lambda d: services.certificate_record(
            actor=request.user,  # type: ignore[arg-type]
            mediation=mediation_record,
            issued_on=d["issued_on"],
            kind=d["kind"],
            expected_version=d.get("version"),
        ),
        success=lambda m: (
            "Certificate recorded. The family can now appeal until "
            f"{format_date(m.notice.appeal_deadline_on)} (Tribunal Procedure Rules 2008 r.20(1)(c))"
        ),
    )


@child_form_view
def appeal_new(request: HttpRequest, child: Child, notice_id: str) -> HttpResponse:
    notice = selectors.notice_get(child, notice_id)
    return form_page(
        request,
        child=child,
        form=forms.AppealLodgeForm(request.POST or None, about=notice.about),
        title="Record an appeal to the Tribunal",
        caption=str(notice),
        intro=f"The Tribunal had to receive an appeal by {format_date(notice.appeal_deadline_on)}. "
        "It may admit a late appeal.",
        save=lambda d: services.tribunal_appeal_lodge(
            actor=request.user,  # type: ignore[arg-type]
            notice=notice,
            lodged_on=d["lodged_on"],
            grounds=d["grounds"],
            notes=d.get("notes", ""),
        ),
        success=lambda a: f"Appeal recorded: {lower_first(AppealGround(a.grounds).label)}",
    )


@child_form_view
def appeal_update(request: HttpRequest, child: Child, appeal_id: str) -> HttpResponse:
    appeal = selectors.appeal_get(child, appeal_id)
    initial = {
        "hearing_on": appeal.hearing_on,
        "outcome": appeal.outcome,
        "concluded_on": appeal.concluded_on,
        "notes": appeal.notes,
        "version": appeal.version,
    }
    return form_page(
        request,
        child=child,
        form=forms.AppealUpdateForm(request.POST or None, initial=initial),
        title="Record the hearing or how the appeal ended",
        caption=f"{appeal}: {appeal.get_grounds_display()}",
        save=lambda d: services.tribunal_appeal_update(
            actor=request.user,  # type: ignore[arg-type]
            appeal=appeal,
            hearing_on=d.get("hearing_on"),
            concluded_on=d.get("concluded_on"),
            outcome=d.get("outcome", ""),
            notes=d.get("notes", ""),
            expected_version=d.get("version"),
        ),
        success="Appeal updated",
    )


@child_form_view
def order_new(request: HttpRequest, child: Child, appeal_id: str) -> HttpResponse:
    appeal = selectors.appeal_get(child, appeal_id)
    return form_page(
        request,
        child=child,
        form=forms.OrderForm(request.POST or None, grounds=appeal.grounds),
        title="Record the Tribunal's order",
        caption=f"{appeal}: {appeal.get_grounds_display()}",
        intro="SENDcase works out the council's deadlines under regulation 44(2) from the date of the order.",
        save=lambda d: services.tribunal_order_record(
            actor=request.user,  # type: ignore[arg-type]
            appeal=appeal,
            kind=d["kind"],
            made_on=d["made_on"],
        ),
        success=lambda o: f"Order recorded: {ORDER_KIND_LABELS[o.kind]}",
    )


@child_form_view
def order_step(request: HttpRequest, child: Child, order_step_id: str) -> HttpResponse:
    step = selectors.order_step_get(child, order_step_id)
    return form_page(
        request,
        child=child,
        form=forms.StepComplyForm(request.POST or None, initial={"version": step.version}),
        title=f"Record that the council did this: {lower_first(step.get_step_display())}",
        caption=f"{ORDER_KIND_LABELS[step.order.kind]}. Due by {format_date(step.due_on)}",
        save=lambda d: services.tribunal_order_step_comply(
            actor=request.user,  # type: ignore[arg-type]
            step=step,
            complied_on=d["complied_on"],
            expected_version=d.get("version"),
        ),
        success=f"{step.get_step_display()}: recorded as done",
    )
