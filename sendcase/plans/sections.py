"""The sections of an EHC plan, A to K, as the SEND Code of Practice (2015, chapter 9) lists them.

Each section is described once here: its heading, its fields and, for sections that are lists
(needs, outcomes, provision, advice), what one item is called. The validator, the forms, the
pages, the comparison and the PDF all read these descriptions, so a section is named the same
way everywhere ("Section E, outcome 2: ...").
"""

from __future__ import annotations

from dataclasses import dataclass

# The four broad areas of need (SEND Code of Practice, chapter 6; paragraph numbers [UNCONFIRMED]).
AREAS_OF_NEED: tuple[tuple[str, str], ...] = (
    ("communication", "Communication and interaction"),
    ("cognition", "Cognition and learning"),
    ("semh", "Social, emotional and mental health"),
    ("sensory_physical", "Sensory and/or physical"),
)
# From Year 9, outcomes also prepare for adulthood (reg 21(6); Code of Practice, chapter 8).
PREPARING_FOR_ADULTHOOD: tuple[tuple[str, str], ...] = (
    ("pfa_employment", "Preparing for adulthood: employment and further education"),
    ("pfa_independent_living", "Preparing for adulthood: independent living"),
    ("pfa_community", "Preparing for adulthood: friends, relationships and community"),
    ("pfa_health", "Preparing for adulthood: good health"),
)
OUTCOME_AREAS = AREAS_OF_NEED + PREPARING_FOR_ADULTHOOD

PLACEMENT_TYPES: tuple[tuple[str, str], ...] = (
    ("mainstream", "Mainstream school or academy"),
    ("resourced", "Resourced provision or SEN unit in a mainstream school"),
    ("special", "Special school or academy"),
    ("independent_special", "Independent or non-maintained special school"),
    ("early_years", "Early years setting or maintained nursery school"),
    ("post16", "Further education college, sixth form or other post-16 institution"),
    ("ap", "Alternative provision or pupil referral unit"),
    ("otherwise", "Education otherwise than at a school or post-16 institution (section 61)"),
    ("other", "Other"),
)


@dataclass(frozen=True)
class Field:
    """One field of a section or of one item of a list section."""

    name: str
    label: str
    # text (one line) | long (paragraphs) | date | choice | bool | money | links (outcome ids) | setting
    kind: str = "long"
    # What to ask for when it is missing, after "Section E, outcome 2: ". Empty: optional.
    required: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    hint: str = ""
    # The label when the value is read rather than entered, if different ("Start date", not "Start date (optional)").
    shown: str = ""

    @property
    def read_label(self) -> str:
        return self.shown or self.label


@dataclass(frozen=True)
class Section:
    code: str
    letter: str
    title: str
    fields: tuple[Field, ...]
    # For list sections: what one item is called ("outcome"), and its plural.
    item: str = ""
    items: str = ""
    hint: str = ""

    @property
    def is_list(self) -> bool:
        return bool(self.item)

    @property
    def heading(self) -> str:
        return f"Section {self.letter}: {self.title}"

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def empty(self) -> dict:
        if self.is_list:
            return {"items": []}
        return {f.name: (False if f.kind == "bool" else "") for f in self.fields}


def _needs(code: str, letter: str, title: str, *, area_required: bool, hint: str) -> Section:
    return Section(
        code,
        letter,
        title,
        (
            Field(
                "area",
                "Area of need",
                "choice",
                required="choose the area of need" if area_required else "",
                choices=AREAS_OF_NEED,
            ),
            Field("text", "Need", required="describe the need"),
        ),
        item="need",
        items="needs",
        hint=hint,
    )


def _provision(code: str, letter: str, title: str, hint: str) -> Section:
    return Section(
        code,
        letter,
        title,
        (
            Field("outcomes", "Outcomes this provision supports", "links"),
            Field("what", "What will be provided", required="say what will be provided"),
            Field("how_often", "How often", "text", required="say how often it will be provided"),
            Field("by_whom", "By whom", "text", required="say who will provide it"),
            Field("duration", "For how long", "text", hint="For example, 'until the next annual review'"),
            Field("start_on", "Start date (optional)", "date"),
            Field("end_on", "End date (optional)", "date"),
            Field(
                "group_size",
                "Group size or staff ratio (optional)",
                "text",
                hint="For example, 1:1 or small group of 4",
            ),
        ),
        item="provision",
        items="provision",
        hint=hint,
    )


