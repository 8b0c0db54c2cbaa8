"""The provisional RequestSource codes and the SEN2 booleans."""

from __future__ import annotations

from sendcase.cases.models import RequestSource
from sendcase.sen2.mapping import REQUEST_SOURCE_BY_CODE, REQUEST_SOURCE_CODES, is_yes, yes_no


def test_every_request_source_senDcase_records_has_a_code_that_reads_back():
    assert set(REQUEST_SOURCE_CODES) == set(RequestSource.values)
    for source, code in REQUEST_SOURCE_CODES.items():
        assert REQUEST_SOURCE_BY_CODE[code] == source


def test_booleans_are_written_1_and_0_and_read_in_every_form_the_schema_allows():
    assert (yes_no(True), yes_no(False)) == ("1", "0")
    assert all(is_yes(text) for text in ("1", "true", "TRUE"))
    assert not any(is_yes(text) for text in ("0", "false", "FALSE", "", None))
