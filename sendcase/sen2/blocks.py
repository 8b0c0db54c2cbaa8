"""One <Requests> block worked out from casework: modules 2 to 5 of the return, item by item.

How each item is filled, and which readings of the DfE guidance are [UNCONFIRMED], is set out
in docs/sen2.md ("How SENDcase fills each item"). What casework does not hold comes from the
block as it was imported (`kept`), when it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lxml import etree

from sendcase.reviews.sen2 import ReviewRow, review_items
from sendcase.sen2.mapping import REQUEST_SOURCE_BY_CODE, REQUEST_SOURCE_CODES, iso, yes_no
from sendcase.sen2.rows import ChildRow, ExceptionRow, PlanRow, RequestRow
from sendcase.sen2.xmltext import Out, escape
from sendcase.timescales import ExceptionKind, ExceptionPeriod, week20_exception_applies

if TYPE_CHECKING:
    from sendcase.sen2.derive import PersonBuilder

ACTIVE = "active"


class BlockWriter:
    """Writes one block to `out`, taking from `kept` what casework lacks."""

    def __init__(
        self,
        builder: PersonBuilder,
        child: ChildRow,
        request: RequestRow | None,
        plan: PlanRow | None,
        exceptions: list[ExceptionRow],
        kept: etree._Element | None,
        plans: Sequence[PlanRow],
        out: Out,
        *,
        review: ReviewRow | None = None,
    ) -> None:
        self.b, self.coll = builder, builder.coll
        self.child, self.request, self.plan, self.exceptions, self.kept = child, request, plan, exceptions, kept
        self.plans, self.out, self.review = plans, out, review

    def _kept(self, path: str) -> str | None:
        if self.kept is None:
            return None
        value = self.kept.findtext(path)
        return value.strip() if value is not None else None

    def _copy(self, path: str, names: Sequence[str]) -> None:
        """Write the kept items `names` found at `path`, in order."""
        if self.kept is None:
            return
        for name in names:
            value = self._kept(f"{path}/{name}" if path else name)
            if value is not None:
                self.out.leaf(name, escape(value))

    def write(self) -> None:
        request, plan, out = self.request, self.plan, self.out
        out.open("Requests")
        outcome, decided = self.request_outcome()
        if request is not None:
            out.leaf("ReceivedDate", iso(request.received_on))
            source = self.request_source(request)
            if source:
                out.leaf("RequestSource", escape(source))
            out.leaf("RYA", yes_no(request.in_relevant_youth_accommodation))
        if decided is not None:
            out.leaf("RequestOutcomeDate", iso(decided))
        out.leaf("RequestOutcome", outcome)
        self._copy("", ("RequestMediation", "RequestTribunal"))
        if request is not None and request.transferred_out_to and self._closed_by(self.coll.census):
            # Only a move by the census date, when the request's outcome is read: a later move
            # had not happened yet.
            out.leaf("Exported", escape(request.transferred_out_to))
        if outcome in ("Y", "H"):
            self.assessment()
        if plan is not None and self.b.active_at_census(plan):
            self.active_plans(plan)
        out.close("Requests")

    # Module 2 ---------------------------------------------------------------------------------

    def request_source(self, request: RequestRow) -> str:
        kept = self._kept("RequestSource")
        # A code SENDcase does not know was stored as "other"; give the file's code back.
        if kept is not None and REQUEST_SOURCE_BY_CODE.get(kept, "other") == request.source:
            return kept
        return REQUEST_SOURCE_CODES.get(request.source, "")

    def request_outcome(self) -> tuple[str, dt.date | None]:
        """RequestOutcome and its date: the decision whether to assess as it stood on the census date.

        A decision made before the period is H. One made after the period but by the census date
        is returned with its date, as `ehcp_statistics` counts the year's requests by their
        outcome on the census date. [UNCONFIRMED: the guide does not say on which day the outcome
        is read. The published figures point to a day after the period: in 34 of 303 councils'
        rows for 2023 and 2024 more of the year's requests were decided than there were decisions
        in the year (docs/sen2.md).]

        Re-assessments never get here: they are not requests in SEN2 (PersonBuilder.blocks).
        """
        request, coll = self.request, self.coll
        if request is None:
            return "H", None
        if request.assess_decision:
            on = request.assess_decision_on
            if on is None:
                return self._kept("RequestOutcome") or "H", None
            if on < coll.period_start:
                return "H", None
            if on > coll.census:
                return "A", None
            return ("Y" if request.assess_decision == "assess" else "N"), on
        if request.outcome in ("withdrawn", "transferred_out") and self._closed_by(coll.census):
            return "W", None
        return "A", None

    def _closed_by(self, day: dt.date) -> bool:
        closed = self.request.closed_on if self.request else None
        return closed is None or closed <= day

    # Module 3 ---------------------------------------------------------------------------------

    def assessment_outcome(self) -> tuple[str, dt.date | None]:
        """AssessmentOutcome and its date: the decision whether to issue a plan, made in the period.

        Y is dated the day the final plan was issued, and blank while it is not issued by the end
        of the period (G-03). A decision to issue made before the period whose plan is issued in
        it is Y with the issue date, not H: the plan is new in the period, `ehcp_statistics` counts
        it as issued in the year, and without the date the DfE's 20-week measure (AssessmentOutcome
        Y, its date, Week20) would never see it. The previous return gave it as Y with no date.
        [UNCONFIRMED: the guide defines H as "decision to issue made before the latest collection
        period", which read literally would hide such plans; docs/sen2.md.]
        """
        request, plan, coll = self.request, self.plan, self.coll
        if request is None or (plan is not None and plan.transferred_in_from):
            return "H", None
        if request.issue_decision:
            on = request.issue_decision_on
            if on is None:
                return self._kept("Assessment/AssessmentOutcome") or "H", None
            if on < coll.period_start:
                issued = request.final_issued_on
                if request.issue_decision == "issue" and coll.in_period(issued):
                    return "Y", issued
                return "H", None
            if on > coll.period_end:
                return "A", None
            if request.issue_decision == "not_issue":
                return "N", on
            issued = request.final_issued_on
            return "Y", issued if issued is not None and issued <= coll.period_end else None
        if request.outcome in ("withdrawn", "transferred_out") and self._closed_by(coll.period_end):
            return "W", None
        return "A", None

    def assessment(self) -> None:
        out = self.out
        out.open("Assessment")
        outcome, on = self.assessment_outcome()
        out.leaf("AssessmentOutcome", outcome)
        if on is not None:
            out.leaf("AssessmentOutcomeDate", iso(on))
        self._copy("Assessment", ("AssessmentMediation", "AssessmentTribunal", "OtherMediation", "OtherTribunal"))
        week20 = self.week20(outcome, on)
        if week20 is not None:
            out.leaf("Week20", escape(week20))
        plan = self.plan
        if plan is not None and plan.issued_on <= self.coll.census and self.b.plan_relevant(plan, self.plans):
            self.named_plan(plan)
        out.close("Assessment")

    def week20(self, outcome: str, issued: dt.date | None) -> str | None:
        kept = self._kept("Assessment/Week20")
        if not (outcome == "Y" and issued is not None and self.request is not None):
            return kept
        if self.exceptions:
            periods = [
                ExceptionPeriod(kind=ExceptionKind(e.kind), start=e.start_on, end=e.end_on) for e in self.exceptions
            ]
            return yes_no(week20_exception_applies(periods, received=self.request.received_on))
        return kept if kept is not None else "0"

    # Module 4 ---------------------------------------------------------------------------------

    def named_plan(self, plan: PlanRow) -> None:
        self.b.counts.named_plans += 1
        out = self.out
        out.open("NamedPlan")
        out.leaf("StartDate", iso(plan.issued_on))
        self.details(plan, "PlanDetail", "Assessment/NamedPlan/PlanDetail")
        self._copy("Assessment/NamedPlan", ("PlanRes", "PlanWBP", "PB", "OA", "DP"))
        if (
            plan.status != ACTIVE
            and plan.ceased_on is not None
            and plan.ceased_on <= self.coll.period_end
            and not self.b.replaced(plan, self.plans)
        ):
            out.leaf("CeaseDate", iso(plan.ceased_on))
            if plan.cease_reason:
                out.leaf("CeaseReason", plan.cease_reason)
        out.close("NamedPlan")

    def details(self, plan: PlanRow, name: str, path: str) -> None:
        """Rank 1 from the plan's named setting; SEN2 items SENDcase lacks, and rank 2, as imported."""
        out = self.out
        out.open(name)
        urn, ukprn = self.b.setting(plan.named_setting_id) if plan.named_setting_id else ("", "")
        if urn:
            out.leaf("URN", escape(urn))
        if ukprn:
            out.leaf("UKPRN", escape(ukprn))
        if plan.sen_setting:
            out.leaf("SENSetting", plan.sen_setting)
        placement = name == "PlacementDetail"
        if self.kept is None:
            # Nothing imported (the common case): the defaults, without looking anything up.
            out.leaf("PlacementRank", "1")
            if placement:
                # SENDcase does not record when the child started at the setting; the plan's
                # start date stands in for it [SENDcase's choice, docs/sen2.md].
                out.leaf("EntryDate", iso(plan.issued_on))
            out.leaf("SENunitIndicator", "0")
            out.leaf("ResourcedProvisionIndicator", "0")
            out.close(name)
            return
        kept = {d.findtext("PlacementRank"): d for d in self.kept.findall(path)}
        old = kept.get("1")
        self._copy_from(old, ("SENSettingOther",))
        out.leaf("PlacementRank", "1")
        if placement:
            entry = old.findtext("EntryDate") if old is not None else None
            out.leaf("EntryDate", escape(entry.strip()) if entry else iso(plan.issued_on))
            self._copy_from(old, ("LeavingDate",))
        for flag in ("SENunitIndicator", "ResourcedProvisionIndicator"):
            value = old.findtext(flag) if old is not None else None
            out.leaf(flag, escape(value.strip()) if value else "0")
        if placement:
            self._copy_from(old, ("Res", "WBP"))
        out.close(name)
        second = kept.get("2")
        if second is not None:
            out.element(second)

    def _copy_from(self, source: etree._Element | None, names: Sequence[str]) -> None:
        if source is None:
            return
        for name in names:
            value = source.findtext(name)
            if value is not None:
                self.out.leaf(name, escape(value.strip()))

    # Module 5 ---------------------------------------------------------------------------------

    def active_plans(self, plan: PlanRow) -> None:
        self.b.counts.active_plans += 1
        out = self.out
        out.open("ActivePlans")
        if plan.transferred_in_from:
            out.leaf("TransferLA", escape(plan.transferred_in_from))
        self.details(plan, "PlacementDetail", "ActivePlans/PlacementDetail")
        child = self.child
        if child.primary_need:
            out.open("SENneed")
            out.leaf("SENtype", child.primary_need)
            out.leaf("SENtypeRank", "1")
            out.close("SENneed")
        if child.secondary_need and child.secondary_need != child.primary_need:
            out.open("SENneed")
            out.leaf("SENtype", child.secondary_need)
            out.leaf("SENtypeRank", "2")
            out.close("SENneed")
        self.reviews(plan)
        out.close("ActivePlans")

    def reviews(self, plan: PlanRow) -> None:
        """The review items: from the review recorded in SENDcase for the year, else as imported.

        Without a review held in the activity year, LastReview is the plan's last review date
        (moved in with the council's history, or set by a review of an earlier year) and the
        other items are what the imported block said, if anything.
        """
        out = self.out
        if self.review is not None:
            for name, value in review_items(self.review, self.coll.year).items():
                if value is not None:
                    out.leaf(name, iso(value) if isinstance(value, dt.date) else value)
            return
        self._copy("ActivePlans", ("ReviewMeeting", "ReviewOutcome"))
        if plan.last_review_on is not None and plan.last_review_on <= self.coll.census:
            out.leaf("LastReview", iso(plan.last_review_on))
        self._copy("ActivePlans", ("ReviewDraft", "PhaseTransferDueDate", "PhaseTransferFinalDate"))
