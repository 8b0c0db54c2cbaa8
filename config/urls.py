from django.urls import include, path

urlpatterns = [
    path("accounts/", include("sendcase.accounts.urls")),
    path("api/v1/", include("sendcase.api.urls")),
    path("sen2/", include("sendcase.sen2.urls")),
    path("statistics/", include("sendcase.statistics.urls")),
    path("scorecard/", include("sendcase.scorecard.urls")),
    path("schedule/", include("sendcase.core.urls")),
    path("notifications/", include("sendcase.notifications.urls")),
    # The family portal (its own sign-in and sessions), and the SEND team's pages for it.
    path("family/", include("sendcase.portal.urls")),
    path("", include("sendcase.portal.staff_urls")),
    path("", include("sendcase.teams.urls")),
    path("", include("sendcase.reviews.urls")),
    path("", include("sendcase.plans.urls")),
    path("", include("sendcase.appeals.urls")),
    path("", include("sendcase.staff.urls")),
]
