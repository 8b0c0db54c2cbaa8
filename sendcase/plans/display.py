"""Plan content in words: what the pages, the comparison and the PDF show for each stored value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sendcase.plans.sections import SECTIONS, Field, Section, choice_label
from sendcase.timescales import format_date

# Fields shown through another one: section I's setting id is shown as the setting's name.
HIDDEN_FIELDS = {("i", "setting_id")}


def _choice(spec: Field, value: str) -> str:
    return choice_label(spec.choices, value)


def _outcome(number: int, text: str) -> str:
    return f"Outcome {number}: {text}"


@dataclass(frozen=True)
class Words:
    """How stored values are put into words. English (staff pages, the PDF) unless told otherwise.

    The family portal gives its own, in the family's language (sendcase/portal/plan_reading.py),
    so a date or an area of need reads the same in the plan and in the comparison.
    """

    date: Callable[[dt.date], str] = format_date
    choice: Callable[[Field, str], str] = _choice
    yes: str = "Yes"
    no: str = "No"
    outcome: Callable[[int, str], str] = _outcome
    gone_outcome: str = "An outcome no longer in the plan"


ENGLISH = Words()


def _outcome_labels(content: dict[str, Any], words: Words) -> dict[str, str]:
    items = (content.get("e") or {}).get("items", [])
    return {item["id"]: words.outcome(n, item.get("outcome", "")) for n, item in enumerate(items, 1)}


def field_text(spec: Field, value: Any, content: dict[str, Any], words: Words = ENGLISH) -> str:
    """One stored value as a person reads it."""
    if spec.kind == "date":
        return words.date(dt.date.fromisoformat(value)) if value else ""
    if spec.kind == "choice":
        return words.choice(spec, value) if value else ""
    if spec.kind == "bool":
        return words.yes if value else words.no
    if spec.kind == "money":
        return f"£{Decimal(value):,.2f}" if value else ""
    if spec.kind == "links":
        labels = _outcome_labels(content, words)
        return "\n".join(labels.get(link, words.gone_outcome) for link in value or [])
    return str(value or "")


@dataclass(frozen=True)
class Row:
    name: str
    label: str
    text: str


@dataclass(frozen=True)
class Item:
    id: str
    number: int
    label: str
    rows: list[Row]


@dataclass(frozen=True)
class SectionView:
    section: Section
    rows: list[Row]
    items: list[Item]

    @property
    def code(self) -> str:
        return self.section.code

    @property
    def heading(self) -> str:
        return self.section.heading

    @property
    def is_empty(self) -> bool:
        return not self.items and not any(r.text for r in self.rows)


def visible_fields(section: Section) -> list[Field]:
    return [f for f in section.fields if (section.code, f.name) not in HIDDEN_FIELDS]


def _rows(section: Section, data: dict[str, Any], content: dict[str, Any], words: Words) -> list[Row]:
    rows = [Row(f.name, f.read_label, field_text(f, data.get(f.name), content, words)) for f in visible_fields(section)]
    if section.code == "j" and not (data.get("amount") or data.get("arrangements")):
        # "No" for a direct payment reads oddly under a plan with no personal budget at all.
        return [r for r in rows if r.name != "direct_payment"]
    return rows


def section_views(content: dict[str, Any], words: Words = ENGLISH) -> list[SectionView]:
    """Every section A to K of `content`, ready to show."""
    views = []
    for section in SECTIONS:
        data = content.get(section.code) or section.empty()
        if section.is_list:
            items = [
                Item(
                    id=item["id"],
                    number=n,
                    label=f"{section.item.capitalize()} {n}",
                    rows=_rows(section, item, content, words),
                )
                for n, item in enumerate(data.get("items", []), 1)
            ]
            views.append(SectionView(section, [], items))
        else:
            views.append(SectionView(section, _rows(section, data, content, words), []))
    return views
