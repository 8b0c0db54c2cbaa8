from __future__ import annotations

import pytest

from sendcase.statistics.services import dfe_release_load
from tests.statistics import published as release

# The published files and columns behind the statistics page's key measures.
KEY_COLUMNS = {
    "caseload": ["ehcplans"],
    "requests": ["requests_received_in_year"],
    "timeliness_20_week": ["pc_plans_issued_within_20_weeks", "PC_plans_issued_20_weeks_ex"],
    "ceased_plans": ["total_ceased"],
}


@pytest.fixture(scope="module")
def key_measures_zip(tmp_path_factory):
    return release.write_release_zip(tmp_path_factory.mktemp("release") / "release.zip", KEY_COLUMNS)


@pytest.fixture
def loaded(key_measures_zip):
    dfe_release_load(actor=None, path=key_measures_zip)
