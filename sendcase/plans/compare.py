"""What changed between two versions of a plan, section by section, word by word.

Items of list sections (needs, outcomes, provision, advice) are matched by their stable ids, so
an outcome reworded between versions shows as one changed outcome, not one removed and one added.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from sendcase.plans.display import ENGLISH, Words, field_text, visible_fields
from sendcase.plans.sections import SECTIONS, Section

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    kind: str  # same | added | removed
    text: str


@dataclass
class FieldChange:
    name: str
    label: str
    changed: bool
    segments: list[Segment]


@dataclass
class ItemChange:
    id: str
    label: str
    status: str  # added | removed | changed | unchanged
    fields: list[FieldChange]
    # Its number in the later version (in the earlier one if removed), and in the earlier one if it moved.
    number: int = 0
    was: int | None = None


@dataclass
class SectionComparison:
    code: str
    heading: str
    fields: list[FieldChange] = field(default_factory=list)
    items: list[ItemChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(f.changed for f in self.fields) or any(i.status != "unchanged" for i in self.items)

    @property
    def status(self) -> str:
        return "changed" if self.changed else "unchanged"

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def summary(self) -> str:
        """For list sections: "1 added, 2 changed, 1 removed" (empty when nothing was)."""
        parts = [f"{self.count(s)} {s}" for s in ("added", "changed", "removed") if self.count(s)]
        return ", ".join(parts)


def word_diff(before: str, after: str) -> list[Segment]:
    """`before` turned into `after`, as runs of words kept, removed and added."""
    old, new = _TOKENS.findall(before or ""), _TOKENS.findall(after or "")
    segments: list[Segment] = []

    def put(kind: str, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if segments and segments[-1].kind == kind:
            segments[-1] = Segment(kind, segments[-1].text + text)
        else:
            segments.append(Segment(kind, text))

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            put("same", old[i1:i2])
        else:
            put("removed", old[i1:i2])
            put("added", new[j1:j2])
    return segments


def _field_changes(
    section: Section,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    old: dict,
    new: dict,
    words: Words = ENGLISH,
) -> list[FieldChange]:
    changes = []
    for spec in visible_fields(section):
        b = (before or {}).get(spec.name)
        a = (after or {}).get(spec.name)
        b_text = field_text(spec, b, old, words) if before is not None else ""
        a_text = field_text(spec, a, new, words) if after is not None else ""
        # Raw values decide whether a field changed (an outcome renumbered is not a changed link);
        # the words show how.
        changed = (before is None) != (after is None) or (b or "") != (a or "")
        unchanged = [Segment("same", a_text)] if a_text else []
        segments = word_diff(b_text, a_text) if changed else unchanged
        if section.code == "i" and spec.name == "setting_name":
            changed = changed or (before or {}).get("setting_id") != (after or {}).get("setting_id")
        # An added or removed item shows only the fields it has; a kept one every field that changed.
        shown = bool(b_text or a_text) if before is None or after is None else bool(segments or changed)
        if shown:
            changes.append(FieldChange(spec.name, spec.read_label, changed, segments))
    return changes


def _content(version: Any) -> dict[str, Any]:
    return version if isinstance(version, dict) else version.content


def plan_versions_compare(v1: Any, v2: Any, *, words: Words = ENGLISH) -> list[SectionComparison]:
    """Section by section, what changed from `v1` to `v2` (PlanVersions, or their content).

    A field section lists its fields with word-level changes; a list section lists its items,
    matched by id: added, removed, changed (with word-level changes) or unchanged. `words` puts
    dates and choices into words (English unless the family portal asks for the family's language).
    """
    old, new = _content(v1), _content(v2)
    result = []
    for section in SECTIONS:
        a, b = old.get(section.code) or section.empty(), new.get(section.code) or section.empty()
        comparison = SectionComparison(section.code, section.heading)
        if not section.is_list:
            comparison.fields = _field_changes(section, a, b, old, new, words)
            result.append(comparison)
            continue
        before = {item["id"]: (n, item) for n, item in enumerate(a.get("items", []), 1)}
        after_ids = set()
        for n, item in enumerate(b.get("items", []), 1):
            after_ids.add(item["id"])
            label = f"{section.item.capitalize()} {n}"
            if item["id"] not in before:
                changes = _field_changes(section, None, item, old, new, words)
                comparison.items.append(ItemChange(item["id"], label, "added", changes, number=n))
                continue
            old_n, old_item = before[item["id"]]
            changes = _field_changes(section, old_item, item, old, new, words)
            status = "changed" if any(c.changed for c in changes) else "unchanged"
            if old_n != n:
                label += f" (was {section.item} {old_n})"
            was = old_n if old_n != n else None
            comparison.items.append(ItemChange(item["id"], label, status, changes, number=n, was=was))
        for item_id, (n, item) in before.items():
            if item_id not in after_ids:
                changes = _field_changes(section, item, None, old, new, words)
                label = f"{section.item.capitalize()} {n} of the earlier version"
                comparison.items.append(ItemChange(item_id, label, "removed", changes, number=n))
        result.append(comparison)
    return result
