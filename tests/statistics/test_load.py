"""`sendcase load_dfe_statistics`: the published release is loaded, reloaded and refused when bad."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from sendcase.audit.models import AuditEvent
from sendcase.statistics.models import DfePublishedFigure, DfeRelease
from tests.statistics import published as release

pytestmark = pytest.mark.django_db

SMALL = {"requests": ["requests_received_in_year", "request_assess_pc"], "timeliness_20_week": None}


def load(path) -> str:
    out = StringIO()
    call_command("load_dfe_statistics", str(path), stdout=out)
    return out.getvalue()


def figure(dataset: str, period: str, variable: str, *, la: str = "", level: str = "Local authority"):
    return DfePublishedFigure.objects.get(
        dataset=dataset, time_period=period, variable=variable, geographic_level=level, la_code=la
    )


def test_the_whole_published_release_loads_with_its_headline_figures():
    said = load(release.RELEASE_ZIP)

    assert f"Loaded {DfePublishedFigure.objects.count():,} published figures" in said

    england = release.area_row("requests", "2024", "National")
    loaded = figure("requests", "2024", "requests_received_in_year", level="National")
    assert loaded.value == Decimal(england["requests_received_in_year"]) and loaded.marker == ""
    dorset = release.council_row("timeliness_20_week", "2024", "838")
    excluded = figure("timeliness_20_week", "2024", "PC_plans_issued_20_weeks_ex", la="838")
    assert dorset["PC_plans_issued_20_weeks_ex"] == "x"
    assert excluded.value is None and excluded.marker == "x"
    assert excluded.la_name == dorset["la_name"] and excluded.new_la_code == dorset["new_la_code"]
    caseload = figure("caseload", "202425", "ehcplans", la="838")
    assert caseload.year == 2024 and caseload.value == Decimal(
        release.council_row("caseload", "202425", "838")["ehcplans"]
    )
    region = release.area_row("ceased_plans", "2024", "Regional", dorset["region_code"])
    regional = DfePublishedFigure.objects.get(
        dataset="ceased_plans",
        time_period="2024",
        variable="total_ceased",
        region_code=dorset["region_code"],
        geographic_level="Regional",
    )
    assert regional.value == Decimal(region["total_ceased"]) and regional.region_name == region["region_name"]
    # Breakdowns by age, sex or ethnicity are not loaded: one figure per area, period and variable.
    per_variable = (
        DfePublishedFigure.objects.filter(dataset="requests", la_code="838", time_period="2024")
        .values("variable")
        .annotate(n=Count("id"))
    )
    assert {row["n"] for row in per_variable} == {1}
    assert set(DfeRelease.objects.get().datasets) >= {"requests", "timeliness_20_week", "ceased_plans", "caseload"}


def test_loading_the_same_release_twice_leaves_the_same_figures(tmp_path):
    path = release.write_release_zip(tmp_path / "release.zip", SMALL)
    load(path)
    first = sorted(
        DfePublishedFigure.objects.values_list(
            "dataset", "time_period", "la_code", "region_code", "variable", "value", "marker"
        )
    )

    load(path)

    again = sorted(
        DfePublishedFigure.objects.values_list(
            "dataset", "time_period", "la_code", "region_code", "variable", "value", "marker"
        )
    )
    assert again == first and len(first) > 1000
    assert DfeRelease.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="statistics.dferelease").count() == 2


def test_a_later_release_replaces_only_the_periods_it_publishes(tmp_path):
    load(release.write_release_zip(tmp_path / "first.zip", SMALL))
    revised = release.write_release_zip(
        tmp_path / "revised.zip",
        {"requests": ["requests_received_in_year"]},
        cell=lambda dataset, row, variable: str(int(row[variable]) + 1) if row[variable].isdigit() else row[variable],
        keep_row=lambda row: row["time_period"] == "2024",
    )

    load(revised)

    dorset_2024 = release.council_row("requests", "2024", "838")
    revised_figure = figure("requests", "2024", "requests_received_in_year", la="838")
    assert revised_figure.value == int(dorset_2024["requests_received_in_year"]) + 1
    # The revised period is the new release's alone: a variable it no longer publishes is gone.
    assert not DfePublishedFigure.objects.filter(dataset="requests", time_period="2024", variable="request_assess_pc")
    # Periods and files the later release does not publish keep the first release's figures.
    dorset_2023 = release.council_row("requests", "2023", "838")
    assert figure("requests", "2023", "requests_received_in_year", la="838").value == int(
        dorset_2023["requests_received_in_year"]
    )
    assert DfePublishedFigure.objects.filter(dataset="timeliness_20_week", time_period="2024").exists()
    assert DfeRelease.objects.count() == 2


def test_suppression_markers_become_empty_figures_with_the_marker_kept(tmp_path):
    markers = {"838": "c", "839": ":", "865": "z"}
    path = release.write_release_zip(
        tmp_path / "markers.zip",
        {"requests": ["requests_received_in_year"]},
        cell=lambda dataset, row, variable: markers.get(row["old_la_code"], row[variable]),
    )
    load(path)
    for la_code, marker in markers.items():
        loaded = figure("requests", "2024", "requests_received_in_year", la=la_code)
        assert loaded.value is None and loaded.marker == marker


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: path.write_text("not a zip"), "not a zip file"),
        (lambda path: _zip_without_data(path), r"no data/\*\.csv files"),
        (
            lambda path: release.write_release_zip(
                path,
                {"requests": ["requests_received_in_year"]},
                cell=lambda dataset, row, variable: "lots" if row["old_la_code"] == "838" else row[variable],
            ),
            "data/requests.csv line",
        ),
        (
            lambda path: (
                release.write_release_zip(
                    path,
                    {"requests": ["requests_received_in_year"]},
                    cell=lambda dataset, row, variable: row[variable],
                )
                and _rewrite_la_code(path)
            ),
            "is not a 3-digit DfE LA number",
        ),
    ],
    ids=["not-a-zip", "no-data-files", "bad-cell", "bad-la-code"],
)
def test_a_bad_file_is_refused_and_nothing_changes(tmp_path, make, message):
    load(release.write_release_zip(tmp_path / "good.zip", {"ceased_plans": ["total_ceased"]}))
    before = sorted(DfePublishedFigure.objects.values_list("id", "value"))
    bad = tmp_path / "bad.zip"
    make(bad)

    with pytest.raises(CommandError, match=message):
        load(bad)

    assert sorted(DfePublishedFigure.objects.values_list("id", "value")) == before
    assert DfeRelease.objects.count() == 1


def _rewrite_la_code(path) -> bool:
    with zipfile.ZipFile(path) as archive:
        text = archive.read("data/requests.csv").decode("utf-8-sig")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data/requests.csv", text.replace(",838,Dorset,", ",83,Dorset,"))
    return True


def _zip_without_data(path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")


def test_if_empty_loads_a_first_release_and_leaves_a_loaded_one_alone(tmp_path):
    # make run loads the release beside the project with --if-empty, so a second run starts at once.
    path = release.write_release_zip(tmp_path / "release.zip", SMALL)
    out = StringIO()
    call_command("load_dfe_statistics", str(path), "--if-empty", stdout=out)
    assert "Loaded" in out.getvalue()
    figures, events = DfePublishedFigure.objects.count(), AuditEvent.objects.count()
    again = StringIO()
    call_command("load_dfe_statistics", str(tmp_path / "not-there.zip"), "--if-empty", stdout=again)
    assert "already loaded; nothing to do" in again.getvalue()
    assert (DfePublishedFigure.objects.count(), AuditEvent.objects.count()) == (figures, events)
