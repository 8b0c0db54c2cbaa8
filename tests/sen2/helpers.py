"""Small casework for page and command tests: a child with a maintained plan."""

from __future__ import annotations

import datetime as dt

from sendcase.cases.models import Plan
from tests.factories import ChildFactory


def child_with_plan(la, setting, **child_fields):
    fields = {"primary_need": "ASD", **child_fields}
    child = ChildFactory(local_authority=la, setting=setting, **fields)
    Plan.objects.create(child=child, issued_on=dt.date(2023, 5, 2), named_setting=setting)
    return child
