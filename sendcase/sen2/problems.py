"""A problem found in a SEN2 return, and where it is: the person, the element path and the line."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from sendcase.sen2.rules import ERROR, RULES


@dataclass(frozen=True)
class Problem:
    rule: str
    message: str
    # "Amelia Hart (UPN A801200005001), person 12 in the file"; empty for the file or header.
    person: str = ""
    # Element path from the root, e.g. "Message/Persons/Person[12]/Requests[1]/Assessment".
    path: str = ""
    line: int | None = None
    # The child in SENDcase the problem is about, when checking live data.
    child_id: uuid.UUID | None = None

    @property
    def severity(self) -> str:
        return RULES[self.rule].severity

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def describe(self) -> str:
        """One line for a terminal: where, then what."""
        where = [f"line {self.line}"] if self.line else []
        if self.person:
            where.append(self.person)
        if self.path:
            where.append(self.path)
        prefix = f"{self.rule} {self.severity}"
        return f"{prefix} ({'; '.join(where)}): {self.message}" if where else f"{prefix}: {self.message}"


@dataclass
class Report:
    """Every problem found, in file order. Listeners see each one as it is found."""

    keep: int = 50_000
    problems: list[Problem] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    listeners: list[Callable[[Problem], None]] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0

    def add(self, problem: Problem) -> None:
        self.counts[problem.rule] += 1
        if problem.is_error:
            self.errors += 1
        else:
            self.warnings += 1
        # Memory stays bounded for a file with a problem on every line; listeners (the
        # command's output) still see every one.
        if len(self.problems) < self.keep:
            self.problems.append(problem)
        for listener in self.listeners:
            listener(problem)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    @property
    def left_out(self) -> int:
        return self.errors + self.warnings - len(self.problems)


_REPEATED = frozenset({"Requests", "PlanDetail", "PlacementDetail", "SENneed"})


def element_path(element: etree._Element, *, person_number: int | None = None) -> str:
    """The element's path from the root, with a [n] index on repeatable elements.

    Persons are numbered by the caller (`person_number`, from 1): while a file streams through,
    the persons before this one have already been let go, so they cannot be counted here.
    """
    parts = []
    node: etree._Element | None = element
    while node is not None:
        parent = node.getparent()
        name = node.tag
        if name == "Person":
            parts.append(f"Person[{person_number}]" if person_number else "Person")
            parts.extend(("Persons", "Message"))
            break
        if parent is not None and name in _REPEATED:
            index = 1
            sibling = node.getprevious()
            while sibling is not None:
                if sibling.tag == name:
                    index += 1
                sibling = sibling.getprevious()
            name = f"{name}[{index}]"
        parts.append(name)
        node = parent
    return "/".join(reversed(parts))
