"""Reading a SEN2 file safely, one person at a time, and checking all of it.

The parser never resolves entities, never touches the network, never loads a DTD and keeps
libxml2's limits on (no huge_tree), and a file that declares a DOCTYPE at all is refused
(SEN2-R002) before the parser sees it: the prolog (everything before the first element) is read
first, so no external entity can be fetched and no entity can expand (billion laughs), whatever
a given libxml2 release does with entity declarations on its own. Persons are let go as soon as
they are checked, so memory stays flat.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from lxml import etree

from sendcase.sen2 import schema
from sendcase.sen2.checks import CrossChecks, check_person
from sendcase.sen2.collection import Collection, UnknownCollectionYear, collection_for
from sendcase.sen2.findings import Finding, Node, node_of
from sendcase.sen2.mapping import parse_date
from sendcase.sen2.problems import Problem, Report, element_path


class StopReading(Exception):
    """The file cannot be read further (not XML, a DOCTYPE, not a SEN2 file)."""


@dataclass(frozen=True)
class Header:
    la_code: str
    year: int | None
    reference_date: dt.date | None
    dmo: str
    dco: str
    dsco: str
    serial_no: str


# A DOCTYPE may only stand in the prolog, before the first element; comments and processing
# instructions may stand there too, so they are skipped rather than searched.
_PROLOG_SKIP = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
_PROLOG_PEEK = 64 * 1024
_DOCTYPE_REFUSED = (
    "The file declares a DOCTYPE (and perhaps entities). SEN2 files have none, and SENDcase refuses "
    "them so that a file can never read other files or expand without end. Remove the DOCTYPE"
)


class _Replay:
    """A binary file whose first bytes were already read: gives them back, then the rest."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head = head
        self.rest = rest

    def read(self, size: int = -1) -> bytes:
        if not self.head:
            return self.rest.read(size)
        if size < 0:
            data, self.head = self.head + self.rest.read(), b""
            return data
        data, self.head = self.head[:size], self.head[size:]
        return data


def _doctype_line(head: bytes) -> int | None:
    """The line of a DOCTYPE declaration in the prolog at the start of `head`, if there is one."""
    position = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while (skipped := _PROLOG_SKIP.match(head, position)) is not None and skipped.end() > position:
        position = skipped.end()
    if head[position : position + 9].upper() != b"<!DOCTYPE":
        return None
    return head.count(b"\n", 0, position) + 1


def _peek(source: str | IO[bytes]) -> tuple[bytes, str | IO[bytes]]:
    """The file's first bytes, and a source that still reads the whole file."""
    if isinstance(source, str):
        with open(source, "rb") as file:
            return file.read(_PROLOG_PEEK), source
    head = source.read(_PROLOG_PEEK)
    return head, _Replay(head, source)


