"""Code lists of the DfE SEN2 person-level return, with plain-English labels.

Each list is a ``StrEnum`` whose values are the codes SEN2 uses, so a member can be stored,
compared with and written to XML as the code itself (``SENType.ASD == "ASD"``). Every member has a
``.label``, and every list a ``choices()`` that Django model fields can take, without this
package importing Django.

Codes come from shared/domain/sen2-return.md section A.4 (SEN2 2024 XSD, DfE guide text and the
2025 data dictionary). Where a label is not from those sources, a comment says where it is from.

Not here, on purpose:

- ``RequestSource`` (2025+, "source of request for an EHC needs assessment"): its code list was
  not found and is [UNCONFIRMED]. Do not invent numeric codes for it; add it from the DfE 2025
  technical specification.
- DMO/DCO ``Y``/``N``/``R``: the meaning of ``R`` is [UNCONFIRMED].
- Booleans (``Week20``, ``PB``, ...): store as bool, write 1/0.
"""

from __future__ import annotations

import enum
from typing import Final

# Labels live outside the enums: an enum body cannot hold a mapping without mypy taking it for a
# member. Keyed by class, because members of different lists can share a code ("Y", "A", ...).
_LABELS: dict[type[CodeList], dict[str, str]] = {}


class CodeList(enum.StrEnum):
    """Base class for SEN2 code lists: adds ``.label`` and ``choices()``."""

    @property
    def label(self) -> str:
        """Plain-English meaning of the code."""
        return _LABELS[type(self)][self.value]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """Return ``[(code, label), ...]`` in SEN2 order, for form and model choices."""
        return [(member.value, member.label) for member in cls]


def _labels(code_list: type[CodeList], **labels: str) -> None:
    # Fail at import, not on first use, if a member was added without a label or a label names
    # no member.
    names = set(code_list.__members__)
    if names != set(labels):
        raise RuntimeError(f"{code_list.__name__}: labels do not match members {sorted(names)}")
    _LABELS[code_list] = {code_list[name].value: label for name, label in labels.items()}


class SENType(CodeList):
    """Type of special educational need (SENneed ``SENtype``, item 5.8a)."""

    SPLD = "SPLD"
    MLD = "MLD"
    SLD = "SLD"
    PMLD = "PMLD"
    SEMH = "SEMH"
    SLCN = "SLCN"
    HI = "HI"
    VI = "VI"
    MSI = "MSI"
    PD = "PD"
    ASD = "ASD"
    DS = "DS"
    """Down syndrome: from the 2025 return only. It is not in the 2024 XSD."""
    OTH = "OTH"

    @property
    def first_collection_year(self) -> int | None:
        """The first SEN2 collection year that accepts this code; None if in every year."""
        return 2025 if self is SENType.DS else None

    @classmethod
    def for_collection_year(cls, year: int) -> list[SENType]:
        """Return the codes a return for collection ``year`` may use."""
        return [m for m in cls if m.first_collection_year is None or m.first_collection_year <= year]


_labels(
    SENType,
    SPLD="Specific learning difficulty",
    MLD="Moderate learning difficulty",
    SLD="Severe learning difficulty",
    PMLD="Profound and multiple learning difficulty",
    SEMH="Social, emotional and mental health",
    SLCN="Speech, language and communication needs",
    HI="Hearing impairment",
    VI="Vision impairment",
    MSI="Multi-sensory impairment",
    PD="Physical disability",
    ASD="Autistic spectrum disorder",
    DS="Down syndrome",
    OTH="Other difficulty",
)


class RequestOutcome(CodeList):
    """Outcome of a request for an EHC needs assessment (Requests ``RequestOutcome``)."""

    ASSESS = "Y"
    NOT_ASSESS = "N"
    AWAITING_DECISION = "A"
    WITHDRAWN = "W"
    HISTORICAL = "H"


_labels(
    RequestOutcome,
    ASSESS="The council decided to carry out an assessment",
    NOT_ASSESS="The council decided not to carry out an assessment",
    AWAITING_DECISION="Decision not yet made",
    WITHDRAWN="Request withdrawn or ended before a decision to assess",
    HISTORICAL="Decision made before this collection period",
)


