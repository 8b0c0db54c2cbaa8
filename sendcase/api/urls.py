"""REST API v1. Every route with an id answers 404 for a record the caller may not see."""

from django.urls import path

from sendcase.api.schema import SchemaView
from sendcase.api.views import casework, children

app_name = "api"
urlpatterns = [
    path("children/", children.ChildList.as_view(), name="children"),
    path("children/<str:pk>/", children.ChildDetail.as_view(), name="child"),
    path("cases/", children.CaseList.as_view(), name="cases"),
    path("requests/", casework.RequestList.as_view(), name="requests"),
    path("requests/<str:pk>/", casework.RequestDetail.as_view(), name="request"),
    path("advice/", casework.AdviceList.as_view(), name="advice-list"),
    path("advice/<str:pk>/", casework.AdviceDetail.as_view(), name="advice"),
    path("plans/", casework.PlanList.as_view(), name="plans"),
    path("plans/<str:pk>/", casework.PlanDetail.as_view(), name="plan"),
    path("events/", casework.EventList.as_view(), name="events"),
    path("schema/", SchemaView.as_view(), name="schema"),
]
