"""SEN2 to casework: what one checked <Person> becomes in SENDcase.

The reverse of sendcase.sen2.derive, item by item, so that a file SENDcase exported comes back
as the same casework (docs/sen2.md, "How SENDcase fills each item"). What casework cannot hold
stays in the block kept with it (sendcase.sen2.models.ImportedRequest).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from sendcase.sen2.findings import Node, node_of
from sendcase.sen2.mapping import REQUEST_SOURCE_BY_CODE, is_yes, parse_date

# (URN, UKPRN) of a setting named in a plan.
SettingKey = tuple[str, str]


@dataclass
class BlockValues:
    """One <Requests> block: the request and plan it becomes, and the block as it came."""

    request: dict[str, Any] | None
    plan: dict[str, Any] | None
    setting: SettingKey | None
    xml: str
    active: bool


@dataclass
class PersonValues:
    key: str
    child: dict[str, Any]
    blocks: list[BlockValues] = field(default_factory=list)
    content_hash: str = ""
    placement: SettingKey | None = None
    # (primary, secondary) from the active plan's SENneed; None when the file has no active plan.
    needs: tuple[str, str] | None = None


# A person read here passed the schema: an item, when it is there, is text, and a group that
# appears at most once is a Node, so these read values without checking their types.


def _text(parent: Node | None, name: str) -> str:
    return parent.get(name, "") if parent is not None else ""  # type: ignore[return-value]


def _date(parent: Node | None, name: str) -> dt.date | None:
    return parse_date(parent.get(name)) if parent is not None else None  # type: ignore[arg-type]


def _node(parent: Node | None, name: str) -> Node | None:
    return parent.get(name) if parent is not None else None  # type: ignore[return-value]


def person_key(person: Node) -> str:
    """The key SENDcase matches the person on: UPN, else ULN, else name and date of birth."""
    get = person.get
    upn = get("UPN", "").upper()  # type: ignore[union-attr]
    if upn:
        return f"UPN:{upn}"
    uln = get("UniqueLearnerNumber", "")
    if uln:
        return f"ULN:{uln}"
    surname, forename = get("Surname", "").lower(), get("Forename", "").lower()  # type: ignore[union-attr]
    return f"NAME:{surname}|{forename}|{get('PersonBirthDate', '')}"


def _setting(detail: Node | None) -> SettingKey | None:
    if detail is None:
        return None
    urn, ukprn = detail.get("URN", ""), detail.get("UKPRN", "")
    return (urn, ukprn) if urn or ukprn else None  # type: ignore[return-value]


def _rank_one(parent: Node | None, name: str) -> Node | None:
    if parent is None:
        return None
    return next((d for d in parent.get(name, ()) if d.get("PlacementRank") == "1"), None)  # type: ignore[union-attr]


def person_values(element: etree._Element, person: Node | None = None) -> PersonValues:
    """The casework values of a person that passed every check (`person`: its Node, if made)."""
    canonical = etree.tostring(element, encoding="UTF-8")
    if person is None:
        person = node_of(element)
    get = person.get
    upn = get("UPN", "").upper()  # type: ignore[union-attr]
    child = {
        "first_name": get("Forename", ""),
        "last_name": get("Surname", ""),
        "date_of_birth": parse_date(get("PersonBirthDate")),  # type: ignore[arg-type]
        "sex": get("Sex", ""),
        "ethnicity": get("Ethnicity", ""),
        "postcode": get("PostCode", ""),
        "upn": upn,
        "uln": get("UniqueLearnerNumber", ""),
        "upn_unknown": get("UPNunknown", ""),
    }
    values = PersonValues(key=person_key(person), child=child, content_hash=hashlib.sha256(canonical).hexdigest())
    blocks: list[Node] = get("Requests", [])  # type: ignore[assignment]
    starts = sorted(d for d in (_date(_node(_node(b, "Assessment"), "NamedPlan"), "StartDate") for b in blocks) if d)
    for block in blocks:
        active = _node(block, "ActivePlans")
        if active is not None:
            ranked = {need.get("SENtypeRank"): need.get("SENtype", "") for need in active.get("SENneed", ())}  # type: ignore[union-attr]
            values.needs = (ranked.get("1", ""), ranked.get("2", ""))  # type: ignore[assignment]
            values.placement = _setting(_rank_one(active, "PlacementDetail"))
        values.blocks.append(_block(block, starts))
    return values


def _block(block: Node, starts: list[dt.date]) -> BlockValues:
    assessment = _node(block, "Assessment")
    named = _node(assessment, "NamedPlan")
    active = _node(block, "ActivePlans")
    request = _request(block, assessment, named) if _text(block, "ReceivedDate") else None
    plan = _plan(named, active, starts) if named is not None else None
    return BlockValues(
        request=request,
        plan=plan,
        setting=_setting(_rank_one(named, "PlanDetail")),
        xml=etree.tostring(block.element, encoding="unicode"),
        active=active is not None,
    )


def _request(block: Node, assessment: Node | None, named: Node | None) -> dict[str, Any]:
    code = _text(block, "RequestSource")
    request: dict[str, Any] = {
        "received_on": _date(block, "ReceivedDate"),
        # No source given, or a code SENDcase does not know: "other" (the code itself is kept).
        "source": REQUEST_SOURCE_BY_CODE.get(code, "other"),
        "in_relevant_youth_accommodation": is_yes(_text(block, "RYA")),
        "assess_decision": "",
        "assess_decision_on": None,
        "issue_decision": "",
        "issue_decision_on": None,
        "final_issued_on": None,
        "outcome": "open",
        "closed_on": None,
        "transferred_out_to": _text(block, "Exported"),
        "transferred_in_from": "",
    }
    ended = "transferred_out" if request["transferred_out_to"] else "withdrawn"
    outcome, decided = _text(block, "RequestOutcome"), _date(block, "RequestOutcomeDate")
    if outcome in ("Y", "H"):
        # H: decided before the period, on a day the file does not give.
        request.update(assess_decision="assess", assess_decision_on=decided if outcome == "Y" else None)
    elif outcome == "N":
        request.update(
            assess_decision="not_assess", assess_decision_on=decided, outcome="not_assessed", closed_on=decided
        )
    elif outcome == "W":
        request.update(outcome=ended)
    if assessment is None:
        return request
    result, on = _text(assessment, "AssessmentOutcome"), _date(assessment, "AssessmentOutcomeDate")
    start = _date(named, "StartDate")
    if result in ("Y", "H"):
        issued = on or start
        request.update(issue_decision="issue", issue_decision_on=on if result == "Y" else None, final_issued_on=issued)
        if issued:
            request.update(outcome="plan_issued", closed_on=issued)
    elif result == "N":
        request.update(issue_decision="not_issue", issue_decision_on=on, outcome="not_issued", closed_on=on)
    elif result == "W":
        request.update(outcome=ended)
    return request


def _plan(named: Node, active: Node | None, starts: list[dt.date]) -> dict[str, Any]:
    start = _date(named, "StartDate")
    cease, reason = _date(named, "CeaseDate"), _text(named, "CeaseReason")
    detail = _rank_one(named, "PlanDetail")
    plan: dict[str, Any] = {
        "issued_on": start,
        "sen_setting": _text(detail, "SENSetting"),
        "transferred_in_from": _text(active, "TransferLA"),
        "last_review_on": _date(active, "LastReview"),
        "status": "active",
        "ceased_on": None,
        "cease_reason": "",
    }
    if active is not None:
        return plan
    if cease:
        status = "transferred_out" if reason == "5" else "ceased"
        plan.update(status=status, ceased_on=cease, cease_reason=reason)
    else:
        # Neither maintained at the census nor ceased in the period: replaced by the person's
        # next plan (a re-assessment) on the day it began, or ended after the period.
        later = [d for d in starts if start and d > start]
        plan.update(status="ceased", ceased_on=later[0] if later else None)
    return plan