class AssessmentOutcome(CodeList):
    """Outcome of an EHC needs assessment (Assessment ``AssessmentOutcome``)."""

    ISSUE_PLAN = "Y"
    NOT_ISSUE_PLAN = "N"
    AWAITING_DECISION = "A"
    WITHDRAWN = "W"
    # Also used by an LA that takes over a plan transferred in from another LA.
    HISTORICAL = "H"


_labels(
    AssessmentOutcome,
    ISSUE_PLAN="The council decided to issue an EHC plan",
    NOT_ISSUE_PLAN="The council decided not to issue an EHC plan",
    AWAITING_DECISION="Decision not yet made",
    WITHDRAWN="Withdrawn or ended before a decision whether to issue",
    HISTORICAL=("Decision made before this collection period, or plan transferred in from another council"),
)


class CeaseReason(CodeList):
    """Why an EHC plan ended (NamedPlan ``CeaseReason``, item 4.6 of the 2025 guide)."""

    MAXIMUM_AGE = "1"
    NEEDS_MET_WITHOUT_PLAN = "2"
    HIGHER_EDUCATION = "3"
    PAID_EMPLOYMENT = "4"
    TRANSFERRED_TO_ANOTHER_LA = "5"
    NO_LONGER_WISHES_TO_ENGAGE = "6"
    MOVED_OUTSIDE_ENGLAND = "7"
    DECEASED = "8"
    OTHER = "9"


_labels(
    CeaseReason,
    # The 2025 wording; 2024 lacked the adult estate clause.
    MAXIMUM_AGE=(
        "Reached maximum age (end of the academic year in which the young person turned 25, "
        "or turned 19 if they entered the adult estate)"
    ),
    NEEDS_MET_WITHOUT_PLAN="Ongoing educational or training needs being met without an EHC plan",
    HIGHER_EDUCATION="Moved on to higher education",
    PAID_EMPLOYMENT="Moved on to paid employment, excluding apprenticeships",
    TRANSFERRED_TO_ANOTHER_LA="Transferred to another council in England",
    NO_LONGER_WISHES_TO_ENGAGE="Young person no longer wishes to engage in education or training",
    # "Moved abroad" in the 2024 XSD.
    MOVED_OUTSIDE_ENGLAND="Moved outside England",
    DECEASED="Deceased",
    OTHER="Other",
)


class SENSetting(CodeList):
    """Setting with no URN or UKPRN (PlanDetail/PlacementDetail ``SENSetting``, 4.7c/5.7c)."""

    OLA = "OLA"
    OPA = "OPA"
    EHE = "EHE"
    EYP = "EYP"
    OTH = "OTH"
    NEET = "NEET"
    NIEC = "NIEC"
    NIEO = "NIEO"


_labels(
    SENSetting,
    OLA="Other arrangements made by the council (education otherwise than at school, section 61)",
    OPA=("Other arrangements made by parents or the young person, not elective home education (section 42(5))"),
    EHE="Elective home education",
    EYP="Early years provider with no URN",
    OTH="Other",
    NEET="Not in education, employment or training (aged 16 to 25)",
    NIEC="Not in education or training – notice to cease issued",
    NIEO="Not in education or training – other",
)


class Sex(CodeList):
    """Sex (Person ``Sex``, 2024 onwards; the 2023 return used ``GenderCurrent``)."""

    MALE = "M"
    FEMALE = "F"
    UNKNOWN = "U"


_labels(Sex, MALE="Male", FEMALE="Female", UNKNOWN="Not known")


class Ethnicity(CodeList):
    """Ethnicity, CBDS main codes (Person ``Ethnicity``).

    SEN2 may also receive CBDS extended codes (e.g. WENG) that map to these; mapping them is
    the importer's job, not this list's.
    """

    WBRI = "WBRI"
    WIRI = "WIRI"
    WIRT = "WIRT"
    WOTH = "WOTH"
    WROM = "WROM"
    MWBC = "MWBC"
    MWBA = "MWBA"
    MWAS = "MWAS"
    MOTH = "MOTH"
    AIND = "AIND"
    APKN = "APKN"
    ABAN = "ABAN"
    AOTH = "AOTH"
    BCRB = "BCRB"
    BAFR = "BAFR"
    BOTH = "BOTH"
    CHNE = "CHNE"
    OOTH = "OOTH"
    REFU = "REFU"
    NOBT = "NOBT"


