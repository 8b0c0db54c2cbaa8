"""Checking the return SENDcase would export now, against every rule, all year round.

The same checks as an import (sendcase.sen2.reader.Checker) run on the <Person> elements the
export would write, so staff can fix problems in the case records long before the census.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet
from lxml import etree

from sendcase.organisations.models import LocalAuthority
from sendcase.people.models import Child
from sendcase.sen2.derive import PersonBuilder
from sendcase.sen2.export import collection_or_error
from sendcase.sen2.problems import Problem, Report
from sendcase.sen2.reader import Checker
from sendcase.sen2.select import SettingCache, child_batches

# The persons are SENDcase's own text; parsed safely all the same, without the layout.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_blank_text=True)


def sen2_live_issues(
    *,
    la: LocalAuthority,
    year: int,
    children: QuerySet[Child] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> tuple[Report, int]:
    """(every problem in the council's return for `year` as it stands, number of persons checked)."""
    coll = collection_or_error(year)
    report = Report()
    if on_problem is not None:
        report.listeners.append(on_problem)
    checker = Checker(report, in_file=False)
    checker.coll = coll
    base = Child.objects.filter(local_authority=la) if children is None else children.filter(local_authority=la)
    builder = PersonBuilder(coll, SettingCache())
    number = 0
    for chunk in child_batches(base, coll.year):
        for data in chunk:
            text = builder.person(data)
            if text is None:
                continue
            number += 1
            checker.check_person(etree.fromstring(text, _PARSER), number, child_id=data.child.id)
    return report, number
