"""Children with maintained plans, and reviews at a given stage, built directly for selector tests."""

from __future__ import annotations

import datetime as dt

from sendcase.cases.models import Plan
from sendcase.reviews.models import AnnualReview
from tests.factories import ChildFactory

D = dt.date
PLAN_ISSUED = D(2023, 9, 1)


def child_with_plan(la, *, born: dt.date, setting=None, issued=PLAN_ISSUED, last_review=None, **child):
    c = ChildFactory(local_authority=la, date_of_birth=born, setting=setting, **child)
    plan = Plan.objects.create(child=c, issued_on=issued, last_review_on=last_review, named_setting=setting)
    return c, plan


def review(plan, **dates) -> AnnualReview:
    """A review of `plan` with the given dates; due a year after the plan unless `due_on` is given."""
    values = {"due_on": D(plan.issued_on.year + 1, plan.issued_on.month, plan.issued_on.day), **dates}
    values.setdefault("meeting_on", values.get("meeting_held_on") or values["due_on"])
    return AnnualReview.objects.create(plan=plan, child=plan.child, **values)
