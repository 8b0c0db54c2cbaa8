"""Reading the draft plan, and the proposed amendments after a review, in the family portal.

Parents with parental responsibility and a young person holding their own account read the
draft plan sent to them (reg 13(1)) and the proposed amendments (reg 22(2)) as SENDcase froze
them, section by section, and download the same PDF the council prints. Every page reads the
child through sendcase.portal.access (404 for any child the account may not see, or may see only
the timeline of) and writes an access event naming the account; a download is an export event.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from sendcase.audit.models import Action
from sendcase.core.clock import today
from sendcase.plans import selectors as plan_selectors
from sendcase.plans.pdf import pdf_filename, plan_version_pdf
from sendcase.portal.access import request_get_for_family
from sendcase.portal.audit import family_viewed
from sendcase.portal.plan_reading import changes_for_family, plan_for_family, review_get_for_family
from sendcase.portal.services.draft_response import Consultation
from sendcase.portal.views.base import family_page
from sendcase.portal.views.child import family_child_for, render_child


@family_page
def draft_plan(request: HttpRequest, child_id: str, request_id: str) -> HttpResponse:
    family_child = family_child_for(request, child_id)
    account = request.family_account  # type: ignore[attr-defined]
    case = request_get_for_family(request_id, child=family_child.child)
    consultation = Consultation(request=case)
    version = consultation.version()
    what = f"read the draft plan (version {version.number})" if version else "opened the draft plan page"
    family_viewed(account=account, child=family_child.child, what=what)
    return render_child(
        request,
        "portal/draft_plan.html",
        family_child,
        "draft-plan",
        case=case,
        version=version,
        sections=plan_for_family(version.content) if version else [],
        problem=consultation.problem(today()),
        deadline=consultation.deadline,
    )


@family_page
def proposed_changes(request: HttpRequest, child_id: str, review_id: str) -> HttpResponse:
    family_child = family_child_for(request, child_id)
    account = request.family_account  # type: ignore[attr-defined]
    review = review_get_for_family(review_id, child=family_child.child)
    consultation = Consultation(review=review)
    version = consultation.version()
    in_force = plan_selectors.final_before(plan_selectors.versions_of(review.plan), version.number) if version else None
    what = f"read the proposed amendments (version {version.number})" if version else "opened the proposed amendments"
    family_viewed(account=account, child=family_child.child, what=what)
    return render_child(
        request,
        "portal/proposed_changes.html",
        family_child,
        "proposed-changes",
        review=review,
        version=version,
        in_force=in_force,
        changes=changes_for_family(in_force.content, version.content) if version and in_force else None,
        sections=plan_for_family(version.content) if version else [],
        problem=consultation.problem(today()),
        deadline=consultation.deadline,
    )


def _pdf(request: HttpRequest, family_child: object, version: object, what: str) -> HttpResponse:
    account = request.family_account  # type: ignore[attr-defined]
    pdf = plan_version_pdf(version)  # type: ignore[arg-type]
    family_viewed(account=account, child=family_child.child, what=what, action=Action.EXPORT)  # type: ignore[attr-defined]
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(version)}"'  # type: ignore[arg-type]
    return response


@family_page
def draft_plan_pdf(request: HttpRequest, child_id: str, request_id: str) -> HttpResponse:
    family_child = family_child_for(request, child_id)
    case = request_get_for_family(request_id, child=family_child.child)
    version = Consultation(request=case).version()
    if version is None:
        raise Http404("The council has not put this draft plan in SENDcase.")
    return _pdf(request, family_child, version, f"downloaded the draft plan (version {version.number}) as a PDF")


@family_page
def proposed_plan_pdf(request: HttpRequest, child_id: str, review_id: str) -> HttpResponse:
    family_child = family_child_for(request, child_id)
    review = review_get_for_family(review_id, child=family_child.child)
    version = Consultation(review=review).version()
    if version is None:
        raise Http404("The council has not put these proposed amendments in SENDcase.")
    what = f"downloaded the plan with the proposed amendments (version {version.number}) as a PDF"
    return _pdf(request, family_child, version, what)
