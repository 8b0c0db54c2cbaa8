"""Checking plan content against the shape of sections A to K, naming the section and item at fault.

A small schema check written for the plan: every section is described in
sendcase/plans/sections.py, and `section_clean` turns what a form or API client sent into the
canonical JSON the plan stores (dates as ISO strings, money as a string with pence, every list
item with a stable id), or refuses it with every problem at once, each message naming where it
is: "Section E, outcome 2: add how progress will be measured".

Outcomes must be specific, measurable and time-bound (SEND Code of Practice, chapter 9): an outcome
needs a measure and a date to be achieved by, after the date of the version. Provision must be
detailed and specific: what, how often, by whom and for how long.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sendcase.core.clock import today
from sendcase.core.errors import ValidationFailed
from sendcase.plans.sections import PROVISION_SECTIONS, SECTIONS, Field, Section, section_get
from sendcase.timescales import format_date

MAX_TEXT = {"text": 500, "long": 10_000}
MAX_ITEMS = 200
MAX_AMOUNT = Decimal("10000000")
# Written into every final plan (issue 5: "the family's and young person's roles written in").
FINAL_ROLES = (
    ("family_roles", "Section A: write in the family's role and the support agreed for them"),
    ("young_person_role", "Section A: write in the child or young person's own role"),
)


def canonical_json(content: Any) -> str:
    """One spelling of the content, so the same content always has the same hash."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(content: Any) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


@dataclass
class Context:
    """What checking a section needs to know beyond the section itself."""

    # Outcomes must be time-bound after this date: the version's date, or today for the draft.
    on: dt.date
    # Ids of the outcomes in section E, which provision rows may link to.
    outcome_ids: set[str] = field(default_factory=set)
    # The schools and settings section I may name (id -> name); None skips the check.
    settings: Mapping[str, str] | None = None


class _Problems:
    def __init__(self, section: Section) -> None:
        self.section = section
        self.errors: dict[str, str] = {}

    def add(self, key: str, message: str, index: int | None = None) -> None:
        where = f"Section {self.section.letter}"
        if index is not None:
            where += f", {self.section.item} {index + 1}"
        self.errors.setdefault(key, f"{where}: {message}")


def _text(value: Any, spec: Field, report: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        report(f"{spec.label.lower()} must be text")
        return ""
    value = value.replace("\r\n", "\n").strip()
    if len(value) > MAX_TEXT[spec.kind]:
        report(f"{spec.label.lower()} must be {MAX_TEXT[spec.kind]:,} characters or fewer")
    return value


def _date(value: Any, spec: Field, report: Any) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        report(f"{spec.label.lower()} must be a real date")
        return ""


def _money(value: Any, spec: Field, report: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value).replace("£", "").replace(",", "").strip())
    except InvalidOperation:
        report("the amount must be a number of pounds, like 1250 or 1250.50")
        return ""
    if not amount.is_finite() or amount < 0 or amount > MAX_AMOUNT:
        report("the amount must be between £0 and £10,000,000")
        return ""
    return str(amount.quantize(Decimal("0.01")))


def _coerce(value: Any, spec: Field, context: Context, report: Any) -> Any:
    if spec.kind in ("text", "long"):
        return _text(value, spec, report)
    if spec.kind == "date":
        return _date(value, spec, report)
    if spec.kind == "money":
        return _money(value, spec, report)
    if spec.kind == "bool":
        if value in (None, ""):
            return False
        if not isinstance(value, bool):
            report(f"{spec.label.lower()}: answer yes or no")
            return False
        return value
    if spec.kind == "choice":
        value = "" if value is None else str(value)
        if value and value not in dict(spec.choices):
            report(f"choose {spec.label.lower()} from the list")
            return ""
        return value
    if spec.kind == "setting":
        value = "" if value is None else str(value)
        if value and context.settings is not None and value not in context.settings:
            report("choose a school or setting from the list")
            return ""
        return value
    if spec.kind == "links":
        links = [str(v) for v in value] if isinstance(value, list | tuple) else ([] if value in (None, "") else None)
        if links is None:
            report("choose the outcomes from the list")
            return []
        unknown = [v for v in links if v not in context.outcome_ids]
        if unknown:
            report("it is linked to an outcome that is not in section E")
        return [v for v in dict.fromkeys(links) if v in context.outcome_ids]
    raise ValueError(f"Unknown field kind {spec.kind}")


def _fields(section: Section, data: Any, context: Context, problems: _Problems, index: int | None) -> dict:
    prefix = section.code if index is None else f"{section.code}.{index}"
    if not isinstance(data, Mapping):
        problems.add(prefix, "the content is not in the expected form", index)
        return {}
    allowed = {f.name for f in section.fields} | ({"id"} if index is not None else set())
    for unknown in sorted(set(data) - allowed):
        problems.add(f"{prefix}.{unknown}", f"'{unknown}' is not part of this section", index)
    clean: dict[str, Any] = {}
    for spec in section.fields:
        key = f"{prefix}.{spec.name}"
        clean[spec.name] = _coerce(data.get(spec.name), spec, context, lambda m, k=key: problems.add(k, m, index))
        if spec.required and clean[spec.name] in ("", None, []) and key not in problems.errors:
            problems.add(key, spec.required, index)
    return clean


