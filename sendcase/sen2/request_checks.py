"""The business rules of modules 2 to 5 (requests, assessments, named and active plans)."""

from __future__ import annotations

import datetime as dt

from sendcase.sen2.collection import Collection
from sendcase.sen2.findings import Finding, Node, at, date, fmt, text
from sendcase.sen2.mapping import REQUEST_SOURCE_BY_CODE


def check_request(block: Node, coll: Collection, found: list[Finding]) -> None:
    received = date(block, "ReceivedDate")
    outcome = text(block, "RequestOutcome")
    decided = date(block, "RequestOutcomeDate")
    assessment = block.find("Assessment")
    named = assessment.find("NamedPlan") if assessment is not None else None
    if received is None and outcome != "H":
        found.append(
            Finding(
                "SEN2-R040",
                block,
                f"ReceivedDate is missing: it is needed for RequestOutcome {outcome}",
                missing="ReceivedDate",
            )
        )
    if received is None and named is None:
        found.append(
            Finding(
                "SEN2-R048",
                block,
                "A request with no ReceivedDate must carry its NamedPlan: there is nothing else to record",
                missing="ReceivedDate",
            )
        )
    if received and received > coll.period_end:
        found.append(
            Finding(
                "SEN2-R041",
                at(block, "ReceivedDate"),
                f"ReceivedDate {fmt(received)} is after the collection period, which ends {fmt(coll.period_end)}",
            )
        )
    if outcome in ("Y", "N") and decided is None:
        found.append(
            Finding(
                "SEN2-R042",
                block,
                f"RequestOutcomeDate is missing: it is needed when RequestOutcome is {outcome}",
                missing="RequestOutcomeDate",
            )
        )
    if decided and received and decided < received:
        found.append(
            Finding(
                "SEN2-R043",
                at(block, "RequestOutcomeDate"),
                f"RequestOutcomeDate {fmt(decided)} is before ReceivedDate {fmt(received)}",
            )
        )
    # The outcome is read on the census date (sendcase.sen2.blocks.BlockWriter.request_outcome).
    if outcome in ("Y", "N") and decided and not coll.period_start <= decided <= coll.census:
        found.append(
            Finding(
                "SEN2-R044",
                at(block, "RequestOutcomeDate"),
                f"RequestOutcomeDate {fmt(decided)} is not between the start of the collection period "
                f"({fmt(coll.period_start)}) and the census date ({fmt(coll.census)}); a decision made before "
                "the period is returned as H, one after the census date as A",
            )
        )
    if decided and outcome in ("A", "W", "H"):
        found.append(
            Finding(
                "SEN2-R045",
                at(block, "RequestOutcomeDate"),
                f"RequestOutcomeDate is not needed when RequestOutcome is {outcome}",
            )
        )
    source = text(block, "RequestSource")
    if source is not None and source not in REQUEST_SOURCE_BY_CODE:
        found.append(
            Finding(
                "SEN2-R047",
                at(block, "RequestSource"),
                f"RequestSource {source} is not one of SENDcase's provisional codes "
                f"({', '.join(REQUEST_SOURCE_BY_CODE)}); it is kept but recorded as 'Other'",
            )
        )
    if assessment is not None and outcome in ("N", "A", "W"):
        found.append(
            Finding("SEN2-R046", assessment, f"There is an Assessment but RequestOutcome is {outcome}: remove one")
        )
    if assessment is not None:
        _assessment(block, assessment, received, decided, coll, found)
    active = block.find("ActivePlans")
    if active is not None:
        _active(block, active, named, coll, found)


def _assessment(
    block: Node,
    assessment: Node,
    received: dt.date | None,
    decided: dt.date | None,
    coll: Collection,
    found: list[Finding],
) -> None:
    outcome = text(assessment, "AssessmentOutcome")
    on = date(assessment, "AssessmentOutcomeDate")
    named = assessment.find("NamedPlan")
    start = date(named, "StartDate") if named is not None else None
    if outcome == "N" and on is None:
        found.append(
            Finding(
                "SEN2-R050",
                assessment,
                "AssessmentOutcomeDate is missing: it is needed when AssessmentOutcome is N",
                missing="AssessmentOutcomeDate",
            )
        )
    if on and ((received and on < received) or (decided and on < decided)):
        found.append(
            Finding(
                "SEN2-R051",
                at(assessment, "AssessmentOutcomeDate"),
                f"AssessmentOutcomeDate {fmt(on)} is before the request was received or decided",
            )
        )
    if outcome in ("Y", "N") and on and not coll.in_period(on):
        found.append(
            Finding(
                "SEN2-R052",
                at(assessment, "AssessmentOutcomeDate"),
                f"AssessmentOutcomeDate {fmt(on)} is outside the collection period "
                f"({fmt(coll.period_start)} to {fmt(coll.period_end)})",
            )
        )
    if outcome in ("A", "W", "N") and (named is not None or block.find("ActivePlans") is not None):
        found.append(
            Finding(
                "SEN2-R053",
                named if named is not None else block.find("ActivePlans"),
                f"AssessmentOutcome is {outcome}, so there is no plan to return here",
            )
        )
    if outcome == "Y" and on and start != on:
        found.append(
            Finding(
                "SEN2-R054",
                named if named is not None else assessment,
                f"AssessmentOutcomeDate {fmt(on)} is the date the plan was issued, but "
                + (f"the NamedPlan StartDate is {fmt(start)}" if start else "there is no NamedPlan"),
            )
        )
    if outcome == "Y" and on is None and start and coll.in_period(start):
        found.append(
            Finding(
                "SEN2-R054",
                assessment,
                f"The plan was issued on {fmt(start)}, in the collection period: give it as AssessmentOutcomeDate",
                missing="AssessmentOutcomeDate",
            )
        )
    if assessment.find("Week20") is not None and not (outcome == "Y" and on):
        found.append(
            Finding("SEN2-R055", at(assessment, "Week20"), "Week20 is given but no plan was issued in the period")
        )
    active = block.find("ActivePlans")
    if isinstance(active, Node) and "TransferLA" in active and outcome != "H":
        found.append(
            Finding(
                "SEN2-R056",
                at(active, "TransferLA"),
                f"TransferLA is given, so AssessmentOutcome should be H, not {outcome}",
            )
        )
    if named is not None:
        _named_plan(named, received, start, coll, found)


