"""The SEND team's family portal pages, beside the case page (config/urls.py mounts them at the root)."""

from django.urls import path

from sendcase.portal.views import staff

app_name = "portal_staff"
urlpatterns = [
    path("family-portal/requests/", staff.account_requests, name="account-requests"),
    path("family-portal/requests/<uuid:request_id>/", staff.account_request, name="account-request"),
    path("children/<uuid:child_id>/family-portal/invite/<uuid:member_id>/", staff.invite, name="invite"),
    path(
        "children/<uuid:child_id>/family-portal/invite-young-person/",
        staff.invite_young_person,
        name="invite-young-person",
    ),
    path("children/<uuid:child_id>/family-portal/messages/<uuid:thread_id>/", staff.thread, name="thread"),
    path(
        "children/<uuid:child_id>/family-portal/accounts/<uuid:account_id>/message/",
        staff.account_message,
        name="account-message",
    ),
    path(
        "children/<uuid:child_id>/family-portal/accounts/<uuid:account_id>/switch/",
        staff.account_switch,
        name="account-switch",
    ),
    path("children/<uuid:child_id>/family-portal/documents/<uuid:document_id>/", staff.document, name="document"),
]
