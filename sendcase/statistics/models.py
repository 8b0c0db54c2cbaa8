"""The published DfE 'Education, health and care plans' figures, as loaded from a release zip.

Only each file's headline rows are kept (the row whose breakdown is the file's total, such as
"All requests for EHC needs assessments"): one number per variable, year and area. The
breakdowns by age, sex, ethnicity and setting stay in the zip.
"""

from __future__ import annotations

from django.db import models

from sendcase.core.models import BaseModel


class GeographicLevel(models.TextChoices):
    NATIONAL = "National", "England"
    REGIONAL = "Regional", "Region"
    LOCAL_AUTHORITY = "Local authority", "Council"


class DfeRelease(BaseModel):
    """One load of a release zip: which file, and how many figures it gave."""

    file_name = models.CharField(max_length=255)
    sha256 = models.CharField("SHA-256 of the zip", max_length=64)
    datasets = models.JSONField(default=list, help_text="Release files loaded, such as requests.")
    figures = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.figures:,} figures)"


class DfePublishedFigure(models.Model):
    """One published number (or the marker printed in its place) for one area and period."""

    id = models.BigAutoField(primary_key=True)
    release = models.ForeignKey(DfeRelease, on_delete=models.CASCADE, related_name="+")
    dataset = models.CharField("release file", max_length=40, help_text="File name without .csv, e.g. requests")
    time_period = models.CharField(max_length=6, help_text='As published: "2024" or "202425"')
    year = models.PositiveSmallIntegerField(
        help_text="Calendar year of activity: 2024 for both 2024 and the January 2025 census (202425)"
    )
    geographic_level = models.CharField(max_length=20, choices=GeographicLevel.choices)
    region_code = models.CharField(max_length=9, blank=True)
    region_name = models.CharField(max_length=60, blank=True)
    la_code = models.CharField("DfE LA number", max_length=3, blank=True)
    new_la_code = models.CharField("ONS code", max_length=9, blank=True)
    la_name = models.CharField(max_length=120, blank=True)
    variable = models.CharField(max_length=60)
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    marker = models.CharField(
        max_length=4,
        blank=True,
        help_text='What was published instead of a number: "x" unavailable, "z" not applicable',
    )

    class Meta:
        indexes = [
            models.Index(fields=["geographic_level", "la_code", "variable"], name="dfe_figure_la_idx"),
            models.Index(fields=["geographic_level", "region_code", "variable"], name="dfe_figure_region_idx"),
            models.Index(fields=["dataset", "time_period"], name="dfe_figure_period_idx"),
        ]

    def __str__(self) -> str:
        where = self.la_name or self.region_name or "England"
        shown = self.value if self.value is not None else self.marker
        return f"{self.dataset}.{self.variable} {self.time_period} {where}: {shown}"
