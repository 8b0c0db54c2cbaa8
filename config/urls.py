from django.urls import include, path

urlpatterns = [
    path("accounts/", include("sendcase.accounts.urls")),
    path("", include("sendcase.staff.urls")),
]