SECTIONS: tuple[Section, ...] = (
    Section(
        "a",
        "A",
        "Views, interests and aspirations of the child and their parents, or of the young person",
        (
            Field("child_views", "The child or young person's views and interests, in their own words"),
            Field("family_views", "The parents' or carers' views"),
            Field("aspirations", "Aspirations for the future"),
            Field(
                "family_roles",
                "The family's role and the support agreed for them",
                hint="What parents and carers have agreed to do, and the support they will have to do it",
            ),
            Field("young_person_role", "The child or young person's own role"),
        ),
    ),
    _needs(
        "b",
        "B",
        "Special educational needs",
        area_required=True,
        hint="Every identified need, whatever the area of need it falls in",
    ),
    _needs(
        "c",
        "C",
        "Health needs related to special educational needs",
        area_required=False,
        hint="Health needs which relate to the child or young person's special educational needs",
    ),
    _needs(
        "d",
        "D",
        "Social care needs related to special educational needs or disability",
        area_required=False,
        hint="Social care needs which relate to the special educational needs or to a disability",
    ),
    Section(
        "e",
        "E",
        "Outcomes",
        (
            Field("area", "Area", "choice", required="choose the area of the outcome", choices=OUTCOME_AREAS),
            Field("outcome", "Outcome", required="describe the outcome"),
            Field(
                "measure",
                "How we will know it has been achieved",
                required="add how progress will be measured",
            ),
            Field("by_when", "To be achieved by", "date", required="add the date by which it should be achieved"),
            Field("steps", "Steps towards the outcome (short-term targets)", hint="One step on each line"),
        ),
        item="outcome",
        items="outcomes",
        hint="Specific, measurable and time-bound. From Year 9, include outcomes that prepare for adulthood.",
    ),
    _provision(
        "f",
        "F",
        "Special educational provision",
        "Detailed and specific: what, how often, by whom and for how long, for each need in section B",
    ),
    _provision("g", "G", "Health provision", "Health provision reasonably required by the needs in section C"),
    _provision(
        "h1",
        "H1",
        "Social care provision under section 2 of the Chronically Sick and Disabled Persons Act 1970",
        "Provision the council must make under section 2 of the 1970 Act",
    ),
    _provision("h2", "H2", "Other social care provision", "Other social care provision reasonably required"),
    Section(
        "i",
        "I",
        "Placement",
        (
            Field("setting_id", "School or setting named in the plan", "setting"),
            Field(
                "setting_name",
                "Name of the school or institution, if not listed",
                "text",
                shown="School or institution",
            ),
            Field("setting_type", "Type of school or institution", "choice", choices=PLACEMENT_TYPES),
        ),
        hint="The name and type of the school, post-16 institution or other institution the child will attend",
    ),
    Section(
        "j",
        "J",
        "Personal budget",
        (
            Field("amount", "Amount a year, in pounds (optional)", "money", shown="Amount a year"),
            Field("arrangements", "How the personal budget will be used and the arrangements for it"),
            Field("direct_payment", "Some or all of it is paid as a direct payment", "bool", shown="Direct payment"),
        ),
        hint="Leave blank if there is no personal budget",
    ),
    Section(
        "k",
        "K",
        "Advice and information",
        (
            Field("contributor", "Who gave it", "text", required="say who gave the advice"),
            Field("date", "Date", "date", required="add the date of the advice"),
            Field("title", "Title", "text", required="give the advice a title"),
        ),
        item="report",
        items="advice and information",
        hint="The advice and information gathered during the assessment, appended to the plan",
    ),
)

BY_CODE: dict[str, Section] = {s.code: s for s in SECTIONS}
PROVISION_SECTIONS = ("f", "g", "h1", "h2")


def section_get(code: str) -> Section | None:
    return BY_CODE.get(code)


def empty_content() -> dict:
    """The content of a plan nobody has written yet: every section present and empty."""
    return {s.code: s.empty() for s in SECTIONS}


def choice_label(choices: tuple[tuple[str, str], ...], value: str) -> str:
    return dict(choices).get(value, value)
