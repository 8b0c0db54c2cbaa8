"""The EHC plan as a family reads it in the portal: sections A to K, and what proposed amendments change.

The content and the comparison come from sendcase.plans (plans.display.section_views and
plans.compare.plan_versions_compare); this module only chooses the words a family reads, in their
language: the portal's own section names (portal.models.PLAN_SECTIONS, where H1 and H2 are parts
of one section H), plain labels for each field, dates with the language's month names and the
areas of need and types of school in words. What the council wrote stays as they wrote it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sendcase.cases.models import AssessmentRequest, Outcome
from sendcase.plans.compare import Segment, plan_versions_compare
from sendcase.plans.display import Words, section_views
from sendcase.plans.sections import Field
from sendcase.portal.access import not_found
from sendcase.portal.models import PLAN_SECTIONS
from sendcase.portal.timeline import family_date
from sendcase.reviews.models import AnnualReview

if TYPE_CHECKING:
    from sendcase.portal.access import FamilyChild

# The portal's section (A to K) each of the plan's sections belongs to: H1 and H2 are both H.
PORTAL_SECTION = {"h1": "H", "h2": "H"}

# Which labels a plan section's fields use.
_GROUPS = {"b": "needs", "c": "needs", "d": "needs", "f": "provision", "g": "provision", "h1": "provision"}
_GROUPS |= {"h2": "provision"}

FIELD_LABELS: dict[tuple[str, str], Any] = {
    ("a", "child_views"): gettext_lazy("The child or young person's views and interests, in their own words"),
    ("a", "family_views"): gettext_lazy("The parents' or carers' views"),
    ("a", "aspirations"): gettext_lazy("Hopes for the future"),
    ("a", "family_roles"): gettext_lazy("What the family will do, and the support agreed for them"),
    ("a", "young_person_role"): gettext_lazy("What the child or young person will do"),
    ("needs", "area"): gettext_lazy("Area of need"),
    ("needs", "text"): gettext_lazy("Need"),
    ("e", "area"): gettext_lazy("Area"),
    ("e", "outcome"): gettext_lazy("Outcome"),
    ("e", "measure"): gettext_lazy("How we will know it has been achieved"),
    ("e", "by_when"): gettext_lazy("To be achieved by"),
    ("e", "steps"): gettext_lazy("Steps towards it"),
    ("provision", "outcomes"): gettext_lazy("Outcomes it supports"),
    ("provision", "what"): gettext_lazy("What will be provided"),
    ("provision", "how_often"): gettext_lazy("How often"),
    ("provision", "by_whom"): gettext_lazy("By whom"),
    ("provision", "duration"): gettext_lazy("For how long"),
    ("provision", "start_on"): gettext_lazy("Start date"),
    ("provision", "end_on"): gettext_lazy("End date"),
    ("provision", "group_size"): gettext_lazy("Group size or staff ratio"),
    ("i", "setting_name"): gettext_lazy("School or college"),
    ("i", "setting_type"): gettext_lazy("Type of school or college"),
    ("j", "amount"): gettext_lazy("Amount a year"),
    ("j", "arrangements"): gettext_lazy("How the personal budget will be used"),
    ("j", "direct_payment"): gettext_lazy("Direct payment"),
    ("k", "contributor"): gettext_lazy("Who gave it"),
    ("k", "date"): gettext_lazy("Date"),
    ("k", "title"): gettext_lazy("Title"),
}

ITEM_LABELS: dict[str, Any] = {
    "needs": gettext_lazy("Need %(number)s"),
    "e": gettext_lazy("Outcome %(number)s"),
    "provision": gettext_lazy("Provision %(number)s"),
    "k": gettext_lazy("Report %(number)s"),
}

# The areas of need and of preparing for adulthood, and the types of school (plans/sections.py), in words.
CHOICE_LABELS: dict[str, Any] = {
    "communication": gettext_lazy("Communication and interaction"),
    "cognition": gettext_lazy("Cognition and learning"),
    "semh": gettext_lazy("Social, emotional and mental health"),
    "sensory_physical": gettext_lazy("Sensory and/or physical"),
    "pfa_employment": gettext_lazy("Preparing for adulthood: employment and further education"),
    "pfa_independent_living": gettext_lazy("Preparing for adulthood: independent living"),
    "pfa_community": gettext_lazy("Preparing for adulthood: friends, relationships and community"),
    "pfa_health": gettext_lazy("Preparing for adulthood: good health"),
    "mainstream": gettext_lazy("Mainstream school or academy"),
    "resourced": gettext_lazy("Resourced provision or SEN unit in a mainstream school"),
    "special": gettext_lazy("Special school or academy"),
    "independent_special": gettext_lazy("Independent or non-maintained special school"),
    "early_years": gettext_lazy("Early years setting or maintained nursery school"),
    "post16": gettext_lazy("Further education college, sixth form or other post-16 institution"),
    "ap": gettext_lazy("Alternative provision or pupil referral unit"),
    "otherwise": gettext_lazy("Education otherwise than at a school or college"),
    "other": gettext_lazy("Other"),
}

PART_HEADINGS: dict[str, Any] = {
    "h1": gettext_lazy(
        "H1: social care provision under section 2 of the Chronically Sick and Disabled Persons Act 1970"
    ),
    "h2": gettext_lazy("H2: other social care provision"),
}


def _choice(spec: Field, value: str) -> str:
    label = CHOICE_LABELS.get(value)
    return str(label) if label is not None else dict(spec.choices).get(value, value)


def family_words() -> Words:
    """Dates, choices and yes or no in the language of the page being drawn."""
    return Words(
        date=family_date,
        choice=_choice,
        yes=_("Yes"),
        no=_("No"),
        outcome=lambda number, text: _("Outcome %(number)s: %(text)s") % {"number": number, "text": text},
        gone_outcome=_("An outcome no longer in the plan"),
    )


def _group(code: str) -> str:
    return _GROUPS.get(code, code)


def field_label(code: str, name: str, fallback: str) -> str:
    label = FIELD_LABELS.get((_group(code), name))
    return str(label) if label is not None else fallback


def item_label(code: str, number: int) -> str:
    return str(ITEM_LABELS[_group(code)]) % {"number": number}


def portal_section(code: str) -> str:
    return PORTAL_SECTION.get(code, code.upper())


@dataclass(frozen=True)
class Row:
    label: str
    text: str


@dataclass(frozen=True)
class Item:
    label: str
    rows: list[Row]


@dataclass
class Part:
    """One of the plan's sections (A, B, ... H1, H2, ... K) under the portal's section it belongs to."""

    code: str
    heading: str  # "H1: ..." for the parts of section H, else ""
    rows: list[Row] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.items and not any(r.text for r in self.rows)


@dataclass
class FamilySection:
    code: str  # A to K, as the response form answers them
    heading: str
    parts: list[Part] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return all(p.is_empty for p in self.parts)


def _sections() -> dict[str, FamilySection]:
    return {code: FamilySection(code, _("Section %(label)s") % {"label": label}) for code, label in PLAN_SECTIONS}


def plan_for_family(content: dict[str, Any]) -> list[FamilySection]:
    """Sections A to K of a version's content, as the family reads them."""
    sections = _sections()
    for view in section_views(content, family_words()):
        part = Part(view.code, str(PART_HEADINGS.get(view.code, "")))
        part.rows = [Row(field_label(view.code, r.name, r.label), r.text) for r in view.rows]
        part.items = [
            Item(
                item_label(view.code, item.number),
                [Row(field_label(view.code, r.name, r.label), r.text) for r in item.rows if r.text],
            )
            for item in view.items
        ]
        sections[portal_section(view.code)].parts.append(part)
    return list(sections.values())


