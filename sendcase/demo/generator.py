"""One synthetic council, from its directory to its caseloads, written in bulk.

Deterministic: everything random comes from random.Random and a Faker en_GB instance seeded
from (seed, LA code), and the only date read is the reference "today" passed in (from
sendcase.core.clock.today, which SENDCASE_TODAY pins). Run it twice with the same seed and
today and the data is the same, down to the ids.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from faker import Faker

from sendcase.accounts.models import User
from sendcase.appeals.demo import seed_appeals
from sendcase.cases.models import Outcome, RequestKind
from sendcase.demo import caseload, reference
from sendcase.demo.casework import CaseworkMaker
from sendcase.demo.council import CouncilSpec
from sendcase.demo.family import seed_family_accounts
from sendcase.demo.ids import CouncilIdentifiers, NhsNumbers
from sendcase.demo.organisations import build_directory
from sendcase.demo.partners import seed_partners
from sendcase.demo.people import PeopleMaker, Picker, age_on, born_aged
from sendcase.demo.staff import build_staff, demo_council_authenticators_create
from sendcase.demo.writer import RowWriter
from sendcase.people.models import Child, FamilyLink
from sendcase.plans.demo import seed_plan_content
from sendcase.reviews.demo import seed_reviews

_REQUEST_AGE = Picker(reference.REQUEST_AGE_WEIGHTS)
# Plans made before the request history began belong to older children.
_OLDER_PLAN_AGE = Picker({range(4, 11): 27, range(11, 16): 38, range(16, 20): 27, range(20, 26): 8})
_CEASE_REASON = Picker(reference.CEASE_REASON_WEIGHTS)
# Fewer requests in August, more in the autumn and spring terms.
_SEASON = {1: 1.1, 2: 1.05, 3: 1.1, 4: 0.9, 5: 1.05, 6: 1.05, 7: 0.95, 8: 0.55, 9: 1.0, 10: 1.15, 11: 1.15, 12: 0.85}


@dataclass(frozen=True)
class CouncilTotals:
    code: str
    children: int
    active_plans: int
    requests: int
    open_requests: int
    officers: int
    rows: int


def faker_for(fake: Faker, seed: int, code: str) -> Faker:
    fake.seed_instance(f"{seed}:{code}")
    return fake


def request_dates(rng: random.Random, start: dt.date, today: dt.date, per_month: float) -> list[dt.date]:
    """Working days on which requests arrived, about `per_month` a month, oldest first."""
    dates = []
    month = dt.date(start.year, start.month, 1)
    while month <= today:
        following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        first, last = max(month, start), min(following - dt.timedelta(days=1), today)
        share = ((last - first).days + 1) / (following - month).days
        expected = per_month * _SEASON[month.month] * share
        count = max(0, round(rng.gauss(expected, math.sqrt(expected)))) if expected > 0 else 0
        for _ in range(count):
            day = first + dt.timedelta(days=rng.randint(0, (last - first).days))
            day += dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)  # to Monday
            if day <= today:
                dates.append(day)
        month = following
    return sorted(dates)


def _between(rng: random.Random, earliest: dt.date, latest: dt.date) -> dt.date:
    return earliest + dt.timedelta(days=rng.randint(0, max(0, (latest - earliest).days)))


def seed_council(
    spec: CouncilSpec,
    *,
    seed: int,
    today: dt.date,
    fake: Faker,
    nhs: NhsNumbers,
    password_hash: str,
    writer: RowWriter,
) -> CouncilTotals:
    """Generate and write one council. Call inside a transaction."""
    rng = random.Random(f"{seed}:{spec.code}")
    fake = faker_for(fake, seed, spec.code)
    directory, reference_rows = build_directory(spec, rng=rng, fake=fake)
    writer.write(reference_rows)
    staff = build_staff(spec, directory, fake=fake, password_hash=password_hash)
    # Saved now, so children and assignments can point at their ids.
    User.objects.bulk_create(staff.everyone())

    rows: list[object] = []
    people = PeopleMaker(
        rng=rng,
        fake=fake,
        ids=CouncilIdentifiers(la_code=spec.code, seed=seed),
        nhs=nhs,
        directory=directory,
        today=today,
        rows=rows,
    )
    work = CaseworkMaker(rng=rng, spec=spec, directory=directory, staff=staff, people=people, today=today, rows=rows)
    children: list[Child] = []
    since: dict[object, dt.date] = {}

    def new_child(born: dt.date, first_known: dt.date) -> tuple[Child, str]:
        child, sen_setting = people.child(born=born, age_now=age_on(born, today))
        children.append(child)
        since[child.pk] = first_known
        return child, sen_setting

    # 1. Three years (or spec.history_months) of requests, oldest first. A few children come
    # back with a second request after an earlier one ended without a plan.
    history_start = today - dt.timedelta(days=round(spec.history_months * 30.44))
    dates = request_dates(rng, history_start, today, spec.requests_per_month)
    returners: list[tuple[dt.date, Child]] = []
    for received in dates:
        child = None
        if returners and rng.random() < 0.04:
            for i, (closed_on, candidate) in enumerate(returners):
                if closed_on < received - dt.timedelta(days=60):
                    child = candidate
                    del returners[i]
                    break
        if child is None:
            child, _ = new_child(born_aged(rng, _REQUEST_AGE(rng), received), received)
        request = work.request(child, received)
        if request.outcome in (Outcome.NOT_ASSESSED, Outcome.WITHDRAWN, Outcome.NOT_ISSUED) and request.closed_on:
            returners.append((request.closed_on, child))
    if spec.fixed_signins:
        # Always one fresh request awaiting its decision, for the demo officer to decide.
        received = today - dt.timedelta(days=10)
        child, _ = new_child(born_aged(rng, range(6, 9), received), received)
        work.request(child, received, awaiting_decision=True)

    # 2. The rest of the caseload: plans made before the history began, and transfers in.
    for _ in range(max(0, spec.active_plans - len(work.active_plans))):
        transfer = rng.random() < 0.1
        born = born_aged(rng, _OLDER_PLAN_AGE(rng), today)
        earliest = max(today - dt.timedelta(days=3652), born + dt.timedelta(days=730))
        latest = history_start
        if transfer or earliest > latest:
            transfer, latest = True, today - dt.timedelta(days=30)
        issued = _between(rng, min(earliest, latest), latest)
        child, sen_setting = new_child(born, issued)
        from_la = rng.choice([c for c in reference.NEIGHBOUR_LA_CODES if c != spec.code]) if transfer else ""
        work.plan(child, issued=issued, transferred_in_from=from_la, sen_setting=sen_setting)

    # 3. Re-assessments of about 2% of plans, at any time in the history.
    candidates = [c for c in children if c.pk in work.active_plans and c.pk not in work.open_cases]
    for received in sorted(_between(rng, history_start, today - dt.timedelta(days=7)) for _ in range(len(dates) // 50)):
        eligible = [
            c
            for c in rng.sample(candidates, k=min(20, len(candidates)))
            if c.pk in work.active_plans
            and c.pk not in work.open_cases
            and work.active_plans[c.pk].issued_on <= received - dt.timedelta(days=365)
        ]
        if eligible:
            work.request(eligible[0], received, kind=RequestKind.REASSESSMENT)

    # 4. Plans that ended in the last three years, with their SEN2 reasons.
    for _ in range(round(spec.active_plans * 0.06)):
        reason = _CEASE_REASON(rng)
        ceased = today - dt.timedelta(days=rng.randint(1, 300 if reason == "1" else 1095))
        adult_reason = reason in ("1", "3", "4", "6")
        ages = range(25, 26) if reason == "1" else range(17, 24) if adult_reason else range(6, 17)
        born = born_aged(rng, ages, ceased)
        if age_on(born, today) > 25:
            born = born_aged(rng, range(25, 26), today)
        child, sen_setting = new_child(born, ceased)
        issued = _between(
            rng, max(born + dt.timedelta(days=730), ceased - dt.timedelta(days=3000)), ceased - dt.timedelta(days=180)
        )
        since[child.pk] = issued
        plan = work.plan(child, issued=min(issued, ceased), sen_setting=sen_setting)
        work.cease(plan, on=ceased, reason=reason)

    # 5. Caseloads: the summary from the statutory clock, key workers, their history, contacts.
    caseload.summarise(children, open_cases=work.open_cases, active_plans=work.active_plans, today=today)
    caseload.assign_key_workers(children, staff.officers, rng=rng)
    if staff.demo_officer is not None:
        caseload.give_demo_officer(children, staff.demo_officer, open_cases=work.open_cases, today=today)
    caseload.key_worker_history(
        children, since=since, officers=staff.officers, managers=staff.managers, rng=rng, today=today, rows=rows
    )
    caseload.contact_log(
        children, open_cases=work.open_cases, names=people.main_contacts, rng=rng, today=today, rows=rows
    )
    writer.write(rows)
    if spec.fixed_signins:
        # The demo council's partners, from their own random stream so the rows above stay as they were.
        seed_partners(
            directory=directory,
            staff=staff,
            children=children,
            cases=set(work.open_cases) | set(work.active_plans),
            main_contacts={r.child_id: r.member for r in rows if isinstance(r, FamilyLink) and r.main_contact},
            rng=random.Random(f"{seed}:{spec.code}:partners"),
            today=today,
            password_hash=password_hash,
        )
        # A handful of plans (the demo officer's first) with content A to K, two versions and progress.
        seed_plan_content(
            plans=list(work.active_plans.values()),
            officer=staff.demo_officer,
            rng=random.Random(f"{seed}:{spec.code}:plans"),
            today=today,
        )
    if spec.fixed_signins:
        # Annual reviews in every state, for the review lists and tracker (sendcase/reviews/demo.py).
        seed_reviews(la=directory.la, today=today, seed=seed)
    if spec.fixed_signins:
        # Decisions, cease proposals, a mediation and Tribunal appeals (sendcase/appeals/demo.py).
        seed_appeals(
            children=children,
            active_plans=work.active_plans,
            open_cases=set(work.open_cases),
            main_contacts={r.child_id: r.member for r in rows if isinstance(r, FamilyLink) and r.main_contact},
            officer_id=staff.demo_officer.pk if staff.demo_officer else None,
            council=directory.la.name,
            rng=random.Random(f"{seed}:{spec.code}:appeals"),
            today=today,
        )
    if spec.fixed_signins:
        # A parent and a young person who can sign in to the family portal (sendcase/demo/family.py).
        seed_family_accounts(
            la=directory.la,
            today=today,
            password_hash=password_hash,
            officer_id=staff.demo_officer.pk if staff.demo_officer else None,
            rng=random.Random(f"{seed}:{spec.code}:family"),
        )
    demo_council_authenticators_create(directory.la, seed=seed)
    return CouncilTotals(
        code=spec.code,
        children=len(children),
        active_plans=len(work.active_plans),
        requests=work.requests,
        open_requests=len(work.open_cases),
        officers=len(staff.officers),
        rows=len(rows) + len(reference_rows) + len(staff.everyone()),
    )
