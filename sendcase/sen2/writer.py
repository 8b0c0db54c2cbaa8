"""Writing a SEN2 file as a stream, one batch of persons at a time.

The same generator feeds `sendcase sen2_export` (to a file) and the staff download (a
StreamingHttpResponse), so the file is identical either way and memory stays flat however many
persons there are. Layout is fixed (one element a line, two-space indent; each <Person>
starts at the left margin), so an exported file, imported and exported again, comes out byte
for byte the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from lxml import etree

from sendcase.sen2.collection import Collection
from sendcase.sen2.derive import Counts

__all__ = ["Counts", "HeaderValues", "header_element", "stream"]

SubElement = etree.SubElement
SOFTWARE_CODE = "SENDcase"


def release() -> str:
    try:
        return version("sendcase")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "dev"


@dataclass(frozen=True)
class HeaderValues:
    coll: Collection
    la_code: str
    dmo: str
    dco: str
    dsco: str = ""
    serial_no: str = "001"
    generated_at: dt.datetime | None = None


def header_element(values: HeaderValues) -> etree._Element:
    header = etree.Element("Header")
    details = SubElement(header, "CollectionDetails")
    SubElement(details, "Collection").text = "SEN2"
    SubElement(details, "Year").text = str(values.coll.year)
    SubElement(details, "ReferenceDate").text = values.coll.census.isoformat()
    source = SubElement(header, "Source")
    SubElement(source, "SourceLevel").text = "L"
    SubElement(source, "LEA").text = values.la_code
    SubElement(source, "SoftwareCode").text = SOFTWARE_CODE
    SubElement(source, "Release").text = release()
    SubElement(source, "SerialNo").text = values.serial_no
    if values.generated_at is not None:
        SubElement(source, "DateTime").text = values.generated_at.replace(microsecond=0).isoformat()
    SubElement(source, "DMO").text = values.dmo
    SubElement(source, "DCO").text = values.dco
    if values.dsco:
        SubElement(source, "DSCO").text = values.dsco
    return header


def stream(values: HeaderValues, batches: Iterable[Iterable[str]]) -> Iterator[bytes]:
    """Yield the file's bytes: the header, then each batch of persons as it is written.

    The header is built and written by lxml. Persons come as finished text from
    sendcase.sen2.xmltext, whose every value is a checked code, a date or escaped free text, and
    are written as they are: parsing each again only to write it back out was a fifth of a
    national export. The tests validate exported files against the schema, and importing one
    parses every element with libxml2.
    """
    header = header_element(values)
    etree.indent(header, space="  ", level=1)
    head = etree.tostring(header, encoding="unicode")
    yield f"<?xml version='1.0' encoding='UTF-8'?>\n<Message>\n  {head}\n  <Persons>\n".encode()
    for batch in batches:
        yield "".join(batch).encode()
    yield b"  </Persons>\n</Message>\n"
