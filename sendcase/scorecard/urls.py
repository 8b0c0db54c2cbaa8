from django.urls import path, register_converter

from sendcase.scorecard import views


class FormatConverter:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "scorecard_format")

app_name = "scorecard"
urlpatterns = [
    path("", views.scorecard, name="scorecard"),
    path("download/<slug:slug>.<scorecard_format:fmt>", views.scorecard_download, name="download"),
    path("overdue/", views.overdue, name="overdue"),
    path("published/<uuid:snapshot_id>/", views.snapshot_detail, name="snapshot"),
    path(
        "published/<uuid:snapshot_id>/download/<slug:slug>.<scorecard_format:fmt>",
        views.snapshot_download,
        name="snapshot-download",
    ),
]
