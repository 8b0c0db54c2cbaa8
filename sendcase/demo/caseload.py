"""Key workers, the caseload summary on each child, and the contact log, for synthetic councils.

The summary (stage, next due date, next step) is worked out with the live statutory clock,
sendcase.cases.clock.request_steps and next_due, and the annual review rule, exactly as
sendcase.cases.services.caseload.caseload_summary does for one child; here it runs over rows
still in memory so that 700,000 children need no query each. tests/demo/test_seed_demo.py
checks every seeded child against caseload_summary itself.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable

from sendcase.accounts.models import User
from sendcase.cases.models import (
    ContactDirection,
    ContactKind,
    ContactLogEntry,
    Plan,
)
from sendcase.cases.services.caseload import summarise_case
from sendcase.demo import reference
from sendcase.demo.casework import OpenCase
from sendcase.demo.ids import new_uuid
from sendcase.people.models import Child, KeyWorkerAssignment, Stage


def summarise(
    children: Iterable[Child], *, open_cases: dict[object, OpenCase], active_plans: dict[object, Plan], today: dt.date
) -> None:
    """Set stage, next_due_on and next_due_step on each child from its open request or plan."""
    for child in children:
        case = open_cases.get(child.pk)
        if case is not None:
            # In the order the database returns them (the models' Meta.ordering), so that of two
            # steps due the same day the same one is named as caseload_summary would name it.
            advice = sorted(case.advice, key=lambda a: (a.requested_on, a.contributor))
            exceptions = sorted(case.exceptions, key=lambda e: e.start_on)
            summary = summarise_case(request=case.request, plan=None, today=today, advice=advice, exceptions=exceptions)
        else:
            summary = summarise_case(request=None, plan=active_plans.get(child.pk), today=today)
        child.stage, child.next_due_on, child.next_due_step = summary


def assign_key_workers(children: list[Child], officers: list[User], *, rng: random.Random) -> None:
    """Give every officer about the same number of open cases, mostly from one locality.

    Open cases are ordered by locality and dealt out in equal consecutive blocks, so each
    officer works one or two neighbouring localities (about 200 cases each in a council of
    Dorset's size); closed cases are dealt out the same way.
    """
    if not officers:
        return
    order = {pk: i for i, pk in enumerate(dict.fromkeys(c.locality_id for c in children))}
    for group in ([c for c in children if c.stage != Stage.CLOSED], [c for c in children if c.stage == Stage.CLOSED]):
        keyed = sorted(((order[c.locality_id], rng.random()), i) for i, c in enumerate(group))
        for n, (_, i) in enumerate(keyed):
            group[i].key_worker = officers[n * len(officers) // len(keyed)]


def give_demo_officer(
    children: list[Child], officer: User, *, open_cases: dict[object, OpenCase], today: dt.date
) -> None:
    """Make sure the demo officer's caseload has an open request at every stage.

    A browser test signs in as this officer and records a decision to assess, so a request
    awaiting a decision that is not yet overdue must be there.
    """

    def advice_outstanding(c: Child) -> bool:
        case = open_cases.get(c.pk)
        return c.stage == Stage.ASSESSMENT and case is not None and any(a.received_on is None for a in case.advice)

    def consulting(c: Child) -> bool:
        case = open_cases.get(c.pk)
        return c.stage == Stage.DRAFT and case is not None and case.consulted

    wanted: list[Callable[[Child], bool]] = [
        lambda c: (
            c.stage == Stage.REQUEST
            and c.next_due_step == "decision"
            and c.next_due_on is not None
            and c.next_due_on >= today
        ),
        lambda c: c.stage == Stage.REQUEST and c.next_due_on is not None and c.next_due_on < today,
        advice_outstanding,
        lambda c: c.stage == Stage.DRAFT and open_cases[c.pk].request.family_response_on is None,
        consulting,
        lambda c: c.stage in (Stage.ASSESSMENT, Stage.DRAFT) and c.next_due_on is not None and c.next_due_on < today,
    ]
    for matches in wanted:
        if any(c.key_worker_id == officer.pk and matches(c) for c in children):
            continue
        for c in children:
            if matches(c):
                c.key_worker = officer
                break


def key_worker_history(
    children: Iterable[Child],
    *,
    since: dict[object, dt.date],
    officers: list[User],
    managers: list[User],
    rng: random.Random,
    today: dt.date,
    rows: list[object],
) -> None:
    """The current assignment of each child, and for about 30% one or two earlier officers."""
    for child in children:
        if child.key_worker is None:
            continue
        first = since.get(child.pk, today)
        span = max(0, (today - first).days)
        starts = sorted(
            first + dt.timedelta(days=rng.randint(0, span))
            for _ in range(1 + rng.choices((0, 1, 2), cum_weights=(70, 92, 100))[0])
        )
        starts[0] = first
        holders = [rng.choice(officers) for _ in starts[:-1]] + [child.key_worker]
        for i, (start, holder) in enumerate(zip(starts, holders, strict=True)):
            ended = _at(starts[i + 1]) if i + 1 < len(starts) else None
            rows.append(
                KeyWorkerAssignment(
                    child=child,
                    officer=holder,
                    started_at=_at(start),
                    ended_at=ended,
                    reason=""
                    if i == 0
                    else rng.choice(("Caseload rebalanced", "Officer moved locality", "Officer left the team")),
                    assigned_by=rng.choice(managers) if managers and i else None,
                )
            )


def contact_log(
    children: Iterable[Child],
    *,
    open_cases: dict[object, OpenCase],
    names: dict[object, str],
    rng: random.Random,
    today: dt.date,
    rows: list[object],
) -> None:
    """A few calls, emails and letters on most open cases, and on a few maintained plans."""
    for child in children:
        case = open_cases.get(child.pk)
        if case is not None and rng.random() < 0.6:
            count, start, summaries = (
                rng.randint(1, 3),
                case.request.received_on,
                reference.CONTACT_SUMMARIES[child.stage],
            )
        elif child.stage == Stage.PLAN and rng.random() < 0.04:
            count, start, summaries = 1, today - dt.timedelta(days=180), reference.CONTACT_SUMMARIES["plan"]
        else:
            continue
        span = max(0, (today - start).days - 1)
        for _ in range(count):
            kind = rng.choice(
                (ContactKind.PHONE, ContactKind.PHONE, ContactKind.EMAIL, ContactKind.LETTER, ContactKind.MEETING)
            )
            when = start + dt.timedelta(days=rng.randint(0, span))
            summary = rng.choice(summaries)
            rows.append(
                ContactLogEntry(
                    id=new_uuid(rng),
                    child=child,
                    request=case.request if case else None,
                    occurred_at=dt.datetime.combine(
                        when, dt.time(rng.randint(9, 16), rng.choice((0, 15, 30, 45))), tzinfo=dt.UTC
                    ),
                    kind=kind,
                    direction=ContactDirection.OUTGOING
                    if kind == ContactKind.LETTER
                    else rng.choice(ContactDirection.values),
                    with_whom=_with_whom(summary, child, names),
                    summary=summary,
                )
            )


def _with_whom(summary: str, child: Child, names: dict[object, str]) -> str:
    text = summary.lower()
    if ("school" in text or "senco" in text) and child.setting is not None:
        return f"SENCO, {child.setting.name}"
    if "health" in text or "paediatric" in text:
        return "Community paediatrics"
    if "social care" in text:
        return "Allocated social worker"
    return names.get(child.pk, "Parent or carer")


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 30), tzinfo=dt.UTC)
