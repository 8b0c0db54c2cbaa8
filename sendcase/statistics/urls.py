from django.urls import path

from sendcase.statistics import views

app_name = "statistics"
urlpatterns = [
    path("", views.statistics_page, name="page"),
    path("<slug:measure>.csv", views.statistics_download, {"fmt": "csv"}, name="csv"),
    path("<slug:measure>.xlsx", views.statistics_download, {"fmt": "xlsx"}, name="xlsx"),
]
