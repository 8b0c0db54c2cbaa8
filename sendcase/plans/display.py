"""Plan content in words: what the pages, the comparison and the PDF show for each stored value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sendcase.plans.sections import SECTIONS, Field, Section, choice_label
from sendcase.timescales import format_date

# Fields shown through another one: section I's setting id is shown as the setting's name.
HIDDEN_FIELDS = {("i", "setting_id")}


def _outcome_labels(content: dict[str, Any]) -> dict[str, str]:
    items = (content.get("e") or {}).get("items", [])
    return {item["id"]: f"Outcome {n}: {item.get('outcome', '')}" for n, item in enumerate(items, 1)}


def field_text(spec: Field, value: Any, content: dict[str, Any]) -> str:
    """One stored value as a person reads it."""
    if spec.kind == "date":
        return format_date(dt.date.fromisoformat(value)) if value else ""
    if spec.kind == "choice":
        return choice_label(spec.choices, value) if value else ""
    if spec.kind == "bool":
        return "Yes" if value else "No"
    if spec.kind == "money":
        return f"£{Decimal(value):,.2f}" if value else ""
    if spec.kind == "links":
        labels = _outcome_labels(content)
        return "\n".join(labels.get(link, "An outcome no longer in the plan") for link in value or [])
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


def _rows(section: Section, data: dict[str, Any], content: dict[str, Any]) -> list[Row]:
    rows = [Row(f.name, f.read_label, field_text(f, data.get(f.name), content)) for f in visible_fields(section)]
    if section.code == "j" and not (data.get("amount") or data.get("arrangements")):
        # "No" for a direct payment reads oddly under a plan with no personal budget at all.
        return [r for r in rows if r.name != "direct_payment"]
    return rows


def section_views(content: dict[str, Any]) -> list[SectionView]:
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
                    rows=_rows(section, item, content),
                )
                for n, item in enumerate(data.get("items", []), 1)
            ]
            views.append(SectionView(section, [], items))
        else:
            views.append(SectionView(section, _rows(section, data, content), []))
    return views
