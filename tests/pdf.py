"""The words of a PDF SENDcase made, as a reader would find them.

Where a line breaks depends on the fonts the machine has (WeasyPrint takes what fontconfig
offers for the letters' font stack: Liberation Sans on one machine, DejaVu Sans on another), so
the text of every page is joined and each run of spaces and line breaks becomes one space. A
test then asks whether a sentence is in the document, not where it happened to wrap.
"""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_text(content: bytes, *, pages: slice = slice(None)) -> str:
    """The text of `pages` of the PDF (all of them unless said), whitespace made single spaces."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages[pages]).split())
