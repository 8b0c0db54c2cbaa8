"""Where the work stands today: caseload per officer and overdue steps by type.

Both read the caseload summary each child carries (stage, next statutory date and the step it
belongs to), which the cases services keep in step with every event, so each is one indexed
aggregate query. A case whose next step is overdue counts once, under that step, even if a later
step is overdue too: this is the number of cases needing action, as on the team overview.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When

from sendcase.cases.selectors import step_label
from sendcase.organisations.models import LocalAuthority, Locality
from sendcase.people.models import Child, Stage

Figures = dict[str, Any]

# Caseload step codes in the order the process reaches them; "advice:<id>" is grouped as "advice".
STEP_ORDER = ("decision", "advice", "issue", "final", "review")
DUE_SOON_DAYS = 7


def open_cases(local_authority: LocalAuthority, locality: Locality | None) -> QuerySet[Child]:
    qs = Child.objects.filter(local_authority=local_authority).exclude(stage=Stage.CLOSED)
    if locality is not None:
        qs = qs.filter(locality=locality)
    return qs.order_by()


def overdue_cases(qs: QuerySet[Child], *, today: dt.date, step: str = "") -> QuerySet[Child]:
    """Cases whose next statutory date has passed; of one step type if `step` is given."""
    qs = qs.filter(next_due_on__lt=today)
    if step == "advice":
        qs = qs.filter(next_due_step__startswith="advice:")
    elif step:
        qs = qs.filter(next_due_step=step)
    return qs


def caseload_by_officer(
    *, local_authority: LocalAuthority, today: dt.date, locality: Locality | None = None
) -> Figures:
    """Open cases per key worker, with requests in progress, plans, overdue and due this week."""
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    rows = (
        open_cases(local_authority, locality)
        .values("key_worker", "key_worker__first_name", "key_worker__last_name")
        .annotate(
            open_cases=Count("pk"),
            requests_in_progress=Count("pk", filter=~Q(stage=Stage.PLAN)),
            plans=Count("pk", filter=Q(stage=Stage.PLAN)),
            overdue=Count("pk", filter=Q(next_due_on__lt=today)),
            due_within_7_days=Count("pk", filter=Q(next_due_on__gte=today, next_due_on__lte=soon)),
        )
        .order_by("key_worker__first_name", "key_worker__last_name")
    )
    officers = [
        {
            "officer_id": str(row["key_worker"]) if row["key_worker"] else None,
            "name": f"{row['key_worker__first_name']} {row['key_worker__last_name']}".strip()
            if row["key_worker"]
            else "Not assigned",
            **{k: row[k] for k in ("open_cases", "requests_in_progress", "plans", "overdue", "due_within_7_days")},
        }
        for row in rows
    ]
    # "Not assigned" last: it is a list of cases to allocate, not a person.
    officers.sort(key=lambda o: o["officer_id"] is None)
    return {"as_of": today.isoformat(), "officers": officers}


def overdue_by_step(*, local_authority: LocalAuthority, today: dt.date, locality: Locality | None = None) -> Figures:
    """How many cases have their next statutory step overdue, by the type of that step."""
    kind = Case(
        When(next_due_step__startswith="advice:", then=Value("advice")),
        default="next_due_step",
        output_field=CharField(),
    )
    counts = dict(
        overdue_cases(open_cases(local_authority, locality), today=today)
        .annotate(kind=kind)
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
        .order_by()
    )
    steps = []
    for code in STEP_ORDER + tuple(sorted(set(counts) - set(STEP_ORDER))):
        title, regulation = step_label(code)
        steps.append(
            {
                "step": code,
                "title": title or code or "Unknown step",
                "regulation": regulation,
                "cases": counts.get(code, 0),
            }
        )
    return {"as_of": today.isoformat(), "steps": steps, "total": sum(counts.values())}
