from django.urls import path

from sendcase.sen2 import views

app_name = "sen2"
urlpatterns = [
    path("", views.sen2_home, name="home"),
    path("download/", views.sen2_download, name="download"),
    path("issues/", views.sen2_issues, name="issues"),
]