# The codes are from the SEN2 XSD; the domain notes give no labels except REFU and NOBT, so the
# rest follow the CBDS descriptions DfE uses in its school census publications [SECONDARY].
_labels(
    Ethnicity,
    WBRI="White – British",
    WIRI="White – Irish",
    WIRT="White – Traveller of Irish heritage",
    WOTH="White – any other White background",
    WROM="White – Gypsy or Roma",
    MWBC="Mixed – White and Black Caribbean",
    MWBA="Mixed – White and Black African",
    MWAS="Mixed – White and Asian",
    MOTH="Mixed – any other mixed background",
    AIND="Asian – Indian",
    APKN="Asian – Pakistani",
    ABAN="Asian – Bangladeshi",
    AOTH="Asian – any other Asian background",
    BCRB="Black – Caribbean",
    BAFR="Black – African",
    BOTH="Black – any other Black background",
    CHNE="Chinese",
    OOTH="Any other ethnic group",
    REFU="Refused",
    NOBT="Information not yet obtained",
)


class UPNUnknown(CodeList):
    """Why neither a UPN nor a ULN is given (Person ``UPNunknown``).

    The XSD allows UN1 to UN10, but the DfE guide documents only these seven for SEN2. The others
    are left out until a source says what they mean (shared/domain/sen2-return.md, "Still open").
    """

    UN1 = "UN1"
    UN2 = "UN2"
    UN3 = "UN3"
    UN5 = "UN5"
    UN8 = "UN8"
    UN9 = "UN9"
    UN10 = "UN10"


_labels(
    UPNUnknown,
    UN1="Child under 6 and not yet given a UPN",
    UN2="Never attended a state-funded school in England, so has no UPN",
    UN3="Educated outside England, so has no UPN",
    UN5="Records of the UPN disagree on name or date of birth, so it cannot be matched reliably",
    UN8="New to the council and UPN or ULN not yet known",
    UN9=(
        "Young person never attended a state-funded school or further education setting in "
        "England, so has no UPN or ULN"
    ),
    UN10="Request ended with no further action before the UPN or ULN was known",
)


class PlanRes(CodeList):
    """Residential setting named in the plan (NamedPlan ``PlanRes``; PlacementDetail ``Res``)."""

    WEEKS_38_TO_51 = "A"
    WEEKS_52 = "B"


_labels(PlanRes, WEEKS_38_TO_51="38 to 51 weeks a year", WEEKS_52="52 weeks a year")


class PlanWBP(CodeList):
    """Work-based learning (NamedPlan ``PlanWBP``; PlacementDetail ``WBP``)."""

    APPRENTICESHIP = "A"
    TRAINEESHIP = "T"
    SUPPORTED_INTERNSHIP = "S"


_labels(
    PlanWBP,
    APPRENTICESHIP="Apprenticeship",
    TRAINEESHIP="Traineeship",
    SUPPORTED_INTERNSHIP="Supported internship",
)


class DirectPayment(CodeList):
    """What a personal budget's direct payments cover (NamedPlan ``DP``)."""

    EDUCATION = "E"
    SOCIAL_CARE = "S"
    HEALTH = "H"
    INTEGRATED = "I"


_labels(
    DirectPayment,
    EDUCATION="Education only",
    SOCIAL_CARE="Social care only",
    HEALTH="Health only",
    INTEGRATED="Integrated payment for more than one of these",
)


class ReviewOutcome(CodeList):
    """The council's decision after an annual review (ActivePlans ``ReviewOutcome``, 2024+)."""

    AMEND = "A"
    CEASE = "C"
    MAINTAIN = "M"


_labels(
    ReviewOutcome,
    AMEND="Amend the plan",
    CEASE="Cease to maintain the plan",
    MAINTAIN="Maintain the plan as it is",
)

CODE_LISTS: Final[tuple[type[CodeList], ...]] = tuple(_LABELS)
"""Every code list here, for tests and for reference-data pages."""

__all__ = [
    "CODE_LISTS",
    "AssessmentOutcome",
    "CeaseReason",
    "CodeList",
    "DirectPayment",
    "Ethnicity",
    "PlanRes",
    "PlanWBP",
    "RequestOutcome",
    "ReviewOutcome",
    "SENSetting",
    "SENType",
    "Sex",
    "UPNUnknown",
]