@dataclass(frozen=True)
class FieldChange:
    label: str
    segments: list[Segment]


@dataclass(frozen=True)
class ItemChange:
    label: str
    status: str  # added | removed | changed
    fields: list[FieldChange]


@dataclass
class PartChange:
    code: str
    heading: str
    fields: list[FieldChange] = field(default_factory=list)
    items: list[ItemChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.items)


@dataclass
class SectionChange:
    code: str
    heading: str
    parts: list[PartChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(p.changed for p in self.parts)


def changes_for_family(before: dict[str, Any], after: dict[str, Any]) -> list[SectionChange]:
    """What the proposed amendments change, portal section by section, words added and removed marked."""
    sections = {code: SectionChange(code, s.heading) for code, s in _sections().items()}
    for comparison in plan_versions_compare(before, after, words=family_words()):
        code = comparison.code
        part = PartChange(code, str(PART_HEADINGS.get(code, "")))
        part.fields = [
            FieldChange(field_label(code, f.name, f.label), f.segments) for f in comparison.fields if f.changed
        ]
        for item in comparison.items:
            if item.status == "unchanged":
                continue
            label = item_label(code, item.number)
            if item.status == "removed":
                label = _("%(item)s of the plan now") % {"item": label}
            elif item.was is not None:
                label = _("%(item)s (now number %(number)s)") % {
                    "item": item_label(code, item.was),
                    "number": item.number,
                }
            shown = [f for f in item.fields if f.changed or item.status != "changed"]
            fields = [FieldChange(field_label(code, f.name, f.label), f.segments) for f in shown]
            part.items.append(ItemChange(label, item.status, fields))
        sections[portal_section(code)].parts.append(part)
    return list(sections.values())


def review_get_for_family(review_id: object, *, child: Any) -> AnnualReview:
    """A review of a child already fetched through `access.child_get_for_family`; 404 for any other."""
    try:
        pk = review_id if isinstance(review_id, uuid.UUID) else uuid.UUID(str(review_id))
    except ValueError as exc:
        raise not_found() from exc
    review = AnnualReview.objects.filter(pk=pk, child=child).select_related("plan").first()
    if review is None:
        raise not_found()
    return review


# What the family can read and answer now, for the links beside the child's other pages.


@dataclass(frozen=True)
class PlanLink:
    url: str
    label: str
    section: str  # the page's `section`, to mark the link as the current page


def draft_requests(family_child: FamilyChild) -> list[AssessmentRequest]:
    """The child's open requests whose draft plan SENDcase holds as a version, newest first."""
    return list(
        AssessmentRequest.objects.filter(
            child=family_child.child, outcome=Outcome.OPEN, draft_served_on__isnull=False, plan_versions__isnull=False
        )
        .distinct()
        .order_by("-received_on")
    )


def amending_reviews(family_child: FamilyChild) -> list[AnnualReview]:
    """The child's reviews under way whose proposed amendments have been sent (at most one a plan)."""
    return list(
        AnnualReview.objects.filter(
            child=family_child.child, completed_on__isnull=True, proposed_amendments_sent_on__isnull=False
        ).select_related("plan")
    )


def plan_links(family_child: FamilyChild) -> list[PlanLink]:
    """Links to the draft plan and to proposed amendments the family may read, for one who takes part."""
    if not family_child.may_take_part:
        return []
    child_id = family_child.child.pk
    links = [
        PlanLink(reverse("portal:draft-plan", args=[child_id, r.pk]), _("Read the draft plan"), "draft-plan")
        for r in draft_requests(family_child)
    ]
    links += [
        PlanLink(
            reverse("portal:proposed-changes", args=[child_id, review.pk]),
            _("Proposed changes to the plan"),
            "proposed-changes",
        )
        for review in amending_reviews(family_child)
    ]
    return links
