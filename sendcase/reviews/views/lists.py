"""The SEND team's review pages: term lists per school, the phase transfer tracker, performance."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sendcase.accounts.models import Role, User
from sendcase.audit.models import Action
from sendcase.audit.services import audit_views
from sendcase.core.clock import today
from sendcase.reviews import exports, forms, selectors
from sendcase.reviews.clock import TRACKER_LABELS
from sendcase.reviews.terms import TermDates, next_term, term_dates
from sendcase.reviews.tracker import phase_transfers
from sendcase.scorecard.periods import Period
from sendcase.scorecard.review_tables import review_tables
from sendcase.scorecard.reviews import review_figures
from sendcase.staff.views.base import send_team_view, staff_view
from sendcase.timescales import add_months

MANAGERS = (Role.TEAM_MANAGER, Role.ADMINISTRATOR, Role.ANALYST)


def _require_manager(user: User) -> None:
    if user.role not in MANAGERS:
        raise PermissionDenied("This page is for managers and analysts.")


def _term(request: HttpRequest) -> tuple[forms.TermForm, TermDates]:
    default = next_term(today())
    form = forms.TermForm(request.GET or None, initial={"term": default.term.value, "year": default.year})
    if request.GET and form.is_valid():
        return form, term_dates(form.cleaned_data["term"], form.cleaned_data["year"])
    return form, default


@send_team_view
def reviews_home(request: HttpRequest) -> HttpResponse:
    """Reviews due per school in a term, each with its list to download (CoP 9.172)."""
    form, term = _term(request)
    lists = selectors.term_summary(viewer=request.user, term=term)  # type: ignore[arg-type]
    now = today()
    return render(
        request,
        "reviews/home.html",
        {
            "form": form,
            "term": term,
            "lists": lists,
            "total": sum(s.due for s in lists),
            "overdue": sum(s.overdue for s in lists),
            "list_late": now > term.list_due,
            "late_lists": sum(1 for s in lists if s.school and (s.sent.late if s.sent else now > term.list_due)),
            "today": now,
        },
    )


@staff_view
def school_reviews(request: HttpRequest) -> HttpResponse:
    """A school's own list: its children whose annual review falls due by the end of a term (CoP 9.172).

    For the staff accounts of a school or setting; the children are those it educates, through
    sendcase.access. On screen or as CSV, each child audited (a download as an export).
    """
    user: User = request.user  # type: ignore[assignment]
    form, term = _term(request)
    the_list = selectors.school_reviews_due(viewer=user, term=term)
    as_csv = request.GET.get("format") == "csv"
    audit_views(
        actor=user,
        child_ids=[r.child.pk for r in the_list.rows],
        what=f"Reviews due at {the_list.school}, {term.label}" + (" (CSV)" if as_csv else ""),
        action=Action.EXPORT if as_csv else Action.VIEW,
    )
    if as_csv:
        response = HttpResponse(exports.school_list_csv(the_list, term), content_type=exports.CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{exports.csv_filename(the_list, term)}"'
        return response
    return render(
        request,
        "reviews/school_reviews.html",
        {"form": form, "list": the_list, "school": the_list.school, "term": term, "today": today()},
    )


@send_team_view
def school_list(request: HttpRequest) -> HttpResponse:
    """One school's list for a term (`?school=<id>` or `none`), on screen or as CSV; both audited per child."""
    school_id = request.GET.get("school", "")
    if not school_id:
        return redirect("reviews:home")
    _, term = _term(request)
    school = selectors.school_for_list(viewer=request.user, school_id=school_id)  # type: ignore[arg-type]
    lists = selectors.reviews_due_in_term(viewer=request.user, term=term, school_id=school_id)  # type: ignore[arg-type]
    the_list = lists[0] if lists else selectors.SchoolList(school=school, rows=[])
    name = school.name if school else "children with no school recorded"
    as_csv = request.GET.get("format") == "csv"
    audit_views(
        actor=request.user,  # type: ignore[arg-type]
        child_ids=[r.child.pk for r in the_list.rows],
        what=f"Review list for {name}, {term.label}" + (" (CSV)" if as_csv else ""),
        action=Action.EXPORT if as_csv else Action.VIEW,
    )
    if as_csv:
        response = HttpResponse(exports.school_list_csv(the_list, term), content_type=exports.CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{exports.csv_filename(the_list, term)}"'
        return response
    return render(
        request,
        "reviews/school_list.html",
        {"school": school, "name": name, "list": the_list, "term": term, "query": request.GET.urlencode()},
    )


def _officers(user: User) -> list[tuple[str, str]]:
    people = User.objects.filter(
        local_authority_id=user.local_authority_id, role__in=(Role.CASE_OFFICER, Role.TEAM_MANAGER), is_active=True
    ).order_by("first_name", "last_name")
    return [(str(p.pk), str(p)) for p in people]


@send_team_view
def transfer_tracker(request: HttpRequest) -> HttpResponse:
    """Every child moving phase in a year: is the amended plan on time (reg 18)?"""
    user: User = request.user  # type: ignore[assignment]
    _require_manager(user)
    now = today()
    default_year = now.year + (1 if now.month >= 3 else 0)
    form = forms.TrackerFilterForm(
        request.GET or None, initial={"year": default_year}, la_id=user.local_authority_id, officers=_officers(user)
    )
    filters = form.cleaned_data if request.GET and form.is_valid() else {}
    year = filters.get("year") or default_year
    tracker = phase_transfers(
        viewer=user,
        year=year,
        today=now,
        locality=getattr(filters.get("locality"), "pk", None),
        officer=filters.get("officer") or None,
    )
    audit_views(actor=user, child_ids=[r.child.pk for r in tracker.rows], what=f"Phase transfer tracker {year}")
    return render(
        request,
        "reviews/tracker.html",
        {"form": form, "tracker": tracker, "labels": TRACKER_LABELS, "today": now},
    )


@send_team_view
def performance(request: HttpRequest) -> HttpResponse:
    """Reviews on time by month, per locality and per officer over the last 12 months.

    The same tables as the scorecard's "Annual reviews" section (sendcase.scorecard.review_tables),
    from the same figures, so the two pages cannot disagree; the scorecard offers other periods,
    a locality filter and the published weekly copies.
    """
    user: User = request.user  # type: ignore[assignment]
    _require_manager(user)
    now = today()
    this_month = now.replace(day=1)
    period = Period(add_months(this_month, -11), this_month)
    figures = {
        "as_of": now.isoformat(),
        "locality": None,
        "reviews": review_figures(local_authority=user.local_authority, period=period, today=now),
    }
    query = urlencode(
        {
            "start_0": period.first.month,
            "start_1": period.first.year,
            "end_0": period.last.month,
            "end_1": period.last.year,
        }
    )
    return render(
        request,
        "reviews/performance.html",
        {
            "figures": figures,
            "tables": review_tables(figures),
            "period": period,
            "query": query,
            "scorecard_url": reverse("scorecard:scorecard") + "?" + query + "#live-reviews-heading",
            "today": now,
        },
    )
