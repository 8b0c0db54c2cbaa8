"""The SEN2 validation rules SENDcase applies: identifier, severity, plain-English title, source.

The DfE's own validation rules and error numbers were not available when these were written
(shared/domain/sen2-return.md A.7: "Do not invent error codes"), so every rule here has a
SENDcase identifier, SEN2-Rnnn, not a DfE number. The `source` says where each rule comes from:
a section of sen2-return.md or identifiers.md, or "SENDcase" for checks SENDcase needs to store a
file faithfully. docs/sen2.md lists them all; tests/sen2/test_rules_doc.py keeps the two in step.

Errors stop an import and must be fixed before a return is submitted. Warnings are worth a look
but may be right (an [UNCONFIRMED] rule, or data that is unusual rather than wrong).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

ERROR: Final = "error"
WARNING: Final = "warning"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    title: str
    source: str


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {r.id: r for r in rules}


RULES: Final[dict[str, Rule]] = _rules(
    # The file and its header
    Rule("SEN2-R001", ERROR, "The file must be well-formed XML", "A.3"),
    Rule(
        "SEN2-R002",
        ERROR,
        "The file must not declare a DOCTYPE or entities (SENDcase refuses them so a file cannot read other files "
        "or expand without end)",
        "SENDcase (DESIGN.md, bad input)",
    ),
    Rule("SEN2-R003", ERROR, "The file must be a Message holding a Header and then Persons", "A.3"),
    Rule(
        "SEN2-R004",
        ERROR,
        "The header Year must be a collection year SENDcase reads (2025 onwards) and ReferenceDate that year's "
        "census date",
        "A.2",
    ),
    Rule("SEN2-R005", ERROR, "The header LEA must be the DfE number of a council in SENDcase", "SENDcase"),
    # Checks of the schema (sendcase/sen2/schema/sen2-2025.xsd)
    Rule("SEN2-R010", ERROR, "Every required item must be there, in the SEN2 order, and nothing else", "A.3, A.7(a)"),
    Rule("SEN2-R011", ERROR, "A coded item must use a code from its SEN2 code list", "A.4, A.7(a)"),
    Rule(
        "SEN2-R012",
        ERROR,
        "An identifier must have its SEN2 format (UPN, ULN, URN, UKPRN, LA number, serial number)",
        "A.4, A.7(a)",
    ),
    Rule("SEN2-R013", ERROR, "A date must be a real date written YYYY-MM-DD", "A.4"),
    Rule("SEN2-R014", ERROR, "Any other breach of the SEN2 schema", "A.3"),
    # Module 1: the person
    Rule("SEN2-R020", ERROR, "PersonBirthDate must not be after the census date", "A.4 Module 1; A.7(e) 105a"),
    Rule("SEN2-R021", WARNING, "A person aged 26 or over on the census date is outside SEN2's 0 to 25", "A.7(d), (e)"),
    Rule("SEN2-R022", ERROR, "A person with neither a UPN nor a ULN needs a UPNunknown reason", "A.7(b) G-10"),
    Rule("SEN2-R023", WARNING, "UPNunknown is for persons with neither a UPN nor a ULN", "A.4 Module 1 [UNCONFIRMED]"),
    Rule("SEN2-R024", WARNING, "UPNunknown should be one of the seven codes the DfE guide gives for SEN2", "A.4"),
    Rule(
        "SEN2-R025",
        ERROR,
        "Surname and Forename must be given, and have at most 100 characters",
        "A.4 Module 1; SENDcase (stored length)",
    ),
    Rule("SEN2-R026", WARNING, "PostCode should be a UK postcode", "identifiers.md C.6 [UNCONFIRMED for SEN2]"),
    Rule("SEN2-R027", ERROR, "PostCode must have at most 8 characters", "SENDcase (stored length)"),
    Rule(
        "SEN2-R028",
        WARNING,
        "Two persons without a UPN must not share a ULN, nor (without a ULN either) a name and date of birth",
        "SENDcase (telling persons apart)",
    ),
    # UPN and ULN
    # R030 to R033 are the DfE Common Basic Data Set's UPN rules as the CIN census applies them;
    # sen2-return.md A.7(c) says only that "presumably the same logic applies in SEN2".
    Rule(
        "SEN2-R030",
        ERROR,
        "A UPN's check letter must match the rest of the UPN",
        "A.7(c) 1510 [UNCONFIRMED for SEN2: a CBDS rule]; identifiers.md C.1",
    ),
    Rule(
        "SEN2-R031",
        ERROR,
        "A UPN must not appear for more than one person",
        "A.7(c) 1520 [UNCONFIRMED for SEN2: a CBDS rule]; SENDcase (telling persons apart)",
    ),
    Rule(
        "SEN2-R032",
        WARNING,
        "Characters 2 to 4 of a UPN should be a recognised LA number",
        "A.7(c) 1530 [UNCONFIRMED for SEN2: a CBDS rule]",
    ),
    Rule(
        "SEN2-R033",
        ERROR,
        "The last character of a UPN must not be I, O or S",
        "A.7(c) 1550 [UNCONFIRMED for SEN2: a CBDS rule]",
    ),
    Rule("SEN2-R034", ERROR, "A ULN must pass its check digit", "identifiers.md C.2"),
    # Module 2: requests
    Rule(
        "SEN2-R040",
        ERROR,
        "ReceivedDate must be given unless RequestOutcome is H",
        "A.4 Module 2 [UNCONFIRMED]; SENDcase (a request needs its date)",
    ),
    Rule("SEN2-R041", ERROR, "ReceivedDate must not be after the end of the collection period", "A.2"),
    Rule("SEN2-R042", ERROR, "RequestOutcomeDate must be given when RequestOutcome is Y or N", "A.7(b) G-01"),
    Rule("SEN2-R043", ERROR, "RequestOutcomeDate must not be before ReceivedDate", "A.4 Module 2"),
    Rule(
        "SEN2-R044",
        ERROR,
        "A Y or N RequestOutcomeDate must fall between the start of the collection period and the census date "
        "(earlier decisions are H, later ones A)",
        "A.2; A.4 Module 2 [UNCONFIRMED: read on the census date]",
    ),
    Rule("SEN2-R045", WARNING, "RequestOutcomeDate is not needed when RequestOutcome is A, W or H", "A.7(b) G-01"),
    # G-02 gives "no further information" for A, W and H; the DfE's cross-module rule itself is
    # not in the sources (sen2-return.md A.7(b)).
    Rule(
        "SEN2-R046",
        ERROR,
        "No Assessment when RequestOutcome is N, A or W",
        "A.7(b) G-02 [UNCONFIRMED: the DfE cross-module rule]",
    ),
    Rule(
        "SEN2-R047",
        WARNING,
        "RequestSource should be a code SENDcase knows (the DfE list is [UNCONFIRMED])",
        "A.4 Module 2 [UNCONFIRMED]",
    ),
    Rule(
        "SEN2-R048",
        ERROR,
        "A request with no ReceivedDate must carry the plan it is returned for",
        "SENDcase (nothing else to store)",
    ),
    # Module 3: assessments
    Rule("SEN2-R050", ERROR, "AssessmentOutcomeDate must be given when AssessmentOutcome is N", "A.7(b) G-03"),
    Rule(
        "SEN2-R051",
        ERROR,
        "AssessmentOutcomeDate must not be before ReceivedDate or RequestOutcomeDate",
        "A.4 Module 3",
    ),
    Rule("SEN2-R052", ERROR, "A Y or N AssessmentOutcomeDate must fall in the collection period", "A.2; A.4 Module 3"),
    Rule("SEN2-R053", ERROR, "No NamedPlan or ActivePlans when AssessmentOutcome is A, W or N", "A.7(b) G-04"),
    Rule(
        "SEN2-R054",
        ERROR,
        "When AssessmentOutcome is Y, AssessmentOutcomeDate is the date the plan was issued: the NamedPlan StartDate",
        "A.7(b) G-03",
    ),
    Rule("SEN2-R055", WARNING, "Week20 applies only where a plan was issued", "A.7(b) G-05"),
    Rule("SEN2-R056", WARNING, "A plan with TransferLA is recorded with AssessmentOutcome H", "A.7(b) G-06"),
    # Module 4: named plans
    Rule("SEN2-R060", ERROR, "StartDate must not be before ReceivedDate nor after the census date", "A.4 Module 4a"),
    Rule("SEN2-R061", ERROR, "CeaseDate and CeaseReason must be given together", "A.4 Module 4a item 4.6; G-08"),
    Rule(
        "SEN2-R062",
        ERROR,
        "CeaseDate must not be before StartDate nor after the end of the collection period",
        "A.2; A.4 Module 4a",
    ),
    Rule("SEN2-R063", ERROR, "Each PlanDetail and PlacementDetail must name a URN, a UKPRN or a SENSetting", "A.6"),
    Rule("SEN2-R064", ERROR, "Placements must have one PlacementRank 1 and at most one PlacementRank 2", "A.4"),
    # Module 5: active plans
    Rule("SEN2-R070", ERROR, "ActivePlans is for plans still maintained on the census date", "A.2; A.4 Module 5"),
    Rule(
        "SEN2-R071",
        ERROR,
        "ActivePlans needs the NamedPlan (with its StartDate) in the same request",
        "SENDcase (a plan needs its start date)",
    ),
    Rule("SEN2-R072", ERROR, "A person has at most one ActivePlans", "A.7(d) 212; SENDcase (one plan at a time)"),
    Rule(
        "SEN2-R073",
        ERROR,
        "SENneed: exactly one rank 1 need, at most one rank 2, not the same type twice",
        "A.7(b) G-07",
    ),
    Rule(
        "SEN2-R074",
        ERROR,
        "EntryDate must not be after the census date, nor LeavingDate before EntryDate",
        "A.4 Module 5b",
    ),
    Rule("SEN2-R075", WARNING, "LastReview (the decision letter) should not be before ReviewMeeting", "A.7(b) G-09"),
)


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]