def _named_plan(
    named: Node, received: dt.date | None, start: dt.date | None, coll: Collection, found: list[Finding]
) -> None:
    if start and ((received and start < received) or start > coll.census):
        found.append(
            Finding(
                "SEN2-R060",
                at(named, "StartDate"),
                f"StartDate {fmt(start)} is before ReceivedDate or after the census date {fmt(coll.census)}",
            )
        )
    cease = date(named, "CeaseDate")
    reason = text(named, "CeaseReason")
    if bool(cease) != bool(reason):
        given, absent = ("CeaseDate", "CeaseReason") if cease else ("CeaseReason", "CeaseDate")
        found.append(Finding("SEN2-R061", at(named, given), f"{given} is given without {absent}", missing=""))
    if cease and ((start and cease < start) or cease > coll.period_end):
        found.append(
            Finding(
                "SEN2-R062",
                at(named, "CeaseDate"),
                f"CeaseDate {fmt(cease)} is before StartDate or after the collection period ends "
                f"({fmt(coll.period_end)})",
            )
        )
    _placements(named, "PlanDetail", found)


def _placements(parent: Node, name: str, found: list[Finding]) -> None:
    details = parent.findall(name)
    for detail in details:
        if all(detail.find(item) is None for item in ("URN", "UKPRN", "SENSetting")):
            found.append(
                Finding("SEN2-R063", detail, f"{name} names no setting: give a URN, a UKPRN or a SENSetting code")
            )
    ranks = [text(d, "PlacementRank") for d in details]
    if ranks.count("1") != 1 or ranks.count("2") > 1:
        found.append(
            Finding(
                "SEN2-R064",
                details[0] if details else parent,
                f"{name} ranks are {', '.join(r or '?' for r in ranks)}: give one rank 1 and at most one rank 2",
            )
        )


def _active(
    block: Node,
    active: Node,
    named: Node | None,
    coll: Collection,
    found: list[Finding],
) -> None:
    if named is None:
        found.append(
            Finding(
                "SEN2-R071",
                active,
                "ActivePlans is given without the plan's NamedPlan (Assessment/NamedPlan) in the same request",
            )
        )
    elif named.find("CeaseDate") is not None:
        found.append(
            Finding(
                "SEN2-R070",
                active,
                f"The plan ceased on {named.findtext('CeaseDate')}, before the census date, "
                "so it is not an active plan",
            )
        )
    needs = active.findall("SENneed")
    ranks = [text(n, "SENtypeRank") for n in needs]
    types = [text(n, "SENtype") for n in needs]
    if ranks.count("1") != 1 or ranks.count("2") > 1 or len(set(types)) != len(types):
        found.append(
            Finding(
                "SEN2-R073",
                needs[0] if needs else active,
                "SENneed must have exactly one rank 1 need and at most one different rank 2 need; "
                f"found {', '.join(f'{t} rank {r}' for t, r in zip(types, ranks, strict=True)) or 'none'}",
            )
        )
    _placements(active, "PlacementDetail", found)
    for detail in active.findall("PlacementDetail"):
        entry, leaving = date(detail, "EntryDate"), date(detail, "LeavingDate")
        if (entry and entry > coll.census) or (entry and leaving and leaving < entry):
            found.append(
                Finding(
                    "SEN2-R074",
                    at(detail, "EntryDate"),
                    f"EntryDate {fmt(entry)} is after the census date, or LeavingDate is before it",
                )
            )
    meeting, review = date(active, "ReviewMeeting"), date(active, "LastReview")
    if meeting and review and review < meeting:
        found.append(
            Finding(
                "SEN2-R075",
                at(active, "LastReview"),
                f"LastReview {fmt(review)} is before ReviewMeeting {fmt(meeting)}: "
                "LastReview is the date of the decision letter after the meeting",
            )
        )
