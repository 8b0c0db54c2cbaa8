"""The business rules of sendcase.sen2.rules, applied to one <Person> that passed the schema.

The same checks run on an imported file and on the return SENDcase would export from live data
(sendcase.sen2.live), so staff see the problems DfE would see before they submit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sendcase import sen2codes
from sendcase.identifiers import is_valid_postcode, is_valid_uln, upn_check_letter
from sendcase.sen2.collection import Collection
from sendcase.sen2.findings import Finding, Node, at, date, fmt, text
from sendcase.sen2.request_checks import check_request

_UPN_UNKNOWN = frozenset(sen2codes.UPNUnknown)
_NAME_MAX = 100
_POSTCODE_MAX = 8


def _ranges(*spans: tuple[int, int]) -> frozenset[str]:
    return frozenset(f"{n:03d}" for first, last in spans for n in range(first, last + 1))


# CBDS rule 1530: LA and pseudo-LA numbers a UPN may start with (sen2-return.md A.7(c)). A dated
# list (sendcase.identifiers.validate_upn explains), so SEN2-R032 is only a warning.
UPN_LA_CODES = _ranges(
    (1, 5), (201, 213), (301, 320), (330, 336), (340, 344), (350, 359), (370, 373), (380, 384), (390, 394),
    (420, 420), (660, 681), (701, 708), (800, 803), (805, 808), (810, 813), (815, 816), (820, 823), (825, 826),
    (830, 831), (835, 841), (845, 846), (850, 852), (855, 857), (860, 861), (865, 896), (908, 909), (916, 916),
    (919, 919), (921, 921), (925, 926), (928, 929), (931, 931), (933, 933), (935, 938), (940, 941),
)  # fmt: skip


def check_person(person: Node, coll: Collection) -> list[Finding]:
    """Every business-rule finding for one person."""
    found: list[Finding] = []
    _person_items(person, coll, found)
    _identifiers(person, found)
    blocks = person.findall("Requests")
    for block in blocks:
        check_request(block, coll, found)
    active = [plans for plans in (block.find("ActivePlans") for block in blocks) if isinstance(plans, Node)]
    for extra in active[1:]:
        found.append(Finding("SEN2-R072", extra, "This person has more than one ActivePlans: a person has one plan"))
    return found


def _person_items(person: Node, coll: Collection, found: list[Finding]) -> None:
    for name in ("Surname", "Forename"):
        value = text(person, name) or ""
        if not value:
            found.append(Finding("SEN2-R025", at(person, name), f"{name} is blank"))
        elif len(value) > _NAME_MAX:
            found.append(Finding("SEN2-R025", at(person, name), f"{name} has more than {_NAME_MAX} characters"))
    born = date(person, "PersonBirthDate")
    if born and born > coll.census:
        found.append(
            Finding(
                "SEN2-R020",
                at(person, "PersonBirthDate"),
                f"PersonBirthDate {fmt(born)} is after the census date {fmt(coll.census)}",
            )
        )
    elif born and _age_on(born, coll.census) >= 26:
        found.append(
            Finding(
                "SEN2-R021",
                at(person, "PersonBirthDate"),
                f"Born {fmt(born)}: aged {_age_on(born, coll.census)} on the census date",
            )
        )
    postcode = text(person, "PostCode") or ""
    if len(postcode) > _POSTCODE_MAX:
        found.append(Finding("SEN2-R027", at(person, "PostCode"), f"PostCode '{postcode}' has more than 8 characters"))
    elif not postcode:
        found.append(Finding("SEN2-R026", at(person, "PostCode"), "PostCode is blank"))
    elif not is_valid_postcode(postcode):
        found.append(Finding("SEN2-R026", at(person, "PostCode"), f"PostCode '{postcode}' is not a UK postcode"))


def _age_on(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _identifiers(person: Node, found: list[Finding]) -> None:
    upn = (text(person, "UPN") or "").upper()
    uln = text(person, "UniqueLearnerNumber") or ""
    unknown = text(person, "UPNunknown") or ""
    if not upn and not uln and not unknown:
        found.append(
            Finding(
                "SEN2-R022",
                person,
                "There is no UPN, no UniqueLearnerNumber and no UPNunknown reason",
                missing="UPNunknown",
            )
        )
    if unknown and (upn or uln):
        found.append(
            Finding("SEN2-R023", at(person, "UPNunknown"), f"UPNunknown {unknown} is given as well as a UPN or ULN")
        )
    if unknown and unknown not in _UPN_UNKNOWN:
        codes = ", ".join(sen2codes.UPNUnknown)
        found.append(
            Finding(
                "SEN2-R024",
                at(person, "UPNunknown"),
                f"UPNunknown {unknown} is not one of the codes the DfE guide gives for SEN2 ({codes})",
            )
        )
    if upn:
        where = at(person, "UPN")
        if upn[12] in "IOS":
            found.append(Finding("SEN2-R033", where, f"UPN {upn} ends in {upn[12]}: a UPN never uses I, O or S"))
        elif upn[0] != upn_check_letter(upn[1:]):
            found.append(
                Finding(
                    "SEN2-R030",
                    where,
                    f"UPN {upn}: the check letter does not match the rest of the UPN. "
                    "Check the whole number was copied correctly",
                )
            )
        if upn[1:4] not in UPN_LA_CODES:
            found.append(
                Finding("SEN2-R032", where, f"UPN {upn}: characters 2 to 4 ({upn[1:4]}) are not a recognised LA number")
            )
    if uln and not is_valid_uln(uln):
        found.append(
            Finding(
                "SEN2-R034",
                at(person, "UniqueLearnerNumber"),
                f"UniqueLearnerNumber {uln} fails its check digit: check it was copied correctly",
            )
        )


class CrossChecks:
    """Rules across persons: a UPN used twice (SEN2-R031), persons SENDcase cannot tell apart (R028).

    Each person seen is remembered by `ref`, a small value unique to it (its number in the file
    and line, or in live checks its number and name), and `describe` turns a ref into words only
    when a duplicate is found: a whole country's persons can pass through.
    """

    def __init__(self, describe: Callable[[Any], str]) -> None:
        self.describe = describe
        self.upns: dict[str, Any] = {}
        self.ulns: dict[str, Any] = {}
        self.names: dict[tuple[str, str, str], Any] = {}

    def see(self, person: Node, ref: Any) -> list[Finding]:
        found: list[Finding] = []
        upn = (text(person, "UPN") or "").upper()
        uln = text(person, "UniqueLearnerNumber") or ""
        if upn:
            first = self.upns.setdefault(upn, ref)
            if first is not ref:
                found.append(
                    Finding("SEN2-R031", at(person, "UPN"), f"UPN {upn} is also given for {self.describe(first)}")
                )
        elif uln:
            first = self.ulns.setdefault(uln, ref)
            if first is not ref:
                found.append(
                    Finding(
                        "SEN2-R028",
                        at(person, "UniqueLearnerNumber"),
                        f"{self.describe(first)} has the same ULN {uln}, and neither has a UPN",
                    )
                )
        else:
            key = (
                (text(person, "Surname") or "").lower(),
                (text(person, "Forename") or "").lower(),
                text(person, "PersonBirthDate") or "",
            )
            first = self.names.setdefault(key, ref)
            if first is not ref:
                found.append(
                    Finding(
                        "SEN2-R028",
                        person,
                        f"{self.describe(first)} has the same name and date of birth, and neither has a UPN or ULN",
                    )
                )
        return found
