"""What a check found, and a fast, read-only view of a <Person> for the checks and the import.

lxml's find() and findtext() parse their path on every call, and a person is read dozens of
times by the rules and again by the import. Turning each person into plain dicts once (`Node`)
makes those reads dictionary lookups; each node keeps its element, to say where a problem is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Union

from lxml import etree

from sendcase.sen2.mapping import parse_date

# The elements SEN2 allows more than once; every other element appears at most once.
REPEATED = frozenset({"Person", "Requests", "PlanDetail", "PlacementDetail", "SENneed"})

Value = Union[str, "Node", list["Node"]]


class Node(dict[str, Value]):
    """An element's children by name: text for items, Node for groups, lists for repeated groups."""

    __slots__ = ("element",)

    element: etree._Element

    def find(self, path: str) -> Node | str | None:
        if "/" not in path:
            value = self.get(path)
            return (value[0] if value else None) if isinstance(value, list) else value
        node: Value | None = self
        for name in path.split("/"):
            if not isinstance(node, Node):
                return None
            node = node.get(name)
            if isinstance(node, list):
                node = node[0] if node else None
        return node  # type: ignore[return-value]

    def findall(self, name: str) -> list[Node]:
        value = self.get(name)
        return value if isinstance(value, list) else []

    def findtext(self, name: str) -> str | None:
        value = self.get(name) if "/" not in name else self.find(name)
        return value if isinstance(value, str) else None


# Elements that hold other elements; every other element of a SEN2 person holds text.
GROUPS = frozenset(
    {"Person", "Requests", "Assessment", "NamedPlan", "PlanDetail", "ActivePlans", "PlacementDetail", "SENneed"}
)


def node_of(element: etree._Element) -> Node:
    """The element as a Node: one pass over its descendants."""
    node = Node()
    node.element = element
    for child in element:
        tag = child.tag
        if tag in GROUPS:
            value: Value = node_of(child)
        else:
            text = child.text
            value = text.strip() if text else ""
        if tag in REPEATED:
            node.setdefault(tag, []).append(value)  # type: ignore[union-attr, arg-type]
        else:
            node[tag] = value
    return node


@dataclass(frozen=True)
class Finding:
    rule: str
    element: etree._Element | Node
    message: str
    # A missing item: named after the element's path, since there is no element to point at.
    missing: str = ""

    @property
    def where(self) -> etree._Element:
        return self.element.element if isinstance(self.element, Node) else self.element


def text(node: Node, name: str) -> str | None:
    value = node.get(name)
    return value if isinstance(value, str) else None


def date(node: Node, name: str) -> dt.date | None:
    return parse_date(text(node, name))


def at(node: Node, name: str) -> etree._Element:
    """The element of item `name` in `node`, to point a problem at; the node's own if it is absent."""
    for child in node.element:
        if child.tag == name:
            return child
    return node.element


def fmt(day: dt.date) -> str:
    return day.isoformat()
