from django.urls import include, path

urlpatterns = [
    path("accounts/", include("sendcase.accounts.urls")),
    path("api/v1/", include("sendcase.api.urls")),
    path("sen2/", include("sendcase.sen2.urls")),
    path("statistics/", include("sendcase.statistics.urls")),
    path("scorecard/", include("sendcase.scorecard.urls")),
    path("notifications/", include("sendcase.notifications.urls")),
    path("", include("sendcase.teams.urls")),
    path("", include("sendcase.staff.urls")),
]
