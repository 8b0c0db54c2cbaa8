"""The SEN2 schema (schema/sen2-2025.xsd) and its errors turned into plain English.

Header and Person are global elements, so each can be checked on its own as a file streams
through: memory stays flat for any number of persons.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

SCHEMA_PATH = Path(__file__).with_name("schema") / "sen2-2025.xsd"

# What each patterned item looks like, for messages.
_FORMATS = {
    "UPN": "a letter followed by 12 digits, or by 11 digits and a letter",
    "UniqueLearnerNumber": "10 digits",
    "URN": "6 digits",
    "UKPRN": "8 digits",
    "LEA": "the 3-digit DfE number of a council",
    "TransferLA": "the 3-digit DfE number of a council",
    "Exported": "the 3-digit DfE number of a council",
    "SerialNo": "3 or more digits",
    "RequestSource": "a number of 1 or 2 digits",
}
_ELEMENT = re.compile(r"^Element '([^']+)'(?:, attribute '[^']+')?: ")
_VALUE = re.compile(r"The value '([^']*)'")
_SET = re.compile(r"\{([^}]*)\}")
_DATATYPE = re.compile(r"'([^']*)' is not a valid value of the atomic type 'xs:(\w+)'")
_EXPECTED = re.compile(r"Expected is (?:one of )?\( ([^)]*) \)")
_DATE_TYPES = {"date": "a real date written YYYY-MM-DD", "dateTime": "a date and time", "gYear": "a year"}


@functools.cache
def schema() -> etree.XMLSchema:
    # The XSD is SENDcase's own file, parsed with the same safe settings as any input.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH), parser))


def validate(element: etree._Element) -> list[etree._LogEntry]:
    """Check `element` (a Header or a Person) against its declaration; return the schema's errors."""
    checker = schema()
    if checker.validate(element):
        return []
    return list(checker.error_log)


def explain(entry: etree._LogEntry) -> tuple[str, str, str]:
    """(rule id, element name, plain-English message) for one schema error."""
    message = entry.message
    match = _ELEMENT.match(message)
    name = match.group(1) if match else ""
    kind = entry.type_name
    if kind == "SCHEMAV_CVC_ENUMERATION_VALID":
        value = _first(_VALUE, message)
        codes = ", ".join(code.strip(" '") for code in _first(_SET, message).split(","))
        return "SEN2-R011", name, f"{name} '{value}' is not a SEN2 code: use one of {codes}"
    if kind in ("SCHEMAV_CVC_PATTERN_VALID", "SCHEMAV_CVC_LENGTH_VALID"):
        value = _first(_VALUE, message)
        wanted = _FORMATS.get(name, "the format the SEN2 specification gives")
        return "SEN2-R012", name, f"{name} '{value}' is not in the right format: it must be {wanted}"
    if kind.startswith("SCHEMAV_CVC_DATATYPE_VALID"):
        found = _DATATYPE.search(message)
        if found and found.group(2) in _DATE_TYPES:
            wanted = _DATE_TYPES[found.group(2)]
            return "SEN2-R013", name, f"{name} '{found.group(1)}' is not {wanted}"
        return "SEN2-R014", name, f"{name}: {_plain(message)}"
    if kind in ("SCHEMAV_ELEMENT_CONTENT", "SCHEMAV_CVC_COMPLEX_TYPE_2_4", "SCHEMAV_CVC_COMPLEX_TYPE_2_3"):
        expected = _first(_EXPECTED, message).replace(" ", "").replace(",", ", ")
        if "Missing child element" in message:
            return "SEN2-R010", name, f"{name} is missing {expected or 'a required item'}"
        if "not expected" in message:
            hint = f"; expected here: {expected}" if expected else ""
            return "SEN2-R010", name, f"{name} is not expected here (wrong place, wrong name or repeated){hint}"
        return "SEN2-R010", name, f"{name}: {_plain(message)}"
    return "SEN2-R014", name, _plain(message)


def _first(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.search(text)
    return found.group(1) if found else ""


def _plain(message: str) -> str:
    return _ELEMENT.sub("", message).rstrip(".")


def locate(person: etree._Element, entry: etree._LogEntry, name: str) -> etree._Element:
    """The element an error is about: the one named `name` on the error's line, else `person`."""
    candidates: Iterator[etree._Element] = person.iter(name) if name else iter(())
    for element in candidates:
        if element.sourceline == entry.line:
            return element
    return person
