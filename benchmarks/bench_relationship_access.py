"""How fast the access rules are for partners (a school, a paediatrician, a locality team, an EP).

Run against a seeded copy of a database (see docs/benchmarks.md), never one with real data:

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/bench_relationship_access.py

Everything it needs it makes inside one transaction that it rolls back at the end: partner
accounts in the council with most children, `--memberships` team memberships with consent spread
over every child in the database (so the team index has realistic company), and 200 of them for
the benchmark paediatrician. For each partner it times, `--repeat` times: counting the children
they may see, the first page of "Your children" with the reason for each, one case-page access
check, and `relationship_of`. With --explain it prints PostgreSQL's own execution time of the
list query and the case check, which the load on a shared machine disturbs less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from common import configure as _configure

ROOT = Path(__file__).resolve().parent.parent


class Rollback(Exception):
    pass


def timed(call: Callable[[], object], repeat: int) -> tuple[float, float]:
    call()  # warm up
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    ordered = sorted(samples)
    return statistics.median(samples), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--memberships", type=int, default=100_000)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    _configure()
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.db.models import Count

    from sendcase import access
    from sendcase.accounts.models import Role, User
    from sendcase.cases.models import AdviceRequest
    from sendcase.organisations.models import Organisation, OrganisationKind
    from sendcase.people.models import Child, FamilyLink
    from sendcase.teams import selectors
    from sendcase.teams.models import Consent, TeamMembership

    rng = random.Random(2025)
    today = dt.date(2025, 6, 2)
    print(f"{Child.objects.count():,} children in the database", file=sys.stderr)
    try:
        with transaction.atomic():
            la_id = (
                Child.objects.values("local_authority")
                .annotate(n=Count("pk"))
                .order_by("-n")
                .first()["local_authority"]
            )
            school_id = (
                Child.objects.filter(local_authority_id=la_id, setting__isnull=False)
                .values("setting")
                .annotate(n=Count("pk"))
                .order_by("-n")
                .first()["setting"]
            )
            locality_id = (
                Child.objects.filter(local_authority_id=la_id, locality__isnull=False)
                .values("locality")
                .annotate(n=Count("pk"))
                .order_by("-n")
                .first()["locality"]
            )
            health = Organisation.objects.filter(local_authority_id=la_id, kind=OrganisationKind.HEALTH).first()
            fpz = Organisation.objects.create(
                local_authority_id=la_id, kind=OrganisationKind.LOCALITY_TEAM, name="Bench FPZ", locality_id=locality_id
            )
            password = make_password("benchmark-only")

            def person(email: str, org_id: object, role: str = Role.PROFESSIONAL, admin: bool = False) -> User:
                return User.objects.create(
                    username=email,
                    email=email,
                    password=password,
                    role=role,
                    organisation_id=org_id,
                    local_authority_id=la_id,
                    is_organisation_admin=admin,
                )

            senco = person("bench-senco@sendcase.example", school_id, admin=True)
            paed = person("bench-paed@sendcase.example", health.pk)
            fpz_worker = person("bench-fpz@sendcase.example", fpz.pk)
            ep = (
                User.objects.filter(role=Role.EDUCATIONAL_PSYCHOLOGIST)
                .annotate(n=Count("advice_requests"))
                .order_by("-n")
                .first()
            )

            # Company for the team index: memberships with consent all over the country.
            ids = list(Child.objects.values_list("pk", flat=True))
            noise_people = [
                person(f"bench-noise{i}@sendcase.example", org)
                for i, org in enumerate(
                    Organisation.objects.exclude(kind=OrganisationKind.SETTING).values_list("pk", flat=True)[:500]
                )
            ]
            parents = dict(FamilyLink.objects.filter(main_contact=True).values_list("child_id", "member_id"))
            memberships, consents = [], []
            la_children = list(Child.objects.filter(local_authority_id=la_id).values_list("pk", flat=True))
            mine = rng.sample(la_children, k=200)
            for i in range(args.memberships + len(mine)):
                who = paed if i < len(mine) else rng.choice(noise_people)
                child_id = mine[i] if i < len(mine) else rng.choice(ids)
                start = today - dt.timedelta(days=rng.randint(1, 900))
                memberships.append(
                    TeamMembership(
                        child_id=child_id,
                        organisation_id=who.organisation_id,
                        person=who,
                        role_on_team="other",
                        started_on=start,
                    )
                )
                if child_id in parents:
                    consents.append(
                        Consent(
                            child_id=child_id,
                            organisation_id=who.organisation_id,
                            given_by_id=parents[child_id],
                            given_on=start,
                            scope="bench",
                        )
                    )
            TeamMembership.objects.bulk_create(memberships, batch_size=5000)
            Consent.objects.bulk_create(consents, batch_size=5000)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE teams_teammembership; ANALYZE teams_consent")

            print(
                "| partner | children visible | count ms p50/p95 | first page + reasons ms | case check ms | why ms |"
            )
            print("|---|---:|---:|---:|---:|---:|")
            for label, user in (
                ("school SENCo (admin)", senco),
                ("paediatrician (team + consent)", paed),
                ("locality team worker", fpz_worker),
                (f"EP ({ep.advice_requests.count()} advice requests)", ep),
            ):
                visible = access.children_visible_to(user)
                total = visible.count()
                one = visible.first()

                def first_page(user: User = user) -> object:
                    rows = list(selectors.my_children(viewer=user)[:50])
                    return selectors.with_reasons(user, rows)

                def check(user: User = user, one: Child = one) -> object:
                    return access.child_get_for_user(user, one.pk)

                def why(user: User = user, one: Child = one) -> object:
                    return access.relationship_of(user, one)

                results = [timed(f, args.repeat) for f in (lambda v=visible: v.count(), first_page, check, why)]
                cells = " | ".join(f"{p50:.1f}/{p95:.1f}" for p50, p95 in results)
                print(f"| {label} | {total:,} | {cells} |")
                if args.explain:
                    for what, qs in (
                        ("first page", selectors.my_children(viewer=user)[:50]),
                        ("case check", access.visible_child(user, one.pk)),
                    ):
                        sql, params = qs.query.sql_with_params()
                        with connection.cursor() as cursor:
                            cursor.execute(f"EXPLAIN ANALYZE {sql}", params)
                            plan = [row[0] for row in cursor.fetchall()]
                        print(f"{label}, {what}: {plan[-1]}", file=sys.stderr)
            assert AdviceRequest.objects.exists()
            raise Rollback
    except Rollback:
        print("(all benchmark rows rolled back)", file=sys.stderr)


if __name__ == "__main__":
    main()
