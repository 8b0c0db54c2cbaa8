from django.urls import path

from sendcase.core import views

app_name = "core"
urlpatterns = [
    path("", views.schedule_page, name="schedule"),
]
