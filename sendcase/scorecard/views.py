"""The scorecard pages: live figures, downloads, published snapshots and the overdue list.

For the council's team managers, administrators and performance analysts; everyone else gets
403. Figures are always the signed-in person's own council's.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import render
from django.urls import reverse

from sendcase.access import children_visible_to
from sendcase.accounts.models import Role, User
from sendcase.cases.selectors import step_label
from sendcase.core import clock
from sendcase.core.clock import today
from sendcase.core.views import SCHEDULE_ROLES
from sendcase.scorecard import exports
from sendcase.scorecard.cells import Table
from sendcase.scorecard.figures import fingerprint, scorecard_figures
from sendcase.scorecard.forms import ScorecardFilterForm
from sendcase.scorecard.models import ScorecardSnapshot
from sendcase.scorecard.periods import Period, month_label, month_start
from sendcase.scorecard.publication import publication_status
from sendcase.scorecard.tables import all_tables
from sendcase.scorecard.workload import STEP_ORDER, open_cases, overdue_cases
from sendcase.staff.views.base import send_team_view
from sendcase.timescales import add_months, format_date

SCORECARD_ROLES = (Role.TEAM_MANAGER, Role.ADMINISTRATOR, Role.ANALYST)
PAGE_SIZE = 50


def scorecard_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @send_team_view
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.role not in SCORECARD_ROLES:  # type: ignore[union-attr]
            raise PermissionDenied("The scorecard is for team managers, administrators and performance analysts.")
        return view(request, *args, **kwargs)

    return wrapper


def _filter_form(request: HttpRequest) -> ScorecardFilterForm:
    user: User = request.user  # type: ignore[assignment]
    now = today()
    if not request.GET:
        return ScorecardFilterForm(la_id=user.local_authority_id, today=now)
    data = request.GET.copy()
    # A link that names only a locality keeps the default period.
    if not any(key.startswith(("start_", "end_")) for key in data):
        default = Period.year_to_date(now)
        data.update(_period_query(default))
    return ScorecardFilterForm(data, la_id=user.local_authority_id, today=now)


def _period_query(period: Period) -> QueryDict:
    query = QueryDict(mutable=True)
    query.update(
        {
            "start_0": str(period.first.month),
            "start_1": str(period.first.year),
            "end_0": str(period.last.month),
            "end_1": str(period.last.year),
        }
    )
    return query


def _links(locality_id: str) -> dict[str, Callable[..., str]]:
    def caseload(officer_id: str) -> str:
        # With a locality chosen, the officer's row counts that locality's cases: so does their caseload.
        query = {"officer": officer_id, **({"locality": locality_id} if locality_id else {})}
        return reverse("staff:caseload") + "?" + urlencode(query)

    def overdue(step: str, officer_id: str) -> str:
        query = {k: v for k, v in (("step", step), ("officer", officer_id), ("locality", locality_id)) if v}
        return reverse("scorecard:overdue") + ("?" + urlencode(query) if query else "")

    return {"caseload_link": caseload, "overdue_link": overdue}


def _table(tables: list[Table], slug: str) -> Table:
    for table in tables:
        if table.slug == slug:
            return table
    raise Http404("There is no scorecard table with that name.")


def _download(table: Table, fmt: str, *, filename: str, about: list[tuple[str, Any]]) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(exports.table_csv(table), content_type=exports.CSV_CONTENT_TYPE)
    else:
        response = HttpResponse(exports.table_xlsx(table, about=about), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _about(figures: dict[str, Any], *, published: ScorecardSnapshot | None = None) -> list[tuple[str, Any]]:
    first, last = figures["period"]["from"], figures["period"]["to"]
    lines: list[tuple[str, Any]] = [
        ("Council", f"{figures['local_authority']['name']} (LA {figures['local_authority']['code']})"),
        ("Locality", figures["locality"]["name"] if figures["locality"] else "All localities"),
        ("Period", f"{first} to {last}"),
        ("Counted on", dt.date.fromisoformat(figures["as_of"])),
    ]
    if published is not None:
        lines += [
            ("Published on", published.taken_on),
            ("Computed by", published.computed_by),
            ("SHA-256 of the figures", published.sha256),
        ]
    return lines


@scorecard_view
def scorecard(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = _filter_form(request)
    context: dict[str, Any] = {"form": form}
    locality = None
    if not form.is_bound or form.is_valid():
        locality = form.chosen_locality
        figures = scorecard_figures(
            local_authority=user.local_authority,
            period=form.period,
            today=today(),
            locality=locality,  # type: ignore[arg-type]
        )
        query = request.GET.urlencode()
        context |= {
            "figures": figures,
            "tables": all_tables(figures, **_links(str(locality.pk) if locality else "")),
            "query": query,
            "period_label": _period_label(form.period),
            "today_label": format_date(today()),
        }
    context["presets"] = _presets(str(locality.pk) if locality else "")
    context["publication"] = publication_status(local_authority=user.local_authority, now=clock.now())  # type: ignore[arg-type]
    context["sees_schedule"] = user.role in SCHEDULE_ROLES
    context["snapshots"] = ScorecardSnapshot.objects.filter(local_authority_id=user.local_authority_id).defer(
        "figures"
    )[:60]
    return render(request, "scorecard/scorecard.html", context)


@scorecard_view
def scorecard_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = _filter_form(request)
    if form.is_bound and not form.is_valid():
        problems = "; ".join(message for _, message in form.error_list)
        return HttpResponseBadRequest(f"This download cannot be made: {problems}", content_type="text/plain")
    figures = scorecard_figures(
        local_authority=user.local_authority,  # type: ignore[arg-type]
        period=form.period,
        today=today(),
        locality=form.chosen_locality,
    )
    table = _table(all_tables(figures), slug)
    period = figures["period"]
    where = f"-{_slug(figures['locality']['name'])}" if figures["locality"] else ""
    filename = f"scorecard-{figures['local_authority']['code']}{where}-{slug}-{period['from']}-to-{period['to']}"
    return _download(table, fmt, filename=filename, about=_about(figures))


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def _snapshot_for(user: User, snapshot_id: uuid.UUID) -> ScorecardSnapshot:
    snapshot = ScorecardSnapshot.objects.filter(pk=snapshot_id, local_authority_id=user.local_authority_id).first()
    if snapshot is None:
        raise Http404("No published scorecard with that reference for your council.")
    return snapshot


@scorecard_view
def snapshot_detail(request: HttpRequest, snapshot_id: uuid.UUID) -> HttpResponse:
    snapshot = _snapshot_for(request.user, snapshot_id)  # type: ignore[arg-type]
    return render(
        request,
        "scorecard/snapshot.html",
        {
            "snapshot": snapshot,
            "figures": snapshot.figures,
            "tables": all_tables(snapshot.figures),
            "intact": fingerprint(snapshot.figures) == snapshot.sha256,
        },
    )


@scorecard_view
def snapshot_download(request: HttpRequest, snapshot_id: uuid.UUID, slug: str, fmt: str) -> HttpResponse:
    snapshot = _snapshot_for(request.user, snapshot_id)  # type: ignore[arg-type]
    table = _table(all_tables(snapshot.figures), slug)
    filename = f"scorecard-{snapshot.local_authority.code}-{slug}-published-{snapshot.taken_on.isoformat()}"
    return _download(table, fmt, filename=filename, about=_about(snapshot.figures, published=snapshot))


@scorecard_view
def overdue(request: HttpRequest) -> HttpResponse:
    """The cases behind a count on the scorecard: next step overdue, by step, officer and locality."""
    user: User = request.user  # type: ignore[assignment]
    step = request.GET.get("step", "")
    if step and step not in STEP_ORDER:
        raise Http404("There is no step with that name.")
    locality = user.local_authority.localities.filter(pk=_uuid_or_none(request.GET.get("locality"))).first()  # type: ignore[union-attr]
    qs = overdue_cases(open_cases(user.local_authority, locality), today=today(), step=step)  # type: ignore[arg-type]
    officer_param = request.GET.get("officer", "")
    officer = None
    if officer_param == "none":
        qs = qs.filter(key_worker__isnull=True)
    elif officer_param:
        officer = User.objects.filter(pk=_int_or_none(officer_param), local_authority=user.local_authority).first()
        if officer is None:
            raise Http404("There is no officer with that reference in your council.")
        qs = qs.filter(key_worker=officer)
    # Through the access module as every list of children is, then ordered longest overdue first.
    rows = children_visible_to(user).filter(pk__in=qs.values("pk")).select_related("key_worker", "locality")
    page = Paginator(rows.order_by("next_due_on", "last_name", "first_name"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "scorecard/overdue.html",
        {
            "page": page,
            "step_title": step_label(step)[0] if step else "",
            "officer": officer,
            "unassigned": officer_param == "none",
            "locality": locality,
            "today": today(),
            "query": query.urlencode(),
        },
    )


def _uuid_or_none(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _int_or_none(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _period_label(period: Period) -> str:
    if period.first == period.last:
        return month_label(period.first)
    return f"{month_label(period.first)} to {month_label(period.last)}"


def _presets(locality_id: str) -> list[dict[str, str]]:
    now = today()
    this_month = month_start(now)
    last_year = now.year - 1
    periods = [
        ("This year so far", Period.year_to_date(now)),
        (
            f"{last_year} (full year)",
            Period(this_month.replace(year=last_year, month=1), this_month.replace(year=last_year, month=12)),
        ),
        ("The last 12 months", Period(add_months(this_month, -11), this_month)),
    ]
    links = []
    for label, period in periods:
        query = _period_query(period)
        if locality_id:
            query["locality"] = locality_id
        links.append({"label": label, "url": reverse("scorecard:scorecard") + "?" + query.urlencode()})
    return links
