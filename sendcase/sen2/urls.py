from django.urls import path  # noqa: F401

app_name = "sen2"
urlpatterns: list = []
