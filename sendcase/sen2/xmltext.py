"""Writing SEN2 XML as text, in document order.

A return has hundreds of thousands of persons of about fifty items each. Building each item as
an lxml element costs several times more than writing its text, so persons are written as text
here (one item a line, two-space indent) and parsed once by libxml2 where an element is needed
(sendcase.sen2.writer, sendcase.sen2.live). Codes and dates need no escaping; free text (names,
postcodes) goes through `escape`.
"""

from __future__ import annotations

import re

from lxml import etree

_INDENT = ["  " * depth for depth in range(12)]
# Characters XML 1.0 does not allow at all: dropped rather than fail a whole return over one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL = re.compile("[&<>\r]")


def escape(text: str) -> str:
    """`text` as XML character data, escaped exactly as lxml escapes it."""
    if _NOT_XML.search(text):
        text = _NOT_XML.sub("", text)
    if _SPECIAL.search(text):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return text


class Out:
    """Collects the text of one element and its contents; `pretty` puts one item on each line."""

    __slots__ = ("depth", "parts", "pretty")

    def __init__(self, *, pretty: bool = True, depth: int = 0) -> None:
        self.parts: list[str] = []
        self.pretty = pretty
        self.depth = depth

    def leaf(self, tag: str, value: str) -> None:
        """An item whose value is already safe text (a code or a date, or escaped)."""
        if self.pretty:
            self.parts.append(f"{_INDENT[self.depth]}<{tag}>{value}</{tag}>\n")
        else:
            self.parts.append(f"<{tag}>{value}</{tag}>")

    def open(self, tag: str) -> None:
        self.parts.append(f"{_INDENT[self.depth]}<{tag}>\n" if self.pretty else f"<{tag}>")
        self.depth += 1

    def close(self, tag: str) -> None:
        self.depth -= 1
        self.parts.append(f"{_INDENT[self.depth]}</{tag}>\n" if self.pretty else f"</{tag}>")

    def element(self, element: etree._Element) -> None:
        """An element as it was kept from an import (it has no whitespace of its own)."""
        if self.pretty:
            etree.indent(element, space="  ", level=self.depth)
            self.parts.append(f"{_INDENT[self.depth]}{etree.tostring(element, encoding='unicode', with_tail=False)}\n")
        else:
            self.parts.append(etree.tostring(element, encoding="unicode", with_tail=False))

    def text(self) -> str:
        return "".join(self.parts)