def _parse(source: str | IO[bytes]) -> etree.iterparse:
    return etree.iterparse(
        source,
        # Events only for the skeleton: two a person, however many items each holds.
        events=("start", "end"),
        tag=("Message", "Header", "Persons", "Person"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_blank_text=True,
        remove_comments=True,
        remove_pis=True,
    )


def elements(source: str | IO[bytes], report: Report) -> Iterator[tuple[str, etree._Element, int]]:
    """Yield ("header", element, 0) and ("person", element, n) in file order, then let each go.

    File-level problems (R001 to R003) go to `report`; reading stops at the first of them.
    """
    number = 0
    root: etree._Element | None = None
    head, source = _peek(source)
    if (line := _doctype_line(head)) is not None:
        report.add(Problem("SEN2-R002", _DOCTYPE_REFUSED, path="Message", line=line))
        return
    parsed = _parse(source)
    try:
        for event, element in parsed:
            if root is None:
                root = element.getroottree().getroot()
                _check_prolog(root, report)
                if root.tag != "Message":
                    _refuse(
                        report,
                        "SEN2-R003",
                        f"The file's root element is {root.tag}, not Message: is it a SEN2 file?",
                        root,
                    )
            if event == "start":
                _check_place(element, root, report)
            elif element.tag == "Header":
                yield "header", element, 0
            elif element.tag == "Person":
                number += 1
                yield "person", element, number
                # Let the person go, and the emptied persons before it.
                element.clear()
                parent = element.getparent()
                while (previous := element.getprevious()) is not None:
                    _only_persons(previous, report)
                    del parent[0]  # type: ignore[index]
    except etree.XMLSyntaxError as error:
        report.add(Problem("SEN2-R001", f"The file is not well-formed XML: {error.msg}", line=error.lineno or None))
        return
    except StopReading:
        return
    try:
        if root is None and parsed.root is not None:
            # Nothing SEN2 in the file at all: say what it is instead.
            root = parsed.root
            _check_root(root, report)
        _check_skeleton(root, report)
    except StopReading:
        return
    if number == 0:
        report.add(Problem("SEN2-R010", "Persons holds no Person: a return has at least one", path="Message/Persons"))


def _check_place(element: etree._Element, root: etree._Element, report: Report) -> None:
    """Header, then Persons, in Message; Person only in Persons."""
    parent, tag = element.getparent(), element.tag
    if tag == "Message":
        if parent is not None:
            _refuse(report, "SEN2-R003", "Message is inside another element", element)
        return
    expected = {"Header": (root, None), "Persons": (root, "Header")}
    if tag in expected:
        where, before = expected[tag]
        previous = element.getprevious()
        if parent is not where or (previous.tag if previous is not None else None) != before:
            _refuse(report, "SEN2-R003", f"{tag} is out of place: Message must hold Header and then Persons", element)
    elif tag == "Person" and (parent is None or parent.tag != "Persons" or parent.getparent() is not root):
        _refuse(report, "SEN2-R003", "Person is out of place: persons go in Message/Persons", element)


def _only_persons(element: etree._Element, report: Report) -> None:
    if element.tag != "Person":
        _refuse(report, "SEN2-R003", f"Persons holds {element.tag}: it may only hold Person", element)


def _check_root(root: etree._Element, report: Report) -> None:
    _check_prolog(root, report)
    if root.tag != "Message":
        message = f"The file's root element is {root.tag}, not Message: is it a SEN2 file?"
        _refuse(report, "SEN2-R003", message, root)


def _check_skeleton(root: etree._Element | None, report: Report) -> None:
    if root is None:
        return
    tags = [child.tag for child in root]
    if tags != ["Header", "Persons"]:
        extra = next((child for child in root if child.tag not in ("Header", "Persons")), root)
        message = f"Message holds {', '.join(tags) or 'nothing'}: it must hold Header and then Persons"
        _refuse(report, "SEN2-R003", message, extra)
    for child in root[1]:
        _only_persons(child, report)


def _check_prolog(root: etree._Element, report: Report) -> None:
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        _refuse(report, "SEN2-R002", _DOCTYPE_REFUSED, root, line=1)


def _refuse(report: Report, rule: str, message: str, element: etree._Element, *, line: int | None = None) -> None:
    report.add(Problem(rule, message, path=element.tag, line=line or element.sourceline))
    raise StopReading


def read_header(header: etree._Element) -> Header:
    def text(path: str) -> str:
        value = header.findtext(path)
        return value.strip() if value else ""

    year = text("CollectionDetails/Year")
    return Header(
        la_code=text("Source/LEA"),
        year=int(year[:4]) if year[:4].isdigit() else None,
        reference_date=parse_date(text("CollectionDetails/ReferenceDate")),
        dmo=text("Source/DMO"),
        dco=text("Source/DCO"),
        dsco=text("Source/DSCO"),
        serial_no=text("Source/SerialNo"),
    )


class _Label:
    """A person's description, worked out only if a problem needs it."""

    __slots__ = ("number", "person", "text")

    def __init__(self, person: etree._Element, number: int | None) -> None:
        self.person, self.number, self.text = person, number, ""

    def __str__(self) -> str:
        if not self.text:
            self.text = person_label(self.person, self.number)
        return self.text


def person_label(person: etree._Element, number: int | None = None) -> str:
    def text(name: str) -> str:
        value = person.findtext(name)
        return value.strip() if value else ""

    name = f"{text('Forename')} {text('Surname')}".strip() or "(no name)"
    upn = text("UPN")
    label = f"{name} (UPN {upn.upper()})" if upn else f"{name} (no UPN, born {text('PersonBirthDate') or '?'})"
    return f"{label}, person {number} in the file" if number else label


class Checker:
    """Checks a header and then persons, adding every problem to a report."""

    def __init__(self, report: Report, *, la_exists: Callable[[str], bool] | None = None, in_file: bool = True) -> None:
        self.report = report
        self.in_file = in_file
        self.la_exists = la_exists
        self.coll: Collection | None = None
        self.header: Header | None = None
        self.cross = CrossChecks(self._describe)

    def check_header(self, element: etree._Element) -> Header | None:
        entries = schema.validate(element)
        for entry in entries:
            rule, name, message = schema.explain(entry)
            target = next((e for e in element.iter(name) if e.sourceline == entry.line), element) if name else element
            self.report.add(Problem(rule, message, path=element_path(target), line=entry.line))
        if entries:
            return None
        header = read_header(element)
        self.header = header
        source = element.find("Source")
        if header.year is None:
            self._header_problem(
                "SEN2-R004", "Header Year is missing: SENDcase needs it to know the collection", element
            )
        else:
            try:
                self.coll = collection_for(header.year)
            except UnknownCollectionYear as error:
                self._header_problem("SEN2-R004", str(error), element.find("CollectionDetails/Year"))
            else:
                if header.reference_date and header.reference_date != self.coll.census:
                    self._header_problem(
                        "SEN2-R004",
                        f"ReferenceDate {header.reference_date} is not the {header.year} census date "
                        f"{self.coll.census}",
                        element.find("CollectionDetails/ReferenceDate"),
                    )
                    self.coll = None
        if self.la_exists is not None and not self.la_exists(header.la_code):
            self._header_problem("SEN2-R005", f"LEA {header.la_code} is not a council in SENDcase", source.find("LEA"))
        return header

    def _describe(self, ref: tuple[int | None, Any]) -> str:
        number, where = ref
        return f"person {number} in the file (line {where})" if self.in_file else str(where)

    def _header_problem(self, rule: str, message: str, element: etree._Element | None) -> None:
        self.report.add(
            Problem(rule, message, path=element_path(element) if element is not None else "Message/Header",
                    line=element.sourceline if element is not None else None)
        )  # fmt: skip

    def check_person(
        self, person: etree._Element, number: int | None = None, *, child_id: object = None
    ) -> Node | None:
        """Check one person; its Node if the rules ran and found no error, else None."""
        before = self.report.errors
        node = None
        label = _Label(person, number if self.in_file else None)
        entries = schema.validate(person)
        for entry in entries:
            rule, name, message = schema.explain(entry)
            target = schema.locate(person, entry, name)
            self._add(rule, message, label, target, number, child_id, line=entry.line or None)
        # Without a readable header there is no collection period to check the dates against.
        # The rules read values the schema has checked, so a file's person with schema errors
        # goes no further; SENDcase's own records (live checks) always have well-formed values,
        # so there the rules run too, and say in their own words what the schema found missing.
        if (not entries or not self.in_file) and self.coll is not None:
            node = node_of(person)
            ref = (number, person.sourceline) if self.in_file else (number, str(label))
            for finding in [*check_person(node, self.coll), *self.cross.see(node, ref)]:
                self._add_finding(finding, label, number, child_id)
        return node if self.report.errors == before else None

    def _add_finding(self, finding: Finding, label: object, number: int | None, child_id: object) -> None:
        self._add(finding.rule, finding.message, label, finding.where, number, child_id, missing=finding.missing)

    def _add(
        self,
        rule: str,
        message: str,
        label: object,
        element: etree._Element,
        number: int | None,
        child_id: object,
        *,
        line: int | None = None,
        missing: str = "",
    ) -> None:
        path = element_path(element, person_number=number)
        if missing:
            path = f"{path}/{missing}"
        self.report.add(
            Problem(
                rule,
                message,
                person=str(label),
                path=path,
                # A line is a place in a file. Live records are checked one person at a time, as
                # text that is in no file, so a line there would point nowhere.
                line=(line or element.sourceline) if self.in_file else None,
                child_id=child_id,  # type: ignore[arg-type]
            )
        )


@dataclass(frozen=True)
class FileCheck:
    header: Header | None
    persons: int


def check_file(
    source: str | IO[bytes],
    report: Report,
    *,
    la_exists: Callable[[str], bool] | None = None,
    on_header: Callable[[Header], None] | None = None,
    on_person: Callable[[etree._Element, Node], None] | None = None,
) -> FileCheck:
    """Read and check the whole file; every problem goes to `report`.

    `on_header` sees the header once it passed; `on_person` sees each person that passed, while
    the file still has no error at all.
    """
    checker = Checker(report, la_exists=la_exists)
    persons = 0
    for kind, element, number in elements(source, report):
        if kind == "header":
            header = checker.check_header(element)
            if on_header is not None and header is not None and report.ok:
                on_header(header)
        else:
            persons = number
            node = checker.check_person(element, number)
            if on_person is not None and node is not None and report.ok:
                on_person(element, node)
    return FileCheck(checker.header, persons)
