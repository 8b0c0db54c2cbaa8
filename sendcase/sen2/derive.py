"""Casework to SEN2: one child's requests and plans as a <Person> for a collection.

Which records a return holds (sen2-return.md A.2): the requests open at any time in the
activity period (the calendar year before the census), and the plans issued or ceased in it or
maintained on the census date. Each initial request, and each plan made without one in
SENDcase (made before SENDcase, or transferred in) or by a re-assessment, becomes one <Requests>
block; a re-assessment is no request to SEN2 (`PersonBuilder.blocks`). Where SENDcase's
reading of the DfE guidance is not confirmed, docs/sen2.md ("How SENDcase fills each item")
says so.

Items SENDcase does not hold (mediation, personal budgets, second placements and so on) come
from the block as it was imported, if it was (sendcase.sen2.models.ImportedRequest).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lxml import etree

from sendcase.reviews.sen2 import ReviewRow
from sendcase.sen2.collection import Collection
from sendcase.sen2.mapping import iso
from sendcase.sen2.rows import ChildRow, ExceptionRow, ImportedRow, PlanRow, RequestRow, basis
from sendcase.sen2.xmltext import Out, escape

ACTIVE = "active"
REASSESSMENT = "reassessment"
# Parsing a kept block: SENDcase wrote it itself, but it is still parsed safely.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_blank_text=True)


@dataclass
class ChildData:
    """Everything the return needs about one child, read in one batch with other children."""

    child: ChildRow
    requests: list[RequestRow] = field(default_factory=list)
    plans: list[PlanRow] = field(default_factory=list)
    exceptions: dict[uuid.UUID, list[ExceptionRow]] = field(default_factory=dict)
    imported: list[ImportedRow] = field(default_factory=list)
    # The review each plan reports this year (sendcase.reviews.sen2), by plan id.
    reviews: dict[uuid.UUID, ReviewRow] = field(default_factory=dict)


@dataclass
class Counts:
    """What a return holds, counted as it is built."""

    persons: int = 0
    requests: int = 0
    named_plans: int = 0
    active_plans: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "persons": self.persons,
            "requests": self.requests,
            "named_plans": self.named_plans,
            "active_plans": self.active_plans,
        }


# A named setting's (URN, UKPRN), by organisation id.
SettingLookup = Callable[[uuid.UUID], tuple[str, str]]


class PersonBuilder:
    """Builds <Person> elements for one collection. `replay=False` ignores kept blocks (tests)."""

    def __init__(
        self, coll: Collection, setting: SettingLookup, *, replay: bool = True, counts: Counts | None = None
    ) -> None:
        self.coll = coll
        self.setting = setting
        self.replay = replay
        self.counts = counts if counts is not None else Counts()

    # Which records belong in the return -------------------------------------------------------

    def active_at_census(self, plan: PlanRow) -> bool:
        census = self.coll.census
        if plan.issued_on > census:
            return False
        return plan.status == ACTIVE or (plan.ceased_on is not None and plan.ceased_on > census)

    @staticmethod
    def replaced(plan: PlanRow, plans: Sequence[PlanRow]) -> bool:
        """Ended with no reason on the day another plan of the child began: a re-assessment's new plan.

        SEN2 sees one continuing EHC plan there, so the old plan is not returned as ceased.
        """
        return (
            plan.status != ACTIVE
            and plan.ceased_on is not None
            and not plan.cease_reason
            and any(other.id != plan.id and other.issued_on == plan.ceased_on for other in plans)
        )

    def plan_relevant(self, plan: PlanRow, plans: Sequence[PlanRow]) -> bool:
        coll = self.coll
        ceased = plan.status != ACTIVE and coll.in_period(plan.ceased_on) and not self.replaced(plan, plans)
        return self.active_at_census(plan) or ceased or coll.in_period(plan.issued_on)

    def request_relevant(self, request: RequestRow) -> bool:
        coll = self.coll
        if request.received_on > coll.period_end:
            return False
        if request.received_on >= coll.period_start or request.outcome == "open":
            return True
        # Closed requests received before the period count if they were still open at its start.
        return request.closed_on is None or request.closed_on >= coll.period_start

    # Building ---------------------------------------------------------------------------------

    def person(self, data: ChildData) -> str | None:
        """The child's <Person> as text, or None if nothing of theirs belongs in this return."""
        blocks = self.blocks(data)
        if not blocks:
            return None
        self.counts.persons += 1
        self.counts.requests += len(blocks)
        child = data.child
        out = Out()
        out.open("Person")
        out.leaf("Surname", escape(child.last_name))
        out.leaf("Forename", escape(child.first_name))
        out.leaf("PersonBirthDate", iso(child.date_of_birth))
        out.leaf("Sex", child.sex)
        out.leaf("Ethnicity", child.ethnicity)
        out.leaf("PostCode", escape(child.postcode))
        if child.upn:
            out.leaf("UPN", escape(child.upn))
        if child.uln:
            out.leaf("UniqueLearnerNumber", escape(child.uln))
        if child.upn_unknown:
            out.leaf("UPNunknown", child.upn_unknown)
        if len(blocks) > 1:
            # Date order; blocks of the same day by content, so the order never depends on ids.
            blocks.sort()
        out.parts.extend(text for _, text in blocks)
        out.close("Person")
        return out.text()

    def blocks(self, data: ChildData) -> list[tuple[dt.date, str]]:
        """The child's <Requests> blocks, each with the date it is ordered by.

        A re-assessment is not a request in SEN2: Module 2 records whether an initial request
        went on to an assessment, and `ehcp_statistics` counts initial requests only. So a
        re-assessment is left out, and the plan it issues, which replaces the child's plan on the
        day it begins (one continuing EHC plan, `replaced`), is returned as that continuing plan:
        a block of its own with RequestOutcome and AssessmentOutcome H and no ReceivedDate, as for
        a plan made before SENDcase. [UNCONFIRMED: the guide says nothing of re-assessments.]
        """
        plans = data.plans
        by_request = {p.request_id: p for p in plans if p.request_id is not None}
        kept = {(row.request_id or row.plan_id): row for row in data.imported}
        request_ids = {r.id for r in data.requests if r.kind != REASSESSMENT}
        blocks = []
        for request in data.requests:
            if request.kind == REASSESSMENT:
                continue
            plan = by_request.get(request.id)
            if self.request_relevant(request) or (plan is not None and self.plan_relevant(plan, plans)):
                exceptions = data.exceptions.get(request.id, [])
                review = data.reviews.get(plan.id) if plan is not None else None
                text = self.block(data.child, request, plan, exceptions, kept.get(request.id), plans, review=review)
                blocks.append((request.received_on, text))
        for plan in plans:
            if (plan.request_id is None or plan.request_id not in request_ids) and self.plan_relevant(plan, plans):
                review = data.reviews.get(plan.id)
                text = self.block(data.child, None, plan, [], kept.get(plan.id), plans, review=review)
                blocks.append((plan.issued_on, text))
        return blocks

    def block(
        self,
        child: ChildRow,
        request: RequestRow | None,
        plan: PlanRow | None,
        exceptions: list[ExceptionRow],
        kept_row: ImportedRow | None,
        plans: Sequence[PlanRow],
        *,
        review: ReviewRow | None = None,
        pretty: bool = True,
    ) -> str:
        """One <Requests> block: as imported if the casework is unchanged since, else worked out.

        `pretty` lays it out as it sits in a file (inside a person); without, it is compact, as
        lxml writes an element, to compare with a block as imported.
        """
        kept = None
        if kept_row is not None:
            kept = etree.fromstring(kept_row.xml, _PARSER)
            if (
                self.replay
                and kept_row.year == self.coll.year
                and kept_row.basis == basis(child, request, plan, exceptions, review)
            ):
                if not pretty:
                    return kept_row.xml
                self._count(kept)
                out = Out(depth=1)
                out.element(kept)
                return out.text()
        out = Out(pretty=pretty, depth=1 if pretty else 0)
        BlockWriter(self, child, request, plan, exceptions, kept, plans, out, review=review).write()
        return out.text()

    def _count(self, block: etree._Element) -> None:
        if block.find("ActivePlans") is not None:
            self.counts.active_plans += 1
        if block.find("Assessment/NamedPlan") is not None:
            self.counts.named_plans += 1


# Imported at the end: sendcase.sen2.blocks builds on PersonBuilder's rules of relevance.
from sendcase.sen2.blocks import BlockWriter  # noqa: E402