def _item_rules(section: Section, item: dict, context: Context, problems: _Problems, index: int) -> None:
    """The rules that look at more than one field of an item."""
    prefix = f"{section.code}.{index}"
    by_when = item.get("by_when") if section.code == "e" and f"{prefix}.by_when" not in problems.errors else ""
    if by_when and dt.date.fromisoformat(by_when) <= context.on:
        problems.add(
            f"{prefix}.by_when", f"the date it should be achieved by must be after {format_date(context.on)}", index
        )
    if section.code in PROVISION_SECTIONS:
        if not (item.get("duration") or item.get("start_on") or item.get("end_on")):
            problems.add(
                f"{prefix}.duration", "say for how long it will be provided (a duration, or start and end dates)", index
            )
        if item.get("start_on") and item.get("end_on") and item["end_on"] < item["start_on"]:
            problems.add(f"{prefix}.end_on", "the end date must be on or after the start date", index)
    if section.code == "k" and item.get("date") and dt.date.fromisoformat(item["date"]) > today():
        problems.add(f"{prefix}.date", "the date of the advice must be today or in the past", index)


def _item_id(value: Any, seen: set[str], problems: _Problems, key: str, index: int) -> str:
    if value in (None, ""):
        return str(uuid.uuid4())
    try:
        item_id = str(uuid.UUID(str(value)))
    except ValueError:
        problems.add(key, "the item's reference is not valid; reload the page and try again", index)
        return str(uuid.uuid4())
    if item_id in seen:
        problems.add(key, "this item appears twice; reload the page and try again", index)
    return item_id


def section_problems(code: str, data: Any, *, context: Context) -> tuple[dict, dict[str, str]]:
    """The canonical form of one section's content, and every problem with it (empty if none)."""
    section = section_get(code)
    if section is None:
        return {}, {"section": f"There is no section '{code}' in an EHC plan"}
    problems = _Problems(section)
    if not section.is_list:
        clean = _fields(section, data, context, problems, None)
        if section.code == "j" and (clean.get("amount") or clean.get("direct_payment")) and not clean["arrangements"]:
            problems.add("j.arrangements", "describe how the personal budget will be used")
        if section.code == "i" and clean.get("setting_id") and context.settings:
            # The name is frozen with the content, so a version keeps the name the school had then.
            clean["setting_name"] = context.settings.get(clean["setting_id"], clean["setting_name"])
        return clean, problems.errors
    rows = data.get("items") if isinstance(data, Mapping) else None
    if not isinstance(rows, list):
        problems.add(code, "the content is not in the expected form")
        return {"items": []}, problems.errors
    if len(rows) > MAX_ITEMS:
        problems.add(code, f"a section can hold at most {MAX_ITEMS} {section.items}")
    items, seen = [], set()
    for index, row in enumerate(rows[:MAX_ITEMS]):
        item = _fields(section, row, context, problems, index)
        if not item:
            continue
        item_id = _item_id(row.get("id"), seen, problems, f"{code}.{index}.id", index)
        seen.add(item_id)
        _item_rules(section, item, context, problems, index)
        items.append({"id": item_id, **item})
    return {"items": items}, problems.errors


def section_clean(code: str, data: Any, *, context: Context) -> dict:
    """`section_problems`, raising ValidationFailed naming every problem."""
    clean, errors = section_problems(code, data, context=context)
    if errors:
        raise ValidationFailed("There is a problem", field_errors=errors)
    return clean


def outcome_ids(content: Mapping[str, Any]) -> set[str]:
    return {str(item.get("id")) for item in (content.get("e") or {}).get("items", []) if isinstance(item, Mapping)}


def content_problems(content: Mapping[str, Any], *, on: dt.date, final: bool) -> dict[str, str]:
    """Every problem that stops this content being issued as a version dated `on`.

    Each section must be valid as of `on`. A plan has at least one need (B), outcome (E) and
    piece of special educational provision (F); a final or amended plan names its placement (I)
    and has the family's role and the child or young person's own role written in (A): a draft
    is where they are agreed with the family, the final plan is where they are written down.
    """
    context = Context(on=on, outcome_ids=outcome_ids(content))
    errors: dict[str, str] = {}
    for section in SECTIONS:
        _, found = section_problems(section.code, content.get(section.code, section.empty()), context=context)
        errors.update(found)
    for code, message in (
        ("b", "Section B: add at least one special educational need"),
        ("e", "Section E: add at least one outcome"),
        ("f", "Section F: add the special educational provision"),
    ):
        if not (content.get(code) or {}).get("items"):
            errors.setdefault(code, message)
    placement = content.get("i") or {}
    if final and not (placement.get("setting_id") or placement.get("setting_name") or placement.get("setting_type")):
        errors.setdefault("i", "Section I: name the school or setting, or the type of placement")
    views = content.get("a") or {}
    if final:
        for name, message in FINAL_ROLES:
            if not str(views.get(name) or "").strip():
                errors.setdefault(f"a.{name}", message)
    return errors
